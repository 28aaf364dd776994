"""The connection: open (pragmas, private files), close, and the ways the Store's parts run SQL.

One `Store` per process, one aiosqlite connection. Statements on it are serialised by an
asyncio lock, so a multi-statement transaction is never interleaved with another coroutine's
work. A write lock that stays taken (a backup, a purge in another process) raises `StoreError`;
that and SQLite's own errors (a full disk) are answered kindly by bot/handlers/errors.py.

Round trips: aiosqlite runs SQLite on a worker thread, and each awaited call is one hop to it
and back, which costs the event loop ~70-100 µs of CPU, far more than a small statement itself
(`python -m bench.hops`). So a hot path is one call (`_call`: a plain function run on the
worker thread, a whole transaction in one hop).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.storage.files import make_private_file, make_side_files_private

log = logging.getLogger("bot.storage")

_T = TypeVar("_T")

# How long a statement waits for another writer (a backup, purge) before giving up. The bot's
# own transactions take milliseconds; a user waiting on a locked database should hear "busy"
# within seconds, not after several waits of this in a row.
BUSY_TIMEOUT_MS = 2000
# The check-in sweeper's claim waits only briefly: it tries again at its next sweep.
BACKGROUND_BUSY_TIMEOUT_MS = 100


class StoreError(Exception):
    """The database could not do what was asked (for example, it stayed locked)."""


def _run_statement(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> int:
    """One autocommitted statement on aiosqlite's thread; returns the rows changed."""
    cursor = conn.execute(sql, params)
    try:
        return cursor.rowcount
    finally:
        cursor.close()


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


class Durability(StrEnum):
    """What a commit survives, beyond a crash of the bot's process (which loses nothing).

    The database is in WAL mode. At SQLite's synchronous=NORMAL a commit is in the operating
    system's cache and reaches the disk at the next checkpoint (about every 1000 pages): an OS
    crash or a power cut loses the commits since. At synchronous=FULL each commit is synced to
    the disk (fsync of the write-ahead log) before it returns.
    """

    NORMAL = "normal"  # no commit synced (the bot before issue 24)
    CRITICAL = "critical"  # commits that must never be lost synced; the rest NORMAL
    FULL = "full"  # every commit synced


DEFAULT_DURABILITY = Durability.CRITICAL


class Connection:
    """The connection and the helpers every part of the Store uses."""

    def __init__(
        self,
        path: str | Path,
        *,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        durability: Durability | str = DEFAULT_DURABILITY,
    ) -> None:
        self._path = str(path)
        self._busy_timeout_ms = busy_timeout_ms
        self._durability = Durability(durability)
        self._db: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()
        # The users part's memory (bot/storage/users.py): user ids stored and not blocked, as
        # far as this process knows (bounded, LRU), and their "last seen" not yet written:
        # user id -> (language code, time).
        self._known_users: OrderedDict[int, None] = OrderedDict()
        self._activity: dict[int, tuple[str | None, int]] = {}
        self._activity_flusher: asyncio.Task[None] | None = None
        # user id -> the language they chose (None: none), as stored (bounded, LRU).
        # user id -> (chosen language, chosen country), either None: see users.user_locale
        self._locales: OrderedDict[int, tuple[str | None, str | None]] = OrderedDict()

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def path(self) -> str:
        return self._path

    @property
    def is_open(self) -> bool:
        return self._db is not None

    async def open(self) -> None:
        if self._db is not None:
            return
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
        await self.migrate()

    @property
    def durability(self) -> Durability:
        return self._durability

    @property
    def _default_synchronous(self) -> str:
        return "FULL" if self._durability is Durability.FULL else "NORMAL"

    def _sync_full(self, durable: bool) -> bool:
        """Whether a commit must raise synchronous to FULL for itself (it is not already)."""
        return durable and self._durability is Durability.CRITICAL

    async def migrate(self) -> int:
        """Bring the schema up to date (bot/storage/schema.py)."""
        raise NotImplementedError

    async def _before_close(self) -> None:
        """Work to finish while the connection is still open (pending writes)."""

    async def close(self) -> None:
        await self._before_close()
        db, self._db = self._db, None
        if db is not None:
            async with self._lock:
                await db.close()

    # -- the users part's memory ------------------------------------------------------

    def _forget_cached_user(self, user_id: int) -> None:
        """The user's row changed under the cache (blocked, erased): write afresh next time."""
        self._known_users.pop(user_id, None)
        self._activity.pop(user_id, None)
        self._locales.pop(user_id, None)

    # -- running SQL -----------------------------------------------------------------------

    def _conn(self) -> aiosqlite.Connection:
        if self._db is None:
            raise StoreError("the store is not open")
        return self._db

    @asynccontextmanager
    async def _transaction(
        self, busy_timeout_ms: int | None = None, *, durable: bool = False
    ) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE ... COMMIT under the lock; rolls back on any error.

        `busy_timeout_ms` waits less than usual for the write lock (background work that can
        simply try again later: it must not hold the Store's lock, and so every user's
        request, for the whole wait while the database is locked).

        `durable`: the commit must survive an OS crash or a power cut (see `Durability`).
        Beginning and ending cost one hop each, however the durability is set.
        """
        full = self._sync_full(durable)
        async with self._lock:
            db = self._conn()
            try:
                await self._call(_begin, full, busy_timeout_ms, self._busy_timeout_ms)
            except sqlite3.OperationalError as exc:
                raise StoreError(f"database busy: {exc}") from exc
            try:
                yield db
            except BaseException:
                await self._call(_end, "ROLLBACK", full)
                raise
            else:
                await self._call(_end, "COMMIT", full)

    async def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        async with self._lock:
            rows = await self._conn().execute_fetchall(sql, params)
        return list(rows)

    async def _fetchone(self, sql: str, params: Sequence[Any] = ()) -> Any | None:
        rows = await self._fetchall(sql, params)
        return rows[0] if rows else None

    async def _call(self, fn: Callable[..., _T], *args: Any) -> _T:
        """Run `fn(sqlite3_connection, *args)` on aiosqlite's thread: one hop in all.

        Uses aiosqlite's own queue (`Connection._execute`, how every aiosqlite call runs), so
        it is ordered with every other call on the connection. `fn` must not await or block
        on the event loop; a transaction in it must end (COMMIT or ROLLBACK) before it returns.
        """
        db = self._conn()
        result: _T = await db._execute(fn, db._conn, *args)  # type: ignore[no-untyped-call]
        return result

    async def _execute(self, sql: str, params: Sequence[Any] = (), *, durable: bool = False) -> int:
        """One autocommitted statement; returns the number of rows changed. `durable`: as
        for `_transaction`."""
        async with self._lock:
            if self._sync_full(durable):
                return await self._call(_run_synced_statement, sql, params)
            return await self._call(_run_statement, sql, params)

    # -- maintenance shared by /forget and purge ---------------------------------------

    async def checkpoint(self, attempts: int = 5) -> bool:
        """Copy the write-ahead log into the database and truncate it to zero bytes.

        Another process reading the database (a backup) can hold it back: tried `attempts`
        times, a little apart. Returns True when the log was emptied.
        """
        for attempt in range(attempts):
            try:
                async with self._lock:
                    cursor = await self._conn().execute("PRAGMA wal_checkpoint(TRUNCATE)")
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
