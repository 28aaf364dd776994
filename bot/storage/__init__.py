"""The Store: the one class that speaks SQL.

Everything the bot keeps lives in one SQLite file, reached through aiosqlite, or, when
DATABASE_URL is set, in one PostgreSQL database, reached through asyncpg (connection.py says
how the two are one interface). The schema is migrated forward by `PRAGMA user_version`
(PostgreSQL: the `schema_version` table). All queries are parameterised. Times are UTC epoch
seconds (integers), passed in by the caller so tests control the clock.

The Store is put together from one part per concern, each a small mixin over the shared
connection:

    connection.py   the backend (sqlite.py, postgres.py), the SQL primitives, transactions
    schema.py       migrations and the check-in states
    users.py        users, "last seen" batching, blocked
    quiz.py         quizzes in progress
    outcomes.py     finished quizzes' outcomes
    checkins.py     the check-in queue
    maintenance.py  /forget, purge, stats, backup
    rows.py         the records returned;  files.py: 0600 files, 0700 folders
"""

from __future__ import annotations

from bot.storage.checkins import CheckinsMixin
from bot.storage.connection import (
    BACKGROUND_BUSY_TIMEOUT_MS,
    BACKUP_REFUSED,
    BUSY_TIMEOUT_MS,
    DEFAULT_DURABILITY,
    Durability,
    StoreError,
    is_postgres_url,
)
from bot.storage.files import (
    PRIVATE_DIR_MODE,
    PRIVATE_FILE_MODE,
    SIDE_FILES,
    make_private_dirs,
    make_private_file,
    make_side_files_private,
)
from bot.storage.maintenance import MaintenanceMixin
from bot.storage.outcomes import OutcomesMixin
from bot.storage.quiz import QuizMixin
from bot.storage.rows import (
    Followup,
    ForgetReport,
    OutcomeRow,
    QuizSession,
    SavedAnswers,
    Stats,
    UserRow,
)
from bot.storage.schema import (
    BLOCKED,
    CANCELLED,
    FAILED,
    MIGRATIONS,
    OPEN_STATES,
    PENDING,
    POSTGRES_MIGRATIONS,
    SCHEMA_VERSION,
    SENDING,
    SENT,
    SchemaMixin,
)
from bot.storage.users import (
    ACTIVITY_BATCH_LIMIT,
    ACTIVITY_FLUSH_SECONDS,
    KNOWN_USERS_LIMIT,
    UsersMixin,
    country_code,
    language_code_639,
    language_tag,
)

__all__ = [
    "ACTIVITY_BATCH_LIMIT",
    "ACTIVITY_FLUSH_SECONDS",
    "BACKGROUND_BUSY_TIMEOUT_MS",
    "BACKUP_REFUSED",
    "BLOCKED",
    "BUSY_TIMEOUT_MS",
    "CANCELLED",
    "DEFAULT_DURABILITY",
    "FAILED",
    "KNOWN_USERS_LIMIT",
    "MIGRATIONS",
    "OPEN_STATES",
    "PENDING",
    "POSTGRES_MIGRATIONS",
    "PRIVATE_DIR_MODE",
    "PRIVATE_FILE_MODE",
    "SCHEMA_VERSION",
    "SENDING",
    "SENT",
    "SIDE_FILES",
    "Durability",
    "Followup",
    "ForgetReport",
    "OutcomeRow",
    "QuizSession",
    "SavedAnswers",
    "Stats",
    "Store",
    "StoreError",
    "UserRow",
    "country_code",
    "is_postgres_url",
    "language_code_639",
    "language_tag",
    "make_private_dirs",
    "make_private_file",
    "make_side_files_private",
]


class Store(
    UsersMixin,
    QuizMixin,
    OutcomesMixin,
    CheckinsMixin,
    MaintenanceMixin,
    SchemaMixin,
):
    """Async access to the bot's database (one per process): `Store(path)` for SQLite,
    `Store("postgresql://...")` for PostgreSQL."""

    async def __aenter__(self) -> Store:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
