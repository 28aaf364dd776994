"""The Store: the one class that speaks SQL.

Everything the bot keeps lives in one SQLite file, reached through aiosqlite. The schema is
migrated forward by `PRAGMA user_version`. All queries are parameterised. Times are UTC epoch
seconds (integers), passed in by the caller so tests control the clock.

One `Store` per process. Statements on the single connection are serialised by an asyncio
lock, so a multi-statement transaction is never interleaved with another coroutine's work.

Round trips: aiosqlite runs SQLite on a worker thread, and each awaited call is one hop to it
and back, which costs the event loop ~70-100 µs of CPU, far more than a small statement itself
(`python -m bench.hops`). So a hot path is one call (`_call`: a plain function run on the
worker thread, a whole transaction in one hop), and "last seen" is not written per update
(`note_activity`: batched in memory, written every `ACTIVITY_FLUSH_SECONDS`, at
`ACTIVITY_BATCH_LIMIT` users, and at close).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import sqlite3
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import aiosqlite

log = logging.getLogger(__name__)

# Each entry moves the schema from version i to i + 1. Never edit a released entry: add one.
MIGRATIONS: tuple[str, ...] = (
    # 1: people who talked to the bot
    """
    CREATE TABLE users (
        user_id       INTEGER PRIMARY KEY,
        first_seen    INTEGER NOT NULL,
        last_seen     INTEGER NOT NULL,
        language_code TEXT,
        blocked       INTEGER NOT NULL DEFAULT 0
    );
    """,
    # 2: quizzes in progress and their outcomes (codes only, never free text)
    """
    CREATE TABLE quiz_sessions (
        user_id    INTEGER PRIMARY KEY,
        chat_id    INTEGER NOT NULL,
        nonce      TEXT    NOT NULL,
        message_id INTEGER,
        state      TEXT    NOT NULL,
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE TABLE quiz_outcomes (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id      INTEGER NOT NULL,
        outcome_code TEXT    NOT NULL,
        created_at   INTEGER NOT NULL
    );
    CREATE INDEX quiz_outcomes_user ON quiz_outcomes (user_id);
    CREATE INDEX quiz_outcomes_created ON quiz_outcomes (created_at);
    """,
    # 3: durable check-ins
    """
    CREATE TABLE followups (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id        INTEGER NOT NULL,
        chat_id        INTEGER NOT NULL,
        outcome_id     INTEGER,
        created_at     INTEGER NOT NULL,
        due_at         INTEGER NOT NULL,
        state          TEXT    NOT NULL DEFAULT 'pending',
        attempts       INTEGER NOT NULL DEFAULT 0,
        lease_until    INTEGER,
        last_error     TEXT,
        sent_at        INTEGER,
        message_id     INTEGER,
        answer         TEXT,
        answered_at    INTEGER,
        reminder_count INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX followups_due ON followups (state, due_at);
    CREATE INDEX followups_user ON followups (user_id);
    CREATE UNIQUE INDEX followups_one_open_per_user ON followups (user_id)
        WHERE state IN ('pending', 'sending');
    """,
    # 4: the finished quiz's answers (encoded answer ids, never free text), kept with its
    # outcome for "a summary for my doctor"; erased with the outcome by /forget and purge
    """
    ALTER TABLE quiz_outcomes ADD COLUMN answers TEXT;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)

# Follow-up states.
PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
BLOCKED = "blocked"
CANCELLED = "cancelled"
OPEN_STATES = (PENDING, SENDING)


# "Last seen" batching: how often pending activity is written, how many users may wait for it,
# and how many user ids the Store remembers as already stored (and not blocked) in this run.
ACTIVITY_FLUSH_SECONDS = 30.0
ACTIVITY_BATCH_LIMIT = 1000
KNOWN_USERS_LIMIT = 50_000

_T = TypeVar("_T")

_UPSERT_USER = (
    "INSERT INTO users (user_id, first_seen, last_seen, language_code, blocked) "
    "VALUES (?, ?, ?, ?, 0) "
    "ON CONFLICT (user_id) DO UPDATE SET last_seen = excluded.last_seen, "
    "language_code = COALESCE(excluded.language_code, users.language_code), blocked = 0"
)


def _run_statement(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> int:
    """One autocommitted statement on aiosqlite's thread; returns the rows changed."""
    cursor = conn.execute(sql, params)
    try:
        return cursor.rowcount
    finally:
        cursor.close()


def _write_activity(conn: sqlite3.Connection, rows: list[tuple[int, str | None, int]]) -> None:
    """Pending "last seen" times, one transaction (never moves last_seen back)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            "UPDATE users SET last_seen = MAX(last_seen, ?), "
            "language_code = COALESCE(?, language_code) WHERE user_id = ?",
            [(seen, language, user) for user, language, seen in rows],
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


_QUIZ_COLUMNS = "user_id, chat_id, nonce, message_id, state, started_at, updated_at"


class StoreError(Exception):
    """The database could not do what was asked (for example, it stayed locked)."""


_LANGUAGE_TAG = re.compile(r"[A-Za-z0-9-]{1,35}")


def language_tag(value: str | None) -> str | None:
    """A user's language code if it looks like one (an IETF tag such as "en" or "pt-br").

    It comes from the user's client: anything else (even invalid Unicode, which SQLite
    cannot store) is dropped rather than stored.
    """
    if value is None or not _LANGUAGE_TAG.fullmatch(value):
        return None
    return value


# How long a statement waits for another writer (a backup, purge) before giving up. The bot's
# own transactions take milliseconds; a user waiting on a locked database should hear "busy"
# within seconds, not after several waits of this in a row.
BUSY_TIMEOUT_MS = 2000
# The check-in sweeper's claim waits only briefly: it tries again at its next sweep.
BACKGROUND_BUSY_TIMEOUT_MS = 100

# Health-related data: only the bot's own user may read it, whatever the umask.
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
SIDE_FILES = ("-wal", "-shm", "-journal")


def make_private_dirs(folder: Path) -> None:
    """Create `folder` and any missing parents as 0700. Folders that exist are left alone
    (the database may live in a shared working directory); deploy/ sets up private ones."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        path.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
        os.chmod(path, PRIVATE_DIR_MODE)  # mkdir's mode is reduced by the umask


def make_private_file(path: Path) -> None:
    """Create `path` empty as 0600 if missing (SQLite takes an empty file as a new database),
    and make an existing one 0600. SQLite gives -wal and -shm the database file's mode."""
    make_private_dirs(path.parent)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)


def make_side_files_private(database: Path) -> None:
    """Make the database's -wal, -shm (and -journal) files 0600 if they exist."""
    for suffix in SIDE_FILES:
        side = Path(f"{database}{suffix}")
        with suppress(FileNotFoundError):
            os.chmod(side, PRIVATE_FILE_MODE)


class UserRow(NamedTuple):
    """A row of `users`."""

    user_id: int
    first_seen: int
    last_seen: int
    language_code: str | None
    blocked: bool


class OutcomeRow(NamedTuple):
    """A finished quiz's outcome, as stored."""

    id: int
    user_id: int
    outcome_code: str
    created_at: int


class SavedAnswers(NamedTuple):
    """An outcome with the finished quiz's encoded answers (None if they were not kept)."""

    user_id: int
    outcome_code: str
    created_at: int
    answers: str | None


@dataclass(frozen=True, slots=True)
class QuizSession:
    user_id: int
    chat_id: int
    nonce: str
    message_id: int | None
    state: str
    started_at: int
    updated_at: int


@dataclass(frozen=True, slots=True)
class Followup:
    id: int
    user_id: int
    chat_id: int
    outcome_id: int | None
    created_at: int
    due_at: int
    state: str
    attempts: int
    lease_until: int | None
    last_error: str | None
    sent_at: int | None
    message_id: int | None
    answer: str | None
    answered_at: int | None
    reminder_count: int


_FOLLOWUP_COLUMNS = (
    "id, user_id, chat_id, outcome_id, created_at, due_at, state, attempts, lease_until, "
    "last_error, sent_at, message_id, answer, answered_at, reminder_count"
)


def _followup(row: Sequence[Any]) -> Followup:
    return Followup(*row)


@dataclass(frozen=True, slots=True)
class ForgetReport:
    users: int
    quiz_sessions: int
    quiz_outcomes: int
    followups: int

    @property
    def total(self) -> int:
        return self.users + self.quiz_sessions + self.quiz_outcomes + self.followups


@dataclass(frozen=True, slots=True)
class Stats:
    users: int
    blocked_users: int
    quizzes_finished: int
    quizzes_in_progress: int
    followups_pending: int
    followups_sent: int
    followups_blocked: int
    followups_failed: int


class Store:
    """Async access to the bot's SQLite database."""

    def __init__(self, path: str | Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self._path = str(path)
        self._busy_timeout_ms = busy_timeout_ms
        self._db: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()
        # User ids stored and not blocked, as far as this process knows (bounded, LRU), and
        # their "last seen" not yet written: user id -> (language code, time).
        self._known_users: OrderedDict[int, None] = OrderedDict()
        self._activity: dict[int, tuple[str | None, int]] = {}
        self._activity_flusher: asyncio.Task[None] | None = None

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
            await db.execute("PRAGMA synchronous = NORMAL")
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

    async def close(self) -> None:
        flusher, self._activity_flusher = self._activity_flusher, None
        if flusher is not None:
            flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await flusher
        if self._db is not None:
            try:
                await self.flush_activity()
            except (StoreError, sqlite3.Error) as exc:
                log.warning("could not write pending user activity at close: %s", exc)
        db, self._db = self._db, None
        if db is not None:
            async with self._lock:
                await db.close()

    async def __aenter__(self) -> Store:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _conn(self) -> aiosqlite.Connection:
        if self._db is None:
            raise StoreError("the store is not open")
        return self._db

    @asynccontextmanager
    async def _transaction(
        self, busy_timeout_ms: int | None = None
    ) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE ... COMMIT under the lock; rolls back on any error.

        `busy_timeout_ms` waits less than usual for the write lock (background work that can
        simply try again later: it must not hold the Store's lock, and so every user's
        request, for the whole wait while the database is locked).
        """
        async with self._lock:
            db = self._conn()
            try:
                if busy_timeout_ms is None:
                    await db.execute("BEGIN IMMEDIATE")
                else:
                    await db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
                    try:
                        await db.execute("BEGIN IMMEDIATE")
                    finally:
                        await db.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_ms)}")
            except sqlite3.OperationalError as exc:
                raise StoreError(f"database busy: {exc}") from exc
            try:
                yield db
            except BaseException:
                await db.rollback()
                raise
            else:
                await db.commit()

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

    async def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """One autocommitted statement; returns the number of rows changed."""
        async with self._lock:
            return await self._call(_run_statement, sql, params)

    # -- schema ------------------------------------------------------------------------------

    async def schema_version(self) -> int:
        row = await self._fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def migrate(self) -> int:
        """Bring the schema up to SCHEMA_VERSION; returns the version reached."""
        async with self._lock:
            db = self._conn()
            cursor = await db.execute("PRAGMA user_version")
            row = await cursor.fetchone()
            await cursor.close()
            current = int(row[0]) if row else 0
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"database schema version {current} is newer than this bot "
                    f"({SCHEMA_VERSION}); upgrade the bot"
                )
            for version in range(current, SCHEMA_VERSION):
                log.info("migrating database schema to version %d", version + 1)
                # executescript commits first; wrap each step so it applies whole or not at all.
                await db.executescript(
                    "BEGIN IMMEDIATE;\n"
                    + MIGRATIONS[version]
                    + f"\nPRAGMA user_version = {version + 1};\nCOMMIT;"
                )
        return SCHEMA_VERSION

    # -- users -------------------------------------------------------------------------------

    async def touch_user(self, user_id: int, language_code: str | None, now: int) -> None:
        """Record that the user talked to us, now. Talking to us also means they no longer
        block us. (Per update, use `note_activity`: it writes only what is new.)"""
        self._activity.pop(user_id, None)
        await self._execute(_UPSERT_USER, (user_id, now, now, language_tag(language_code)))
        self._remember_user(user_id)

    async def note_activity(self, user_id: int, language_code: str | None, now: int) -> None:
        """Record that the user talked to us, with as few writes as possible.

        A user this process has not stored yet (new, or first seen since start, or since a
        block or /forget) is written at once: the row with "first seen", and `blocked` cleared.
        Otherwise only "last seen" changes, and that waits in memory (bounded) until the next
        flush: every ACTIVITY_FLUSH_SECONDS, when ACTIVITY_BATCH_LIMIT users wait, and at
        close. A crash loses at most that long of "last seen", never a user.
        """
        if user_id not in self._known_users:
            await self.touch_user(user_id, language_code, now)
            return
        self._known_users.move_to_end(user_id)
        self._activity[user_id] = (language_tag(language_code), now)
        if len(self._activity) >= ACTIVITY_BATCH_LIMIT:
            await self.flush_activity()
        elif self._activity_flusher is None or self._activity_flusher.done():
            self._activity_flusher = asyncio.create_task(
                self._flush_activity_later(), name="store-activity-flush"
            )

    async def flush_activity(self) -> int:
        """Write every pending "last seen" in one transaction; returns how many users."""
        if not self._activity:
            return 0
        pending, self._activity = self._activity, {}
        rows = [(user, language, seen) for user, (language, seen) in pending.items()]
        try:
            async with self._lock:
                await self._call(_write_activity, rows)
        except BaseException:
            # Keep what is newer than the failed batch; drop the rest (bookkeeping only).
            for user, value in pending.items():
                self._activity.setdefault(user, value)
            if len(self._activity) > ACTIVITY_BATCH_LIMIT:
                self._activity.clear()
            raise
        return len(rows)

    async def _flush_activity_later(self) -> None:
        await asyncio.sleep(ACTIVITY_FLUSH_SECONDS)
        try:
            await self.flush_activity()
        except (StoreError, sqlite3.Error) as exc:
            log.warning("could not write user activity: %s", type(exc).__name__)

    def _remember_user(self, user_id: int) -> None:
        self._known_users[user_id] = None
        self._known_users.move_to_end(user_id)
        if len(self._known_users) > KNOWN_USERS_LIMIT:
            self._known_users.popitem(last=False)

    def _forget_cached_user(self, user_id: int) -> None:
        """The user's row changed under the cache (blocked, erased): write afresh next time."""
        self._known_users.pop(user_id, None)
        self._activity.pop(user_id, None)

    async def get_user(self, user_id: int) -> UserRow | None:
        row = await self._fetchone(
            "SELECT user_id, first_seen, last_seen, language_code, blocked FROM users "
            "WHERE user_id = ?",
            (user_id,),
        )
        if row is None:
            return None
        return UserRow(int(row[0]), int(row[1]), int(row[2]), row[3], bool(row[4]))

    async def mark_blocked(self, user_id: int, now: int) -> int:
        """The user blocked the bot (or the chat is gone): stop every open check-in.

        Returns how many open check-ins were stopped.
        """
        self._forget_cached_user(user_id)
        async with self._transaction() as db:
            await db.execute("UPDATE users SET blocked = 1 WHERE user_id = ?", (user_id,))
            cursor = await db.execute(
                "UPDATE followups SET state = ?, lease_until = NULL, last_error = ? "
                "WHERE user_id = ? AND state IN (?, ?)",
                (BLOCKED, "blocked by user", user_id, *OPEN_STATES),
            )
            return cursor.rowcount

    async def is_blocked(self, user_id: int) -> bool:
        row = await self._fetchone("SELECT blocked FROM users WHERE user_id = ?", (user_id,))
        return bool(row[0]) if row else False

    async def forget_user(self, user_id: int) -> ForgetReport:
        """Erase every row about this user, from every file on disk.

        `secure_delete` zeroes the deleted rows in their pages; the checkpoint then writes
        those pages into the database file and empties the write-ahead log, which still held
        the older copies of the pages.
        """
        self._forget_cached_user(user_id)
        async with self._transaction() as db:
            counts = []
            for table in ("users", "quiz_sessions", "quiz_outcomes", "followups"):
                cursor = await db.execute(f"DELETE FROM {table} WHERE user_id = ?", (user_id,))
                counts.append(cursor.rowcount)
        await self.checkpoint()
        return ForgetReport(*counts)

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

    # -- quiz --------------------------------------------------------------------------------

    async def start_quiz(
        self, user_id: int, chat_id: int, nonce: str, state: str, now: int
    ) -> None:
        """Begin (or restart) the user's quiz; an older quiz in progress is replaced."""
        await self._execute(
            "INSERT INTO quiz_sessions "
            "(user_id, chat_id, nonce, message_id, state, started_at, updated_at) "
            "VALUES (?, ?, ?, NULL, ?, ?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET chat_id = excluded.chat_id, "
            "nonce = excluded.nonce, message_id = NULL, state = excluded.state, "
            "started_at = excluded.started_at, updated_at = excluded.updated_at",
            (user_id, chat_id, nonce, state, now, now),
        )

    async def get_quiz(self, user_id: int) -> QuizSession | None:
        row = await self._fetchone(
            "SELECT user_id, chat_id, nonce, message_id, state, started_at, updated_at "
            "FROM quiz_sessions WHERE user_id = ?",
            (user_id,),
        )
        return QuizSession(*row) if row else None

    async def set_quiz_message(self, user_id: int, nonce: str, message_id: int) -> bool:
        changed = await self._execute(
            "UPDATE quiz_sessions SET message_id = ? WHERE user_id = ? AND nonce = ?",
            (message_id, user_id, nonce),
        )
        return changed == 1

    async def advance_quiz(
        self, user_id: int, nonce: str, old_state: str, new_state: str, now: int
    ) -> bool:
        """Compare-and-set the quiz state; False when another press got there first."""
        changed = await self._execute(
            "UPDATE quiz_sessions SET state = ?, updated_at = ? "
            "WHERE user_id = ? AND nonce = ? AND state = ?",
            (new_state, now, user_id, nonce, old_state),
        )
        return changed == 1

    async def finish_quiz(
        self,
        user_id: int,
        nonce: str,
        old_state: str,
        outcome_code: str,
        now: int,
        *,
        answers: str | None = None,
    ) -> int | None:
        """End the quiz and record its outcome code (and, when given, the finished quiz's
        encoded answers); returns the outcome id, or None if stale."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "DELETE FROM quiz_sessions WHERE user_id = ? AND nonce = ? AND state = ?",
                (user_id, nonce, old_state),
            )
            if cursor.rowcount != 1:
                return None
            cursor = await db.execute(
                "INSERT INTO quiz_outcomes (user_id, outcome_code, created_at, answers) "
                "VALUES (?, ?, ?, ?)",
                (user_id, outcome_code, now, answers),
            )
            return cursor.lastrowid

    async def cancel_quiz(self, user_id: int, nonce: str | None = None) -> bool:
        if nonce is None:
            changed = await self._execute("DELETE FROM quiz_sessions WHERE user_id = ?", (user_id,))
        else:
            changed = await self._execute(
                "DELETE FROM quiz_sessions WHERE user_id = ? AND nonce = ?", (user_id, nonce)
            )
        return changed == 1

    async def get_outcome(self, outcome_id: int) -> OutcomeRow | None:
        row = await self._fetchone(
            "SELECT id, user_id, outcome_code, created_at FROM quiz_outcomes WHERE id = ?",
            (outcome_id,),
        )
        return OutcomeRow(int(row[0]), int(row[1]), str(row[2]), int(row[3])) if row else None

    async def latest_outcome(self, user_id: int) -> OutcomeRow | None:
        row = await self._fetchone(
            "SELECT id, user_id, outcome_code, created_at FROM quiz_outcomes "
            "WHERE user_id = ? ORDER BY id DESC LIMIT 1",
            (user_id,),
        )
        return OutcomeRow(int(row[0]), int(row[1]), str(row[2]), int(row[3])) if row else None

    async def save_outcome_answers(self, outcome_id: int, user_id: int, answers: str) -> bool:
        """Keep the finished quiz's encoded answers with its outcome (once); False if not theirs."""
        changed = await self._execute(
            "UPDATE quiz_outcomes SET answers = ? WHERE id = ? AND user_id = ? AND answers IS NULL",
            (answers, outcome_id, user_id),
        )
        return changed == 1

    async def outcome_answers(self, outcome_id: int) -> SavedAnswers | None:
        row = await self._fetchone(
            "SELECT user_id, outcome_code, created_at, answers FROM quiz_outcomes WHERE id = ?",
            (outcome_id,),
        )
        if row is None:
            return None
        answers = None if row[3] is None else str(row[3])
        return SavedAnswers(int(row[0]), str(row[1]), int(row[2]), answers)

    # -- follow-ups --------------------------------------------------------------------------

    async def schedule_followup(
        self,
        user_id: int,
        chat_id: int,
        due_at: int,
        now: int,
        *,
        outcome_id: int | None = None,
        reminder_count: int = 0,
    ) -> tuple[Followup, bool]:
        """Create the user's open check-in, or return the one already open.

        Returns (row, created). A user has at most one open check-in (a unique index enforces it).
        """
        async with self._transaction() as db:
            cursor = await db.execute(
                f"SELECT {_FOLLOWUP_COLUMNS} FROM followups WHERE user_id = ? AND state IN (?, ?)",
                (user_id, *OPEN_STATES),
            )
            existing = await cursor.fetchone()
            await cursor.close()
            if existing is not None:
                return _followup(existing), False
            cursor = await db.execute(
                "INSERT INTO followups (user_id, chat_id, outcome_id, created_at, due_at, state, "
                f"reminder_count) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING {_FOLLOWUP_COLUMNS}",
                (user_id, chat_id, outcome_id, now, due_at, PENDING, reminder_count),
            )
            row = await cursor.fetchone()
            await cursor.close()
            assert row is not None
            return _followup(row), True

    async def get_followup(self, followup_id: int) -> Followup | None:
        row = await self._fetchone(
            f"SELECT {_FOLLOWUP_COLUMNS} FROM followups WHERE id = ?", (followup_id,)
        )
        return _followup(row) if row else None

    async def open_followup(self, user_id: int) -> Followup | None:
        row = await self._fetchone(
            f"SELECT {_FOLLOWUP_COLUMNS} FROM followups WHERE user_id = ? AND state IN (?, ?)",
            (user_id, *OPEN_STATES),
        )
        return _followup(row) if row else None

    async def cancel_followups(self, user_id: int, *, followup_id: int | None = None) -> int:
        """Cancel the user's pending check-ins (or just one); returns how many."""
        sql = "UPDATE followups SET state = ?, lease_until = NULL WHERE user_id = ? AND state = ?"
        params: list[Any] = [CANCELLED, user_id, PENDING]
        if followup_id is not None:
            sql += " AND id = ?"
            params.append(followup_id)
        return await self._execute(sql, params)

    async def claim_due(self, now: int, limit: int, lease_seconds: int) -> list[Followup]:
        """Atomically claim up to `limit` due check-ins for sending.

        A claimed row is `sending` with a lease; a row whose lease ran out (its sender crashed)
        is due again. Both lookups are range scans of the (state, due_at) index: a leased row's
        `due_at` is moved to its lease expiry while it is being sent.
        """
        lease_until = now + lease_seconds
        async with self._transaction(BACKGROUND_BUSY_TIMEOUT_MS) as db:
            cursor = await db.execute(
                "UPDATE followups SET state = ?, attempts = attempts + 1, lease_until = ?, "
                "due_at = ? WHERE id IN ("
                "  SELECT id FROM followups WHERE state = ? AND due_at <= ? "
                "  UNION ALL "
                "  SELECT id FROM followups WHERE state = ? AND due_at <= ? "
                "  LIMIT ?"
                f") RETURNING {_FOLLOWUP_COLUMNS}",
                (SENDING, lease_until, lease_until, SENDING, now, PENDING, now, limit),
            )
            rows = await cursor.fetchall()
            await cursor.close()
        return sorted((_followup(r) for r in rows), key=lambda f: f.id)

    async def mark_sent(self, followup_id: int, now: int, message_id: int | None) -> bool:
        changed = await self._execute(
            "UPDATE followups SET state = ?, sent_at = ?, message_id = ?, lease_until = NULL, "
            "last_error = NULL WHERE id = ? AND state = ?",
            (SENT, now, message_id, followup_id, SENDING),
        )
        return changed == 1

    async def mark_retry(
        self, followup_id: int, error: str, retry_at: int, *, count_attempt: bool = True
    ) -> bool:
        """Sending failed for a passing reason: try again at `retry_at`.

        With `count_attempt=False` (Telegram said "retry after N seconds": a flood wait, not a
        failure) the attempt taken by `claim_due` is given back.
        """
        refund = 0 if count_attempt else 1
        changed = await self._execute(
            "UPDATE followups SET state = ?, due_at = ?, lease_until = NULL, last_error = ?, "
            "attempts = MAX(attempts - ?, 0) WHERE id = ? AND state = ?",
            (PENDING, retry_at, error[:500], refund, followup_id, SENDING),
        )
        return changed == 1

    async def release_claims(self, followup_ids: Sequence[int], due_at: int) -> int:
        """Hand claimed rows that were never tried back to the queue (a sweeper stopping).

        They are due again at `due_at` and the attempt taken by `claim_due` is given back.
        Returns how many rows were released.
        """
        released = 0
        for start in range(0, len(followup_ids), 500):
            chunk = list(followup_ids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            released += await self._execute(
                "UPDATE followups SET state = ?, due_at = ?, lease_until = NULL, "
                f"attempts = MAX(attempts - 1, 0) WHERE state = ? AND id IN ({marks})",
                (PENDING, due_at, SENDING, *chunk),
            )
        return released

    async def mark_failed(self, followup_id: int, error: str) -> bool:
        """Give up on this check-in."""
        changed = await self._execute(
            "UPDATE followups SET state = ?, lease_until = NULL, last_error = ? "
            "WHERE id = ? AND state = ?",
            (FAILED, error[:500], followup_id, SENDING),
        )
        return changed == 1

    async def record_answer(
        self, followup_id: int, user_id: int, answer: str, now: int
    ) -> Followup | None:
        """Store the user's answer to a sent check-in, once. None if stale or not theirs.

        A row still open (`sending`, or `pending` again after a timeout) can be answered too:
        Telegram delivered the message but its sender crashed or timed out before `mark_sent`.
        Only the message carries the row's id, so the answer proves delivery: the row becomes
        `sent` and is not sent a second time.
        """
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE followups SET answer = ?, answered_at = ?, state = ?, "
                "sent_at = COALESCE(sent_at, ?), lease_until = NULL "
                "WHERE id = ? AND user_id = ? AND state IN (?, ?, ?) AND answer IS NULL "
                f"RETURNING {_FOLLOWUP_COLUMNS}",
                (answer, now, SENT, now, followup_id, user_id, SENT, *OPEN_STATES),
            )
            row = await cursor.fetchone()
            await cursor.close()
        return _followup(row) if row else None

    # -- operations --------------------------------------------------------------------------

    async def stats(self) -> Stats:
        row = await self._fetchone(
            "SELECT "
            "(SELECT COUNT(*) FROM users), "
            "(SELECT COUNT(*) FROM users WHERE blocked = 1), "
            "(SELECT COUNT(*) FROM quiz_outcomes), "
            "(SELECT COUNT(*) FROM quiz_sessions), "
            "(SELECT COUNT(*) FROM followups WHERE state IN ('pending', 'sending')), "
            "(SELECT COUNT(*) FROM followups WHERE state = 'sent'), "
            "(SELECT COUNT(*) FROM followups WHERE state = 'blocked'), "
            "(SELECT COUNT(*) FROM followups WHERE state = 'failed')"
        )
        assert row is not None
        return Stats(*(int(v) for v in row))

    async def purge(self, older_than: int) -> int:
        """Delete finished quiz outcomes and check-ins created before `older_than`."""
        async with self._transaction() as db:
            c1 = await db.execute(
                "DELETE FROM followups WHERE created_at < ? AND state NOT IN (?, ?)",
                (older_than, *OPEN_STATES),
            )
            c2 = await db.execute(
                "DELETE FROM quiz_outcomes WHERE created_at < ? AND id NOT IN "
                "(SELECT outcome_id FROM followups WHERE outcome_id IS NOT NULL "
                " AND state IN (?, ?))",
                (older_than, *OPEN_STATES),
            )
            c3 = await db.execute("DELETE FROM quiz_sessions WHERE updated_at < ?", (older_than,))
            deleted = c1.rowcount + c2.rowcount + c3.rowcount
        await self.checkpoint()
        return deleted

    async def backup(self, target: str | Path) -> None:
        """A consistent online copy of the database (SQLite backup API), readable only by
        the bot's user (0600, new folders 0700)."""
        make_private_file(Path(target))
        async with self._lock:
            dest = await aiosqlite.connect(str(target))
            try:
                await self._conn().backup(dest)
            finally:
                await dest.close()
            make_side_files_private(Path(target))

    # -- issue 24: check-ins that may have been delivered ------------------------------------
    # Kept in one block so that it moves as one piece when the Store is split into a package.

    async def mark_maybe_delivered(self, followup_id: int, error: str, hold_until: int) -> bool:
        """The check-in's send timed out after its request was written: Telegram may have
        delivered it (slow but working), and the Bot API has no idempotency key.

        The row stays `sending` and its lease is extended to `hold_until`, so `claim_due`
        does not send it again before then; `last_error` starts with "maybe delivered". If the
        user answers the message meanwhile (`record_answer`), it is done; otherwise it is
        claimed and sent again once the lease ends (at-least-once, never lost).
        """
        changed = await self._execute(
            "UPDATE followups SET lease_until = ?, due_at = ?, last_error = ? "
            "WHERE id = ? AND state = ?",
            (hold_until, hold_until, f"maybe delivered: {error}"[:500], followup_id, SENDING),
        )
        return changed == 1
