"""A triage outcome on Telegram: its text and its buttons, for the quiz and typed messages.

* emergency: the number first and what to do while waiting; no buttons to distract;
* urgent: an NHS 111 online button and the /doctor page; never a two-day check-in;
* gp_soon and self_care: topic buttons and the two-day check-in offer.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup

from bot.keyboards import outcome_keyboard
from bot.language import ENGLISH, Speaker
from knowledge.outcome_render import render_outcome
from knowledge.tiers import Tier
from knowledge.topics import TOPIC_NAMES
from knowledge.triage import Outcome

__all__ = ["Screen", "outcome_screen"]


@dataclass(frozen=True, slots=True)
class Screen:
    """The text (Telegram HTML) and buttons of one message."""

    text: str
    keyboard: InlineKeyboardMarkup | None = None


def outcome_screen(
    outcome: Outcome, *, checkin_offer_id: int | None, speaker: Speaker = ENGLISH
) -> Screen:
    """The screen for `outcome`, in the speaker's language and with their country's number.
    `checkin_offer_id` (a stored outcome id) adds the two-day check-in offer, but only for
    gp_soon and self_care: care today must not wait for it."""
    lang = speaker.language
    text = render_outcome(outcome, lang, speaker.country)
    if outcome.tier is Tier.EMERGENCY:
        return Screen(text)
    if outcome.tier is Tier.URGENT:
        doctor = [("doctor", TOPIC_NAMES["doctor"])]
        return Screen(text, outcome_keyboard(doctor, nhs_111=True, lang=lang))
    topics = [(key, TOPIC_NAMES.get(key, key)) for key in outcome.topics]
    return Screen(text, outcome_keyboard(topics, checkin_offer_id=checkin_offer_id, lang=lang))
