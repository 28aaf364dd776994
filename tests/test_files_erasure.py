"""/forget and purge leave no trace of the user on disk while the bot runs: not in the
database file, not in its write-ahead log, not in the shared-memory index.

The id is searched for as text, as SQLite stores a big integer (6 bytes, big-endian) and as an
SQLite varint (how rowids and record headers encode it)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from bot.ops import purge_database
from bot.storage import Store
from tests.fakebot import FakeBotApi
from tests.harness import ManualClock, erase_everything, make_settings, run_bot

# Needs 6 bytes as an SQLite integer (2**31 <= id < 2**47): Telegram ids are this large now.
USER = 7_654_321_987
OTHER = 7_000_000_123
DAY = 86_400


def sqlite_varint(value: int) -> bytes:
    """SQLite's variable-length integer: 7 bits a byte, most significant first."""
    assert 0 <= value < 1 << 56
    groups = []
    while True:
        groups.append(value & 0x7F)
        value >>= 7
        if not value:
            break
    groups.reverse()
    return bytes([g | 0x80 for g in groups[:-1]] + [groups[-1]])


def traces(value: int) -> dict[str, bytes]:
    return {
        "text": str(value).encode(),
        "int48": value.to_bytes(6, "big"),
        "varint": sqlite_varint(value),
    }


def files_of(database: Path) -> list[Path]:
    return [database, Path(f"{database}-wal"), Path(f"{database}-shm")]


def found(database: Path, value: int) -> list[str]:
    """Where the value still is: 'file:form' for each hit."""
    hits = []
    for path in files_of(database):
        data = path.read_bytes() if path.exists() else b""
        for form, needle in traces(value).items():
            if needle in data:
                hits.append(f"{path.name}:{form}")
    return hits


def test_varint_matches_sqlite_examples() -> None:
    assert sqlite_varint(0) == b"\x00"
    assert sqlite_varint(127) == b"\x7f"
    assert sqlite_varint(128) == b"\x81\x00"
    assert sqlite_varint(16383) == b"\xff\x7f"


async def test_forget_leaves_no_trace_in_any_file(fake: FakeBotApi, tmp_path: Path) -> None:
    clock = ManualClock()
    settings = make_settings(tmp_path, fake.base_url)
    database = settings.database_path
    async with run_bot(settings, clock):
        for user in (USER, OTHER):
            await fake.send_and_wait(user, "/start")
            await fake.send_and_wait(user, "/quiz")
        async with Store(database) as store:  # a check-in and an outcome, as a quiz leaves
            now = int(clock())
            await store.schedule_followup(USER, USER, now + 2 * DAY, now)
        assert found(database, USER), "the test must see the id before /forget"
        call = await erase_everything(fake, USER)
        assert call.ok
        assert found(database, USER) == []
        # The other user is untouched, and the bot goes on working.
        assert found(database, OTHER)
        assert (await fake.send_and_wait(OTHER, "/help")).ok
        assert found(database, USER) == []


async def test_purge_while_the_bot_runs_leaves_no_trace(fake: FakeBotApi, tmp_path: Path) -> None:
    clock = ManualClock(start=time.time() - 100 * DAY)
    settings = make_settings(tmp_path, fake.base_url)
    database = settings.database_path
    async with run_bot(settings, clock):
        async with Store(database) as store:
            now = int(clock())
            outcome = await store.finish_quiz(USER, "n", "s", "self_care", now)
            assert outcome is None  # no quiz in progress: nothing recorded
            await store.start_quiz(USER, USER, "nonce", "q1", now)
            assert await store.finish_quiz(USER, "nonce", "q1", "self_care", now) is not None
            row, _ = await store.schedule_followup(USER, USER, now + DAY, now)
            claimed = await store.claim_due(now + DAY, 10, 60)
            assert [f.id for f in claimed] == [row.id]
            assert await store.mark_sent(row.id, now + DAY, 1)
        assert found(database, USER)
        deleted = await asyncio.to_thread(purge_database, database, 90, int(time.time()))
        assert deleted.deleted == 2
        assert found(database, USER) == []


async def test_the_store_turns_secure_delete_on(tmp_path: Path) -> None:
    """Debian's SQLite zeroes deleted rows by default (SQLITE_SECURE_DELETE); other builds do
    not, so the Store asks for it on its connection."""
    async with Store(tmp_path / "bot.sqlite3") as store:
        assert await store._fetchone("PRAGMA secure_delete") == (1,)
