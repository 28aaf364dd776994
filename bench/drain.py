"""Part 4: draining due check-ins through the real Sweeper, at Telegram's ceiling and raw.

N check-ins, all due, are written to a fresh database (the bot's schema); then the bot
process starts and its Sweeper (bot/scheduler.py, started in post_init) sends them. The fake
Bot API records when each sendMessage arrived; from those times: the steady send rate, the
most sends in any sliding 1 s window, and whether every row ended `sent`.

    python -m bench.drain [--rows 10000] [--rate 30] [--raw-rows 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.common import cpu_seconds, machine, say, steal_seconds
from bench.rig import BenchFake, BotProcess, wait_until
from bench.store import FIRST_USER, bulk_insert
from tests.fakebot import ApiCall

CEILING = 30.0
RAW_RATE = 100_000.0


@dataclass
class DrainFigures:
    rows: int
    limit: float
    sent: int
    seconds: float
    rate: float  # sends/s from the first to the last send
    max_in_1s: int  # most sends inside any sliding 1 s window
    over_limit: int  # sends that were more than `limit` within the 1 s before them
    rows_sent_in_db: int
    duplicates: int  # sends beyond the first to the same chat (each row should go once)
    bot_cpu_seconds: float
    driver_cpu_seconds: float
    # Where each send's HTTP request started in the bot (its pacer slot), for comparison:
    slots_max_in_1s: int = 0
    slots_over_limit: int = 0
    steal_share: float = 0.0  # CPU time the host gave to other machines, of all the cores

    @property
    def within_ceiling(self) -> bool:
        return self.max_in_1s <= self.limit

    @property
    def rate_vs_limit(self) -> float:
        return self.rate / self.limit


def over_limit(times: Sequence[float], limit: float, window: float = 1.0) -> int:
    """How many sends had at least `limit` others in the `window` seconds before them."""
    ordered = sorted(times)
    n = int(limit)
    return sum(1 for i in range(n, len(ordered)) if ordered[i] - ordered[i - n] < window)


def max_in_window(times: Sequence[float], window: float = 1.0) -> int:
    """Most events in any half-open interval [t, t + window)."""
    ordered = sorted(times)
    best = 0
    start = 0
    for end, t in enumerate(ordered):
        while t - ordered[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def arrivals_fake(count: int) -> tuple[BenchFake, list[float], set[int]]:
    """A fake Bot API for `count` check-in chats that records when each check-in arrived
    (times) and to whom (seen), and keeps no other call."""
    fake = BenchFake()
    fake.keep_calls = False
    times: list[float] = []
    seen: set[int] = set()
    chats = range(FIRST_USER, FIRST_USER + count)

    def on_reply(chat: int, call: ApiCall) -> None:
        if call.method == "sendMessage" and call.ok and chat in chats:
            times.append(call.at)
            seen.add(chat)

    fake.on_reply = on_reply
    fake.add_chats(chats)
    return fake, times, seen


async def drain(
    count: int, limit: float, *, batch: int = 50, bot_args: list[str] | None = None
) -> DrainFigures:
    fake, times, seen = arrivals_fake(count)
    fake.validate_html = limit <= CEILING  # at the ceiling the fake has time to check HTML
    await fake.start()
    try:
        with tempfile.TemporaryDirectory(prefix="kneebench-drain-") as tmp:
            db = Path(tmp) / "bot.sqlite3"
            bulk_insert(db, count, now=int(time.time()) - 5, due_fraction=1.0)
            slots_file = Path(tmp) / "slots.txt"
            bot = BotProcess(
                fake.base_url,
                db,
                rate=limit,
                sweep_interval=1.0,
                sweep_batch=batch,
                extra=[*(bot_args or []), "--record-slots", str(slots_file)],
            )
            me0, steal0, wall0 = cpu_seconds(), steal_seconds(), time.monotonic()
            await bot.start()
            try:
                expected = count / min(limit, 2000.0)
                await wait_until(lambda: len(times) >= count, timeout=expected * 1.5 + 30)
                bot_cpu = bot.cpu()
                cores = os.cpu_count() or 1
                steal = (steal_seconds() - steal0) / (time.monotonic() - wall0) / cores
            finally:
                code = await bot.stop()
                if code != 0:
                    say(f"drain: bot process exited with {code}\n{bot.log_tail()}")
            slots = [float(line) for line in slots_file.read_text().split()]
            with sqlite3.connect(db) as conn:
                (sent_rows,) = conn.execute(
                    "SELECT COUNT(*) FROM followups WHERE state = 'sent'"
                ).fetchone()
            errors = len(fake.errors)
    finally:
        fake.on_reply = None
        await fake.stop()
    if errors:
        say(f"drain: {errors} sends failed at the fake")
    seconds = (max(times) - min(times)) if len(times) > 1 else 0.0
    return DrainFigures(
        rows=count,
        limit=limit,
        sent=len(times),
        seconds=seconds,
        rate=(len(times) - 1) / seconds if seconds else 0.0,
        max_in_1s=max_in_window(times),
        over_limit=over_limit(times, limit) if limit < RAW_RATE else 0,
        rows_sent_in_db=int(sent_rows),
        duplicates=len(times) - len(seen),
        bot_cpu_seconds=bot_cpu,
        driver_cpu_seconds=cpu_seconds() - me0,
        slots_max_in_1s=max_in_window(slots),
        slots_over_limit=over_limit(slots, limit) if limit < RAW_RATE else 0,
        steal_share=steal,
    )


def print_report(fig: DrainFigures) -> None:
    limit = "raw (limiter 100000/s)" if fig.limit >= RAW_RATE else f"limit {fig.limit:g}/s"
    print(
        f"drain {fig.rows:,} due check-ins, {limit}: sent {fig.sent:,} in {fig.seconds:.1f} s "
        f"= {fig.rate:,.1f}/s; max in any 1 s window: {fig.max_in_1s} ({fig.over_limit} sends "
        f"over the limit); rows 'sent' in the "
        f"database: {fig.rows_sent_in_db:,}; sent twice: {fig.duplicates}; "
        f"bot CPU {fig.bot_cpu_seconds:.1f} s"
    )
    if fig.limit < RAW_RATE:
        print(
            f"  where each request started in the bot (its pacer slot): max in any 1 s window "
            f"{fig.slots_max_in_1s} ({fig.slots_over_limit} over the limit); time stolen by "
            f"the host meanwhile: {fig.steal_share:.0%} of the cores (arrivals at the fake "
            f"bunch when its process waits for a CPU)"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="drain due check-ins through the Sweeper")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=CEILING)
    parser.add_argument("--raw-rows", type=int, default=10_000, help="0 to skip the raw run")
    parser.add_argument("--bot-args", default="", help="more bench.botproc options, quoted")
    args = parser.parse_args(argv)
    extra = args.bot_args.split()
    print(machine().line())
    print_report(asyncio.run(drain(args.rows, args.rate, bot_args=extra)))
    if args.raw_rows:
        print_report(asyncio.run(drain(args.raw_rows, RAW_RATE, bot_args=extra)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
