"""Print how long the bot's screens are: ``python -m tests.screen_figures [--list]``.

Walks every screen (see tests/screens.py) through the fake Bot API server and prints
characters per screen (median, max; all text and what shows before an expandable blockquote
is opened), how many screens are over 1,000 visible characters, how many end a step without
a button, and screens per flow (distinct screens, most taps to reach one). ``--list`` also
prints every screen's figures; ``--show TEXT`` prints the screens whose text contains TEXT.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
from collections import defaultdict
from pathlib import Path

from tests.fakebot import FakeBotApi
from tests.harness import TOKEN, ManualClock, make_settings, run_bot
from tests.screens import Screen, walk

LIMIT = 1000


async def collect() -> list[Screen]:
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeBotApi(TOKEN) as fake:
            settings = make_settings(Path(tmp), fake.base_url)
            clock = ManualClock()
            async with run_bot(settings, clock):
                walker = await walk(fake, clock, settings.followup_delay_seconds)
                print(f"(walked in {walker.runs} runs from a new user each)")
                return walker.screens


def figures(screens: list[Screen]) -> list[str]:
    lines = []
    chars = [s.chars for s in screens]
    visible = [s.visible_chars for s in screens]
    lines.append(f"distinct screens: {len(screens)}")
    lines.append(f"characters per screen: median {statistics.median(chars):.0f}, max {max(chars)}")
    lines.append(
        f"visible characters (blockquotes collapsed): median {statistics.median(visible):.0f}, "
        f"max {max(visible)}"
    )
    over = [s for s in screens if s.visible_chars > LIMIT and s.flow != "/sources"]
    lines.append(f"screens over {LIMIT} visible characters (not /sources): {len(over)}")
    dead = [s for s in screens if s.ends_step and not s.buttons]
    lines.append(f"screens that end a step with no button: {len(dead)}")
    utc = [s for s in screens if "UTC" in s.plain]
    lines.append(f"screens that say UTC: {len(utc)}")
    ends = [
        s.taps
        for s in screens
        if s.flow == "/quiz" and s.taps and not any("cancel" in b.lower() for b in s.buttons)
    ]
    if ends:
        lines.append(
            f"quiz: taps to the first screen that is not a question: min {min(ends)}, "
            f"median {statistics.median(ends):.0f}, max {max(ends)}"
        )
    lines.append("screens per flow (distinct screens / most taps to reach one / max chars):")
    by_flow: dict[str, list[Screen]] = defaultdict(list)
    for screen in screens:
        by_flow[screen.flow].append(screen)
    for flow, group in by_flow.items():
        taps = max(s.taps for s in group)
        lines.append(
            f"  {flow:<22} {len(group):>3} screens, {taps:>2} taps deep, "
            f"max {max(s.chars for s in group)} chars"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="figures for every screen")
    parser.add_argument("--show", metavar="TEXT", help="print screens whose text contains TEXT")
    args = parser.parse_args()
    screens = asyncio.run(collect())
    print("\n".join(figures(screens)))
    if args.list:
        for s in screens:
            first = s.plain.splitlines()[0][:50] if s.plain else ""
            print(f"{s.chars:>5} {s.visible_chars:>5} {len(s.buttons):>2}b {s.flow:<12} {first}")
    if args.show:
        for s in screens:
            if args.show in s.plain:
                path = " > ".join(arg or kind for kind, arg in s.path)
                print(f"\n--- {path} ({s.chars} chars; buttons: {', '.join(s.buttons)})")
                print(s.plain)


if __name__ == "__main__":
    main()
