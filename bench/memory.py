"""Part 2: memory of the bot process, idle and after many users each left a pending check-in.

The bot runs in its own process; its RSS is read from /proc/<pid>/status (VmRSS). Users take
the quiz through the real handlers (/quiz, every answer button, then "Yes, check on me"),
which leaves one pending check-in per user in SQLite. RSS is read at checkpoints on the way.

    python -m bench.memory [--users 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.common import machine, say
from bench.load import Driver, Script, calibrate, closed_run
from bench.rig import BenchFake, BotProcess


@dataclass
class MemoryFigures:
    idle_mib: float  # right after start-up, before any update
    warm_mib: float  # after the calibration user went through every feature once
    checkpoints: list[tuple[int, float, int]]  # (users done, RSS MiB, pending check-ins)
    users: int
    updates: int
    seconds: float
    timeouts: int
    scripts: tuple[Script, Script]

    @property
    def final_mib(self) -> float:
        return self.checkpoints[-1][1] if self.checkpoints else self.warm_mib

    @property
    def growth_mib(self) -> float:
        return self.final_mib - self.warm_mib

    @property
    def pending(self) -> int:
        return self.checkpoints[-1][2] if self.checkpoints else 0


def quiz_script(script: Script) -> Script:
    """The part of a user's pass from /quiz to accepting the check-in."""
    names = [step.name for step in script.steps]
    start = names.index("/quiz")
    if "accept check-in" not in names:
        raise RuntimeError("the bot offered no check-in after the quiz")
    return Script(script.steps[start:], script.calls[start:], script.content[start:])


def pending_checkins(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        (count,) = conn.execute(
            "SELECT COUNT(*) FROM followups WHERE state IN ('pending', 'sending')"
        ).fetchone()
    return int(count)


async def run(
    users: int,
    *,
    scripts: tuple[Script, Script] | None = None,
    window: int = 100,
    checkpoints: Sequence[float] = (0.1, 0.25, 0.5, 1.0),
) -> MemoryFigures:
    fake = BenchFake()
    await fake.start()
    points: list[tuple[int, float, int]] = []
    try:
        with tempfile.TemporaryDirectory(prefix="kneebench-mem-") as tmp:
            db = Path(tmp) / "bot.sqlite3"
            bot = BotProcess(fake.base_url, db)
            await bot.start()
            try:
                await asyncio.sleep(1.0)  # let start-up work (first sweep, imports) settle
                idle = bot.rss()
                if scripts is None:
                    scripts = await calibrate(fake)
                else:
                    fake.validate_html = False
                    fake.keep_calls = False
                warm = bot.rss()
                quiz = quiz_script(scripts[0])
                both = (quiz, quiz)
                driver = Driver(fake)
                first = 500_000_000
                done = 0
                started = time.monotonic()
                for share in checkpoints:
                    upto = max(done, round(users * share))
                    if upto > done:
                        await closed_run(
                            driver,
                            both,
                            range(first + done, first + upto),
                            window=window,
                            seconds=0.0,
                            full_pass=True,
                        )
                        for user in range(first + done, first + upto):
                            fake.forget_messages(user)
                        done = upto
                    points.append((done, bot.rss(), pending_checkins(db)))
                    say(f"memory: {done:,} users: RSS {points[-1][1]:.1f} MiB, {points[-1][2]:,}")
                seconds = time.monotonic() - started
                if driver.results.timeouts:
                    say(f"memory: timeouts: {dict(driver.results.timeouts_by_step)}")
            finally:
                code = await bot.stop()
                if code != 0:
                    say(f"memory: bot process exited with {code}\n{bot.log_tail()}")
    finally:
        fake.on_reply = None
        await fake.stop()
    return MemoryFigures(
        idle_mib=idle,
        warm_mib=warm,
        checkpoints=points,
        users=users,
        updates=len(driver.results.latencies),
        seconds=seconds,
        timeouts=driver.results.timeouts,
        scripts=scripts,
    )


# The libraries the bot cannot run without, imported and used as the bot uses them (an event
# loop, a settings class read from the environment, a PTB Application with the rate limiter
# and the aiohttp client session, an aiosqlite connection), and nothing of the bot's own.
_FLOOR = """
import asyncio, aiohttp, aiosqlite, pydantic_settings
from telegram.ext import AIORateLimiter, ApplicationBuilder

class Settings(pydantic_settings.BaseSettings):
    token: str = "123:abc"

async def main():
    app = ApplicationBuilder().token(Settings().token).rate_limiter(AIORateLimiter()).build()
    async with aiohttp.ClientSession() as session, aiosqlite.connect(":memory:") as db:
        await db.execute("select 1")
        await asyncio.sleep(1.0)
        with open("/proc/self/status") as status:
            print(next(l.split()[1] for l in status if l.startswith("VmRSS")))

asyncio.run(main())
"""


def library_floor_mib() -> float:
    """RSS of a process holding only the libraries the bot needs (see `_FLOOR`), run by the
    same Python as the bot (KNEEBENCH_BOT_PYTHON or this one)."""
    python = os.environ.get("KNEEBENCH_BOT_PYTHON") or sys.executable
    out = subprocess.run([python, "-c", _FLOOR], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1]) / 1024


def print_report(fig: MemoryFigures) -> None:
    print(f"bot RSS idle (after start-up): {fig.idle_mib:.1f} MiB")
    print(f"  the libraries alone, no bot code (same Python): {library_floor_mib():.1f} MiB")
    print(f"bot RSS warm (every feature used once): {fig.warm_mib:.1f} MiB")
    for users, rss, pending in fig.checkpoints:
        print(f"  after {users:>7,} users took the quiz: {rss:6.1f} MiB, {pending:,} pending")
    print(
        f"growth with {fig.pending:,} pending check-ins: {fig.growth_mib:+.1f} MiB "
        f"({fig.updates:,} updates in {fig.seconds:.0f} s, {fig.timeouts} timeouts)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="bot memory, idle and with pending check-ins")
    parser.add_argument("--users", type=int, default=10_000)
    args = parser.parse_args(argv)
    print(machine().line())
    print_report(asyncio.run(run(args.users)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
