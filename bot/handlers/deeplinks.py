"""``/start quiz``, ``/start doctor``, ``/start <topic>``: a t.me link opens that screen.

The payload is checked like callback data (`bot.links.start_target`): only the known screens
open; no payload, or anything else, gets the normal /start welcome.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes

from bot.handlers import commands, quiz
from bot.links import start_target
from knowledge.content import TOPICS_BY_KEY


async def start_with_payload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    target = start_target(context.args)
    if target == "quiz":
        await quiz.quiz_command(update, context)
    elif target is not None and target in TOPICS_BY_KEY:
        await commands.topic_command(TOPICS_BY_KEY[target])(update, context)
    else:
        await commands.start(update, context)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    """Only /start with a payload; a plain /start goes on to commands.start."""
    return [CommandHandler("start", start_with_payload, has_args=True)]
