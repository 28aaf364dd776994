"""Where the bot process spends its CPU: a cProfile dump summed by package.

    python -m bench.load --users 100 --modes closed --profile /tmp/bot.prof
    python -m bench.cpu_breakdown /tmp/bot.prof

The bot process profiles its main thread with `time.thread_time`, so idle waits do not count.
cProfile's own overhead inflates call-heavy code, so read the shares, not the absolute times.
"""

from __future__ import annotations

import argparse
import pstats
import sys
from collections.abc import Sequence

from bench.common import table


def package_of(filename: str) -> str:
    if filename.startswith("~") or filename.startswith("<built-in"):
        return "builtins (C)"
    if "/site-packages/" in filename:
        return filename.split("/site-packages/", 1)[1].split("/", 1)[0]
    for own in ("bot", "knowledge", "bench", "tests"):
        if f"/{own}/" in filename:
            return own
    if filename.startswith("<frozen importlib"):
        return "importlib"
    if "/lib/python3" in filename:
        rest = filename.split("/lib/python3", 1)[1].split("/", 1)[-1]
        return "stdlib " + rest.split("/", 1)[0].removesuffix(".py")
    return filename


def breakdown(path: str) -> tuple[float, list[tuple[str, float]]]:
    stats = pstats.Stats(path)
    by_package: dict[str, float] = {}
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, object]]
    raw = stats.stats  # type: ignore[attr-defined]
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in raw.items():
        name = package_of(filename)
        by_package[name] = by_package.get(name, 0.0) + tottime
    total = sum(by_package.values())
    return total, sorted(by_package.items(), key=lambda item: item[1], reverse=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    total, rows = breakdown(args.profile)
    print(f"main-thread CPU in the profile: {total:.2f} s")
    print(
        table(
            [[name, f"{secs:.2f}", f"{secs / total:.0%}"] for name, secs in rows[: args.top]],
            ["package", "self s", "share"],
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
