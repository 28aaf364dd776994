"""Telegram slow but working, and Telegram slow and dropping: sends are not repeated blindly.

Issue 24: when Telegram answers ~10 s late, a 5 s timeout made every reply go out up to five
times, an apology follow it, and a check-in go out twice. The policy under test:

- a failure that certainly did not reach Telegram (refused, 5xx) is retried as before;
- a request written but not answered within the read timeout (`MaybeDelivered`) is resent at
  most once, and no apology is sent for it;
- a check-in that may have been delivered is not sent again while its lease lasts, and is
  sent again after it (no check-in lost when the request hung).

The real Application runs against the emulator on 127.0.0.1 with everything shortened: a read
timeout of 0.4 s, Telegram "10 s late" becomes 0.15 s (within the timeout) or 0.8 s (past it).
"""

from __future__ import annotations

import asyncio
import socket
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from telegram import Bot
from telegram.error import NetworkError, TimedOut

from bot.aiohttp_request import AiohttpRequest
from bot.retrying_request import MAYBE_DELIVERED_RESENDS, MaybeDelivered, maybe_delivered
from bot.storage import Store
from knowledge.render import render_start
from knowledge.texts import ERROR
from playground.emulator.server import HUNG_TEXT
from tests.fakebot import CLIENT_GONE, FakeBotApi
from tests.harness import TOKEN, ManualClock, make_settings, quick_retries, run_bot, until

READ_TIMEOUT = 0.4
LATE_BUT_IN_TIME = 0.15
LATE_PAST_TIMEOUT = 0.8
USERS = [9001, 9002, 9003]
CHECKIN_USER = 9100
LEASE = 120
MANY = 1000


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    quick_retries(monkeypatch, 0.1)


def seen(fake: FakeBotApi, chat_id: int, text: str | None = None) -> list[str]:
    """Texts the user sees in the chat (handled by the emulator, answered in time or not)."""
    texts = [msg.text for msg in fake.messages(chat_id)]
    return [t for t in texts if text is None or t == text]


def sends_to(fake: FakeBotApi, chat_id: int) -> list[Any]:
    return [c for c in fake.calls_of("sendMessage") if c.params.get("chat_id") == chat_id]


def checkin_row(path: Path) -> tuple[str, int, str | None]:
    with closing(sqlite3.connect(path)) as db:
        row = db.execute("SELECT state, attempts, last_error FROM followups").fetchone()
    return str(row[0]), int(row[1]), row[2]


def settings_for(tmp_path: Path, fake: FakeBotApi, **overrides: Any) -> Any:
    fake.known_chats.update({*USERS, CHECKIN_USER})
    values: dict[str, Any] = {
        "read_timeout_seconds": READ_TIMEOUT,
        "request_timeout_seconds": 2.0,
        "reply_retry_seconds": 10.0,
        "lease_seconds": LEASE,
    }
    values.update(overrides)
    return make_settings(tmp_path, fake.base_url, **values)


async def schedule_due_checkin(path: Path, clock: ManualClock) -> None:
    now = int(clock())
    async with Store(path) as store:
        await store.schedule_followup(CHECKIN_USER, CHECKIN_USER, now, now - 60)


# ------------------------------------------------------------ the request tells them apart


async def test_a_written_request_without_an_answer_is_maybe_delivered(fake: FakeBotApi) -> None:
    fake.known_chats.add(USERS[0])
    request = AiohttpRequest(read_timeout=READ_TIMEOUT)
    await request.initialize()
    try:
        bot = Bot(TOKEN, base_url=fake.base_url, request=request, get_updates_request=request)
        fake.hang_next("sendMessage")
        with pytest.raises(MaybeDelivered):
            await bot.send_message(USERS[0], "hello")
        fake.slow_next("sendMessage", LATE_PAST_TIMEOUT)
        with pytest.raises(MaybeDelivered):
            await bot.send_message(USERS[0], "hello again")
        await until(lambda: len(seen(fake, USERS[0])) == 1)  # the late one was handled
    finally:
        await request.shutdown()


async def test_a_refused_connection_and_a_connect_timeout_are_not_maybe_delivered() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    request = AiohttpRequest(read_timeout=READ_TIMEOUT, connect_timeout=0.3)
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as refused:
            await request.do_request(f"http://127.0.0.1:{port}/botX/sendMessage", "POST")
        assert not maybe_delivered(refused.value), "a refused connection was never sent"
        # A connect that times out (aiohttp's ConnectionTimeoutError): nothing was sent.
        session = request._session
        assert session is not None

        def connect_times_out(*args: Any, **kwargs: Any) -> Any:
            raise aiohttp.ConnectionTimeoutError("Connection timeout to host")

        session.request = connect_times_out  # type: ignore[method-assign]
        with pytest.raises(TimedOut) as connect:
            await request.do_request("http://127.0.0.1:9/botX/sendMessage", "POST")
        assert not maybe_delivered(connect.value), "a connect timeout was never sent"
    finally:
        await request.shutdown()


# ------------------------------------------------------------------ replies, in the bot


async def test_slow_but_processing_sends_each_reply_once(fake: FakeBotApi, tmp_path: Path) -> None:
    settings = settings_for(tmp_path, fake)
    async with run_bot(settings, ManualClock()):
        fake.slow_next("sendMessage", LATE_BUT_IN_TIME, times=MANY)
        for user in USERS:
            fake.push_message(user, "/start")
        await until(lambda: all(seen(fake, u) for u in USERS))
        await asyncio.sleep(2 * READ_TIMEOUT)  # time for any copy to show up
    for user in USERS:
        assert seen(fake, user) == [render_start()], "each reply exactly once, no apology"
        assert len(sends_to(fake, user)) == 1


async def test_a_reply_past_the_read_timeout_is_resent_at_most_once_without_apology(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    settings = settings_for(tmp_path, fake)
    async with run_bot(settings, ManualClock()):
        fake.slow_next("sendMessage", LATE_PAST_TIMEOUT, times=MANY)  # every answer too late
        user = USERS[0]
        fake.push_message(user, "/start")
        await until(lambda: len(sends_to(fake, user)) >= 1 + MAYBE_DELIVERED_RESENDS)
        await asyncio.sleep(3 * LATE_PAST_TIMEOUT)  # time for more copies or an apology
    tries = sends_to(fake, user)
    assert len(tries) == 1 + MAYBE_DELIVERED_RESENDS, f"resent blindly: {len(tries)} tries"
    assert seen(fake, user, ERROR) == [], "an apology for a reply that may be on screen"
    assert seen(fake, user) == [render_start()] * (1 + MAYBE_DELIVERED_RESENDS)


async def test_a_hung_reply_is_resent_once_and_arrives(fake: FakeBotApi, tmp_path: Path) -> None:
    settings = settings_for(tmp_path, fake)
    async with run_bot(settings, ManualClock()):
        user = USERS[1]
        fake.hang_next("sendMessage")  # dropped: never handled
        fake.push_message(user, "/start")
        await until(lambda: seen(fake, user) == [render_start()])
        await asyncio.sleep(2 * READ_TIMEOUT)
    assert seen(fake, user) == [render_start()]
    assert [c.description for c in sends_to(fake, user)] == [HUNG_TEXT, None]


async def test_a_reply_whose_every_try_hung_is_lost_quietly(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    settings = settings_for(tmp_path, fake)
    async with run_bot(settings, ManualClock()):
        user = USERS[2]
        fake.hang_next("sendMessage", times=1 + MAYBE_DELIVERED_RESENDS)
        fake.push_message(user, "/start")
        await until(lambda: len(sends_to(fake, user)) == 1 + MAYBE_DELIVERED_RESENDS)
        await asyncio.sleep(3 * READ_TIMEOUT)
        # The next reply to the same user goes out normally.
        fake.push_message(user, "/start")
        await until(lambda: seen(fake, user) == [render_start()])
    tries = sends_to(fake, user)
    assert [c.status for c in tries[:2]] == [CLIENT_GONE, CLIENT_GONE]
    assert len(tries) == 3, "a hung reply was tried more than twice, or an apology was sent"


async def test_certainly_undelivered_replies_are_still_retried(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    settings = settings_for(tmp_path, fake)
    async with run_bot(settings, ManualClock()):
        user = USERS[0]
        fake.fail_next("sendMessage", 502, "Bad Gateway", times=4)
        fake.push_message(user, "/start")
        await until(lambda: seen(fake, user) == [render_start()])
    assert [c.status for c in sends_to(fake, user)] == [502, 502, 502, 502, 200]


# ------------------------------------------------------------------------- check-ins


async def test_a_late_checkin_is_not_sent_again_within_its_lease(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    clock = ManualClock()
    settings = settings_for(tmp_path, fake)
    await schedule_due_checkin(settings.database_path, clock)
    fake.slow_next("sendMessage", LATE_PAST_TIMEOUT, times=MANY)
    async with run_bot(settings, clock):
        await until(lambda: len(seen(fake, CHECKIN_USER)) == 1)
        await until(lambda: (checkin_row(settings.database_path)[2] or "").startswith("maybe"))
        state, attempts, _ = checkin_row(settings.database_path)
        assert (state, attempts) == ("sending", 1)
        for _ in range(5):  # sweeps go on, well within the lease: no second copy
            clock.advance(LEASE // 6)  # 100 s in all: past the old 60 s backoff
            await asyncio.sleep(0.2)
        assert len(sends_to(fake, CHECKIN_USER)) == 1, "sent again within its lease"
        assert len(seen(fake, CHECKIN_USER)) == 1


async def test_a_hung_checkin_goes_out_after_its_lease_and_is_not_lost(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    clock = ManualClock()
    settings = settings_for(tmp_path, fake)
    await schedule_due_checkin(settings.database_path, clock)
    fake.hang_next("sendMessage")
    async with run_bot(settings, clock):
        await until(lambda: len(sends_to(fake, CHECKIN_USER)) == 1)
        await until(lambda: (checkin_row(settings.database_path)[2] or "").startswith("maybe"))
        await asyncio.sleep(0.3)
        assert seen(fake, CHECKIN_USER) == [], "a hung request is never handled"
        clock.advance(LEASE + 1)
        await until(lambda: checkin_row(settings.database_path)[0] == "sent")
    assert len(seen(fake, CHECKIN_USER)) == 1
    assert [c.status for c in sends_to(fake, CHECKIN_USER)] == [CLIENT_GONE, 200]
