"""Item 2 of issue 23: two bot processes (replicas) sharing one PostgreSQL drain due check-ins.

N check-ins, all due, are written to a fresh PostgreSQL database (a throwaway server from the
system's binaries, tests/pgserver.py); then `--replicas` bot processes start against it, each
with RATE_LIMIT_PER_SECOND = ceiling / replicas (the rate divided between replicas), and
their Sweepers drain the queue together, claiming with FOR UPDATE SKIP LOCKED. The fake Bot
API records when each sendMessage arrived; each process records where each send's request
started (its pacer slot). From those: every chat sent once, the rows `sent` in the database,
the most sends in any sliding 1 s window across all replicas, and each replica's share.

    python -m bench.replicas [--rows 10000] [--replicas 2] [--ceiling 30] [--rate-each R]
        [--baseline-rows N] [--undivided-rows N] [--kills N] [--seed S]

`--kills N` SIGKILLs a random replica N times at random moments of the drain (as bench/crash.py
does for one process) and restarts it. Right after each kill, the rows still `sending` that the
fake already got, and still `sending` a second later (the live replicas mark theirs within
milliseconds; the killed one's wait for their lease), are that kill's duplicates: they will go
out again. At the end the sends beyond one per chat must equal their sum, and no row may be
lost. A killed replica's pacer slots are written at exit, so they are lost with it: with kills,
the request-start window covers the surviving processes only.

`--baseline-rows` first runs one replica at the whole ceiling; `--undivided-rows` last gives
every replica the whole ceiling (what dividing prevents); all on one server, side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import machine, say
from bench.drain import arrivals_fake, max_in_window, over_limit
from bench.rig import BotProcess, wait_until
from bench.store import FIRST_USER
from bot.scheduler import DEFAULT_CONCURRENCY
from tests.fakebot import ApiCall

KILL_LEASE_SECONDS = 10  # with kills: how long a killed replica's claimed rows wait


@dataclass
class ReplicaFigures:
    rows: int
    replicas: int
    ceiling: float
    rate_each: float
    sent: int
    duplicates: int
    seconds: float
    max_in_1s: int  # at the fake, all replicas together
    over_ceiling: int
    slots_max_in_1s: int  # where the requests started, all replicas together
    slots_over_ceiling: int
    shares: list[int]  # sends per replica (from its pacer slots)
    rows_sent_in_db: int
    kills: int = 0
    duplicates_per_kill: list[int] = field(default_factory=list)
    rows_not_sent: int = 0
    states: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return (self.sent - 1) / self.seconds if self.seconds else 0.0


async def _prepare(url: str, count: int, now: int) -> None:
    import asyncpg

    from bot.storage import Store

    async with Store(url):
        pass  # the schema
    conn = await asyncpg.connect(url)
    try:
        await conn.copy_records_to_table(
            "followups",
            columns=["user_id", "chat_id", "created_at", "due_at", "state"],
            records=[
                (chat, chat, now - 2 * 86_400, now - 5, "pending")
                for chat in range(FIRST_USER, FIRST_USER + count)
            ],
        )
        await conn.execute("ANALYZE followups")
    finally:
        await conn.close()


async def _count_sent(url: str) -> int:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        return int(await conn.fetchval("SELECT COUNT(*) FROM followups WHERE state = 'sent'"))
    finally:
        await conn.close()


async def _sending(url: str) -> set[int]:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch("SELECT chat_id FROM followups WHERE state = 'sending'")
        return {int(r["chat_id"]) for r in rows}
    finally:
        await conn.close()


async def _states(url: str) -> dict[str, int]:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch("SELECT state, COUNT(*) AS n FROM followups GROUP BY state")
        return {str(r["state"]): int(r["n"]) for r in rows}
    finally:
        await conn.close()


async def drain_replicas(
    url: str,
    count: int,
    replicas: int,
    ceiling: float,
    rate_each: float,
    kills: int = 0,
    seed: int = 7,
) -> ReplicaFigures:
    fake, times, seen = arrivals_fake(count)
    deliveries: Counter[int] = Counter()
    record = fake.on_reply
    assert record is not None

    def on_reply(chat: int, call: ApiCall) -> None:
        record(chat, call)
        if call.method == "sendMessage" and call.ok:
            deliveries[chat] += 1

    fake.on_reply = on_reply
    rng = random.Random(seed)
    duplicates_per_kill: list[int] = []
    counted: Counter[int] = Counter()  # duplicates counted so far, per chat
    extra = ["--database-url", url]
    if kills:  # as bench/crash.py: a short lease, and no giving up on a row killed often
        extra += ["--lease", str(KILL_LEASE_SECONDS), "--max-attempts", "50"]
    await _prepare(url, count, int(time.time()))
    await fake.start()
    try:
        with tempfile.TemporaryDirectory(prefix="kneebench-replicas-") as tmp:
            slot_files: list[list[Path]] = [[] for _ in range(replicas)]

            def replica(i: int) -> BotProcess:
                slots = Path(tmp) / f"slots-{i}-{len(slot_files[i])}.txt"
                slot_files[i].append(slots)
                return BotProcess(
                    fake.base_url,
                    Path(tmp) / f"replica-{i}.unused",
                    rate=rate_each,
                    sweep_interval=1.0,
                    sweep_batch=50,
                    extra=[*extra, "--record-slots", str(slots)],
                )

            bots = [replica(i) for i in range(replicas)]
            await asyncio.gather(*(b.start() for b in bots))
            try:
                targets = sorted(rng.randint(count // 20, count * 17 // 20) for _ in range(kills))
                for number, target in enumerate(targets):
                    await wait_until(lambda: len(seen) >= target, timeout=120, interval=0.002)  # noqa: B023
                    await asyncio.sleep(rng.uniform(0, 0.05))
                    victim = rng.randrange(replicas)
                    proc = bots[victim].proc
                    assert proc is not None
                    proc.kill()
                    await proc.wait()
                    bots[victim].proc = None
                    # Sent, still `sending`, and not already counted at an earlier kill (a
                    # row waits for its lease across kills; sent again and killed again, it
                    # counts again).
                    arrived = {
                        chat for chat in await _sending(url) if deliveries[chat] > counted[chat]
                    }
                    await asyncio.sleep(1.0)  # the live replicas mark theirs sent meanwhile
                    new = arrived & await _sending(url)
                    counted.update(new)
                    duplicates_per_kill.append(len(new))
                    bots[victim] = replica(victim)
                    await bots[victim].start()
                    say(
                        f"replicas: kill {number + 1} (replica {victim}, at {len(seen):,} "
                        f"sent): {duplicates_per_kill[-1]} duplicates"
                    )
                expected = count / min(rate_each * replicas, 2000.0)
                await wait_until(
                    lambda: len(seen) >= count,
                    timeout=expected * 1.5 + 30 + kills * (KILL_LEASE_SECONDS + 5),
                )
                await asyncio.sleep(2.0)  # a few more sweeps: nothing else may go out
            finally:
                for bot in bots:
                    code = await bot.stop()
                    if code != 0:
                        say(f"replicas: a bot process exited with {code}\n{bot.log_tail()}")
            per_replica = [
                [float(line) for f in files if f.exists() for line in f.read_text().split()]
                for files in slot_files
            ]
        errors = len(fake.errors)
    finally:
        fake.on_reply = None
        await fake.stop()
    if errors:
        say(f"replicas: {errors} sends failed at the fake")
    slots = sorted(t for replica in per_replica for t in replica)
    seconds = (max(times) - min(times)) if len(times) > 1 else 0.0
    return ReplicaFigures(
        rows=count,
        replicas=replicas,
        ceiling=ceiling,
        rate_each=rate_each,
        sent=len(times),
        duplicates=len(times) - len(seen),
        seconds=seconds,
        max_in_1s=max_in_window(times),
        over_ceiling=over_limit(times, ceiling),
        slots_max_in_1s=max_in_window(slots),
        slots_over_ceiling=over_limit(slots, ceiling),
        shares=[len(r) for r in per_replica],
        rows_sent_in_db=await _count_sent(url),
        kills=kills,
        duplicates_per_kill=duplicates_per_kill,
        rows_not_sent=count - len(seen),
        states=await _states(url),
    )


def print_report(fig: ReplicaFigures) -> None:
    print(
        f"{fig.replicas} replicas on one PostgreSQL, {fig.rate_each:g}/s each "
        f"(ceiling {fig.ceiling:g}/s): {fig.rows:,} due check-ins, sent {fig.sent:,} in "
        f"{fig.seconds:.1f} s = {fig.rate:.1f}/s; sent twice: {fig.duplicates}; rows 'sent' "
        f"in the database: {fig.rows_sent_in_db:,}; shares {fig.shares}\n"
        f"  max in any 1 s window, all replicas: {fig.max_in_1s} at the fake "
        f"({fig.over_ceiling} sends over the ceiling), {fig.slots_max_in_1s} where the "
        f"requests started ({fig.slots_over_ceiling} over)"
        + (" (killed processes' slots lost)" if fig.kills else "")
    )
    if fig.kills:
        counted = sum(fig.duplicates_per_kill)
        print(
            f"  {fig.kills} SIGKILLs + restarts: duplicates per kill {fig.duplicates_per_kill}, "
            f"max {max(fig.duplicates_per_kill, default=0)}; bound: {DEFAULT_CONCURRENCY} "
            f"senders in flight (per replica); lost: {fig.rows_not_sent}; states {fig.states}\n"
            f"  counted at the kills = sent twice at the fake: "
            f"{'yes' if counted == fig.duplicates else 'NO'} ({counted} vs {fig.duplicates})"
        )


async def _run(
    runs: list[tuple[int, float, int, int]], ceiling: float, seed: int = 7
) -> list[ReplicaFigures]:
    """Each run (replicas, rate each, rows, kills) on a fresh database of one throwaway server."""
    import asyncpg

    from tests.pgserver import start_server

    server = await asyncio.to_thread(start_server)
    figures = []
    try:
        for number, (replicas, rate_each, rows, kills) in enumerate(runs):
            name = f"replicas_{number}"
            admin = await asyncpg.connect(server.admin_url)
            try:
                await admin.execute(f"CREATE DATABASE {name}")
            finally:
                await admin.close()
            figures.append(
                await drain_replicas(
                    server.url(name), rows, replicas, ceiling, rate_each, kills, seed
                )
            )
    finally:
        await asyncio.to_thread(server.stop)
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="replicas sharing one PostgreSQL")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--ceiling", type=float, default=30.0)
    parser.add_argument(
        "--rate-each", type=float, help="each replica's rate (default: ceiling / replicas)"
    )
    parser.add_argument(
        "--baseline-rows",
        type=int,
        default=0,
        help="first, one replica at the whole ceiling, for comparison (0: skip)",
    )
    parser.add_argument(
        "--undivided-rows",
        type=int,
        default=0,
        help="last, every replica at the whole ceiling: what dividing prevents (0: skip)",
    )
    parser.add_argument(
        "--kills",
        type=int,
        default=0,
        help="SIGKILL a random replica this many times during the drain, restarting it",
    )
    parser.add_argument("--seed", type=int, default=7, help="for the kills' moments and victims")
    args = parser.parse_args(argv)
    rate_each = args.rate_each or args.ceiling / args.replicas
    runs = []
    if args.baseline_rows:
        runs.append((1, args.ceiling, args.baseline_rows, 0))
    runs.append((args.replicas, rate_each, args.rows, args.kills))
    if args.undivided_rows:
        runs.append((args.replicas, args.ceiling, args.undivided_rows, 0))
    print(machine().line())
    ok = True
    for fig in asyncio.run(_run(runs, args.ceiling, args.seed)):
        print_report(fig)
        ok = ok and fig.rows_not_sent == 0 and fig.duplicates == sum(fig.duplicates_per_kill)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
