"""Side by side: this bot against a bare python-telegram-bot echo bot, alternating rounds.

Absolute figures on a shared 2-core machine drift by ±15% from minute to minute, so every
figure here is relative: in each round each bot runs once (the order alternates), against the
same fake Bot API and the same driver (bench/load.py), with 100 users and at most 100 updates
in flight (a closed loop: capacity). This bot runs its real script (commands, menu, free text,
the quiz and its buttons; 1 to 3 API calls an update); the echo bot gets text messages and
answers each with one sendMessage. The ratio is this bot's updates/s over the echo bot's, per
round; the median round is printed as

    ratio vs bare PTB: X.XX

    python -m bench.compare [--rounds 3] [--seconds 8] [--users 100]
    python -m bench.compare --variant "httpx=--bot-args=--http-client=httpx"   # + more bots
    python -m bench.compare --before-root ../other-checkout   # + another version of the bot

Each variant is this bot with extra `bench.botproc` switches (see `python -m bench.botproc
--help`); `--before-root` runs `bench.botproc` from another checkout of the repository.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import machine, say, table
from bench.load import Script, Step, calibrate, one_run
from bench.rig import ROOT, BenchFake, BotProcess

BARE = "bare PTB echo"
OURS = "this bot"
ECHO_TEXTS = ("hello", "my knee hurts", "behind the knee", "thanks", "what helps?", "ok")


@dataclass(frozen=True, slots=True)
class Variant:
    name: str
    module: str = "bench.botproc"
    args: tuple[str, ...] = ()
    root: Path = ROOT

    @property
    def is_bare(self) -> bool:
        return self.module == "bench.bare"


@dataclass
class Figures:
    rates: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    cpu_share: list[float] = field(default_factory=list)
    p99_ms: list[float] = field(default_factory=list)
    idle_rss: list[float] = field(default_factory=list)
    errors: int = 0


@dataclass
class CompareReport:
    variants: list[Variant]
    figures: dict[str, Figures]
    ratios: dict[str, list[float]]  # variant -> per-round ratio to the bare bot
    other_cpu: list[float]

    def ratio(self, name: str = OURS) -> float:
        values = self.ratios.get(name) or [float("nan")]
        return statistics.median(values)


def echo_script(steps: int = 22) -> Script:
    texts = [ECHO_TEXTS[i % len(ECHO_TEXTS)] for i in range(steps)]
    return Script(
        steps=tuple(Step("text", text=t) for t in texts),
        calls=(1,) * steps,
        content=(True,) * steps,
    )


async def measure(
    fake: BenchFake,
    variant: Variant,
    scripts: tuple[Script, Script] | None,
    users: range,
    window: int,
    seconds: float,
    tmp: Path,
    serial: int,
) -> tuple[Figures, tuple[Script, Script] | None, float]:
    bot = BotProcess(
        fake.base_url,
        tmp / f"{serial}.sqlite3",
        extra=list(variant.args),
        module=variant.module,
        root=variant.root,
    )
    await bot.start()
    figures = Figures()
    try:
        await asyncio.sleep(0.5)
        figures.idle_rss.append(bot.rss())
        if variant.is_bare:
            used = (echo_script(), echo_script())
        else:
            if scripts is None:
                scripts = await calibrate(fake)
            used = scripts
        fake.validate_html = False
        fake.keep_calls = False
        # Warm-up: imports, first connections, caches.
        warm = range(users.start + 50_000, users.start + 50_000 + min(len(users), 20))
        await one_run(fake, bot, used, warm, "closed", window, min(1.0, seconds / 4))
        run = await one_run(fake, bot, used, users, "closed", window, seconds)
    finally:
        code = await bot.stop()
        if code != 0:
            say(f"compare: {variant.name} exited with {code}; log:\n{bot.log_tail()}")
    figures.rates.append(run.rate)
    figures.cpu_ms.append(run.bot_cpu_ms_per_update)
    figures.cpu_share.append(run.bot_cpu_share)
    figures.p99_ms.append(run.p99_ms)
    figures.errors += run.timeouts + run.errors
    return figures, scripts, run.other_cpu_share


async def run(
    variants: Sequence[Variant],
    *,
    rounds: int,
    seconds: float,
    users: int,
    window: int,
) -> CompareReport:
    fake = BenchFake()
    await fake.start()
    figures = {v.name: Figures() for v in variants}
    ratios: dict[str, list[float]] = {v.name: [] for v in variants if not v.is_bare}
    other: list[float] = []
    scripts: dict[Path, tuple[Script, Script] | None] = {}
    base = 200_000_000
    try:
        with tempfile.TemporaryDirectory(prefix="kneecompare-") as tmp:
            serial = 0
            for number in range(rounds):
                order = list(variants) if number % 2 == 0 else list(reversed(variants))
                rates: dict[str, float] = {}
                for variant in order:
                    serial += 1
                    base += 1_000_000
                    say(f"compare: round {number + 1}/{rounds}: {variant.name} ...")
                    fig, used, other_cpu = await measure(
                        fake,
                        variant,
                        scripts.get(variant.root),
                        range(base, base + users),
                        window,
                        seconds,
                        Path(tmp),
                        serial,
                    )
                    if not variant.is_bare:
                        scripts[variant.root] = used
                    other.append(other_cpu)
                    total = figures[variant.name]
                    for name in ("rates", "cpu_ms", "cpu_share", "p99_ms", "idle_rss"):
                        getattr(total, name).extend(getattr(fig, name))
                    total.errors += fig.errors
                    rates[variant.name] = fig.rates[0]
                    say(
                        f"compare:   {fig.rates[0]:,.0f} upd/s, {fig.cpu_ms[0]:.2f} ms CPU/upd, "
                        f"idle RSS {fig.idle_rss[0]:.1f} MiB, other CPU {other_cpu:.0%}"
                    )
                bare = next((rates[v.name] for v in variants if v.is_bare), None)
                for name in ratios:
                    if bare:
                        ratios[name].append(rates[name] / bare)
    finally:
        fake.on_reply = None
        await fake.stop()
    return CompareReport(list(variants), figures, ratios, other)


def _med(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def print_report(report: CompareReport) -> None:
    rows = []
    for variant in report.variants:
        fig = report.figures[variant.name]
        ratio = report.ratios.get(variant.name)
        rows.append(
            [
                variant.name,
                " ".join(f"{r:,.0f}" for r in fig.rates),
                f"{_med(fig.rates):,.0f}",
                f"{_med(fig.cpu_ms):.2f}",
                f"{_med(fig.cpu_share):.0%}",
                f"{_med(fig.p99_ms):.0f}",
                f"{_med(fig.idle_rss):.1f}",
                "1.00" if ratio is None else " ".join(f"{r:.2f}" for r in ratio),
                str(fig.errors),
            ]
        )
    print(
        table(
            rows,
            [
                "bot",
                "upd/s per round",
                "median upd/s",
                "CPU ms/upd",
                "bot CPU",
                "p99 ms",
                "idle RSS MiB",
                "ratio per round",
                "errors",
            ],
        )
    )
    print(f"other CPU on the machine meanwhile: median {_med(report.other_cpu):.0%}")
    for variant in report.variants:
        if not variant.is_bare and variant.name != OURS:
            print(f"ratio vs bare PTB ({variant.name}): {report.ratio(variant.name):.2f}")
    if OURS in report.ratios:
        print(f"ratio vs bare PTB: {report.ratio(OURS):.2f}")


def parse_variant(text: str) -> Variant:
    name, _, args = text.partition("=")
    if not name or not args:
        raise argparse.ArgumentTypeError("a variant is NAME=ARGS (bench.botproc switches)")
    return Variant(name=name, args=tuple(args.split()))


def default_variants(
    extra: Sequence[Variant] = (), before_root: Path | None = None
) -> list[Variant]:
    variants = [Variant(BARE, module="bench.bare"), Variant(OURS)]
    if before_root is not None:
        variants.append(Variant("before (other checkout)", root=before_root.resolve()))
    variants.extend(extra)
    return variants


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="this bot vs a bare PTB echo bot")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--window", type=int, default=100)
    parser.add_argument("--variant", type=parse_variant, action="append", default=[])
    parser.add_argument("--before-root", type=Path)
    args = parser.parse_args(argv)
    print(machine().line())
    report = asyncio.run(
        run(
            default_variants(args.variant, args.before_root),
            rounds=args.rounds,
            seconds=args.seconds,
            users=args.users,
            window=args.window,
        )
    )
    print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
