"""The SQLite backend: one aiosqlite connection (WAL, secure_delete, private files).

Round trips: aiosqlite runs SQLite on a worker thread, and each awaited call is one hop to it
and back, which costs the event loop ~70-100 µs of CPU, far more than a small statement itself
(`python -m bench.hops`). So each statement is one hop (`call`: a plain function run on the
worker thread), and beginning and ending a transaction one hop each.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar, cast

import aiosqlite

from bot.storage.connection import Durability, StoreError
from bot.storage.files import make_private_file, make_side_files_private

log = logging.getLogger("bot.storage")

_T = TypeVar("_T")


def _run_statement(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> int:
    """One statement on aiosqlite's thread; returns the rows changed."""
    cursor = conn.execute(sql, params)
    try:
        return cursor.rowcount
    finally:
        cursor.close()


def _run_query(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> list[Any]:
    cursor = conn.execute(sql, params)
    try:
        return cursor.fetchall()
    finally:
        cursor.close()


def _run_many(conn: sqlite3.Connection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    conn.executemany(sql, rows).close()


def _run_synced_statement(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> int:
    """`_run_statement` with its commit synced to disk (synchronous=FULL for it alone)."""
    conn.execute("PRAGMA synchronous = FULL")
    try:
        return _run_statement(conn, sql, params)
    finally:
        conn.execute("PRAGMA synchronous = NORMAL")


def _begin(
    conn: sqlite3.Connection, full: bool, busy_timeout_ms: int | None, usual_timeout_ms: int
) -> None:
    """BEGIN IMMEDIATE, with this commit synced if `full`, waiting `busy_timeout_ms` for the
    write lock if given (then the usual wait again): one hop."""
    if full:
        conn.execute("PRAGMA synchronous = FULL")
    try:
        if busy_timeout_ms is None:
            conn.execute("BEGIN IMMEDIATE")
        else:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            try:
                conn.execute("BEGIN IMMEDIATE")
            finally:
                conn.execute(f"PRAGMA busy_timeout = {int(usual_timeout_ms)}")
    except BaseException:
        if full:
            conn.execute("PRAGMA synchronous = NORMAL")
        raise


def _end(conn: sqlite3.Connection, verb: str, full: bool) -> None:
    """COMMIT or ROLLBACK, then back to the usual synchronous=NORMAL if it was raised."""
    try:
        if verb == "COMMIT":
            conn.commit()
        else:
            conn.rollback()
    finally:
        if full:
            with suppress(sqlite3.Error):
                conn.execute("PRAGMA synchronous = NORMAL")


class SqliteTx:
    """A transaction on the SQLite connection (the Store's lock is held)."""

    def __init__(self, backend: SqliteBackend) -> None:
        self._backend = backend

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return await self._backend.call(_run_statement, sql, params)

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = await self._backend.call(_run_query, sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return await self._backend.call(_run_query, sql, params)

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        await self._backend.call(_run_many, sql, rows)


class SqliteBackend:
    """SQLite at a file path (or ":memory:"), through aiosqlite."""

    name = "sqlite"
    greatest = "MAX"

    def __init__(self, path: str, busy_timeout_ms: int, durability: Durability) -> None:
        self._path = path
        self._busy_timeout_ms = busy_timeout_ms
        self._durability = durability
        self._db: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    @property
    def location(self) -> str:
        return self._path

    @property
    def is_open(self) -> bool:
        return self._db is not None

    @property
    def _default_synchronous(self) -> str:
        return "FULL" if self._durability is Durability.FULL else "NORMAL"

    def _sync_full(self, durable: bool) -> bool:
        """Whether a commit must raise synchronous to FULL for itself (it is not already)."""
        return durable and self._durability is Durability.CRITICAL

    async def open(self) -> None:
        on_disk = self._path != ":memory:"
        if on_disk:
            make_private_file(Path(self._path))
        db = await aiosqlite.connect(self._path, isolation_level=None)
        try:
            await db.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_ms)}")
            await db.execute("PRAGMA journal_mode = WAL")
            await db.execute(f"PRAGMA synchronous = {self._default_synchronous}")
            await db.execute("PRAGMA foreign_keys = ON")
            # Deleted rows are overwritten with zeros, not just unlinked (/forget, purge).
            await db.execute("PRAGMA secure_delete = ON")
            if on_disk:
                make_side_files_private(Path(self._path))
        except BaseException:
            await db.close()
            raise
        self._db = db

    async def close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            async with self._lock:
                await db.close()

    def conn(self) -> aiosqlite.Connection:
        if self._db is None:
            raise StoreError("the store is not open")
        return self._db

    async def call(self, fn: Callable[..., _T], *args: Any) -> _T:
        """Run `fn(sqlite3_connection, *args)` on aiosqlite's thread: one hop in all.

        Uses aiosqlite's own queue (`Connection._execute`, how every aiosqlite call runs), so
        it is ordered with every other call on the connection. `fn` must not await or block
        on the event loop; a transaction in it must end (COMMIT or ROLLBACK) before it returns.
        """
        db = self.conn()
        result: _T = await db._execute(fn, db._conn, *args)  # type: ignore[no-untyped-call]
        return result

    async def call_locked(self, fn: Callable[..., _T], *args: Any) -> _T:
        async with self._lock:
            return await self.call(fn, *args)

    @asynccontextmanager
    async def transaction(
        self, busy_timeout_ms: int | None, durable: bool
    ) -> AsyncIterator[SqliteTx]:
        """BEGIN IMMEDIATE ... COMMIT under the lock; beginning and ending cost one hop each,
        however the durability is set."""
        full = self._sync_full(durable)
        async with self._lock:
            try:
                await self.call(_begin, full, busy_timeout_ms, self._busy_timeout_ms)
            except sqlite3.OperationalError as exc:
                raise StoreError(f"database busy: {exc}") from exc
            try:
                yield SqliteTx(self)
            except BaseException:
                await self.call(_end, "ROLLBACK", full)
                raise
            else:
                await self.call(_end, "COMMIT", full)

    async def fetchall(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        async with self._lock:
            rows = await self.conn().execute_fetchall(sql, params)
        return cast(list[tuple[Any, ...]], list(rows))  # rows are tuples (no row_factory)

    async def execute(self, sql: str, params: Sequence[Any], durable: bool) -> int:
        async with self._lock:
            if self._sync_full(durable):
                return await self.call(_run_synced_statement, sql, params)
            return await self.call(_run_statement, sql, params)

    async def schema_version(self) -> int:
        rows = await self.fetchall("PRAGMA user_version", ())
        return int(rows[0][0]) if rows else 0

    async def migrate(self, migrations: Sequence[str]) -> int:
        """Bring the schema up to len(migrations) by `PRAGMA user_version`."""
        target = len(migrations)
        async with self._lock:
            db = self.conn()
            cursor = await db.execute("PRAGMA user_version")
            row = await cursor.fetchone()
            await cursor.close()
            current = int(row[0]) if row else 0
            if current > target:
                raise StoreError(
                    f"database schema version {current} is newer than this bot "
                    f"({target}); upgrade the bot"
                )
            if current == target:
                return target
            # Each step is synced to disk whatever the durability: the schema is never lost.
            await db.execute("PRAGMA synchronous = FULL")
            try:
                for version in range(current, target):
                    log.info("migrating database schema to version %d", version + 1)
                    # executescript commits first; wrap each step so it applies whole or not
                    # at all.
                    await db.executescript(
                        "BEGIN IMMEDIATE;\n"
                        + migrations[version]
                        + f"\nPRAGMA user_version = {version + 1};\nCOMMIT;"
                    )
            finally:
                await db.execute(f"PRAGMA synchronous = {self._default_synchronous}")
        return target

    async def checkpoint(self, attempts: int) -> bool:
        """Copy the write-ahead log into the database and truncate it to zero bytes."""
        for attempt in range(attempts):
            try:
                async with self._lock:
                    cursor = await self.conn().execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    row = await cursor.fetchone()
                    await cursor.close()
            except sqlite3.Error as exc:
                # The rows are deleted already; the next checkpoint will finish the job.
                log.warning("checkpoint failed: %s", exc)
                return False
            if row is None or int(row[0]) == 0:
                return True
            await asyncio.sleep(0.05 * (attempt + 1))
        log.warning("could not empty the write-ahead log; erased rows may linger in it")
        return False

    async def backup(self, target: Path) -> None:
        """A consistent online copy (SQLite backup API), readable only by the bot's user."""
        make_private_file(target)
        async with self._lock:
            dest = await aiosqlite.connect(str(target))
            try:
                await self.conn().backup(dest)
            finally:
                await dest.close()
            make_side_files_private(target)
