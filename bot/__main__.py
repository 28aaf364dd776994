"""`python -m bot` / `kneebot`: load settings, build the app, run it."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from telegram import Update

from bot.app import build_application
from bot.config import ConfigError, Settings, load_settings
from bot.logging_setup import configure_logging

log = logging.getLogger("bot")

EXIT_CONFIG = 2


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="kneebot", description="Telegram bot with safe tips about pain behind the knee."
    )
    parser.add_argument("--env-file", default=".env", help="settings file (default: .env)")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the default)")
    return parser.parse_args(argv)


def run(settings: Settings) -> int:
    application = build_application(settings)
    application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        settings = load_settings(args.env_file)
    except ConfigError as exc:
        print(f"kneebot: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    configure_logging(settings.log_level, [settings.telegram_bot_token.get_secret_value()])
    return run(settings)


if __name__ == "__main__":
    sys.exit(main())
