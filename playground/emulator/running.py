"""Running a real ``telegram.ext.Application`` against the emulator, as run_polling would."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from telegram.ext import Application

AppT = TypeVar("AppT", bound="Application[Any, Any, Any, Any, Any, Any]")


@asynccontextmanager
async def running(app: AppT) -> AsyncIterator[AppT]:
    """Initialize, start and poll ``app`` (as run_polling would), then stop it all again.

    PTB traffic: ``async with app`` -> getMe; start_polling -> deleteWebhook, then
    getUpdates(timeout=1) in a loop; updater.stop() abandons the pending long poll and
    sends one last getUpdates(offset=last+1, timeout=0) to confirm what it fetched.
    """
    async with app:  # initialize() ... shutdown()
        await app.start()
        try:
            updater = app.updater
            if updater is None:
                raise RuntimeError("the Application has no Updater; build it with .updater()")
            await updater.start_polling(
                poll_interval=0.0, timeout=timedelta(seconds=1), drop_pending_updates=False
            )
            yield app
        finally:
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
