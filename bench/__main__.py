"""Run every benchmark and print a one-screen summary.

    python -m bench            # the full figures (about 35 minutes on 2 cores)
    python -m bench --quick    # smaller sizes, under two minutes; CI runs this
    python -m bench --only compare,drain
    python -m bench --only slow   # Telegram slow, before/after issue 24 (~2 min; not in --quick)

Each part can also be run alone:
python -m bench.{compare,memory,load,store,drain,crash,slow} --help.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench import compare, drain, load, memory, slow, store
from bench.common import machine, say, table

PARTS = ("compare", "memory", "load", "store", "drain", "slow")
# `slow` waits on Telegram's (emulated) 10 s latency: ~2 minutes whatever the sizes.
QUICK_SKIPS = ("slow",)


@dataclass(frozen=True)
class Sizes:
    compare_rounds: int
    compare_seconds: float
    memory_users: int
    load_users: tuple[int, ...]
    load_seconds: float
    load_modes: tuple[str, ...]
    store_rows: int
    store_claims: int
    drain_rows: int
    raw_rows: int


QUICK = Sizes(
    compare_rounds=2,
    compare_seconds=3.0,
    memory_users=50,
    load_users=(1, 100, 1000),
    load_seconds=2.0,
    load_modes=("closed", "paced:100"),
    store_rows=100_000,
    store_claims=11,
    drain_rows=300,
    raw_rows=1000,
)
FULL = Sizes(
    compare_rounds=3,
    compare_seconds=8.0,
    memory_users=10_000,
    load_users=(1, 100, 10_000),
    load_seconds=10.0,
    load_modes=("closed", "paced:100", "paced:1000"),
    store_rows=1_000_000,
    store_claims=21,
    drain_rows=10_000,
    raw_rows=10_000,
)


@dataclass
class Summary:
    rows: list[list[str]] = field(default_factory=list)

    def add(self, part: str, figure: str, value: str, target: str, ok: bool | None) -> None:
        verdict = "-" if ok is None else ("met" if ok else "MISSED")
        self.rows.append([part, figure, value, target, verdict])


def summarise_compare(s: Summary, report: compare.CompareReport) -> None:
    ours = report.figures[compare.OURS]
    ratio = report.ratio()
    s.add(
        "0 compare",
        "this bot / bare PTB echo bot, updates/s (median round)",
        f"{ratio:.2f} ({compare._med(ours.rates):,.0f}/s)",
        ">= 1.2",
        ratio >= 1.2,
    )
    cpu = compare._med(ours.cpu_ms)
    s.add("0 compare", "this bot's CPU per update", f"{cpu:.2f} ms", "<= 3.0 ms", cpu <= 3.0)


def summarise_memory(s: Summary, fig: memory.MemoryFigures) -> None:
    s.add("2 memory", "RSS idle (after start-up)", f"{fig.idle_mib:.1f} MiB", "< 80 MB", None)
    s.rows[-1][4] = "met" if fig.idle_mib * 1.048576 < 80 else "MISSED"
    s.add(
        "2 memory",
        f"RSS growth, {fig.pending:,} pending check-ins",
        f"{fig.growth_mib:+.1f} MiB ({fig.warm_mib:.1f} -> {fig.final_mib:.1f})",
        "~0",
        None,
    )


def summarise_load(s: Summary, report: load.LoadReport) -> None:
    for run in report.runs:
        if run.mode == "closed":
            s.add(
                "1 updates",
                f"max updates/s, {run.users:,} users",
                f"{run.rate:,.0f}/s (p99 {run.p99_ms:.0f} ms, bot CPU {run.bot_cpu_share:.0%})",
                ">= 1,000/s",
                run.rate >= 1000,
            )
        else:
            s.add(
                "1 updates",
                f"latency, {run.users:,} users, {run.label}",
                f"p50 {run.p50_ms:.1f} / p95 {run.p95_ms:.1f} / p99 {run.p99_ms:.1f} ms "
                f"at {run.rate:,.0f}/s",
                "p99 < 50 ms",
                run.p99_ms < 50,
            )


def summarise_store(s: Summary, fig: store.StoreFigures) -> None:
    s.add("3 store", f"insert {fig.rows:,} pending rows", f"{fig.insert_seconds:.2f} s", "", None)
    s.add(
        "3 store",
        f"claim_due 100 rows (median of {fig.claims})",
        f"{fig.claim_median_ms:.2f} ms (p90 {fig.claim_p90_ms:.2f})",
        "< 5 ms",
        fig.claim_median_ms < 5,
    )
    s.add(
        "3 store",
        "claim plan",
        "range scan on followups_due" if fig.uses_index_range else "NOT an index range scan",
        "index range",
        fig.uses_index_range,
    )
    s.add("3 store", "database size", f"{fig.db_mib:.1f} MiB", "< 200 MB", fig.db_mib < 190)


def summarise_drain(s: Summary, figs: list[drain.DrainFigures]) -> None:
    for fig in figs:
        if fig.limit < drain.RAW_RATE:
            s.add(
                "4 drain",
                f"{fig.rows:,} due check-ins at limit {fig.limit:g}/s",
                f"{fig.rate:.1f}/s ({fig.rate_vs_limit:.0%}), max in 1 s: {fig.max_in_1s} "
                f"at the fake, {fig.slots_max_in_1s} where started",
                f"{0.95 * fig.limit:.1f}-{fig.limit:g}/s, never > {fig.limit:g}",
                0.95 <= fig.rate_vs_limit <= 1.0 and fig.within_ceiling,
            )
        else:
            s.add(
                "4 drain",
                f"{fig.rows:,} due check-ins, limiter high",
                f"{fig.rate:,.0f}/s raw",
                "",
                None,
            )
        if fig.rows_sent_in_db != fig.rows:
            s.add("4 drain", "rows marked sent", f"{fig.rows_sent_in_db:,}", f"{fig.rows:,}", False)


def summarise_slow(s: Summary, results: list[slow.SlowFigures]) -> None:
    for f in results:
        if f.version != "after":
            continue
        if f.mode == slow.MODES[0]:
            s.add(
                "5 slow",
                "Telegram 10 s late: copies per reply / check-in, error messages",
                f"max {f.copies_max} / {f.checkins_duplicated} duplicated, {f.errors_seen}",
                "<= 1 / 0, 0",
                f.copies_max <= 1 and f.checkins_duplicated == 0 and f.errors_seen == 0,
            )
        else:
            s.add(
                "5 slow",
                "Telegram hanging: check-ins lost, replies lost (every try hung)",
                f"{f.checkins_lost}, {f.replies_lost} ({f.all_tries_hung})",
                "0, <= every try hung",
                f.checkins_lost == 0 and f.replies_lost <= f.all_tries_hung,
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="knee-pain bot benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--only", help=f"comma-separated parts of: {', '.join(PARTS)}")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    default = [p for p in PARTS if not (args.quick and p in QUICK_SKIPS)]
    parts = args.only.split(",") if args.only else default
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")

    info = machine()
    summary = Summary()
    figures: dict[str, Any] = {"machine": asdict(info), "sizes": asdict(sizes)}
    started = time.monotonic()
    scripts = None
    ratio_line = None
    if "compare" in parts:
        say(f"compare: {sizes.compare_rounds} alternating rounds against a bare PTB echo bot ...")
        cmp = asyncio.run(
            compare.run(
                compare.default_variants(),
                rounds=sizes.compare_rounds,
                seconds=sizes.compare_seconds,
                users=100,
                window=100,
            )
        )
        compare.print_report(cmp)
        summarise_compare(summary, cmp)
        ratio_line = f"ratio vs bare PTB: {cmp.ratio():.2f}"
        figures["compare"] = {
            "ratios": cmp.ratios,
            "figures": {k: asdict(v) for k, v in cmp.figures.items()},
        }
    if "memory" in parts:
        say(f"memory: {sizes.memory_users:,} users take the quiz ...")
        mem = asyncio.run(memory.run(sizes.memory_users))
        scripts = mem.scripts
        memory.print_report(mem)
        summarise_memory(summary, mem)
        figures["memory"] = {k: v for k, v in asdict(mem).items() if k != "scripts"}
    if "load" in parts:
        say(f"load: users {sizes.load_users}, modes {sizes.load_modes} ...")
        report = asyncio.run(
            load.run(
                sizes.load_users,
                quick=args.quick,
                seconds=sizes.load_seconds,
                modes=sizes.load_modes,
                scripts=scripts,
            )
        )
        load.print_report(report)
        summarise_load(summary, report)
        figures["load"] = {k: v for k, v in asdict(report).items() if k != "scripts"}
    if "store" in parts:
        fig = store.run(sizes.store_rows, sizes.store_claims)
        store.print_report(fig)
        summarise_store(summary, fig)
        figures["store"] = asdict(fig)
    if "drain" in parts:
        drains = []
        for rows, rate in ((sizes.drain_rows, drain.CEILING), (sizes.raw_rows, drain.RAW_RATE)):
            say(f"drain: {rows:,} due check-ins at {rate:g}/s ...")
            dfig = asyncio.run(drain.drain(rows, rate))
            drain.print_report(dfig)
            drains.append(dfig)
        summarise_drain(summary, drains)
        figures["drain"] = [asdict(d) for d in drains]
    if "slow" in parts:
        slows = asyncio.run(slow.run())
        slow.print_report(slows)
        summarise_slow(summary, slows)
        figures["slow"] = [asdict(f) for f in slows]

    print()
    print(f"Summary ({'quick' if args.quick else 'full'}; {info.line()})")
    print(table(summary.rows, ["part", "figure", "measured", "target", "verdict"]))
    if ratio_line is not None:
        print(ratio_line)
    print(f"total time {time.monotonic() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
