"""Run the real bot Application against the fake Bot API server, as run_polling would."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings
from bot.scheduler import RatePacer
from bot.services import Clock
from bot.storage import Store
from playground.runner import polling

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX"
START = 1_800_000_000.0


class ManualClock:
    """A clock the test moves by hand."""

    def __init__(self, start: float = START) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_settings(
    tmp_path: Path, base_url: str, database: str | Path | None = None, **overrides: Any
) -> Settings:
    """Settings for a test; `database` a PostgreSQL URL (tests/conftest.py's `database`)
    sets DATABASE_URL, anything else keeps SQLite at tmp_path/bot.sqlite3."""
    if isinstance(database, str):
        overrides.setdefault("database_url", database)
    values: dict[str, Any] = {
        "telegram_bot_token": TOKEN,
        "database_path": tmp_path / "bot.sqlite3",
        "telegram_api_base_url": base_url,
        "sweep_interval_seconds": 0.05,
        "rate_limit_per_second": 1000,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@asynccontextmanager
async def run_bot(
    settings: Settings, clock: Clock | None = None, store: Store | None = None
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """initialize, post_init, start polling, start ... and the same in reverse, like run_polling."""
    app = build_application(settings, clock=clock or ManualClock(), store=store)
    async with polling(app, poll_seconds=1) as running_app:
        yield running_app


def slot_recorder(
    slots: list[float],
) -> Callable[[RatePacer, asyncio.Event], Coroutine[Any, Any, bool]]:
    """`RatePacer.acquire` that also appends to `slots` the `time.monotonic()` of every slot
    it grants (where a paced send's HTTP request starts). CLOCK_MONOTONIC is the same in every
    process of the machine, so the times compare with arrivals at a fake in another process."""
    acquire = RatePacer.acquire

    async def recording_acquire(self: RatePacer, stopping: asyncio.Event) -> bool:
        took = await acquire(self, stopping)
        if took:
            slots.append(time.monotonic())  # no await since the slot was taken: same instant
        return took

    return recording_acquire


async def erase_everything(fake: Any, user: int) -> Any:
    """/forget, then its Erase button (the bot asks once first); the edit that confirms it."""
    from knowledge.texts import BUTTON_ERASE

    ask = await fake.send_and_wait(user, "/forget")
    mark = fake.mark()
    fake.press(fake.message(user, ask.result["message_id"]), BUTTON_ERASE)
    return await fake.wait_for(
        "editMessageText", predicate=lambda c: int(c.params["chat_id"]) == user, after=mark
    )


async def until(condition: Callable[[], bool], timeout: float = 15.0) -> None:  # noqa: ASYNC109
    """Wait until `condition()` holds, checking every 20 ms; fail after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def quick_retries(monkeypatch: Any, max_delay: float) -> None:
    """Replies retried within milliseconds, not seconds: fault tests stay fast."""
    monkeypatch.setattr("bot.retrying_request.FIRST_DELAY_SECONDS", 0.02)
    monkeypatch.setattr("bot.retrying_request.MAX_DELAY_SECONDS", max_delay)
