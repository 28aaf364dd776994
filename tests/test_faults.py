"""Faults: the bot keeps answering through 5xx bursts, slow answers, an outage, a locked
database and a full disk, and loses no check-in.

Everything runs the real Application against the fake Bot API server on 127.0.0.1. The retry
backoff is shortened (module constants) so a burst of failures takes a fraction of a second;
the outage is shortened through the settings.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, closing
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.storage import Store
from knowledge.texts import ERROR
from tests.fakebot import FakeBotApi
from tests.harness import ManualClock, make_settings, run_bot

USERS = list(range(8001, 8011))
CHECKIN_USER = 8100
HOUR = 3600


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.retrying_request.FIRST_DELAY_SECONDS", 0.02)
    monkeypatch.setattr("bot.retrying_request.MAX_DELAY_SECONDS", 0.2)


async def until(condition: Callable[[], bool], timeout: float = 15.0) -> None:  # noqa: ASYNC109
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def delivered(fake: FakeBotApi, chat_id: int) -> list[Any]:
    """Messages the bot got through to `chat_id` (answered 200 to a client still waiting)."""
    return [
        call
        for call in fake.calls_of("sendMessage")
        if call.ok and call.params.get("chat_id") == chat_id
    ]


def answered(fake: FakeBotApi, users: list[int]) -> list[int]:
    return [user for user in users if delivered(fake, user)]


def checkin_states(settings: Settings) -> list[str]:
    with closing(sqlite3.connect(settings.database_path)) as db:
        return [row[0] for row in db.execute("SELECT state FROM followups ORDER BY id")]


async def schedule_due_checkin(settings: Settings, clock: ManualClock) -> None:
    now = int(clock())
    async with Store(settings.database_path) as store:
        await store.schedule_followup(CHECKIN_USER, CHECKIN_USER, now, now - 2 * 24 * HOUR)


async def checkin_goes_out(fake: FakeBotApi, settings: Settings, clock: ManualClock) -> None:
    """The check-in ends `sent` (moving the clock past any backoff) and reached the user."""
    for _ in range(50):
        if checkin_states(settings) == ["sent"]:
            break
        clock.advance(7 * HOUR)  # past the longest backoff
        await asyncio.sleep(0.1)
    assert checkin_states(settings) == ["sent"]
    assert len(delivered(fake, CHECKIN_USER)) == 1


@asynccontextmanager
async def bot_with_a_due_checkin(
    fake: FakeBotApi, tmp_path: Path, **overrides: Any
) -> AsyncIterator[tuple[Settings, ManualClock]]:
    clock = ManualClock()
    settings = make_settings(tmp_path, fake.base_url, **overrides)
    fake.known_chats.update({*USERS, CHECKIN_USER})
    await schedule_due_checkin(settings, clock)
    async with run_bot(settings, clock):
        yield settings, clock


def replies_are_welcomes(fake: FakeBotApi, users: list[int]) -> None:
    for user in users:
        texts = [call.params["text"] for call in delivered(fake, user)]
        assert texts and all(text != ERROR for text in texts), texts
        assert all("not a diagnosis" in text for text in texts)


# ------------------------------------------------------------------------ network faults


async def test_a_burst_of_5xx_loses_no_reply_and_no_checkin(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    fake.fail_next("sendMessage", 500, "Internal Server Error", times=6)
    fake.fail_next("sendMessage", 502, "Bad Gateway", times=6)
    async with bot_with_a_due_checkin(fake, tmp_path) as (settings, clock):
        for user in USERS:
            fake.push_message(user, "/start")
        await until(lambda: answered(fake, USERS) == USERS)
        failed = [c for c in fake.calls_of("sendMessage") if c.status >= 500]
        assert len(failed) == 12
        await checkin_goes_out(fake, settings, clock)
    replies_are_welcomes(fake, USERS)


async def test_answers_slower_than_the_timeout_are_retried(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    users = USERS[:3]
    async with bot_with_a_due_checkin(fake, tmp_path, request_timeout_seconds=0.5) as (
        settings,
        _,
    ):
        await until(lambda: checkin_states(settings) == ["sent"])
        # Every reply's first try gets its answer too late (after the 0.5 s timeout).
        fake.slow_next("sendMessage", 1.0, times=3)
        for user in users:
            fake.push_message(user, "/start")
        await until(lambda: answered(fake, users) == users, timeout=20)
        await until(lambda: len([c for c in fake.calls_of("sendMessage") if c.status == 499]) == 3)
    replies_are_welcomes(fake, users)


async def test_an_outage_shorter_than_the_retry_deadline_loses_nothing(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    users = USERS[:3]
    async with bot_with_a_due_checkin(
        fake, tmp_path, reply_retry_seconds=10, sweep_interval_seconds=0.2
    ) as (settings, clock):
        await until(lambda: checkin_states(settings) == ["sent"])
        # A new check-in falls due during the outage.
        async with Store(settings.database_path) as store:
            now = int(clock())
            await store.schedule_followup(CHECKIN_USER + 1, CHECKIN_USER + 1, now + HOUR, now)
        fake.known_chats.add(CHECKIN_USER + 1)
        mark = fake.mark()
        for user in users:
            fake.push_message(user, "/start")
        # The bot has fetched the updates; the server goes away before it can reply.
        await fake.wait_for("getUpdates", predicate=lambda c: bool(c.result), after=mark)
        await fake.go_away()
        clock.advance(2 * HOUR)
        await asyncio.sleep(2.0)
        assert answered(fake, users) == []
        await fake.come_back()
        await until(lambda: answered(fake, users) == users, timeout=15)
        # After the outage, the check-in that fell due during it goes out too.
        for _ in range(50):
            if checkin_states(settings) == ["sent", "sent"]:
                break
            clock.advance(7 * HOUR)
            await asyncio.sleep(0.1)
        assert checkin_states(settings) == ["sent", "sent"]
        assert len(delivered(fake, CHECKIN_USER + 1)) == 1
        # And the bot goes on answering.
        late_user = USERS[5]
        call = await fake.send_and_wait(late_user, "/start", timeout=15)
        assert call.ok
    replies_are_welcomes(fake, [*users, late_user])
