"""End to end: the real Application over real HTTP against the fake Bot API server."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

import pytest

from bot.config import Settings
from bot.storage import Store
from knowledge.catalog import COMMANDS
from knowledge.content import TOPICS, TOPICS_BY_KEY
from knowledge.i18n import LANGUAGES, translate
from knowledge.render import render_help, render_sources, render_start, render_topic
from knowledge.texts import (
    BOT_DESCRIPTION,
    BOT_SHORT_DESCRIPTION,
    BUSY,
    BUTTON_ERASE,
    BUTTON_EXPIRED,
    BUTTON_KEEP,
    BUTTON_MENU,
    BUTTON_QUIZ,
    BUTTON_WARNING_SIGNS,
    BUTTON_WARNING_SIGNS_LONG,
    FORGET_ASK,
    FORGET_DONE,
    FORGET_KEPT,
    UNKNOWN_COMMAND,
)
from tests.dbrows import db_dump, db_rows
from tests.fakebot import FakeBotApi
from tests.harness import run_bot

USER = 4242


def visible(fake: FakeBotApi, user: int = USER) -> str:
    """What the user sees of the bot's last message: the text with the HTML parsed away."""
    return fake.last_message(user).plain_text


async def test_setmycommands_registers_the_whole_menu(fake: FakeBotApi, bot: Any) -> None:
    calls = fake.calls_of("setMyCommands")
    assert [c.ok for c in calls] == [True] * len(LANGUAGES)
    registered = [(c["command"], c["description"]) for c in fake.my_commands]
    assert registered == [(c.command, c.description) for c in COMMANDS]
    names = {name for name, _ in registered}
    assert {"start", "help", "causes", "cramps", "cyst", "runners", "rice", "stretch"} <= names
    assert {"facts", "doctor", "quiz", "stop", "forget", "sources"} <= names


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
async def test_the_command_menu_is_set_in_each_language(
    fake: FakeBotApi, bot: Any, code: str
) -> None:
    """Telegram shows a person the menu for their app's language_code: one per language."""
    menu = await bot.bot.get_my_commands(language_code=code)
    assert [c.command for c in menu] == [c.command for c in COMMANDS]
    assert [c.description for c in menu] == [translate(code, c.description) for c in COMMANDS]
    # Really translated, not English under another code.
    assert sum(c.description != e.description for c, e in zip(menu, COMMANDS, strict=True)) >= (
        len(COMMANDS) - 1
    )


async def test_the_bots_profile_is_set_at_start_up(fake: FakeBotApi, bot: Any) -> None:
    assert all(c.ok for c in fake.calls_of("setMyDescription"))
    assert all(c.ok for c in fake.calls_of("setMyShortDescription"))
    assert fake.descriptions[""] == BOT_DESCRIPTION
    assert fake.short_descriptions[""] == BOT_SHORT_DESCRIPTION
    for code in LANGUAGES:
        if code == "en":
            continue
        assert fake.descriptions[code] == translate(code, BOT_DESCRIPTION) != BOT_DESCRIPTION
        assert fake.short_descriptions[code] == translate(code, BOT_SHORT_DESCRIPTION)
        assert fake.short_descriptions[code] != BOT_SHORT_DESCRIPTION
    assert set(fake.descriptions) == {"", *(c for c in LANGUAGES if c != "en")}
    assert len(BOT_DESCRIPTION) <= 512 and len(BOT_SHORT_DESCRIPTION) <= 120
    assert (
        "not a diagnosis" in BOT_DESCRIPTION and "<" not in BOT_DESCRIPTION + BOT_SHORT_DESCRIPTION
    )


async def test_start_shows_welcome_disclaimer_and_menu(fake: FakeBotApi, bot: Any) -> None:
    call = await fake.send_and_wait(USER, "/start")
    assert call.ok and call.params["parse_mode"] == "HTML"
    assert visible(fake).count("This can't diagnose you") == 1
    msg = fake.last_message(USER)
    labels = [label for label, _ in fake.buttons(msg)]
    rows = msg.reply_markup["inline_keyboard"] if msg.reply_markup else []
    # Warning signs first, alone on its row, unmistakable; then the quiz.
    assert [b["text"] for b in rows[0]] == [BUTTON_WARNING_SIGNS_LONG]
    assert rows[0][0]["callback_data"] == "1t:doctor"
    assert [b["text"] for b in rows[1]] == [BUTTON_QUIZ]
    for topic in TOPICS:
        if topic.key != "doctor":
            assert topic.menu_label in labels
    # Every button has its own emoji.
    emoji = [label.split()[0] for label in labels]
    assert len(set(emoji)) == len(emoji), emoji


async def test_help_says_the_disclaimer_once_and_offers_a_way_onward(
    fake: FakeBotApi, bot: Any
) -> None:
    await fake.send_and_wait(USER, "/help")
    assert visible(fake).count("diagnos") == 1
    labels = [label for label, _ in fake.buttons(fake.last_message(USER))]
    assert labels == [BUTTON_WARNING_SIGNS, BUTTON_QUIZ, BUTTON_MENU]


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.command)
async def test_every_topic_page_has_buttons_onward(fake: FakeBotApi, bot: Any, topic: Any) -> None:
    await fake.send_and_wait(USER, f"/{topic.command}")
    msg = fake.last_message(USER)
    buttons = dict(fake.buttons(msg))
    if topic.key != "doctor":
        assert buttons[BUTTON_WARNING_SIGNS] == "1t:doctor"
    assert buttons[BUTTON_QUIZ] == "1q:start"
    assert buttons[BUTTON_MENU] == "1m:menu"
    for key in topic.related:
        assert buttons[TOPICS_BY_KEY[key].menu_label] == f"1t:{key}"
    assert msg.plain_text.count("This can't diagnose you") == 1


async def test_menu_button_brings_back_the_start_menu(fake: FakeBotApi, bot: Any) -> None:
    await fake.send_and_wait(USER, "/cramps")
    mark = fake.mark()
    query_id = fake.press(fake.last_message(USER), BUTTON_MENU)
    answered = await fake.wait_for("answerCallbackQuery", after=mark)
    assert answered.params["callback_query_id"] == query_id
    sent = await fake.wait_for("sendMessage", after=mark)
    assert sent.params["text"] == render_start()
    assert fake.buttons(fake.last_message(USER))[0] == (BUTTON_WARNING_SIGNS_LONG, "1t:doctor")


async def test_related_topic_button_opens_that_topic(fake: FakeBotApi, bot: Any) -> None:
    await fake.send_and_wait(USER, "/cramps")
    mark = fake.mark()
    fake.press(fake.last_message(USER), TOPICS_BY_KEY["stretch"].menu_label)
    sent = await fake.wait_for("sendMessage", after=mark)
    assert sent.params["text"] == render_topic(TOPICS_BY_KEY["stretch"])[0]


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.command)
async def test_every_topic_command_answers_with_its_topic(
    fake: FakeBotApi, bot: Any, topic: Any
) -> None:
    call = await fake.send_and_wait(USER, f"/{topic.command}")
    assert call.ok
    assert call.params["text"] == render_topic(topic)[0]
    assert visible(fake).startswith(topic.title)


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.key)
async def test_every_menu_button_shows_the_same_topic(
    fake: FakeBotApi, bot: Any, topic: Any
) -> None:
    await fake.send_and_wait(USER, "/start")
    menu = fake.last_message(USER)
    mark = fake.mark()
    label = BUTTON_WARNING_SIGNS_LONG if topic.key == "doctor" else topic.menu_label
    query_id = fake.press(menu, label)
    answered = await fake.wait_for("answerCallbackQuery", after=mark)
    assert answered.ok and answered.params["callback_query_id"] == query_id
    sent = await fake.wait_for("sendMessage", after=mark)
    assert sent.params["text"] == render_topic(topic)[0]


async def test_help_lists_every_command(fake: FakeBotApi, bot: Any) -> None:
    call = await fake.send_and_wait(USER, "/help")
    assert call.params["text"] == render_help()
    for info in COMMANDS:
        assert f"/{info.command}" in call.params["text"]


async def test_sources_lists_the_references(fake: FakeBotApi, bot: Any) -> None:
    call = await fake.send_and_wait(USER, "/sources")
    assert call.params["text"] == render_sources()[0]
    assert "NHS" in call.params["text"]


async def test_unknown_command_points_to_help(fake: FakeBotApi, bot: Any) -> None:
    call = await fake.send_and_wait(USER, "/frobnicate")
    assert call.params["text"] == UNKNOWN_COMMAND
    labels = [label for label, _ in fake.buttons(fake.last_message(USER))]
    assert labels == [BUTTON_WARNING_SIGNS, BUTTON_QUIZ, BUTTON_MENU]


async def test_stop_offers_a_way_onward(fake: FakeBotApi, bot: Any) -> None:
    await fake.send_and_wait(USER, "/stop")
    labels = [label for label, _ in fake.buttons(fake.last_message(USER))]
    assert labels == [BUTTON_WARNING_SIGNS, BUTTON_QUIZ, BUTTON_MENU]


@pytest.mark.parametrize("choice", [BUTTON_ERASE, BUTTON_KEEP])
async def test_forget_asks_once_then_erases_or_keeps(
    fake: FakeBotApi, bot: Any, settings: Settings, choice: str
) -> None:
    """Issue 20: erasing can't be undone, so /forget asks once, with Erase / Keep buttons."""
    await fake.send_and_wait(USER, "/start")
    ask = await fake.send_and_wait(USER, "/forget")
    assert ask.params["text"] == FORGET_ASK
    asked = fake.message(USER, ask.result["message_id"])
    assert [label for label, _ in fake.buttons(asked)] == [BUTTON_ERASE, BUTTON_KEEP]
    # nothing erased by asking
    kept = db_rows(settings, "SELECT COUNT(*) FROM users WHERE user_id = ?", (USER,))[0]
    assert kept[0] == 1
    # Someone else's press on the question has expired and erases nothing.
    mark = fake.mark()
    fake.press(asked, choice, user_id=USER + 1)
    other = await fake.wait_for("answerCallbackQuery", after=mark)
    assert other.params["text"] == BUTTON_EXPIRED
    mark = fake.mark()
    fake.press(asked, choice)
    answered = await fake.wait_for("answerCallbackQuery", after=mark)
    edited = await fake.wait_for("editMessageText", after=mark)
    assert answered.ok and "text" not in answered.params
    assert edited.params["text"] == (FORGET_DONE if choice == BUTTON_ERASE else FORGET_KEPT)
    labels = [label for label, _ in fake.buttons(fake.message(USER, asked.message_id))]
    assert labels == [BUTTON_WARNING_SIGNS, BUTTON_QUIZ, BUTTON_MENU]
    left = db_rows(settings, "SELECT COUNT(*) FROM users WHERE user_id = ?", (USER,))[0][0]
    assert left == (0 if choice == BUTTON_ERASE else 1)


async def test_free_text_is_read_and_answered_but_not_stored(
    fake: FakeBotApi, bot: Any, settings: Settings
) -> None:
    secret = "my knee hurts since my fall on tuesday"
    call = await fake.send_and_wait(USER, secret)
    assert call.params["text"].startswith("It sounds like")  # see tests/test_e2e_freetext.py
    dump = db_dump(settings)
    assert "tuesday" not in dump
    assert f"{USER}" in dump  # the id is all we keep


@pytest.mark.parametrize(
    "data", ["garbage", "1t:nosuchtopic", "9t:causes", "1a:zzzz:where:back", "x" * 64]
)
async def test_forged_or_stale_buttons_are_answered_politely(
    fake: FakeBotApi, bot: Any, data: str, caplog: pytest.LogCaptureFixture
) -> None:
    await fake.send_and_wait(USER, "/start")
    menu = fake.last_message(USER)
    mark = fake.mark()
    with caplog.at_level(logging.ERROR):
        query_id = fake.push_callback(USER, menu.message_id, data)
        answered = await fake.wait_for("answerCallbackQuery", after=mark)
    assert answered.params["callback_query_id"] == query_id
    assert answered.params["text"] == BUTTON_EXPIRED
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_users_are_recorded_by_id_only(
    fake: FakeBotApi, bot: Any, settings: Settings
) -> None:
    await fake.send_and_wait(USER, "/help")
    rows = db_rows(settings, "SELECT user_id, language_code, blocked FROM users")
    assert rows == [(USER, "en", 0)]


async def test_every_reply_so_far_was_accepted_by_the_fake_telegram(
    fake: FakeBotApi, bot: Any
) -> None:
    for text in ["/start", "/help", "/doctor", "/quiz", "/stop", "/forget", "hello", "/nope"]:
        await fake.send_and_wait(USER, text)
    bad = [c for c in fake.calls if not c.ok and c.method != "getUpdates"]
    assert bad == []


@pytest.mark.parametrize("app_language", ["en", "ru"])
async def test_a_locked_database_gets_a_kind_busy_reply(
    fake: FakeBotApi, settings: Settings, caplog: pytest.LogCaptureFixture, app_language: str
) -> None:
    store = Store(settings.database_location, busy_timeout_ms=50)
    busy = translate(app_language, BUSY)  # in the app's language: the database is not asked
    async with run_bot(settings, store=store):
        await fake.send_and_wait(USER, "/help", language_code=app_language)
        if store.is_postgres:  # another session holds the tables' locks
            import asyncpg

            assert settings.database_url is not None
            holder = await asyncpg.connect(settings.database_url.get_secret_value())
            try:
                async with holder.transaction():
                    await holder.execute("LOCK TABLE users, followups IN ACCESS EXCLUSIVE MODE")
                    call = await fake.send_and_wait(USER, "/stop", language_code=app_language)
            finally:
                await holder.close()
        else:
            blocker = sqlite3.connect(settings.database_path)
            try:
                blocker.execute("BEGIN EXCLUSIVE")
                call = await fake.send_and_wait(USER, "/stop", language_code=app_language)
            finally:
                blocker.rollback()
                blocker.close()
        assert call.params["text"] == busy
        # once the lock is gone, the same command works again
        call = await fake.send_and_wait(USER, "/stop", language_code=app_language)
        assert call.params["text"] != busy
