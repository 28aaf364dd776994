"""Last in line: unknown commands and buttons nobody recognises.

Typed messages, captions, stickers and the like are answered by `bot.handlers.freetext`.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.handlers.routing import answer_expired
from bot.keyboards import onward_keyboard
from bot.language import speaker_of
from bot.messaging import reply
from knowledge.i18n import translate
from knowledge.texts import UNKNOWN_COMMAND


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    # The command itself is never logged: it could be anything the user typed after a slash.
    lang = (await speaker_of(update, context)).language
    await reply(update, translate(lang, UNKNOWN_COMMAND), onward_keyboard(lang=lang))


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    private = filters.ChatType.PRIVATE
    return [
        MessageHandler(private & filters.UpdateType.MESSAGE & filters.COMMAND, unknown_command),
        CallbackQueryHandler(answer_expired),
    ]
