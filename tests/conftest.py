"""Shared fixtures: a fake Bot API server, a manual clock, settings, and the running bot."""

from __future__ import annotations

import itertools
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from tests.fakebot import FakeBotApi
from tests.harness import TOKEN, ManualClock, make_settings, run_bot
from tests.pgserver import PostgresServer, start_server

BACKENDS = ("sqlite", "postgresql")
# These modules run every test that uses the `backend` fixture (through `database`, `settings`
# or `bot`) on both backends; elsewhere `backend` is SQLite.
BOTH_BACKENDS = frozenset(
    {
        "tests.test_storage",
        "tests.test_scheduler",
        "tests.test_e2e_quiz",
        "tests.test_e2e_commands",
        "tests.test_e2e_followups",
        "tests.test_e2e_buttons",
        "tests.test_e2e_summary",
    }
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames and metafunc.module.__name__ in BOTH_BACKENDS:
        marks = [m for m in metafunc.definition.iter_markers("parametrize")]
        if not any("backend" in str(m.args[0]) for m in marks):
            metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """ "sqlite" (the default) or "postgresql" (the modules in BOTH_BACKENDS run both)."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL server for the whole session (tests/pgserver.py)."""
    server = start_server()
    try:
        yield server
    finally:
        server.stop()


_databases = itertools.count()


@pytest.fixture
async def database(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[str | Path]:
    """Where the test's Store lives: a SQLite file, or a fresh PostgreSQL database's URL
    (dropped after the test)."""
    if backend == "sqlite":
        yield tmp_path / "bot.sqlite3"
        return
    import asyncpg

    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"kneebot_{os.getpid()}_{next(_databases)}"
    admin = await asyncpg.connect(server.admin_url)
    try:
        await admin.execute(f"CREATE DATABASE {name}")
    finally:
        await admin.close()
    yield server.url(name)
    admin = await asyncpg.connect(server.admin_url)
    try:
        await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        await admin.close()


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
def settings(tmp_path: Path, fake: FakeBotApi, database: str | Path) -> Settings:
    return make_settings(tmp_path, fake.base_url, database)


@pytest.fixture
async def bot(settings: Settings, clock: ManualClock) -> AsyncIterator[Any]:
    async with run_bot(settings, clock) as app:
        yield app
