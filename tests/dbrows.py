"""Read the bot's database from a test, whichever the backend (SQLite file or PostgreSQL URL).

Synchronous, like the sqlite3 reads the tests did before PostgreSQL: on PostgreSQL the query
runs on its own event loop in a worker thread (the test's loop keeps serving the bot).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any

from bot.config import Settings

TABLES = ("users", "quiz_sessions", "quiz_outcomes", "followups")


def location(where: Settings | str | Path) -> str | Path:
    return where.database_location if isinstance(where, Settings) else where


def _on_postgres(url: str, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    import asyncpg

    from bot.storage.postgres import numbered_placeholders

    async def run() -> list[tuple[Any, ...]]:
        conn = await asyncpg.connect(url)
        try:
            return [tuple(r) for r in await conn.fetch(numbered_placeholders(sql), *params)]
        finally:
            await conn.close()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result(timeout=30)


def db_rows(
    where: Settings | str | Path, sql: str, params: tuple[Any, ...] = ()
) -> list[tuple[Any, ...]]:
    """Every row of `sql` (`?` placeholders) as tuples."""
    target = location(where)
    if isinstance(target, str) and target.startswith("postgres"):
        return _on_postgres(target, sql, params)
    with closing(sqlite3.connect(target)) as db, db:
        return list(db.execute(sql, params).fetchall())


def db_executemany(where: Settings | str | Path, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
    """One statement (`?` placeholders) for each of `rows`, committed."""
    target = location(where)
    if isinstance(target, str) and target.startswith("postgres"):
        import asyncpg

        from bot.storage.postgres import numbered_placeholders

        async def run() -> None:
            conn = await asyncpg.connect(target)
            try:
                await conn.executemany(numbered_placeholders(sql), list(rows))
            finally:
                await conn.close()

        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, run()).result(timeout=120)
        return
    with closing(sqlite3.connect(target)) as db, db:
        db.executemany(sql, rows)


def db_dump(where: Settings | str | Path) -> str:
    """Everything stored, as text: SQLite's dump, or every row of every table."""
    target = location(where)
    if isinstance(target, str) and target.startswith("postgres"):
        return "\n".join(
            repr(row) for table in TABLES for row in db_rows(target, f"SELECT * FROM {table}")
        )
    with closing(sqlite3.connect(target)) as db:
        return "\n".join(db.iterdump())
