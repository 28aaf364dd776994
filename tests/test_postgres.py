"""PostgreSQL only: migrations by the schema_version table, SKIP LOCKED claims, busy and lost
connections, the URL's password kept out of sight, backup refused in favour of pg_dump.

(The Store's behaviour on both backends is tests/test_storage.py and test_scheduler.py; the
end-to-end suites run on both too: tests/conftest.py's BOTH_BACKENDS.)
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from pydantic import SecretStr, ValidationError

from bot.config import StorageSettings, database_url_secrets
from bot.handlers.errors import database_problem
from bot.ops import OpsError, backup_database, purge_database
from bot.storage import (
    MIGRATIONS,
    POSTGRES_MIGRATIONS,
    SCHEMA_VERSION,
    Store,
    StoreError,
)
from tests.dbrows import db_rows

NOW = 1_800_000_000
TELEGRAM_ID = 7_000_000_000  # Telegram ids pass 2**31: BIGINT columns


@pytest.fixture
def backend() -> str:
    """This module is PostgreSQL only."""
    return "postgresql"


@pytest.fixture
async def admin(database: str) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(database)
    try:
        yield conn
    finally:
        await conn.close()


def tables(database: str) -> set[str]:
    rows = db_rows(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    return {r[0] for r in rows}


async def test_new_database_is_migrated_to_latest(database: str) -> None:
    assert len(POSTGRES_MIGRATIONS) == len(MIGRATIONS) == SCHEMA_VERSION
    async with Store(database) as store:
        assert store.is_postgres and store.backend == "postgresql"
        assert await store.schema_version() == SCHEMA_VERSION
        await store.touch_user(TELEGRAM_ID, "en", NOW)
        followup, created = await store.schedule_followup(TELEGRAM_ID, -TELEGRAM_ID, NOW, NOW)
        assert created and followup.chat_id == -TELEGRAM_ID
    assert {"users", "quiz_sessions", "quiz_outcomes", "followups", "schema_version"} <= tables(
        database
    )
    assert db_rows(database, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]


async def test_old_database_is_migrated_forward_keeping_its_rows(
    database: str, admin: asyncpg.Connection
) -> None:
    await admin.execute(POSTGRES_MIGRATIONS[0])
    await admin.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    await admin.execute("INSERT INTO schema_version VALUES (1)")
    await admin.execute("INSERT INTO users VALUES (7, 1, 2, 'en', 0)")
    async with Store(database) as store:
        assert await store.schema_version() == SCHEMA_VERSION
        assert await store.get_user(7) == (7, 1, 2, "en", False, None, None)
    async with Store(database) as store:  # reopening is idempotent
        assert await store.migrate() == SCHEMA_VERSION


async def test_a_newer_schema_is_refused(database: str, admin: asyncpg.Connection) -> None:
    await admin.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    await admin.execute(f"INSERT INTO schema_version VALUES ({SCHEMA_VERSION + 1})")
    store = Store(database)
    with pytest.raises(StoreError, match="newer"):
        await store.open()
    await store.close()


async def test_a_failing_migration_leaves_the_old_version(
    database: str, admin: asyncpg.Connection
) -> None:
    await admin.execute(POSTGRES_MIGRATIONS[0])
    await admin.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    await admin.execute("INSERT INTO schema_version VALUES (1)")
    await admin.execute("CREATE TABLE quiz_outcomes (x INTEGER)")  # clashes with migration 2
    store = Store(database)
    with pytest.raises(StoreError, match="DuplicateTable"):
        await store.open()
    await store.close()
    assert db_rows(database, "SELECT version FROM schema_version") == [(1,)]
    assert "quiz_sessions" not in tables(database)


async def test_replicas_starting_together_migrate_once(database: str) -> None:
    stores = [Store(database) for _ in range(4)]
    await asyncio.gather(*(s.open() for s in stores))
    try:
        assert {await s.schema_version() for s in stores} == {SCHEMA_VERSION}
        assert db_rows(database, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]
    finally:
        await asyncio.gather(*(s.close() for s in stores))


async def test_claim_skips_rows_another_session_holds(
    database: str, admin: asyncpg.Connection
) -> None:
    async with Store(database) as store:
        for user in (1, 2, 3):
            await store.schedule_followup(user, user, NOW, NOW)
        async with admin.transaction():
            await admin.execute("SELECT id FROM followups WHERE user_id = 2 FOR UPDATE")
            began = time.monotonic()
            claimed = await store.claim_due(NOW, 10, 60)
            waited = time.monotonic() - began
        assert sorted(f.user_id for f in claimed) == [1, 3]  # skipped, not waited for
        assert waited < 1.0
        assert [f.user_id for f in await store.claim_due(NOW, 10, 60)] == [2]


async def test_a_locked_table_is_busy_not_an_error(
    database: str, admin: asyncpg.Connection
) -> None:
    async with Store(database, busy_timeout_ms=50) as store:
        async with admin.transaction():
            await admin.execute("LOCK TABLE followups IN ACCESS EXCLUSIVE MODE")
            with pytest.raises(StoreError, match="busy") as raised:
                await store.schedule_followup(1, 1, NOW, NOW)
            # The sweeper's claim waits only briefly too.
            with pytest.raises(StoreError, match="busy"):
                await store.claim_due(NOW, 10, 60)
        assert database_problem(raised.value) == "busy"  # the user hears "try again"
        assert (await store.schedule_followup(1, 1, NOW, NOW))[1]


async def test_a_lost_connection_is_opened_again(database: str, admin: asyncpg.Connection) -> None:
    async with Store(database) as store:
        await store.touch_user(1, "en", NOW)
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'kneebot'"
        )
        for _ in range(50):  # the next statement may fail (StoreError); then it reconnects
            try:
                if await store.get_user(1) is not None:
                    break
            except StoreError:
                pass
            await asyncio.sleep(0.05)
        assert await store.get_user(1) is not None


async def test_the_password_is_never_shown(postgres_server: object) -> None:
    url = "postgresql://kneebot:hunter2@127.0.0.1:1/kneebot"
    store = Store(url)
    assert "hunter2" not in store.path and store.path.startswith("postgresql://kneebot:***@")
    with pytest.raises(StoreError) as raised:
        await store.open()
    assert "hunter2" not in str(raised.value) and "cannot connect" in str(raised.value)
    assert database_url_secrets(SecretStr(url)) == [url, "hunter2"]


def test_database_url_setting(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("DATABASE_URL=postgresql://u:p@db/kneebot\n")
    settings = StorageSettings(_env_file=env)  # type: ignore[call-arg]
    assert settings.database_location == "postgresql://u:p@db/kneebot"
    assert "u:p" not in repr(settings)
    env.write_text("DATABASE_URL=\n")
    assert StorageSettings(_env_file=env).database_location == Path(  # type: ignore[call-arg]
        "./kneebot.sqlite3"
    )
    env.write_text("DATABASE_URL=mysql://u:p@db/kneebot\n")
    with pytest.raises(ValidationError, match="postgresql://"):
        StorageSettings(_env_file=env)  # type: ignore[call-arg]


async def test_backup_refuses_and_purge_works(database: str, tmp_path: Path) -> None:
    async with Store(database) as store:
        await store.touch_user(1, None, NOW)
        await store.start_quiz(1, 1, "aaaa11", "", NOW)
        await store.finish_quiz(1, "aaaa11", "", "topics:cyst", NOW)
    target = tmp_path / "copy.sqlite3"

    def run_ops() -> tuple[str, int]:  # the CLI commands run their own event loop
        with pytest.raises(OpsError) as refused:
            backup_database(database, target)
        return str(refused.value), purge_database(database, 1, NOW + 2 * 86_400).deleted

    message, deleted = await asyncio.to_thread(run_ops)
    assert "pg_dump" in message and not target.exists()
    assert deleted == 1
    assert db_rows(database, "SELECT COUNT(*) FROM quiz_outcomes") == [(0,)]


def test_missing_binaries_skip_locally_and_fail_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    from _pytest.outcomes import Failed, Skipped

    from tests import pgserver

    monkeypatch.setattr(pgserver, "find_binaries", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(Skipped, match="PostgreSQL binaries"):
        pgserver.start_server()
    monkeypatch.setenv("CI", "1")
    with pytest.raises(Failed, match="CI is set"):
        pgserver.start_server()


def test_binaries_are_found_off_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Debian's package puts them in /usr/lib/postgresql/<version>/bin, not on PATH."""
    from tests import pgserver

    monkeypatch.setenv("PATH", str(tmp_path))
    found = pgserver.find_binaries()
    if found is None:
        pytest.skip("no /usr/lib/postgresql/*/bin here")
    assert (found / "initdb").is_file() and (found / "pg_ctl").is_file()


def test_an_unreachable_database_url_stops_the_start_with_one_line(tmp_path: Path) -> None:
    from bot.startup import StartupError, check_database
    from tests.harness import make_settings

    url = "postgresql://kneebot:hunter2@127.0.0.1:1/kneebot"
    settings = make_settings(tmp_path, "http://127.0.0.1:9/bot", url)
    with pytest.raises(StartupError) as raised:
        check_database(settings)
    line = str(raised.value)
    assert "check DATABASE_URL" in line and "hunter2" not in line and "\n" not in line
    assert not (tmp_path / "bot.sqlite3").exists()  # no SQLite file made on the side


async def test_preflight_migrates_a_reachable_database(database: str, tmp_path: Path) -> None:
    from bot.startup import check_database
    from tests.harness import make_settings

    settings = make_settings(tmp_path, "http://127.0.0.1:9/bot", database)
    await asyncio.to_thread(check_database, settings)  # runs its own event loop
    assert db_rows(database, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]
