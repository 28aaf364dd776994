"""A summary for my doctor: a button under a quiz outcome sends the finished quiz in plain words.

The quiz (bot/quiz_flow.py) keeps the finished quiz's encoded answers with its outcome row, in
the same transaction, and puts the summary button under every outcome but an emergency. This
handler reads them back, so the summary is built from the finished quiz alone. Nothing is kept
in memory between updates; /forget erases the row with the rest.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import BaseHandler, ContextTypes

from bot.handlers.routing import Press, on_press
from bot.keyboards import ShowSummary, onward_keyboard
from bot.messaging import reply
from bot.services import get_services
from knowledge import quiz
from knowledge.i18n import translate
from knowledge.quiz import InvalidAnswer
from knowledge.summary_text import SUMMARY_GONE, render_summary
from knowledge.triage import Outcome

log = logging.getLogger(__name__)


def finished_outcome(encoded: str) -> Outcome | None:
    """The outcome of a finished quiz's encoded answers; None if unreadable or unfinished."""
    try:
        position = quiz.current(quiz.decode(encoded))
    except InvalidAnswer:
        return None
    return position if isinstance(position, Outcome) else None


async def show_summary(press: Press[ShowSummary], context: ContextTypes.DEFAULT_TYPE) -> None:
    """The summary button: a new message with the finished quiz, to forward or show."""
    saved = await get_services(context).store.outcome_answers(press.action.outcome_id)
    if saved is None or saved.user_id != press.user_id:
        await press.expired()
        return
    taken_at, encoded = saved.created_at, saved.answers
    outcome = finished_outcome(encoded) if encoded is not None else None
    await press.answer()
    lang = press.lang
    if outcome is None or encoded is None:
        await reply(press.update, translate(lang, SUMMARY_GONE), onward_keyboard(lang=lang))
        return
    answers = quiz.summary(quiz.decode(encoded))
    text = render_summary(taken_at, answers, outcome, lang)
    await reply(press.update, text, onward_keyboard(quiz=False, lang=lang))


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [on_press(ShowSummary, show_summary)]
