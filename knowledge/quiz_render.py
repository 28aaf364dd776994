"""Quiz question and outcome -> Telegram HTML (only <b> and <i>; all text escaped).

No `telegram` import: the handler sends the returned string with ``parse_mode=HTML`` and builds
the answer buttons itself from `Question.answers`.
"""

from __future__ import annotations

from html import escape

from knowledge.quiz import Outcome, Question, QuizState, question_by_id, step_number
from knowledge.quiz_data import ORDINARY_QUESTIONS, RED_FLAG_QUESTIONS

MAX_MESSAGE_LEN = 4096

NOT_A_DIAGNOSIS = "This isn't a diagnosis — it helps you decide what to read and what to do next."
WORSE_LINE = "If it gets worse or you notice any warning signs, see /doctor."
DONT_WAIT = "Please don't wait for a check-in."

# Shown in place of the quiz message when the user taps "Cancel".
QUIZ_CANCELLED = "Quiz cancelled. Send /quiz whenever you like."

_RED_FLAG_INTRO = "These first questions check for signs that need quick care."
_RED_FLAG_UNSURE = "If you're not sure, choosing Yes is the safer choice."
_ORDINARY_INTRO = "Thank you. Now a few questions about the pain itself."
_URGENT_STOP = "The quiz stops here so you can get help first."
_URGENT_NOT_DIAGNOSIS = "This isn't a diagnosis, but these signs need to be checked now."
_URGENT_MORE = "More about warning signs: /doctor"


def _e(text: str) -> str:
    return escape(text, quote=False)


def _fit(text: str) -> str:
    if len(text) > MAX_MESSAGE_LEN:  # pragma: no cover - guarded by tests on every outcome
        raise ValueError(f"message is {len(text)} characters, over {MAX_MESSAGE_LEN}")
    return text


def render_question(state: QuizState, question: Question) -> str:
    """The text above the answer buttons, with "Question N of M"."""
    number, total = step_number(state)
    lines = [f"<b>Question {number} of {total}</b>"]
    if question.red_flag is not None:
        lines.append(f"<i>{_e(_RED_FLAG_INTRO)}</i>")
    elif ORDINARY_QUESTIONS and question.id == ORDINARY_QUESTIONS[0].id and RED_FLAG_QUESTIONS:
        lines.append(f"<i>{_e(_ORDINARY_INTRO)}</i>")
    lines += ["", _e(question.text)]
    if question.red_flag is not None:
        lines += ["", f"<i>{_e(_RED_FLAG_UNSURE)}</i>"]
    return _fit("\n".join(lines))


def _render_urgent(outcome: Outcome) -> str:
    icon = "🚨" if outcome.emergency else "⚠️"
    action, *steps = outcome.advice or ("Please get medical help now.",)
    lines = [f"{icon} <b>{_e(action)}</b>"]
    info = question_by_id(outcome.red_flag).red_flag if outcome.red_flag else None
    if info is not None:
        lines += ["", _e(info.explanation)]
    if steps:
        lines += ["", *(f"• {_e(step)}" for step in steps)]
    lines += [
        "",
        f"<b>{_e(DONT_WAIT)}</b> {_e(_URGENT_STOP)}",
        "",
        f"<i>{_e(_URGENT_NOT_DIAGNOSIS)}</i>",
    ]
    if not outcome.emergency:
        lines.append(_e(_URGENT_MORE))
    return "\n".join(lines)


def _render_ordinary(outcome: Outcome) -> str:
    lines = ["<b>Topics that may fit</b>"]
    lines += [f"• /{_e(t.key)} — {_e(t.reason)}" for t in outcome.topics]
    if outcome.advice:
        lines += ["", "<b>What you can do now</b>", *(f"• {_e(a)}" for a in outcome.advice)]
    lines += ["", f"<i>{_e(NOT_A_DIAGNOSIS)}</i>", _e(WORSE_LINE)]
    return "\n".join(lines)


def render_outcome(outcome: Outcome) -> str:
    """The message shown when the quiz ends: urgent steps, or topics that may fit."""
    return _fit(_render_urgent(outcome) if outcome.urgent else _render_ordinary(outcome))
