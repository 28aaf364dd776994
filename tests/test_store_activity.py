"""'Last seen' batching: a new user is written once, later activity waits in memory (bounded)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import bot.storage.users
from bot.storage import Store

NOW = 1_800_000_000


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = Store(tmp_path / "bot.sqlite3")
    await s.open()
    try:
        yield s
    finally:
        await s.close()


async def traced(store: Store) -> list[str]:
    statements: list[str] = []
    await store._conn().set_trace_callback(statements.append)
    return statements


def writes(statements: list[str]) -> list[str]:
    return [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]


async def test_a_new_user_is_written_at_once_and_later_activity_waits(store: Store) -> None:
    statements = await traced(store)
    await store.note_activity(7, "en", NOW)
    assert await store.get_user(7) == (7, NOW, NOW, "en", False, None, None)
    assert len(writes(statements)) == 1
    statements.clear()
    for second in range(1, 101):
        await store.note_activity(7, "en", NOW + second)
    assert writes(statements) == []  # 100 updates, no write
    assert await store.get_user(7) == (7, NOW, NOW, "en", False, None, None)
    assert await store.flush_activity() == 1
    assert await store.get_user(7) == (7, NOW, NOW + 100, "en", False, None, None)
    assert len(writes(statements)) == 1  # one UPDATE statement for the batch
    assert await store.flush_activity() == 0


async def test_last_seen_never_moves_back(store: Store) -> None:
    await store.note_activity(7, "en", NOW + 50)
    await store.note_activity(7, None, NOW + 10)  # e.g. a clock step back
    await store.flush_activity()
    assert await store.get_user(7) == (7, NOW + 50, NOW + 50, "en", False, None, None)


async def test_talking_after_a_block_unblocks_at_once(store: Store) -> None:
    await store.note_activity(7, "en", NOW)
    await store.mark_blocked(7, NOW + 1)
    assert await store.is_blocked(7)
    await store.note_activity(7, "en", NOW + 2)
    assert not await store.is_blocked(7)  # written at once, not at the next flush


async def test_talking_after_forget_stores_the_user_afresh(store: Store) -> None:
    await store.note_activity(7, "en", NOW)
    await store.note_activity(7, "en", NOW + 5)  # pending
    await store.forget_user(7)
    await store.flush_activity()  # the pending time must not bring anything back
    assert await store.get_user(7) is None
    await store.note_activity(7, "de", NOW + 9)
    assert await store.get_user(7) == (7, NOW + 9, NOW + 9, "de", False, None, None)


async def test_close_writes_what_is_pending(tmp_path: Path) -> None:
    store = Store(tmp_path / "bot.sqlite3")
    await store.open()
    await store.note_activity(7, "en", NOW)
    await store.note_activity(7, "en", NOW + 30)
    await store.close()
    async with Store(tmp_path / "bot.sqlite3") as again:
        assert await again.get_user(7) == (7, NOW, NOW + 30, "en", False, None, None)


async def test_the_batch_is_bounded(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.storage.users, "ACTIVITY_BATCH_LIMIT", 10)
    for user in range(1, 21):
        await store.note_activity(user, "en", NOW)
    for user in range(1, 21):
        await store.note_activity(user, "en", NOW + 1)
    assert len(store._activity) < 10  # flushed when 10 were waiting
    assert (await store.get_user(1)) == (1, NOW, NOW + 1, "en", False, None, None)


async def test_a_timer_writes_pending_activity(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bot.storage.users, "ACTIVITY_FLUSH_SECONDS", 0.05)
    await store.note_activity(7, "en", NOW)
    await store.note_activity(7, "en", NOW + 3)
    for _ in range(100):
        user = await store.get_user(7)
        if user is not None and user[2] == NOW + 3:
            break
        await asyncio.sleep(0.02)
    assert await store.get_user(7) == (7, NOW, NOW + 3, "en", False, None, None)


async def test_known_users_are_bounded(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.storage.users, "KNOWN_USERS_LIMIT", 5)
    for user in range(1, 11):
        await store.note_activity(user, "en", NOW)
    assert len(store._known_users) == 5
    assert {u for u, *_ in await store._fetchall("SELECT user_id FROM users")} == set(range(1, 11))
