"""Maintenance: /forget's erasure, purge of old rows, statistics and online backups."""

from __future__ import annotations

from pathlib import Path

from bot.storage.connection import Connection
from bot.storage.rows import ForgetReport, Stats
from bot.storage.schema import OPEN_STATES


class MaintenanceMixin(Connection):
    """Work on the whole database, or on everything about one user."""

    async def forget_user(self, user_id: int) -> ForgetReport:
        """Erase every row about this user, from every file on disk.

        `secure_delete` zeroes the deleted rows in their pages; the checkpoint then writes
        those pages into the database file and empties the write-ahead log, which still held
        the older copies of the pages. Durable: an erasure never comes back after a power cut.
        PostgreSQL: the rows are deleted in one transaction (their old versions stay in the
        table's pages until the server's autovacuum reclaims them, see deploy/README.md).
        """
        self._forget_cached_user(user_id)
        async with self._transaction(durable=True) as tx:
            counts = []
            for table in ("users", "quiz_sessions", "quiz_outcomes", "followups"):
                counts.append(
                    await tx.execute(f"DELETE FROM {table} WHERE user_id = ?", (user_id,))
                )
        await self.checkpoint()
        return ForgetReport(*counts)

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
        async with self._transaction() as tx:
            c1 = await tx.execute(
                "DELETE FROM followups WHERE created_at < ? AND state NOT IN (?, ?)",
                (older_than, *OPEN_STATES),
            )
            c2 = await tx.execute(
                "DELETE FROM quiz_outcomes WHERE created_at < ? AND id NOT IN "
                "(SELECT outcome_id FROM followups WHERE outcome_id IS NOT NULL "
                " AND state IN (?, ?))",
                (older_than, *OPEN_STATES),
            )
            c3 = await tx.execute("DELETE FROM quiz_sessions WHERE updated_at < ?", (older_than,))
            deleted = c1 + c2 + c3
        await self.checkpoint()
        return deleted

    async def backup(self, target: str | Path) -> None:
        """A consistent online copy of the database (SQLite backup API), readable only by
        the bot's user (0600, new folders 0700). PostgreSQL: refused with a `StoreError`
        that says to use pg_dump (deploy/README.md)."""
        await self._backend.backup(Path(target))
