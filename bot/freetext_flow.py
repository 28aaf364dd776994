"""Typed messages on the bot side: what to reply to a reading, as plain functions.

`knowledge.freetext.interpret` turns the text into a `Reading` (findings, tier, topics) and
`knowledge.triage.assess` says what findings mean; the functions here choose the screens. No
Telegram I/O: the handler in `bot.handlers.freetext` parses the update, calls `reply_for` or
`answer_check`, and sends or edits what they return. The text itself never reaches this module
(the "Do any of these apply?" buttons carry finding ids only, see
`knowledge.freetext.encode_findings`).

Every reply carries the safety net (`with_safety_net`): one line naming the signs that need
999 / 112 / 911 now and a button to the warning signs, whatever the tier, so that a misreading
never ends in a calm reply with no way out. The one screen without it is the emergency outcome,
which starts with the number itself and is followed by a screen that has it.

Replies, most serious first:
- the rules say care today or now -> the quiz's own outcome screen (what to do first), then
  "If I misread you, take the quiz";
- a warning sign is hinted at but uncertain, or the person asks about A&E or the ER -> "Do any
  of these apply right now?" with one button per sign, "None of these" and "I'm not sure";
  the answer goes through `assess` again;
- symptoms without a warning sign -> "It sounds like ..." with the matching topics as buttons;
- a message in a language the reader has no words for -> the emergency numbers and buttons,
  in the person's language;
- nothing recognised (or a sticker, a voice note, a photo without a caption) -> a short
  friendly reply with buttons: the quiz, the warning signs, the topics.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape

from bot.keyboards import FreeTextCheck, check_keyboard, freetext_keyboard, with_warning_signs
from bot.language import ENGLISH, Speaker
from bot.outcomes import Screen, outcome_screen
from knowledge.emergency import call_now_line
from knowledge.findings import UNSURE_PREFIX, WARNING_SIGNS, unsure
from knowledge.freetext import Reading, decode_findings, encode_findings
from knowledge.i18n import LANGUAGES, translate, translator
from knowledge.texts import (
    DISCLAIMER,
    EMERGENCY_NUMBERS,
    FREE_TEXT_CHECK,
    FREE_TEXT_CHECK_NONE,
    FREE_TEXT_CHECK_UNSURE,
    FREE_TEXT_MISREAD,
    FREE_TEXT_NAMED,
    FREE_TEXT_NOTHING,
    FREE_TEXT_OTHER_LANGUAGE,
    FREE_TEXT_SOUNDS_LIKE,
    FREE_TEXT_SOUNDS_LIKE_ONE,
    FREE_TEXT_TAKE_QUIZ,
    SAFETY_NET,
)
from knowledge.tiers import Tier
from knowledge.topics import TOPIC_NAMES
from knowledge.triage import Outcome, assess
from knowledge.warning_signs import SIGN_LABELS, SIGNS

__all__ = [
    "CHECK_NONE",
    "CHECK_UNSURE",
    "DEFAULT_CHECK",
    "MAX_CHECK_SIGNS",
    "answer_check",
    "check_signs",
    "nothing_recognised",
    "reply_for",
    "reply_speaker",
    "with_safety_net",
]

CHECK_NONE = "none"
CHECK_UNSURE = "unsure"
MAX_CHECK_SIGNS = 5
DEFAULT_CHECK: tuple[str, ...] = (
    "breathless",
    "foot_cold_pale",
    "leg_numb_weak",
    "calf_swollen",
    "cant_bear_weight",
)
"""What to ask about when someone asks "should I go to A&E?" without naming a sign."""
FALLBACK_TOPIC = "causes"
"""The topic offered when symptoms are named but no topic matches them."""


def _definite(findings: frozenset[str]) -> frozenset[str]:
    return frozenset(f for f in findings if not f.startswith(UNSURE_PREFIX))


def check_signs(findings: frozenset[str]) -> tuple[str, ...]:
    """The signs the "Do any of these apply right now?" screen asks about, most serious first
    (the order of `knowledge.warning_signs.SIGNS`)."""
    doubtful = {f[len(UNSURE_PREFIX) :] for f in findings if f.startswith(UNSURE_PREFIX)}
    signs = [sign.id for sign in SIGNS if sign.id in doubtful] or list(DEFAULT_CHECK)
    return tuple(signs[:MAX_CHECK_SIGNS])


def _check_screen(reading: Reading, lang: str) -> Screen:
    code = encode_findings(reading.findings)
    options = [(sign, SIGN_LABELS[sign]) for sign in check_signs(reading.findings)]
    options += [(CHECK_NONE, FREE_TEXT_CHECK_NONE), (CHECK_UNSURE, FREE_TEXT_CHECK_UNSURE)]
    return Screen(translate(lang, FREE_TEXT_CHECK), check_keyboard(options, code, lang))


def _topic_buttons(topics: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(key, TOPIC_NAMES[key]) for key in topics if key in TOPIC_NAMES]


def _sounds_like(reading: Reading, outcome: Outcome, lang: str) -> Screen:
    tr = translator(lang)
    buttons = _topic_buttons(reading.topics) or _topic_buttons((FALLBACK_TOPIC,))
    names = ", ".join(f"<b>{escape(tr(name))}</b>" for _, name in buttons)
    sentence = FREE_TEXT_SOUNDS_LIKE_ONE if len(buttons) == 1 else FREE_TEXT_SOUNDS_LIKE
    parts = [tr(sentence).format(topics=names)]
    if outcome.tier is Tier.GP_SOON and outcome.advice:
        parts.append(escape(tr(outcome.advice[0])))
    parts.append(tr(FREE_TEXT_TAKE_QUIZ))
    parts.append(tr(DISCLAIMER))
    return Screen("\n\n".join(parts), freetext_keyboard(buttons, lang=lang))


def _misread(lang: str) -> Screen:
    return Screen(translate(lang, FREE_TEXT_MISREAD), freetext_keyboard(lang=lang))


def with_safety_net(screen: Screen, speaker: Speaker = ENGLISH, line: str = SAFETY_NET) -> Screen:
    """`screen` with the safety-net `line` in the speaker's language, their country's one
    number under it when they gave one (before the disclaimer, when the screen ends with one),
    and a button to the warning signs."""
    tr = translator(speaker.language)
    net = tr(line)
    exact = call_now_line(speaker.country, speaker.language)
    if exact:
        net = f"{net}\n{exact}"
    body, disclaimer = screen.text, tr(DISCLAIMER)
    if body.endswith(disclaimer):
        head = body[: -len(disclaimer)].rstrip("\n")
        text = f"{head}\n\n{net}\n\n{disclaimer}"
    else:
        text = f"{body}\n\n{net}"
    return Screen(text, with_warning_signs(screen.keyboard, speaker.language))


def _netted(outcome: Outcome, speaker: Speaker) -> Screen:
    """An outcome screen after a typed message: emergency as it is (the number comes first and
    nothing distracts from it), every other tier with the safety net."""
    screen = outcome_screen(outcome, checkin_offer_id=None, speaker=speaker)
    return screen if outcome.tier is Tier.EMERGENCY else with_safety_net(screen, speaker)


def _care_today(outcome: Outcome, speaker: Speaker) -> tuple[Screen, ...]:
    return _netted(outcome, speaker), with_safety_net(_misread(speaker.language), speaker)


def reply_speaker(reading: Reading, speaker: Speaker) -> Speaker:
    """Who to answer, and in which language: someone who has not chosen a language with
    /language is answered in the language they wrote in, when the bot speaks it."""
    if speaker.chosen or reading.language not in LANGUAGES:
        return speaker
    return replace(speaker, language=reading.language)


def reply_for(reading: Reading, speaker: Speaker = ENGLISH) -> tuple[Screen, ...]:
    """The messages to send in answer to a typed message, in order; every one of them but an
    emergency outcome carries the safety net."""
    speaker = reply_speaker(reading, speaker)
    lang = speaker.language
    definite = _definite(reading.findings)
    same_day = reading.tier is not None and reading.tier.same_day
    if definite & WARNING_SIGNS or (same_day and not reading.needs_check):
        return _care_today(assess(reading.findings), speaker)
    if reading.needs_check:
        sure = assess(definite)
        if sure.tier.same_day:  # the rules say today even without the doubtful sign
            return _care_today(sure, speaker)
        return (with_safety_net(_check_screen(reading, lang), speaker),)
    if reading.tier is not None:
        outcome = assess(reading.findings)
        return (with_safety_net(_sounds_like(reading, outcome, lang), speaker),)
    if reading.language == "other":
        text = translate(lang, FREE_TEXT_OTHER_LANGUAGE)
        screen = Screen(text, freetext_keyboard(signs_and_menu=True, lang=lang))
        return (with_safety_net(screen, speaker, EMERGENCY_NUMBERS),)
    if reading.topics:
        buttons = _topic_buttons(reading.topics)
        markup = freetext_keyboard(buttons, signs_and_menu=True, lang=lang)
        return (with_safety_net(Screen(translate(lang, FREE_TEXT_NAMED), markup), speaker),)
    return (nothing_recognised(speaker),)


def nothing_recognised(speaker: Speaker = ENGLISH) -> Screen:
    """For a message with nothing to read, a sticker, a voice note, a photo without caption."""
    lang = speaker.language
    screen = Screen(
        translate(lang, FREE_TEXT_NOTHING), freetext_keyboard(signs_and_menu=True, lang=lang)
    )
    return with_safety_net(screen, speaker)


def answer_check(action: FreeTextCheck, speaker: Speaker = ENGLISH) -> Screen | None:
    """The screen after an answer to "Do any of these apply right now?"; None when stale."""
    findings = decode_findings(action.code)
    if findings is None:
        return None
    definite = _definite(findings)
    shown = check_signs(findings)
    if action.answer == CHECK_NONE:
        outcome = assess(definite)
    elif action.answer == CHECK_UNSURE:
        outcome = assess(definite | {unsure(sign) for sign in shown})
    elif action.answer in shown:
        outcome = assess(definite | {action.answer})
    else:
        return None
    return _netted(outcome, speaker)
