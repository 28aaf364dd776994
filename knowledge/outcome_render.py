"""A triage `Outcome` -> Telegram HTML, one screen per tier.

* emergency: the number first, one line, then what to do while waiting;
* urgent: get checked today, why, where to go;
* gp_soon: book a GP within days, why, topics and what helps meanwhile;
* self_care: topics that may fit and what helps now.

Every screen carries the one-line disclaimer exactly once and fits a phone screen (about
1,000 visible characters). Used for the quiz and for typed messages alike, so it knows nothing
of either. No `telegram` import; every piece of text is escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from knowledge.emergency import call_now_line
from knowledge.i18n import DEFAULT_LANGUAGE, translator
from knowledge.texts import DISCLAIMER, EMERGENCY_LINE, SEE_GP_WHEN
from knowledge.tiers import Tier
from knowledge.topics import TOPIC_NAMES
from knowledge.triage import Outcome

__all__ = [
    "DISCLAIMER",
    "MAX_VISIBLE",
    "WORSE_LINE",
    "render_outcome",
]

MAX_VISIBLE = 1000
Translate = Callable[[str], str]


WORSE_LINE = "If it gets worse or you notice a warning sign, see /doctor."
_URGENT_TITLE = "Please get checked today."
_GP_TITLE = "Book a GP appointment in the next few days."
_SELF_TITLE = "Topics that may fit"
_SELF_VERDICT = "Self-care for now."
"""The verdict an ordinary outcome leads with (what to do now), before the topics."""
_WAITING = "While you wait"
_WHAT_TO_DO = "What to do"
_MEANWHILE = "What helps meanwhile"
_NOW = "What you can do now"
_MORE = "More about warning signs: /doctor"
_MAX_ADVICE = 2


def _e(text: str) -> str:
    return escape(text, quote=False)


def _bullets(lines: tuple[str, ...] | list[str], tr: Translate) -> list[str]:
    return [f"• {_e(tr(line))}" for line in lines]


def _topic_lines(outcome: Outcome, tr: Translate) -> list[str]:
    lines = []
    for index, key in enumerate(outcome.topics):
        why = outcome.topic_reasons[index] if index < len(outcome.topic_reasons) else ""
        name = tr(TOPIC_NAMES.get(key, key))
        tail = f": {tr(why)}" if why else ""
        lines.append(f"• /{_e(key)} — {_e(name)}{_e(tail)}")
    return lines


def _emergency(outcome: Outcome, tr: Translate) -> list[str]:
    steps = [a for a in outcome.advice if a != EMERGENCY_LINE]
    return [
        f"🚨 <b>{_e(tr(EMERGENCY_LINE))}</b>",
        "",
        *(_e(tr(r)) for r in outcome.reasons[:1]),
        "",
        f"<b>{_e(tr(_WAITING))}</b>",
        *_bullets(steps[:3], tr),
    ]


def _urgent(outcome: Outcome, tr: Translate) -> list[str]:
    return [
        f"⚠️ <b>{_e(tr(_URGENT_TITLE))}</b>",
        "",
        *(_e(tr(r)) for r in outcome.reasons[:1]),  # the most specific rule's reason
        "",
        f"<b>{_e(tr(_WHAT_TO_DO))}</b>",
        *_bullets(outcome.advice[:3], tr),
        "",
        _e(tr(_MORE)),
    ]


def _gp_soon(outcome: Outcome, tr: Translate) -> list[str]:
    rule_advice = [a for a in outcome.advice if not a.startswith("Book ")]
    return [
        f"🩺 <b>{_e(tr(_GP_TITLE))}</b>",
        "",
        *(_e(tr(r)) for r in outcome.reasons[:2]),
        "",
        f"<b>{_e(tr(_SELF_TITLE))}</b>",
        *_topic_lines(outcome, tr),
        "",
        f"<b>{_e(tr(_MEANWHILE))}</b>",
        *_bullets(rule_advice[:_MAX_ADVICE], tr),
        "",
        _e(tr(WORSE_LINE)),
    ]


def _self_care(outcome: Outcome, tr: Translate) -> list[str]:
    return [
        f"🙂 <b>{_e(tr(_SELF_VERDICT))}</b> {_e(tr(SEE_GP_WHEN))}.",
        "",
        f"<b>{_e(tr(_SELF_TITLE))}</b>",
        *_topic_lines(outcome, tr),
        "",
        f"<b>{_e(tr(_NOW))}</b>",
        *_bullets(outcome.advice[:_MAX_ADVICE], tr),
        "",
        _e(tr(WORSE_LINE)),
    ]


_BY_TIER = {
    Tier.EMERGENCY: _emergency,
    Tier.URGENT: _urgent,
    Tier.GP_SOON: _gp_soon,
    Tier.SELF_CARE: _self_care,
}


def render_outcome(
    outcome: Outcome, lang: str = DEFAULT_LANGUAGE, country: str | None = None
) -> str:
    """The outcome screen for `outcome` (Telegram HTML, one disclaimer, at most ~1,000 chars),
    in `lang`. With the person's `country`, an emergency leads with that country's one number
    instead of the language's list, and an urgent screen ends with it."""
    tr = translator(lang)
    lines = _BY_TIER[outcome.tier](outcome, tr)
    exact = call_now_line(country, lang)
    if exact and outcome.tier is Tier.EMERGENCY:
        lines[0] = exact
    elif exact and outcome.tier is Tier.URGENT:
        lines += ["", exact]
    text = "\n".join([*lines, "", tr(DISCLAIMER)])
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text
