"""A summary for my doctor: a button under a quiz outcome sends the finished quiz in plain words.

The quiz itself (bot/quiz_flow.py) stores only the outcome code. So that the summary is built
from the finished quiz alone, two small hooks run around the quiz's button handler for the
press that finishes a quiz: before it (GROUP_BEFORE), note the finished answers; after it
(GROUP_AFTER), keep them with the new outcome row and add the summary button under the
outcome. Nothing is kept in memory between updates; /forget erases the row with the rest.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes

from bot.handlers.routing import action_is, pressed
from bot.keyboards import QuizAnswer, ShowSummary, onward_keyboard, with_summary_button
from bot.messaging import answer_query, reply
from bot.outcomes import outcome_screen
from bot.services import get_services
from knowledge import quiz
from knowledge.quiz import InvalidAnswer
from knowledge.summary_text import SUMMARY_BUTTON, SUMMARY_GONE, render_summary
from knowledge.texts import BUTTON_EXPIRED
from knowledge.triage import Outcome, outcome_code

log = logging.getLogger(__name__)

GROUP_BEFORE = -2
GROUP_AFTER = 1
_FINISHING = "summary.finishing"
_FRESH_SECONDS = 60


def finished_outcome(encoded: str) -> Outcome | None:
    """The outcome of a finished quiz's encoded answers; None if unreadable or unfinished."""
    try:
        position = quiz.current(quiz.decode(encoded))
    except InvalidAnswer:
        return None
    return position if isinstance(position, Outcome) else None


async def note_finishing_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Before the quiz handles a press: if it finishes the quiz, note the finished answers."""
    action, user = pressed(update, QuizAnswer), update.effective_user
    if action is None or user is None or context.user_data is None:
        return
    context.user_data.pop(_FINISHING, None)
    session = await get_services(context).store.get_quiz(user.id)
    if session is None or session.nonce != action.nonce:
        return
    try:
        state = quiz.answer(quiz.decode(session.state), action.question, action.answer)
    except InvalidAnswer:
        return
    if quiz.is_finished(state):
        context.user_data[_FINISHING] = quiz.encode(state)


async def keep_answers_and_offer_summary(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> None:
    """After the quiz handled it: keep the answers with the outcome, add the summary button."""
    user, query = update.effective_user, update.callback_query
    if user is None or query is None or context.user_data is None:
        return
    encoded = context.user_data.pop(_FINISHING, None)
    outcome = finished_outcome(encoded) if isinstance(encoded, str) else None
    if outcome is None or not isinstance(encoded, str):
        return
    services = get_services(context)
    latest = await services.store.latest_outcome(user.id)
    if (
        latest is None
        or latest.outcome_code != outcome_code(outcome)
        or latest.created_at < services.now() - _FRESH_SECONDS
        or not await services.store.save_outcome_answers(latest.id, user.id, encoded)
    ):
        return  # the press did not finish a quiz after all (stale, doubled, or raced)
    if outcome.tier == "emergency" or not isinstance(query.message, Message):
        return  # the emergency screen stays as it is: the number, nothing to distract
    screen = outcome_screen(outcome, checkin_offer_id=latest.id)
    try:
        await query.message.edit_reply_markup(
            with_summary_button(screen.keyboard, latest.id, SUMMARY_BUTTON)
        )
    except BadRequest as exc:
        log.debug("could not add the summary button: %s", exc)


async def show_summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The summary button: a new message with the finished quiz, to forward or show."""
    query, user = update.callback_query, update.effective_user
    action = pressed(update, ShowSummary)
    if query is None or action is None or user is None:
        await answer_query(query, BUTTON_EXPIRED)
        return
    saved = await get_services(context).store.outcome_answers(action.outcome_id)
    if saved is None or saved.user_id != user.id:
        await answer_query(query, BUTTON_EXPIRED)
        return
    taken_at, encoded = saved.created_at, saved.answers
    outcome = finished_outcome(encoded) if encoded is not None else None
    await answer_query(query)
    if outcome is None or encoded is None:
        await reply(update, SUMMARY_GONE, onward_keyboard())
        return
    answers = quiz.summary(quiz.decode(encoded))
    await reply(update, render_summary(taken_at, answers, outcome), onward_keyboard(quiz=False))


def before_handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [CallbackQueryHandler(note_finishing_answer, pattern=action_is(QuizAnswer))]


def after_handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [CallbackQueryHandler(keep_answers_and_offer_summary, pattern=action_is(QuizAnswer))]


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [CallbackQueryHandler(show_summary, pattern=action_is(ShowSummary))]
