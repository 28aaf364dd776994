"""Keyboards: the reused, pre-serialised buttons send exactly what PTB's own buttons send;
the callback data declared once per action: parsed back, versioned, under 64 bytes."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.keyboards import (
    ACTIONS,
    CHECKIN_BETTER,
    CHECKIN_HURTING,
    MAX_CALLBACK_BYTES,
    NHS_111_URL,
    NO_COUNTRY,
    RECHECK_NONE,
    AcceptCheckin,
    Action,
    CancelFollowup,
    CheckinAnswer,
    ChooseCountry,
    ChooseLanguage,
    DeclineCheckin,
    ForgetAnswer,
    FreeTextCheck,
    QuizAnswer,
    QuizBack,
    QuizCancel,
    RecheckAnswer,
    ShowMenu,
    ShowSummary,
    ShowTopic,
    StartQuiz,
    callback_prefix,
    encode_callback,
    longest_action,
    menu_keyboard,
    outcome_keyboard,
    parse_callback,
    quiz_keyboard,
)


def plain(markup: InlineKeyboardMarkup) -> InlineKeyboardMarkup:
    """The same keyboard built from PTB's own InlineKeyboardButton."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.text, callback_data=b.callback_data, url=b.url) for b in row]
            for row in markup.inline_keyboard
        ]
    )


def test_buttons_serialise_like_ptbs_own() -> None:
    markups = [
        menu_keyboard([("cyst", "Baker's cyst"), ("cramps", "Cramps")]),
        outcome_keyboard([("cyst", "Baker's cyst")], checkin_offer_id=7, nhs_111=True),
        quiz_keyboard("abcd", "where", [("back", "Behind the knee")], can_go_back=True),
    ]
    for markup in markups:
        assert markup is not None
        assert markup.to_dict() == plain(markup).to_dict()
        assert markup == plain(markup)  # equal as PTB objects too
    urls = [b.url for row in markups[1].inline_keyboard for b in row if b.url]  # type: ignore[union-attr]
    assert urls == [NHS_111_URL]


def test_each_send_gets_its_own_dict() -> None:
    markup = menu_keyboard([("cyst", "Baker's cyst")])
    first = markup.to_dict()
    first["inline_keyboard"][0][0]["text"] = "changed"
    assert markup.to_dict()["inline_keyboard"][0][0]["text"] != "changed"


def test_a_button_is_made_once_per_label_and_action() -> None:
    one = menu_keyboard([("cyst", "Baker's cyst")]).inline_keyboard[2][0]
    two = menu_keyboard([("cyst", "Baker's cyst")]).inline_keyboard[2][0]
    assert one is two and one.callback_data == encode_callback(ShowTopic("cyst"))
    answer = quiz_keyboard("abcd", "q1", [("y", "Yes")], can_go_back=False).inline_keyboard[0][0]
    assert answer.callback_data == encode_callback(QuizAnswer("abcd", "q1", "y"))


# -- callback data: one declaration per action ------------------------------------------------

# The wire format of buttons already sent to chats: it must keep parsing to the same actions.
SENT_BEFORE = {
    "1t:cyst": ShowTopic("cyst"),
    "1q:start": StartQuiz(),
    "1m:menu": ShowMenu(),
    "1a:k3x9q0ab:where:back": QuizAnswer("k3x9q0ab", "where", "back"),
    "1b:k3x9q0ab": QuizBack("k3x9q0ab"),
    "1x:k3x9q0ab": QuizCancel("k3x9q0ab"),
    "1c:12": AcceptCheckin(12),
    "1n:12": DeclineCheckin(12),
    "1f:7:hurting": CheckinAnswer(7, CHECKIN_HURTING),
    "1f:7:better": CheckinAnswer(7, CHECKIN_BETTER),
    "1k:7": CancelFollowup(7),
    "1w:calf_swollen:3f0a": FreeTextCheck("calf_swollen", "3f0a"),
    "1r:7:none": RecheckAnswer(7, RECHECK_NONE),
    "1s:99": ShowSummary(99),
    "1e:5151:erase": ForgetAnswer(5151, True),
    "1e:5151:keep": ForgetAnswer(5151, False),
    "1l:es": ChooseLanguage("es"),
    "1g:ar": ChooseCountry("ar"),
    "1g:zz": ChooseCountry(NO_COUNTRY),
}


def test_every_kind_is_declared_once_and_the_sent_format_still_parses() -> None:
    assert len(ACTIONS) == 16 and len({c.kind for c in ACTIONS.values()}) == 16
    assert {type(a) for a in SENT_BEFORE.values()} == set(ACTIONS.values())
    for data, pressed in SENT_BEFORE.items():
        assert parse_callback(data) == pressed
        assert encode_callback(pressed) == data
        assert data.startswith(callback_prefix(type(pressed)))


@pytest.mark.parametrize("kind", list(ACTIONS.values()), ids=lambda k: k.__name__)
def test_the_longest_values_of_every_action_fit_in_64_bytes(kind: type[Action]) -> None:
    longest = longest_action(kind)
    data = encode_callback(longest)
    assert len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES
    assert parse_callback(data) == longest
    # ... and they are the longest: one more character in any field does not parse.
    for name, wire in kind.wire:
        value = getattr(longest, name)
        if isinstance(value, bool):
            continue
        longer = value * 10 + 9 if isinstance(value, int) else value + value[0]
        with pytest.raises(ValueError, match="cannot encode"):
            encode_callback(dataclasses.replace(longest, **{name: longer}))
        assert wire.longest == value


@given(st.sampled_from(list(SENT_BEFORE)), st.integers(0, 40), st.characters())
def test_garbled_data_never_parses_to_something_else(data: str, at: int, char: str) -> None:
    """A character replaced, dropped or added: None, or an action that encodes back to it."""
    for garbled in (data[:at] + char + data[at + 1 :], data[:at] + data[at + 1 :], data + char):
        pressed = parse_callback(garbled)
        assert pressed is None or encode_callback(pressed) == garbled


@pytest.mark.parametrize(
    "data",
    [
        "",
        "1",
        "1t",
        "1t:",
        "0t:cyst",  # an old version
        "2t:cyst",  # a newer one
        "1T:cyst",
        "1z:cyst",  # no such kind
        "1t:Cyst",
        "1t:cyst:extra",
        "1q:stop",
        "1a:k3x:where:back",  # nonce too short
        "1c:0",
        "1c:-5",
        "1c:0012",
        "1c:1234567890123456789",  # 19 digits
        "1f:7:tired",
        "1e:5151:yes",
        "1w:" + "a" * 30 + ":00",
        "1t:" + "a" * 70,
        "1t:\ud800",
        "1t:cyst\n",
    ],
)
def test_forged_or_old_data_parses_to_none(data: str) -> None:
    assert parse_callback(data) is None


def test_parse_takes_anything() -> None:
    for junk in (None, 42, b"1t:cyst", ["1t:cyst"]):
        assert parse_callback(junk) is None


def test_an_action_that_cannot_be_sent_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot encode"):
        encode_callback(ShowTopic("Not a key"))
    with pytest.raises(ValueError, match="cannot encode"):
        encode_callback(AcceptCheckin(0))
