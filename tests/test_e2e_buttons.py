"""End to end: every kind of button pressed once through the real bot and the emulator.

One person goes through everything a button can do: a topic, the menu, the quiz (an answer,
Back, Cancel), a finished quiz's summary and check-in offer (accept and decline), the check-in
and its re-check, /followup's cancel, the free-text "Do any of these apply?", /forget (keep,
then erase); then a stale button and forged ones. Every callback query is answered exactly once,
the buttons that change their own message edit it in place (it is not sent again), and a stale
or forged press gets the short pop-up and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bot.config import Settings
from bot.keyboards import (
    ACTIONS,
    ForgetAnswer,
    QuizAnswer,
    ShowTopic,
    encode_callback,
    parse_callback,
)
from knowledge.checkin_texts import NONE_OF_THESE
from knowledge.i18n import LANGUAGES
from knowledge.render import render_help
from knowledge.summary_text import SUMMARY_BUTTON
from knowledge.texts import (
    BUTTON_ERASE,
    BUTTON_EXPIRED,
    BUTTON_KEEP,
    BUTTON_MENU,
    BUTTON_OTHER_COUNTRY,
    BUTTON_QUIZ,
    BUTTON_WARNING_SIGNS_LONG,
    FREE_TEXT_CHECK_NONE,
)
from tests.dbrows import db_rows
from tests.fakebot import ApiCall, FakeBotApi, SentMessage
from tests.harness import ManualClock
from tests.test_e2e_followups import (
    ACCEPT_LABEL,
    DECLINE_LABEL,
    RUNNER,
    checkin_arrives,
    finish_real_quiz,
    offer,
)

USER = 5151  # the user of the check-in helpers borrowed from test_e2e_followups
OTHER = 6262

HELPS = frozenset(render_help(code) for code in LANGUAGES)  # /language switches it
Effect = Literal["edit", "send", "expired"]


@dataclass
class Presser:
    """The user pressing buttons; remembers every callback query it made."""

    fake: FakeBotApi
    queries: dict[str, str] = field(default_factory=dict)  # query id -> callback data

    async def settle(self) -> int:
        """Wait until the bot has handled everything sent so far in USER's chat (each chat's
        updates are handled in order); the index of the call that shows it."""
        mark = self.fake.mark()
        self.fake.push_message(USER, "/help")
        call = await self.fake.wait_for(
            "sendMessage",
            predicate=lambda c: c.params.get("chat_id") == USER and c.params["text"] in HELPS,
            after=mark,
        )
        return call.index

    async def tap(
        self, msg: SentMessage, label: str | None = None, *, data: str | None = None
    ) -> tuple[ApiCall, list[ApiCall]]:
        """Press `label` (or push raw `data`) on `msg`; its answer and the calls it caused."""
        if data is None:
            found = [d for text, d in self.fake.buttons(msg) if text == label]
            assert found, f"no button {label!r} on {self.fake.buttons(msg)}"
            data = found[0]
        mark = self.fake.mark()
        query_id = self.fake.push_callback(USER, msg.message_id, data, chat_id=msg.chat_id)
        self.queries[query_id] = data
        answer = await self.fake.wait_for(
            "answerCallbackQuery",
            predicate=lambda c: c.params.get("callback_query_id") == query_id,
            after=mark,
        )
        end = await self.settle()
        caused = [
            c
            for c in self.fake.calls[mark:end]
            if c.method not in ("getUpdates", "answerCallbackQuery")
        ]
        return answer, caused

    async def press(
        self, msg: SentMessage, label: str | None = None, *, data: str | None = None, effect: Effect
    ) -> ApiCall | None:
        """Press and check what it did: `edit` the pressed message in place (and not send its
        new text again), `send` a new message, or `expired`: the pop-up and nothing else.
        The edit or the first new message is returned."""
        before = msg.text
        answer, caused = await self.tap(msg, label, data=data)
        assert answer.ok
        changes = [c for c in caused if c.method.startswith(("send", "edit"))]
        if effect == "expired":
            assert answer.params.get("text") == BUTTON_EXPIRED
            assert changes == [], changes
            assert self.fake.message(msg.chat_id, msg.message_id).text == before
            return None
        assert answer.params.get("text") != BUTTON_EXPIRED
        assert all(c.ok for c in changes), changes
        if effect == "send":
            sent = [c for c in changes if c.method == "sendMessage"]
            assert sent, caused
            return sent[0]
        edits = [c for c in changes if c.method == "editMessageText"]
        assert [int(e.params["message_id"]) for e in edits] == [msg.message_id], caused
        now = self.fake.message(msg.chat_id, msg.message_id)
        assert now.text == edits[0].params["text"] != before and now.edited >= 1
        resent = [c for c in changes if c.method == "sendMessage" and c.params["text"] == now.text]
        assert resent == []
        return edits[0]


def sent_message(fake: FakeBotApi, call: ApiCall | None) -> SentMessage:
    assert call is not None and call.method == "sendMessage"
    return fake.message(int(call.params["chat_id"]), int(call.result["message_id"]))


def with_button(fake: FakeBotApi, label: str) -> SentMessage:
    """The newest message in USER's chat with a button `label`."""
    return next(m for m in reversed(fake.messages(USER)) if label in dict(fake.buttons(m)))


def kinds_of(datas: Any) -> set[str]:
    return {type(a).__name__ for a in map(parse_callback, datas) if a is not None}


async def test_every_kind_of_button_once_then_stale_and_forged_ones(
    fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings
) -> None:
    user = Presser(fake)
    await fake.send_and_wait(OTHER, "/start")  # someone else, whom a forged button targets

    # The /start menu: a topic, the Menu under it, and the quiz from the menu.
    await fake.send_and_wait(USER, "/start")
    menu = fake.last_message(USER)
    page = sent_message(fake, await user.press(menu, BUTTON_WARNING_SIGNS_LONG, effect="send"))
    again = sent_message(fake, await user.press(page, BUTTON_MENU, effect="send"))
    quiz_msg = sent_message(fake, await user.press(again, BUTTON_QUIZ, effect="send"))

    # The quiz message: an answer, Back, Cancel, each editing that one message.
    first_answer = next(
        d
        for _, d in fake.buttons(quiz_msg)
        if isinstance(a := parse_callback(d), QuizAnswer) and a.answer == "n"  # none of these
    )
    await user.press(quiz_msg, data=first_answer, effect="edit")
    await user.press(quiz_msg, "⬅️ Back", effect="edit")
    await user.press(quiz_msg, "✖️ Cancel", effect="edit")

    # A finished quiz: the summary for a doctor, and the check-in offer accepted.
    await finish_real_quiz(fake, USER, RUNNER)
    outcome = fake.last_message(USER)
    await user.settle()
    await user.press(outcome, SUMMARY_BUTTON, effect="send")
    await user.press(outcome, ACCEPT_LABEL, effect="send")

    # Two days later the check-in: "About the same", then "None of these" on the re-check.
    checkin = await checkin_arrives(fake, clock, USER)
    await user.press(checkin, "😐 About the same", effect="edit")
    recheck = with_button(fake, NONE_OF_THESE)
    await user.press(recheck, NONE_OF_THESE, effect="edit")

    # Another offer declined, one more accepted, and /followup's cancel.
    offered, _ = await offer(fake, bot, USER)
    await user.press(offered, DECLINE_LABEL, effect="send")
    offered, _ = await offer(fake, bot, USER)
    await user.press(offered, ACCEPT_LABEL, effect="send")
    await fake.send_and_wait(USER, "/followup")
    await user.press(fake.last_message(USER), "Cancel this check-in", effect="edit")

    # A typed message hinting at a warning sign: "Do any of these apply right now?".
    await fake.send_and_wait(USER, "my calf was swollen yesterday, it aches")
    await user.press(fake.last_message(USER), FREE_TEXT_CHECK_NONE, effect="edit")

    # /language: Spanish, then a country; then back to English, somewhere else.
    await fake.send_and_wait(USER, "/language")
    chooser = fake.last_message(USER)
    await user.press(chooser, "Español", effect="edit")
    await user.press(chooser, "Argentina", effect="edit")
    await fake.send_and_wait(USER, "/language")
    chooser = fake.last_message(USER)
    await user.press(chooser, "English", effect="edit")
    await user.press(chooser, BUTTON_OTHER_COUNTRY, effect="edit")

    # /forget, kept.
    await fake.send_and_wait(USER, "/forget")
    forget = fake.last_message(USER)
    await user.press(forget, BUTTON_KEEP, effect="edit")

    assert kinds_of(user.queries.values()) == {kind.__name__ for kind in ACTIONS.values()}

    # A stale button: an answer of the cancelled quiz, on its message.
    await user.press(quiz_msg, data=first_answer, effect="expired")
    # Forged: a topic that does not exist, someone else's erase, garbage, an old version.
    await user.press(menu, data=encode_callback(ShowTopic("nosuchtopic")), effect="expired")
    forged_erase = encode_callback(ForgetAnswer(OTHER, True))
    await fake.send_and_wait(USER, "/forget")
    forget = fake.last_message(USER)
    await user.press(forget, data=forged_erase, effect="expired")
    users = db_rows(settings, "SELECT user_id FROM users ORDER BY user_id")
    assert users == [(USER,), (OTHER,)]  # nobody was erased
    for data in ("1a:!!!!:where:back", "0t:causes", "1z:whatever", "1t:" + "a" * 70):
        await user.press(menu, data=data, effect="expired")

    # Erase, for real.
    await user.press(forget, BUTTON_ERASE, effect="edit")

    # Every callback query was answered, exactly once, and Telegram accepted every answer.
    answers = fake.calls_of("answerCallbackQuery")
    per_query = {
        q: [a for a in answers if a.params["callback_query_id"] == q] for q in user.queries
    }
    assert {q: len(a) for q, a in per_query.items()} == {q: 1 for q in user.queries}
    assert all(a.ok for a in answers)
    pushed = set(fake._callbacks)  # every query the user made, the quiz walk's included
    assert set(user.queries) <= pushed
    assert sorted(a.params["callback_query_id"] for a in answers) == sorted(pushed)
    failed = [c for c in fake.calls if not c.ok and c.method != "getUpdates"]
    assert failed == []
