"""The schema: migrations by `PRAGMA user_version`, and the check-in states.

Each entry of MIGRATIONS moves the schema from version i to i + 1; `migrate` applies the
missing ones in order at open, each whole or not at all, so an old database upgrades in place.
"""

from __future__ import annotations

import logging

from bot.storage.connection import Connection, StoreError

log = logging.getLogger("bot.storage")

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
    # 5: the language (ISO 639-1, "es") and country (ISO 3166-1 alpha-2, "AR") the user chose,
    # for translations (issue 22); erased with the user's row by /forget
    """
    ALTER TABLE users ADD COLUMN language TEXT;
    ALTER TABLE users ADD COLUMN country TEXT;
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


class SchemaMixin(Connection):
    """The schema version and its migrations."""

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
            if current == SCHEMA_VERSION:
                return SCHEMA_VERSION
            # Each step is synced to disk whatever the durability: the schema is never lost.
            await db.execute("PRAGMA synchronous = FULL")
            try:
                for version in range(current, SCHEMA_VERSION):
                    log.info("migrating database schema to version %d", version + 1)
                    # executescript commits first; wrap each step so it applies whole or not
                    # at all.
                    await db.executescript(
                        "BEGIN IMMEDIATE;\n"
                        + MIGRATIONS[version]
                        + f"\nPRAGMA user_version = {version + 1};\nCOMMIT;"
                    )
            finally:
                await db.execute(f"PRAGMA synchronous = {self._default_synchronous}")
        return SCHEMA_VERSION
