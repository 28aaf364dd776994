"""The reference: a bare python-telegram-bot echo bot with the library's defaults.

    python -m bench.bare --base-url URL

`ApplicationBuilder().token(...).base_url(...).build()` and one MessageHandler that echoes the
text back: HTTPXRequest (PTB's default client), no rate limiter, no database, no logging set-up,
updates one at a time. It runs the way `run_polling` runs it and prints ``READY <pid>`` once it
polls, like `bench.botproc`, so the same driver and fake Bot API measure both side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from collections.abc import Sequence

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

# The fake Bot API's token (tests/harness.py); not imported from there, which would load this
# bot's own modules into the reference process and inflate its memory.
TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX"


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text)


async def serve(base_url: str) -> None:
    application = ApplicationBuilder().token(TOKEN).base_url(base_url).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with application:
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        await application.start()
        print(f"READY {os.getpid()}", flush=True)
        await stop.wait()
        await application.updater.stop()
        await application.stop()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    # Accepted and ignored, so the rig can start either bot the same way.
    parser.add_argument("--db")
    args, _ = parser.parse_known_args(argv)
    asyncio.run(serve(args.base_url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
