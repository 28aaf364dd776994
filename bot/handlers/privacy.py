"""/stop and /forget: the user's control over what we keep."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes

from bot.handlers.routing import Press, on_press
from bot.keyboards import ForgetAnswer, forget_keyboard, onward_keyboard
from bot.language import speaker_of
from bot.messaging import edit_html, reply
from bot.profile import set_chat_menu
from bot.services import get_services
from knowledge.i18n import translate
from knowledge.texts import (
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
    lang = (await speaker_of(update, context)).language
    text = translate(lang, STOP_DONE if cancelled else STOP_NOTHING)
    await reply(update, text, onward_keyboard(lang=lang))


async def forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask once, with Erase and Keep buttons: erasing cannot be undone."""
    user = update.effective_user
    if user is None:
        return
    lang = (await speaker_of(update, context)).language
    await reply(update, translate(lang, FORGET_ASK), forget_keyboard(user.id, lang))


async def forget_answer(press: Press[ForgetAnswer], context: ContextTypes.DEFAULT_TYPE) -> None:
    """Erase (or keep) for the person who asked; anyone else's press has expired."""
    action = press.action
    if press.user_id != action.user_id:
        await press.expired()
        return
    if action.erase:
        await get_services(context).store.forget_user(press.user_id)
        await set_chat_menu(press.update.effective_chat, None)  # the app's menu again
    await press.answer()
    # In the language they asked in: an erased choice is gone only from the next message on.
    text = translate(press.lang, FORGET_DONE if action.erase else FORGET_KEPT)
    onward = onward_keyboard(lang=press.lang)
    if not await edit_html(press.query, text, onward):
        await reply(press.update, text, onward)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [
        CommandHandler("stop", stop),
        CommandHandler("forget", forget),
        on_press(ForgetAnswer, forget_answer),
    ]
