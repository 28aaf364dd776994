"""Graceful shutdown: SIGTERM and SIGINT stop `python -m bot` cleanly, quickly, with exit 0."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from bot.storage import Store
from tests.botprocess import STOP_TIMEOUT, bot_env, bot_process, database_check, wal_size
from tests.fakebot import FakeBotApi

USER = 5151


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_signal_stops_the_bot_cleanly(tmp_path: Path, fake: FakeBotApi, sig: int) -> None:
    env = bot_env(tmp_path, fake.base_url)
    database = Path(env["DATABASE_PATH"])
    async with bot_process(tmp_path, env) as bot:
        answered = await fake.send_and_wait(USER, "/start", timeout=30)
        assert answered.ok, bot.log()
        assert bot.running
        code, seconds = await bot.stop(sig)
        log = bot.log()

    assert code == 0, log
    assert seconds < STOP_TIMEOUT, f"took {seconds:.1f}s to stop"
    assert "Traceback" not in log, log
    assert log.rstrip().endswith("bot: stopped"), log
    # The update was confirmed to Telegram before exiting: it will not be handled twice.
    assert not fake.pending_updates
    integrity, users = database_check(database)
    assert integrity == "ok"
    assert users == [USER]
    # SQLite removes the write-ahead log when the last connection closes cleanly.
    assert wal_size(database) is None


async def test_sigterm_lets_the_sweeper_finish_the_checkin_it_is_sending(
    tmp_path: Path, fake: FakeBotApi
) -> None:
    env = bot_env(tmp_path, fake.base_url)
    database = Path(env["DATABASE_PATH"])
    now = int(time.time())
    async with Store(database) as store:
        await store.touch_user(USER, "en", now - 120)
        row, _ = await store.schedule_followup(USER, USER, now - 60, now - 120)
    fake.known_chats.add(USER)

    # Telegram answers the check-in slowly; SIGTERM arrives while it is on its way.
    sending = asyncio.Event()
    read_params = fake._read_params

    async def slow_send_message(request: web.Request) -> dict[str, Any]:
        if request.path.endswith("/sendMessage"):
            sending.set()
            await asyncio.sleep(1.0)
        return await read_params(request)

    fake._read_params = slow_send_message  # type: ignore[method-assign]

    async with bot_process(tmp_path, env) as bot:
        try:
            await asyncio.wait_for(sending.wait(), 30)
        except TimeoutError:
            raise AssertionError("the check-in was never sent; log:\n" + bot.log()) from None
        code, seconds = await bot.stop(signal.SIGTERM)
        log = bot.log()

    assert code == 0, log
    assert seconds < STOP_TIMEOUT
    (sent,) = fake.calls_of("sendMessage")
    assert sent.ok and sent.params["chat_id"] == USER
    async with Store(database) as store:
        finished = await store.get_followup(row.id)
    assert finished is not None
    assert finished.state == "sent" and finished.message_id == sent.result["message_id"]
    assert database_check(database) == ("ok", [USER])
