"""Shared fixtures: a fake Bot API server, a manual clock, settings, and the running bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from tests.fakebot import FakeBotApi
from tests.harness import TOKEN, ManualClock, make_settings, run_bot


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi(TOKEN)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def settings(tmp_path: Path, fake: FakeBotApi) -> Settings:
    return make_settings(tmp_path, fake.base_url)


@pytest.fixture
async def bot(settings: Settings, clock: ManualClock) -> AsyncIterator[Any]:
    async with run_bot(settings, clock) as app:
        yield app
