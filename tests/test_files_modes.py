"""Health-related data on disk is readable only by the bot's user: files 0600, folders 0700,
whatever the umask (tested under the common 022)."""

from __future__ import annotations

import asyncio
import os
import signal
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.ops import backup_database, purge_database
from bot.storage import Store
from tests.botprocess import bot_env, bot_process
from tests.fakebot import FakeBotApi
from tests.harness import TOKEN, ManualClock, make_settings, run_bot

USER = 4711


@pytest.fixture(autouse=True)
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def database_files(database: Path) -> list[Path]:
    return [database, Path(f"{database}-wal"), Path(f"{database}-shm")]


async def test_a_new_database_its_wal_shm_and_folders_are_private(tmp_path: Path) -> None:
    database = tmp_path / "state" / "deep" / "bot.sqlite3"
    async with Store(database) as store:
        await store.touch_user(USER, "en", 1)
        for path in database_files(database):
            assert path.exists(), path
            assert mode(path) == 0o600, (path, oct(mode(path)))
    assert mode(tmp_path / "state") == 0o700
    assert mode(tmp_path / "state" / "deep") == 0o700


async def test_an_existing_world_readable_database_is_made_private(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    async with Store(database) as store:
        await store.touch_user(USER, "en", 1)
    for path in database_files(database):
        if path.exists():
            os.chmod(path, 0o644)
    before = mode(tmp_path)
    async with Store(database) as store:
        assert await store.get_user(USER) is not None
        for path in database_files(database):
            assert mode(path) == 0o600, path
    assert mode(tmp_path) == before  # the folder it already lived in is left alone


def test_backups_and_their_folder_are_private(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"

    async def create() -> None:
        async with Store(database) as store:
            await store.touch_user(USER, "en", 1)

    asyncio.run(create())
    target = tmp_path / "backups" / "daily" / "copy.sqlite3"
    backup_database(database, target)
    assert mode(target) == 0o600
    assert mode(tmp_path / "backups") == 0o700
    assert mode(tmp_path / "backups" / "daily") == 0o700
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.sqlite3"]
    # Replacing an older backup keeps the new one private too.
    target.chmod(0o644)
    backup_database(database, target)
    assert mode(target) == 0o600
    purge_database(database, 30, int(time.time()))
    for path in database_files(database):
        if path.exists():
            assert mode(path) == 0o600, path


async def test_the_running_bot_keeps_its_files_private(fake: FakeBotApi, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, fake.base_url, database_path=tmp_path / "data" / "b.db")
    async with run_bot(settings, ManualClock()) as _app:
        app: Any = _app
        assert app.running
        call = await fake.send_and_wait(USER, "/start")
        assert call.ok
        for path in database_files(settings.database_path):
            assert path.exists() and mode(path) == 0o600, path
    assert mode(tmp_path / "data") == 0o700


async def test_the_real_start_up_path_makes_its_new_folders_private(tmp_path: Path) -> None:
    """`python -m bot` (start-up checks included) under umask 022, with DATABASE_PATH in
    folders that do not exist yet: folders 0700, files 0600, whoever creates them first."""
    database = tmp_path / "new" / "state" / "bot.sqlite3"
    async with FakeBotApi(TOKEN) as fake:
        env = bot_env(tmp_path, fake.base_url, DATABASE_PATH=str(database))
        async with bot_process(tmp_path, env) as bot:
            call = await fake.send_and_wait(USER, "/start", timeout=30)
            assert call.ok, bot.log()
            code, log = await bot.stop(signal.SIGTERM)
    assert code == 0, log
    assert mode(tmp_path / "new") == 0o700
    assert mode(tmp_path / "new" / "state") == 0o700
    for path in database_files(database):
        if path.exists():
            assert mode(path) == 0o600, path
    assert mode(database) == 0o600
