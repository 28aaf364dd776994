"""How fast `knowledge.freetext.interpret` reads: ``python -m bench.freetext``.

Prints p50 / p99 / max for 4096-character messages (Telegram's limit): a symptom-dense one (the
corpus messages run together: warning signs, negations, misspellings everywhere) and everyday
chat with one symptom at the end; and for a typical 80-character message. The target is
p99 < 2 ms for a 4096-character message. A figure, never a test; a reference loop is timed too,
so figures from a slow or busy machine can be compared.

``--compare-ref REV`` also times `interpret` as it was at git revision REV (its
``knowledge/freetext.py`` loaded as a separate module), interleaved with the current one, so
that both see the same machine load: ``python -m bench.freetext --compare-ref main``.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from bench.revision import load_revision
from knowledge.freetext import MAX_CHARS, interpret
from knowledge.freetext.lexicon import LEXICONS

TYPICAL = "my claf is sooo swollen and hot since the flight, no fever tho, cant catch my breath"
OTHER_LANGUAGES = (
    ("es", "tengo la pantorrilla muy hinchada y caliente desde el vuelo, sin fiebre, me ahogo"),
    ("pt", "minha panturrilha tá muito inchada e quente desde o voo, sem febre, falta de ar"),
    ("ru", "икра сильно опухла и горячая после перелёта, температуры нет, задыхаюсь"),
)
"""The typical message in the other languages read (timed now only: before, none was read)."""


def long_message() -> str:
    """4096 characters of varied, symptom-dense writing: the corpus messages run together."""
    from tests.freetext_corpus import CASES  # only the benchmark needs the corpus

    parts: list[str] = []
    size = 0
    for case in CASES:
        if case.kind == "other_language":
            continue
        parts.append(case.text)
        size += len(case.text) + 2
        if size > MAX_CHARS:
            break
    text = ". ".join(parts)[:MAX_CHARS]
    assert len(text) == MAX_CHARS
    return text


def english_test_messages() -> list[str]:
    """Every English message of the corpus and of the outside test sets (tests/data)."""
    from tests.freetext_corpus import CASES
    from tests.freetext_figures import HELD_OUT, HELD_OUT_FIRST, TUNING, load_set

    cases = [*CASES, *(c for path in (TUNING, HELD_OUT_FIRST, HELD_OUT) for c in load_set(path))]
    return [case.text for case in cases if case.language == "en"]


def plain_message() -> str:
    """4096 characters of everyday chat with one symptom sentence at the end."""
    filler = "we went to the park with the kids and then had lunch at my mums place, lovely day. "
    tail = "anyway my calf is swollen and red"
    return (filler * 60)[: MAX_CHARS - len(tail)] + tail


def machine_reference_ms() -> float:
    """Milliseconds for a fixed pure-Python loop, to compare machines (about 3 ms on an idle
    2020s laptop core)."""
    start = time.perf_counter()
    total = 0
    for i in range(100_000):
        total += i & 7
    return (time.perf_counter() - start) * 1000


def measure(fn: Callable[[], object], runs: int) -> list[float]:
    """Seconds per call, `runs` calls after a short warm-up, with the collector paused."""
    for _ in range(20):
        fn()
    times: list[float] = []
    gc.disable()
    try:
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return times


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def same_reading(reading: object) -> tuple[object, ...]:
    """A reading's fields as plain values, comparable between two versions of the module."""
    fields = ("findings", "tier", "topics", "needs_check", "language", "named_topics", "rules")
    evidence = tuple(
        (e.finding, e.status, e.start, e.end)
        for e in getattr(reading, "evidence")  # noqa: B009
    )
    return (*(getattr(reading, name) for name in fields), evidence)


def measure_pair(
    first: Callable[[], object], second: Callable[[], object], runs: int
) -> tuple[list[float], list[float]]:
    """Like `measure` for two functions, calls interleaved so both see the same load."""
    for _ in range(20):
        first()
        second()
    times: tuple[list[float], list[float]] = ([], [])
    gc.disable()
    try:
        for _ in range(runs):
            for fn, found in ((first, times[0]), (second, times[1])):
                start = time.perf_counter()
                fn()
                found.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return times


def row(name: str, times: Sequence[float]) -> str:
    ms = [t * 1000 for t in times]
    return (
        f"{name:38} {percentile(ms, 50):7.3f} {percentile(ms, 99):7.3f} "
        f"{max(ms):7.3f} {statistics.fmean(ms):7.3f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000, help="calls per message (2000)")
    parser.add_argument(
        "--compare-ref",
        metavar="REV",
        help="also time interpret() as it was at this git revision, interleaved",
    )
    parser.add_argument(
        "--stages", action="store_true", help="also time normalise and the pattern scan alone"
    )
    parser.add_argument(
        "--memory",
        action="store_true",
        help="with --compare-ref: RSS of a process after importing the reader, now and at REV",
    )
    args = parser.parse_args(argv)
    cases = [
        (f"{MAX_CHARS} chars, symptom-dense", long_message()),
        (f"{MAX_CHARS} chars, everyday chat", plain_message()),
        (f"{len(TYPICAL)} chars, typical", TYPICAL),
    ]
    reference = min(machine_reference_ms() for _ in range(5))
    print(f"interpret() timing, {args.runs} calls each (milliseconds)")
    print(f"machine reference: 100k-step Python loop takes {reference:.1f} ms (lower is faster)")
    print(f"{'message':38} {'p50':>7} {'p99':>7} {'max':>7} {'mean':>7}")
    if args.compare_ref:
        old = load_revision(args.compare_ref).interpret
        for name, text in cases:
            if same_reading(old(text)) != same_reading(interpret(text)):
                print(f"{name}: the readings differ between {args.compare_ref} and now")
            now_times, old_times = measure_pair(
                lambda text=text: interpret(text),  # type: ignore[misc]
                lambda text=text: old(text),  # type: ignore[misc]
                args.runs,
            )
            print(row(f"{name} (now)", now_times))
            print(row(f"{name} ({args.compare_ref})", old_times))
            ratio = percentile(now_times, 50) / percentile(old_times, 50)
            print(f"{'':38} now / {args.compare_ref} at p50: {ratio:.2f}x")
        messages = english_test_messages()
        now_times, old_times = measure_pair(
            lambda: [interpret(t) for t in messages],
            lambda: [old(t) for t in messages],
            max(args.runs // 100, 5),
        )
        name = f"the {len(messages)} English test messages"
        print(row(f"{name} (now)", now_times))
        print(row(f"{name} ({args.compare_ref})", old_times))
        ratio = percentile(now_times, 50) / percentile(old_times, 50)
        print(f"{'':38} now / {args.compare_ref} at p50: {ratio:.2f}x")
        for code, text in OTHER_LANGUAGES:
            print(
                row(
                    f"{len(text)} chars, typical, {code} (now)",
                    measure(partial(interpret, text), args.runs),
                )
            )
        if args.memory:
            print_memory(args.compare_ref)
        return 0
    for name, text in cases:
        print(row(name, measure(lambda text=text: interpret(text), args.runs)))  # type: ignore[misc]
    if args.stages:
        print_stages(cases, args.runs)
    return 0


_RSS = """
import gc, sys
sys.path.insert(0, {root!r})
def rss():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:")) / 1024
bare = rss()
import knowledge.findings, knowledge.triage  # what both readers need besides themselves
before = rss()
{load}
gc.collect()
print(bare, before, rss())
"""


def rss_after_import(rev: str | None) -> tuple[float, float, float]:
    """MiB of a fresh process: bare, with the rules imported, and with the reader (now, or as
    it was at `rev`) imported and its lexicons compiled."""
    root = str(Path(__file__).resolve().parent.parent)
    load = (
        "import knowledge.freetext"
        if rev is None
        else f"from bench.revision import load_revision; load_revision({rev!r})"
    )
    out = subprocess.run(
        [sys.executable, "-c", _RSS.format(root=root, load=load)],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    bare, before, after = (float(x) for x in out)
    return bare, before, after


def print_memory(rev: str) -> None:
    """RSS after import, now and at `rev`: the median of five fresh processes each."""
    now = sorted(rss_after_import(None) for _ in range(5))[2]
    old = sorted(rss_after_import(rev) for _ in range(5))[2]
    print("RSS of a fresh process after importing the reader (MiB, median of 5)")
    print(f"{'':38} {'total':>7} {'reader':>7}")
    print(f"{'now (' + ', '.join(LEXICONS) + ')':38} {now[2]:7.1f} {now[2] - now[1]:7.1f}")
    print(f"{rev:38} {old[2]:7.1f} {old[2] - old[1]:7.1f}")
    print(f"{'growth':38} {now[2] - old[2]:7.1f}")


def print_stages(cases: Sequence[tuple[str, str]], runs: int) -> None:
    """Median milliseconds of the two stages that run over the whole text, and the rest."""
    from knowledge import freetext

    print("stages, p50 ms: normalise / scan (every pattern, one pass) / the rest of interpret")
    for name, text in cases:
        norm = freetext.normalise(text)
        whole = percentile(measure(partial(interpret, text), runs), 50)
        first = percentile(measure(partial(freetext.normalise, text), runs), 50)
        scan = percentile(measure(partial(freetext.READER.scanner.scan, norm), runs), 50)
        found, _ = freetext.READER.scanner.scan(norm)
        rest = whole - first - scan
        print(
            f"{name:38} {first * 1000:7.3f} {scan * 1000:7.3f} {rest * 1000:7.3f}"
            f"   ({len(norm.split())} words, {sum(map(len, found.values()))} pattern matches)"
        )


if __name__ == "__main__":
    raise SystemExit(main())
