"""uvloop as the event loop, when installed (`pip install "kneebot[fast]"`) and UVLOOP=true.

uvloop is a drop-in asyncio event loop written on libuv. Measured side by side on this bot
(bench/README.md) its gain was within the noise, so it is off by default; without it, or
with UVLOOP=false, the bot runs on asyncio's own loop.
"""

from __future__ import annotations

import asyncio
import importlib
import logging

log = logging.getLogger(__name__)


def use_fast_event_loop(enabled: bool = True) -> str:
    """Make new event loops uvloop's when `enabled` and uvloop is installed.

    Call before the loop is created (before run_polling / asyncio.run). Returns the name of
    the loop that will be used: "uvloop" or "asyncio".
    """
    if not enabled:
        return "asyncio"
    try:
        uvloop = importlib.import_module("uvloop")
    except ImportError:
        return "asyncio"
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    return "uvloop"
