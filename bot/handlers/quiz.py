"""/quiz and its buttons: one message, edited as the user answers.

The logic lives in `bot.quiz_flow`; this module only talks to Telegram.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Chat, MaybeInaccessibleMessage, Message, Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes

from bot import quiz_flow
from bot.handlers.routing import Press, on_press
from bot.keyboards import QuizAnswer, QuizBack, QuizCancel, StartQuiz
from bot.language import Speaker, speaker_of
from bot.messaging import edit_html, send_html
from bot.services import get_services

log = logging.getLogger(__name__)


async def _begin(
    context: ContextTypes.DEFAULT_TYPE, chat: Chat, user_id: int, speaker: Speaker
) -> None:
    """Start a fresh quiz for the user and send its one message."""
    services = get_services(context)
    nonce, screen = await quiz_flow.begin(
        services.store, user_id, chat.id, services.now(), speaker=speaker
    )
    message_id = await send_html(chat, screen.text, screen.keyboard)
    await quiz_flow.attach_message(services.store, user_id, nonce, message_id)


async def quiz_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    await _begin(context, chat, user.id, await speaker_of(update, context))


async def start_button(press: Press[StartQuiz], context: ContextTypes.DEFAULT_TYPE) -> None:
    """The "Take the quiz" button under /start: a new quiz message below the menu."""
    chat = press.update.effective_chat
    if chat is None:
        await press.expired()
        return
    await press.answer()
    await _begin(context, chat, press.user_id, press.speaker)


def _callback_data_on(message: MaybeInaccessibleMessage) -> list[str]:
    if not isinstance(message, Message) or message.reply_markup is None:
        return []
    return [
        button.callback_data
        for row in message.reply_markup.inline_keyboard
        for button in row
        if isinstance(button.callback_data, str)
    ]


async def quiz_button(
    press: Press[quiz_flow.QuizPress], context: ContextTypes.DEFAULT_TYPE
) -> None:
    """Answer, Back or Cancel on the quiz message."""
    action, message = press.action, press.message
    if message is None:
        await press.expired()
        return
    services = get_services(context)
    result = await quiz_flow.press(
        services.store,
        user_id=press.user_id,
        chat_id=message.chat.id,
        message_id=message.message_id,
        action=action,
        now=services.now(),
        shown_question=quiz_flow.question_shown(_callback_data_on(message), action.nonce),
        speaker=press.speaker,
    )
    if result.outcome is not None:
        services.metrics.outcome("quiz", result.outcome.tier, press.lang)
    await press.answer(result.answer_text, alert=result.alert)
    screen = result.screen
    if screen is None or await edit_html(press.query, screen.text, screen.keyboard):
        return
    # Deleted, or too old to edit: the state is saved, so carry on in a new message.
    log.warning("could not edit the quiz message, sending a new one")
    sent_id = await send_html(message.chat, screen.text, screen.keyboard)
    # Only a quiz still in progress has a row to update; after an outcome this is a no-op.
    await quiz_flow.attach_message(services.store, press.user_id, action.nonce, sent_id)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [
        CommandHandler("quiz", quiz_command),
        on_press(StartQuiz, start_button),
        on_press(QuizAnswer, quiz_button),
        on_press(QuizBack, quiz_button),
        on_press(QuizCancel, quiz_button),
    ]
