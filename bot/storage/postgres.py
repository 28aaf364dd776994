"""The PostgreSQL backend: one asyncpg connection per Store, selected by DATABASE_URL.

The Store's parts write SQL with `?` placeholders; here they become `$1, $2, ...` (once per
statement text, cached; asyncpg then caches the prepared statement). Every error of the server
or the connection is raised as `StoreError` (a lock wait past the timeout: "database busy").
A connection that was lost (the server restarted) is opened again at the next statement.

Schema versions: the table `schema_version` (one row), the equivalent of SQLite's
`PRAGMA user_version`; each migration is one transaction, taken under an advisory lock so two
replicas starting together migrate once. Commits are durable by default on PostgreSQL
(`synchronous_commit`), whatever `Durability` says. `backup` refuses: pg_dump is the tool
(deploy/README.md).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import AsyncIterator, Awaitable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.storage.connection import BACKUP_REFUSED, StoreError

log = logging.getLogger("bot.storage")

_T = TypeVar("_T")

# pg_advisory_xact_lock key for migrations ("knee" in ASCII).
MIGRATION_LOCK_KEY = 0x6B6E6565

# Errors that mean "someone else holds the lock; try again later".
_BUSY_ERRORS: tuple[type[BaseException], ...] = (
    asyncpg.exceptions.LockNotAvailableError,
    asyncpg.exceptions.QueryCanceledError,
    asyncpg.exceptions.DeadlockDetectedError,
    asyncpg.exceptions.SerializationError,
)
_DATABASE_ERRORS: tuple[type[BaseException], ...] = (
    asyncpg.PostgresError,
    asyncpg.InterfaceError,
    asyncpg.exceptions.InternalClientError,
    OSError,
)
# Errors after which the connection is not to be used again (the server went away, or
# terminated this session): it is dropped and the next statement connects anew.
_CONNECTION_PROBLEMS: tuple[type[BaseException], ...] = (
    asyncpg.exceptions.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.InterfaceError,
    asyncpg.exceptions.InternalClientError,
    OSError,
)
_CLOSE_ERRORS: tuple[type[BaseException], ...] = (TimeoutError, *_DATABASE_ERRORS)


@functools.lru_cache(maxsize=1024)
def numbered_placeholders(sql: str) -> str:
    """`?` placeholders as PostgreSQL's `$1, $2, ...`, leaving quoted text alone."""
    out: list[str] = []
    number = 0
    quote: str | None = None
    for char in sql:
        if quote is not None:
            if char == quote:
                quote = None
            out.append(char)
        elif char in ("'", '"'):
            quote = char
            out.append(char)
        elif char == "?":
            number += 1
            out.append(f"${number}")
        else:
            out.append(char)
    return "".join(out)


def rows_changed(status: str) -> int:
    """The row count in a command tag ("UPDATE 3", "INSERT 0 1", "DELETE 0"); 0 if none."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


def redacted(url: str) -> str:
    """The URL without its password (safe for logs and /healthz)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    netloc = f"{parts.username or ''}:***@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


async def guarded(awaitable: Awaitable[_T]) -> _T:
    """Await it, raising PostgreSQL's and the connection's errors as `StoreError`. A busy one
    is raised with neither cause nor context (bot/handlers/errors.py then tells the user to
    try again), so it is raised here, after the handler, not inside it."""
    problem: StoreError
    try:
        return await awaitable
    except _BUSY_ERRORS as exc:
        problem = StoreError(f"database busy: {type(exc).__name__}")
    except _DATABASE_ERRORS as exc:
        problem = StoreError(f"database error: {type(exc).__name__}: {exc}")
        problem.__cause__ = exc
    raise problem


class PostgresTx:
    """A transaction on the PostgreSQL connection (the Store's lock is held)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        status = await guarded(self._conn.execute(numbered_placeholders(sql), *params))
        return rows_changed(status)

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = await guarded(self._conn.fetchrow(numbered_placeholders(sql), *params))
        return None if row is None else tuple(row)

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        rows = await guarded(self._conn.fetch(numbered_placeholders(sql), *params))
        return [tuple(row) for row in rows]

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        await guarded(self._conn.executemany(numbered_placeholders(sql), rows))


class PostgresBackend:
    """PostgreSQL at a `postgresql://` URL, through asyncpg."""

    name = "postgresql"
    greatest = "GREATEST"

    def __init__(self, url: str, busy_timeout_ms: int) -> None:
        self._url = url
        self._busy_timeout_ms = busy_timeout_ms
        self._conn: asyncpg.Connection | None = None
        self._open = False
        self._lock = asyncio.Lock()

    @property
    def location(self) -> str:
        return redacted(self._url)

    @property
    def is_open(self) -> bool:
        return self._open

    async def _connect(self) -> asyncpg.Connection:
        try:
            conn: asyncpg.Connection = await asyncpg.connect(
                self._url,
                timeout=10,
                server_settings={
                    "lock_timeout": f"{int(self._busy_timeout_ms)}ms",
                    "application_name": "kneebot",
                },
            )
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as exc:
            # The message names the host and the user, never the password.
            raise StoreError(
                f"cannot connect to PostgreSQL at {self.location}: {type(exc).__name__}: {exc}"
            ) from None
        return conn

    async def open(self) -> None:
        self._conn = await self._connect()
        self._open = True

    async def close(self) -> None:
        self._open = False
        conn, self._conn = self._conn, None
        if conn is not None:
            async with self._lock:
                try:
                    await asyncio.wait_for(conn.close(), timeout=5)
                except _CLOSE_ERRORS:
                    conn.terminate()

    async def _connection(self) -> asyncpg.Connection:
        """The connection, opened again if it was lost (call with the lock held)."""
        if not self._open:
            raise StoreError("the store is not open")
        if self._conn is None or self._conn.is_closed():
            log.warning("connecting to PostgreSQL again (the connection was lost)")
            self._conn = await self._connect()
        return self._conn

    @asynccontextmanager
    async def _using(self) -> AsyncIterator[asyncpg.Connection]:
        """The connection under the lock; dropped if what ran on it broke it."""
        async with self._lock:
            conn = await self._connection()
            try:
                yield conn
            except StoreError as exc:
                if isinstance(exc.__cause__, _CONNECTION_PROBLEMS) and id(self._conn) == id(conn):
                    log.warning(
                        "dropping the PostgreSQL connection: %s", type(exc.__cause__).__name__
                    )
                    self._conn = None
                    conn.terminate()
                raise

    @asynccontextmanager
    async def transaction(
        self, busy_timeout_ms: int | None, durable: bool
    ) -> AsyncIterator[PostgresTx]:
        async with self._using() as conn:
            tx = conn.transaction()
            await guarded(tx.start())
            try:
                if busy_timeout_ms is not None:
                    timeout = f"SET LOCAL lock_timeout = '{int(busy_timeout_ms)}ms'"
                    await guarded(conn.execute(timeout))
                yield PostgresTx(conn)
            except BaseException:
                if not conn.is_closed():
                    try:
                        await tx.rollback()
                    except _DATABASE_ERRORS as exc:
                        log.warning("rollback failed: %s", type(exc).__name__)
                raise
            else:
                await guarded(tx.commit())

    async def fetchall(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        async with self._using() as conn:
            return await PostgresTx(conn).fetchall(sql, params)

    async def execute(self, sql: str, params: Sequence[Any], durable: bool) -> int:
        async with self._using() as conn:
            return await PostgresTx(conn).execute(sql, params)

    async def schema_version(self) -> int:
        rows = await self.fetchall(
            "SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0 "
            "ELSE (SELECT COALESCE(MAX(version), 0) FROM schema_version) END",
            (),
        )
        return int(rows[0][0])

    async def migrate(self, migrations: Sequence[str]) -> int:
        """Bring the schema up to len(migrations): one transaction per step, each under the
        migration lock, so steps apply whole or not at all and once across replicas."""
        target = len(migrations)
        while True:
            async with self.transaction(None, True) as tx:
                await tx.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK_KEY,))
                await tx.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"
                )
                row = await tx.fetchone("SELECT version FROM schema_version")
                if row is None:
                    await tx.execute("INSERT INTO schema_version (version) VALUES (0)")
                current = 0 if row is None else int(row[0])
                if current > target:
                    raise StoreError(
                        f"database schema version {current} is newer than this bot "
                        f"({target}); upgrade the bot"
                    )
                if current == target:
                    return target
                log.info("migrating database schema to version %d", current + 1)
                await tx.execute(migrations[current])
                await tx.execute("UPDATE schema_version SET version = ?", (current + 1,))

    async def checkpoint(self, attempts: int) -> bool:
        """Nothing to do: the server checkpoints and vacuums by itself."""
        return True

    async def backup(self, target: Path) -> None:
        raise StoreError(BACKUP_REFUSED)
