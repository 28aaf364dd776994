"""Faults: the bot keeps answering through 5xx bursts, slow answers, an outage, a locked
database and a full disk, and loses no check-in.

Everything runs the real Application against the fake Bot API server on 127.0.0.1. The retry
backoff is shortened (module constants) so a burst of failures takes a fraction of a second;
the outage is shortened through the settings.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import signal
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.storage import Store
from knowledge.render import render_start
from knowledge.texts import BUSY, ERROR, SAVE_FAILED
from tests.botprocess import bot_env, database_check, spawn
from tests.fakebot import FakeBotApi
from tests.harness import ManualClock, make_settings, quick_retries, run_bot, until

USERS = list(range(8001, 8011))
CHECKIN_USER = 8100
HOUR = 3600


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    quick_retries(monkeypatch, 0.2)


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
        assert all(text == render_start() for text in texts)


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
    async with bot_with_a_due_checkin(fake, tmp_path, read_timeout_seconds=0.5) as (
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


async def test_polling_resumes_within_3s_of_telegram_coming_back_after_a_long_outage(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    """PTB's own polling loop backs off to 5 s and more within 15 s of failures (1, 1.5, 2.25,
    ...); the bot caps the wait at POLL_RETRY_CAP, so it answers soon after Telegram is back."""
    user = USERS[6]
    fake.known_chats.add(user)
    settings = make_settings(tmp_path, fake.base_url)
    loop = asyncio.get_running_loop()
    async with run_bot(settings, ManualClock()):
        assert (await fake.send_and_wait(user, "/start", timeout=10)).ok
        await fake.go_away()
        await asyncio.sleep(15)
        await fake.come_back()
        back = loop.time()
        call = await fake.send_and_wait(user, "/start", timeout=30)
        waited = loop.time() - back
    assert call.ok
    assert waited <= 3.0, f"answered {waited:.1f}s after Telegram came back"


# ------------------------------------------------------------------------ database faults


async def test_a_locked_database_gets_busy_replies_and_loses_no_checkin(
    fake: FakeBotApi, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    quizzer, starter = USERS[0], USERS[1]
    async with bot_with_a_due_checkin(fake, tmp_path) as (settings, clock):
        await until(lambda: checkin_states(settings) == ["sent"])
        async with Store(settings.database_path) as store:
            now = int(clock())
            await store.schedule_followup(CHECKIN_USER + 1, CHECKIN_USER + 1, now + HOUR, now)
        fake.known_chats.add(CHECKIN_USER + 1)
        blocker = sqlite3.connect(settings.database_path, isolation_level=None)
        try:
            blocker.execute("BEGIN IMMEDIATE")  # another writer holds the database
            clock.advance(2 * HOUR)  # the second check-in falls due while it is locked
            quiz = await fake.send_and_wait(quizzer, "/quiz", timeout=20)
            start = await fake.send_and_wait(starter, "/start", timeout=20)
            assert checkin_states(settings) == ["sent", "pending"]
        finally:
            blocker.rollback()
            blocker.close()
        assert quiz.ok and quiz.params["text"] == BUSY  # needs to write: told to try again
        assert start.ok and start.params["text"] == render_start()  # reads only: answered
        # Unlocked: the check-in goes out, and the same command works.
        await until(lambda: checkin_states(settings) == ["sent", "sent"], timeout=30)
        assert len(delivered(fake, CHECKIN_USER + 1)) == 1
        again = await fake.send_and_wait(quizzer, "/quiz", timeout=20)
        assert again.ok and again.params["text"] not in (BUSY, ERROR, SAVE_FAILED)
    sweeps = [r for r in caplog.records if "follow-up sweep" in r.getMessage()]
    assert all(r.levelno == logging.WARNING and not r.exc_info for r in sweeps)


FULL_DISK_LIMIT = 64 * 1024  # bytes any one file of the bot may grow to (RLIMIT_FSIZE)


@asynccontextmanager
async def bot_with_a_small_disk(
    tmp_path: Path, fake: FakeBotApi, limit: int
) -> AsyncIterator[tuple[asyncio.subprocess.Process, list[str]]]:
    """`python -m bot` in a child process whose files cannot grow past `limit` bytes: writes
    beyond it fail with EFBIG, which SQLite reports as "database or disk is full" (Python
    ignores SIGXFSZ). The log goes to a pipe, which the limit does not apply to."""
    env = bot_env(tmp_path, fake.base_url, SWEEP_INTERVAL_SECONDS="0.2")

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    process = await spawn(
        tmp_path,
        env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        preexec_fn=small_disk,
    )
    lines: list[str] = []

    async def drain() -> None:
        assert process.stdout is not None
        async for raw in process.stdout:
            lines.append(raw.decode("utf-8", "replace").rstrip("\n"))

    reader = asyncio.create_task(drain())
    try:
        yield process, lines
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await reader


async def test_a_full_disk_is_told_kindly_and_loses_no_checkin(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    database = tmp_path / "bot.sqlite3"
    async with Store(database):
        pass  # the schema exists; the bot only adds rows
    users = list(range(8201, 8261))
    fake.known_chats.update({*users, CHECKIN_USER})
    async with bot_with_a_small_disk(tmp_path, fake, FULL_DISK_LIMIT) as (process, lines):
        await fake.wait_for("setMyCommands", timeout=30)
        replies: dict[int, str] = {}
        for user in users:  # each /quiz writes a row; the write-ahead log grows to the limit
            call = await fake.send_and_wait(user, "/quiz", timeout=20)
            assert call.ok
            replies[user] = call.params["text"]
            if replies[user] == SAVE_FAILED:
                break
        refused = [user for user, text in replies.items() if text == SAVE_FAILED]
        assert refused, "the disk never filled up"
        assert not [text for text in replies.values() if text in (BUSY, ERROR)]
        # Reading still works: /start is answered in full.
        assert (await fake.send_and_wait(users[-1], "/start")).params["text"] == render_start()

        # A check-in falls due while the disk is full (written by another process).
        now = int(time.time())
        async with Store(database) as store:
            await store.schedule_followup(CHECKIN_USER, CHECKIN_USER, now - 1, now - 2 * 86_400)
        await asyncio.sleep(2.0)  # several sweeps fail meanwhile
        with closing(sqlite3.connect(database)) as db:
            assert [r[0] for r in db.execute("SELECT state FROM followups")] == ["pending"]
        assert delivered(fake, CHECKIN_USER) == []

        # Space again: the check-in goes out and the refused user's /quiz works.
        resource.prlimit(
            process.pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY)
        )
        await until(lambda: len(delivered(fake, CHECKIN_USER)) == 1, timeout=30)
        again = await fake.send_and_wait(refused[0], "/quiz", timeout=20)
        assert again.ok and again.params["text"] not in (BUSY, ERROR, SAVE_FAILED)
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 20)
    log = "\n".join(lines)
    assert code == 0, log[-3000:]
    sweep_lines = [line for line in lines if "follow-up sweep: database unavailable" in line]
    # Many sweeps failed, but the log says so once a minute (with a count), not every time.
    assert len(sweep_lines) == 1, log[-3000:]
    assert database_check(database)[0] == "ok"
    with closing(sqlite3.connect(database)) as db:
        assert [r[0] for r in db.execute("SELECT state FROM followups")] == ["sent"]


def test_what_the_user_hears_about_each_database_problem() -> None:
    from bot.handlers.errors import database_problem, user_message_for
    from bot.storage import StoreError

    def wrapped(inner: BaseException) -> StoreError:
        try:
            raise StoreError(f"database busy: {inner}") from inner
        except StoreError as exc:
            return exc

    locked = sqlite3.OperationalError("database is locked")
    full = sqlite3.OperationalError("database or disk is full")
    readonly = sqlite3.OperationalError("attempt to write a readonly database")
    readonly.sqlite_errorname = "SQLITE_READONLY"  # type: ignore[attr-defined]
    bug = sqlite3.OperationalError("no such table: quiz_outcomes")
    assert [
        database_problem(e) for e in (locked, wrapped(locked), StoreError("database busy"))
    ] == ["busy"] * 3
    assert [database_problem(e) for e in (full, wrapped(full), readonly)] == ["cannot_write"] * 3
    assert database_problem(bug) is None and database_problem(ValueError("x")) is None
    assert user_message_for(locked) == BUSY
    assert user_message_for(wrapped(full)) == SAVE_FAILED
    assert user_message_for(bug) == ERROR
