"""Inline keyboards and the callback data they carry.

The callback data format lives here and only here. Every payload starts with a version digit
and a one-letter kind, is validated on the way back in, and stays well under Telegram's
64-byte limit. Anything that does not parse is `None`: the caller answers "this button has
expired" and nothing else happens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.ptb_internals import PreserializedButton
from knowledge.texts import (
    BUTTON_ERASE,
    BUTTON_KEEP,
    BUTTON_MENU,
    BUTTON_QUIZ,
    BUTTON_WARNING_SIGNS,
    BUTTON_WARNING_SIGNS_LONG,
)

VERSION = "1"
MAX_CALLBACK_BYTES = 64
WARNING_TOPIC = "doctor"
"""The topic that lists the warning signs: first on /start, and under every page."""


@dataclass(frozen=True, slots=True)
class ShowTopic:
    topic: str


@dataclass(frozen=True, slots=True)
class StartQuiz:
    pass


@dataclass(frozen=True, slots=True)
class ShowMenu:
    pass


@dataclass(frozen=True, slots=True)
class QuizAnswer:
    nonce: str
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class QuizBack:
    nonce: str


@dataclass(frozen=True, slots=True)
class QuizCancel:
    nonce: str


@dataclass(frozen=True, slots=True)
class AcceptCheckin:
    outcome_id: int


@dataclass(frozen=True, slots=True)
class DeclineCheckin:
    outcome_id: int


@dataclass(frozen=True, slots=True)
class CheckinAnswer:
    followup_id: int
    answer: str


@dataclass(frozen=True, slots=True)
class CancelFollowup:
    followup_id: int


@dataclass(frozen=True, slots=True)
class ShowSummary:
    """ "Summary for my doctor" under a quiz outcome (a stored outcome id)."""

    outcome_id: int


@dataclass(frozen=True, slots=True)
class FreeTextCheck:
    """An answer on the "Do any of these apply right now?" screen after a typed message.

    `answer` is a warning-sign id, "none" or "unsure"; `code` is the reading's findings as
    `knowledge.freetext.encode_findings` writes them (finding ids only, never the user's text).
    """

    answer: str
    code: str


@dataclass(frozen=True, slots=True)
class RecheckAnswer:
    """A tap on the check-in's warning-sign re-check: a sign group's key, or "none"."""

    followup_id: int
    sign: str


@dataclass(frozen=True, slots=True)
class ForgetAnswer:
    """An answer to "Erase everything I keep about you?": for that user only."""

    user_id: int
    erase: bool


CallbackAction = (
    ShowTopic
    | StartQuiz
    | ShowMenu
    | QuizAnswer
    | QuizBack
    | QuizCancel
    | AcceptCheckin
    | DeclineCheckin
    | CheckinAnswer
    | CancelFollowup
    | FreeTextCheck
    | RecheckAnswer
    | ShowSummary
    | ForgetAnswer
)

# Answers to a check-in message. "hurting" is the answer of the three-button check-ins sent
# before "About the same" and "Worse" existed: still parsed, and treated as "About the same".
CHECKIN_BETTER = "better"
CHECKIN_SAME = "same"
CHECKIN_WORSE = "worse"
CHECKIN_LATER = "later"
CHECKIN_HURTING = "hurting"
CHECKIN_ANSWERS = (CHECKIN_BETTER, CHECKIN_SAME, CHECKIN_WORSE, CHECKIN_LATER, CHECKIN_HURTING)
RECHECK_NONE = "none"

_WORD = r"[a-z0-9_]{1,12}"
_NONCE = r"[a-z0-9]{4,12}"
_ID = r"[1-9][0-9]{0,17}"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (rf"1t:({_WORD})", "topic"),
        (r"1q:start", "quiz"),
        (r"1m:menu", "menu"),
        (rf"1a:({_NONCE}):({_WORD}):({_WORD})", "answer"),
        (rf"1b:({_NONCE})", "back"),
        (rf"1x:({_NONCE})", "cancel"),
        (rf"1c:({_ID})", "accept"),
        (rf"1n:({_ID})", "decline"),
        (rf"1f:({_ID}):({'|'.join(CHECKIN_ANSWERS)})", "checkin"),
        (rf"1k:({_ID})", "unfollow"),
        (r"1w:([a-z_]{1,24}):([0-9a-z]{1,24})", "check"),
        (rf"1r:({_ID}):({_WORD})", "recheck"),
        (rf"1s:({_ID})", "summary"),
        (rf"1e:({_ID}):(erase|keep)", "forget"),
    )
)


def parse_callback(data: str | None) -> CallbackAction | None:
    """Decode callback data from a button press; None when it is unknown, stale or forged."""
    if not isinstance(data, str) or not data:
        return None
    # "surrogatepass": data from outside may hold a lone surrogate, which strict UTF-8 cannot
    # encode; such data never matches a pattern below, and measuring it must not raise.
    if len(data.encode("utf-8", "surrogatepass")) > MAX_CALLBACK_BYTES:
        return None
    for pattern, kind in _PATTERNS:
        match = pattern.fullmatch(data)
        if match is None:
            continue
        g = match.groups()
        if kind == "topic":
            return ShowTopic(g[0])
        if kind == "quiz":
            return StartQuiz()
        if kind == "menu":
            return ShowMenu()
        if kind == "answer":
            return QuizAnswer(g[0], g[1], g[2])
        if kind == "back":
            return QuizBack(g[0])
        if kind == "cancel":
            return QuizCancel(g[0])
        if kind == "accept":
            return AcceptCheckin(int(g[0]))
        if kind == "decline":
            return DeclineCheckin(int(g[0]))
        if kind == "checkin":
            return CheckinAnswer(int(g[0]), g[1])
        if kind == "unfollow":
            return CancelFollowup(int(g[0]))
        if kind == "check":
            return FreeTextCheck(g[0], g[1])
        if kind == "recheck":
            return RecheckAnswer(int(g[0]), g[1])
        if kind == "summary":
            return ShowSummary(int(g[0]))
        if kind == "forget":
            return ForgetAnswer(int(g[0]), g[1] == "erase")
    return None


def encode_callback(action: CallbackAction) -> str:
    """The callback data for an action; the inverse of `parse_callback`."""
    match action:
        case ShowTopic(topic):
            data = f"{VERSION}t:{topic}"
        case StartQuiz():
            data = f"{VERSION}q:start"
        case ShowMenu():
            data = f"{VERSION}m:menu"
        case QuizAnswer(nonce, question, answer):
            data = f"{VERSION}a:{nonce}:{question}:{answer}"
        case QuizBack(nonce):
            data = f"{VERSION}b:{nonce}"
        case QuizCancel(nonce):
            data = f"{VERSION}x:{nonce}"
        case AcceptCheckin(outcome_id):
            data = f"{VERSION}c:{outcome_id}"
        case DeclineCheckin(outcome_id):
            data = f"{VERSION}n:{outcome_id}"
        case CheckinAnswer(followup_id, answer):
            data = f"{VERSION}f:{followup_id}:{answer}"
        case CancelFollowup(followup_id):
            data = f"{VERSION}k:{followup_id}"
        case FreeTextCheck(answer, code):
            data = f"{VERSION}w:{answer}:{code}"
        case RecheckAnswer(followup_id, sign):
            data = f"{VERSION}r:{followup_id}:{sign}"
        case ShowSummary(outcome_id):
            data = f"{VERSION}s:{outcome_id}"
        case ForgetAnswer(user_id, erase):
            data = f"{VERSION}e:{user_id}:{'erase' if erase else 'keep'}"
    if parse_callback(data) != action:
        raise ValueError(f"cannot encode {action!r} as valid callback data")
    return data


@lru_cache(maxsize=1024)
def _button(label: str, action: CallbackAction) -> InlineKeyboardButton:
    """One callback button; made once per (label, action) and then reused (bounded)."""
    return PreserializedButton(label, callback_data=encode_callback(action))


def _rows(
    buttons: Sequence[InlineKeyboardButton], per_row: int
) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


def menu_keyboard(topics: Iterable[tuple[str, str]]) -> InlineKeyboardMarkup:
    """The /start menu: the warning signs first and alone, the quiz, then the topics two a row.

    `topics` are (topic key, label); the warning-signs topic gets its own first row.
    """
    buttons = [_button(label, ShowTopic(key)) for key, label in topics if key != WARNING_TOPIC]
    rows = [
        [_button(BUTTON_WARNING_SIGNS_LONG, ShowTopic(WARNING_TOPIC))],
        [_button(BUTTON_QUIZ, StartQuiz())],
        *_rows(buttons, 2),
    ]
    return InlineKeyboardMarkup(rows)


def onward_rows(
    *, warning_signs: bool = True, quiz: bool = True, menu: bool = True
) -> list[list[InlineKeyboardButton]]:
    """The way onward from any screen: warning signs, the quiz, the menu (as rows)."""
    first = []
    if warning_signs:
        first.append(_button(BUTTON_WARNING_SIGNS, ShowTopic(WARNING_TOPIC)))
    if quiz:
        first.append(_button(BUTTON_QUIZ, StartQuiz()))
    rows = [first] if first else []
    if menu:
        rows.append([_button(BUTTON_MENU, ShowMenu())])
    return rows


def onward_keyboard(
    *, warning_signs: bool = True, quiz: bool = True, menu: bool = True
) -> InlineKeyboardMarkup:
    """Buttons for a reply that ends a flow, so it is never a dead end."""
    return InlineKeyboardMarkup(onward_rows(warning_signs=warning_signs, quiz=quiz, menu=menu))


def topic_keyboard(topic_key: str, related: Iterable[tuple[str, str]]) -> InlineKeyboardMarkup:
    """Under a topic page: warning signs and the quiz, related topics two a row, the menu."""
    onward = onward_rows(warning_signs=topic_key != WARNING_TOPIC, menu=False)
    buttons = [_button(label, ShowTopic(key)) for key, label in related if key != topic_key]
    return InlineKeyboardMarkup([*onward, *_rows(buttons, 2), [_button(BUTTON_MENU, ShowMenu())]])


def quiz_keyboard(
    nonce: str, question: str, answers: Sequence[tuple[str, str]], *, can_go_back: bool
) -> InlineKeyboardMarkup:
    """Answer buttons for one quiz question, then Back (when possible) and Cancel."""
    per_row = 2 if all(len(label) <= 14 for _, label in answers) else 1
    rows = _rows(
        [_button(label, QuizAnswer(nonce, question, aid)) for aid, label in answers], per_row
    )
    nav = []
    if can_go_back:
        nav.append(_button("⬅️ Back", QuizBack(nonce)))
    nav.append(_button("✖️ Cancel", QuizCancel(nonce)))
    rows.append(nav)
    return InlineKeyboardMarkup(rows)


def offer_checkin_keyboard(outcome_id: int) -> InlineKeyboardMarkup:
    """Below a quiz outcome: ask whether the user wants a check-in in two days."""
    return InlineKeyboardMarkup(
        [
            [_button("🔔 Yes, check on me in 2 days", AcceptCheckin(outcome_id))],
            [_button("No, thanks", DeclineCheckin(outcome_id))],
        ]
    )


def checkin_keyboard(followup_id: int) -> InlineKeyboardMarkup:
    """The answers to a check-in message: Better / About the same / Worse / Remind me later."""
    return InlineKeyboardMarkup(
        [
            [
                _button("🙂 Better", CheckinAnswer(followup_id, CHECKIN_BETTER)),
                _button("😐 About the same", CheckinAnswer(followup_id, CHECKIN_SAME)),
            ],
            [
                _button("😣 Worse", CheckinAnswer(followup_id, CHECKIN_WORSE)),
                _button("⏰ Remind me later", CheckinAnswer(followup_id, CHECKIN_LATER)),
            ],
        ]
    )


def recheck_keyboard(
    followup_id: int, signs: Iterable[tuple[str, str]], none_label: str
) -> InlineKeyboardMarkup:
    """The check-in's one-tap warning-sign re-check: one button per (sign key, label), most
    serious first, then "None of these"."""
    rows = [[_button(label, RecheckAnswer(followup_id, key))] for key, label in signs]
    rows.append([_button(none_label, RecheckAnswer(followup_id, RECHECK_NONE))])
    return InlineKeyboardMarkup(rows)


def advice_keyboard(topic: tuple[str, str]) -> InlineKeyboardMarkup:
    """Under the check-in's closing advice: one topic, the warning signs, the menu."""
    key, label = topic
    return InlineKeyboardMarkup(
        [
            [
                _button(label, ShowTopic(key)),
                _button(BUTTON_WARNING_SIGNS, ShowTopic(WARNING_TOPIC)),
            ],
            [_button(BUTTON_MENU, ShowMenu())],
        ]
    )


def cancel_followup_keyboard(followup_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button("Cancel this check-in", CancelFollowup(followup_id))]])


NHS_111_URL = "https://111.nhs.uk/"
_NHS_111_BUTTON = PreserializedButton("🌐 NHS 111 online (UK)", url=NHS_111_URL)


def outcome_keyboard(
    topics: Sequence[tuple[str, str]],
    *,
    checkin_offer_id: int | None = None,
    nhs_111: bool = False,
) -> InlineKeyboardMarkup | None:
    """Below an outcome: NHS 111 online (urgent), topic buttons, and the check-in offer.

    `topics` are (topic key, label) pairs, two per row. None when there is nothing to show.
    """
    rows: list[list[InlineKeyboardButton]] = []
    if nhs_111:
        rows.append([_NHS_111_BUTTON])
    rows += _rows([_button(label, ShowTopic(key)) for key, label in topics], 2)
    if checkin_offer_id is not None:
        rows += [list(row) for row in offer_checkin_keyboard(checkin_offer_id).inline_keyboard]
    return InlineKeyboardMarkup(rows) if rows else None


def freetext_keyboard(
    topics: Sequence[tuple[str, str]] = (), *, signs_and_menu: bool = False
) -> InlineKeyboardMarkup:
    """Below a reply to a typed message: the quiz first, then topic buttons (two per row), and
    with `signs_and_menu` the warning signs (/doctor) and the menu of topics."""
    rows: list[list[InlineKeyboardButton]] = [[_button(BUTTON_QUIZ, StartQuiz())]]
    rows += _rows([_button(label, ShowTopic(key)) for key, label in topics], 2)
    if signs_and_menu:
        rows.append(
            [
                _button(BUTTON_WARNING_SIGNS, ShowTopic(WARNING_TOPIC)),
                _button(BUTTON_MENU, ShowMenu()),
            ]
        )
    return InlineKeyboardMarkup(rows)


def with_warning_signs(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup:
    """`markup` with a "Warning signs" button (/doctor) last, unless it already leads there."""
    rows = [list(row) for row in markup.inline_keyboard] if markup is not None else []
    signs = _button(BUTTON_WARNING_SIGNS, ShowTopic(WARNING_TOPIC))
    if any(b.callback_data == signs.callback_data for row in rows for b in row):
        return InlineKeyboardMarkup(rows)
    return InlineKeyboardMarkup([*rows, [signs]])


def forget_keyboard(user_id: int) -> InlineKeyboardMarkup:
    """Erase or keep, under the /forget question."""
    return InlineKeyboardMarkup(
        [
            [
                _button(BUTTON_ERASE, ForgetAnswer(user_id, True)),
                _button(BUTTON_KEEP, ForgetAnswer(user_id, False)),
            ]
        ]
    )


def check_keyboard(options: Sequence[tuple[str, str]], code: str) -> InlineKeyboardMarkup:
    """One button per (answer, label) on the "Do any of these apply right now?" screen."""
    return InlineKeyboardMarkup(
        [[_button(label, FreeTextCheck(answer, code))] for answer, label in options]
    )


def summary_row(outcome_id: int, label: str) -> list[InlineKeyboardButton]:
    """The "Summary for my doctor" button, as a row to put under a quiz outcome."""
    return [_button(label, ShowSummary(outcome_id))]


def with_summary_button(
    markup: InlineKeyboardMarkup | None, outcome_id: int, label: str
) -> InlineKeyboardMarkup:
    """`markup` (an outcome's buttons, or none) with the summary button added first."""
    rows = [list(row) for row in markup.inline_keyboard] if markup is not None else []
    return InlineKeyboardMarkup([summary_row(outcome_id, label), *rows])
