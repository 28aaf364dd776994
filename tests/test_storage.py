"""The Store: migrations, users, quiz rows, follow-up claims, forget, purge and backup."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Store,
    StoreError,
)
from tests.dbrows import db_rows

NOW = 1_800_000_000


@pytest.fixture
async def store(database: str | Path) -> AsyncIterator[Store]:
    s = Store(database)
    await s.open()
    yield s
    await s.close()


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


async def test_new_database_is_migrated_to_latest_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    async with Store(path) as store:
        assert await store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
    assert {"users", "quiz_sessions", "quiz_outcomes", "followups"} <= tables(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_old_database_is_migrated_forward_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:  # a database written by the first release
        db.executescript(MIGRATIONS[0])
        db.execute("INSERT INTO users VALUES (7, 1, 2, 'en', 0)")
        db.execute("PRAGMA user_version = 1")
    async with Store(path) as store:
        assert await store.schema_version() == SCHEMA_VERSION
        assert await store.get_user(7) == (7, 1, 2, "en", False, None, None)
        followup, created = await store.schedule_followup(7, 7, NOW, NOW)
        assert created and followup.state == "pending"


async def test_reopening_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "again.sqlite3"
    async with Store(path) as store:
        await store.touch_user(1, "en", NOW)
    async with Store(path) as store:
        assert await store.migrate() == SCHEMA_VERSION
        assert await store.get_user(1) is not None


async def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    store = Store(path)
    with pytest.raises(StoreError, match="newer"):
        await store.open()
    await store.close()


async def test_a_failing_migration_leaves_the_old_version(tmp_path: Path) -> None:
    path = tmp_path / "clash.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0])
        db.execute("PRAGMA user_version = 1")
        db.execute("CREATE TABLE quiz_outcomes (x)")  # clashes with migration 2
    store = Store(path)
    with pytest.raises(sqlite3.OperationalError):
        await store.open()
    await store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "quiz_sessions" not in tables(path)


async def test_touch_user_upserts_and_unblocks(store: Store) -> None:
    await store.touch_user(5, "de", NOW)
    await store.touch_user(5, None, NOW + 10)
    assert await store.get_user(5) == (5, NOW, NOW + 10, "de", False, None, None)
    await store.mark_blocked(5, NOW + 20)
    assert await store.is_blocked(5)
    await store.touch_user(5, "de", NOW + 30)
    assert not await store.is_blocked(5)


async def test_quiz_compare_and_set_rejects_stale_presses(store: Store) -> None:
    await store.start_quiz(1, 1, "abc123", "", NOW)
    assert await store.advance_quiz(1, "abc123", "", "a=n", NOW + 1)
    # the same press again (double tap) finds the state moved on
    assert not await store.advance_quiz(1, "abc123", "", "a=n", NOW + 2)
    # a press from an older quiz
    assert not await store.advance_quiz(1, "old999", "a=n", "a=n;b=y", NOW + 2)
    outcome_id = await store.finish_quiz(1, "abc123", "a=n", "topics:cyst", NOW + 3)
    assert outcome_id is not None
    assert await store.get_quiz(1) is None
    assert await store.finish_quiz(1, "abc123", "a=n", "topics:cyst", NOW + 4) is None
    assert await store.latest_outcome(1) == (outcome_id, 1, "topics:cyst", NOW + 3)


async def test_one_open_followup_per_user(store: Store) -> None:
    first, created = await store.schedule_followup(1, 1, NOW + 100, NOW)
    again, created_again = await store.schedule_followup(1, 1, NOW + 500, NOW)
    assert created and not created_again and again.id == first.id
    assert (await store.open_followup(1)) == first
    assert await store.cancel_followups(1) == 1
    assert await store.open_followup(1) is None
    newer, created = await store.schedule_followup(1, 1, NOW + 100, NOW)
    assert created and newer.id != first.id


async def test_claim_due_takes_only_due_rows_once(store: Store) -> None:
    for user in range(1, 6):
        await store.schedule_followup(user, user, NOW + user * 10, NOW)
    claimed = await store.claim_due(NOW + 30, limit=10, lease_seconds=60)
    assert [f.user_id for f in claimed] == [1, 2, 3]
    assert all(f.state == "sending" and f.attempts == 1 for f in claimed)
    assert await store.claim_due(NOW + 30, limit=10, lease_seconds=60) == []
    assert [f.user_id for f in await store.claim_due(NOW + 50, 1, 60)] == [4]


async def test_concurrent_claims_never_share_a_row(database: str | Path) -> None:
    path = database
    async with Store(path) as setup:
        for user in range(1, 201):
            await setup.schedule_followup(user, user, NOW, NOW)
    a, b = Store(path), Store(path)
    await a.open()
    await b.open()
    try:
        seen: list[int] = []
        for _ in range(30):
            batches = await asyncio.gather(a.claim_due(NOW, 7, 60), b.claim_due(NOW, 7, 60))
            seen += [f.id for batch in batches for f in batch]
        assert len(seen) == len(set(seen)) == 200
    finally:
        await a.close()
        await b.close()


async def test_expired_lease_is_claimed_again(store: Store) -> None:
    await store.schedule_followup(1, 1, NOW, NOW)
    (row,) = await store.claim_due(NOW, 10, lease_seconds=60)
    assert await store.claim_due(NOW + 59, 10, 60) == []
    (again,) = await store.claim_due(NOW + 60, 10, 60)
    assert again.id == row.id and again.attempts == 2
    assert await store.mark_sent(again.id, NOW + 61, 42)
    assert not await store.mark_sent(again.id, NOW + 62, 43)
    assert await store.claim_due(NOW + 10_000, 10, 60) == []


async def test_retry_and_give_up(store: Store) -> None:
    await store.schedule_followup(1, 1, NOW, NOW)
    (row,) = await store.claim_due(NOW, 10, 60)
    assert await store.mark_retry(row.id, "timeout", NOW + 30)
    assert await store.claim_due(NOW + 29, 10, 60) == []
    (row,) = await store.claim_due(NOW + 30, 10, 60)
    assert await store.mark_failed(row.id, "gave up")
    failed = await store.get_followup(row.id)
    assert failed is not None and failed.state == "failed" and failed.last_error == "gave up"


async def test_answer_is_recorded_once_and_only_by_its_owner(store: Store) -> None:
    await store.schedule_followup(1, 1, NOW, NOW)
    (row,) = await store.claim_due(NOW, 10, 60)
    await store.mark_sent(row.id, NOW, 9)
    assert await store.record_answer(row.id, 2, "better", NOW) is None
    answered = await store.record_answer(row.id, 1, "better", NOW)
    assert answered is not None and answered.answer == "better"
    assert await store.record_answer(row.id, 1, "hurting", NOW) is None


async def test_blocked_user_loses_open_followups(store: Store) -> None:
    await store.touch_user(1, None, NOW)
    await store.schedule_followup(1, 1, NOW + 10, NOW)
    assert await store.mark_blocked(1, NOW) == 1
    assert await store.open_followup(1) is None
    assert await store.claim_due(NOW + 100, 10, 60) == []


async def test_forget_erases_every_row_about_the_user(database: str | Path) -> None:
    path = database
    async with Store(path) as store:
        for user in (1, 2):
            await store.touch_user(user, "en", NOW)
            await store.start_quiz(user, user, "n0nce1", "", NOW)
            await store.finish_quiz(user, "n0nce1", "", "topics:cramps", NOW)
            await store.start_quiz(user, user, "n0nce2", "", NOW)
            await store.schedule_followup(user, user, NOW + 5, NOW)
        report = await store.forget_user(1)
        assert (report.users, report.quiz_sessions, report.quiz_outcomes, report.followups) == (
            1,
            1,
            1,
            1,
        )
    for table in ("users", "quiz_sessions", "quiz_outcomes", "followups"):
        ids = {r[0] for r in db_rows(path, f"SELECT user_id FROM {table}")}
        assert ids == {2}, table


async def test_stats_purge_and_backup(tmp_path: Path, database: str | Path) -> None:
    async with Store(database) as store:
        await store.touch_user(1, None, NOW)
        await store.start_quiz(1, 1, "aaaa11", "", NOW)
        outcome = await store.finish_quiz(1, "aaaa11", "", "topics:cyst", NOW)
        await store.schedule_followup(1, 1, NOW, NOW, outcome_id=outcome)
        (row,) = await store.claim_due(NOW, 5, 60)
        await store.mark_sent(row.id, NOW, 1)
        await store.schedule_followup(1, 1, NOW + 10, NOW + 1)
        stats = await store.stats()
        assert (stats.users, stats.quizzes_finished, stats.followups_pending) == (1, 1, 1)
        assert stats.followups_sent == 1

        backup = tmp_path / "copy" / "backup.sqlite3"
        if store.is_postgres:  # pg_dump's job: refused, saying so (deploy/README.md)
            with pytest.raises(StoreError, match="pg_dump"):
                await store.backup(backup)
            assert not backup.exists()
        else:
            await store.backup(backup)

        # the sent check-in and the outcome are old; the open check-in stays
        assert await store.purge(older_than=NOW + 1) == 2
        stats = await store.stats()
        assert (stats.followups_sent, stats.followups_pending, stats.quizzes_finished) == (0, 1, 0)
    if isinstance(database, str):
        return
    with sqlite3.connect(backup) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT COUNT(*) FROM followups").fetchone()[0] == 2


async def test_locked_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.sqlite3"
    store = Store(path, busy_timeout_ms=50)
    await store.open()
    blocker = sqlite3.connect(path)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StoreError):
            await store.schedule_followup(1, 1, NOW, NOW)
    finally:
        blocker.rollback()
        blocker.close()
        await store.close()


async def test_retry_after_gives_the_attempt_back(store: Store) -> None:
    await store.schedule_followup(1, 1, NOW, NOW)
    (row,) = await store.claim_due(NOW, 10, 60)
    assert await store.mark_retry(row.id, "flood", NOW + 5, count_attempt=False)
    again = await store.get_followup(row.id)
    assert again is not None and (again.state, again.attempts, again.due_at) == (
        "pending",
        0,
        NOW + 5,
    )
    assert not await store.mark_retry(row.id, "not sending", NOW + 9)


async def test_release_claims_hands_untried_rows_back(store: Store) -> None:
    for user in range(1, 4):
        await store.schedule_followup(user, user, NOW, NOW)
    claimed = await store.claim_due(NOW, 10, 60)
    await store.mark_sent(claimed[0].id, NOW, 5)
    assert await store.release_claims([f.id for f in claimed], NOW + 1) == 2
    assert await store.claim_due(NOW, 10, 60) == []
    again = await store.claim_due(NOW + 1, 10, 60)
    assert [(f.id, f.attempts) for f in again] == [(f.id, 1) for f in claimed[1:]]


async def test_answering_proves_delivery_of_a_row_left_sending(store: Store) -> None:
    await store.schedule_followup(1, 1, NOW, NOW)
    (row,) = await store.claim_due(NOW, 10, 60)  # sent, then the sender died before mark_sent
    assert await store.record_answer(row.id, 2, "better", NOW + 1) is None
    answered = await store.record_answer(row.id, 1, "better", NOW + 1)
    assert answered is not None and (answered.state, answered.sent_at) == ("sent", NOW + 1)
    assert await store.claim_due(NOW + 1000, 10, 60) == []  # never sent a second time
    assert not await store.mark_sent(row.id, NOW + 2, 9)
    cancelled, _ = await store.schedule_followup(1, 1, NOW, NOW)
    assert await store.cancel_followups(1) == 1
    assert await store.record_answer(cancelled.id, 1, "better", NOW) is None


async def test_a_language_code_that_is_not_one_is_not_stored(store: Store) -> None:
    """It comes from the user's client: invalid Unicode once made SQLite refuse the row (and
    the update's handler fail)."""
    from bot.storage import language_tag

    for user_id, code, kept in [
        (1, "en", "en"),
        (2, "pt-br", "pt-br"),
        (3, "en\ud800", None),
        (4, "\udfff", None),
        (5, "<b>", None),
        (6, "x" * 36, None),
        (7, "", None),
        (8, None, None),
    ]:
        assert language_tag(code) == kept
        await store.touch_user(user_id, code, 1)
        row = await store.get_user(user_id)
        assert row is not None and row[3] == kept


def wal_bytes(path: Path) -> int:
    return Path(f"{path}-wal").stat().st_size


async def test_checkpoint_empties_the_write_ahead_log(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with Store(path) as store:
        for user_id in range(50):
            await store.touch_user(user_id, "en", 1)
        assert wal_bytes(path) > 0
        assert await store.checkpoint()
        assert wal_bytes(path) == 0
        report = await store.forget_user(7)
        assert report.users == 1
        assert wal_bytes(path) == 0  # /forget checkpoints by itself


@pytest.mark.parametrize(("durability", "usual"), [("normal", 1), ("critical", 1), ("full", 2)])
async def test_durable_commits_raise_synchronous_only_for_themselves(
    tmp_path: Path, durability: str, usual: int
) -> None:
    """synchronous: 1 = NORMAL, 2 = FULL. A durable commit at "critical" is FULL for itself
    (tests/test_power_cut.py shows it survives); the connection goes back to NORMAL after it,
    also when the transaction fails."""
    async with Store(tmp_path / "bot.sqlite3", durability=durability) as store:
        assert await store._fetchone("PRAGMA synchronous") == (usual,)
        statements: list[str] = []
        await store._conn().set_trace_callback(statements.append)
        raised: list[int] = []

        def raises() -> int:
            done = sum("synchronous = FULL" in s for s in statements)
            statements.clear()
            return done

        await store.start_quiz(1, 1, "n", "q1", NOW)
        raised.append(raises())
        assert await store.finish_quiz(1, "n", "q1", "self_care", NOW) is not None
        raised.append(raises())
        await store.schedule_followup(1, 1, NOW + 10, NOW)
        raised.append(raises())
        assert await store.cancel_followups(1) == 1
        raised.append(raises())
        await store.forget_user(1)
        raised.append(raises())
        # Only "critical" switches, and only for the durable ones (not starting a quiz).
        assert raised == ([0, 1, 1, 1, 1] if durability == "critical" else [0] * 5)
        assert await store._fetchone("PRAGMA synchronous") == (usual,)
        with pytest.raises(RuntimeError):
            async with store._transaction(durable=True):
                raise RuntimeError("boom")
        assert await store._fetchone("PRAGMA synchronous") == (usual,)
