"""How fast `knowledge.freetext.interpret` reads: ``python -m bench.freetext``.

Prints p50 / p99 / max for 4096-character messages (Telegram's limit): a symptom-dense one (the
corpus messages run together: warning signs, negations, misspellings everywhere) and everyday
chat with one symptom at the end; and for a typical 80-character message. The target is
p99 < 2 ms for a 4096-character message. A figure, never a test; a reference loop is timed too,
so figures from a slow or busy machine can be compared.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable, Sequence

from knowledge.freetext import MAX_CHARS, interpret

TYPICAL = "my claf is sooo swollen and hot since the flight, no fever tho, cant catch my breath"


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000, help="calls per message (2000)")
    args = parser.parse_args(argv)
    cases = [
        (f"{MAX_CHARS} chars, symptom-dense", long_message()),
        (f"{MAX_CHARS} chars, everyday chat", plain_message()),
        (f"{len(TYPICAL)} chars, typical", TYPICAL),
    ]
    reference = min(machine_reference_ms() for _ in range(5))
    print(f"interpret() timing, {args.runs} calls each (milliseconds)")
    print(f"machine reference: 100k-step Python loop takes {reference:.1f} ms (lower is faster)")
    print(f"{'message':30} {'p50':>7} {'p99':>7} {'max':>7} {'mean':>7}")
    for name, text in cases:
        times = measure(lambda text=text: interpret(text), args.runs)  # type: ignore[misc]
        ms = [t * 1000 for t in times]
        print(
            f"{name:30} {percentile(ms, 50):7.3f} {percentile(ms, 99):7.3f} "
            f"{max(ms):7.3f} {statistics.fmean(ms):7.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
