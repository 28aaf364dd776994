"""Maintenance commands: an online backup and the retention purge. Both need only the database."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.storage import BACKUP_REFUSED, Stats, Store, is_postgres_url

SECONDS_PER_DAY = 86_400


class OpsError(Exception):
    """A maintenance command could not run; the message is safe to print."""


@dataclass(frozen=True, slots=True)
class BackupResult:
    target: Path
    size_bytes: int
    stats: Stats

    def summary(self) -> str:
        return (
            f"backup written to {self.target} ({self.size_bytes} bytes; "
            f"{self.stats.users} users, {self.stats.quizzes_finished} quiz outcomes, "
            f"{self.stats.followups_pending} check-ins pending)"
        )


@dataclass(frozen=True, slots=True)
class PurgeResult:
    deleted: int
    older_than_days: int
    cutoff: int

    def summary(self) -> str:
        when = datetime.fromtimestamp(self.cutoff, UTC).strftime("%Y-%m-%d %H:%M UTC")
        return (
            f"purged {self.deleted} finished rows older than {self.older_than_days} days "
            f"(created before {when})"
        )


def _existing_database(database: Path | str) -> Path | str:
    if is_postgres_url(database):
        return database  # the server says at open whether it is there
    database = Path(database)
    if not database.is_file():
        raise OpsError(f"no database at {database} (check DATABASE_PATH)")
    return database


def backup_database(database: Path | str, target: Path) -> BackupResult:
    """Copy the live database to `target` with SQLite's online backup API.

    The bot may keep running: the copy is a consistent snapshot. It is written next to the
    target under a temporary name, checked by reading it back, then renamed into place, so a
    half-written file never carries the target's name. Runs its own event loop (a CLI command).
    """
    if is_postgres_url(database):
        raise OpsError(BACKUP_REFUSED)
    source = Path(_existing_database(database))
    if target.exists() and target.resolve() == source.resolve():
        raise OpsError("the backup target is the database itself")
    if target.is_dir():
        raise OpsError(f"{target} is a directory; give a file name for the copy")
    temporary = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        stats = asyncio.run(_copy_and_check(source, temporary))
        os.replace(temporary, target)
    finally:
        for leftover in (temporary, *(Path(f"{temporary}{s}") for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
    return BackupResult(target=target, size_bytes=target.stat().st_size, stats=stats)


async def _copy_and_check(source: Path, temporary: Path) -> Stats:
    async with Store(source) as store:
        await store.backup(temporary)
    async with Store(temporary) as copy:
        return await copy.stats()


def purge_database(database: Path | str, older_than_days: int, now: int) -> PurgeResult:
    """Delete finished quiz outcomes and check-ins created more than `older_than_days` ago.

    Open check-ins (pending or being sent), and the outcomes they refer to, are kept; so are
    quizzes still in progress unless untouched for longer than the retention period.
    """
    if older_than_days < 1:
        raise OpsError("--older-than must be at least 1 day")
    cutoff = now - older_than_days * SECONDS_PER_DAY
    deleted = asyncio.run(_purge(_existing_database(database), cutoff))
    return PurgeResult(deleted=deleted, older_than_days=older_than_days, cutoff=cutoff)


async def _purge(database: Path | str, cutoff: int) -> int:
    async with Store(database) as store:
        return await store.purge(older_than=cutoff)
