"""End to end: the button-driven symptom quiz through the fake Bot API server.

Every test talks to the real Application as a user would (send /quiz, press buttons) and checks
what the fake Telegram recorded and what the SQLite database holds.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from bot.config import Settings
from bot.keyboards import (
    AcceptCheckin,
    DeclineCheckin,
    QuizAnswer,
    QuizBack,
    QuizCancel,
    ShowSummary,
    ShowTopic,
    encode_callback,
    parse_callback,
)
from bot.quiz_flow import question_shown
from knowledge import quiz
from knowledge.outcome_render import render_outcome
from knowledge.quiz import Outcome
from knowledge.quiz_render import QUIZ_CANCELLED, render_question
from knowledge.texts import (
    BUTTON_EXPIRED,
    BUTTON_MENU,
    BUTTON_QUIZ,
    BUTTON_WARNING_SIGNS,
    EMERGENCY_LINE,
)
from knowledge.triage import outcome_code
from tests import dbrows
from tests.fakebot import ApiCall, FakeBotApi, SentMessage
from tests.harness import ManualClock, run_bot

USER = 5151
OTHER = 6262
GROUP = -1001234567890

# --- helpers ---------------------------------------------------------------------------------


def db_rows(settings: Settings, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return dbrows.db_rows(settings, sql, params)


def sessions(settings: Settings) -> list[tuple[Any, ...]]:
    """(user_id, chat_id, nonce, message_id, state) of every quiz in progress."""
    return db_rows(
        settings,
        "SELECT user_id, chat_id, nonce, message_id, state FROM quiz_sessions ORDER BY user_id",
    )


def outcomes(settings: Settings) -> list[tuple[Any, ...]]:
    """(id, user_id, outcome_code, created_at) of every recorded outcome."""
    return db_rows(
        settings, "SELECT id, user_id, outcome_code, created_at FROM quiz_outcomes ORDER BY id"
    )


def failed_calls(fake: FakeBotApi) -> list[ApiCall]:
    """API calls the fake rejected, except the long poll PTB abandons when it stops (499)."""
    return [
        c for c in fake.calls if not c.ok and not (c.method == "getUpdates" and c.status == 499)
    ]


def expected_outcome(answers: list[str]) -> Outcome:
    state = quiz.start()
    for aid in answers:
        question = quiz.current(state)
        assert isinstance(question, quiz.Question)
        state = quiz.answer(state, question.id, aid)
    result = quiz.current(state)
    assert isinstance(result, Outcome)
    return result


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@dataclass
class QuizMessage:
    """The one quiz message in a chat, and a user pressing its buttons."""

    fake: FakeBotApi
    chat: int
    message_id: int
    user: int = USER

    @property
    def msg(self) -> SentMessage:
        return self.fake.message(self.chat, self.message_id)

    def data(self) -> list[str]:
        return [data for _, data in self.fake.buttons(self.msg)]

    def actions(self) -> list[object]:
        return [parse_callback(data) for data in self.data()]

    @property
    def nonce(self) -> str:
        for action in self.actions():
            if isinstance(action, QuizAnswer | QuizBack | QuizCancel):
                return action.nonce
        raise AssertionError(f"no quiz buttons on the message: {self.data()}")

    def question(self) -> str | None:
        """The id of the question the message shows now."""
        return question_shown(self.data(), self.nonce)

    def answer_data(self, answer_id: str) -> str:
        for data in self.data():
            action = parse_callback(data)
            if isinstance(action, QuizAnswer) and action.answer == answer_id:
                return data
        raise AssertionError(f"no answer {answer_id!r} on the message: {self.data()}")

    def edits(self) -> list[ApiCall]:
        return [
            c
            for c in self.fake.calls_of("editMessageText")
            if c.params.get("chat_id") == self.chat
            and c.params.get("message_id") == self.message_id
        ]

    async def tap(self, data: str, *, user: int | None = None, edit: bool = True) -> ApiCall:
        """Press a button with this data; return the callback answer (and wait for the edit)."""
        mark = self.fake.mark()
        query_id = self.fake.push_callback(
            self.user if user is None else user, self.message_id, data, chat_id=self.chat
        )
        answered = await self.fake.wait_for(
            "answerCallbackQuery",
            predicate=lambda c: c.params.get("callback_query_id") == query_id,
            after=mark,
        )
        if edit:
            await self.fake.wait_for("editMessageText", after=mark)
        return answered

    async def answer(self, answer_id: str) -> ApiCall:
        return await self.tap(self.answer_data(answer_id))

    async def walk(self, answers: list[str]) -> list[str]:
        """Answer question after question; return the ids of the questions answered."""
        asked = []
        for aid in answers:
            question = self.question()
            assert question is not None
            asked.append(question)
            answered = await self.answer(aid)
            assert answered.ok and answered.params.get("text") != BUTTON_EXPIRED
        return asked

    async def settle(self) -> None:
        """Wait until the bot has handled everything sent so far (updates run in order)."""
        await self.tap("settle:garbage", edit=False)


async def start_quiz(fake: FakeBotApi, user: int = USER, chat: int | None = None) -> QuizMessage:
    """Send /quiz; return the quiz message once the bot has finished handling the command."""
    chat = user if chat is None else chat
    mark = fake.mark()
    fake.push_message(user, "/quiz", chat_id=None if chat == user else chat)
    call = await fake.wait_for(
        "sendMessage",
        predicate=lambda c: (
            c.params.get("chat_id") == chat
            and str(c.params.get("text", "")).startswith("<b>Question 1</b>")
        ),
        after=mark,
    )
    assert call.ok
    qm = QuizMessage(fake, chat, int(call.result["message_id"]), user)
    await qm.settle()  # the message id is stored after the message is sent
    return qm


def quiz_messages_sent(fake: FakeBotApi, chat: int) -> list[ApiCall]:
    return [
        c
        for c in fake.calls_of("sendMessage")
        if c.params.get("chat_id") == chat and "<b>Question 1</b>" in str(c.params.get("text"))
    ]


@pytest.fixture
def no_errors(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Capture logs for the whole test; fail on any ERROR record."""
    with caplog.at_level(logging.INFO):
        yield caplog
    assert errors_logged(caplog) == []


# --- warning signs: each tier's screen -------------------------------------------------------

# Taps from the first screen -> the stored outcome code.
CARE_TODAY_PATHS = [
    (["breath"], "emergency:clot_lung"),
    (["foot"], "emergency:blocked_artery"),
    (["weak"], "emergency:new_numb_weak"),
    (["tingle", "n"], "urgent:new_tingling"),
    (["tingle", "injury"], "emergency:numb_after_injury"),
    (["calf"], "urgent:clot_signs"),
    (["calfpain"], "urgent:clot_pain"),
    (["hot", "y"], "urgent:hot_knee_fever"),
    (["weight"], "urgent:cant_bear_weight"),
    (["locked"], "urgent:locked_knee"),
    (["swollen"], "urgent:knee_swollen_shape"),
    (["fever"], "urgent:fever"),
    (["ns", "breath", "ns", "n"], "urgent:unsure_emergency"),
    (["ns", "calf", "ns", "n"], "urgent:unsure_same_day"),
    # Two doubts: the first cleared by its check, the second real.
    (["ns", "foot", "n", "calf", "swollen", "n"], "urgent:clot_signs"),
    (["ns", "breath", "n", "foot", "cold"], "emergency:blocked_artery"),
    (["n", "calf", "pill", "y"], "urgent:clot_pain"),
    (["n", "back", "pill"], "urgent:clot_risk_behind"),
    (["n", "back", "n", "gradual", "gt2w", "pulse"], "urgent:pulsing_lump"),
]


def expected_questions(answers: list[str]) -> list[str]:
    """The ids of the questions the quiz asks on the way, for these answer ids."""
    state, asked = quiz.start(), []
    for aid in answers:
        question = quiz.current(state)
        assert isinstance(question, quiz.Question)
        asked.append(question.id)
        state = quiz.answer(state, question.id, aid)
    return asked


@pytest.mark.parametrize("answers, code", CARE_TODAY_PATHS, ids=[c for _, c in CARE_TODAY_PATHS])
async def test_care_today_ends_the_quiz_with_its_screen_and_no_checkin(
    fake: FakeBotApi,
    bot: Any,
    settings: Settings,
    clock: ManualClock,
    no_errors: pytest.LogCaptureFixture,
    answers: list[str],
    code: str,
) -> None:
    qm = await start_quiz(fake)
    clock.advance(30)
    asked = await qm.walk(answers)
    assert asked == expected_questions(answers)

    outcome = expected_outcome(answers)
    assert outcome.needs_care_today and outcome_code(outcome) == code
    assert qm.msg.text == render_outcome(outcome)
    # Never a two-day check-in when care is needed today.
    assert not any(isinstance(a, AcceptCheckin | DeclineCheckin) for a in qm.actions())
    if outcome.tier == "emergency":
        # The number first, and nothing to tap that could distract.
        assert qm.msg.plain_text.startswith(f"🚨 {EMERGENCY_LINE}")
        assert qm.msg.reply_markup is None
    else:
        assert qm.msg.plain_text.startswith("⚠️ Please get checked today.")
        assert fake.url_buttons(qm.msg) == [("🌐 NHS 111 online (UK)", "https://111.nhs.uk/")]
        ((outcome_id, *_),) = outcomes(settings)
        # The summary for a doctor comes with the outcome, in the same edit.
        assert qm.actions() == [ShowSummary(outcome_id), ShowTopic("doctor")]
    # The last press also pops up what to do now.
    last_answer = fake.calls_of("answerCallbackQuery")[-1]
    assert last_answer.params.get("show_alert") is True
    assert last_answer.params["text"] == (
        EMERGENCY_LINE if outcome.tier == "emergency" else outcome.advice[0]
    )
    assert ("999" in last_answer.params["text"]) == (outcome.tier == "emergency")

    assert outcomes(settings) == [(1, USER, code, int(clock.now))]
    assert sessions(settings) == []
    assert len(qm.edits()) == len(answers)
    assert len(quiz_messages_sent(fake, USER)) == 1
    assert failed_calls(fake) == []


# --- ordinary paths --------------------------------------------------------------------------

NO_RED_FLAGS = ["n"]  # "None of these" on the warning-sign screen

# Answers after "None of these" -> outcome code. The first is the check-in tests' path.
ORDINARY_PATHS = [
    (["back", "n", "gradual", "d3w2", "lump", "stiff"], "gp_soon:cyst+other+doctor"),
    (["front", "overuse", "d3w2", "n", "stairs"], "self_care:runners"),
    (["calf", "n", "gradual", "d3w2", "n", "cramps"], "self_care:cramps+stretch"),
    (["side", "injury", "lt3d", "n", "clicks"], "self_care:other+rice"),
    (["all", "ns", "gt2w", "n", "n"], "gp_soon:causes+doctor"),
    (["back", "n", "ns", "d3w2", "n", "n"], "self_care:causes"),
]


@pytest.mark.parametrize("ordinary, code", ORDINARY_PATHS, ids=[c for _, c in ORDINARY_PATHS])
async def test_an_ordinary_path_edits_one_message_to_its_topics(
    fake: FakeBotApi,
    bot: Any,
    settings: Settings,
    clock: ManualClock,
    no_errors: pytest.LogCaptureFixture,
    ordinary: list[str],
    code: str,
) -> None:
    mark = fake.mark()
    qm = await start_quiz(fake)
    presses = fake.mark()
    answers = [*NO_RED_FLAGS, *ordinary]

    asked = await qm.walk(answers)
    assert asked == expected_questions(answers)
    assert asked[0] == "warn" and len(asked) <= 8

    outcome = expected_outcome(answers)
    assert outcome_code(outcome) == code and not outcome.needs_care_today
    # The topics are shown as commands, in the order of the outcome code.
    shown = qm.msg.plain_text
    keys = code.partition(":")[2].split("+")
    positions = [shown.index(f"/{key} — ") for key in keys]
    assert positions == sorted(positions)
    assert qm.msg.text == render_outcome(outcome)
    assert shown.count("can't diagnose you") == 1
    # The verdict first, in one line (issue 20): what to do now, then the topics.
    title = "🩺 Book a GP appointment" if outcome.tier == "gp_soon" else "🙂 Self-care for now."
    assert shown.startswith(title)

    ((outcome_id, user, stored_code, created_at),) = outcomes(settings)
    assert (user, stored_code, created_at) == (USER, code, int(clock.now))
    assert sessions(settings) == []
    # Below the outcome: a button per topic, then the check-in offer for this outcome.
    assert qm.actions() == [
        ShowSummary(outcome_id),
        *(ShowTopic(key) for key in keys),
        AcceptCheckin(outcome_id),
        DeclineCheckin(outcome_id),
    ]
    assert fake.url_buttons(qm.msg) == []

    # One message for the whole quiz, edited once per answer.
    sent = [c for c in fake.calls_of("sendMessage") if c.index >= mark]
    assert len(sent) == 1
    assert len(qm.edits()) == len(answers) == len(fake.calls_of("editMessageText"))
    assert all(c.params["parse_mode"] == "HTML" for c in qm.edits())
    answered = [c for c in fake.calls_of("answerCallbackQuery") if c.index >= presses]
    assert len(answered) == len(answers) and all(c.ok for c in answered)
    assert all(not c.params.get("show_alert") for c in answered)
    assert failed_calls(fake) == []


async def test_doubts_cleared_one_by_one_then_the_quiz_goes_on(
    fake: FakeBotApi,
    bot: Any,
    settings: Settings,
    no_errors: pytest.LogCaptureFixture,
) -> None:
    """Not sure about the calf and standing on it: each is checked, then "anything else?"."""
    qm = await start_quiz(fake)
    await qm.walk(["ns", "calf", "n"])
    assert qm.question() == "unsure2"
    assert "Anything else you're not sure about?" in qm.msg.plain_text
    labels = [label for label, _ in fake.buttons(qm.msg)]
    assert "The calf" not in labels and "The foot's colour or feeling" in labels
    assert "No, nothing else" in labels
    answers = ["walk", "y", "n", "front", "overuse", "d3w2", "n", "stairs"]
    asked = await qm.walk(answers)
    assert asked[:3] == ["unsure2", "chk_walk", "unsure3"]
    outcome = expected_outcome(["ns", "calf", "n", *answers])
    assert outcome_code(outcome) == "self_care:runners"
    assert qm.msg.text == render_outcome(outcome)
    ((outcome_id, _, code, _),) = outcomes(settings)
    assert code == "self_care:runners"
    assert qm.actions() == [
        ShowSummary(outcome_id),
        ShowTopic("runners"),
        AcceptCheckin(outcome_id),
        DeclineCheckin(outcome_id),
    ]
    assert failed_calls(fake) == []


async def test_a_topic_button_under_the_outcome_opens_the_topic(
    fake: FakeBotApi, bot: Any, no_errors: pytest.LogCaptureFixture
) -> None:
    qm = await start_quiz(fake)
    await qm.walk([*NO_RED_FLAGS, *ORDINARY_PATHS[0][0]])
    mark = fake.mark()
    fake.press(qm.msg, "Baker's cyst")
    sent = await fake.wait_for("sendMessage", after=mark)
    assert "Baker" in str(sent.params["text"])
    assert failed_calls(fake) == []


async def test_each_screen_says_which_question_it_is(fake: FakeBotApi, bot: Any) -> None:
    qm = await start_quiz(fake)
    state = quiz.start()
    for aid in [*NO_RED_FLAGS, *ORDINARY_PATHS[2][0][:-1]]:
        question = quiz.current(state)
        assert isinstance(question, quiz.Question)
        assert qm.msg.text == render_question(state, question)
        assert qm.question() == question.id
        await qm.answer(aid)
        state = quiz.answer(state, question.id, aid)
    assert qm.msg.plain_text.startswith("Question 7\n")


# --- Back and Cancel -------------------------------------------------------------------------


async def test_back_goes_one_question_back_and_is_hidden_on_the_first(
    fake: FakeBotApi, bot: Any, settings: Settings, no_errors: pytest.LogCaptureFixture
) -> None:
    qm = await start_quiz(fake)
    nonce = qm.nonce
    assert QuizBack(nonce) not in qm.actions()
    assert QuizCancel(nonce) in qm.actions()

    await qm.walk([*NO_RED_FLAGS, "front"])
    assert qm.question() == "onset"
    assert sessions(settings)[0][4] == "warn=n;where=front"

    await qm.tap(encode_callback(QuizBack(nonce)))
    assert qm.question() == "where"
    assert sessions(settings)[0][4] == "warn=n"
    # A different answer this time, and the quiz carries on from there (calf: risk factors).
    await qm.walk(["calf", "n"])
    assert sessions(settings)[0][4] == "warn=n;where=calf;risk=n"
    assert qm.question() == "onset"

    # Back all the way to the start: there Back is no longer offered.
    for _ in range(3):
        await qm.tap(encode_callback(QuizBack(nonce)))
    assert qm.question() == "warn"
    assert QuizBack(nonce) not in qm.actions()
    assert sessions(settings) == [(USER, USER, nonce, qm.message_id, "")]
    assert outcomes(settings) == []
    assert failed_calls(fake) == []


async def test_cancel_edits_the_message_and_deletes_the_session(
    fake: FakeBotApi, bot: Any, settings: Settings, no_errors: pytest.LogCaptureFixture
) -> None:
    qm = await start_quiz(fake)
    nonce = qm.nonce
    await qm.walk(["n", "front", "gradual"])
    assert len(sessions(settings)) == 1
    old_answer = qm.answer_data("d3w2")

    answered = await qm.tap(encode_callback(QuizCancel(nonce)))
    assert answered.ok and answered.params.get("text") is None
    assert qm.msg.plain_text == QUIZ_CANCELLED
    assert [label for label, _ in fake.buttons(qm.msg)] == [
        BUTTON_WARNING_SIGNS,
        BUTTON_QUIZ,
        BUTTON_MENU,
    ]
    assert sessions(settings) == []
    assert outcomes(settings) == []

    # The buttons of the cancelled quiz have expired.
    for data in (old_answer, encode_callback(QuizCancel(nonce))):
        late = await qm.tap(data, edit=False)
        assert late.params["text"] == BUTTON_EXPIRED
    await qm.settle()
    assert len(qm.edits()) == 4
    assert failed_calls(fake) == []


# --- restart ---------------------------------------------------------------------------------


async def test_a_restart_in_the_middle_loses_nothing(
    fake: FakeBotApi,
    settings: Settings,
    clock: ManualClock,
    no_errors: pytest.LogCaptureFixture,
) -> None:
    answers = [*NO_RED_FLAGS, *ORDINARY_PATHS[0][0]]
    async with run_bot(settings, clock) as first_app:
        qm = await start_quiz(fake)
        await qm.walk(answers[:4])
        before = sessions(settings)
    assert not first_app.running
    # Stopped: the quiz in progress is a row on disk, at the 5th question.
    assert before == sessions(settings)
    ((user, chat, nonce, message_id, state),) = before
    assert (user, chat, message_id) == (USER, USER, qm.message_id)
    assert state == "warn=n;where=back;risk=n;onset=gradual"

    clock.advance(3600)
    async with run_bot(settings, clock) as second_app:
        assert second_app is not first_app
        # The old message's next button, pressed on the new process, continues the quiz.
        assert qm.question() == "howlong" and qm.nonce == nonce
        await qm.answer("d3w2")
        assert qm.question() == "more"
        assert sessions(settings)[0][4] == f"{state};howlong=d3w2"
        asked = await qm.walk(answers[5:])
        assert asked == ["more", "feel"]

    outcome = expected_outcome(answers)
    assert qm.msg.text == render_outcome(outcome)
    ((outcome_id, _, code, created_at),) = outcomes(settings)
    assert (code, created_at) == (ORDINARY_PATHS[0][1], int(clock.now))
    assert qm.actions()[-2:] == [AcceptCheckin(outcome_id), DeclineCheckin(outcome_id)]
    assert sessions(settings) == []
    assert len(qm.edits()) == len(answers)
    assert len(quiz_messages_sent(fake, USER)) == 1
    assert failed_calls(fake) == []


# --- the /start button -----------------------------------------------------------------------


async def test_take_the_quiz_button_on_start_begins_the_quiz(
    fake: FakeBotApi, bot: Any, settings: Settings, no_errors: pytest.LogCaptureFixture
) -> None:
    await fake.send_and_wait(USER, "/start")
    menu = fake.last_message(USER)
    mark = fake.mark()
    query_id = fake.press(menu, "🩺 Take the quiz")
    answered = await fake.wait_for("answerCallbackQuery", after=mark)
    assert answered.params["callback_query_id"] == query_id
    assert answered.params.get("text") is None
    sent = await fake.wait_for("sendMessage", after=mark)
    qm = QuizMessage(fake, USER, int(sent.result["message_id"]))
    await qm.settle()

    assert qm.message_id != menu.message_id
    assert qm.question() == "warn"
    assert sessions(settings) == [(USER, USER, qm.nonce, qm.message_id, "")]
    assert fake.message(USER, menu.message_id).edited == 0  # the menu stays as it was

    await qm.walk(["breath"])
    assert outcomes(settings)[0][2] == "emergency:clot_lung"
    assert failed_calls(fake) == []


# --- a new /quiz, stale, forged, doubled and foreign presses ---------------------------------


async def test_quiz_again_starts_afresh_and_old_buttons_expire(
    fake: FakeBotApi, bot: Any, settings: Settings, no_errors: pytest.LogCaptureFixture
) -> None:
    old = await start_quiz(fake)
    await old.walk(["n", "front"])
    old_data = old.answer_data("gradual")
    new = await start_quiz(fake)
    assert new.message_id != old.message_id
    assert new.nonce != old.nonce
    assert new.question() == "warn"
    assert sessions(settings) == [(USER, USER, new.nonce, new.message_id, "")]

    late = await old.tap(old_data, edit=False)
    assert late.params["text"] == BUTTON_EXPIRED
    await old.settle()
    assert sessions(settings) == [(USER, USER, new.nonce, new.message_id, "")]
    assert len(old.edits()) == 2 and new.edits() == []
    assert failed_calls(fake) == []


def _forged(nonce: str) -> list[str]:
    return [
        "",
        "garbage",
        "1a:zzzz9999:warn:n",  # another nonce
        f"1a:{nonce}:where:back",  # a question not asked yet
        f"1a:{nonce}:chk_calf:ns",  # a follow-up nobody asked for
        f"1a:{nonce}:warn:maybe",  # not an answer to it
        f"1a:{nonce}:nosuchq:y",  # no such question
        f"1b:{nonce}",  # Back on the first question
        f"2a:{nonce}:warn:n",  # an unknown version
        f"1a:{nonce}:warn:n " + "x" * 60,  # oversized (over 64 bytes)
        f"1a:{nonce.upper()}:warn:n",  # not our alphabet
        f"1a:{nonce}:warn:n:extra",
        "1a:" + "é" * 30,  # multi-byte garbage
    ]


async def test_stale_forged_and_oversized_data_is_answered_politely(
    fake: FakeBotApi, bot: Any, settings: Settings, no_errors: pytest.LogCaptureFixture
) -> None:
    qm = await start_quiz(fake)
    before = sessions(settings)
    forged = _forged(qm.nonce)
    assert any(len(d.encode()) > 64 for d in forged)
    for data in forged:
        answered = await qm.tap(data, edit=False)
        assert answered.ok, data
        assert answered.params["text"] == BUTTON_EXPIRED, data
    await qm.settle()
    assert qm.edits() == []
    assert sessions(settings) == before
    assert outcomes(settings) == []
    # The quiz itself still works afterwards.
    await qm.walk(["n"])
    assert qm.question() == "where"
    assert failed_calls(fake) == []


async def test_a_double_tap_advances_once(
    fake: FakeBotApi, bot: Any, settings: Settings, no_errors: pytest.LogCaptureFixture
) -> None:
    qm = await start_quiz(fake)
    data = qm.answer_data("n")
    mark = fake.mark()
    first = fake.push_callback(USER, qm.message_id, data)
    second = fake.push_callback(USER, qm.message_id, data)
    await qm.settle()
    answers = {c.params["callback_query_id"]: c for c in fake.calls_of("answerCallbackQuery")}
    assert answers[first].params.get("text") is None
    assert answers[second].params["text"] == BUTTON_EXPIRED
    assert len([c for c in qm.edits() if c.index >= mark]) == 1
    assert sessions(settings)[0][4] == "warn=n"
    assert qm.question() == "where"
    assert failed_calls(fake) == []


async def test_a_double_tap_on_back_goes_back_once(
    fake: FakeBotApi, bot: Any, settings: Settings, no_errors: pytest.LogCaptureFixture
) -> None:
    qm = await start_quiz(fake)
    await qm.walk(["n", "front", "gradual"])
    back = encode_callback(QuizBack(qm.nonce))
    first = fake.push_callback(USER, qm.message_id, back)
    second = fake.push_callback(USER, qm.message_id, back)
    await qm.settle()
    answers = {c.params["callback_query_id"]: c for c in fake.calls_of("answerCallbackQuery")}
    assert answers[first].params.get("text") is None
    assert answers[second].params["text"] == BUTTON_EXPIRED
    assert sessions(settings)[0][4] == "warn=n;where=front"
    assert qm.question() == "onset"
    assert failed_calls(fake) == []


async def test_a_double_tap_on_the_last_answer_records_one_outcome(
    fake: FakeBotApi, bot: Any, settings: Settings, no_errors: pytest.LogCaptureFixture
) -> None:
    qm = await start_quiz(fake)
    data = qm.answer_data("locked")  # knee stuck: same-day care
    first = fake.push_callback(USER, qm.message_id, data)
    second = fake.push_callback(USER, qm.message_id, data)
    await qm.settle()
    answers = {c.params["callback_query_id"]: c for c in fake.calls_of("answerCallbackQuery")}
    assert answers[first].params.get("show_alert") is True
    assert answers[second].params["text"] == BUTTON_EXPIRED
    assert [row[2] for row in outcomes(settings)] == ["urgent:locked_knee"]
    assert len(qm.edits()) == 1
    assert failed_calls(fake) == []


async def test_a_button_from_a_finished_quiz_has_expired(
    fake: FakeBotApi, bot: Any, settings: Settings, no_errors: pytest.LogCaptureFixture
) -> None:
    qm = await start_quiz(fake)
    nonce = qm.nonce
    await qm.walk(NO_RED_FLAGS)
    stale = [qm.answer_data("back"), encode_callback(QuizBack(nonce))]
    await qm.walk(ORDINARY_PATHS[0][0])
    assert outcomes(settings)[0][2] == ORDINARY_PATHS[0][1]
    finished = qm.msg.text
    stale.append(encode_callback(QuizCancel(nonce)))

    # Even with a new quiz in progress, the old quiz's buttons stay dead.
    fresh = await start_quiz(fake)
    for data in stale:
        late = await qm.tap(data, edit=False)
        assert late.params["text"] == BUTTON_EXPIRED
    await qm.settle()
    assert qm.msg.text == finished
    assert len(qm.edits()) == 7  # the ordinary path: 7 answers
    assert sessions(settings) == [(USER, USER, fresh.nonce, fresh.message_id, "")]
    assert len(outcomes(settings)) == 1
    assert failed_calls(fake) == []


async def test_another_user_cannot_press_someones_quiz(
    fake: FakeBotApi, bot: Any, settings: Settings, no_errors: pytest.LogCaptureFixture
) -> None:
    # In a group, USER takes the quiz; OTHER presses its buttons.
    qm = await start_quiz(fake, USER, chat=GROUP)
    await qm.walk(["n"])
    before = sessions(settings)

    for data in (qm.answer_data("back"), encode_callback(QuizBack(qm.nonce))):
        pressed = await qm.tap(data, user=OTHER, edit=False)
        assert pressed.params["text"] == BUTTON_EXPIRED
    # Still refused when OTHER has a quiz of their own going.
    own = await start_quiz(fake, OTHER, chat=GROUP)
    pressed = await qm.tap(encode_callback(QuizCancel(qm.nonce)), user=OTHER, edit=False)
    assert pressed.params["text"] == BUTTON_EXPIRED
    # ... and OTHER's own buttons cannot be replayed on USER's message either.
    pressed = await qm.tap(own.answer_data("n"), user=OTHER, edit=False)
    assert pressed.params["text"] == BUTTON_EXPIRED
    await qm.settle()

    assert len(qm.edits()) == 1 and own.edits() == []
    assert sessions(settings) == sorted([*before, (OTHER, GROUP, own.nonce, own.message_id, "")])
    # The owner carries on undisturbed.
    await qm.walk(["front"])
    assert qm.question() == "onset"
    assert failed_calls(fake) == []


# --- the quiz message is gone ----------------------------------------------------------------


@pytest.mark.parametrize("answer_id", ["n", "breath"], ids=["next-question", "emergency"])
async def test_if_the_message_cannot_be_edited_the_screen_comes_as_a_new_message(
    fake: FakeBotApi,
    bot: Any,
    settings: Settings,
    no_errors: pytest.LogCaptureFixture,
    answer_id: str,
) -> None:
    qm = await start_quiz(fake)
    fake.fail_next("editMessageText", 400, "Bad Request: message to edit not found")
    mark = fake.mark()
    await qm.tap(qm.answer_data(answer_id), edit=False)
    sent = await fake.wait_for("sendMessage", after=mark)
    await qm.settle()
    moved = QuizMessage(fake, USER, int(sent.result["message_id"]))
    assert moved.message_id != qm.message_id
    assert "could not edit the quiz message" in no_errors.text
    if answer_id == "breath":
        assert moved.msg.text == render_outcome(expected_outcome(["breath"]))
        assert moved.msg.reply_markup is None
        assert outcomes(settings)[0][2] == "emergency:clot_lung"
        return
    # The quiz carries on in the new message, and the old one's buttons have expired.
    assert moved.question() == "where"
    assert sessions(settings) == [(USER, USER, qm.nonce, moved.message_id, "warn=n")]
    late = await qm.tap(qm.answer_data("n"), edit=False)
    assert late.params["text"] == BUTTON_EXPIRED
    await moved.walk(["front"])
    assert moved.question() == "onset"
    assert [c.description for c in failed_calls(fake)] == ["Bad Request: message to edit not found"]
