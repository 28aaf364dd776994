"""Unit tests for bot.quiz_flow: the quiz session in SQLite, without Telegram."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot import quiz_flow
from bot.keyboards import (
    MAX_CALLBACK_BYTES,
    AcceptCheckin,
    DeclineCheckin,
    QuizAnswer,
    QuizBack,
    QuizCancel,
    ShowSummary,
    ShowTopic,
    onward_keyboard,
    parse_callback,
)
from bot.outcomes import outcome_screen
from bot.quiz_flow import EXPIRED, PressResult, Screen
from bot.storage import Store
from knowledge import quiz
from knowledge.outcome_render import render_outcome
from knowledge.quiz import QUESTIONS, Outcome, Question
from knowledge.quiz_render import QUIZ_CANCELLED, render_question
from knowledge.texts import BUTTON_EXPIRED, EMERGENCY_LINE
from knowledge.triage import assess

USER = 77
CHAT = 77
MSG = 5
NOW = 1_800_000_000
# No warning sign; behind the knee; a new lump: a gp_soon outcome with the cyst topic first.
LUMP_PATH = ["n", "back", "n", "gradual", "d3w2", "lump", "stiff"]


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with Store(tmp_path / "flow.sqlite3") as opened:
        yield opened


def callback_data(screen: Screen) -> list[str]:
    assert screen.keyboard is not None
    return [str(button.callback_data) for row in screen.keyboard.inline_keyboard for button in row]


def actions(screen: Screen) -> list[object]:
    return [parse_callback(data) for data in callback_data(screen)]


async def started(store: Store, nonce: str = "abcd1234") -> Screen:
    got_nonce, screen = await quiz_flow.begin(store, USER, CHAT, NOW, nonce=nonce)
    assert got_nonce == nonce
    assert await quiz_flow.attach_message(store, USER, nonce, MSG)
    return screen


async def tap(
    store: Store,
    action: quiz_flow.QuizPress,
    *,
    user: int = USER,
    chat: int = CHAT,
    message_id: int = MSG,
    shown: str | None = None,
) -> PressResult:
    return await quiz_flow.press(
        store,
        user_id=user,
        chat_id=chat,
        message_id=message_id,
        action=action,
        now=NOW + 1,
        shown_question=shown,
    )


async def answer_all(store: Store, nonce: str, answers: list[str]) -> PressResult:
    result = PressResult()
    for aid in answers:
        session = await store.get_quiz(USER)
        assert session is not None
        question = quiz.current(quiz.decode(session.state))
        assert isinstance(question, Question)
        result = await tap(store, QuizAnswer(nonce, question.id, aid))
        assert result != EXPIRED, (question.id, aid)
    return result


def test_nonces_are_short_random_and_lowercase_alphanumeric() -> None:
    nonces = {quiz_flow.new_nonce() for _ in range(200)}
    assert len(nonces) == 200
    for nonce in nonces:
        assert re.fullmatch(r"[a-z0-9]{6,8}", nonce)


def test_every_quiz_button_fits_in_64_bytes_and_round_trips() -> None:
    nonce = "z" * quiz_flow.NONCE_LENGTH
    state = quiz.answer(quiz.start(), "warn", "n")  # so Back is shown too
    for question in QUESTIONS:
        screen = quiz_flow.question_screen(nonce, state, question)
        for data in callback_data(screen):
            assert len(data.encode()) <= MAX_CALLBACK_BYTES
            assert isinstance(parse_callback(data), QuizAnswer | QuizBack | QuizCancel)
        assert QuizBack(nonce) in actions(screen)
        labels = [b.text for row in screen.keyboard.inline_keyboard for b in row]  # type: ignore[union-attr]
        assert all(len(label) <= quiz.MAX_LABEL_LEN for label in labels)


async def test_begin_stores_a_session_and_shows_the_first_question(store: Store) -> None:
    screen = await started(store)
    session = await store.get_quiz(USER)
    assert session is not None
    assert (session.chat_id, session.nonce, session.message_id, session.state) == (
        CHAT,
        "abcd1234",
        MSG,
        "",
    )
    assert screen.text == render_question(quiz.start(), QUESTIONS[0])
    # First question: the warning signs, "Not sure", "None of these" and Cancel, but no Back.
    assert actions(screen) == [
        *(QuizAnswer("abcd1234", "warn", a.id) for a in QUESTIONS[0].answers),
        QuizCancel("abcd1234"),
    ]
    assert actions(screen)[-2] == QuizAnswer("abcd1234", "warn", "n")


async def test_answers_move_on_and_back_is_offered_after_the_first(store: Store) -> None:
    await started(store)
    result = await tap(store, QuizAnswer("abcd1234", "warn", "n"))
    assert result.answer_text is None and result.screen is not None
    assert QuizBack("abcd1234") in actions(result.screen)
    assert (await store.get_quiz(USER)).state == "warn=n"  # type: ignore[union-attr]


async def test_an_ordinary_outcome_is_recorded_and_offers_a_checkin(store: Store) -> None:
    await started(store)
    result = await answer_all(store, "abcd1234", LUMP_PATH)
    assert result.outcome is not None and result.outcome.tier == "gp_soon"
    assert result.outcome.topics == ("cyst", "other", "doctor")
    assert result.outcome_id is not None and result.screen is not None
    assert result.screen.text == render_outcome(result.outcome)
    assert actions(result.screen) == [
        ShowSummary(result.outcome_id),
        *(ShowTopic(t) for t in result.outcome.topics),
        AcceptCheckin(result.outcome_id),
        DeclineCheckin(result.outcome_id),
    ]
    assert not result.alert
    assert await store.get_quiz(USER) is None
    assert await store.get_outcome(result.outcome_id) == (
        result.outcome_id,
        USER,
        "gp_soon:cyst+other+doctor",
        NOW + 1,
    )
    # The finished quiz's answers are kept with the outcome, for the summary for a doctor.
    saved = await store.outcome_answers(result.outcome_id)
    assert saved is not None and saved.answers is not None
    assert quiz.current(quiz.decode(saved.answers)) == result.outcome


async def test_an_urgent_outcome_alerts_and_offers_no_checkin(store: Store) -> None:
    await started(store)
    result = await tap(store, QuizAnswer("abcd1234", "warn", "breath"))
    assert isinstance(result.outcome, Outcome) and result.outcome.tier == "emergency"
    assert result.screen is not None and result.screen.keyboard is None
    assert result.alert and result.answer_text == EMERGENCY_LINE
    assert await store.get_quiz(USER) is None
    row = await store.get_outcome(result.outcome_id or 0)
    assert row is not None and row[2] == "emergency:clot_lung"


async def test_a_same_day_outcome_alerts_and_links_nhs_111_without_a_checkin(
    store: Store,
) -> None:
    await started(store)
    result = await tap(store, QuizAnswer("abcd1234", "warn", "locked"))
    assert result.outcome is not None and result.outcome.tier == "urgent"
    assert result.alert and result.answer_text == result.outcome.advice[0]
    assert result.screen is not None and result.screen.keyboard is not None
    buttons = [b for row in result.screen.keyboard.inline_keyboard for b in row]
    assert [b.url for b in buttons if b.url] == ["https://111.nhs.uk/"]
    assert not any(
        isinstance(parse_callback(str(b.callback_data)), AcceptCheckin | DeclineCheckin)
        for b in buttons
        if b.callback_data
    )


@pytest.mark.parametrize(
    "findings",
    [{"breathless"}, {"knee_locked"}, {"lump_behind"}, {"cramps_come_go", "where_calf"}],
)
def test_outcome_screen_offers_a_checkin_only_when_care_can_wait(findings: set[str]) -> None:
    outcome = assess(findings)
    screen = outcome_screen(outcome, checkin_offer_id=7)
    data = callback_data(screen) if screen.keyboard else []
    offered = AcceptCheckin(7) in [parse_callback(d) for d in data]
    assert offered == (not outcome.needs_care_today)
    assert screen.text == render_outcome(outcome)
    # Without a stored outcome (a typed message), no offer at all.
    plain = outcome_screen(outcome, checkin_offer_id=None)
    plain_data = callback_data(plain) if plain.keyboard else []
    assert AcceptCheckin(7) not in [parse_callback(d) for d in plain_data]


async def test_cancel_deletes_the_session(store: Store) -> None:
    await started(store)
    await tap(store, QuizAnswer("abcd1234", "warn", "n"))
    result = await tap(store, QuizCancel("abcd1234"))
    assert result.screen == Screen(QUIZ_CANCELLED, onward_keyboard())
    assert await store.get_quiz(USER) is None
    assert await tap(store, QuizCancel("abcd1234")) == EXPIRED


async def test_back_is_refused_at_the_start_and_when_doubled(store: Store) -> None:
    await started(store)
    assert await tap(store, QuizBack("abcd1234")) == EXPIRED
    await answer_all(store, "abcd1234", ["n", "front"])
    # Pressed on the message that showed question 3 ("onset"): goes back to question 2.
    first = await tap(store, QuizBack("abcd1234"), shown="onset")
    assert first.screen is not None
    assert (await store.get_quiz(USER)).state == "warn=n"  # type: ignore[union-attr]
    # The same tap again, from the same (old) message: refused, state unchanged.
    assert await tap(store, QuizBack("abcd1234"), shown="onset") == EXPIRED
    assert (await store.get_quiz(USER)).state == "warn=n"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "action, kwargs",
    [
        (QuizAnswer("other999", "warn", "n"), {}),  # another quiz's nonce
        (QuizAnswer("abcd1234", "where", "back"), {}),  # not the current question
        (QuizAnswer("abcd1234", "chk_calf", "n"), {}),  # a follow-up nobody asked for
        (QuizAnswer("abcd1234", "warn", "maybe"), {}),  # not an answer
        (QuizAnswer("abcd1234", "warn", "n"), {"user": 78}),  # someone else
        (QuizAnswer("abcd1234", "warn", "n"), {"chat": -100}),  # another chat
        (QuizAnswer("abcd1234", "warn", "n"), {"message_id": MSG + 1}),  # other message
    ],
)
async def test_presses_that_do_not_fit_are_expired_and_change_nothing(
    store: Store, action: quiz_flow.QuizPress, kwargs: dict[str, Any]
) -> None:
    await started(store)
    before = await store.get_quiz(USER)
    assert await tap(store, action, **kwargs) == EXPIRED
    assert EXPIRED.answer_text == BUTTON_EXPIRED and EXPIRED.screen is None
    assert await store.get_quiz(USER) == before


async def test_concurrent_double_tap_advances_once(store: Store) -> None:
    await started(store)
    press = QuizAnswer("abcd1234", "warn", "n")
    results = await asyncio.gather(*(tap(store, press) for _ in range(5)))
    assert sum(r != EXPIRED for r in results) == 1
    assert (await store.get_quiz(USER)).state == "warn=n"  # type: ignore[union-attr]


async def test_concurrent_double_tap_on_the_last_answer_records_one_outcome(store: Store) -> None:
    await started(store)
    await answer_all(store, "abcd1234", LUMP_PATH[:-1])
    last = QuizAnswer("abcd1234", "feel", "stairs")
    results = await asyncio.gather(*(tap(store, last) for _ in range(3)))
    finished = [r for r in results if r != EXPIRED]
    assert len(finished) == 1 and finished[0].outcome is not None
    assert (await store.stats()).quizzes_finished == 1


async def test_a_new_quiz_expires_the_old_buttons(store: Store) -> None:
    await started(store, "first111")
    await started(store, "second22")
    assert await tap(store, QuizAnswer("first111", "warn", "n")) == EXPIRED
    assert await tap(store, QuizAnswer("second22", "warn", "n")) != EXPIRED


async def test_a_session_without_its_message_id_adopts_the_pressed_message(store: Store) -> None:
    await quiz_flow.begin(store, USER, CHAT, NOW, nonce="abcd1234")  # crashed before attach
    result = await tap(store, QuizAnswer("abcd1234", "warn", "n"), message_id=9)
    assert result != EXPIRED
    assert (await store.get_quiz(USER)).message_id == 9  # type: ignore[union-attr]


@pytest.mark.parametrize("state", ["garbage", "where=back", "warn=breath"])
async def test_an_unreadable_or_finished_session_is_dropped(
    store: Store, state: str, caplog: pytest.LogCaptureFixture
) -> None:
    await started(store)
    assert await store.advance_quiz(USER, "abcd1234", "", state, NOW)
    assert await tap(store, QuizAnswer("abcd1234", "warn", "n")) == EXPIRED
    assert await store.get_quiz(USER) is None
    assert "dropping" in caplog.text


def test_question_shown_reads_the_keyboard_of_the_same_quiz_only() -> None:
    screen = quiz_flow.question_screen("abcd1234", quiz.start(), QUESTIONS[0])
    data = callback_data(screen)
    assert quiz_flow.question_shown(data, "abcd1234") == "warn"
    assert quiz_flow.question_shown(data, "zzzz9999") is None
    assert quiz_flow.question_shown([None, "garbage"], "abcd1234") is None
