"""Last in line: unknown commands and buttons nobody recognises.

Typed messages, captions, stickers and the like are answered by `bot.handlers.freetext`.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.keyboards import onward_keyboard
from bot.messaging import answer_query, reply
from knowledge.texts import BUTTON_EXPIRED, UNKNOWN_COMMAND


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    # The command itself is never logged: it could be anything the user typed after a slash.
    await reply(update, UNKNOWN_COMMAND, onward_keyboard())


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer_query(update.callback_query, BUTTON_EXPIRED)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    private = filters.ChatType.PRIVATE
    return [
        MessageHandler(private & filters.UpdateType.MESSAGE & filters.COMMAND, unknown_command),
        CallbackQueryHandler(stale_button),
    ]
