"""Quiz question and outcome -> Telegram HTML (only <b> and <i>; all text escaped).

No `telegram` import: the handler sends the returned string with ``parse_mode=HTML`` and builds
the answer buttons itself from `Question.answers`. Outcome screens come from
`knowledge.outcome_render`, shared with typed messages.
"""

from __future__ import annotations

from html import escape

from knowledge.i18n import DEFAULT_LANGUAGE, translator
from knowledge.outcome_render import render_outcome
from knowledge.quiz import Question, QuizState, step_number

__all__ = ["MAX_MESSAGE_LEN", "QUIZ_CANCELLED", "render_outcome", "render_question"]

MAX_MESSAGE_LEN = 4096

# Shown in place of the quiz message when the user taps "Cancel".
QUIZ_CANCELLED = "Quiz cancelled. Send /quiz whenever you like."

_FIRST_INTRO = "A few quick taps. First, signs that need care today."
_QUESTION_NUMBER = "Question {number}"


def _e(text: str) -> str:
    return escape(text, quote=False)


def render_question(state: QuizState, question: Question, lang: str = DEFAULT_LANGUAGE) -> str:
    """The text above the answer buttons, with "Question N".

    Only the number, which only moves forward: a total would grow when a "Not sure" adds a
    check ("Question 1 of 6", then "Question 2 of 7"), which reads like going backwards.
    """
    tr = translator(lang)
    number, _ = step_number(state)
    lines = [f"<b>{_e(tr(_QUESTION_NUMBER).format(number=number))}</b>"]
    if not state.answers:
        lines.append(f"<i>{_e(tr(_FIRST_INTRO))}</i>")
    lines += ["", f"<b>{_e(tr(question.text))}</b>"]
    if question.hint:
        lines.append(f"<i>{_e(tr(question.hint))}</i>")
    text = "\n".join(lines)
    if len(text) > MAX_MESSAGE_LEN:  # pragma: no cover - guarded by tests on every question
        raise ValueError(f"question text is {len(text)} characters")
    return text
