"""/quiz and its buttons: one message, edited as the user answers.

The logic lives in `bot.quiz_flow`; this module only talks to Telegram.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Chat, MaybeInaccessibleMessage, Message, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import quiz_flow
from bot.handlers.routing import action_is
from bot.keyboards import QuizAnswer, QuizBack, QuizCancel, StartQuiz, parse_callback
from bot.messaging import answer_query, post_html, send_html
from bot.services import get_services
from knowledge.texts import BUTTON_EXPIRED

log = logging.getLogger(__name__)


async def _begin(context: ContextTypes.DEFAULT_TYPE, chat: Chat, user_id: int) -> None:
    """Start a fresh quiz for the user and send its one message."""
    services = get_services(context)
    nonce, screen = await quiz_flow.begin(services.store, user_id, chat.id, services.now())
    message_id = await send_html(chat, screen.text, screen.keyboard)
    await quiz_flow.attach_message(services.store, user_id, nonce, message_id)


async def quiz_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    await _begin(context, chat, user.id)


async def start_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The "Take the quiz" button under /start: a new quiz message below the menu."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None:
        await answer_query(query, BUTTON_EXPIRED)
        return
    await answer_query(query)
    await _begin(context, chat, query.from_user.id)


def _callback_data_on(message: MaybeInaccessibleMessage) -> list[str]:
    if not isinstance(message, Message) or message.reply_markup is None:
        return []
    return [
        button.callback_data
        for row in message.reply_markup.inline_keyboard
        for button in row
        if isinstance(button.callback_data, str)
    ]


async def quiz_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer, Back or Cancel on the quiz message."""
    query = update.callback_query
    if query is None:
        return
    action = parse_callback(query.data)
    message = query.message
    if not isinstance(action, QuizAnswer | QuizBack | QuizCancel) or message is None:
        await answer_query(query, BUTTON_EXPIRED)
        return
    services = get_services(context)
    result = await quiz_flow.press(
        services.store,
        user_id=query.from_user.id,
        chat_id=message.chat.id,
        message_id=message.message_id,
        action=action,
        now=services.now(),
        shown_question=quiz_flow.question_shown(_callback_data_on(message), action.nonce),
    )
    if result.outcome is not None:
        services.metrics.outcome("quiz", result.outcome.tier, query.from_user.language_code)
    await query.answer(result.answer_text, show_alert=result.alert or None)
    if result.screen is not None:
        await _show(context, message, result.screen, action.nonce, query.from_user.id)


async def _show(
    context: ContextTypes.DEFAULT_TYPE,
    message: MaybeInaccessibleMessage,
    screen: quiz_flow.Screen,
    nonce: str,
    user_id: int,
) -> None:
    """Edit the quiz message into `screen`; if it is gone, send the screen as a new message."""
    try:
        await post_html(
            context.bot,
            "editMessageText",
            screen.text,
            screen.keyboard,
            chat_id=message.chat.id,
            message_id=message.message_id,
        )
        return
    except BadRequest as exc:
        if "not modified" in exc.message.lower():
            return
        # Deleted, or too old to edit: the state is saved, so carry on in a new message.
        log.warning("could not edit the quiz message, sending a new one: %s", exc.message)
    sent_id = await send_html(message.chat, screen.text, screen.keyboard)
    # Only a quiz still in progress has a row to update; after an outcome this is a no-op.
    await quiz_flow.attach_message(get_services(context).store, user_id, nonce, sent_id)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [
        CommandHandler("quiz", quiz_command),
        CallbackQueryHandler(start_button, pattern=action_is(StartQuiz)),
        CallbackQueryHandler(quiz_button, pattern=action_is(QuizAnswer, QuizBack, QuizCancel)),
    ]
