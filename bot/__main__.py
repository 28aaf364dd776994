"""`python -m bot` / `kneebot`: load settings, build the app, run it; plus maintenance commands.

    kneebot [run]                      run the bot (long polling or webhook, by MODE)
    kneebot playground [--port N]      try the bot in the browser, without Telegram
    kneebot auto                       the live bot if a token is set, else the playground
    kneebot backup PATH                consistent online copy of the database
    kneebot purge --older-than DAYS    delete finished quiz and check-in rows past retention
    kneebot link quiz [--qr FILE]      the t.me link (and QR code) that opens a screen
    kneebot healthcheck                ask the running bot's /healthz (METRICS_PORT)

`backup` and `purge` need only DATABASE_PATH (or DATABASE_URL), not a token; `backup` of a
PostgreSQL database refuses and names pg_dump.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import sqlite3
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import InvalidToken

from bot.app import build_application
from bot.cli_tools import add_link_commands, healthcheck_command, link_command
from bot.config import (
    ConfigError,
    RunMode,
    Settings,
    database_url_secrets,
    live_token_configured,
    load_settings,
    load_storage_settings,
)
from bot.fastloop import use_fast_event_loop
from bot.logging_setup import configure_logging
from bot.ops import BackupResult, OpsError, PurgeResult, backup_database, purge_database
from bot.startup import StartupError, preflight, quiet_telegram_tracebacks
from bot.storage import StoreError

log = logging.getLogger("bot")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2
EXIT_INTERRUPTED = 130


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a whole number of days") from None
    if days < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return days


def _port(text: str) -> int:
    """A TCP port for --port: a whole number from 1 to 65535 (argparse prints one line)."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a whole number from 1 to 65535") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port: use a number from 1 to 65535")
    return port


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="kneebot", description="Telegram bot with safe tips about pain behind the knee."
    )
    parser.add_argument("--env-file", default=".env", help="settings file (default: .env)")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the default)")
    playground = sub.add_parser(
        "playground", help="try the bot in a web chat on this computer; nothing goes to Telegram"
    )
    playground.add_argument(
        "--port", type=_port, default=None, help="port on 127.0.0.1 (default 8080, PLAYGROUND_PORT)"
    )
    auto = sub.add_parser(
        "auto", help="run the live bot if TELEGRAM_BOT_TOKEN is set, else the playground"
    )
    auto.add_argument("--port", type=_port, default=None, help="the playground's port")
    backup = sub.add_parser("backup", help="write a consistent copy of the database to PATH")
    backup.add_argument("path", type=Path, help="file to write the copy to")
    purge = sub.add_parser(
        "purge", help="delete finished quiz outcomes and check-ins older than DAYS days"
    )
    purge.add_argument("--older-than", type=_days, required=True, metavar="DAYS")
    add_link_commands(sub)
    return parser.parse_args(argv)


def webhook_path(webhook_url: str) -> str:
    """The local path the webhook server listens on: the public URL's path.

    A reverse proxy can then pass requests through unchanged. It is never the token (the
    settings refuse a WEBHOOK_URL that contains it), so the token stays out of proxy logs.
    """
    return urlsplit(webhook_url).path.strip("/")


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for Application.run_webhook / Updater.start_webhook."""
    if not settings.webhook_url or settings.webhook_secret is None:
        raise ConfigError("MODE=webhook needs WEBHOOK_URL and WEBHOOK_SECRET")
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": webhook_path(settings.webhook_url),
        "webhook_url": settings.webhook_url,
        "secret_token": settings.webhook_secret.get_secret_value(),
        "allowed_updates": Update.ALL_TYPES,
    }


def run(settings: Settings) -> int:
    """Run until SIGINT or SIGTERM, then shut down cleanly (PTB's stop_signals) and return 0."""
    if settings.mode is RunMode.WEBHOOK and importlib.util.find_spec("tornado") is None:
        raise ConfigError(
            "MODE=webhook needs the webhook server: pip install '.[webhook]' "
            "(or 'python-telegram-bot[webhooks]')"
        )
    log.info("event loop: %s", use_fast_event_loop(settings.uvloop))
    if not preflight(settings):
        log.info("stopped before starting")
        return EXIT_OK
    application = build_application(settings)
    if settings.mode is RunMode.WEBHOOK:
        options = webhook_options(settings)
        log.info(
            "receiving updates by webhook on %s:%d/%s",
            options["listen"],
            options["port"],
            options["url_path"],
        )
        application.run_webhook(**options)
    else:
        log.info("receiving updates by long polling")
        # getMe already answered (preflight): retry a failing start quietly, without limit.
        application.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=-1)
    if getattr(application, "update_loop_failed", False):
        log.critical("stopped because the update loop failed; exiting with code %d", EXIT_FAILED)
        return EXIT_FAILED
    log.info("stopped")
    return EXIT_OK


def _run_command(args: argparse.Namespace) -> int:
    settings = load_settings(args.env_file)
    secrets = [settings.telegram_bot_token.get_secret_value()]
    if settings.webhook_secret is not None:
        secrets.append(settings.webhook_secret.get_secret_value())
    secrets += database_url_secrets(settings.database_url)
    configure_logging(settings.log_level, secrets)
    quiet_telegram_tracebacks()
    try:
        return run(settings)
    except StartupError as exc:
        print(f"kneebot: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except InvalidToken:
        print(
            "kneebot: Telegram refused TELEGRAM_BOT_TOKEN; check it with @BotFather.",
            file=sys.stderr,
        )
        return EXIT_CONFIG


def _maintenance_command(args: argparse.Namespace) -> int:
    settings = load_storage_settings(args.env_file)
    configure_logging("WARNING")
    try:
        if args.command == "backup":
            result: BackupResult | PurgeResult = backup_database(
                settings.database_location, args.path
            )
        else:
            result = purge_database(settings.database_location, args.older_than, int(time.time()))
    except (OpsError, StoreError, sqlite3.Error, OSError) as exc:
        print(f"kneebot {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(result.summary())
    return EXIT_OK


def _playground_command(args: argparse.Namespace) -> int:
    from playground.cli import run_playground  # aiohttp and the page load only here

    return run_playground(args.port, args.env_file)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        if args.command in ("backup", "purge"):
            return _maintenance_command(args)
        if args.command == "playground":
            return _playground_command(args)
        if args.command == "link":
            return link_command(args)
        if args.command == "healthcheck":
            return healthcheck_command(args)
        if args.command == "auto":
            if live_token_configured(args.env_file):
                return _run_command(args)
            return _playground_command(args)
        return _run_command(args)
    except ConfigError as exc:
        print(f"kneebot: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:  # Ctrl+C before the signal handlers were in place
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
