"""Part 1: update throughput and latency, end to end over loopback HTTP.

The bot runs in its own process (`bench.botproc`); this process runs the fake Bot API and the
simulated users. Each user follows a fixed script (commands, menu button, topic commands,
free text, an unknown command, the quiz with its answer buttons, accepting the check-in) and
waits for the bot's replies to one update before sending the next. Latency is measured from the
moment the update is queued at the fake (push) to the first message the bot sends or edits in
reply (the fake's ``at``), so it includes getUpdates, PTB, the handlers, SQLite and the reply
request.

    python -m bench.load [--quick] [--users 1,100,10000] [--concurrent-updates N]
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
from typing import Any

from bench.common import cpu_seconds, machine, percentile, say, system_busy_seconds, table
from bench.rig import REPLY_METHODS, BenchFake, BotProcess, wait_until
from knowledge.content import TOPICS
from knowledge.quiz_data import NO
from tests.fakebot import ApiCall, SentMessage

CONTENT_METHODS = frozenset({"sendMessage", "editMessageText"})
OFFERED_RATE = 1000.0  # updates/s for the latency runs (the target)
STEP_TIMEOUT = 30.0
CALIBRATION_USER = 7


@dataclass(frozen=True, slots=True)
class Step:
    """One thing a user does: send ``text``, or press a button whose data starts with ``prefix``."""

    name: str
    text: str = ""
    prefix: str = ""

    @property
    def is_press(self) -> bool:
        return bool(self.prefix)


@dataclass(frozen=True, slots=True)
class Script:
    steps: tuple[Step, ...]
    calls: tuple[int, ...]  # reply calls the bot makes for each step
    content: tuple[bool, ...]  # whether the step's replies include a message sent or edited


@dataclass
class Pending:
    push_at: float
    remaining: int
    wants_content: bool
    future: asyncio.Future[None]
    reply_at: float | None = None


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)  # push -> first reply, seconds
    done: list[float] = field(default_factory=list)  # push -> last reply of the step
    steps: Counter[str] = field(default_factory=Counter)
    timeouts: int = 0
    timeouts_by_step: Counter[str] = field(default_factory=Counter)
    strays: int = 0
    skipped: int = 0


def choose_button(msg: SentMessage, prefix: str) -> str | None:
    datas = [data for _, data in BenchFake.buttons(msg) if data.startswith(prefix)]
    if not datas:
        return None
    if prefix == "1a:":
        # Quiz answers: "no" where offered (so no red flag ends the quiz early), else the first.
        for data in datas:
            if data.endswith(f":{NO}"):
                return data
    return datas[0]


def newest_with(fake: BenchFake, chat: int, prefix: str) -> tuple[SentMessage, str] | None:
    for msg in reversed(fake.messages(chat)):
        data = choose_button(msg, prefix)
        if data is not None:
            return msg, data
    return None


class Driver:
    """Simulated users talking to the bot through the fake."""

    def __init__(self, fake: BenchFake) -> None:
        self.fake = fake
        self.pending: dict[int, Pending] = {}
        self.results = Results()
        fake.on_reply = self._on_reply

    def _on_reply(self, chat: int, call: ApiCall) -> None:
        pending = self.pending.get(chat)
        if pending is None:
            self.results.strays += 1
            return
        pending.remaining -= 1
        if pending.reply_at is None and (
            call.method in CONTENT_METHODS or not pending.wants_content
        ):
            pending.reply_at = call.at
        if pending.remaining <= 0:
            del self.pending[chat]
            done_at = call.at
            self.results.latencies.append((pending.reply_at or done_at) - pending.push_at)
            self.results.done.append(done_at - pending.push_at)
            if not pending.future.done():
                pending.future.set_result(None)

    def push(self, user: int, step: Step, calls: int, wants_content: bool) -> Pending | None:
        """Queue the user's update; None when the button to press is not there."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if step.is_press:
            found = newest_with(self.fake, user, step.prefix)
            if found is None:
                return None
            msg, data = found
            pending = Pending(time.monotonic(), calls, wants_content, future)
            self.pending[user] = pending
            self.fake.push_callback(user, msg.message_id, data)
        else:
            pending = Pending(time.monotonic(), calls, wants_content, future)
            self.pending[user] = pending
            self.fake.push_message(user, step.text)
        return pending

    async def do_step(self, user: int, script: Script, index: int) -> bool:
        step = script.steps[index]
        pending = self.push(user, step, script.calls[index], script.content[index])
        if pending is None:
            self.results.skipped += 1
            return False
        try:
            await asyncio.wait_for(pending.future, STEP_TIMEOUT)
        except TimeoutError:
            self.results.timeouts += 1
            self.results.timeouts_by_step[f"{step.name} ({pending.remaining} replies missing)"] += 1
            self.pending.pop(user, None)
            return False
        self.results.steps[step.name] += 1
        return True


# -------------------------------------------------------------------------- calibration


def base_steps() -> list[Step]:
    return [
        Step("/start", text="/start"),
        Step("menu button", prefix="1t:"),
        Step("/help", text="/help"),
        Step("topic command", text=f"/{TOPICS[1].command}"),
        Step("free text", text="my knee hurts when I run"),
        Step("unknown command", text="/nonsense"),
        Step("topic command", text=f"/{TOPICS[5].command}"),
    ]


def is_reply_to(fake: BenchFake, call: ApiCall, chat: int) -> bool:
    return call.method in REPLY_METHODS and fake.chat_of(call) == chat


async def _quiet(fake: BenchFake, chat: int, after: int, quiet: float = 0.1) -> None:
    """Wait for the bot's first reply to `chat` after call `after`, then until it has sent
    nothing more to that chat for `quiet` seconds."""

    def count() -> int:
        return sum(1 for c in fake.calls[after:] if is_reply_to(fake, c, chat))

    deadline = time.monotonic() + 10.0
    await wait_until(lambda: count() > 0, timeout=10.0, interval=0.005)
    last = -1
    while time.monotonic() < deadline:
        now = count()
        if now == last:
            return
        last = now
        await asyncio.sleep(quiet)


async def calibrate_pass(fake: BenchFake, user: int) -> Script:
    """Run the script once as one user, watching what the bot sends for each step."""
    steps: list[Step] = []
    calls: list[int] = []
    content: list[bool] = []

    async def run(step: Step) -> bool:
        mark = fake.mark()
        if step.is_press:
            found = newest_with(fake, user, step.prefix)
            if found is None:
                return False
            fake.push_callback(user, found[0].message_id, found[1])
        else:
            fake.push_message(user, step.text)
        await _quiet(fake, user, mark)
        replies = [c for c in fake.calls[mark:] if is_reply_to(fake, c, user)]
        bad = [c for c in replies if not c.ok]
        if bad:
            raise RuntimeError(f"the bot's reply failed during calibration: {fake.dump_calls(5)}")
        if not replies:
            raise RuntimeError(f"no reply to {step.name} during calibration")
        steps.append(step)
        calls.append(len(replies))
        content.append(any(c.method in CONTENT_METHODS for c in replies))
        return True

    for step in base_steps():
        await run(step)
    await run(Step("/quiz", text="/quiz"))
    for _ in range(30):
        if not await run(Step("quiz answer", prefix="1a:")):
            break
    await run(Step("accept check-in", prefix="1c:"))
    return Script(tuple(steps), tuple(calls), tuple(content))


async def calibrate(fake: BenchFake) -> tuple[Script, Script]:
    """Scripts for a user's first pass and for the passes after it."""
    fake.validate_html = True
    fake.keep_calls = True
    first = await calibrate_pass(fake, CALIBRATION_USER)
    again = await calibrate_pass(fake, CALIBRATION_USER)
    fake.validate_html = False
    fake.keep_calls = False
    fake.calls.clear()
    return first, again


def describe(script: Script) -> str:
    names = Counter(step.name for step in script.steps)
    return ", ".join(f"{n}×{name}" if n > 1 else name for name, n in names.items())


# -------------------------------------------------------------------------- runs


@dataclass
class RunFigures:
    label: str
    users: int
    mode: str
    updates: int
    seconds: float
    rate: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    p99_done_ms: float
    bot_cpu_ms_per_update: float
    bot_cpu_share: float
    driver_cpu_share: float
    other_cpu_share: float
    timeouts: int
    timeouts_by_step: dict[str, int]
    strays: int
    errors: int
    mix: dict[str, int]

    def row(self) -> list[str]:
        return [
            self.label,
            f"{self.users:,}",
            self.mode,
            f"{self.updates:,}",
            f"{self.rate:,.0f}",
            f"{self.p50_ms:.1f}",
            f"{self.p95_ms:.1f}",
            f"{self.p99_ms:.1f}",
            f"{self.bot_cpu_ms_per_update:.2f}",
            f"{self.bot_cpu_share:.0%}",
            f"{self.driver_cpu_share:.0%}",
            f"{self.other_cpu_share:.0%}",
            str(self.timeouts + self.strays + self.errors),
        ]


ROW_HEADER = [
    "run",
    "users",
    "load",
    "updates",
    "upd/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "bot CPU ms/upd",
    "bot CPU",
    "driver CPU",
    "other CPU",
    "errors",
]


class Measure:
    def __init__(self, bot: BotProcess, fake: BenchFake) -> None:
        self.bot = bot
        self.fake = fake

    def __enter__(self) -> Measure:
        self.t0 = time.monotonic()
        self.bot0 = self.bot.cpu()
        self.me0 = cpu_seconds()
        self.err0 = len(self.fake.errors)
        self.sys0 = system_busy_seconds()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.seconds = time.monotonic() - self.t0
        self.bot_cpu = self.bot.cpu() - self.bot0
        self.me_cpu = cpu_seconds() - self.me0
        self.errors = len(self.fake.errors) - self.err0
        # CPU used by other programs meanwhile (other test runs share this machine).
        self.other_cpu = max(0.0, system_busy_seconds() - self.sys0 - self.bot_cpu - self.me_cpu)


def figures(label: str, users: int, mode: str, driver: Driver, m: Measure) -> RunFigures:
    r = driver.results
    n = len(r.latencies)
    return RunFigures(
        label=label,
        users=users,
        mode=mode,
        updates=n,
        seconds=m.seconds,
        rate=n / m.seconds if m.seconds else 0.0,
        p50_ms=percentile(r.latencies, 50) * 1000,
        p95_ms=percentile(r.latencies, 95) * 1000,
        p99_ms=percentile(r.latencies, 99) * 1000,
        p99_done_ms=percentile(r.done, 99) * 1000,
        bot_cpu_ms_per_update=m.bot_cpu / n * 1000 if n else float("nan"),
        bot_cpu_share=m.bot_cpu / m.seconds,
        driver_cpu_share=m.me_cpu / m.seconds,
        other_cpu_share=m.other_cpu / m.seconds,
        timeouts=r.timeouts,
        timeouts_by_step=dict(r.timeouts_by_step),
        strays=r.strays,
        errors=m.errors,
        mix=dict(r.steps),
    )


async def closed_run(
    driver: Driver,
    scripts: tuple[Script, Script],
    users: Sequence[int],
    *,
    window: int,
    seconds: float,
    full_pass: bool,
) -> None:
    """Every user runs its script, one update at a time; at most `window` updates in flight."""
    slots = asyncio.Semaphore(window)
    deadline = time.monotonic() + seconds

    async def user_loop(user: int) -> None:
        passes = 0
        while True:
            script = scripts[0] if passes == 0 else scripts[1]
            for index in range(len(script.steps)):
                if time.monotonic() >= deadline and not (full_pass and passes == 0):
                    return
                async with slots:
                    if not await driver.do_step(user, script, index):
                        return
            passes += 1
            driver.fake.forget_messages(user)

    await asyncio.gather(*(user_loop(u) for u in users))


async def paced_run(
    driver: Driver,
    scripts: tuple[Script, Script],
    users: Sequence[int],
    *,
    rate: float,
    seconds: float,
    seed: int = 1,
) -> int:
    """Open loop: start a step every 1/rate s for a random idle user. Returns steps not started
    on time because no user was idle (only possible when users are few)."""
    rng = random.Random(seed)
    idle: list[int] = list(users)
    position: dict[int, tuple[int, int]] = {u: (0, 0) for u in users}  # (pass, step)
    tasks: set[asyncio.Task[None]] = set()
    waiting_for_idle = 0
    freed = asyncio.Event()

    async def one(user: int) -> None:
        passes, index = position[user]
        script = scripts[0] if passes == 0 else scripts[1]
        ok = await driver.do_step(user, script, index)
        index += 1
        if index >= len(script.steps) or not ok:
            passes, index = passes + 1, 0
            driver.fake.forget_messages(user)
        position[user] = (passes, index)
        idle.append(user)
        freed.set()

    start = time.monotonic()
    total = int(rate * seconds)
    for k in range(total):
        due = start + k / rate
        delay = due - time.monotonic()
        if delay > 0.001:
            await asyncio.sleep(delay)
        while not idle:
            waiting_for_idle += 1
            freed.clear()
            await freed.wait()
        user = idle.pop(rng.randrange(len(idle)))
        task = asyncio.create_task(one(user))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.gather(*tasks)
    return waiting_for_idle


# -------------------------------------------------------------------------- the benchmark


async def one_run(
    fake: BenchFake,
    bot: BotProcess,
    scripts: tuple[Script, Script],
    users: range,
    mode: str,
    window: int,
    seconds: float,
) -> RunFigures:
    """`closed` (as fast as the bot goes, `window` updates in flight) or `paced:RATE`."""
    driver = Driver(fake)
    n_users = len(users)
    with Measure(bot, fake) as m:
        if mode == "closed":
            slots = min(window, n_users)
            await closed_run(driver, scripts, users, window=slots, seconds=seconds, full_pass=False)
            label = f"max, {slots} in flight"
        else:
            rate = float(mode.partition(":")[2] or OFFERED_RATE)
            await paced_run(driver, scripts, users, rate=rate, seconds=seconds)
            label = f"offered {rate:,.0f}/s"
    return figures(label, n_users, mode.partition(":")[0], driver, m)


@dataclass
class LoadReport:
    runs: list[RunFigures]
    first_script: str
    steps_per_pass: int
    idle_rss_mib: float
    end_rss_mib: float
    extra: list[str]
    scripts: tuple[Script, Script]


async def run(
    user_counts: Sequence[int],
    *,
    quick: bool,
    bot_args: list[str] | None = None,
    window: int = 100,
    seconds: float | None = None,
    modes: tuple[str, ...] = ("closed", "paced:100", "paced:1000"),
    scripts: tuple[Script, Script] | None = None,
) -> LoadReport:
    seconds = seconds if seconds is not None else (3.0 if quick else 10.0)
    fake = BenchFake()
    await fake.start()
    runs: list[RunFigures] = []
    try:
        with tempfile.TemporaryDirectory(prefix="kneebench-") as tmp:
            bot = BotProcess(fake.base_url, Path(tmp) / "bot.sqlite3", extra=bot_args)
            await bot.start()
            try:
                idle_rss = bot.rss()
                if scripts is None:
                    scripts = await calibrate(fake)
                else:
                    fake.validate_html = False
                    fake.keep_calls = False
                say(f"load: script per user pass: {describe(scripts[0])}")
                base = 100_000_000
                for n_users in user_counts:
                    for mode in modes:
                        base += 10_000_000
                        fig = await one_run(
                            fake, bot, scripts, range(base, base + n_users), mode, window, seconds
                        )
                        runs.append(fig)
                        if fig.timeouts:
                            say(f"load: timeouts: {dict(fig.timeouts_by_step)}")
                        say(
                            f"load: {n_users} users {fig.label}: {fig.rate:,.0f} upd/s, "
                            f"p50 {fig.p50_ms:.1f} p95 {fig.p95_ms:.1f} p99 {fig.p99_ms:.1f} ms, "
                            f"bot CPU {fig.bot_cpu_share:.0%}, other CPU {fig.other_cpu_share:.0%}"
                        )
                end_rss = bot.rss()
            finally:
                code = await bot.stop()
                if code != 0:
                    say(f"load: bot process exited with {code}")
    finally:
        fake.on_reply = None
        await fake.stop()
    return LoadReport(
        runs=runs,
        first_script=describe(scripts[0]),
        steps_per_pass=len(scripts[0].steps),
        idle_rss_mib=idle_rss,
        end_rss_mib=end_rss,
        extra=bot_args or [],
        scripts=scripts,
    )


def print_report(report: LoadReport) -> None:
    print(table([r.row() for r in report.runs], ROW_HEADER))
    print(f"script per user pass ({report.steps_per_pass} updates): {report.first_script}")
    print(
        f"bot RSS: {report.idle_rss_mib:.1f} MiB at start, {report.end_rss_mib:.1f} MiB after the"
        " runs"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="update throughput and latency")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--users", help="comma-separated user counts")
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--window", type=int, default=100)
    parser.add_argument("--concurrent-updates", type=int, default=0)
    parser.add_argument("--skip-touch", action="store_true")
    parser.add_argument("--stub-sniffio", action="store_true")
    parser.add_argument("--bot-args", default="", help="more bench.botproc options, quoted")
    parser.add_argument("--modes", default="closed,paced:100,paced:1000")
    parser.add_argument("--profile", type=Path, help="cProfile the bot process into this file")
    args = parser.parse_args(argv)
    counts = (
        [int(x) for x in args.users.split(",")]
        if args.users
        else ([1, 100, 1000] if args.quick else [1, 100, 10_000])
    )
    bot_args: list[str] = []
    if args.concurrent_updates:
        bot_args += ["--concurrent-updates", str(args.concurrent_updates)]
    if args.skip_touch:
        bot_args.append("--skip-touch")
    if args.stub_sniffio:
        bot_args.append("--stub-sniffio")
    bot_args += args.bot_args.split()
    if args.profile:
        bot_args += ["--profile", str(args.profile.resolve())]
    print(machine().line())
    report = asyncio.run(
        run(
            counts,
            quick=args.quick,
            bot_args=bot_args,
            window=args.window,
            seconds=args.seconds,
            modes=tuple(args.modes.split(",")),
        )
    )
    print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
