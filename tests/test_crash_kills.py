"""At-least-once, with a bound: 100 SIGKILLs while check-ins go out (slow: about 5 minutes).

    .venv/bin/pytest -m slow tests/test_crash_kills.py -s

Runs `bench.crash` (bench/crash.py): each kill is a real SIGKILL of the bot process in the
middle of a drain. Nothing may be lost, the duplicates counted at each kill (rows Telegram
already got but still `sending` in the database) must be exactly the extra sends the fake
Bot API saw, and no kill may repeat more check-ins than there are senders in flight.
"""

from __future__ import annotations

import pytest

from bench import crash
from bot.scheduler import DEFAULT_CONCURRENCY

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("rate", [30.0, 1000.0], ids=["at-30ps", "at-1000ps"])
async def test_a_hundred_kills_lose_nothing_and_repeat_at_most_the_sends_in_flight(
    rate: float, capsys: pytest.CaptureFixture[str]
) -> None:
    report = await crash.run(kills=100, rows=40, rate=rate)
    with capsys.disabled():
        print()
        crash.print_report(report)
    assert len(report.duplicates_per_kill) == 100
    assert report.rows_not_sent == 0
    assert report.rows_sent == report.rows == 4000
    assert report.states == {"sent": 4000}
    assert report.consistent
    assert max(report.duplicates_per_kill) <= DEFAULT_CONCURRENCY
