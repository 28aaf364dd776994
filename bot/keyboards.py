"""Inline keyboards and the callback data they carry.

The callback data format lives here and only here, declared once per action: a small class
names the action's one-letter `kind` and its fields, each field typed with its wire format
(`Word`, `Nonce`, `Id`, ...). `encode_callback` and `parse_callback` are derived from those
declarations. Every payload is the version digit, the kind, then the fields, ":"-separated
(``1a:k3x9q0ab:where:back``); it is validated on the way back in and, with the longest value
of every field, fits Telegram's 64-byte limit (checked when an action is declared). Anything
that does not parse is `None`: the caller answers "this button has expired" and nothing else
happens.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import (
    Annotated,
    Any,
    ClassVar,
    TypeVar,
    cast,
    dataclass_transform,
    get_type_hints,
)

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.ptb_internals import PreserializedButton
from knowledge.checkin_texts import ANSWER_LABELS
from knowledge.i18n import DEFAULT_LANGUAGE, translate
from knowledge.texts import (
    BUTTON_BACK,
    BUTTON_CANCEL,
    BUTTON_CANCEL_CHECKIN,
    BUTTON_CHECKIN_NO,
    BUTTON_CHECKIN_YES,
    BUTTON_ERASE,
    BUTTON_KEEP,
    BUTTON_MENU,
    BUTTON_NHS_111,
    BUTTON_OTHER_COUNTRY,
    BUTTON_QUIZ,
    BUTTON_WARNING_SIGNS,
    BUTTON_WARNING_SIGNS_LONG,
)
from knowledge.topics import WARNING_TOPIC

VERSION = "1"
MAX_CALLBACK_BYTES = 64

# -- the wire format of one field ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Wire:
    """How one field is written in callback data: a regex `pattern` (without groups), the
    field's `longest` legal value, and how a value is read back (`load`) and written (`dump`)."""

    pattern: str
    longest: Any
    load: Callable[[str], Any] = str
    dump: Callable[[Any], str] = str


def text(chars: str, min_len: int, max_len: int) -> Wire:
    """`min_len` to `max_len` characters of the regex class `[chars]` (its first a literal)."""
    return Wire(f"[{chars}]{{{min_len},{max_len}}}", chars[0] * max_len)


def number(digits: int) -> Wire:
    """A positive integer of at most `digits` digits (Telegram ids and row ids)."""
    return Wire(f"[1-9][0-9]{{0,{digits - 1}}}", int("9" * digits), load=int)


def choice(*words: str) -> Wire:
    """One of a few fixed words."""
    return Wire("|".join(map(re.escape, words)), max(words, key=len))


def flag(yes: str, no: str) -> Wire:
    """A bool, written as one of two words."""
    return Wire(
        f"{re.escape(yes)}|{re.escape(no)}",
        len(yes) >= len(no),
        load=lambda word: word == yes,
        dump=lambda value: yes if value else no,
    )


Word = Annotated[str, text("a-z0-9_", 1, 12)]
"""A short id: a topic key, a quiz question or answer id, a sign group key."""
Nonce = Annotated[str, text("a-z0-9", 4, 12)]
"""A quiz's random nonce (`bot.quiz_flow.new_nonce`)."""
Id = Annotated[int, number(18)]
"""A row id or a Telegram user id."""

# Answers to a check-in message. "hurting" is the answer of the three-button check-ins sent
# before "About the same" and "Worse" existed: still parsed, and treated as "About the same".
CHECKIN_BETTER = "better"
CHECKIN_SAME = "same"
CHECKIN_WORSE = "worse"
CHECKIN_LATER = "later"
CHECKIN_HURTING = "hurting"
CHECKIN_ANSWERS = (CHECKIN_BETTER, CHECKIN_SAME, CHECKIN_WORSE, CHECKIN_LATER, CHECKIN_HURTING)
RECHECK_NONE = "none"

# -- the actions ----------------------------------------------------------------------------


class Action:
    """What a button does when pressed. Each kind is a frozen dataclass declared with
    `@action(kind)`: its fields, in order, are its callback data after the kind."""

    __slots__ = ()
    kind: ClassVar[str]
    """One letter, unique: the second character of the callback data."""
    tag: ClassVar[str | None]
    """A fixed word in place of fields (``1q:start``), for actions that have none."""
    wire: ClassVar[tuple[tuple[str, Wire], ...]]
    """(field name, its format), in the order they are written."""
    regex: ClassVar[re.Pattern[str]]


ActionT = TypeVar("ActionT", bound=Action)
_ACTIONS: dict[str, type[Action]] = {}
ACTIONS: Mapping[str, type[Action]] = MappingProxyType(_ACTIONS)
"""Every action by its kind letter."""


def _format_of(hint: object, name: str) -> Wire:
    formats = [m for m in getattr(hint, "__metadata__", ()) if isinstance(m, Wire)]
    if len(formats) != 1:
        raise TypeError(f"field {name!r} needs one wire format, e.g. `{name}: Word`")
    return formats[0]


@dataclass_transform(frozen_default=True)
def action(kind: str, *, tag: str | None = None) -> Callable[[type[ActionT]], type[ActionT]]:
    """Declare a button action: a frozen dataclass whose callback data is derived from it."""

    def declare(cls: type[ActionT]) -> type[ActionT]:
        made = dataclass(frozen=True, slots=True)(cls)
        hints = get_type_hints(made, include_extras=True)
        wire = tuple(
            (f.name, _format_of(hints[f.name], f.name)) for f in dataclasses.fields(cast(Any, made))
        )
        if not re.fullmatch("[a-z]", kind) or kind in _ACTIONS:
            raise ValueError(f"{cls.__name__}: the kind {kind!r} must be one new letter")
        if (tag is None) == (not wire):
            raise ValueError(f"{cls.__name__}: an action has either fields or a tag")
        body = re.escape(tag) if tag is not None else ":".join(f"({f.pattern})" for _, f in wire)
        made.kind, made.tag, made.wire = kind, tag, wire
        made.regex = re.compile(f"{re.escape(VERSION + kind)}:{body}")
        _ACTIONS[kind] = made
        longest = len(encode_callback(longest_action(made)).encode())
        if longest > MAX_CALLBACK_BYTES:
            raise ValueError(f"{cls.__name__}: callback data up to {longest} bytes, over 64")
        return made

    return declare


def longest_action(kind: type[ActionT]) -> ActionT:
    """The action `kind` with the longest legal value in every field."""
    return kind(*(f.longest for _, f in kind.wire))


def callback_prefix(kind: type[Action]) -> str:
    """What the callback data of every `kind` button starts with, e.g. ``"1t:"``."""
    return f"{VERSION}{kind.kind}:"


def parse_callback(data: object) -> Action | None:
    """Decode callback data from a button press; None when it is unknown, stale or forged."""
    if not isinstance(data, str) or len(data) < 2 or data[0] != VERSION:
        return None
    # "surrogatepass": data from outside may hold a lone surrogate, which strict UTF-8 cannot
    # encode; such data never matches a pattern, and measuring it must not raise.
    if len(data.encode("utf-8", "surrogatepass")) > MAX_CALLBACK_BYTES:
        return None
    kind = _ACTIONS.get(data[1])
    match = kind.regex.fullmatch(data) if kind is not None else None
    if kind is None or match is None:
        return None
    return kind(*(f.load(text) for (_, f), text in zip(kind.wire, match.groups(), strict=True)))


def encode_callback(pressed: Action) -> str:
    """The callback data for an action; the inverse of `parse_callback`."""
    kind = type(pressed)
    if kind.tag is not None:
        body = kind.tag
    else:
        body = ":".join(f.dump(getattr(pressed, name)) for name, f in kind.wire)
    data = f"{callback_prefix(kind)}{body}"
    if parse_callback(data) != pressed:
        raise ValueError(f"cannot encode {pressed!r} as valid callback data")
    return data


@action("t")
class ShowTopic(Action):
    topic: Word


@action("q", tag="start")
class StartQuiz(Action):
    pass


@action("m", tag="menu")
class ShowMenu(Action):
    pass


@action("a")
class QuizAnswer(Action):
    nonce: Nonce
    question: Word
    answer: Word


@action("b")
class QuizBack(Action):
    nonce: Nonce


@action("x")
class QuizCancel(Action):
    nonce: Nonce


@action("c")
class AcceptCheckin(Action):
    outcome_id: Id


@action("n")
class DeclineCheckin(Action):
    outcome_id: Id


@action("f")
class CheckinAnswer(Action):
    followup_id: Id
    answer: Annotated[str, choice(*CHECKIN_ANSWERS)]


@action("k")
class CancelFollowup(Action):
    followup_id: Id


@action("w")
class FreeTextCheck(Action):
    """An answer on the "Do any of these apply right now?" screen after a typed message.

    `answer` is a warning-sign id, "none" or "unsure"; `code` is the reading's findings as
    `knowledge.freetext.encode_findings` writes them (finding ids only, never the user's text).
    """

    answer: Annotated[str, text("a-z_", 1, 24)]
    code: Annotated[str, text("0-9a-z", 1, 24)]


@action("r")
class RecheckAnswer(Action):
    """A tap on the check-in's warning-sign re-check: a sign group's key, or "none"."""

    followup_id: Id
    sign: Word


@action("s")
class ShowSummary(Action):
    """ "Summary for my doctor" under a quiz outcome (a stored outcome id)."""

    outcome_id: Id


@action("e")
class ForgetAnswer(Action):
    """An answer to "Erase everything I keep about you?": for that user only."""

    user_id: Id
    erase: Annotated[bool, flag("erase", "keep")]


@action("l")
class ChooseLanguage(Action):
    """A language picked in /language (a code of `knowledge.i18n.LANGUAGES`)."""

    language: Annotated[str, text("a-z", 2, 3)]


@action("g")
class ChooseCountry(Action):
    """A country picked in /language, for its emergency number; `NO_COUNTRY` for none."""

    country: Annotated[str, text("a-z", 2, 2)]


NO_COUNTRY = "zz"
"""ChooseCountry's value for "Somewhere else" (ISO 3166 keeps ZZ for unknown regions)."""


@lru_cache(maxsize=4096)
def _button(label: str, action: Action, lang: str = DEFAULT_LANGUAGE) -> InlineKeyboardButton:
    """One callback button, its English `label` shown in `lang`; made once per (label, action,
    language) and then reused (bounded). Every label is translated here, nowhere else."""
    return PreserializedButton(translate(lang, label), callback_data=encode_callback(action))


def _rows(
    buttons: Sequence[InlineKeyboardButton], per_row: int
) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


def menu_keyboard(
    topics: Iterable[tuple[str, str]], lang: str = DEFAULT_LANGUAGE
) -> InlineKeyboardMarkup:
    """The /start menu: the warning signs first and alone, the quiz, then the topics two a row.

    `topics` are (topic key, label); the warning-signs topic gets its own first row.
    """
    buttons = [
        _button(label, ShowTopic(key), lang) for key, label in topics if key != WARNING_TOPIC
    ]
    rows = [
        [_button(BUTTON_WARNING_SIGNS_LONG, ShowTopic(WARNING_TOPIC), lang)],
        [_button(BUTTON_QUIZ, StartQuiz(), lang)],
        *_rows(buttons, 2),
    ]
    return InlineKeyboardMarkup(rows)


def onward_rows(
    *,
    warning_signs: bool = True,
    quiz: bool = True,
    menu: bool = True,
    lang: str = DEFAULT_LANGUAGE,
) -> list[list[InlineKeyboardButton]]:
    """The way onward from any screen: warning signs, the quiz, the menu (as rows)."""
    first = []
    if warning_signs:
        first.append(_button(BUTTON_WARNING_SIGNS, ShowTopic(WARNING_TOPIC), lang))
    if quiz:
        first.append(_button(BUTTON_QUIZ, StartQuiz(), lang))
    rows = [first] if first else []
    if menu:
        rows.append([_button(BUTTON_MENU, ShowMenu(), lang)])
    return rows


def onward_keyboard(
    *,
    warning_signs: bool = True,
    quiz: bool = True,
    menu: bool = True,
    lang: str = DEFAULT_LANGUAGE,
) -> InlineKeyboardMarkup:
    """Buttons for a reply that ends a flow, so it is never a dead end."""
    return InlineKeyboardMarkup(
        onward_rows(warning_signs=warning_signs, quiz=quiz, menu=menu, lang=lang)
    )


def topic_keyboard(
    topic_key: str, related: Iterable[tuple[str, str]], lang: str = DEFAULT_LANGUAGE
) -> InlineKeyboardMarkup:
    """Under a topic page: warning signs and the quiz, related topics two a row, the menu."""
    onward = onward_rows(warning_signs=topic_key != WARNING_TOPIC, menu=False, lang=lang)
    buttons = [_button(label, ShowTopic(key), lang) for key, label in related if key != topic_key]
    return InlineKeyboardMarkup(
        [*onward, *_rows(buttons, 2), [_button(BUTTON_MENU, ShowMenu(), lang)]]
    )


def quiz_keyboard(
    nonce: str,
    question: str,
    answers: Sequence[tuple[str, str]],
    *,
    can_go_back: bool,
    lang: str = DEFAULT_LANGUAGE,
) -> InlineKeyboardMarkup:
    """Answer buttons for one quiz question, then Back (when possible) and Cancel."""
    per_row = 2 if all(len(label) <= 14 for _, label in answers) else 1
    rows = _rows(
        [_button(label, QuizAnswer(nonce, question, aid), lang) for aid, label in answers], per_row
    )
    nav = []
    if can_go_back:
        nav.append(_button(BUTTON_BACK, QuizBack(nonce), lang))
    nav.append(_button(BUTTON_CANCEL, QuizCancel(nonce), lang))
    rows.append(nav)
    return InlineKeyboardMarkup(rows)


def offer_checkin_keyboard(outcome_id: int, lang: str = DEFAULT_LANGUAGE) -> InlineKeyboardMarkup:
    """Below a quiz outcome: ask whether the user wants a check-in in two days."""
    return InlineKeyboardMarkup(
        [
            [_button(BUTTON_CHECKIN_YES, AcceptCheckin(outcome_id), lang)],
            [_button(BUTTON_CHECKIN_NO, DeclineCheckin(outcome_id), lang)],
        ]
    )


def checkin_keyboard(followup_id: int, lang: str = DEFAULT_LANGUAGE) -> InlineKeyboardMarkup:
    """The answers to a check-in message: Better / About the same / Worse / Remind me later."""
    return InlineKeyboardMarkup(
        [
            [
                _button(
                    ANSWER_LABELS[CHECKIN_BETTER], CheckinAnswer(followup_id, CHECKIN_BETTER), lang
                ),
                _button(
                    ANSWER_LABELS[CHECKIN_SAME], CheckinAnswer(followup_id, CHECKIN_SAME), lang
                ),
            ],
            [
                _button(
                    ANSWER_LABELS[CHECKIN_WORSE], CheckinAnswer(followup_id, CHECKIN_WORSE), lang
                ),
                _button(
                    ANSWER_LABELS[CHECKIN_LATER], CheckinAnswer(followup_id, CHECKIN_LATER), lang
                ),
            ],
        ]
    )


def recheck_keyboard(
    followup_id: int,
    signs: Iterable[tuple[str, str]],
    none_label: str,
    lang: str = DEFAULT_LANGUAGE,
) -> InlineKeyboardMarkup:
    """The check-in's one-tap warning-sign re-check: one button per (sign key, label), most
    serious first, then "None of these"."""
    rows = [[_button(label, RecheckAnswer(followup_id, key), lang)] for key, label in signs]
    rows.append([_button(none_label, RecheckAnswer(followup_id, RECHECK_NONE), lang)])
    return InlineKeyboardMarkup(rows)


def advice_keyboard(topic: tuple[str, str], lang: str = DEFAULT_LANGUAGE) -> InlineKeyboardMarkup:
    """Under the check-in's closing advice: one topic, the warning signs, the menu."""
    key, label = topic
    return InlineKeyboardMarkup(
        [
            [
                _button(label, ShowTopic(key), lang),
                _button(BUTTON_WARNING_SIGNS, ShowTopic(WARNING_TOPIC), lang),
            ],
            [_button(BUTTON_MENU, ShowMenu(), lang)],
        ]
    )


def cancel_followup_keyboard(
    followup_id: int, lang: str = DEFAULT_LANGUAGE
) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(BUTTON_CANCEL_CHECKIN, CancelFollowup(followup_id), lang)]]
    )


NHS_111_URL = "https://111.nhs.uk/"
_NHS_111_BUTTON = PreserializedButton(BUTTON_NHS_111, url=NHS_111_URL)


def outcome_keyboard(
    topics: Sequence[tuple[str, str]],
    *,
    checkin_offer_id: int | None = None,
    nhs_111: bool = False,
    lang: str = DEFAULT_LANGUAGE,
) -> InlineKeyboardMarkup | None:
    """Below an outcome: NHS 111 online (urgent), topic buttons, and the check-in offer.

    `topics` are (topic key, label) pairs, two per row. None when there is nothing to show.
    """
    rows: list[list[InlineKeyboardButton]] = []
    if nhs_111 and lang == DEFAULT_LANGUAGE:  # a UK service, named in English
        rows.append([_NHS_111_BUTTON])
    rows += _rows([_button(label, ShowTopic(key), lang) for key, label in topics], 2)
    if checkin_offer_id is not None:
        offer = offer_checkin_keyboard(checkin_offer_id, lang)
        rows += [list(row) for row in offer.inline_keyboard]
    return InlineKeyboardMarkup(rows) if rows else None


def freetext_keyboard(
    topics: Sequence[tuple[str, str]] = (),
    *,
    signs_and_menu: bool = False,
    lang: str = DEFAULT_LANGUAGE,
) -> InlineKeyboardMarkup:
    """Below a reply to a typed message: the quiz first, then topic buttons (two per row), and
    with `signs_and_menu` the warning signs (/doctor) and the menu of topics."""
    rows: list[list[InlineKeyboardButton]] = [[_button(BUTTON_QUIZ, StartQuiz(), lang)]]
    rows += _rows([_button(label, ShowTopic(key), lang) for key, label in topics], 2)
    if signs_and_menu:
        rows.append(
            [
                _button(BUTTON_WARNING_SIGNS, ShowTopic(WARNING_TOPIC), lang),
                _button(BUTTON_MENU, ShowMenu(), lang),
            ]
        )
    return InlineKeyboardMarkup(rows)


def with_warning_signs(
    markup: InlineKeyboardMarkup | None, lang: str = DEFAULT_LANGUAGE
) -> InlineKeyboardMarkup:
    """`markup` with a "Warning signs" button (/doctor) last, unless it already leads there."""
    rows = [list(row) for row in markup.inline_keyboard] if markup is not None else []
    signs = _button(BUTTON_WARNING_SIGNS, ShowTopic(WARNING_TOPIC), lang)
    if any(b.callback_data == signs.callback_data for row in rows for b in row):
        return InlineKeyboardMarkup(rows)
    return InlineKeyboardMarkup([*rows, [signs]])


def forget_keyboard(user_id: int, lang: str = DEFAULT_LANGUAGE) -> InlineKeyboardMarkup:
    """Erase or keep, under the /forget question."""
    return InlineKeyboardMarkup(
        [
            [
                _button(BUTTON_ERASE, ForgetAnswer(user_id, True), lang),
                _button(BUTTON_KEEP, ForgetAnswer(user_id, False), lang),
            ]
        ]
    )


def check_keyboard(
    options: Sequence[tuple[str, str]], code: str, lang: str = DEFAULT_LANGUAGE
) -> InlineKeyboardMarkup:
    """One button per (answer, label) on the "Do any of these apply right now?" screen."""
    return InlineKeyboardMarkup(
        [[_button(label, FreeTextCheck(answer, code), lang)] for answer, label in options]
    )


def summary_row(
    outcome_id: int, label: str, lang: str = DEFAULT_LANGUAGE
) -> list[InlineKeyboardButton]:
    """The "Summary for my doctor" button, as a row to put under a quiz outcome."""
    return [_button(label, ShowSummary(outcome_id), lang)]


def with_summary_button(
    markup: InlineKeyboardMarkup | None,
    outcome_id: int,
    label: str,
    lang: str = DEFAULT_LANGUAGE,
) -> InlineKeyboardMarkup:
    """`markup` (an outcome's buttons, or none) with the summary button added first."""
    rows = [list(row) for row in markup.inline_keyboard] if markup is not None else []
    return InlineKeyboardMarkup([summary_row(outcome_id, label, lang), *rows])


def language_keyboard(languages: Iterable[tuple[str, str]]) -> InlineKeyboardMarkup:
    """One button per (code, name in its own language), two a row, for /language."""
    buttons = [_button(name, ChooseLanguage(code)) for code, name in languages]
    return InlineKeyboardMarkup(_rows(buttons, 2))


def country_keyboard(
    countries: Iterable[tuple[str, str]], lang: str = DEFAULT_LANGUAGE
) -> InlineKeyboardMarkup:
    """One button per (ISO code, name in `lang`), two a row, then "Somewhere else"."""
    buttons = [_button(name, ChooseCountry(code.lower()), lang) for code, name in countries]
    other = _button(BUTTON_OTHER_COUNTRY, ChooseCountry(NO_COUNTRY), lang)
    return InlineKeyboardMarkup([*_rows(buttons, 2), [other]])
