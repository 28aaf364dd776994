"""A short, plain summary of a finished quiz, for the person to forward or show a doctor.

Built only from the finished quiz's answers (as `knowledge.quiz.summary` words them) and the
outcome the rules gave; no free text, no diagnosis. This module never imports ``telegram``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from knowledge.checkin_texts import MONTHS
from knowledge.content import TOPICS_BY_KEY
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


def _date(epoch: int) -> str:
    day = datetime.fromtimestamp(epoch, UTC)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _why_and_what(outcome: Outcome) -> list[str]:
    """The reasons, then the advice, without repeats or a second "book a GP" line."""
    advice = [a for a in outcome.advice if not a.startswith(("Book a GP", "Call 999"))]
    lines = list(dict.fromkeys([*outcome.reasons[:2], *advice[:_MAX_ADVICE]]))
    return lines[:_MAX_ADVICE]


def render_summary(taken_at: int, answers: Sequence[tuple[str, str]], outcome: Outcome) -> str:
    """The summary: the date, each answer in plain words, what the quiz suggested, and why."""
    answered = [f"• {escape(question)}: {escape(answer)}" for question, answer in answers]
    if len(answered) > _OPEN_ANSWERS:  # a long path (several doubts checked): folded away
        answered = [f"<blockquote expandable>{chr(10).join(answered)}</blockquote>"]
    lines = [
        f"<b>Knee pain check: summary</b> ({_date(taken_at)})",
        "My answers to a short quiz about pain behind the knee.",
        "",
        "<b>My answers</b>",
        *answered,
        "",
        "<b>What the quiz suggested</b>",
        escape(TIER_SUMMARY[outcome.tier]),
        *(f"• {escape(line)}" for line in _why_and_what(outcome)),
    ]
    topics = [
        TOPICS_BY_KEY[key].title
        for key in outcome.topics
        if key in TOPICS_BY_KEY and key != "doctor"
    ]
    if topics and not outcome.tier.same_day:
        lines.append(f"Topics it pointed to: {escape(', '.join(topics))}")
    lines += ["", DISCLAIMER]
    return "\n".join(lines)
