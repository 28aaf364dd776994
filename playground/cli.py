"""`kneebot playground`: the real bot, the emulator and the web chat, until Ctrl+C."""

from __future__ import annotations

import asyncio
import errno
import signal
import sys
from pathlib import Path

from pydantic import SecretStr

from bot.config import (
    PLAYGROUND_HINT,
    RunMode,
    Settings,
    load_env,
    load_playground_settings,
)
from bot.logging_setup import configure_logging
from bot.storage import StoreError
from playground.runner import PLAYGROUND_SWEEP_SECONDS, PLAYGROUND_TOKEN, Playground
from playground.web import HOST, PlaygroundWeb

EXIT_OK = 0
EXIT_CONFIG = 2


def playground_settings(env_file: str | Path | None, base_url: str, database: Path) -> Settings:
    """The bot's settings from .env, pointed at the emulator and the playground's database.

    .env is checked as it is first (only the token, the address and the database are the
    playground's own), so a bad value for a setting the playground then replaces, such as
    SWEEP_INTERVAL_SECONDS=abc, is still named rather than silently ignored.
    """
    own = {
        "telegram_bot_token": SecretStr(PLAYGROUND_TOKEN),
        "telegram_api_base_url": base_url,
        "database_path": database,
    }
    load_env(Settings, env_file, **own)
    return load_env(
        Settings,
        env_file,
        **own,
        sweep_interval_seconds=PLAYGROUND_SWEEP_SECONDS,
        mode=RunMode.POLLING,
        webhook_url=None,
        webhook_secret=None,
        metrics_port=None,  # never the live bot's monitoring port
    )


async def serve(port: int, database: Path, env_file: str | Path | None, hint: str) -> int:
    """Run until SIGINT or SIGTERM. Prints one line when the page is ready."""
    # Fail on a bad .env before anything starts.
    playground_settings(env_file, "http://127.0.0.1:1/bot", database)
    playground = Playground(lambda url, db: playground_settings(env_file, url, db), database)
    page = PlaygroundWeb(playground)
    try:
        await page.start(port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(
                f"kneebot playground: port {port} on {HOST} is already in use (another "
                f"playground?); choose another with --port or PLAYGROUND_PORT.",
                file=sys.stderr,
            )
        else:
            print(f"kneebot playground: cannot listen on {HOST}:{port}: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        try:
            await playground.start()
        except (StoreError, OSError) as exc:
            print(
                f"kneebot playground: cannot open the database {database}: {exc}", file=sys.stderr
            )
            return EXIT_CONFIG
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        print(f"Playground: {page.url} (local; nothing is sent to Telegram). {hint}", flush=True)
        try:
            await stop.wait()
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)
        await page.stop()
        await playground.stop()
    finally:
        await page.stop()
    return EXIT_OK


def run_playground(
    port: int | None = None, env_file: str | Path | None = ".env", hint: str = PLAYGROUND_HINT
) -> int:
    configure_logging("WARNING", [PLAYGROUND_TOKEN])
    settings = load_playground_settings(env_file)
    chosen = settings.playground_port if port is None else port
    return asyncio.run(serve(chosen, settings.playground_database_path, env_file, hint))
