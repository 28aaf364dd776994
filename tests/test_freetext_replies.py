"""The plain functions that choose the reply to a typed message (no server needed)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram import Chat, Message, MessageEntity, User

from bot.handlers.freetext import (
    CHECK_NONE,
    CHECK_UNSURE,
    DEFAULT_CHECK,
    addressed_to_bot,
    answer_check,
    check_signs,
    reply_for,
)
from bot.keyboards import (
    MAX_CALLBACK_BYTES,
    FreeTextCheck,
    ShowMenu,
    encode_callback,
    parse_callback,
)
from bot.outcomes import outcome_screen
from knowledge.findings import FINDINGS, WARNING_SIGNS, unsure
from knowledge.freetext import SIGN_LABELS, decode_findings, encode_findings, interpret
from knowledge.texts import (
    FREE_TEXT_CHECK,
    FREE_TEXT_MISREAD,
    FREE_TEXT_NAMED,
    FREE_TEXT_NOTHING,
    FREE_TEXT_OTHER_LANGUAGE,
)
from knowledge.triage import assess
from tests.fakebot import parse_html

ALL_IDS = sorted(FINDINGS) + sorted(unsure(s) for s in WARNING_SIGNS)


def button_data(screen: object) -> list[tuple[str, str]]:
    keyboard = getattr(screen, "keyboard", None)
    if keyboard is None:
        return []
    return [
        (b.text, b.callback_data)
        for row in keyboard.inline_keyboard
        for b in row
        if isinstance(b.callback_data, str)
    ]


def test_a_warning_sign_gets_the_outcome_screen_then_the_misread_note() -> None:
    reading = interpret("my foot went white and cold")
    screens = reply_for(reading)
    assert len(screens) == 2
    assert screens[0] == outcome_screen(assess(reading.findings), checkin_offer_id=None)
    assert screens[1].text == FREE_TEXT_MISREAD
    assert [label for label, _ in button_data(screens[1])] == ["🩺 Take the quiz"]


def test_a_doubt_gets_the_check_screen_with_the_signs_most_serious_first() -> None:
    reading = interpret("maybe my calf is swollen? and i can barely walk, not sure")
    (screen,) = reply_for(reading)
    assert screen.text == FREE_TEXT_CHECK
    labels = [label for label, _ in button_data(screen)]
    assert labels[:2] == [SIGN_LABELS["calf_swollen"], SIGN_LABELS["cant_bear_weight"]]
    assert labels[-2:] == ["None of these", "I'm not sure"]


def test_asking_about_a_and_e_asks_about_the_main_signs() -> None:
    reading = interpret("should i go to A&E, my knee hurts")
    (screen,) = reply_for(reading)
    assert screen.text == FREE_TEXT_CHECK
    signs = [parse_callback(data) for _, data in button_data(screen)]
    answers = [a.answer for a in signs if isinstance(a, FreeTextCheck)]
    assert answers == [*DEFAULT_CHECK, CHECK_NONE, CHECK_UNSURE]


def test_symptoms_without_warning_signs_sound_like_topics() -> None:
    (screen,) = reply_for(interpret("i get calf cramps at night"))
    assert screen.text.startswith("It sounds like")
    assert "Leg cramps" in screen.text
    labels = [label for label, _ in button_data(screen)]
    assert labels[0] == "🩺 Take the quiz" and "Leg cramps" in labels
    parse_html(screen.text)  # well-formed Telegram HTML


def test_a_gp_soon_reading_says_when_to_book() -> None:
    reading = interpret("there's a squishy lump behind my knee, doesnt hurt")
    assert reading.tier == "gp_soon"
    (screen,) = reply_for(reading)
    assert "GP" in screen.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hi", FREE_TEXT_NOTHING),
        ("thanks!", FREE_TEXT_NOTHING),
        ("me duele la rodilla desde ayer", FREE_TEXT_OTHER_LANGUAGE),
        ("what is a bakers cyst?", FREE_TEXT_NAMED),
    ],
)
def test_no_symptom_replies(text: str, expected: str) -> None:
    (screen,) = reply_for(interpret(text))
    assert screen.text == expected
    labels = [label for label, _ in button_data(screen)]
    assert labels[0] == "🩺 Take the quiz"
    assert "🚨 Warning signs" in labels and "🏠 Menu" in labels


def test_check_answers_go_through_the_rules_again() -> None:
    reading = interpret("maybe a bit of swelling in my calf, hard to tell")
    code = encode_findings(reading.findings)
    definite = frozenset(f for f in reading.findings if not f.startswith("unsure:"))
    yes = answer_check(FreeTextCheck("calf_swollen", code))
    none = answer_check(FreeTextCheck(CHECK_NONE, code))
    doubt = answer_check(FreeTextCheck(CHECK_UNSURE, code))
    assert yes == outcome_screen(assess(definite | {"calf_swollen"}), checkin_offer_id=None)
    assert none == outcome_screen(assess(definite), checkin_offer_id=None)
    assert doubt == outcome_screen(assess(reading.findings), checkin_offer_id=None)
    assert answer_check(FreeTextCheck("breathless", code)) is None  # not offered
    assert answer_check(FreeTextCheck(CHECK_NONE, "zz0")) is None  # stale code


def test_check_signs_fall_back_to_the_main_ones() -> None:
    assert check_signs(frozenset()) == DEFAULT_CHECK
    many = frozenset(unsure(s) for s in WARNING_SIGNS)
    assert len(check_signs(many)) == 5
    assert check_signs(many)[0] == "breathless"


@given(st.sets(st.sampled_from(ALL_IDS)))
def test_findings_codes_round_trip_and_fit_a_button(findings: set[str]) -> None:
    code = encode_findings(findings)
    assert decode_findings(code) == frozenset(findings)
    for answer in ["calf_pain_one_leg", "knee_hot_red_swollen", CHECK_NONE, CHECK_UNSURE]:
        data = encode_callback(FreeTextCheck(answer, code))
        assert len(data.encode()) <= MAX_CALLBACK_BYTES
        assert parse_callback(data) == FreeTextCheck(answer, code)


@given(st.text(max_size=30))
def test_forged_codes_never_decode_to_garbage(code: str) -> None:
    decoded = decode_findings(code)
    assert decoded is None or decoded <= frozenset(ALL_IDS)


def test_menu_button_round_trips() -> None:
    assert parse_callback(encode_callback(ShowMenu())) == ShowMenu()


def test_every_warning_sign_has_a_short_label() -> None:
    assert set(SIGN_LABELS) == set(WARNING_SIGNS)
    assert all(len(label) <= 30 for label in SIGN_LABELS.values())


BOT = User(111, "Knee tips", is_bot=True, username="knee_tips_bot")
PERSON = User(7, "Sam", is_bot=False)
GROUP = Chat(-100123, "supergroup")
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def group_message(text: str, **kwargs: object) -> Message:
    return Message(1, NOW, GROUP, from_user=PERSON, text=text, **kwargs)  # type: ignore[arg-type]


def test_a_group_message_is_addressed_by_mention_or_reply_only() -> None:
    mention = MessageEntity(MessageEntity.MENTION, 0, 14)
    assert addressed_to_bot(
        group_message("@knee_tips_bot hi", entities=[mention]), 111, "knee_tips_bot"
    )
    other = MessageEntity(MessageEntity.MENTION, 0, 6)
    assert not addressed_to_bot(group_message("@alice hi", entities=[other]), 111, "knee_tips_bot")
    assert not addressed_to_bot(group_message("knee_tips_bot is great"), 111, "knee_tips_bot")
    ours = Message(5, NOW, GROUP, from_user=BOT, text="It sounds like")
    assert addressed_to_bot(group_message("thanks", reply_to_message=ours), 111, "knee_tips_bot")
    theirs = Message(6, NOW, GROUP, from_user=PERSON, text="hmm")
    assert not addressed_to_bot(group_message("yes", reply_to_message=theirs), 111, "x_bot")
