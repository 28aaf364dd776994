"""How fast `knowledge.freetext.interpret` reads: ``python -m bench.freetext``.

Prints p50 / p99 / max for a 4096-character message (Telegram's limit: a long run-on story with
warning signs, negations and misspellings spread through it) and for a typical 80-character
one. The target is p99 < 2 ms for the long message. A figure, never a test.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable, Sequence

from knowledge.freetext import MAX_CHARS, interpret

TYPICAL = "my claf is sooo swollen and hot since the flight, no fever tho, cant catch my breath"
_STORY = (
    "so basically i was running on sunday and my knee started to ache behind it, no swelling "
    "at first, then it got sooo tight, my calf is a bit sore and warm?? not sure if its red, "
    "had a cramp last night but gone now, I'm on the pill and flew back from spain last week, "
    "no chest pain, breathing is fine, maybe a bit out of breath on the stairs lol 😅 "
)


def long_message() -> str:
    text = (_STORY * (MAX_CHARS // len(_STORY) + 1))[:MAX_CHARS]
    assert len(text) == MAX_CHARS
    return text


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
        (f"{MAX_CHARS}-character message", long_message()),
        (f"{len(TYPICAL)}-character message", TYPICAL),
    ]
    print(f"interpret() timing, {args.runs} calls each (milliseconds)")
    print(f"{'message':26} {'p50':>7} {'p99':>7} {'max':>7} {'mean':>7}")
    for name, text in cases:
        times = measure(lambda text=text: interpret(text), args.runs)  # type: ignore[misc]
        ms = [t * 1000 for t in times]
        print(
            f"{name:26} {percentile(ms, 50):7.3f} {percentile(ms, 99):7.3f} "
            f"{max(ms):7.3f} {statistics.fmean(ms):7.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
