"""What one aiosqlite call costs, and whether fewer, larger calls help.

aiosqlite runs SQLite in a worker thread; every awaited call is one hop: put a function on the
thread's queue, wake the thread, run, hand the result back to the event loop through
call_soon_threadsafe (which wakes the loop's selector). This measures, on a WAL database like
the bot's (synchronous=NORMAL), per operation:

- `sqlite3, same thread`: the SQL alone (no hop), the floor;
- `1 hop`: one `execute_fetchall` (a read) or one `execute` (an autocommitted write);
- `Store-style`: the patterns the Store uses (execute + cursor close; BEGIN ... COMMIT);
- `one call`: the same transaction as one function run on aiosqlite's thread (one hop).

Both wall time and CPU time (this process, all threads) per operation are reported: a hop
costs the event loop's thread CPU even when SQLite itself is quick.

    python -m bench.hops [--ops 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosqlite

from bench.common import cpu_seconds, machine, table

SCHEMA = (
    "CREATE TABLE users (user_id INTEGER PRIMARY KEY, first_seen INTEGER NOT NULL, "
    "last_seen INTEGER NOT NULL, language_code TEXT, blocked INTEGER NOT NULL DEFAULT 0)"
)
UPSERT = (
    "INSERT INTO users (user_id, first_seen, last_seen, language_code, blocked) "
    "VALUES (?, ?, ?, ?, 0) ON CONFLICT (user_id) DO UPDATE SET last_seen = excluded.last_seen, "
    "language_code = COALESCE(excluded.language_code, users.language_code), blocked = 0"
)
SELECT = "SELECT user_id, last_seen, blocked FROM users WHERE user_id = ?"
UPDATE = "UPDATE users SET last_seen = ? WHERE user_id = ? AND last_seen = ?"
USERS = 1000


@dataclass(frozen=True, slots=True)
class HopFigure:
    name: str
    hops: int
    wall_us: float
    cpu_us: float

    def row(self) -> list[str]:
        return [self.name, str(self.hops), f"{self.wall_us:.0f}", f"{self.cpu_us:.0f}"]


async def _measure(
    name: str, hops: int, ops: int, op: Callable[[int], Awaitable[Any]]
) -> HopFigure:
    for i in range(min(ops, 200)):  # warm-up
        await op(i)
    cpu0, t0 = cpu_seconds(), time.perf_counter()
    for i in range(ops):
        await op(i)
    wall, cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
    return HopFigure(name, hops, wall / ops * 1e6, cpu / ops * 1e6)


def _raw(path: Path, ops: int) -> list[HopFigure]:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    figures = []
    for name, fn in (
        ("read, sqlite3 same thread", lambda i: db.execute(SELECT, (i % USERS,)).fetchall()),
        ("write, sqlite3 same thread", lambda i: db.execute(UPSERT, (i % USERS, i, i, "en"))),
    ):
        cpu0, t0 = cpu_seconds(), time.perf_counter()
        for i in range(ops):
            fn(i)
        wall, cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
        figures.append(HopFigure(name, 0, wall / ops * 1e6, cpu / ops * 1e6))
    db.close()
    return figures


def _transaction_in_thread(conn: sqlite3.Connection, i: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute(SELECT, (i % USERS,)).fetchone()
        conn.execute(UPDATE, (i, i % USERS, row[1]))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


async def _aio(path: Path, ops: int) -> list[HopFigure]:
    db = await aiosqlite.connect(path, isolation_level=None)
    await db.execute("PRAGMA journal_mode = WAL")
    await db.execute("PRAGMA synchronous = NORMAL")

    async def read(i: int) -> Any:
        return await db.execute_fetchall(SELECT, (i % USERS,))

    async def write(i: int) -> None:
        await db.execute(UPSERT, (i % USERS, i, i, "en"))

    async def write_store_style(i: int) -> None:
        cursor = await db.execute(UPSERT, (i % USERS, i, i, "en"))
        await cursor.close()

    async def read_then_write(i: int) -> None:
        rows = list(await db.execute_fetchall(SELECT, (i % USERS,)))
        cursor = await db.execute(UPDATE, (i, i % USERS, rows[0][1]))
        await cursor.close()

    async def transaction(i: int) -> None:
        await db.execute("BEGIN IMMEDIATE")
        cursor = await db.execute(SELECT, (i % USERS,))
        row = await cursor.fetchone()
        await cursor.close()
        assert row is not None
        await db.execute(UPDATE, (i, i % USERS, row[1]))
        await db.commit()

    async def one_call(i: int) -> None:
        # aiosqlite's (private) way to run a function on its thread: one hop in all.
        await db._execute(_transaction_in_thread, db._conn, i)  # type: ignore[no-untyped-call]

    def flush_in_thread(conn: sqlite3.Connection, rows: list[tuple[int, int]]) -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("UPDATE users SET last_seen = ? WHERE user_id = ?", rows)
        conn.execute("COMMIT")

    async def batch_100(i: int) -> None:
        rows = [(i * 100 + k, k) for k in range(100)]
        await db._execute(flush_in_thread, db._conn, rows)  # type: ignore[no-untyped-call]

    figures = [
        await _measure("read, 1 hop (execute_fetchall)", 1, ops, read),
        await _measure("write, 1 hop (execute)", 1, ops, write),
        await _measure("write, Store-style (execute + close)", 2, ops, write_store_style),
        await _measure("read + compare-and-set write, 2 calls", 3, ops, read_then_write),
        await _measure("the same as BEGIN..COMMIT, Store-style", 6, ops, transaction),
        await _measure("the same as one call on the thread", 1, ops, one_call),
    ]
    batch = await _measure("100 last-seen updates in one call", 1, max(ops // 20, 20), batch_100)
    figures.append(HopFigure(f"{batch.name} (per row)", 1, batch.wall_us / 100, batch.cpu_us / 100))
    await db.close()
    return figures


async def run(ops: int) -> list[HopFigure]:
    with tempfile.TemporaryDirectory(prefix="kneehops-") as tmp:
        path = Path(tmp) / "hops.sqlite3"
        with sqlite3.connect(path) as db:
            db.execute(SCHEMA)
            db.executemany(UPSERT, [(u, 0, 0, "en") for u in range(USERS)])
        figures = _raw(path, ops)
        figures += await _aio(path, ops)
    return figures


def print_report(figures: Sequence[HopFigure]) -> None:
    print(table([f.row() for f in figures], ["operation", "hops", "wall µs/op", "CPU µs/op"]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="aiosqlite hop cost")
    parser.add_argument("--ops", type=int, default=3000)
    args = parser.parse_args(argv)
    print(machine().line())
    print_report(asyncio.run(run(args.ops)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
