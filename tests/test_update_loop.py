"""One bad update must never stop the bot from handling the next one.

A callback query whose data holds a lone UTF-16 surrogate once killed the update loop: the
logging in `LoggingApplication.process_update` raised while describing it, and every later
message was fetched, confirmed and silently dropped.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from bot.keyboards import parse_callback
from bot.ptb_internals import update_fetcher_task
from bot.update_log import describe_update
from knowledge.texts import BUTTON_EXPIRED
from tests.fakebot import FakeBotApi

USER = 5151
SURROGATES = ["x\ud86ey", "\udfff", "1t:\ud800", "1a:abcd1234:\udc00:y", "\ud83d"]


@pytest.mark.parametrize("data", SURROGATES)
def test_parse_callback_rejects_lone_surrogates_without_raising(data: str) -> None:
    assert parse_callback(data) is None


def test_describe_update_survives_a_lone_surrogate() -> None:
    from telegram import Update

    update = Update.de_json(
        {
            "update_id": 1,
            "callback_query": {
                "id": "1",
                "from": {"id": USER, "is_bot": False, "first_name": "T"},
                "chat_instance": "1",
                "data": "x\ud86ey",
            },
        },
        None,
    )
    assert describe_update(update, frozenset()) == "callback:invalid"


async def test_a_surrogate_button_is_answered_and_the_bot_keeps_answering(
    fake: FakeBotApi, bot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    await fake.send_and_wait(USER, "/start")
    menu = fake.last_message(USER)
    for data in SURROGATES:
        fake.push_callback(USER, menu.message_id, data)
    for _ in range(500):
        if len(fake.calls_of("answerCallbackQuery")) >= len(SURROGATES):
            break
        await asyncio.sleep(0.01)
    answers = fake.calls_of("answerCallbackQuery")
    assert [call.params.get("text") for call in answers] == [BUTTON_EXPIRED] * len(SURROGATES)
    # The loop is still alive: a normal message afterwards gets its reply.
    call = await fake.send_and_wait(USER, "/help")
    assert call.ok
    assert not bot.update_loop_failed
    assert not [r for r in caplog.records if r.levelno >= logging.CRITICAL]


async def test_logging_failure_does_not_stop_processing(
    fake: FakeBotApi, bot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> str:
        raise RuntimeError("observer bug")

    monkeypatch.setattr("bot.update_log.describe_update", broken)
    first = await fake.send_and_wait(USER, "/start")
    second = await fake.send_and_wait(USER, "/help")
    assert first.ok and second.ok
    assert not bot.update_loop_failed


async def test_watchdog_stops_the_bot_when_the_update_loop_dies(
    fake: FakeBotApi, bot: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    task = update_fetcher_task(bot)
    assert task is not None and not task.done(), "python-telegram-bot moved its update loop"
    stops: list[bool] = []
    # Under run_polling, stop_running ends the event loop; here we only record the call.
    monkeypatch.setattr(bot, "stop_running", lambda: stops.append(True))

    async def explode() -> object:
        raise RuntimeError("simulated bug outside any handler")

    # The loop itself must fail: with concurrent updates (bot/update_processor.py) a failing
    # process_update only fails that update's own task, so break the loop's queue read.
    monkeypatch.setattr(bot.update_queue, "get", explode)
    fake.push_message(USER, "/start")
    for _ in range(200):
        if task.done():
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(0)
    assert task.done()
    assert stops == [True]
    assert bot.update_loop_failed
    critical = [r.getMessage() for r in caplog.records if r.levelno == logging.CRITICAL]
    assert any("update loop stopped" in line for line in critical)
