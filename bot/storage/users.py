"""Users: who talked to the bot and when, their language, whether they blocked it.

"Last seen" is not written per update (`note_activity`: batched in memory, written every
`ACTIVITY_FLUSH_SECONDS`, at `ACTIVITY_BATCH_LIMIT` users, and at close).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import sqlite3

from bot.storage.connection import Connection, StoreError
from bot.storage.rows import UserRow
from bot.storage.schema import BLOCKED, OPEN_STATES

log = logging.getLogger("bot.storage")

# "Last seen" batching: how often pending activity is written, how many users may wait for it,
# and how many user ids the Store remembers as already stored (and not blocked) in this run.
ACTIVITY_FLUSH_SECONDS = 30.0
ACTIVITY_BATCH_LIMIT = 1000
KNOWN_USERS_LIMIT = 50_000

_UPSERT_USER = (
    "INSERT INTO users (user_id, first_seen, last_seen, language_code, blocked) "
    "VALUES (?, ?, ?, ?, 0) "
    "ON CONFLICT (user_id) DO UPDATE SET last_seen = excluded.last_seen, "
    "language_code = COALESCE(excluded.language_code, users.language_code), blocked = 0"
)


_WRITE_ACTIVITY = (
    "UPDATE users SET last_seen = {greatest}(last_seen, ?), "
    "language_code = COALESCE(?, language_code) WHERE user_id = ?"
)


def _write_activity(conn: sqlite3.Connection, rows: list[tuple[int, str | None, int]]) -> None:
    """Pending "last seen" times, one transaction (never moves last_seen back): SQLite, on
    aiosqlite's thread, one hop."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            _WRITE_ACTIVITY.format(greatest="MAX"),
            [(seen, language, user) for user, language, seen in rows],
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


_LANGUAGE_TAG = re.compile(r"[A-Za-z0-9-]{1,35}")


def language_tag(value: str | None) -> str | None:
    """A user's language code if it looks like one (an IETF tag such as "en" or "pt-br").

    It comes from the user's client: anything else (even invalid Unicode, which SQLite
    cannot store) is dropped rather than stored.
    """
    if value is None or not _LANGUAGE_TAG.fullmatch(value):
        return None
    return value


_LANGUAGE_639 = re.compile(r"[a-z]{2,3}")
_COUNTRY_3166 = re.compile(r"[A-Z]{2}")


def language_code_639(value: str | None) -> str | None:
    """A chosen language as stored: an ISO 639 code, lower case ("es"); None stays None."""
    if value is None:
        return None
    code = value.strip().lower()
    if not _LANGUAGE_639.fullmatch(code):
        raise ValueError(f"not an ISO 639 language code: {value!r}")
    return code


def country_code(value: str | None) -> str | None:
    """A chosen country as stored: ISO 3166-1 alpha-2, upper case ("AR"); None stays None."""
    if value is None:
        return None
    code = value.strip().upper()
    if not _COUNTRY_3166.fullmatch(code):
        raise ValueError(f"not an ISO 3166-1 alpha-2 country code: {value!r}")
    return code


class UsersMixin(Connection):
    """The `users` table and the in-memory "last seen" batch."""

    async def _before_close(self) -> None:
        flusher, self._activity_flusher = self._activity_flusher, None
        if flusher is not None:
            flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await flusher
        if self.is_open:
            try:
                await self.flush_activity()
            except (StoreError, sqlite3.Error) as exc:
                log.warning("could not write pending user activity at close: %s", exc)
        await super()._before_close()

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
            if self.is_postgres:
                async with self._transaction() as tx:
                    await tx.executemany(
                        _WRITE_ACTIVITY.format(greatest=self._greatest),
                        [(seen, language, user) for user, language, seen in rows],
                    )
            else:
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

    async def get_user(self, user_id: int) -> UserRow | None:
        row = await self._fetchone(
            "SELECT user_id, first_seen, last_seen, language_code, blocked, language, country "
            "FROM users WHERE user_id = ?",
            (user_id,),
        )
        if row is None:
            return None
        return UserRow(int(row[0]), int(row[1]), int(row[2]), row[3], bool(row[4]), row[5], row[6])

    async def set_language(self, user_id: int, language: str | None) -> bool:
        """Keep the language the user chose (ISO 639-1/2 code such as "es"; None clears it).

        False if the user has no row (the bot has not seen them since /forget). Raises
        ValueError for anything that is not a language code.
        """
        value = language_code_639(language)
        changed = await self._execute(
            "UPDATE users SET language = ? WHERE user_id = ?", (value, user_id)
        )
        self._locales.pop(user_id, None)
        return changed == 1

    async def set_country(self, user_id: int, country: str | None) -> bool:
        """Keep the country the user chose (ISO 3166-1 alpha-2 such as "AR", stored upper
        case; None clears it). False if the user has no row; ValueError if not a code."""
        value = country_code(country)
        changed = await self._execute(
            "UPDATE users SET country = ? WHERE user_id = ?", (value, user_id)
        )
        self._locales.pop(user_id, None)
        return changed == 1

    async def user_locale(self, user_id: int) -> tuple[str | None, str | None]:
        """The language and the country the user chose, each None when not chosen: cheap
        enough per update (a bounded cache in memory, emptied for the user by `set_language`,
        `set_country`, /forget and blocking). Telegram's `language_code` of the update is the
        caller's fallback for the language."""
        cached = self._locales.get(user_id)
        if cached is not None:
            self._locales.move_to_end(user_id)
            return cached
        row = await self._fetchone(
            "SELECT language, country FROM users WHERE user_id = ?", (user_id,)
        )
        value = (None, None) if row is None else (_text_or_none(row[0]), _text_or_none(row[1]))
        self._locales[user_id] = value
        if len(self._locales) > KNOWN_USERS_LIMIT:
            self._locales.popitem(last=False)
        return value

    async def user_language(self, user_id: int) -> str | None:
        """The language the user chose, or None (see `user_locale`)."""
        return (await self.user_locale(user_id))[0]

    async def mark_blocked(self, user_id: int, now: int) -> int:
        """The user blocked the bot (or the chat is gone): stop every open check-in.

        Returns how many open check-ins were stopped.
        """
        self._forget_cached_user(user_id)
        async with self._transaction() as tx:
            await tx.execute("UPDATE users SET blocked = 1 WHERE user_id = ?", (user_id,))
            return await tx.execute(
                "UPDATE followups SET state = ?, lease_until = NULL, last_error = ? "
                "WHERE user_id = ? AND state IN (?, ?)",
                (BLOCKED, "blocked by user", user_id, *OPEN_STATES),
            )

    async def is_blocked(self, user_id: int) -> bool:
        row = await self._fetchone("SELECT blocked FROM users WHERE user_id = ?", (user_id,))
        return bool(row[0]) if row else False


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)
