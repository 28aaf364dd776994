"""End to end: two-day check-ins through the real Application and the fake Bot API server.

The clock is a ManualClock: tests move it forward two days instead of sleeping. The sweeper
runs every 0.05 s (real time), so a check-in that fell due arrives within a few sweeps.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.keyboards import (
    AcceptCheckin,
    CheckinAnswer,
    DeclineCheckin,
    QuizAnswer,
    RecheckAnswer,
    encode_callback,
    offer_checkin_keyboard,
    parse_callback,
)
from bot.outcomes import outcome_screen
from bot.services import services_of
from bot.storage import Store
from knowledge import quiz
from knowledge.checkin_texts import (
    ACCEPT_ALREADY,
    ACCEPT_DONE,
    BETTER_REPLY,
    CANCEL_DONE,
    CHECKIN_MESSAGE,
    DECLINE_DONE,
    FOLLOWUP_NONE,
    FOLLOWUP_PENDING,
    LATER_ALREADY,
    LATER_DONE,
    LATER_LIMIT,
    NONE_OF_THESE,
    RECHECK_QUESTION,
    REMINDER_MESSAGE,
    SAME_ADVICE,
    WORSE_ADVICE,
    aligned_due,
    answered_checkin,
    checkin_message,
    describe_due,
    recall_line,
    recheck_outcome,
)
from knowledge.texts import (
    BUTTON_EXPIRED,
    BUTTON_MENU,
    BUTTON_QUIZ,
    BUTTON_WARNING_SIGNS,
    FORGET_DONE,
    SEE_GP_WHEN,
    STOP_DONE,
)
from knowledge.triage import Outcome, outcome_code
from knowledge.warning_signs import WARNING_SIGN_GROUPS, WARNING_SIGN_GROUPS_BY_KEY
from tests.dbrows import db_rows
from tests.fakebot import ApiCall, FakeBotApi, SentMessage, parse_html
from tests.harness import ManualClock, erase_everything, make_settings, run_bot

USER = 5151
OTHER = 6262
HOUR = 3600
DAY = 24 * HOUR
ACCEPT_LABEL = "🔔 Yes, check on me in 2 days"
DECLINE_LABEL = "No, thanks"
CHECKIN_LABELS = ["🙂 Better", "😐 About the same", "😣 Worse", "⏰ Remind me later"]
ONWARD = [BUTTON_WARNING_SIGNS, BUTTON_QUIZ, BUTTON_MENU]
CODE = "self_care:runners+stretch"  # what offer()'s finished quiz pointed to
RECALL = "Two days ago the quiz pointed to runner's knee or tight muscles."
SETTLE = 0.25  # a few sweeps (0.05 s each) to show that nothing more happens


def to(chat: int) -> Any:
    return lambda call: call.params.get("chat_id") == chat


def is_checkin(chat: int) -> Any:
    """A check-in message: it carries the four answer buttons."""

    def check(call: ApiCall) -> bool:
        rows = (call.params.get("reply_markup") or {}).get("inline_keyboard") or []
        data = [b.get("callback_data", "") for row in rows for b in row]
        return call.params.get("chat_id") == chat and any(d.startswith("1f:") for d in data)

    return check


def checkins_sent(fake: FakeBotApi, chat: int = USER) -> list[ApiCall]:
    return [c for c in fake.calls_of("sendMessage") if is_checkin(chat)(c) and c.ok]


def rows(settings: Settings, user: int = USER) -> list[tuple[Any, ...]]:
    return db_rows(
        settings,
        "SELECT id, state, reminder_count, answer, attempts FROM followups "
        "WHERE user_id = ? ORDER BY id",
        (user,),
    )


async def until(check: Any, timeout: float = 3.0) -> None:  # noqa: ASYNC109
    """Wait (bounded) until check() is true: the database is written just after the send."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        assert loop.time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.01)


async def offer(fake: FakeBotApi, app: Any, user: int = USER) -> tuple[SentMessage, int]:
    """A finished quiz: an outcome row, and a bot message carrying the check-in offer."""
    await fake.send_and_wait(user, "/start")
    services = services_of(app)
    now = services.now()
    await services.store.start_quiz(user, user, "abcd", "q1", now)
    outcome_id = await services.store.finish_quiz(user, "abcd", "q1", CODE, now)
    assert outcome_id is not None
    sent = await app.bot.send_message(
        user, "Your quiz result.", reply_markup=offer_checkin_keyboard(outcome_id)
    )
    return fake.message(user, sent.message_id), outcome_id


async def accept(fake: FakeBotApi, app: Any, user: int = USER) -> ApiCall:
    msg, _ = await offer(fake, app, user)
    mark = fake.mark()
    fake.press(msg, ACCEPT_LABEL)
    return await fake.wait_for("sendMessage", predicate=to(user), after=mark)


async def checkin_arrives(fake: FakeBotApi, clock: ManualClock, user: int = USER) -> SentMessage:
    mark = fake.mark()
    clock.advance(2 * DAY)
    call = await fake.wait_for("sendMessage", predicate=is_checkin(user), after=mark)
    assert call.ok
    return fake.message(user, call.result["message_id"])


async def press(fake: FakeBotApi, msg: SentMessage, label: str, user: int = USER) -> ApiCall:
    """Press a button; returns the answerCallbackQuery call."""
    mark = fake.mark()
    query_id = fake.press(msg, label, user_id=user)
    return await fake.wait_for(
        "answerCallbackQuery",
        predicate=lambda c: c.params["callback_query_id"] == query_id,
        after=mark,
    )


# -- accepting, declining, /followup -------------------------------------------------------


async def test_accepted_checkin_arrives_once_two_days_later_with_four_answers(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    confirmation = await accept(fake, bot)
    assert confirmation.params["text"] == ACCEPT_DONE.format(when="in 2 days, on Sunday")
    assert "UTC" not in confirmation.params["text"]
    assert [label for label, _ in fake.buttons(fake.last_message(USER))] == [
        BUTTON_WARNING_SIGNS,
        BUTTON_MENU,
    ]
    offer_msg = fake.messages(USER)[-2]
    assert fake.buttons(offer_msg) == []  # the offer keyboard is gone
    assert [r[1] for r in rows(settings)] == ["pending"]

    clock.advance(2 * DAY - HOUR)
    await asyncio.sleep(SETTLE)
    assert checkins_sent(fake) == []

    msg = await checkin_arrives(fake, clock, USER)  # well past due now
    assert [label for label, _ in fake.buttons(msg)] == CHECKIN_LABELS
    # It recalls what the quiz pointed to, and does not pre-judge the answer.
    assert RECALL.replace("Two days", "4 days") in msg.plain_text  # clock moved 4 days
    assert "doctor" not in msg.plain_text.lower() and "still hurting" not in msg.plain_text
    await asyncio.sleep(SETTLE)
    assert len(checkins_sent(fake)) == 1
    ((_, state, _, answer, attempts),) = rows(settings)
    assert (state, answer, attempts) == ("sent", None, 1)


async def test_accepting_twice_keeps_one_checkin_and_says_when_it_is_due(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    msg, outcome_id = await offer(fake, bot)
    fake.press(msg, ACCEPT_LABEL)
    await fake.wait_for("sendMessage", predicate=to(USER), after=fake.mark())
    clock.advance(HOUR)
    mark = fake.mark()
    fake.push_callback(USER, msg.message_id, encode_callback(AcceptCheckin(outcome_id)))
    again = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    assert again.params["text"] == ACCEPT_ALREADY.format(when="in 2 days, on Sunday")
    assert len(rows(settings)) == 1


async def test_decline_thanks_and_removes_the_keyboard(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    msg, _ = await offer(fake, bot)
    mark = fake.mark()
    fake.press(msg, DECLINE_LABEL)
    thanks = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    assert thanks.params["text"] == DECLINE_DONE
    assert [label for label, _ in fake.buttons(fake.last_message(USER))] == [
        BUTTON_WARNING_SIGNS,
        BUTTON_MENU,
    ]
    assert fake.buttons(fake.message(USER, msg.message_id)) == []
    assert rows(settings) == []


@pytest.mark.parametrize("action", [AcceptCheckin, DeclineCheckin])
async def test_offer_buttons_of_someone_else_or_after_forget_are_expired(
    fake: FakeBotApi, bot: Any, settings: Settings, action: Any
) -> None:
    msg, outcome_id = await offer(fake, bot)
    await fake.send_and_wait(OTHER, "/start")
    data = encode_callback(action(outcome_id))
    mark = fake.mark()
    query = fake.push_callback(OTHER, msg.message_id, data, chat_id=USER)
    answered = await fake.wait_for("answerCallbackQuery", after=mark)
    assert (answered.params["callback_query_id"], answered.params["text"]) == (
        query,
        BUTTON_EXPIRED,
    )
    await erase_everything(fake, USER)
    mark = fake.mark()
    fake.push_callback(USER, msg.message_id, data)
    answered = await fake.wait_for("answerCallbackQuery", after=mark)
    assert answered.params["text"] == BUTTON_EXPIRED
    assert rows(settings) == [] and rows(settings, OTHER) == []


async def test_followup_shows_when_and_cancels(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    await accept(fake, bot)
    clock.advance(6 * HOUR)
    shown = await fake.send_and_wait(USER, "/followup")
    assert shown.params["text"] == "Your next check-in is due in 2 days, on Sunday."
    msg = fake.last_message(USER)
    mark = fake.mark()
    answered = await press(fake, msg, "Cancel this check-in")
    assert not answered.params.get("text")
    await fake.wait_for("editMessageText", after=mark)
    assert msg.plain_text == CANCEL_DONE
    assert [label for label, _ in fake.buttons(msg)] == ONWARD
    assert [r[1] for r in rows(settings)] == ["cancelled"]
    # The same button again (from an older copy) is stale now.
    mark = fake.mark()
    fake.push_callback(
        USER, msg.message_id, shown.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    )
    again = await fake.wait_for("answerCallbackQuery", after=mark)
    assert again.params["text"] == BUTTON_EXPIRED

    clock.advance(3 * DAY)
    await asyncio.sleep(SETTLE)
    assert checkins_sent(fake) == []
    none = await fake.send_and_wait(USER, "/followup")
    assert none.params["text"] == FOLLOWUP_NONE


async def test_followup_without_a_checkin_suggests_the_quiz(fake: FakeBotApi, bot: Any) -> None:
    call = await fake.send_and_wait(USER, "/followup")
    assert call.params["text"] == FOLLOWUP_NONE
    assert [label for label, _ in fake.buttons(fake.last_message(USER))] == ONWARD


async def finish_real_quiz(
    fake: FakeBotApi, user: int, findings: set[str], language_code: str = "en"
) -> Outcome:
    """/quiz, answered truthfully (Answer.applies_to) by someone with `findings`, from a
    Telegram app set to `language_code`."""
    await fake.send_and_wait(user, "/quiz", language_code=language_code)
    msg = fake.last_message(user)
    state = quiz.start()
    for _ in range(30):
        question = quiz.current(state)
        if not isinstance(question, quiz.Question):
            return question
        chosen = next(a for a in question.answers if a.applies_to(findings))
        data = next(
            d
            for _, d in fake.buttons(msg)
            if isinstance(act := parse_callback(d), QuizAnswer) and act.answer == chosen.id
        )
        mark = fake.mark()
        fake.push_callback(user, msg.message_id, data)
        await fake.wait_for("editMessageText", after=mark)
        state = quiz.answer(state, question.id, chosen.id)
    raise AssertionError("the quiz did not end")


RUNNER = {"where_front", "onset_overuse", "dur_3d_2w", "worse_stairs_squat", "active_runner"}


async def test_the_real_quiz_offer_leads_to_one_checkin_that_recalls_it(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    """The whole path: /quiz, an ordinary outcome with its offer, accept, two days, check-in."""
    outcome = await finish_real_quiz(fake, USER, RUNNER)
    assert outcome.tier in ("self_care", "gp_soon")
    qm = fake.last_message(USER)
    mark = fake.mark()
    fake.press(qm, ACCEPT_LABEL)
    confirmation = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    assert confirmation.params["text"].startswith("🔔 Done. I'll check on you in 2 days, on ")
    await until(lambda: ACCEPT_LABEL not in [b for b, _ in fake.buttons(qm)])
    msg = await checkin_arrives(fake, clock)
    assert [label for label, _ in fake.buttons(msg)] == CHECKIN_LABELS
    now = int(clock())
    recall = recall_line(outcome_code(outcome), now - 2 * DAY, now)
    assert recall is not None and recall in msg.plain_text
    await asyncio.sleep(SETTLE)
    assert len(checkins_sent(fake)) == 1
    ((outcome_id,),) = db_rows(settings, "SELECT id FROM quiz_outcomes")
    linked = db_rows(settings, "SELECT outcome_id FROM followups")
    assert linked == [(outcome_id,)]


# -- the four answers ---------------------------------------------------------------------


async def test_better_thanks_closes_and_offers_stretches(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    await accept(fake, bot)
    msg = await checkin_arrives(fake, clock)
    mark = fake.mark()
    await press(fake, msg, "🙂 Better")
    reply = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    assert reply.params["text"] == BETTER_REPLY
    labels = [label for label, _ in fake.buttons(fake.last_message(USER))]
    assert labels == ["🧘 Stretches", BUTTON_WARNING_SIGNS, BUTTON_MENU]
    assert fake.buttons(msg) == []
    assert RECALL in msg.plain_text and "Your answer: 🙂 Better" in msg.plain_text
    assert [(r[1], r[3]) for r in rows(settings)] == [("sent", "better")]
    # A second press on the same check-in (e.g. an old copy of the keyboard) is stale.
    mark = fake.mark()
    fake.push_callback(
        USER, msg.message_id, encode_callback(CheckinAnswer(rows(settings)[0][0], "worse"))
    )
    again = await fake.wait_for("answerCallbackQuery", after=mark)
    assert again.params["text"] == BUTTON_EXPIRED
    assert [r[3] for r in rows(settings)] == ["better"]


async def recheck_screen(fake: FakeBotApi, app: Any, clock: ManualClock, label: str) -> SentMessage:
    """Accept, the check-in arrives, press `label`; the re-check screen it sends."""
    await accept(fake, app)
    msg = await checkin_arrives(fake, clock)
    mark = fake.mark()
    await press(fake, msg, label)
    call = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    assert call.params["text"] == RECHECK_QUESTION
    assert f"Your answer: {label}" in msg.plain_text and fake.buttons(msg) == []
    return fake.message(USER, call.result["message_id"])


@pytest.mark.parametrize(
    ("label", "answer", "advice"),
    [("😐 About the same", "same", SAME_ADVICE), ("😣 Worse", "worse", WORSE_ADVICE)],
)
async def test_same_or_worse_rechecks_warning_signs_then_says_what_to_book(
    fake: FakeBotApi,
    bot: Any,
    clock: ManualClock,
    settings: Settings,
    label: str,
    answer: str,
    advice: str,
) -> None:
    screen = await recheck_screen(fake, bot, clock, label)
    labels = [text for text, _ in fake.buttons(screen)]
    assert labels == [*(sign.label for sign in WARNING_SIGN_GROUPS), NONE_OF_THESE]
    assert [r[3] for r in rows(settings)] == [answer]
    mark = fake.mark()
    await press(fake, screen, NONE_OF_THESE)
    await fake.wait_for("editMessageText", after=mark)
    assert screen.text == advice
    assert "GP" in screen.plain_text and "physiotherapist" in screen.plain_text
    assert [text for text, _ in fake.buttons(screen)] == [
        "🧊 RICE first aid",
        BUTTON_WARNING_SIGNS,
        BUTTON_MENU,
    ]


def test_worse_advice_is_more_urgent_than_about_the_same() -> None:
    # Clinician's review item 7: "about the same" after two days keeps going with self-care and
    # says when to book (the one GP answer); "worse" asks for an appointment today or tomorrow.
    assert SEE_GP_WHEN in SAME_ADVICE and "today or tomorrow" in WORSE_ADVICE
    assert "today" not in SAME_ADVICE


@pytest.mark.parametrize(
    ("label", "sign", "tier"),
    [
        ("😐 About the same", "calf", "urgent"),
        ("😣 Worse", "hotknee", "urgent"),
        ("😣 Worse", "breath", "emergency"),
        ("😐 About the same", "foot", "emergency"),
    ],
)
async def test_a_warning_sign_on_the_recheck_gets_the_triage_screen(
    fake: FakeBotApi, bot: Any, clock: ManualClock, label: str, sign: str, tier: str
) -> None:
    screen = await recheck_screen(fake, bot, clock, label)
    mark = fake.mark()
    answered = await press(fake, screen, WARNING_SIGN_GROUPS_BY_KEY[sign].label)
    await fake.wait_for("editMessageText", after=mark)
    outcome = recheck_outcome(sign)
    assert outcome is not None and outcome.tier == tier
    expected = outcome_screen(outcome, checkin_offer_id=None)
    assert screen.text == expected.text
    assert answered.params.get("text") == outcome.advice[0]
    # Care today never comes with a two-day check-in offer.
    assert ACCEPT_LABEL not in [text for text, _ in fake.buttons(screen)]


async def test_an_old_still_hurting_button_still_works(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    """Check-ins sent before the four answers carry "hurting": it re-checks like "same"."""
    await accept(fake, bot)
    msg = await checkin_arrives(fake, clock)
    (followup_id,) = [r[0] for r in rows(settings)]
    mark = fake.mark()
    fake.push_callback(USER, msg.message_id, encode_callback(CheckinAnswer(followup_id, "hurting")))
    call = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    assert call.params["text"] == RECHECK_QUESTION
    screen = fake.message(USER, call.result["message_id"])
    mark = fake.mark()
    await press(fake, screen, NONE_OF_THESE)
    await fake.wait_for("editMessageText", after=mark)
    assert screen.text == SAME_ADVICE


@pytest.mark.parametrize("data", ["none", "nosuch"])
async def test_recheck_presses_that_do_not_fit_are_expired(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings, data: str
) -> None:
    await accept(fake, bot)
    msg = await checkin_arrives(fake, clock)
    (followup_id,) = [r[0] for r in rows(settings)]
    # Before the check-in was answered "same" or "worse", or an unknown sign: expired.
    forged = encode_callback(RecheckAnswer(followup_id, data))
    mark = fake.mark()
    fake.push_callback(USER, msg.message_id, forged)
    answered = await fake.wait_for("answerCallbackQuery", after=mark)
    assert answered.params["text"] == BUTTON_EXPIRED


async def test_remind_me_later_schedules_more_up_to_max_reminders(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    assert settings.max_reminders == 3
    await accept(fake, bot)
    for reminder in range(1, 4):
        msg = await checkin_arrives(fake, clock)
        # the first check-in follows the quiz; later ones are the reminders the user asked for
        greeting = "Hi, it's me again." if reminder == 1 else "Hi, I'm checking in again."
        assert msg.plain_text.startswith(greeting)
        assert "the quiz pointed to runner's knee" in msg.plain_text
        mark = fake.mark()
        await press(fake, msg, "⏰ Remind me later")
        reply = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
        assert reply.params["text"] == LATER_DONE.format(when="in 2 days, on " + _weekday(clock))
        assert rows(settings)[-1][1:3] == ("pending", reminder)
    msg = await checkin_arrives(fake, clock)
    assert msg.plain_text.startswith("Hi, I'm checking in again.")
    mark = fake.mark()
    await press(fake, msg, "⏰ Remind me later")
    edit = await fake.wait_for("editMessageText", after=mark)
    assert "Your answer: ⏰ Remind me later" in parse_html(edit.params["text"])[0]
    reply = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    assert reply.params["text"] == LATER_LIMIT and "GP or a physiotherapist" in LATER_LIMIT
    assert [(r[1], r[2], r[3]) for r in rows(settings)] == [
        ("sent", 0, "later"),
        ("sent", 1, "later"),
        ("sent", 2, "later"),
        ("sent", 3, "later"),
    ]
    clock.advance(5 * DAY)
    await asyncio.sleep(SETTLE)
    assert len(checkins_sent(fake)) == 4


def _weekday(clock: ManualClock) -> str:
    """The weekday two days after the clock's now."""
    return describe_due(int(clock()) + 2 * DAY, int(clock())).rsplit(" ", 1)[1]


async def test_another_users_press_on_a_checkin_is_expired(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    await accept(fake, bot)
    msg = await checkin_arrives(fake, clock)
    await fake.send_and_wait(OTHER, "/start")
    answered = await press(fake, msg, "🙂 Better", user=OTHER)
    assert answered.params["text"] == BUTTON_EXPIRED
    assert fake.buttons(msg) != [] and rows(settings)[0][3] is None


# -- /stop, /forget, blocked users, Telegram errors ----------------------------------------


async def test_stop_prevents_the_checkin(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    await accept(fake, bot)
    call = await fake.send_and_wait(USER, "/stop")
    assert call.params["text"] == STOP_DONE
    clock.advance(3 * DAY)
    await asyncio.sleep(SETTLE)
    assert checkins_sent(fake) == []
    assert [r[1] for r in rows(settings)] == ["cancelled"]


async def test_forget_prevents_the_checkin_and_old_buttons_expire(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    await accept(fake, bot)
    msg = await checkin_arrives(fake, clock)
    call = await erase_everything(fake, USER)
    assert call.params["text"] == FORGET_DONE
    answered = await press(fake, msg, "😣 Worse")
    assert answered.params["text"] == BUTTON_EXPIRED
    # A check-in accepted again, then forgotten before it is due, never arrives.
    await accept(fake, bot)
    await erase_everything(fake, USER)
    clock.advance(3 * DAY)
    await asyncio.sleep(SETTLE)
    assert len(checkins_sent(fake)) == 1
    assert rows(settings) == []


async def test_blocked_user_is_marked_and_never_retried(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    await accept(fake, bot)
    fake.blocked_chats.add(USER)
    mark = fake.mark()
    clock.advance(2 * DAY)
    refused = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    assert refused.status == 403
    await asyncio.sleep(SETTLE)
    assert [r[1] for r in rows(settings)] == ["blocked"]
    assert db_rows(settings, "SELECT blocked FROM users WHERE user_id = ?", (USER,)) == [(1,)]
    clock.advance(30 * DAY)
    await asyncio.sleep(SETTLE)
    assert len([c for c in fake.calls_of("sendMessage") if to(USER)(c) and c.index >= mark]) == 1


async def test_chat_not_found_is_treated_like_a_block(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    await accept(fake, bot)
    fake.fail_next("sendMessage", 400, "Bad Request: chat not found")
    mark = fake.mark()
    clock.advance(2 * DAY)
    refused = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    assert refused.status == 400
    await asyncio.sleep(SETTLE)
    assert [r[1] for r in rows(settings)] == ["blocked"]
    assert len([c for c in fake.calls_of("sendMessage") if c.index >= mark]) == 1


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_retry_after_is_obeyed_and_the_checkin_arrives_once(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    await accept(fake, bot)
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    mark = fake.mark()
    clock.advance(2 * DAY)
    limited = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    assert limited.status == 429
    delivered = await fake.wait_for(
        "sendMessage", predicate=is_checkin(USER), after=limited.index + 1, timeout=5
    )
    assert delivered.ok
    assert delivered.at - limited.at >= 1.0  # waited as Telegram asked
    await asyncio.sleep(SETTLE)
    assert len(checkins_sent(fake)) == 1
    assert [(r[1], r[4]) for r in rows(settings)] == [("sent", 1)]


async def test_server_error_is_retried_later_with_backoff(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    await accept(fake, bot)
    fake.fail_next("sendMessage", 502, "Bad Gateway")
    mark = fake.mark()
    clock.advance(2 * DAY)
    failed = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    assert failed.status == 502
    await asyncio.sleep(SETTLE)
    assert [(r[1], r[4]) for r in rows(settings)] == [("pending", 1)]
    clock.advance(59)
    await asyncio.sleep(SETTLE)
    assert checkins_sent(fake) == []
    clock.advance(1)  # the first backoff is 60 s
    await fake.wait_for("sendMessage", predicate=is_checkin(USER), after=mark)
    await until(lambda: rows(settings)[0][1] == "sent")
    assert [(r[1], r[4]) for r in rows(settings)] == [("sent", 2)]


async def test_checkins_that_fell_due_while_the_bot_was_down_go_out_at_start(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    clock = ManualClock()
    settings = make_settings(tmp_path, fake.base_url, sweep_interval_seconds=3600)
    now = int(clock())
    async with Store(settings.database_path) as store:
        for user in (USER, OTHER):
            await store.schedule_followup(user, user, now - DAY, now - 3 * DAY)
    fake.known_chats.update({USER, OTHER})
    async with run_bot(settings, clock):
        # The interval is an hour: only the sweep at start can deliver them.
        for user in (USER, OTHER):
            await fake.wait_for("sendMessage", predicate=is_checkin(user), timeout=3)
    assert len(checkins_sent(fake, USER)) == len(checkins_sent(fake, OTHER)) == 1


# -- the texts themselves (pure) ---------------------------------------------------------------

NOW = 1_800_000_000  # Friday 15 January 2027, 08:00 UTC


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (0, "any moment now"),
        (-500, "any moment now"),
        (10 * 60, "in 10 minutes"),
        (5 * HOUR, "in about 5 hours"),
        (22 * HOUR, "tomorrow"),
        (2 * DAY, "in 2 days, on Sunday"),
        (2 * DAY + 7 * 60, "in 2 days, on Sunday"),
        (2 * DAY - 30 * 60, "in 2 days, on Sunday"),
        (400 * DAY, "in 400 days, on Saturday 19 February"),
    ],
)
def test_describe_due_is_human_friendly_with_no_clock_time(delta: int, expected: str) -> None:
    text = describe_due(NOW + delta, NOW)
    assert text == expected
    assert "UTC" not in text and ":" not in text


@pytest.mark.parametrize(
    ("quiz_at", "now", "expected"),
    [
        (None, NOW, NOW + 2 * DAY),
        (NOW, NOW, NOW + 2 * DAY),
        # "Remind me later" at 23:00, after a quiz taken at 08:00: 08:00, 2 days and 9 h on.
        (NOW - 2 * DAY, NOW + 15 * HOUR, NOW + 3 * DAY),
        # ...and at 21:00 the day before: 08:00, 2 days and 11 h on.
        (NOW - 2 * DAY, NOW - 11 * HOUR, NOW + 2 * DAY),
        # ...and at 12:00: 08:00, 2 days less 4 hours on.
        (NOW - 2 * DAY, NOW + 4 * HOUR, NOW + 2 * DAY),
    ],
)
def test_reminders_keep_the_quizs_time_of_day(quiz_at: int | None, now: int, expected: int) -> None:
    due = aligned_due(now, 2 * DAY, quiz_at)
    assert due == expected
    assert abs(due - (now + 2 * DAY)) <= DAY // 2 and due - now >= DAY // 2


def test_checkin_recalls_the_quiz_by_tier() -> None:
    assert checkin_message(0, outcome_code="self_care:runners", quiz_at=NOW, now=NOW + 2 * DAY) == (
        "<b>Hi, it's me again.</b>\nTwo days ago the quiz pointed to runner's knee.\n"
        "How is your knee now, compared with then? Tap the answer that fits best."
    )
    assert recall_line("gp_soon:cyst", NOW, NOW + 3 * DAY) == (
        "Three days ago the quiz suggested booking a GP appointment (it pointed to a Baker's cyst)."
    )
    assert recall_line("urgent:clot_signs", NOW, NOW + DAY) == (
        "Yesterday the quiz found signs that needed a doctor the same day."
    )
    assert recall_line("not a code", NOW, NOW) is None
    assert checkin_message(0, outcome_code="not a code", quiz_at=NOW, now=NOW) == CHECKIN_MESSAGE
    assert checkin_message(1) == REMINDER_MESSAGE


def test_checkin_texts_are_valid_telegram_html() -> None:
    texts = [
        CHECKIN_MESSAGE,
        REMINDER_MESSAGE,
        BETTER_REPLY,
        DECLINE_DONE,
        FOLLOWUP_NONE,
        CANCEL_DONE,
        LATER_LIMIT,
        RECHECK_QUESTION,
        SAME_ADVICE,
        WORSE_ADVICE,
        *(answered_checkin(CHECKIN_MESSAGE, a) for a in ("better", "same", "worse", "later")),
        *(
            t.format(when=describe_due(NOW + 2 * DAY, NOW))
            for t in (ACCEPT_DONE, ACCEPT_ALREADY, LATER_DONE, LATER_ALREADY, FOLLOWUP_PENDING)
        ),
    ]
    for text in texts:
        plain, _ = parse_html(text)
        assert plain.strip() and len(plain) <= 1000
        assert "UTC" not in plain


def test_the_recheck_of_a_hot_knee_keeps_the_quiz_a_and_e_line() -> None:
    """Clinician's review item 9: a hot, swollen knee with a fever is 'go to A&E', on the
    check-in's re-check as in the quiz."""
    from knowledge.checkin_texts import recheck_outcome
    from knowledge.triage import assess

    recheck = recheck_outcome("hotknee")
    assert recheck is not None and recheck.tier == "urgent"
    quiz = assess({"knee_hot_red_swollen", "fever_unwell"})
    assert "A&E" in recheck.advice[0] and recheck.advice[0] == quiz.advice[0]
    assert SEE_GP_WHEN in DECLINE_DONE
