"""Crash the bot with SIGKILL while it sends check-ins, many times; count what is repeated.

Each cycle tops the database up with fresh due check-ins (one per chat), starts the bot
process (`bench.botproc`, the real Application and Sweeper), waits until a random number of
check-ins of this cycle have arrived at the fake Bot API (and a random few ms more), and kills
it with SIGKILL: no shutdown code runs. Right after the kill the database tells which rows
will be sent again: those still `sending` (claimed, not marked) that Telegram already got in
this cycle. That count is the kill's duplicates. A last run without a kill drains the rest.

At the end: every row must be `sent`, none lost; the sends beyond one per row must equal the
sum of the duplicates counted per kill; and the distribution of duplicates per kill is printed
next to its bound (the senders in flight, 8).

    python -m bench.crash [--kills 100] [--rows 40] [--rate 30]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import machine, say
from bench.rig import BenchFake, BotProcess, wait_until
from bench.store import create_schema
from bot.scheduler import DEFAULT_CONCURRENCY
from tests.fakebot import ApiCall

FIRST_CHAT = 50_000_000
LEASE_SECONDS = 3


@dataclass
class CrashReport:
    kills: int
    rows: int
    rate: float
    duplicates_per_kill: list[int] = field(default_factory=list)
    sends: int = 0
    rows_sent: int = 0
    rows_not_sent: int = 0
    extra_sends: int = 0
    seconds: float = 0.0
    states: dict[str, int] = field(default_factory=dict)

    @property
    def distribution(self) -> dict[int, int]:
        return dict(sorted(Counter(self.duplicates_per_kill).items()))

    @property
    def consistent(self) -> bool:
        return self.extra_sends == sum(self.duplicates_per_kill)


def add_rows(db: Path, chats: range, now: int) -> None:
    with sqlite3.connect(db) as conn:
        conn.executemany(
            "INSERT INTO followups (user_id, chat_id, created_at, due_at) VALUES (?, ?, ?, ?)",
            ((chat, chat, now - 86400, now - 10) for chat in chats),
        )


def sending_rows(db: Path) -> set[int]:
    with sqlite3.connect(db) as conn:
        return {
            int(chat)
            for (chat,) in conn.execute("SELECT chat_id FROM followups WHERE state = 'sending'")
        }


async def run(kills: int, rows: int, rate: float, seed: int = 7) -> CrashReport:
    rng = random.Random(seed)
    report = CrashReport(kills=kills, rows=rows * kills, rate=rate)
    fake = BenchFake()
    fake.keep_calls = False
    fake.validate_html = False
    deliveries: Counter[int] = Counter()
    this_cycle: set[int] = set()

    def on_reply(chat: int, call: ApiCall) -> None:
        if call.method == "sendMessage" and call.ok and chat >= FIRST_CHAT:
            deliveries[chat] += 1
            this_cycle.add(chat)

    fake.on_reply = on_reply
    await fake.start()
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="kneecrash-") as tmp:
            db = Path(tmp) / "bot.sqlite3"
            conn = sqlite3.connect(db)
            create_schema(conn)
            conn.close()
            # Killing every ~2 s also kills senders before they reach a claimed row; each claim
            # counts an attempt, and after max_send_attempts the sweeper gives a row up as a
            # crash loop (by design). That protection is not what is measured here.
            extra = ["--lease", str(LEASE_SECONDS), "--max-attempts", "50"]
            for cycle in range(kills + 1):
                if cycle < kills:
                    chats = range(FIRST_CHAT + cycle * rows, FIRST_CHAT + (cycle + 1) * rows)
                    fake.add_chats(chats)
                    add_rows(db, chats, int(time.time()))
                this_cycle.clear()
                bot = BotProcess(fake.base_url, db, rate=rate, sweep_interval=0.2, extra=extra)
                await bot.start()
                if cycle == kills:  # the last run: no kill, drain everything
                    await wait_until(
                        lambda: len(deliveries) >= report.rows, timeout=60 + report.rows / rate
                    )
                    await asyncio.sleep(0.5)
                    await bot.stop()
                    break
                target = rng.randint(1, max(1, rows - 5))
                await wait_until(lambda: len(this_cycle) >= target, timeout=30, interval=0.002)  # noqa: B023
                await asyncio.sleep(rng.uniform(0, 0.03))
                assert bot.proc is not None
                bot.proc.kill()
                await bot.proc.wait()
                bot.proc = None
                report.duplicates_per_kill.append(len(sending_rows(db) & this_cycle))
                if cycle % 10 == 9:
                    say(f"crash: {cycle + 1} kills, duplicates so far {report.distribution}")
            with sqlite3.connect(db) as conn:
                states = dict(conn.execute("SELECT state, COUNT(*) FROM followups GROUP BY state"))
    finally:
        fake.on_reply = None
        await fake.stop()
    report.seconds = time.monotonic() - started
    report.sends = sum(deliveries.values())
    report.states = {str(k): int(v) for k, v in states.items()}
    report.rows_sent = int(states.get("sent", 0))
    report.rows_not_sent = report.rows - report.rows_sent
    report.extra_sends = report.sends - len(deliveries)
    return report


def print_report(report: CrashReport) -> None:
    kills = len(report.duplicates_per_kill)
    mean = sum(report.duplicates_per_kill) / kills if kills else 0.0
    print(
        f"crash: {kills} SIGKILLs while sending ({report.rows:,} check-ins, "
        f"{report.rows // max(kills, 1)} due per cycle, rate limit {report.rate:g}/s, "
        f"{report.seconds:.0f} s)"
    )
    print(
        f"  rows sent: {report.rows_sent:,} of {report.rows:,} (not sent: {report.rows_not_sent}); "
        f"sends: {report.sends:,}; sent twice: {report.extra_sends}; states {report.states}"
    )
    print(
        f"  duplicates per kill: {report.distribution} (kills with n duplicates), mean {mean:.2f}, "
        f"max {max(report.duplicates_per_kill, default=0)}; bound: {DEFAULT_CONCURRENCY} "
        f"senders in flight"
    )
    print(
        f"  counted at the kills = sent twice at the fake: "
        f"{'yes' if report.consistent else 'NO'} ({sum(report.duplicates_per_kill)} vs "
        f"{report.extra_sends})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="SIGKILL the bot while it sends check-ins")
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--rows", type=int, default=40)
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    print(machine().line())
    report = asyncio.run(run(args.kills, args.rows, args.rate, args.seed))
    print_report(report)
    ok = report.rows_not_sent == 0 and report.consistent
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
