"""/stop and /forget: the user's control over what we keep."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.handlers.routing import action_is, pressed
from bot.keyboards import ForgetAnswer, forget_keyboard, onward_keyboard
from bot.messaging import answer_query, edit_pressed, reply
from bot.services import get_services
from knowledge.texts import (
    BUTTON_EXPIRED,
    FORGET_ASK,
    FORGET_DONE,
    FORGET_KEPT,
    STOP_DONE,
    STOP_NOTHING,
)


async def stop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    cancelled = await get_services(context).store.cancel_followups(user.id)
    await reply(update, STOP_DONE if cancelled else STOP_NOTHING, onward_keyboard())


async def forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask once, with Erase and Keep buttons: erasing cannot be undone."""
    user = update.effective_user
    if user is None:
        return
    await reply(update, FORGET_ASK, forget_keyboard(user.id))


async def forget_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Erase (or keep) for the person who asked; anyone else's press has expired."""
    query, user = update.callback_query, update.effective_user
    action = pressed(update, ForgetAnswer)
    if query is None or action is None or user is None or user.id != action.user_id:
        await answer_query(query, BUTTON_EXPIRED)
        return
    if action.erase:
        await get_services(context).store.forget_user(user.id)
    await answer_query(query)
    await edit_pressed(query, FORGET_DONE if action.erase else FORGET_KEPT, onward_keyboard())


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [
        CommandHandler("stop", stop),
        CommandHandler("forget", forget),
        CallbackQueryHandler(forget_answer, pattern=action_is(ForgetAnswer)),
    ]
