"""One test per python-telegram-bot private part the bot relies on (bot/ptb_internals.py).

Each fails with a message naming the touch point if a PTB upgrade removes or changes it. Run
this file first after upgrading python-telegram-bot.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import re
from pathlib import Path
from typing import Any

import pytest
import telegram
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import AIORateLimiter, ApplicationBuilder, ExtBot
from telegram.request import BaseRequest

from bot import ptb_internals
from tests.fakebot import FakeBotApi
from tests.harness import TOKEN, make_settings, run_bot

CHANGED = f"python-telegram-bot {telegram.__version__} changed"


def _keywords_passed_to_ext_bot() -> set[str]:
    """The keyword arguments PTB's own `ApplicationBuilder._build_ext_bot` gives ExtBot."""
    source = inspect.getsource(ApplicationBuilder._build_ext_bot)
    call = source[source.index("ExtBot(") :]
    return set(re.findall(r"^\s*(\w+)=", call, flags=re.MULTILINE))


# 1 -------------------------------------------------------------------- private type names


def test_private_type_names_are_still_there() -> None:
    for module, names in (
        ("telegram._utils.types", ("JSONDict", "ODVInput", "TimePeriod")),
        ("telegram._utils.defaultvalue", ("DefaultValue", "DEFAULT_NONE")),
    ):
        loaded = importlib.import_module(module)
        for name in names:
            assert hasattr(loaded, name), f"{CHANGED}: {module}.{name} is gone (ptb_internals 1)"
    default = ptb_internals.DEFAULT_NONE
    assert isinstance(default, ptb_internals.DefaultValue), f"{CHANGED}: DEFAULT_NONE's type"
    assert ptb_internals.DefaultValue.get_value(default) is None, f"{CHANGED}: DEFAULT_NONE"
    assert BaseRequest.DEFAULT_NONE is default, (
        f"{CHANGED}: BaseRequest.DEFAULT_NONE is no longer DEFAULT_NONE (ptb_internals 1)"
    )
    params = inspect.signature(BaseRequest.do_request).parameters
    assert list(params)[1:] == [
        "url",
        "method",
        "request_data",
        "read_timeout",
        "write_timeout",
        "connect_timeout",
        "pool_timeout",
    ], f"{CHANGED}: BaseRequest.do_request's parameters (the bot's request objects override it)"


# 2 ------------------------------------------------------------------------------ Bot._post


async def test_bot_post_calls_the_api_and_returns_the_result_as_json(fake: FakeBotApi) -> None:
    assert inspect.iscoroutinefunction(getattr(Bot, "_post", None)), (
        f"{CHANGED}: Bot._post is gone (ptb_internals 2: post)"
    )
    params = inspect.signature(Bot._post).parameters
    for name in ("endpoint", "data", "write_timeout", "connect_timeout", "pool_timeout"):
        assert name in params, f"{CHANGED}: Bot._post has no {name!r} (ptb_internals 2: post)"
    fake.known_chats.add(42)
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        sent = await ptb_internals.post(bot, "sendMessage", {"chat_id": 42, "text": "hi"})
    assert isinstance(sent, dict) and sent.get("text") == "hi", (
        f"{CHANGED}: Bot._post no longer answers Telegram's result as JSON: {sent!r}"
    )


# 3 ------------------------------------------------------- the ApplicationBuilder's private fields


class _MarkedBot(ExtBot[Any]):
    __slots__ = ()


class _MarkedBuilder(ptb_internals.CustomBotApplicationBuilder):
    bot_class = _MarkedBot


def test_the_builder_makes_the_bot_class_with_ptbs_own_arguments() -> None:
    assert callable(getattr(ApplicationBuilder, "_build_ext_bot", None)), (
        f"{CHANGED}: ApplicationBuilder._build_ext_bot is gone (ptb_internals 3)"
    )
    passed = _keywords_passed_to_ext_bot()
    ours = {"token", "request", "get_updates_request", *ptb_internals.EXT_BOT_FIELDS}
    assert passed == ours, (
        f"{CHANGED}: ApplicationBuilder._build_ext_bot now gives ExtBot {sorted(passed)}, "
        f"ptb_internals.ext_bot_arguments gives {sorted(ours)} (ptb_internals 3)"
    )
    limiter = AIORateLimiter()
    app = _MarkedBuilder().token(TOKEN).base_url("http://127.0.0.1:9/bot").rate_limiter(limiter)
    built = app.build()
    assert type(built.bot) is _MarkedBot, f"{CHANGED}: build() no longer calls _build_ext_bot"
    assert built.bot.token == TOKEN
    assert built.bot.base_url == f"http://127.0.0.1:9/bot{TOKEN}"
    assert built.bot.rate_limiter is limiter


def test_without_a_token_the_builder_still_says_so() -> None:
    with pytest.raises(RuntimeError, match="token"):
        ptb_internals.ext_bot_arguments(ApplicationBuilder())


# 4 ------------------------------------------------------------------ the webhook request handler


def test_the_webhook_handler_can_be_subclassed_and_swapped() -> None:
    pytest.importorskip("tornado", reason="the webhook extra (tornado) is not installed")
    import tornado.web

    handler = ptb_internals.webhook_handler_class()
    assert issubclass(handler, tornado.web.RequestHandler), f"{CHANGED}: TelegramHandler's base"
    init = inspect.signature(handler.initialize).parameters
    assert {"bot", "update_queue", "secret_token"} <= set(init), (
        f"{CHANGED}: TelegramHandler.initialize takes {list(init)} (ptb_internals 4)"
    )
    from telegram.ext._utils.webhookhandler import WebhookAppClass

    class Probe(handler):  # type: ignore[misc,valid-type]
        pass

    previous = ptb_internals.install_webhook_handler(Probe)
    try:
        app = WebhookAppClass("/hook", object(), asyncio.Queue(), "s" * 20)  # type: ignore[arg-type]
        targets = [rule.target for rule in app.wildcard_router.rules]
    finally:
        ptb_internals.install_webhook_handler(previous)
    assert Probe in targets, (
        f"{CHANGED}: the webhook server no longer builds the module's TelegramHandler "
        "(ptb_internals 4: install_webhook_handler)"
    )


# 5 -------------------------------------------------------------- the update-fetcher task


async def test_the_update_fetcher_task_is_found_while_running(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    async with run_bot(make_settings(tmp_path, fake.base_url)) as app:
        task = ptb_internals.update_fetcher_task(app)
        assert isinstance(task, asyncio.Task) and not task.done(), (
            f"{CHANGED}: Application.{ptb_internals.UPDATE_FETCHER_TASK_ATTRIBUTE} is gone "
            "(ptb_internals 5: update_fetcher_task)"
        )


# 6 -------------------------------------------------------------- keyboard serialisation


async def test_a_preserialized_button_serialises_as_ptb_would(fake: FakeBotApi) -> None:
    for kwargs in ({"callback_data": "v1q:1"}, {"url": "https://111.nhs.uk/"}):
        ours = ptb_internals.PreserializedButton("Label", **kwargs)
        theirs = InlineKeyboardButton("Label", **kwargs)
        assert ours.to_dict() == theirs.to_dict(), (
            f"{CHANGED}: InlineKeyboardButton.to_dict gives {theirs.to_dict()} "
            "(ptb_internals 6: PreserializedButton)"
        )
        assert ours == theirs, f"{CHANGED}: button equality (ptb_internals 6)"
    # What goes over the wire comes from the button's own to_dict, not from its fields.
    button = ptb_internals.PreserializedButton("Label", callback_data="v1q:1")
    button._as_dict["text"] = "Only in to_dict"
    fake.known_chats.add(42)
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        await bot.send_message(42, "hi", reply_markup=InlineKeyboardMarkup([[button]]))
    sent = fake.calls_of("sendMessage")[-1].params["reply_markup"]
    assert "Only in to_dict" in str(sent), (
        f"{CHANGED}: a keyboard is no longer serialised through each button's to_dict "
        "(ptb_internals 6: PreserializedButton)"
    )


# 7 ------------------------------------------------------------- PTB's parse-failure log line


def test_ptbs_log_line_for_an_unreadable_batch_is_unchanged() -> None:
    source = inspect.getsource(Bot.get_updates)
    assert ptb_internals.PARSE_FAILURE_LOG_PREFIX in source, (
        f"{CHANGED}: Bot.get_updates no longer logs {ptb_internals.PARSE_FAILURE_LOG_PREFIX!r} "
        "(ptb_internals 7; bot/resilient_updates.py would no longer demote it)"
    )
