"""Two small `kneebot` commands: `link` (a t.me link and its QR code) and `healthcheck`.

    kneebot link quiz [--bot-username NAME] [--qr poster.png]
    kneebot healthcheck

`link` asks Telegram for the bot's username (getMe, with TELEGRAM_BOT_TOKEN from .env) unless
``--bot-username`` names it. `healthcheck` asks the running bot's ``/healthz`` on
METRICS_HOST:METRICS_PORT and exits 0 when it answers 200 (the Docker HEALTHCHECK); with no
METRICS_PORT there is nothing to ask, and it exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from telegram import Bot
from telegram.error import TelegramError

from bot.config import MetricsSettings, Settings, load_env, load_settings
from bot.links import START_TARGETS, link_url, normalise_username, write_qr

__all__ = ["add_link_commands", "healthcheck_command", "link_command"]

EXIT_OK = 0
EXIT_FAILED = 1
HEALTHCHECK_TIMEOUT_SECONDS = 5.0


def _username(text: str) -> str:
    try:
        return normalise_username(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_link_commands(sub: Any) -> None:
    """The `link` and `healthcheck` subcommands, on `kneebot`'s subparsers."""
    link = sub.add_parser(
        "link", help="print the t.me link that opens a screen (quiz, a topic) for a poster"
    )
    link.add_argument("target", choices=START_TARGETS, help="the screen the link opens")
    link.add_argument(
        "--bot-username",
        type=_username,
        default=None,
        help="the bot's @username (default: ask Telegram with TELEGRAM_BOT_TOKEN)",
    )
    link.add_argument("--qr", type=Path, default=None, metavar="FILE", help="also write a QR PNG")
    sub.add_parser("healthcheck", help="ask the running bot's /healthz (needs METRICS_PORT)")


async def _ask_username(settings: Settings) -> str:
    bot = Bot(
        settings.telegram_bot_token.get_secret_value(), base_url=settings.telegram_api_base_url
    )
    async with bot:  # getMe
        return bot.username


def link_command(args: argparse.Namespace) -> int:
    username = args.bot_username
    if username is None:
        settings = load_settings(args.env_file)
        try:
            username = asyncio.run(_ask_username(settings))
        except TelegramError as exc:
            print(
                f"kneebot link: could not ask Telegram for the bot's username "
                f"({type(exc).__name__}); give it with --bot-username",
                file=sys.stderr,
            )
            return EXIT_FAILED
    url = link_url(username, args.target)
    print(url)
    if args.qr is not None:
        try:
            width, height = write_qr(url, args.qr)
        except OSError as exc:
            print(f"kneebot link: cannot write {args.qr}: {exc.strerror}", file=sys.stderr)
            return EXIT_FAILED
        print(f"QR code: {args.qr} ({width}x{height} px)")
    return EXIT_OK


def healthcheck_command(args: argparse.Namespace) -> int:
    settings = load_env(MetricsSettings, args.env_file)
    if settings.metrics_port is None:
        print("METRICS_PORT is not set: no /healthz to ask")
        return EXIT_OK
    host = settings.metrics_host
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    url = f"http://{host}:{settings.metrics_port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=HEALTHCHECK_TIMEOUT_SECONDS) as answer:
            print(answer.read().decode("utf-8", "replace").strip())
            return EXIT_OK
    except urllib.error.HTTPError as exc:
        print(f"unhealthy ({exc.code}): {exc.read().decode('utf-8', 'replace').strip()}")
    except (urllib.error.URLError, OSError) as exc:
        print(f"unhealthy: no answer from {url} ({type(exc).__name__})")
    return EXIT_FAILED
