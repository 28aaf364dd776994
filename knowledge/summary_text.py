"""A short, plain summary of a finished quiz, for the person to forward or show a doctor.

Built only from the finished quiz's answers (as `knowledge.quiz.summary` words them) and the
outcome the rules gave; no free text, no diagnosis. This module never imports ``telegram``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from babel.dates import format_date

from knowledge.checkin_texts import MONTHS
from knowledge.content import TOPICS_BY_KEY
from knowledge.i18n import DEFAULT_LANGUAGE, translator
from knowledge.render import escape
from knowledge.texts import DISCLAIMER, SEE_GP_WEEKS
from knowledge.tiers import Tier
from knowledge.triage import Outcome

__all__ = ["SUMMARY_BUTTON", "SUMMARY_GONE", "TIER_SUMMARY", "render_summary"]

SUMMARY_BUTTON = "📋 Summary for my doctor"

SUMMARY_GONE = (
    "Sorry, I no longer have the answers of that quiz (they may have been erased). "
    "Take the quiz again to get a new summary."
)

TIER_SUMMARY: dict[Tier, str] = {
    Tier.EMERGENCY: "Call 999 / 112 / 911 now.",
    Tier.URGENT: "Get checked today: an urgent GP appointment, NHS 111 or urgent care.",
    Tier.GP_SOON: "Book a GP appointment in the next few days.",
    Tier.SELF_CARE: (
        f"Self-care for now; a GP or physio if not better in about {SEE_GP_WEEKS} weeks."
    ),
}

_MAX_ADVICE = 3
_OPEN_ANSWERS = 9
"""Up to this many answers are listed as they are; more go into an expandable quote, so the
summary still fits a phone screen (about 1,000 visible characters)."""


_TITLE = "<b>Knee pain check: summary</b> ({date})"
_INTRO = "My answers to a short quiz about pain behind the knee."
_MY_ANSWERS = "My answers"
_SUGGESTED = "What the quiz suggested"
_TOPICS = "Topics it pointed to: {topics}"


def _date(epoch: int, lang: str) -> str:
    day = datetime.fromtimestamp(epoch, UTC)
    if lang == DEFAULT_LANGUAGE:
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return format_date(day.date(), format="long", locale=lang)


def _why_and_what(outcome: Outcome) -> list[str]:
    """The reasons, then the advice, without repeats or a second "book a GP" line."""
    advice = [a for a in outcome.advice if not a.startswith(("Book a GP", "Call 999"))]
    lines = list(dict.fromkeys([*outcome.reasons[:2], *advice[:_MAX_ADVICE]]))
    return lines[:_MAX_ADVICE]


def render_summary(
    taken_at: int,
    answers: Sequence[tuple[str, str]],
    outcome: Outcome,
    lang: str = DEFAULT_LANGUAGE,
) -> str:
    """The summary: the date, each answer in plain words, what the quiz suggested, and why,
    in `lang` (the language of the person, and so most likely of their doctor)."""
    tr = translator(lang)
    answered = [f"• {escape(tr(question))}: {escape(tr(answer))}" for question, answer in answers]
    if len(answered) > _OPEN_ANSWERS:  # a long path (several doubts checked): folded away
        answered = [f"<blockquote expandable>{chr(10).join(answered)}</blockquote>"]
    lines = [
        tr(_TITLE).format(date=escape(_date(taken_at, lang))),
        escape(tr(_INTRO)),
        "",
        f"<b>{escape(tr(_MY_ANSWERS))}</b>",
        *answered,
        "",
        f"<b>{escape(tr(_SUGGESTED))}</b>",
        escape(tr(TIER_SUMMARY[outcome.tier])),
        *(f"• {escape(tr(line))}" for line in _why_and_what(outcome)),
    ]
    topics = [
        tr(TOPICS_BY_KEY[key].title)
        for key in outcome.topics
        if key in TOPICS_BY_KEY and key != "doctor"
    ]
    if topics and not outcome.tier.same_day:
        lines.append(escape(tr(_TOPICS).format(topics=", ".join(topics))))
    lines += ["", tr(DISCLAIMER)]
    return "\n".join(lines)
