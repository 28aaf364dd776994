"""The plain functions that choose the reply to a typed message (no server needed)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import Chat, Message, MessageEntity, User

from bot.freetext_flow import (
    CHECK_NONE,
    CHECK_UNSURE,
    DEFAULT_CHECK,
    MAX_CHECK_SIGNS,
    answer_check,
    check_signs,
    nothing_recognised,
    reply_for,
    with_safety_net,
)
from bot.handlers.freetext import addressed_to_bot
from bot.keyboards import (
    MAX_CALLBACK_BYTES,
    FreeTextCheck,
    ShowMenu,
    ShowTopic,
    encode_callback,
    parse_callback,
)
from bot.outcomes import Screen, outcome_screen
from knowledge.findings import FINDINGS, WARNING_SIGNS, unsure
from knowledge.freetext import decode_findings, encode_findings, interpret
from knowledge.i18n import LANGUAGES, translate
from knowledge.texts import (
    EMERGENCY_NUMBERS,
    FREE_TEXT_CHECK,
    FREE_TEXT_MISREAD,
    FREE_TEXT_NAMED,
    FREE_TEXT_NOTHING,
    FREE_TEXT_OTHER_LANGUAGE,
    SAFETY_NET,
)
from knowledge.topics import WARNING_TOPIC
from knowledge.triage import assess
from knowledge.warning_signs import SIGN_LABELS, SIGNS
from tests.fakebot import parse_html
from tests.freetext_corpus import CASES

ALL_IDS = sorted(FINDINGS) + sorted(unsure(s) for s in WARNING_SIGNS)
SIGNS_DATA = encode_callback(ShowTopic(WARNING_TOPIC))


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


NETS = [translate(code, line) for code in LANGUAGES for line in (SAFETY_NET, EMERGENCY_NUMBERS)]
"""The safety-net line in every language (a message is answered in the language it is in)."""


def netted(screen: Screen) -> bool:
    """The safety net: the emergency numbers line and a button to the warning signs."""
    has_button = SIGNS_DATA in [data for _, data in button_data(screen)]
    return has_button and any(net in screen.text for net in NETS)


def is_emergency_outcome(screen: Screen) -> bool:
    first_line = screen.text.split("\n", 1)[0]
    return screen.keyboard is None and any(n in first_line for n in ("999", "112", "103", "192"))


def test_a_warning_sign_gets_the_outcome_screen_then_the_misread_note() -> None:
    reading = interpret("my foot went white and cold")
    screens = reply_for(reading)
    assert len(screens) == 2
    assert screens[0] == outcome_screen(assess(reading.findings), checkin_offer_id=None)
    assert screens[1].text.startswith(FREE_TEXT_MISREAD)
    assert SAFETY_NET in screens[1].text
    labels = [label for label, _ in button_data(screens[1])]
    assert labels == ["🩺 Take the quiz", "🚨 Warning signs"]


def test_an_urgent_reading_keeps_its_buttons_and_gets_the_999_line() -> None:
    reading = interpret("my calf is swollen and red")
    first, second = reply_for(reading)
    plain = outcome_screen(assess(reading.findings), checkin_offer_id=None)
    assert first.keyboard == plain.keyboard  # already leads to the warning signs (/doctor)
    assert SAFETY_NET in first.text and first.text.endswith(plain.text.rsplit("\n", 1)[-1])
    assert netted(first) and netted(second)


def test_a_doubt_gets_the_check_screen_with_the_signs_most_serious_first() -> None:
    reading = interpret("maybe my calf is swollen? and i can barely walk, not sure")
    (screen,) = reply_for(reading)
    assert screen.text.startswith(FREE_TEXT_CHECK)
    labels = [label for label, _ in button_data(screen)]
    assert labels[:2] == [SIGN_LABELS["calf_swollen"], SIGN_LABELS["cant_bear_weight"]]
    assert labels[-3:] == ["None of these", "I'm not sure", "🚨 Warning signs"]
    assert netted(screen)


def test_asking_about_a_and_e_asks_about_the_main_signs() -> None:
    reading = interpret("should i go to A&E, my knee hurts")
    (screen,) = reply_for(reading)
    assert screen.text.startswith(FREE_TEXT_CHECK)
    signs = [parse_callback(data) for _, data in button_data(screen)]
    answers = [a.answer for a in signs if isinstance(a, FreeTextCheck)]
    assert answers == [*DEFAULT_CHECK, CHECK_NONE, CHECK_UNSURE]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.text[:40])
def test_every_corpus_reply_carries_the_safety_net(case: object) -> None:
    """Every reply, whatever the tier or kind, names the 999 signs and leads to the warning
    signs; the only screen without it is an emergency outcome, and a netted screen follows it."""
    screens = reply_for(interpret(case.text))  # type: ignore[attr-defined]
    assert screens
    for index, screen in enumerate(screens):
        if is_emergency_outcome(screen):
            assert index + 1 < len(screens) and netted(screens[index + 1])
        else:
            assert netted(screen), screen.text
        parse_html(screen.text)


@pytest.mark.parametrize("answer", ["calf_swollen", CHECK_NONE, CHECK_UNSURE])
def test_check_answers_carry_the_safety_net(answer: str) -> None:
    code = encode_findings(interpret("maybe a bit of swelling in my calf, hard to tell").findings)
    screen = answer_check(FreeTextCheck(answer, code))
    assert screen is not None and netted(screen)


def test_the_safety_net_goes_before_the_disclaimer_and_adds_one_button() -> None:
    plain = Screen("Some words.\n\n<i>d</i>")
    netted_once = with_safety_net(plain)
    assert netted_once.text == f"Some words.\n\n<i>d</i>\n\n{SAFETY_NET}"
    again = with_safety_net(Screen(netted_once.text, netted_once.keyboard))
    assert len(button_data(again)) == 1  # the warning-signs button is not added twice
    assert netted(nothing_recognised())


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
        ("j'ai mal au genou depuis hier", FREE_TEXT_OTHER_LANGUAGE),
        ("what is a bakers cyst?", FREE_TEXT_NAMED),
    ],
)
def test_no_symptom_replies(text: str, expected: str) -> None:
    (screen,) = reply_for(interpret(text))
    assert screen.text.startswith(expected)
    assert netted(screen)
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
    sure = definite | {"calf_swollen"}
    assert yes == with_safety_net(outcome_screen(assess(sure), checkin_offer_id=None))
    assert none == with_safety_net(outcome_screen(assess(definite), checkin_offer_id=None))
    assert doubt == with_safety_net(outcome_screen(assess(reading.findings), checkin_offer_id=None))
    assert answer_check(FreeTextCheck("breathless", code)) is None  # not offered
    assert answer_check(FreeTextCheck(CHECK_NONE, "zz0")) is None  # stale code


def test_check_signs_fall_back_to_the_main_ones() -> None:
    assert check_signs(frozenset()) == DEFAULT_CHECK
    many = frozenset(unsure(s) for s in WARNING_SIGNS)
    assert len(check_signs(many)) == 5
    assert check_signs(many)[0] == "breathless"


@given(st.sets(st.sampled_from(sorted(WARNING_SIGNS)), min_size=1))
def test_check_signs_follow_the_one_order_of_the_warning_signs(doubtful: set[str]) -> None:
    """Most serious first, in the order of `knowledge.warning_signs.SIGNS` (no other list)."""
    order = [sign.id for sign in SIGNS]
    shown = check_signs(frozenset(unsure(sign) for sign in doubtful))
    assert list(shown) == sorted(doubtful, key=order.index)[:MAX_CHECK_SIGNS]


@settings(deadline=None)  # timing belongs in bench/, not in tests
@given(st.sets(st.sampled_from(ALL_IDS)))
def test_findings_codes_round_trip_and_fit_a_button(findings: set[str]) -> None:
    code = encode_findings(findings)
    assert decode_findings(code) == frozenset(findings)
    for answer in ["calf_pain_one_leg", "knee_hot_red_swollen", CHECK_NONE, CHECK_UNSURE]:
        data = encode_callback(FreeTextCheck(answer, code))
        assert len(data.encode()) <= MAX_CALLBACK_BYTES
        assert parse_callback(data) == FreeTextCheck(answer, code)


@settings(deadline=None)
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
