"""End to end: two-day check-ins through the real Application and the fake Bot API server.

The clock is a ManualClock: tests move it forward two days instead of sleeping. The sweeper
runs every 0.05 s (real time), so a check-in that fell due arrives within a few sweeps.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.keyboards import (
    CHECKIN_BETTER,
    AcceptCheckin,
    CheckinAnswer,
    DeclineCheckin,
    encode_callback,
    offer_checkin_keyboard,
)
from bot.services import services_of
from bot.storage import Store
from knowledge.checkin_texts import (
    ACCEPT_ALREADY,
    ACCEPT_DONE,
    BETTER_REPLY,
    CANCEL_DONE,
    CHECKIN_MESSAGE,
    DECLINE_DONE,
    FOLLOWUP_NONE,
    FOLLOWUP_PENDING,
    HURTING_ADVICE,
    LATER_ALREADY,
    LATER_DONE,
    LATER_LIMIT,
    REMINDER_MESSAGE,
    answered_checkin,
    describe_due,
    render_hurting_reply,
)
from knowledge.render import render_red_flags
from knowledge.texts import BUTTON_EXPIRED, FORGET_DONE, STOP_DONE
from tests.fakebot import ApiCall, FakeBotApi, SentMessage, parse_html
from tests.harness import ManualClock, make_settings, run_bot
from tests.test_e2e_quiz import NO_RED_FLAGS, ORDINARY_PATHS, start_quiz

USER = 5151
OTHER = 6262
HOUR = 3600
DAY = 24 * HOUR
ACCEPT_LABEL = "🔔 Yes, check on me in 2 days"
DECLINE_LABEL = "No, thanks"
CHECKIN_LABELS = ["🙂 Better now", "😣 Still hurting", "⏰ Remind me in 2 more days"]
SETTLE = 0.25  # a few sweeps (0.05 s each) to show that nothing more happens


def to(chat: int) -> Any:
    return lambda call: call.params.get("chat_id") == chat


def is_checkin(chat: int) -> Any:
    return lambda call: (
        call.params.get("chat_id") == chat
        and call.params["text"] in (CHECKIN_MESSAGE, REMINDER_MESSAGE)
    )


def checkins_sent(fake: FakeBotApi, chat: int = USER) -> list[ApiCall]:
    return [c for c in fake.calls_of("sendMessage") if is_checkin(chat)(c) and c.ok]


def rows(settings: Settings, user: int = USER) -> list[tuple[Any, ...]]:
    with sqlite3.connect(settings.database_path) as db:
        return db.execute(
            "SELECT id, state, reminder_count, answer, attempts FROM followups "
            "WHERE user_id = ? ORDER BY id",
            (user,),
        ).fetchall()


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
    outcome_id = await services.store.finish_quiz(user, "abcd", "q1", "self_care", now)
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


async def test_accepted_checkin_arrives_once_two_days_later_with_three_buttons(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    confirmation = await accept(fake, bot)
    assert confirmation.params["text"] == ACCEPT_DONE.format(
        when="in 2 days, on Sunday 17 January around 08:00 UTC"
    )
    offer_msg = fake.messages(USER)[-2]
    assert fake.buttons(offer_msg) == []  # the offer keyboard is gone
    assert [r[1] for r in rows(settings)] == ["pending"]

    clock.advance(2 * DAY - HOUR)
    await asyncio.sleep(SETTLE)
    assert checkins_sent(fake) == []

    msg = await checkin_arrives(fake, clock, USER)  # well past due now
    assert [label for label, _ in fake.buttons(msg)] == CHECKIN_LABELS
    assert "still hurting after a couple of days" in msg.plain_text
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
    assert again.params["text"] == ACCEPT_ALREADY.format(
        when="in 2 days, on Sunday 17 January around 08:00 UTC"
    )
    assert len(rows(settings)) == 1


async def test_decline_thanks_and_removes_the_keyboard(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    msg, _ = await offer(fake, bot)
    mark = fake.mark()
    fake.press(msg, DECLINE_LABEL)
    thanks = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    assert thanks.params["text"] == DECLINE_DONE
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
    await fake.send_and_wait(USER, "/forget")
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
    assert shown.params["text"] == (
        "Your next check-in is due in 2 days, on Sunday 17 January around 08:00 UTC."
    )
    msg = fake.last_message(USER)
    mark = fake.mark()
    answered = await press(fake, msg, "Cancel this check-in")
    assert not answered.params.get("text")
    await fake.wait_for("editMessageText", after=mark)
    assert msg.plain_text == CANCEL_DONE and fake.buttons(msg) == []
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
    assert none.params["text"] == FOLLOWUP_NONE and "/quiz" in FOLLOWUP_NONE


async def test_followup_without_a_checkin_suggests_the_quiz(fake: FakeBotApi, bot: Any) -> None:
    call = await fake.send_and_wait(USER, "/followup")
    assert call.params["text"] == FOLLOWUP_NONE
    assert "reply_markup" not in call.params


async def test_the_real_quiz_offer_leads_to_one_checkin(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    """The whole path: /quiz, an ordinary outcome with its offer, accept, two days, check-in."""
    qm = await start_quiz(fake, USER)
    await qm.walk([*NO_RED_FLAGS, *ORDINARY_PATHS[0][0]])
    # Topic buttons first, then the check-in offer.
    assert [label for label, _ in fake.buttons(qm.msg)][-2:] == [ACCEPT_LABEL, DECLINE_LABEL]
    mark = fake.mark()
    fake.press(qm.msg, ACCEPT_LABEL)
    confirmation = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    assert confirmation.params["text"].startswith("🔔 Done. I'll check on you in 2 days")
    await until(lambda: fake.buttons(qm.msg) == [])  # the offer is gone from the outcome
    msg = await checkin_arrives(fake, clock)
    assert [label for label, _ in fake.buttons(msg)] == CHECKIN_LABELS
    await asyncio.sleep(SETTLE)
    assert len(checkins_sent(fake)) == 1
    with sqlite3.connect(settings.database_path) as db:
        (outcome_id,) = db.execute("SELECT id FROM quiz_outcomes").fetchone()
        linked = db.execute("SELECT outcome_id FROM followups").fetchall()
    assert linked == [(outcome_id,)]


# -- the three answers --------------------------------------------------------------------


async def test_better_now_thanks_closes_and_mentions_stretch(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    await accept(fake, bot)
    msg = await checkin_arrives(fake, clock)
    mark = fake.mark()
    await press(fake, msg, "🙂 Better now")
    reply = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    assert reply.params["text"] == BETTER_REPLY and "/stretch" in BETTER_REPLY
    assert msg.text == answered_checkin(CHECKIN_BETTER) and fake.buttons(msg) == []
    assert "Your answer: 🙂 Better now" in msg.plain_text
    assert [(r[1], r[3]) for r in rows(settings)] == [("sent", "better")]
    # A second press on the same check-in (e.g. an old copy of the keyboard) is stale.
    mark = fake.mark()
    fake.push_callback(
        USER, msg.message_id, encode_callback(CheckinAnswer(rows(settings)[0][0], "hurting"))
    )
    again = await fake.wait_for("answerCallbackQuery", after=mark)
    assert again.params["text"] == BUTTON_EXPIRED
    assert [r[3] for r in rows(settings)] == ["better"]


async def test_still_hurting_sends_red_flags_first_then_doctor_advice(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    await accept(fake, bot)
    msg = await checkin_arrives(fake, clock)
    mark = fake.mark()
    await press(fake, msg, "😣 Still hurting")
    reply = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    text = reply.params["text"]
    assert render_red_flags() in text and HURTING_ADVICE in text
    assert text.index(render_red_flags()) < text.index(HURTING_ADVICE)  # red flags win
    assert "Your answer: 😣 Still hurting" in msg.plain_text and fake.buttons(msg) == []
    assert [r[3] for r in rows(settings)] == ["hurting"]
    await asyncio.sleep(SETTLE)
    assert [c for c in fake.calls if not c.ok and c.method != "getUpdates"] == []


async def test_remind_me_later_schedules_more_up_to_max_reminders(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    assert settings.max_reminders == 3
    await accept(fake, bot)
    for reminder in range(1, 4):
        msg = await checkin_arrives(fake, clock)
        # the first check-in follows the quiz; later ones are the reminders the user asked for
        assert msg.text == (CHECKIN_MESSAGE if reminder == 1 else REMINDER_MESSAGE)
        mark = fake.mark()
        await press(fake, msg, "⏰ Remind me in 2 more days")
        reply = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
        assert reply.params["text"].startswith("Of course. I'll check on you again in 2 days")
        assert rows(settings)[-1][1:3] == ("pending", reminder)
    msg = await checkin_arrives(fake, clock)
    assert msg.text == REMINDER_MESSAGE
    mark = fake.mark()
    await press(fake, msg, "⏰ Remind me in 2 more days")
    edit = await fake.wait_for("editMessageText", after=mark)
    assert edit.params["text"] == answered_checkin("later", 3)
    reply = await fake.wait_for("sendMessage", predicate=to(USER), after=mark)
    assert reply.params["text"] == LATER_LIMIT and "doctor" in LATER_LIMIT
    assert [(r[1], r[2], r[3]) for r in rows(settings)] == [
        ("sent", 0, "later"),
        ("sent", 1, "later"),
        ("sent", 2, "later"),
        ("sent", 3, "later"),
    ]
    clock.advance(5 * DAY)
    await asyncio.sleep(SETTLE)
    assert len(checkins_sent(fake)) == 4


async def test_another_users_press_on_a_checkin_is_expired(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    await accept(fake, bot)
    msg = await checkin_arrives(fake, clock)
    await fake.send_and_wait(OTHER, "/start")
    answered = await press(fake, msg, "🙂 Better now", user=OTHER)
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
    call = await fake.send_and_wait(USER, "/forget")
    assert call.params["text"] == FORGET_DONE
    answered = await press(fake, msg, "😣 Still hurting")
    assert answered.params["text"] == BUTTON_EXPIRED
    # A check-in accepted again, then forgotten before it is due, never arrives.
    await accept(fake, bot)
    await fake.send_and_wait(USER, "/forget")
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
    with sqlite3.connect(settings.database_path) as db:
        assert db.execute("SELECT blocked FROM users WHERE user_id = ?", (USER,)).fetchone() == (1,)
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
        (10 * 60, "in 10 minutes, today around 08:10 UTC"),
        (5 * HOUR, "in 5 hours, today around 13:00 UTC"),
        (20 * HOUR, "in 20 hours, tomorrow around 04:00 UTC"),
        (2 * DAY, "in 2 days, on Sunday 17 January around 08:00 UTC"),
        (2 * DAY + 7 * 60, "in 2 days, on Sunday 17 January around 08:00 UTC"),
        (2 * DAY - 30 * 60, "in 2 days, on Sunday 17 January around 07:30 UTC"),
        (400 * DAY, "in 400 days, on Saturday 19 February 2028 around 08:00 UTC"),
    ],
)
def test_describe_due_is_human_friendly(delta: int, expected: str) -> None:
    assert describe_due(NOW + delta, NOW) == expected


def test_checkin_texts_are_valid_telegram_html() -> None:
    texts = [
        CHECKIN_MESSAGE,
        BETTER_REPLY,
        DECLINE_DONE,
        FOLLOWUP_NONE,
        CANCEL_DONE,
        LATER_LIMIT,
        *render_hurting_reply(),
        *(answered_checkin(a) for a in ("better", "hurting", "later")),
        *(
            t.format(when=describe_due(NOW + 2 * DAY, NOW))
            for t in (ACCEPT_DONE, ACCEPT_ALREADY, LATER_DONE, LATER_ALREADY, FOLLOWUP_PENDING)
        ),
    ]
    for text in texts:
        plain, _ = parse_html(text)
        assert plain.strip() and len(text) <= 4096
    assert "two days since your knee quiz" in CHECKIN_MESSAGE
    assert "worth seeing a doctor" in CHECKIN_MESSAGE
