"""What durable commits cost (issue 24, item 1): normal vs critical vs full, side by side.

The Store runs at one of three durabilities (`bot.storage.Durability`):
  normal    no commit synced to disk (synchronous=NORMAL; the bot before issue 24)
  critical  the commits that must survive a power cut are synced (scheduling and cancelling
            check-ins, finishing a quiz, /forget); the rest as normal (the default)
  full      every commit synced (synchronous=FULL)

Two figures per durability, in alternating rounds (the order rotates every round) on the same
disk, each round on a fresh database:

- per-update cost: the Store calls the bot makes for a user's pass of 16 updates (the pass of
  `bench.compare`: commands, menus, free text, /quiz and its answers, the outcome, accepting
  the check-in; `PASS` below), one user at a time (latency: wall ms per update) and with
  `--users` users in flight (throughput: updates/s; CPU ms per update of this process);
- check-in drain: `--rows` due check-ins claimed in batches of 100 and marked sent by 8
  senders, as the sweeper does, without Telegram in the way: check-ins/s (the sweeper's
  ceiling is Telegram's 30 messages/s, so this is the headroom).

    python -m bench.durability [--rounds 3] [--seconds 4] [--users 50] [--rows 3000] [--dir D]

`--dir` puts the databases on the disk being measured (default: the system's temp folder;
the bot's own database folder is the one that matters).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import machine, median, say, table
from bench.store import bulk_insert
from bot.storage import Durability, Store

NOW = 1_800_000_000
LEVELS = (Durability.NORMAL, Durability.CRITICAL, Durability.FULL)
SENDERS = 8
BATCH = 100

Step = Callable[[Store, int, int], Awaitable[object]]


async def _plain(store: Store, user: int, now: int) -> None:
    """/start, /help, a menu or topic button, free text, an unknown command."""
    await store.note_activity(user, "en", now)


async def _quiz_start(store: Store, user: int, now: int) -> None:
    await store.note_activity(user, "en", now)
    await store.cancel_quiz(user)
    await store.start_quiz(user, user, f"n{user}", "q0", now)
    await store.set_quiz_message(user, f"n{user}", 1)


def _answer(question: int) -> Step:
    async def answer(store: Store, user: int, now: int) -> None:
        await store.note_activity(user, "en", now)
        await store.get_quiz(user)
        await store.advance_quiz(user, f"n{user}", f"q{question}", f"q{question + 1}", now)

    return answer


async def _quiz_finish(store: Store, user: int, now: int) -> None:
    await store.note_activity(user, "en", now)
    await store.get_quiz(user)
    await store.finish_quiz(user, f"n{user}", "q6", "self_care", now, answers="a1.b2.c3")


async def _accept_checkin(store: Store, user: int, now: int) -> None:
    await store.note_activity(user, "en", now)
    outcome = await store.latest_outcome(user)
    await store.schedule_followup(
        user, user, now + 2 * 86_400, now, outcome_id=outcome.id if outcome else None
    )


# One user's pass: 16 updates, as in bench.compare's script.
PASS: tuple[Step, ...] = (
    _plain,  # /start
    _plain,  # a menu button
    _plain,  # a topic
    _plain,  # free text
    _plain,  # an unknown command
    _plain,  # /help
    _quiz_start,  # /quiz
    *(_answer(q) for q in range(6)),  # its answers
    _quiz_finish,  # the last answer: the outcome
    _plain,  # the outcome's warning-signs button
    _accept_checkin,  # "check on me in 2 days"
)


@dataclass
class Figures:
    latency_ms: list[float] = field(default_factory=list)  # one user: wall ms per update
    rate: list[float] = field(default_factory=list)  # users in flight: updates/s
    cpu_ms: list[float] = field(default_factory=list)  # users in flight: CPU ms per update
    drain: list[float] = field(default_factory=list)  # check-ins marked sent per second


async def _passes(store: Store, users: int, seconds: float, first_user: int) -> int:
    """`users` users each running passes until `seconds` are up; returns updates done."""
    deadline = time.perf_counter() + seconds
    done = 0

    async def user_loop(slot: int) -> None:
        nonlocal done
        user = first_user + slot
        while time.perf_counter() < deadline:
            for step in PASS:
                await step(store, user, NOW)
                done += 1
            await store.cancel_followups(user)  # /stop: the next pass schedules afresh
            done += 1
            user += users

    await asyncio.gather(*(user_loop(slot) for slot in range(users)))
    return done


async def per_update(
    path: Path, durability: Durability, users: int, seconds: float
) -> tuple[float, float, float]:
    """(wall ms per update for one user, updates/s with `users` in flight, CPU ms per update)."""
    async with Store(path, durability=durability) as store:
        await _passes(store, 1, 0.3, 1)  # warm up
        started = time.perf_counter()
        done = await _passes(store, 1, seconds / 2, 1_000)
        latency = (time.perf_counter() - started) / done * 1000
        started, cpu = time.perf_counter(), time.process_time()
        done = await _passes(store, users, seconds, 1_000_000)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return latency, done / elapsed, cpu / done * 1000


async def drain(path: Path, durability: Durability) -> float:
    """Check-ins marked sent per second: claimed by 100, sent by 8 senders, no Telegram."""
    async with Store(path, durability=durability) as store:
        sent = 0
        started = time.perf_counter()
        while rows := await store.claim_due(NOW, BATCH, 120):
            queue = [row.id for row in rows]

            async def sender(queue: list[int]) -> None:
                nonlocal sent
                while queue:
                    followup = queue.pop()
                    await store.get_followup(followup)
                    if await store.mark_sent(followup, NOW, followup):
                        sent += 1

            await asyncio.gather(*(sender(queue) for _ in range(SENDERS)))
        return sent / (time.perf_counter() - started)


async def one_round(
    order: Sequence[Durability],
    report: dict[Durability, Figures],
    directory: Path | None,
    users: int,
    seconds: float,
    rows: int,
) -> None:
    for durability in order:
        with tempfile.TemporaryDirectory(prefix="kneebench-durability-", dir=directory) as tmp:
            fig = report[durability]
            latency, rate, cpu = await per_update(
                Path(tmp) / "updates.sqlite3", durability, users, seconds
            )
            fig.latency_ms.append(latency)
            fig.rate.append(rate)
            fig.cpu_ms.append(cpu)
            queue = Path(tmp) / "queue.sqlite3"
            bulk_insert(queue, rows, due_fraction=1.0)
            fig.drain.append(await drain(queue, durability))


def run(
    rounds: int, seconds: float, users: int, rows: int, directory: Path | None
) -> dict[Durability, Figures]:
    report = {durability: Figures() for durability in LEVELS}
    for index in range(rounds):
        order = LEVELS[index % 3 :] + LEVELS[: index % 3]
        say(f"round {index + 1}/{rounds}: {', '.join(order)}")
        asyncio.run(one_round(order, report, directory, users, seconds, rows))
    return report


def print_report(report: dict[Durability, Figures], users: int) -> None:
    base = report[Durability.NORMAL]

    def each(values: list[float], digits: int) -> str:
        return " / ".join(f"{v:.{digits}f}" for v in values)

    lines = []
    for durability, fig in report.items():
        lines.append(
            [
                str(durability),
                f"{median(fig.latency_ms):.3f} ({each(fig.latency_ms, 3)})",
                f"{median(fig.rate):.0f} ({each(fig.rate, 0)})",
                f"{median(fig.cpu_ms):.3f}",
                f"{median(fig.drain):.0f} ({each(fig.drain, 0)})",
                f"{median(fig.latency_ms) / median(base.latency_ms):.2f}",
                f"{median(fig.drain) / median(base.drain):.2f}",
            ]
        )
    header = [
        "durability",
        "ms/update, 1 user (per round)",
        f"updates/s, {users} users",
        "CPU ms/update",
        "check-ins/s drained",
        "latency vs normal",
        "drain vs normal",
    ]
    print(table(lines, header))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4.0, help="per-update run length")
    parser.add_argument("--users", type=int, default=50, help="users in flight")
    parser.add_argument("--rows", type=int, default=3000, help="due check-ins to drain")
    parser.add_argument("--dir", type=Path, default=None, help="where the databases go")
    args = parser.parse_args(argv)
    say(machine().line())
    say(f"databases in {args.dir or tempfile.gettempdir()}")
    report = run(args.rounds, args.seconds, args.users, args.rows, args.dir)
    print_report(report, args.users)
    return 0


if __name__ == "__main__":
    sys.exit(main())
