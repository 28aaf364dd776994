"""End to end: typed messages through the real Application and the fake Bot API server."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

import pytest

from bot.config import Settings
from bot.freetext_flow import with_safety_net
from bot.keyboards import (
    MAX_CALLBACK_BYTES,
    FreeTextCheck,
    ShowTopic,
    encode_callback,
    parse_callback,
)
from bot.outcomes import outcome_screen
from knowledge.content import TOPICS_BY_KEY
from knowledge.findings import unsure
from knowledge.freetext import interpret
from knowledge.render import render_start, render_topic
from knowledge.texts import (
    BUTTON_EXPIRED,
    EMERGENCY_LINE,
    FREE_TEXT_CHECK_NONE,
    FREE_TEXT_CHECK_UNSURE,
    FREE_TEXT_MISREAD,
    FREE_TEXT_NOTHING,
    FREE_TEXT_OTHER_LANGUAGE,
    SAFETY_NET,
    UNKNOWN_COMMAND,
)
from knowledge.topics import WARNING_TOPIC
from knowledge.triage import assess
from knowledge.warning_signs import SIGN_LABELS
from tests.fakebot import ApiCall, FakeBotApi, SentMessage

USER = 7373
GROUP = -1009876543210


def labels(msg: SentMessage) -> list[str]:
    return [label for label, _ in FakeBotApi.buttons(msg)]


NET_LINE = "Call 999 / 112 / 911 now if you are suddenly short of breath"


def assert_netted(msg: SentMessage, line: str = NET_LINE) -> None:
    """The safety net as the person sees it: the 999 line and a button to the warning signs."""
    assert line in msg.plain_text
    signs = encode_callback(ShowTopic(WARNING_TOPIC))
    assert signs in [data for _, data in FakeBotApi.buttons(msg)]


async def replies_to(fake: FakeBotApi, chat: int, after: int, count: int) -> list[ApiCall]:
    """Wait for `count` sendMessage calls to `chat` after call number `after`."""
    calls: list[ApiCall] = []
    for _ in range(count):
        start = calls[-1].index + 1 if calls else after
        calls.append(
            await fake.wait_for(
                "sendMessage",
                predicate=lambda c: int(c.params["chat_id"]) == chat,
                after=start,
            )
        )
    return calls


async def test_an_emergency_in_words_gets_the_quiz_emergency_screen_then_the_quiz(
    fake: FakeBotApi, bot: Any
) -> None:
    text = "my calf is swollen and hot and I can't catch my breath"
    mark = fake.mark()
    fake.push_message(USER, text)
    first, second = await replies_to(fake, USER, mark, 2)
    expected = outcome_screen(assess(interpret(text).findings), checkin_offer_id=None)
    assert first.ok and second.ok
    assert first.params["text"] == expected.text
    screen, misread = fake.messages(USER)[-2:]
    assert EMERGENCY_LINE in screen.plain_text.splitlines()[0]
    assert "check on me" not in " ".join(labels(screen)).lower()
    assert misread.text == f"{FREE_TEXT_MISREAD}\n\n{SAFETY_NET}"
    assert labels(misread) == ["🩺 Take the quiz", "🚨 Warning signs"]
    assert_netted(misread)


async def test_an_urgent_story_gets_same_day_care_and_nhs_111(fake: FakeBotApi, bot: Any) -> None:
    mark = fake.mark()
    fake.push_message(USER, "calf is hot and fat since the flight")
    first, second = await replies_to(fake, USER, mark, 2)
    screen = fake.message(USER, first.result["message_id"])
    assert "today" in screen.plain_text.splitlines()[0].lower()
    assert any("111" in label for label, _ in FakeBotApi.url_buttons(screen))
    assert not any("check" in label.lower() for label in labels(screen))
    assert_netted(screen)
    assert_netted(fake.message(USER, second.result["message_id"]))


async def test_a_doubt_asks_and_the_answer_goes_through_the_rules(
    fake: FakeBotApi, bot: Any
) -> None:
    text = "maybe a bit of swelling in my calf, hard to tell"
    call = await fake.send_and_wait(USER, text)
    check = fake.message(USER, call.result["message_id"])
    assert "Do any of these apply right now?" in check.plain_text
    assert labels(check) == [
        SIGN_LABELS["calf_swollen"],
        FREE_TEXT_CHECK_NONE,
        FREE_TEXT_CHECK_UNSURE,
        "🚨 Warning signs",
    ]
    assert_netted(check)
    for _, data in FakeBotApi.buttons(check)[:-1]:
        assert len(data.encode()) <= MAX_CALLBACK_BYTES
        assert isinstance(parse_callback(data), FreeTextCheck)
        assert "swelling" not in data and "calf" not in data.replace("calf_swollen", "")

    mark = fake.mark()
    fake.press(check, SIGN_LABELS["calf_swollen"])
    answered = await fake.wait_for("answerCallbackQuery", after=mark)
    edited = await fake.wait_for("editMessageText", after=mark)
    assert answered.ok and edited.ok
    findings = (interpret(text).findings - {unsure("calf_swollen")}) | {"calf_swollen"}
    expected = with_safety_net(outcome_screen(assess(findings), checkin_offer_id=None))
    assert edited.params["text"] == expected.text
    assert assess(findings).tier == "urgent"
    assert_netted(fake.message(USER, check.message_id))


async def test_none_of_these_gives_the_calmer_outcome(fake: FakeBotApi, bot: Any) -> None:
    call = await fake.send_and_wait(USER, "my calf was swollen yesterday, it aches")
    check = fake.message(USER, call.result["message_id"])
    mark = fake.mark()
    fake.press(check, FREE_TEXT_CHECK_NONE)
    edited = await fake.wait_for("editMessageText", after=mark)
    calm = frozenset(f for f in interpret("my calf was swollen yesterday, it aches").findings)
    outcome = assess(frozenset(f for f in calm if not f.startswith("unsure:")))
    assert outcome.tier in ("self_care", "gp_soon")
    expected = with_safety_net(outcome_screen(outcome, checkin_offer_id=None))
    assert edited.params["text"] == expected.text
    assert_netted(fake.message(USER, check.message_id))


async def test_symptoms_without_warning_signs_get_topics_and_the_quiz(
    fake: FakeBotApi, bot: Any
) -> None:
    call = await fake.send_and_wait(USER, "i get calf cramps at night, what can i do")
    msg = fake.message(USER, call.result["message_id"])
    assert msg.plain_text.startswith("It sounds like")
    assert "Leg cramps" in labels(msg)
    assert labels(msg)[0] == "🩺 Take the quiz"
    assert_netted(msg)
    mark = fake.mark()
    fake.press(msg, "Leg cramps")
    sent = await fake.wait_for("sendMessage", after=mark)
    assert sent.params["text"] == render_topic(TOPICS_BY_KEY["cramps"])[0]


async def test_nothing_recognised_gets_a_friendly_reply_with_buttons(
    fake: FakeBotApi, bot: Any
) -> None:
    call = await fake.send_and_wait(USER, "hi")
    assert call.params["text"] == f"{FREE_TEXT_NOTHING}\n\n{SAFETY_NET}"
    msg = fake.message(USER, call.result["message_id"])
    assert labels(msg) == ["🩺 Take the quiz", "🚨 Warning signs", "🏠 Menu"]
    assert_netted(msg)
    mark = fake.mark()
    fake.press(msg, "🏠 Menu")
    sent = await fake.wait_for("sendMessage", after=mark)
    assert sent.params["text"] == render_start()


async def test_another_language_is_told_only_english_is_read(fake: FakeBotApi, bot: Any) -> None:
    call = await fake.send_and_wait(USER, "Ich habe seit gestern Schmerzen in der Kniekehle")
    assert call.params["text"].startswith(FREE_TEXT_OTHER_LANGUAGE)
    msg = fake.message(USER, call.result["message_id"])
    assert "🩺 Take the quiz" in labels(msg)
    assert_netted(msg, "Emergency: 999 / 112 / 911")


async def test_a_photo_caption_is_read_like_text(fake: FakeBotApi, bot: Any) -> None:
    mark = fake.mark()
    fake.push_rich_message(USER, media="photo", caption="my knee is locked and won't straighten")
    first, second = await replies_to(fake, USER, mark, 2)
    assert "today" in first.params["text"].lower()
    assert second.params["text"] == f"{FREE_TEXT_MISREAD}\n\n{SAFETY_NET}"
    assert_netted(fake.message(USER, second.result["message_id"]))


@pytest.mark.parametrize("media", ["sticker", "voice", "photo"])
async def test_stickers_voice_and_bare_photos_get_the_friendly_reply(
    fake: FakeBotApi, bot: Any, media: str
) -> None:
    mark = fake.mark()
    fake.push_rich_message(USER, media=media)
    (call,) = await replies_to(fake, USER, mark, 1)
    assert call.params["text"].startswith(FREE_TEXT_NOTHING)
    assert_netted(fake.message(USER, call.result["message_id"]))


async def test_in_a_group_only_messages_to_the_bot_are_answered(fake: FakeBotApi, bot: Any) -> None:
    mark = fake.mark()
    fake.push_rich_message(USER, chat_id=GROUP, text="my calf cramps at night, anyone else?")
    fake.push_rich_message(
        USER, chat_id=GROUP, text=f"@{fake.bot_user['username']} my calf cramps at night"
    )
    (answer,) = await replies_to(fake, GROUP, mark, 1)
    assert answer.params["text"].startswith("It sounds like")
    bot_message = fake.message(GROUP, answer.result["message_id"])

    mark = fake.mark()
    fake.push_rich_message(USER, chat_id=GROUP, text="hi everyone")
    fake.push_rich_message(USER, chat_id=GROUP, text="and it hurts", reply_to=bot_message)
    (reply,) = await replies_to(fake, GROUP, mark, 1)
    assert reply.params["text"].startswith("It sounds like")
    group_replies = [c for c in fake.calls_of("sendMessage") if int(c.params["chat_id"]) == GROUP]
    assert len(group_replies) == 2  # the two messages not addressed to the bot got nothing


async def test_a_4096_character_message_is_read(fake: FakeBotApi, bot: Any) -> None:
    story = "so my knee has been aching on and off after long walks, no swelling. " * 70
    tail = ". now i cant catch my breath!!"
    text = story[: 4096 - len(tail)] + tail
    assert len(text) == 4096
    mark = fake.mark()
    fake.push_message(USER, text)
    first, _ = await replies_to(fake, USER, mark, 2)
    assert first.ok
    assert EMERGENCY_LINE in first.params["text"]


async def test_unknown_commands_keep_their_reply_with_buttons(fake: FakeBotApi, bot: Any) -> None:
    call = await fake.send_and_wait(USER, "/frobnicate")
    assert call.params["text"] == UNKNOWN_COMMAND
    assert "🩺 Take the quiz" in labels(fake.message(USER, call.result["message_id"]))


@pytest.mark.parametrize("data", ["1w:none:zz0", "1w:calf_swollen:" + "z" * 20, "1w:nope:abc"])
async def test_stale_or_forged_check_answers_expire_politely(
    fake: FakeBotApi, bot: Any, data: str
) -> None:
    call = await fake.send_and_wait(USER, "hi")
    mark = fake.mark()
    fake.push_callback(USER, call.result["message_id"], data)
    answered = await fake.wait_for("answerCallbackQuery", after=mark)
    assert answered.params["text"] == BUTTON_EXPIRED


async def test_typed_text_is_never_logged_or_stored(
    fake: FakeBotApi, bot: Any, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "zanzibar"  # a word no log line or table would hold by chance
    texts = [
        f"my calf is swollen since {secret}",
        f"{secret} maybe a bit of swelling in my calf",
        f"hello {secret}",
    ]
    with caplog.at_level(logging.DEBUG):
        for logger in ("telegram", "httpx", "httpcore", "bot", "knowledge"):
            logging.getLogger(logger).setLevel(logging.DEBUG)
        for text in texts:
            await fake.send_and_wait(USER, text)
        mark = fake.mark()
        fake.push_rich_message(USER, media="photo", caption=f"knee hurts {secret}")
        await replies_to(fake, USER, mark, 1)
    debug_lines = [r for r in caplog.records if r.levelno == logging.DEBUG]
    assert any(r.name.startswith("telegram") for r in debug_lines), "DEBUG was captured"
    leaked = [r.name for r in caplog.records if secret in r.getMessage()]
    assert leaked == []
    with sqlite3.connect(settings.database_path) as db:
        dump = "\n".join(db.iterdump())
    assert secret not in dump
    for call in fake.calls:
        if call.method in ("sendMessage", "editMessageText", "answerCallbackQuery"):
            assert secret not in str(call.params)
