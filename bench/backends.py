"""The same Store work on SQLite and on PostgreSQL, side by side (issue 23).

Per user: touch_user, start_quiz, advance_quiz, finish_quiz (durable), schedule_followup
(durable); then every check-in claimed (batches of 50) and marked sent. One process, one
Store, the backends alternating, `--rounds` times each. PostgreSQL is a throwaway local server
with fsync on (tests/pgserver.py), over TCP on 127.0.0.1; SQLite a file in a temporary folder,
at the default durability (`critical`).

    python -m bench.backends [--users 2000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.common import machine
from bot.storage import Store


async def workload(location: str | Path, users: int) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, Store calls)."""
    async with Store(location) as store:
        wall0, cpu0 = time.perf_counter(), time.process_time()
        calls = 0
        for user in range(1, users + 1):
            await store.touch_user(user, "en", 1000)
            await store.start_quiz(user, user, "n", "", 1000)
            assert await store.advance_quiz(user, "n", "", "a", 1001)
            outcome = await store.finish_quiz(user, "n", "a", "self_care", 1002)
            await store.schedule_followup(user, user, 1100, 1002, outcome_id=outcome)
            calls += 5
        while rows := await store.claim_due(1200, 50, 60):
            calls += 1
            for row in rows:
                await store.mark_sent(row.id, 1200, 1)
                calls += 1
        calls += 1
        return time.perf_counter() - wall0, time.process_time() - cpu0, calls


async def run(users: int, rounds: int) -> None:
    import asyncpg

    from tests.pgserver import start_server

    server = await asyncio.to_thread(start_server, durable=True)
    try:
        with tempfile.TemporaryDirectory(prefix="kneebench-backends-") as tmp:
            for number in range(rounds):
                name = f"backends_{number}"
                admin = await asyncpg.connect(server.admin_url)
                try:
                    await admin.execute(f"CREATE DATABASE {name}")
                finally:
                    await admin.close()
                for label, location in (
                    ("SQLite", Path(tmp) / f"{name}.sqlite3"),
                    ("PostgreSQL", server.url(name)),
                ):
                    wall, cpu, calls = await workload(location, users)
                    print(
                        f"round {number + 1} {label:10}: {calls:,} Store calls in {wall:.2f} s "
                        f"= {wall / calls * 1e6:.0f} µs each; the bot's CPU "
                        f"{cpu / calls * 1e6:.0f} µs each"
                    )
    finally:
        await asyncio.to_thread(server.stop)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the Store on SQLite and PostgreSQL")
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    print(machine().line())
    asyncio.run(run(args.users, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
