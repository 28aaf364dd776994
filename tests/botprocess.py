"""Run the real `python -m bot` as a child process against the fake Bot API server."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.harness import TOKEN

ROOT = Path(__file__).resolve().parents[1]
STOP_TIMEOUT = 10.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bot_env(tmp_path: Path, base_url: str, **settings: str) -> dict[str, str]:
    """A clean environment: only what the bot needs, nothing inherited that could leak in."""
    python_path = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": os.pathsep.join(python_path),
        "PYTHONUNBUFFERED": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": base_url,
        "DATABASE_PATH": str(tmp_path / "bot.sqlite3"),
        "SWEEP_INTERVAL_SECONDS": "0.2",
        "RATE_LIMIT_PER_SECOND": "1000",
        "LOG_LEVEL": "INFO",
    }
    env.update({key.upper(): value for key, value in settings.items()})
    return env


@dataclass
class BotProcess:
    process: asyncio.subprocess.Process
    log_path: Path

    def log(self) -> str:
        """Everything the bot wrote to stdout and stderr so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    @property
    def running(self) -> bool:
        return self.process.returncode is None

    async def stop(self, sig: int = signal.SIGTERM) -> tuple[int, float]:
        """Send `sig`; return (exit code, seconds until the process ended)."""
        started = time.monotonic()
        self.process.send_signal(sig)
        try:
            code = await asyncio.wait_for(self.process.wait(), STOP_TIMEOUT * 2)
        except TimeoutError:
            raise AssertionError(f"the bot ignored signal {sig}; log:\n{self.log()}") from None
        return code, time.monotonic() - started


async def spawn(
    cwd: Path, env: dict[str, str], *args: str, stdout: Any, stderr: Any, **options: Any
) -> asyncio.subprocess.Process:
    """`python -m bot ARGS` in `cwd` (so no stray .env is read), with no stdin; `options` go
    to `create_subprocess_exec` (for example `preexec_fn`)."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=cwd,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        **options,
    )


async def run_to_end(cwd: Path, env: dict[str, str], *args: str) -> tuple[int, str, str]:
    """`python -m bot ARGS` in `cwd`, to its end: exit code, stdout and stderr."""
    pipe = asyncio.subprocess.PIPE
    process = await spawn(cwd, env, *args, stdout=pipe, stderr=pipe)
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


@asynccontextmanager
async def bot_process(cwd: Path, env: dict[str, str]) -> AsyncIterator[BotProcess]:
    """Start `python -m bot` in `cwd` (so no stray .env is read); kill it if a test left it up."""
    log_path = cwd / "bot.log"
    with log_path.open("wb") as log_file:
        process = await spawn(cwd, env, stdout=log_file, stderr=asyncio.subprocess.STDOUT)
    bot = BotProcess(process, log_path)
    try:
        yield bot
    finally:
        if bot.running:
            with suppress(ProcessLookupError):
                process.kill()
            await process.wait()


def database_check(path: Path) -> tuple[str, list[int]]:
    """(PRAGMA integrity_check, user ids) of a database file, read with plain sqlite3."""
    with closing(sqlite3.connect(path)) as db:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        users = [int(row[0]) for row in db.execute("SELECT user_id FROM users ORDER BY 1")]
    return str(integrity), users


def wal_size(database: Path) -> int | None:
    """Size of the database's write-ahead log, or None when there is none."""
    wal = Path(f"{database}-wal")
    return wal.stat().st_size if wal.exists() else None
