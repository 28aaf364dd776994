"""Webhook mode: `python -m bot` with MODE=webhook runs PTB's real webhook server on 127.0.0.1.

Telegram's side is played by the test: the fake Bot API records setWebhook, and the test posts
updates to the bot's endpoint as Telegram would, with or without the secret header.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import signal
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.__main__ import main, run, webhook_options, webhook_path
from bot.config import ConfigError, RunMode
from bot.webhook import refusal
from tests.botprocess import (
    STOP_TIMEOUT,
    BotProcess,
    bot_env,
    bot_process,
    database_check,
    free_port,
)
from tests.fakebot import FakeBotApi
from tests.harness import TOKEN, make_settings

SECRET = "kneebot-webhook-secret-0123456789abcdef"
URL_PATH = "kneebot/telegram"
WEBHOOK_URL = f"https://kneebot.example.test/{URL_PATH}"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
USER = 6161
INTRUDERS = (7171, 7272, 7373)

needs_tornado = pytest.mark.skipif(
    importlib.util.find_spec("tornado") is None,
    reason=(
        "PTB's webhook server needs tornado (python-telegram-bot[webhooks]), "
        "which is not installed here"
    ),
)


def start_update(update_id: int, user_id: int) -> dict[str, Any]:
    """What Telegram posts when `user_id` sends /start in a private chat."""
    user = {"id": user_id, "is_bot": False, "first_name": "Test", "language_code": "en"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "from": user,
            "chat": {"id": user_id, "type": "private", "first_name": "Test"},
            "date": int(time.time()),
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def wait_until_listening(port: int, timeout: float = 15.0) -> None:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if time.monotonic() > deadline:
                raise AssertionError(f"nothing listens on 127.0.0.1:{port}") from None
            await asyncio.sleep(0.05)
        else:
            writer.close()
            await writer.wait_closed()
            return


@asynccontextmanager
async def webhook_bot(
    tmp_path: Path, fake: FakeBotApi, log_level: str = "INFO"
) -> AsyncIterator[tuple[BotProcess, str]]:
    port = free_port()
    env = bot_env(
        tmp_path,
        fake.base_url,
        MODE="webhook",
        WEBHOOK_URL=WEBHOOK_URL,
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
        LOG_LEVEL=log_level,
    )
    async with bot_process(tmp_path, env) as bot:
        try:
            await fake.wait_for("setWebhook", timeout=30)
            await wait_until_listening(port)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\nbot log:\n{bot.log()}") from None
        yield bot, f"http://127.0.0.1:{port}/{URL_PATH}"


async def post(
    session: aiohttp.ClientSession, url: str, update: dict[str, Any], secret: str | None
) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    async with session.post(url, json=update, headers=headers) as response:
        return response.status


def sent_to(fake: FakeBotApi, chat_id: int) -> list[Any]:
    return [c for c in fake.calls_of("sendMessage") if c.params.get("chat_id") == chat_id]


@needs_tornado
async def test_webhook_registers_with_secret_and_answers_signed_updates(
    tmp_path: Path, fake: FakeBotApi
) -> None:
    fake.known_chats.add(USER)
    async with webhook_bot(tmp_path, fake, log_level="DEBUG") as (bot, endpoint):
        (registered,) = fake.calls_of("setWebhook")
        assert registered.ok
        assert registered.params["url"] == WEBHOOK_URL
        assert registered.params["secret_token"] == SECRET
        assert {"message", "callback_query", "my_chat_member"} <= set(
            registered.params["allowed_updates"]
        )
        assert fake.webhook_url == WEBHOOK_URL
        assert not fake.calls_of("getUpdates")  # no polling in webhook mode

        mark = fake.mark()
        async with aiohttp.ClientSession() as session:
            assert await post(session, endpoint, start_update(1, USER), SECRET) == 200
        reply = await fake.wait_for("sendMessage", after=mark, timeout=10)
        assert reply.ok and reply.params["chat_id"] == USER
        assert "can't diagnose you" in fake.last_message(USER).plain_text

        code, seconds = await bot.stop(signal.SIGTERM)
        log = bot.log()

    assert code == 0, log
    assert seconds < STOP_TIMEOUT
    assert " DEBUG " in log
    assert TOKEN not in log and TOKEN.partition(":")[2] not in log
    assert SECRET not in log
    assert database_check(tmp_path / "bot.sqlite3") == ("ok", [USER])


@needs_tornado
async def test_webhook_refuses_requests_without_the_right_secret(
    tmp_path: Path, fake: FakeBotApi
) -> None:
    fake.known_chats.update({USER, *INTRUDERS})
    async with webhook_bot(tmp_path, fake, log_level="DEBUG") as (bot, endpoint):
        async with aiohttp.ClientSession() as session:
            wrong, missing, token_path = INTRUDERS
            assert await post(session, endpoint, start_update(1, wrong), "not-the-secret") == 403
            assert await post(session, endpoint, start_update(2, missing), None) == 403
            assert await post(session, endpoint, start_update(3, missing), "") == 403
            # The token is not a path the bot answers on.
            by_token = endpoint.replace(URL_PATH, TOKEN)
            assert await post(session, by_token, start_update(4, token_path), SECRET) == 404
            # A signed update after them is handled; updates are handled in order, so any
            # refused one that slipped into the queue would have been handled first.
            mark = fake.mark()
            assert await post(session, endpoint, start_update(5, USER), SECRET) == 200
        await fake.wait_for("sendMessage", after=mark, timeout=10)
        code, _ = await bot.stop(signal.SIGTERM)
        log = bot.log()

    assert code == 0, log
    for intruder in INTRUDERS:
        assert sent_to(fake, intruder) == []
    # No handler ran for them: the tracking handler would have recorded each user.
    assert database_check(tmp_path / "bot.sqlite3") == ("ok", [USER])
    updates = [line for line in log.splitlines() if " bot.updates: update " in line]
    assert len(updates) == 1, log
    # A refused request is at most one line, even at DEBUG (repeats fold into one a minute):
    # no traceback (PTB logs one per request), and the wrong secret is never echoed.
    assert "Traceback" not in log and "not-the-secret" not in log, log
    refused = [line for line in log.splitlines() if "webhook: refused" in line]
    assert 1 <= len(refused) <= 3 and "wrong secret token (403)" in refused[0], log


# ------------------------------------------------------------------- without a server


def test_webhook_options_listen_on_the_public_path_never_the_token(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path,
        "http://127.0.0.1:9/bot",
        mode=RunMode.WEBHOOK,
        webhook_url=WEBHOOK_URL,
        webhook_secret=SECRET,
        webhook_port=8443,
    )
    options = webhook_options(settings)
    assert options["url_path"] == URL_PATH
    assert options["webhook_url"] == WEBHOOK_URL
    assert options["secret_token"] == SECRET
    assert options["listen"] == "127.0.0.1" and options["port"] == 8443
    assert "callback_query" in options["allowed_updates"]
    assert TOKEN not in str(options["url_path"])
    assert webhook_path("https://bot.example.org") == ""
    assert webhook_path("https://bot.example.org:8443/a/b/") == "a/b"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://bot.example.org/hook", "https"),
        ("https://bot.example.org:8080/hook", "port"),
        (f"https://bot.example.org/{TOKEN}", "token"),
        (f"https://bot.example.org/hook/{TOKEN.partition(':')[2]}", "token"),
    ],
    ids=["http", "port", "token", "token-secret-part"],
)
def test_webhook_url_is_checked(tmp_path: Path, url: str, problem: str) -> None:
    env = tmp_path / ".env"
    env.write_text(
        f"TELEGRAM_BOT_TOKEN={TOKEN}\nMODE=webhook\nWEBHOOK_URL={url}\nWEBHOOK_SECRET={SECRET}\n"
    )
    from bot.config import load_settings

    with pytest.raises(ConfigError, match=problem) as caught:
        load_settings(env)
    assert TOKEN.partition(":")[2] not in str(caught.value)


def test_webhook_mode_without_tornado_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(
        tmp_path,
        "http://127.0.0.1:9/bot",
        mode=RunMode.WEBHOOK,
        webhook_url=WEBHOOK_URL,
        webhook_secret=SECRET,
    )
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "tornado" else real_find_spec(name, *a),
    )
    with pytest.raises(ConfigError, match=r"pip install '\.\[webhook\]'"):
        run(settings)


def test_main_reports_config_errors_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for key in ("TELEGRAM_BOT_TOKEN", "MODE", "WEBHOOK_URL", "WEBHOOK_SECRET"):
        monkeypatch.delenv(key, raising=False)
    (tmp_path / "bot.env").write_text(
        f"TELEGRAM_BOT_TOKEN={TOKEN}\nMODE=webhook\nWEBHOOK_URL=http://insecure.example/x\n"
        f"WEBHOOK_SECRET={SECRET}\n"
    )
    assert main(["--env-file", "bot.env", "run"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kneebot: ") and "https" in err and len(err.splitlines()) == 1
    assert SECRET not in err and TOKEN not in err


# ------------------------------------------------------------------- malformed bodies

PRIVATE_WORDS = "swollen-calf-private-words"


async def post_raw(
    session: aiohttp.ClientSession, url: str, body: bytes, secret: str | None = SECRET
) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    async with session.post(url, data=body, headers=headers) as response:
        return response.status


@needs_tornado
async def test_malformed_bodies_get_400_and_stay_out_of_the_log(
    tmp_path: Path, fake: FakeBotApi
) -> None:
    fake.known_chats.add(USER)
    huge_invalid = json.dumps(
        {"update_id": 7, "message": {"text": PRIVATE_WORDS * 400_000}}  # ~10 MB, no chat
    ).encode()
    bodies = {
        "empty": b"",
        "blank": b"   \n",
        "not json": b"{not json",
        "truncated": b'{"update_id": 1, "message": {"text": "' + PRIVATE_WORDS.encode(),
        "not utf-8": b'{"update_id": 2, "x": "\xff\xfe"}',
        "lone surrogate bytes": b'{"update_id": 3, "x": "\xed\xa1\xae"}',
        "a list": b"[1, 2, 3]",
        "a string": b'"hello"',
        "null": b"null",
        "no update_id": b'{"message": {}}',
        "update_id not an int": b'{"update_id": "5"}',
        "huge and invalid": huge_invalid,
    }
    async with webhook_bot(tmp_path, fake) as (bot, endpoint):
        async with aiohttp.ClientSession() as session:
            statuses = {
                name: await post_raw(session, endpoint, body) for name, body in bodies.items()
            }
            mark = fake.mark()
            assert await post(session, endpoint, start_update(10, USER), SECRET) == 200
        await fake.wait_for("sendMessage", after=mark, timeout=10)
        code, _ = await bot.stop(signal.SIGTERM)
        log = bot.log()

    assert statuses == dict.fromkeys(bodies, 400), statuses
    assert code == 0, log[-3000:]
    assert PRIVATE_WORDS not in log
    assert max(len(line) for line in log.splitlines()) < 2048
    refused = [line for line in log.splitlines() if "webhook: refused" in line]
    # One WARNING per kind of refusal: the repeats within a minute are folded (FoldRepeats).
    assert len(refused) == 2, log[-3000:]
    assert "refused a malformed update (0 bytes)" in refused[0]
    assert "could not be read (10400041 bytes): KeyError" in refused[1]
    assert all(" WARNING " in line for line in refused)
    assert database_check(tmp_path / "bot.sqlite3") == ("ok", [USER])


@needs_tornado
def test_the_webhook_server_uses_the_safe_handler() -> None:
    """Fails if a python-telegram-bot upgrade moves the handler the webhook server builds."""
    import asyncio as _asyncio

    from telegram.ext._utils.webhookhandler import WebhookAppClass

    from bot import webhook

    installed = webhook.install()
    assert webhook.install() is installed  # idempotent
    app = WebhookAppClass("/hook", object(), _asyncio.Queue(), "s" * 20)  # type: ignore[arg-type]
    handlers = [rule.target for rule in app.wildcard_router.rules]
    assert installed in handlers


def test_parse_update_body() -> None:
    from bot.webhook import parse_update_body

    assert parse_update_body(b'{"update_id": 4, "message": {}}') == {"update_id": 4, "message": {}}
    for bad in (b"", b"{", b"[]", b"1", b'{"update_id": true}', b"\xff", b"[" * 100_000):
        assert parse_update_body(bad) is None, bad


def test_refusal_reasons() -> None:
    assert refusal("application/json", SECRET, SECRET) is None
    assert refusal("application/json", None, None) is None  # no secret set: JSON is enough
    assert refusal("text/plain", SECRET, SECRET) == "not JSON"
    assert refusal("application/json", None, SECRET) == "no secret token"
    assert refusal("application/json", "", SECRET) == "no secret token"
    assert refusal("application/json", SECRET + "x", SECRET) == "wrong secret token"
