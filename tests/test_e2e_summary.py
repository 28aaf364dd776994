"""End to end: "Summary for my doctor" under a quiz outcome, built from the finished quiz only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.keyboards import ShowSummary, encode_callback
from bot.storage import Store
from knowledge import quiz
from knowledge.summary_text import SUMMARY_BUTTON, TIER_SUMMARY, render_summary
from knowledge.texts import BUTTON_EXPIRED, DISCLAIMER
from knowledge.triage import Outcome
from tests.dbrows import db_dump, db_rows
from tests.fakebot import FakeBotApi, parse_html
from tests.harness import erase_everything
from tests.screens import TIER_STORIES
from tests.test_e2e_followups import ACCEPT_LABEL, DECLINE_LABEL, finish_real_quiz

USER = 7373
OTHER = 8484


def quiz_answers(findings: frozenset[str]) -> tuple[Outcome, str]:
    """The outcome and encoded answers of someone with `findings` answering truthfully."""
    state = quiz.start()
    while not quiz.is_finished(state):
        question = quiz.current(state)
        assert isinstance(question, quiz.Question)
        chosen = next(a for a in question.answers if a.applies_to(findings))
        state = quiz.answer(state, question.id, chosen.id)
    outcome = quiz.current(state)
    assert isinstance(outcome, Outcome)
    return outcome, quiz.encode(state)


def stored(settings: Settings) -> list[tuple[Any, ...]]:
    return db_rows(settings, "SELECT id, user_id, outcome_code, answers FROM quiz_outcomes")


async def until_button(fake: FakeBotApi, user: int, label: str) -> None:
    """The outcome arrives with the button in the same edit (no second edit to add it)."""
    await fake.wait_for(
        "editMessageText",
        predicate=lambda c: (
            c.params.get("chat_id") == user and label in str(c.params.get("reply_markup"))
        ),
    )
    assert fake.calls_of("editMessageReplyMarkup") == []


@pytest.mark.parametrize("tier", ["self_care", "gp_soon", "urgent"])
async def test_summary_button_sends_the_finished_quiz_in_plain_words(
    fake: FakeBotApi, bot: Any, settings: Settings, tier: str
) -> None:
    findings = set(TIER_STORIES[tier])
    expected, encoded = quiz_answers(frozenset(findings))
    assert expected.tier == tier
    outcome = await finish_real_quiz(fake, USER, findings)
    assert outcome == expected
    msg = fake.last_message(USER)
    await until_button(fake, USER, SUMMARY_BUTTON)
    labels = [label for label, _ in fake.buttons(msg)]
    assert labels[0] == SUMMARY_BUTTON
    assert (ACCEPT_LABEL in labels) == (tier != "urgent")  # the rest is the outcome's own
    ((outcome_id, user_id, _, answers),) = stored(settings)
    assert (user_id, answers) == (USER, encoded)

    mark = fake.mark()
    fake.press(msg, SUMMARY_BUTTON)
    sent = await fake.wait_for("sendMessage", after=mark)
    text = sent.params["text"]
    ((_, _, taken_at),) = [
        (r[0], r[1], r[2])
        for r in db_rows(settings, "SELECT id, user_id, created_at FROM quiz_outcomes")
    ]
    answers_words = quiz.summary(quiz.decode(encoded))
    assert text == render_summary(taken_at, answers_words, expected)
    plain = parse_html(text)[0]
    for question, answer in answers_words:
        assert f"{question}: {answer}" in plain
    assert TIER_SUMMARY[tier] in plain
    assert plain.count(parse_html(DISCLAIMER)[0]) == 1 and len(plain) <= 1000
    assert fake.buttons(fake.last_message(USER))  # a way onward
    assert outcome_id > 0


async def test_emergency_keeps_its_screen_and_forget_erases_the_summary(
    fake: FakeBotApi, bot: Any, settings: Settings
) -> None:
    await finish_real_quiz(fake, USER, set(TIER_STORIES["emergency"]))
    msg = fake.last_message(USER)
    await fake.send_and_wait(OTHER, "/help")  # updates are handled in order: the press is done
    ((outcome_id, _, code, answers),) = stored(settings)
    assert code.startswith("emergency") and answers
    assert fake.buttons(msg) == []  # the number first, nothing to distract
    assert fake.calls_of("editMessageReplyMarkup") == []

    # Someone else cannot fetch it.
    await fake.send_and_wait(OTHER, "/start")
    data = encode_callback(ShowSummary(outcome_id))
    mark = fake.mark()
    fake.push_callback(OTHER, msg.message_id, data, chat_id=USER)
    answered = await fake.wait_for("answerCallbackQuery", after=mark)
    assert answered.params["text"] == BUTTON_EXPIRED

    # /forget erases the answers with the rest; the button then expires.
    await erase_everything(fake, USER)
    assert stored(settings) == []
    dump = db_dump(settings)
    assert answers not in dump
    mark = fake.mark()
    fake.push_callback(USER, msg.message_id, data)
    answered = await fake.wait_for("answerCallbackQuery", after=mark)
    assert answered.params["text"] == BUTTON_EXPIRED


async def test_store_keeps_answers_once_and_forget_erases_them(tmp_path: Path) -> None:
    async with Store(tmp_path / "db.sqlite3") as store:
        await store.start_quiz(USER, USER, "abcd", "s0", 100)
        first = await store.finish_quiz(USER, "abcd", "s0", "self_care:cramps", 100, answers="a1")
        assert first is not None
        assert await store.outcome_answers(first) == (USER, "self_care:cramps", 100, "a1")
        await store.start_quiz(USER, USER, "efgh", "s0", 200)
        second = await store.finish_quiz(USER, "efgh", "s0", "gp_soon:cyst", 200)
        assert second is not None
        assert await store.save_outcome_answers(second, OTHER, "x") is False  # not theirs
        assert await store.save_outcome_answers(second, USER, "a2") is True
        assert await store.save_outcome_answers(second, USER, "a3") is False  # once
        assert await store.outcome_answers(second) == (USER, "gp_soon:cyst", 200, "a2")
        await store.forget_user(USER)
        assert await store.outcome_answers(first) is None
        assert await store.outcome_answers(second) is None


@pytest.mark.parametrize("label", [ACCEPT_LABEL, DECLINE_LABEL])
async def test_answering_the_checkin_offer_keeps_the_summary_and_topic_buttons(
    fake: FakeBotApi, bot: Any, settings: Settings, label: str
) -> None:
    """Issue 20: the offer is answered, so only it goes; the summary and topics stay."""
    await finish_real_quiz(fake, USER, set(TIER_STORIES["self_care"]))
    msg = fake.last_message(USER)
    await until_button(fake, USER, SUMMARY_BUTTON)
    before = [text for text, _ in fake.buttons(msg)]
    mark = fake.mark()
    fake.press(msg, label)
    await fake.wait_for("sendMessage", after=mark)
    edited = await fake.wait_for("editMessageReplyMarkup", after=mark)
    after = [text for text, _ in fake.buttons(fake.message(USER, msg.message_id))]
    assert edited.ok and SUMMARY_BUTTON in after
    assert after == [t for t in before if t not in (ACCEPT_LABEL, DECLINE_LABEL)]
