"""Run the real bot against the emulator, in this process, with a clock the page can move.

`Playground` owns three things: the Bot API emulator (on a free loopback port), the real
`Application` from `bot.app.build_application` (every handler, the store, the sweeper),
and `PlaygroundClock` (real time plus an offset). `Playground.reset` gives a fresh start:
the bot stops, the emulator forgets every chat, the database file is deleted, the bot starts
again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings
from bot.storage import make_private_dirs
from playground.emulator import FakeBotApi

log = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
AppT = TypeVar("AppT", bound=AnyApplication)

# A token of the right shape that Telegram never issued: it only ever reaches the emulator.
PLAYGROUND_TOKEN = "100000001:PLAYGROUND-local-only-never-sent-to-Telegram"
# The check-in sweeper looks for due check-ins this often (seconds): after "+2 days" the
# check-in arrives on screen at once.
PLAYGROUND_SWEEP_SECONDS = 0.5
# getUpdates waits up to this long for an update (PTB asks for 10 s): fewer idle polls.
LONG_POLL_SECONDS = 10.0


class PlaygroundClock:
    """Real time plus an offset that only moves forward ("+1 hour", "+2 days")."""

    def __init__(self, now: Callable[[], float] = time.time) -> None:
        self._now = now
        self.offset = 0.0

    def __call__(self) -> float:
        return self._now() + self.offset

    def advance(self, seconds: float) -> None:
        if seconds <= 0:
            raise ValueError("the playground clock only moves forward")
        self.offset += seconds

    def reset(self) -> None:
        self.offset = 0.0


SettingsFactory = Callable[[str, Path], Settings]
"""(emulator base URL, database path) -> the bot's settings."""


def database_files(path: Path) -> list[Path]:
    """The database and the files SQLite keeps next to it."""
    return [path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal"))]


class Playground:
    """The emulator, the clock and the real bot, started and reset together."""

    def __init__(self, make_settings: SettingsFactory, database_path: Path) -> None:
        self.emulator = FakeBotApi(PLAYGROUND_TOKEN, bot_username="knee_tips_bot")
        self.clock = PlaygroundClock()
        self.emulator.clock = self.clock
        self.emulator.long_poll_cap = LONG_POLL_SECONDS
        self.database_path = database_path
        self._make_settings = make_settings
        self._app: AnyApplication | None = None
        self._lock = asyncio.Lock()

    @property
    def application(self) -> AnyApplication | None:
        return self._app

    async def start(self) -> None:
        await self.emulator.start()
        try:
            await self._start_bot()
        except BaseException:
            await self.emulator.stop()
            raise

    async def stop(self) -> None:
        async with self._lock:
            await self._stop_bot()
        await self.emulator.stop()

    async def reset(self) -> None:
        """A fresh start: no chats, no calls, an empty database, the clock back to now."""
        async with self._lock:
            await self._stop_bot()
            self.emulator.reset()
            self.emulator.long_poll_cap = LONG_POLL_SECONDS
            self.clock.reset()
            for path in database_files(self.database_path):
                path.unlink(missing_ok=True)
            await self._start_bot()

    async def _start_bot(self) -> None:
        make_private_dirs(self.database_path.parent)
        settings = self._make_settings(self.emulator.base_url, self.database_path)
        app = build_application(settings, clock=self.clock)
        await start_polling(app, poll_seconds=LONG_POLL_SECONDS)
        self._app = app

    async def _stop_bot(self) -> None:
        app, self._app = self._app, None
        if app is not None:
            await stop_polling(app)


async def start_polling(app: AnyApplication, *, poll_seconds: float) -> None:
    """Everything run_polling does on the way in, in the same order: initialize, post_init,
    poll for every update type, start. When a step fails, what was started is stopped again."""
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        if app.updater is None:
            raise RuntimeError("the Application has no Updater")
        await app.updater.start_polling(
            poll_interval=0.0,
            timeout=timedelta(seconds=poll_seconds),
            allowed_updates=Update.ALL_TYPES,
        )
        await app.start()
    except BaseException:
        with contextlib.suppress(Exception):
            await stop_polling(app)
        raise


async def stop_polling(app: AnyApplication) -> None:
    """Everything run_polling does on the way out, in the same order."""
    try:
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)


@asynccontextmanager
async def polling(app: AppT, *, poll_seconds: float) -> AsyncIterator[AppT]:
    """``app`` running and polling the Bot API inside the block, as run_polling runs it."""
    await start_polling(app, poll_seconds=poll_seconds)
    try:
        yield app
    finally:
        await stop_polling(app)
