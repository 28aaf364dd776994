"""Last in line: unknown commands, free text and buttons nobody recognises."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.keyboards import onward_keyboard
from bot.messaging import answer_query, reply
from knowledge.texts import BUTTON_EXPIRED, FREE_TEXT, UNKNOWN_COMMAND


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, UNKNOWN_COMMAND, onward_keyboard())


async def free_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    # The text itself is never stored or logged.
    await reply(update, FREE_TEXT)


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer_query(update.callback_query, BUTTON_EXPIRED)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    private = filters.ChatType.PRIVATE
    return [
        MessageHandler(private & filters.UpdateType.MESSAGE & filters.COMMAND, unknown_command),
        MessageHandler(
            private & filters.UpdateType.MESSAGE & ~filters.COMMAND & ~filters.StatusUpdate.ALL,
            free_text,
        ),
        CallbackQueryHandler(stale_button),
    ]
