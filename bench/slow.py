"""Telegram slow, before and after issue 24: copies, apologies, duplicated and lost check-ins.

Two ways Telegram is slow, injected by the emulator (playground/emulator/faults.py) on every
sendMessage once the bot is up:

- slow but processing: every request is handled, and its answer comes `--delay` (10) s late;
- slow and dropped: for `--outage` (40) s every request hangs, never answered and never
  handled (the emulator's `hang_next`), then Telegram is well again.

In each mode `--users` (10) people send /start (the welcome is one message), spread over the
run (1 s apart when slow, 5 s apart through the outage and past it), and `--checkins` (10)
check-ins to other people fall due at once. Each of the 4 runs (2 modes x before/after) is the
real bot process (`bench.botproc`, lease `--lease` 30 s) against its own emulator, all four
at the same time (they mostly wait), for `--seconds` (100) s. "Before" is the same
repository at `--before-ref` (the commit before issue 24), unpacked by `git archive`, or
`--before-root`. Counted from what each emulator handled (what the user sees):

- copies per reply: welcome messages per person who got one (mean and max);
- replies lost: people who never got the welcome; of them, those whose every try hung;
- error messages seen: "something went wrong" messages, in all;
- check-ins duplicated / lost: check-in chats with more than one / no check-in message.

    python -m bench.slow [--seconds 100] [--delay 10] [--outage 40] [--users 10]
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import machine, say, table
from bench.rig import ROOT, BenchFake, BotProcess
from knowledge.render import render_start
from knowledge.texts import ERROR
from playground.emulator.server import HUNG_TEXT

# The last commit before issue 24's change (sends repeated blindly after a 5 s timeout).
BEFORE_REF = "53f2f96"
MODES = ("slow but processing", "slow and dropped")
VERSIONS = ("before", "after")
FIRST_USER = 70_000_001
FIRST_CHECKIN = 71_000_001
MANY = 10**6


@dataclass
class SlowFigures:
    mode: str
    version: str
    users: int
    checkins: int
    copies: list[int] = field(default_factory=list)  # welcomes per person
    all_tries_hung: int = 0  # people whose every welcome try hung (no answer, not handled)
    errors_seen: int = 0
    checkin_copies: list[int] = field(default_factory=list)
    reply_tries: int = 0
    checkin_tries: int = 0
    checkin_states: dict[str, int] = field(default_factory=dict)

    @property
    def replied(self) -> list[int]:
        return [c for c in self.copies if c > 0]

    @property
    def copies_mean(self) -> float:
        return sum(self.replied) / len(self.replied) if self.replied else 0.0

    @property
    def copies_max(self) -> int:
        return max(self.copies, default=0)

    @property
    def replies_lost(self) -> int:
        return self.copies.count(0)

    @property
    def checkins_duplicated(self) -> int:
        return sum(1 for c in self.checkin_copies if c > 1)

    @property
    def checkins_lost(self) -> int:
        return self.checkin_copies.count(0)


def unpack(ref: str, target: Path) -> Path:
    """The repository at `ref`, as files (git archive), for the "before" bot."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref],
        check=True,
        capture_output=True,
    ).stdout
    tar_path = target / "before.tar"
    tar_path.write_bytes(archive)
    root = target / "before"
    root.mkdir()
    with tarfile.open(tar_path) as tar:
        tar.extractall(root, filter="data")
    return root


def add_checkins(db: Path, chats: range) -> None:
    now = int(time.time())
    with sqlite3.connect(db, timeout=10) as conn:
        conn.executemany(
            "INSERT INTO followups (user_id, chat_id, created_at, due_at) VALUES (?, ?, ?, ?)",
            ((chat, chat, now - 86400, now - 1) for chat in chats),
        )


async def one_run(
    mode: str,
    version: str,
    root: Path,
    workdir: Path,
    *,
    seconds: float,
    delay: float,
    outage: float,
    users: int,
    checkins: int,
    lease: float,
) -> SlowFigures:
    fake = BenchFake()
    user_chats = range(FIRST_USER, FIRST_USER + users)
    checkin_chats = range(FIRST_CHECKIN, FIRST_CHECKIN + checkins)
    fake.add_chats(user_chats)
    fake.add_chats(checkin_chats)
    figures = SlowFigures(mode, version, users, checkins)
    db = workdir / f"{mode.replace(' ', '-')}-{version}.sqlite3"
    await fake.start()
    try:
        bot = BotProcess(
            fake.base_url,
            db,
            rate=30.0,
            sweep_interval=1.0,
            extra=["--lease", str(lease), "--max-attempts", "5"],
            root=root,
        )
        await bot.start()
        try:
            started = time.monotonic()
            recovery: asyncio.Task[None] | None = None
            if mode == MODES[0]:
                fake.slow_next("sendMessage", delay, times=MANY)
                spacing = 1.0
            else:
                fake.hang_next("sendMessage", times=MANY)
                spacing = (outage + 5.0) / max(1, users - 1)

                async def recover() -> None:
                    await asyncio.sleep(outage)
                    fake.stop_hanging()

                recovery = asyncio.create_task(recover())
            add_checkins(db, checkin_chats)
            for index, chat in enumerate(user_chats):
                await asyncio.sleep(max(0.0, started + index * spacing - time.monotonic()))
                fake.push_message(chat, "/start")
            if recovery is not None:
                await recovery
            await asyncio.sleep(max(0.0, started + seconds - time.monotonic()))
        finally:
            await bot.stop()
        await asyncio.sleep(0.5)
        welcome = render_start()
        for chat in user_chats:
            texts = [m.text for m in fake.messages(chat)]
            figures.copies.append(texts.count(welcome))
            figures.errors_seen += texts.count(ERROR)
            tries = [
                c
                for c in fake.calls_of("sendMessage")
                if c.params.get("chat_id") == chat and c.params.get("text") == welcome
            ]
            figures.reply_tries += len(tries)
            if tries and all(c.description == HUNG_TEXT for c in tries):
                figures.all_tries_hung += 1
        for chat in checkin_chats:
            figures.checkin_copies.append(len(fake.messages(chat)))
            figures.checkin_tries += sum(
                1 for c in fake.calls_of("sendMessage") if c.params.get("chat_id") == chat
            )
        with sqlite3.connect(db) as conn:
            figures.checkin_states = {
                str(state): int(count)
                for state, count in conn.execute(
                    "SELECT state, COUNT(*) FROM followups GROUP BY state"
                )
            }
    finally:
        await fake.stop()
    return figures


async def run(
    *,
    seconds: float = 100.0,
    delay: float = 10.0,
    outage: float = 40.0,
    users: int = 10,
    checkins: int = 10,
    lease: float = 30.0,
    before_ref: str = BEFORE_REF,
    before_root: Path | None = None,
) -> list[SlowFigures]:
    with tempfile.TemporaryDirectory(prefix="kneeslow-") as tmp:
        workdir = Path(tmp)
        before = before_root if before_root is not None else unpack(before_ref, workdir)
        roots = {"before": before, "after": ROOT}
        say(
            f"slow: 4 runs side by side ({seconds:.0f} s each): {', '.join(MODES)}; "
            f"before = {before_ref if before_root is None else before_root}"
        )
        runs = [
            one_run(
                mode,
                version,
                roots[version],
                workdir,
                seconds=seconds,
                delay=delay,
                outage=outage,
                users=users,
                checkins=checkins,
                lease=lease,
            )
            for mode in MODES
            for version in VERSIONS
        ]
        return list(await asyncio.gather(*runs))


def print_report(results: Sequence[SlowFigures], delay: float = 10.0, outage: float = 40.0) -> None:
    print(
        f"slow Telegram: sendMessage answered {delay:g} s late (slow but processing), or "
        f"hanging unhandled for {outage:g} s (slow and dropped)"
    )
    rows = [
        [
            f.mode,
            f.version,
            f"{f.copies_mean:.1f} (max {f.copies_max})",
            f"{f.replies_lost} of {f.users} ({f.all_tries_hung} every try hung)",
            str(f.errors_seen),
            f"{f.checkins_duplicated} of {f.checkins}",
            f"{f.checkins_lost} of {f.checkins}",
            f"{f.reply_tries} / {f.checkin_tries}",
        ]
        for f in results
    ]
    header = [
        "mode",
        "bot",
        "copies per reply",
        "replies lost",
        "error msgs seen",
        "check-ins duplicated",
        "check-ins lost",
        "sends: replies / check-ins",
    ]
    print(table(rows, header))


def targets_met(results: Sequence[SlowFigures]) -> bool:
    """Slow but processing: at most 1 copy of each reply and check-in. Slow and dropped: no
    check-in lost, and only replies whose every try hung lost. (For the "after" bot.)"""
    ok = True
    for f in results:
        if f.version != "after":
            continue
        if f.mode == MODES[0]:
            ok &= f.copies_max <= 1 and f.checkins_duplicated == 0 and f.errors_seen == 0
        else:
            ok &= f.checkins_lost == 0 and f.replies_lost <= f.all_tries_hung
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=100.0)
    parser.add_argument("--delay", type=float, default=10.0)
    parser.add_argument("--outage", type=float, default=40.0)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--checkins", type=int, default=10)
    parser.add_argument("--lease", type=float, default=30.0)
    parser.add_argument("--before-ref", default=BEFORE_REF)
    parser.add_argument("--before-root", type=Path)
    args = parser.parse_args(argv)
    print(machine().line())
    results = asyncio.run(
        run(
            seconds=args.seconds,
            delay=args.delay,
            outage=args.outage,
            users=args.users,
            checkins=args.checkins,
            lease=args.lease,
            before_ref=args.before_ref,
            before_root=args.before_root,
        )
    )
    print_report(results, args.delay, args.outage)
    met = targets_met(results)
    print(f"targets (after): {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
