"""The connection: the Store's parts run SQL through one backend, SQLite or PostgreSQL.

`Store(location)` opens SQLite at a file path (the default: bot/storage/sqlite.py, aiosqlite)
or PostgreSQL at a `postgresql://` URL (bot/storage/postgres.py, asyncpg). The parts (users,
quiz, check-ins ...) write portable SQL with `?` placeholders and call the primitives here:
`_execute` (one autocommitted statement), `_fetchone`/`_fetchall`, and `_transaction`, which
yields a `Tx` with the same three. The few differences between the two dialects are named on
the backend (`_greatest`, `is_postgres`).

One `Store` per process, one connection. Statements on it are serialised by an asyncio lock, so
a multi-statement transaction is never interleaved with another coroutine's work. A write lock
that stays taken (a backup, a purge in another process) raises `StoreError`; that and SQLite's
own errors (a full disk) are answered kindly by bot/handlers/errors.py. PostgreSQL's errors
are raised as `StoreError` (its lock timeouts as "database busy").
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    import aiosqlite

log = logging.getLogger("bot.storage")

_T = TypeVar("_T")

# How long a statement waits for another writer (a backup, purge) before giving up. The bot's
# own transactions take milliseconds; a user waiting on a locked database should hear "busy"
# within seconds, not after several waits of this in a row. (PostgreSQL: its lock_timeout.)
BUSY_TIMEOUT_MS = 2000
# The check-in sweeper's claim waits only briefly: it tries again at its next sweep.
BACKGROUND_BUSY_TIMEOUT_MS = 100

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
BACKUP_REFUSED = (
    "the database is PostgreSQL (DATABASE_URL): `kneebot backup` copies SQLite only; "
    'use pg_dump, e.g. pg_dump --format=custom --file=kneebot.dump "$DATABASE_URL" '
    "(see deploy/README.md)"
)


class StoreError(Exception):
    """The database could not do what was asked (for example, it stayed locked)."""


class Durability(StrEnum):
    """What a commit survives, beyond a crash of the bot's process (which loses nothing).

    SQLite: the database is in WAL mode. At SQLite's synchronous=NORMAL a commit is in the
    operating system's cache and reaches the disk at the next checkpoint (about every 1000
    pages): an OS crash or a power cut loses the commits since. At synchronous=FULL each commit
    is synced to the disk (fsync of the write-ahead log) before it returns.

    PostgreSQL: every commit is durable (the server's `synchronous_commit`, on by default, is
    left as the operator set it); the setting is accepted and changes nothing.
    """

    NORMAL = "normal"  # no commit synced (the bot before issue 24)
    CRITICAL = "critical"  # commits that must never be lost synced; the rest NORMAL
    FULL = "full"  # every commit synced


DEFAULT_DURABILITY = Durability.CRITICAL


def is_postgres_url(location: str | Path) -> bool:
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


class Tx(Protocol):
    """A transaction in progress: statements with `?` placeholders, on either backend."""

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; returns the number of rows it changed."""

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        """The first row of a query (or a statement's RETURNING), or None."""

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Every row of a query (or a statement's RETURNING)."""

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for each of `rows`."""


class Backend(Protocol):
    """What the Store needs of a database: see sqlite.py and postgres.py."""

    name: str
    greatest: str  # the two-argument maximum: MAX (SQLite) or GREATEST (PostgreSQL)

    @property
    def is_open(self) -> bool: ...

    @property
    def location(self) -> str:
        """Where the database is, safe to show (a PostgreSQL URL without its password)."""

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def execute(self, sql: str, params: Sequence[Any], durable: bool) -> int: ...

    async def fetchall(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]: ...

    def transaction(
        self, busy_timeout_ms: int | None, durable: bool
    ) -> AbstractAsyncContextManager[Tx]: ...

    async def schema_version(self) -> int: ...

    async def migrate(self, migrations: Sequence[str]) -> int: ...

    async def checkpoint(self, attempts: int) -> bool: ...

    async def backup(self, target: Path) -> None: ...


def make_backend(location: str | Path, busy_timeout_ms: int, durability: Durability) -> Backend:
    if is_postgres_url(location):
        from bot.storage.postgres import PostgresBackend

        return PostgresBackend(str(location), busy_timeout_ms)
    from bot.storage.sqlite import SqliteBackend

    return SqliteBackend(str(location), busy_timeout_ms, durability)


class Connection:
    """The backend and the helpers every part of the Store uses."""

    def __init__(
        self,
        location: str | Path,
        *,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        durability: Durability | str = DEFAULT_DURABILITY,
    ) -> None:
        self._durability = Durability(durability)
        self._backend = make_backend(location, busy_timeout_ms, self._durability)
        # The users part's memory (bot/storage/users.py): user ids stored and not blocked, as
        # far as this process knows (bounded, LRU), and their "last seen" not yet written:
        # user id -> (language code, time).
        self._known_users: OrderedDict[int, None] = OrderedDict()
        self._activity: dict[int, tuple[str | None, int]] = {}
        self._activity_flusher: asyncio.Task[None] | None = None
        # user id -> (chosen language, chosen country), either None: see users.user_locale
        self._locales: OrderedDict[int, tuple[str | None, str | None]] = OrderedDict()

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def path(self) -> str:
        """The SQLite file's path, or the PostgreSQL URL without its password."""
        return self._backend.location

    @property
    def backend(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self._backend.name

    @property
    def is_postgres(self) -> bool:
        return self._backend.name == "postgresql"

    @property
    def _greatest(self) -> str:
        return self._backend.greatest

    @property
    def is_open(self) -> bool:
        return self._backend.is_open

    async def open(self) -> None:
        if self.is_open:
            return
        await self._backend.open()
        await self.migrate()

    @property
    def durability(self) -> Durability:
        return self._durability

    async def migrate(self) -> int:
        """Bring the schema up to date (bot/storage/schema.py)."""
        raise NotImplementedError

    async def _before_close(self) -> None:
        """Work to finish while the connection is still open (pending writes)."""

    async def close(self) -> None:
        await self._before_close()
        await self._backend.close()

    # -- the users part's memory ------------------------------------------------------

    def _forget_cached_user(self, user_id: int) -> None:
        """The user's row changed under the cache (blocked, erased): write afresh next time."""
        self._known_users.pop(user_id, None)
        self._activity.pop(user_id, None)
        self._locales.pop(user_id, None)

    # -- running SQL -----------------------------------------------------------------------

    def _conn(self) -> aiosqlite.Connection:
        """The aiosqlite connection (SQLite only: tests and benches trace its statements)."""
        from bot.storage.sqlite import SqliteBackend

        if not isinstance(self._backend, SqliteBackend):
            raise StoreError("not a SQLite store")
        return self._backend.conn()

    def _transaction(
        self, busy_timeout_ms: int | None = None, *, durable: bool = False
    ) -> AbstractAsyncContextManager[Tx]:
        """BEGIN ... COMMIT under the lock; rolls back on any error.

        `busy_timeout_ms` waits less than usual for the write lock (background work that can
        simply try again later: it must not hold the Store's lock, and so every user's
        request, for the whole wait while the database is locked).

        `durable`: the commit must survive an OS crash or a power cut (see `Durability`).
        """
        return self._backend.transaction(busy_timeout_ms, durable)

    async def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return await self._backend.fetchall(sql, params)

    async def _fetchone(self, sql: str, params: Sequence[Any] = ()) -> Any | None:
        rows = await self._fetchall(sql, params)
        return rows[0] if rows else None

    async def _execute(self, sql: str, params: Sequence[Any] = (), *, durable: bool = False) -> int:
        """One autocommitted statement; returns the number of rows changed. `durable`: as
        for `_transaction`."""
        return await self._backend.execute(sql, params, durable)

    async def _call(self, fn: Callable[..., _T], *args: Any) -> _T:
        """SQLite only: run `fn(sqlite3_connection, *args)` on aiosqlite's thread under the
        lock: one hop in all (a whole transaction in `fn` must end before it returns)."""
        from bot.storage.sqlite import SqliteBackend

        if not isinstance(self._backend, SqliteBackend):
            raise StoreError("not a SQLite store")
        return await self._backend.call_locked(fn, *args)

    # -- maintenance shared by /forget and purge ---------------------------------------

    async def checkpoint(self, attempts: int = 5) -> bool:
        """SQLite: copy the write-ahead log into the database and truncate it to zero bytes.

        Another process reading the database (a backup) can hold it back: tried `attempts`
        times, a little apart. Returns True when the log was emptied. PostgreSQL: nothing to
        do here (its server checkpoints by itself); True.
        """
        return await self._backend.checkpoint(attempts)
