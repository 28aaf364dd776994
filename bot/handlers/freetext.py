"""Typed messages: read them for warning signs and symptoms, and answer by the same rules.

`knowledge.freetext.interpret` turns the text into findings and `knowledge.triage.assess` says
what they mean; the plain functions here (`reply_for`, `answer_check`) choose the screens, and
the handlers only talk to Telegram. The text is read in memory and then dropped: it is never
stored, never logged, and never put into button data (the "Do any of these apply?" buttons
carry finding ids only, see `knowledge.freetext.encode_findings`).

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
- a message in a language no lexicon reads (`Reading.language == "other"`) -> the emergency
  numbers and buttons;
- nothing recognised (or a sticker, a voice note, a photo without a caption) -> a short
  friendly reply with buttons: the quiz, the warning signs, the topics.
In groups the bot answers only when it is mentioned or replied to.
"""

from __future__ import annotations

from html import escape
from typing import Any

from telegram import Message, MessageEntity, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.handlers.routing import action_is, pressed
from bot.keyboards import FreeTextCheck, check_keyboard, freetext_keyboard, with_warning_signs
from bot.messaging import answer_query, edit_pressed, post_html
from bot.outcomes import Screen, outcome_screen
from knowledge.findings import UNSURE_PREFIX, WARNING_SIGNS, unsure
from knowledge.freetext import Reading, decode_findings, encode_findings, interpret
from knowledge.texts import (
    BUTTON_EXPIRED,
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
    SAFETY_NET,
)
from knowledge.topics import TOPIC_NAMES
from knowledge.triage import Outcome, assess
from knowledge.warning_signs import SIGN_LABELS

__all__ = [
    "CHECK_NONE",
    "CHECK_UNSURE",
    "DEFAULT_CHECK",
    "MAX_CHECK_SIGNS",
    "addressed_to_bot",
    "answer_check",
    "check_signs",
    "handlers",
    "reply_for",
    "with_safety_net",
]

CHECK_NONE = "none"
CHECK_UNSURE = "unsure"
MAX_CHECK_SIGNS = 5
DEFAULT_CHECK = (
    "breathless",
    "foot_cold_pale",
    "leg_numb_weak",
    "calf_swollen",
    "cant_bear_weight",
)
"""What to ask about when someone asks "should I go to A&E?" without naming a sign."""

# Most serious first: the emergency signs, then the same-day ones, each in a fixed order.
_SERIOUSNESS = (
    "breathless",
    "chest_pain",
    "coughing_blood",
    "foot_cold_pale",
    "leg_numb_weak",
    "serious_injury",
    "pain_under_cast",
    "cauda_equina",
    "calf_swollen",
    "calf_warm_red",
    "calf_pain_one_leg",
    "leg_tingling",
    "veins_hard_sore",
    "knee_hot_red_swollen",
    "knee_hot_or_red",
    "fever_unwell",
    "cant_bear_weight",
    "severe_pain",
    "knee_locked",
    "pop_then_swelling",
    "knee_deformed",
    "knee_very_swollen",
)
_SAME_DAY = ("urgent", "emergency")


def _definite(findings: frozenset[str]) -> frozenset[str]:
    return frozenset(f for f in findings if not f.startswith(UNSURE_PREFIX))


def check_signs(findings: frozenset[str]) -> tuple[str, ...]:
    """The signs the "Do any of these apply right now?" screen asks about, most serious first."""
    doubtful = {f[len(UNSURE_PREFIX) :] for f in findings if f.startswith(UNSURE_PREFIX)}
    signs = [s for s in _SERIOUSNESS if s in doubtful] or list(DEFAULT_CHECK)
    return tuple(signs[:MAX_CHECK_SIGNS])


def _check_screen(reading: Reading) -> Screen:
    code = encode_findings(reading.findings)
    options = [(sign, SIGN_LABELS[sign]) for sign in check_signs(reading.findings)]
    options += [(CHECK_NONE, FREE_TEXT_CHECK_NONE), (CHECK_UNSURE, FREE_TEXT_CHECK_UNSURE)]
    return Screen(FREE_TEXT_CHECK, check_keyboard(options, code))


def _topic_buttons(topics: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(key, TOPIC_NAMES[key]) for key in topics if key in TOPIC_NAMES]


def _sounds_like(reading: Reading, outcome: Outcome) -> Screen:
    buttons = _topic_buttons(reading.topics) or [("causes", TOPIC_NAMES["causes"])]
    names = ", ".join(f"<b>{escape(name)}</b>" for _, name in buttons)
    sentence = FREE_TEXT_SOUNDS_LIKE_ONE if len(buttons) == 1 else FREE_TEXT_SOUNDS_LIKE
    parts = [sentence.format(topics=names)]
    if outcome.tier == "gp_soon" and outcome.advice:
        parts.append(escape(outcome.advice[0]))
    parts.append("For a closer look at what fits, take the quiz.")
    parts.append(DISCLAIMER)
    return Screen("\n\n".join(parts), freetext_keyboard(buttons))


def _misread() -> Screen:
    return Screen(FREE_TEXT_MISREAD, freetext_keyboard())


def with_safety_net(screen: Screen, line: str = SAFETY_NET) -> Screen:
    """`screen` with the safety-net `line` (before the disclaimer, when it ends with one) and a
    button to the warning signs."""
    body = screen.text
    if body.endswith(DISCLAIMER):
        head = body[: -len(DISCLAIMER)].rstrip("\n")
        text = f"{head}\n\n{line}\n\n{DISCLAIMER}"
    else:
        text = f"{body}\n\n{line}"
    return Screen(text, with_warning_signs(screen.keyboard))


def _netted(outcome: Outcome) -> Screen:
    """An outcome screen after a typed message: emergency as it is (the number comes first and
    nothing distracts from it), every other tier with the safety net."""
    screen = outcome_screen(outcome, checkin_offer_id=None)
    return screen if outcome.tier == "emergency" else with_safety_net(screen)


def reply_for(reading: Reading) -> tuple[Screen, ...]:
    """The messages to send in answer to a typed message, in order; every one of them but an
    emergency outcome carries the safety net."""
    definite = _definite(reading.findings)
    if definite & WARNING_SIGNS or (reading.tier in _SAME_DAY and not reading.needs_check):
        return _netted(assess(reading.findings)), with_safety_net(_misread())
    if reading.needs_check:
        sure = assess(definite)
        if sure.tier in _SAME_DAY:  # the rules say today even without the doubtful sign
            return _netted(sure), with_safety_net(_misread())
        return (with_safety_net(_check_screen(reading)),)
    if reading.tier is not None:
        return (with_safety_net(_sounds_like(reading, assess(reading.findings))),)
    if reading.language == "other":
        screen = Screen(FREE_TEXT_OTHER_LANGUAGE, freetext_keyboard(signs_and_menu=True))
        return (with_safety_net(screen, EMERGENCY_NUMBERS),)
    if reading.topics:
        buttons = _topic_buttons(reading.topics)
        named = Screen(FREE_TEXT_NAMED, freetext_keyboard(buttons, signs_and_menu=True))
        return (with_safety_net(named),)
    return (nothing_recognised(),)


def nothing_recognised() -> Screen:
    """For a message with nothing to read, a sticker, a voice note, a photo without caption."""
    return with_safety_net(Screen(FREE_TEXT_NOTHING, freetext_keyboard(signs_and_menu=True)))


def answer_check(action: FreeTextCheck) -> Screen | None:
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
    return _netted(outcome)


def _entity_text(text: str | None, entity: MessageEntity) -> str:
    """The entity's text, for any string: PTB's parse_entities raises on a lone surrogate."""
    if not text:
        return ""
    data = text.encode("utf-16-le", "surrogatepass")
    start, end = entity.offset * 2, (entity.offset + entity.length) * 2
    return data[start:end].decode("utf-16-le", "surrogatepass")


def _mentions(message: Message) -> list[tuple[MessageEntity, str]]:
    kinds = (MessageEntity.MENTION, MessageEntity.TEXT_MENTION)
    return [
        (entity, _entity_text(text, entity))
        for text, entities in (
            (message.text, message.entities),
            (message.caption, message.caption_entities),
        )
        for entity in entities
        if entity.type in kinds
    ]


def addressed_to_bot(message: Message, bot_id: int, username: str | None) -> bool:
    """In a group: True when the message replies to the bot or mentions it."""
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return True
    handle = f"@{username}".lower() if username else None
    for entity, text in _mentions(message):
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            return True
        if handle is not None and text.lower() == handle:
            return True
    return False


def _without_mention(text: str, username: str | None) -> str:
    if not username:
        return text
    handle = f"@{username}"
    index = text.lower().find(handle.lower())
    while index >= 0:
        text = text[:index] + text[index + len(handle) :]
        index = text.lower().find(handle.lower())
    return text


async def _send(update: Update, screens: tuple[Screen, ...]) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    bot = chat.get_bot()
    for screen in screens:
        await post_html(bot, "sendMessage", screen.text, screen.keyboard, chat_id=chat.id)


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message in a private chat, or one addressed to the bot in a group."""
    message = update.effective_message
    if message is None:
        return
    bot = context.bot
    if message.chat.type != "private" and not addressed_to_bot(message, bot.id, bot.username):
        return
    text = message.text if message.text is not None else message.caption
    if not text:
        await _send(update, (nothing_recognised(),))
        return
    # Read in memory only: the text is not stored, logged or put into button data. The sender's
    # Telegram language decides only what the message itself does not ("me duele").
    user = update.effective_user
    hint = user.language_code if user is not None else None
    reading = interpret(_without_mention(text, bot.username), language_hint=hint)
    await _send(update, reply_for(reading))


async def on_check(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An answer to "Do any of these apply right now?": the message becomes the outcome."""
    query = update.callback_query
    action = pressed(update, FreeTextCheck)
    screen = answer_check(action) if action is not None else None
    if query is None or screen is None:
        await answer_query(query, BUTTON_EXPIRED)
        return
    await answer_query(query)
    await edit_pressed(query, screen.text, screen.keyboard)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    """Typed messages, captions and other messages; and the buttons of these replies.

    Private chats: every message that is not a command. Groups: the same, but `on_message`
    answers only when the bot is mentioned or replied to.
    """
    chats = filters.ChatType.PRIVATE | filters.ChatType.GROUPS
    messages = chats & filters.UpdateType.MESSAGE & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    return [
        MessageHandler(messages, on_message),
        CallbackQueryHandler(on_check, pattern=action_is(FreeTextCheck)),
    ]
