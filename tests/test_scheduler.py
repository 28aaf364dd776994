"""The follow-up sweeper: outcomes of a send, stopping, crashes, concurrency and the rate ceiling.

Unit tests drive `Sweeper.sweep_once()` with a stub bot and a ManualClock. Crash tests use a
real PTB Bot against the fake Bot API server and a fresh Store/Sweeper after the "crash".
The load test runs the real Application (AIORateLimiter included) over 10,000 due rows.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.config import Settings
from bot.keyboards import CHECKIN_BETTER
from bot.scheduler import RatePacer, Sweeper, backoff_seconds
from bot.services import Services
from bot.storage import Store
from knowledge.checkin_texts import CHECKIN_MESSAGE
from tests.dbrows import db_executemany, db_rows
from tests.fakebot import FakeBotApi
from tests.harness import TOKEN, ManualClock, make_settings, run_bot, slot_recorder

UNUSED_URL = "http://127.0.0.1:9/bot"  # never contacted: these tests use a stub bot


class StubBot:
    """Records send_message calls; each call takes the next scripted outcome."""

    def __init__(self, *outcomes: BaseException | None) -> None:
        self.outcomes = list(outcomes)
        self.sent: list[dict[str, Any]] = []
        self.gate: asyncio.Event | None = None  # when set, sends wait for it
        self.started = asyncio.Event()
        self.delivered = asyncio.Event()

    async def send_message(self, **kwargs: Any) -> Any:
        self.started.set()
        if self.gate is not None:
            await self.gate.wait()
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if outcome is not None:
            raise outcome
        self.sent.append(kwargs)
        self.delivered.set()
        return SimpleNamespace(message_id=1000 + len(self.sent))


def sweeper_for(
    store: Store, settings: Settings, clock: ManualClock, bot: Any, **kwargs: Any
) -> Sweeper:
    return Sweeper(Services(settings, store, clock), bot, **kwargs)


@pytest.fixture
async def store(database: str | Path) -> AsyncIterator[Store]:
    async with Store(database) as s:
        yield s


@pytest.fixture
def unit_settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path, UNUSED_URL, max_send_attempts=3)


async def due_rows(store: Store, clock: ManualClock, users: range) -> list[int]:
    now = int(clock())
    ids = []
    for user in users:
        row, _ = await store.schedule_followup(user, user, now, now - 10)
        ids.append(row.id)
    return ids


async def states(store: Store, ids: list[int]) -> list[tuple[str, int]]:
    result = []
    for followup_id in ids:
        row = await store.get_followup(followup_id)
        assert row is not None
        result.append((row.state, row.attempts))
    return result


# -- pure pieces ------------------------------------------------------------------------------


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff_seconds(n) for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert backoff_seconds(50) == backoff_seconds(1000) == 6 * 3600


def max_in_window(times: list[float], window: float = 1.0) -> int:
    """The most events in any half-open sliding window [t, t + window)."""
    times = sorted(times)
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


async def test_rate_pacer_never_exceeds_its_limit_in_any_window() -> None:
    pacer = RatePacer(300)
    stopping = asyncio.Event()
    times: list[float] = []

    async def worker() -> None:
        for _ in range(90):
            assert await pacer.acquire(stopping)
            times.append(time.monotonic())

    await asyncio.gather(*(worker() for _ in range(8)))
    assert len(times) == 720
    assert max_in_window(times) <= 300


async def test_rate_pacer_gives_up_when_stopping() -> None:
    pacer = RatePacer(1)
    stopping = asyncio.Event()
    assert await pacer.acquire(stopping)
    waiter = asyncio.create_task(pacer.acquire(stopping))
    await asyncio.sleep(0.05)
    stopping.set()
    assert await asyncio.wait_for(waiter, 1) is False


# -- the outcome of one send ------------------------------------------------------------------


async def test_delivered_checkin_is_marked_sent_with_its_message(
    store: Store, unit_settings: Settings
) -> None:
    clock = ManualClock()
    (fid,) = await due_rows(store, clock, range(1, 2))
    bot = StubBot()
    assert await sweeper_for(store, unit_settings, clock, bot).sweep_once() == 1
    (call,) = bot.sent
    assert call["chat_id"] == 1 and call["text"] == CHECKIN_MESSAGE
    assert call["reply_markup"].inline_keyboard[0][0].callback_data == f"1f:{fid}:better"
    row = await store.get_followup(fid)
    assert row is not None and (row.state, row.message_id, row.sent_at) == (
        "sent",
        1001,
        int(clock()),
    )


@pytest.mark.parametrize(
    "error", [NetworkError("Bad Gateway"), TimedOut(), NetworkError("Internal Server Error")]
)
async def test_passing_errors_retry_with_backoff_then_give_up(
    store: Store, unit_settings: Settings, error: Exception
) -> None:
    clock = ManualClock()
    (fid,) = await due_rows(store, clock, range(1, 2))
    bot = StubBot(error, error, error)
    sweeper = sweeper_for(store, unit_settings, clock, bot)
    for attempt, delay in ((1, 60), (2, 120)):
        assert await sweeper.sweep_once() == 1
        row = await store.get_followup(fid)
        assert row is not None
        assert (row.state, row.attempts, row.due_at) == ("pending", attempt, int(clock()) + delay)
        clock.advance(delay - 1)
        assert await sweeper.sweep_once() == 0  # not before the backoff
        clock.advance(1)
    assert await sweeper.sweep_once() == 1  # third and last attempt (max_send_attempts=3)
    assert await states(store, [fid]) == [("failed", 3)]
    clock.advance(10 * 86400)
    assert await sweeper.sweep_once() == 0 and bot.sent == []


@pytest.mark.parametrize(
    "error",
    [
        Forbidden("Forbidden: bot was blocked by the user"),
        Forbidden("Forbidden: user is deactivated"),
        BadRequest("Bad Request: chat not found"),
    ],
)
async def test_blocked_or_missing_chat_marks_the_user_blocked(
    store: Store, unit_settings: Settings, error: Exception
) -> None:
    clock = ManualClock()
    await store.touch_user(1, None, int(clock()))
    (fid,) = await due_rows(store, clock, range(1, 2))
    sweeper = sweeper_for(store, unit_settings, clock, StubBot(error))
    assert await sweeper.sweep_once() == 1
    assert await states(store, [fid]) == [("blocked", 1)]
    assert await store.is_blocked(1)
    clock.advance(86400)
    assert await sweeper.sweep_once() == 0


async def test_other_bad_requests_fail_at_once(store: Store, unit_settings: Settings) -> None:
    clock = ManualClock()
    (fid,) = await due_rows(store, clock, range(1, 2))
    error = BadRequest("Bad Request: can't parse entities")
    assert await sweeper_for(store, unit_settings, clock, StubBot(error)).sweep_once() == 1
    assert await states(store, [fid]) == [("failed", 1)]
    assert not await store.is_blocked(1)


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_retry_after_that_surfaces_reschedules_without_counting_an_attempt(
    store: Store, unit_settings: Settings
) -> None:
    clock = ManualClock()
    ids = await due_rows(store, clock, range(1, 4))
    bot = StubBot(RetryAfter(7))
    sweeper = sweeper_for(store, unit_settings, clock, bot, concurrency=1)
    assert await sweeper.sweep_once() == 3
    # The limited row and the untried rest go back to the queue, due in 7 s, attempts intact.
    assert await states(store, ids) == [("pending", 0)] * 3
    first = await store.get_followup(ids[0])
    assert first is not None and first.due_at == int(clock()) + 7
    assert first.last_error is not None and "7" in first.last_error
    assert bot.sent == []
    clock.advance(7)
    await asyncio.sleep(0)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sweeper._pacer, "_paused_until", 0.0)  # the real 7 s pause, skipped
        assert await sweeper.sweep_once() == 3
    assert await states(store, ids) == [("sent", 1)] * 3


async def test_a_row_that_keeps_crashing_its_sender_is_given_up(
    store: Store, unit_settings: Settings
) -> None:
    clock = ManualClock()
    (fid,) = await due_rows(store, clock, range(1, 2))
    for _ in range(3):  # three senders claimed it and died before recording anything
        assert len(await store.claim_due(int(clock()), 10, 120)) == 1
        clock.advance(120)
    bot = StubBot()
    assert await sweeper_for(store, unit_settings, clock, bot).sweep_once() == 1
    assert bot.sent == []
    assert await states(store, [fid]) == [("failed", 4)]


# -- start, stop ------------------------------------------------------------------------------


async def test_stop_lets_the_send_in_flight_finish_and_hands_back_the_rest(
    store: Store, unit_settings: Settings
) -> None:
    clock = ManualClock()
    ids = await due_rows(store, clock, range(1, 4))
    bot = StubBot()
    bot.gate = asyncio.Event()
    sweeper = sweeper_for(store, unit_settings, clock, bot, concurrency=1)
    sweeper.start()
    assert sweeper.running
    await asyncio.wait_for(bot.started.wait(), 2)  # the first sweep runs at once
    stopping = asyncio.create_task(sweeper.stop())
    await asyncio.sleep(0.1)
    assert not stopping.done()  # waiting for the send in flight
    bot.gate.set()
    await asyncio.wait_for(stopping, 2)
    assert not sweeper.running
    assert len(bot.sent) == 1
    assert await states(store, ids) == [("sent", 1), ("pending", 0), ("pending", 0)]


async def test_stop_is_bounded_when_a_send_hangs(store: Store, unit_settings: Settings) -> None:
    clock = ManualClock()
    ids = await due_rows(store, clock, range(1, 2))
    bot = StubBot()
    bot.gate = asyncio.Event()  # never set: the send hangs
    sweeper = sweeper_for(store, unit_settings, clock, bot, stop_timeout=0.2)
    sweeper.start()
    await asyncio.wait_for(bot.started.wait(), 2)
    began = time.monotonic()
    await sweeper.stop()
    assert time.monotonic() - began < 1.0
    # Cancelled mid-send: the row keeps its lease and will be claimed again later.
    assert await states(store, ids) == [("sending", 1)]


async def test_a_failing_store_does_not_kill_the_sweeper(
    store: Store, unit_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    clock = ManualClock()
    await due_rows(store, clock, range(1, 2))
    bot = StubBot()
    sweeper = sweeper_for(store, unit_settings, clock, bot)
    original = store.claim_due
    calls = 0

    async def flaky(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise sqlite3.OperationalError("database is locked")
        return await original(*args, **kwargs)

    with caplog.at_level(logging.WARNING), pytest.MonkeyPatch.context() as mp:
        mp.setattr(store, "claim_due", flaky)
        sweeper.start()
        await asyncio.wait_for(bot.delivered.wait(), 3)
        await sweeper.stop()
    assert len(bot.sent) == 1 and calls >= 2
    assert any("database unavailable" in r.getMessage() for r in caplog.records)


async def test_two_sweepers_on_one_database_never_send_a_row_twice(
    database: str | Path, unit_settings: Settings
) -> None:
    clock = ManualClock()
    path = database
    async with Store(path) as setup:
        ids = await due_rows(setup, clock, range(1, 301))
    settings = unit_settings.model_copy(update={"sweep_batch_size": 7})
    a, b = Store(path), Store(path)
    await a.open()
    await b.open()
    try:
        bots = StubBot(), StubBot()
        sweepers = [
            sweeper_for(s, settings, clock, bot) for s, bot in zip((a, b), bots, strict=True)
        ]
        for _ in range(100):
            counts = await asyncio.gather(*(s.sweep_once() for s in sweepers))
            if not any(counts):
                break
        chats = Counter(call["chat_id"] for bot in bots for call in bot.sent)
        assert len(chats) == 300 and set(chats.values()) == {1}
        assert all(bot.sent for bot in bots)  # both took a share
        assert await states(a, ids) == [("sent", 1)] * 300
    finally:
        await a.close()
        await b.close()


# -- crashes ----------------------------------------------------------------------------------


class CrashingBot:
    """A real PTB Bot (talking to the fake) whose process 'dies' right after send number n."""

    def __init__(self, bot: Bot, crash_after: int) -> None:
        self.bot = bot
        self.crash_after = crash_after
        self.calls = 0
        self.crashed = asyncio.Event()

    async def send_message(self, **kwargs: Any) -> Any:
        self.calls += 1
        message = await self.bot.send_message(**kwargs)
        if self.calls == self.crash_after:
            self.crashed.set()
            await asyncio.Event().wait()  # Telegram has it; we never get to mark_sent
        return message


@pytest.fixture
async def real_bot(fake: FakeBotApi) -> AsyncIterator[Bot]:
    bot = Bot(TOKEN, base_url=fake.base_url)
    await bot.initialize()
    try:
        yield bot
    finally:
        await bot.shutdown()


def delivered(fake: FakeBotApi) -> Counter[int]:
    """How many check-ins each chat received."""
    return Counter(
        int(c.params["chat_id"])
        for c in fake.calls_of("sendMessage")
        if c.ok and c.params.get("text") == CHECKIN_MESSAGE
    )


async def run_sweeps(sweeper: Sweeper, times: int = 5) -> None:
    for _ in range(times):
        await sweeper.sweep_once()


async def test_crash_between_claim_and_send_loses_nothing(
    tmp_path: Path, database: str | Path, fake: FakeBotApi, real_bot: Bot
) -> None:
    clock = ManualClock()
    settings = make_settings(tmp_path, fake.base_url, database, lease_seconds=120)
    users = range(1, 21)
    fake.known_chats.update(users)
    async with Store(settings.database_location) as store:
        await due_rows(store, clock, users)
        claimed = await store.claim_due(int(clock()), 50, 120)
        assert len(claimed) == 20
    # ... and the process died holding the claims. Restart:
    async with Store(settings.database_location) as store:
        sweeper = sweeper_for(store, settings, clock, real_bot)
        await run_sweeps(sweeper)
        assert delivered(fake) == Counter()  # the dead sweeper's lease still holds
        clock.advance(120)
        await run_sweeps(sweeper)
        assert delivered(fake) == Counter({user: 1 for user in users})
        assert (await store.stats()).followups_sent == 20


@pytest.mark.parametrize("answered_before_restart", [False, True])
async def test_crash_between_send_and_mark_duplicates_at_most_that_row(
    tmp_path: Path,
    database: str | Path,
    fake: FakeBotApi,
    real_bot: Bot,
    answered_before_restart: bool,
) -> None:
    clock = ManualClock()
    settings = make_settings(tmp_path, fake.base_url, database, lease_seconds=120)
    users = range(1, 6)
    fake.known_chats.update(users)
    async with Store(settings.database_location) as store:
        ids = await due_rows(store, clock, users)
        crashing = CrashingBot(real_bot, crash_after=3)
        sweeper = sweeper_for(store, settings, clock, crashing, concurrency=1, stop_timeout=0.1)
        sweeper.start()
        await asyncio.wait_for(crashing.crashed.wait(), 3)
        await sweeper.stop()  # the hung "send" is cancelled: as good as killed
        assert delivered(fake) == Counter({1: 1, 2: 1, 3: 1})
        assert [s for s, _ in await states(store, ids)] == ["sent", "sent"] + ["sending"] * 3
    async with Store(settings.database_location) as store:
        if answered_before_restart:
            # The user answered the message that got through: that proves delivery.
            assert await store.record_answer(ids[2], 3, CHECKIN_BETTER, int(clock()))
        sweeper = sweeper_for(store, settings, clock, real_bot)
        await run_sweeps(sweeper)
        assert delivered(fake) == Counter({1: 1, 2: 1, 3: 1})  # leases still hold
        clock.advance(120)
        await run_sweeps(sweeper)
        expected = {1: 1, 2: 1, 3: 1 if answered_before_restart else 2, 4: 1, 5: 1}
        assert delivered(fake) == Counter(expected)
        assert [s for s, _ in await states(store, ids)] == ["sent"] * 5


# -- many check-ins, one ceiling --------------------------------------------------------------


@pytest.mark.parametrize(
    ("load", "ceiling"),
    [(10_000, 500), (600, 100)],
    ids=["10000-at-500ps", "600-at-100ps"],
)
async def test_many_due_checkins_each_sent_once_under_the_rate_ceiling(
    tmp_path: Path,
    database: str | Path,
    fake: FakeBotApi,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    load: int,
    ceiling: int,
) -> None:
    """Through the real Application (AIORateLimiter included): every chat exactly once; no
    sliding 1 s window of request starts over the configured ceiling; and at the fake
    Telegram, none over it by more than the arrival jitter of a shared event loop."""
    slots: list[float] = []  # when each send's HTTP request was let through (sender side)
    monkeypatch.setattr(RatePacer, "acquire", slot_recorder(slots))
    clock = ManualClock()
    settings = make_settings(
        tmp_path,
        fake.base_url,
        database,
        rate_limit_per_second=ceiling,
        sweep_batch_size=200,
        sweep_interval_seconds=0.05,
    )
    now = int(clock())
    chats = range(10_000_001, 10_000_001 + load)
    async with Store(settings.database_location):
        pass  # create the schema
    db_executemany(
        settings,
        "INSERT INTO followups (user_id, chat_id, created_at, due_at) VALUES (?, ?, ?, ?)",
        ((chat, chat, now - 2 * 86400, now - (chat % 600)) for chat in chats),
    )
    fake.known_chats.update(chats)

    began = time.monotonic()
    async with run_bot(settings, clock):
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 240  # a bound against hanging, not a speed target
        while sum(1 for c in fake.calls if c.method == "sendMessage") < load:
            assert loop.time() < deadline, f"only {len(fake.calls_of('sendMessage'))} sent"
            await asyncio.sleep(0.25)
        await asyncio.sleep(0.3)  # a few more sweeps: nothing else may go out
    elapsed = time.monotonic() - began

    sends = fake.calls_of("sendMessage")
    assert all(c.ok for c in sends)
    per_chat = Counter(int(c.params["chat_id"]) for c in sends)
    assert set(per_chat) == set(chats) and set(per_chat.values()) == {1}
    assert db_rows(settings, "SELECT state, COUNT(*) FROM followups GROUP BY state") == [
        ("sent", load)
    ]
    times = [c.at for c in sends]
    peak = max_in_window(times)
    span = max(times) - min(times)
    with capsys.disabled():
        print(
            f"\n{load} check-ins in {span:.1f}s of sending ({elapsed:.1f}s in all): "
            f"average {load / span:.0f}/s, busiest 1 s window {peak} at the fake, "
            f"{max_in_window(slots)} at request start (ceiling {ceiling}/s)"
        )
    # Every request passed the pacer once, where it started, and the pacer kept the ceiling.
    assert len(slots) == load
    assert max_in_window(slots) <= ceiling
    # The fake records an arrival when its handler runs on this same event loop, so a stall
    # of the loop (a busy shared machine) bunches arrivals that started paced apart; the
    # pacer's 2% margin absorbs ~20 ms of that. A broken pacer overshoots by far more
    # (AIORateLimiter alone lets up to twice the ceiling through in a sliding second).
    assert peak <= ceiling * 1.05
