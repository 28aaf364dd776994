"""/stop and /forget: the user's control over what we keep."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes

from bot.keyboards import onward_keyboard
from bot.messaging import reply
from bot.services import get_services
from knowledge.texts import FORGET_DONE, STOP_DONE, STOP_NOTHING


async def stop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    cancelled = await get_services(context).store.cancel_followups(user.id)
    await reply(update, STOP_DONE if cancelled else STOP_NOTHING, onward_keyboard())


async def forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    await get_services(context).store.forget_user(user.id)
    await reply(update, FORGET_DONE, onward_keyboard())


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [CommandHandler("stop", stop), CommandHandler("forget", forget)]
