"""AiohttpRequest against the fake Bot API: answers, timeouts, a dropped connection, the pool."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.request import HTTPXRequest

from bot.aiohttp_request import AiohttpRequest, PacedHTTPXRequest, build_requests
from bot.config import HttpClient
from bot.pacing import paced
from bot.retrying_request import RetryingRequest
from tests.fakebot import FakeBotApi
from tests.harness import TOKEN, make_settings, run_bot

CHAT = 5150


@pytest.fixture
async def request_obj() -> AsyncIterator[AiohttpRequest]:
    request = AiohttpRequest(connection_pool_size=4, read_timeout=0.5, pool_timeout=0.2)
    await request.initialize()
    try:
        yield request
    finally:
        await request.shutdown()


def bot_with(fake: FakeBotApi, request: AiohttpRequest) -> Bot:
    return Bot(TOKEN, base_url=fake.base_url, request=request, get_updates_request=request)


async def test_sends_a_message_and_reads_the_answer(
    fake: FakeBotApi, request_obj: AiohttpRequest
) -> None:
    fake.known_chats.add(CHAT)
    bot = bot_with(fake, request_obj)
    message = await bot.send_message(CHAT, "<b>hello</b> &amp; bye", parse_mode="HTML")
    assert message.text == "hello & bye"
    (call,) = fake.calls_of("sendMessage")
    assert call.ok and call.params["text"] == "<b>hello</b> &amp; bye"
    assert call.params["chat_id"] == CHAT


async def test_sends_a_json_body_the_bot_api_reads_like_a_form() -> None:
    """The body is a JSON object of the same strings a form would carry (the Bot API takes a
    string value as it is), so a keyboard and non-ASCII text arrive unchanged."""
    from aiohttp import web

    seen: list[tuple[str, bytes]] = []

    async def answer(request: web.Request) -> web.Response:
        seen.append((request.content_type, await request.read()))
        message = {"message_id": 1, "date": 0, "chat": {"id": CHAT, "type": "private"}}
        return web.json_response({"ok": True, "result": message})

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    request = AiohttpRequest()
    await request.initialize()
    try:
        bot = Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot", request=request)
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton("Caf\u00e9 \u2615", callback_data="1t")]]
        )
        await bot.send_message(CHAT, "Kn\u00e9e & <b>pain</b>", reply_markup=markup)
    finally:
        await request.shutdown()
        await runner.cleanup()
    ((content_type, body),) = seen
    assert content_type == "application/json"
    sent = json.loads(body)
    assert sent["chat_id"] == str(CHAT) and sent["text"] == "Kn\u00e9e & <b>pain</b>"
    assert json.loads(sent["reply_markup"]) == markup.to_dict()


async def test_telegram_errors_keep_their_meaning(
    fake: FakeBotApi, request_obj: AiohttpRequest
) -> None:
    bot = bot_with(fake, request_obj)
    fake.fail_next("sendMessage", 400, "Bad Request: chat not found")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(CHAT, "hi")


async def test_a_slow_answer_times_out(fake: FakeBotApi, request_obj: AiohttpRequest) -> None:
    fake.known_chats.add(CHAT)
    bot = bot_with(fake, request_obj)
    fake.slow_next("sendMessage", 2.0)
    started = time.monotonic()
    with pytest.raises(TimedOut):
        await bot.send_message(CHAT, "hi")
    assert time.monotonic() - started < 1.5  # the 0.5 s read timeout, not the 2 s answer
    # The next request works (the timed-out connection is not reused half-read).
    assert (await bot.send_message(CHAT, "again")).text == "again"


async def test_a_per_call_read_timeout_wins(fake: FakeBotApi, request_obj: AiohttpRequest) -> None:
    fake.known_chats.add(CHAT)
    bot = bot_with(fake, request_obj)
    fake.slow_next("sendMessage", 0.8)
    message = await bot.send_message(CHAT, "patience", read_timeout=3.0)
    assert message.text == "patience"


async def test_long_poll_is_not_cut_by_the_read_timeout(
    fake: FakeBotApi, request_obj: AiohttpRequest
) -> None:
    bot = bot_with(fake, request_obj)
    started = time.monotonic()
    # The fake holds the poll for min(timeout, 2 s) with nothing to deliver; the default read
    # timeout is 0.5 s, so only PTB's read_timeout + timeout rule keeps this from failing.
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9


async def test_a_dropped_connection_is_a_network_error(
    fake: FakeBotApi, request_obj: AiohttpRequest
) -> None:
    fake.known_chats.add(CHAT)
    bot = bot_with(fake, request_obj)
    fake.drop_next("sendMessage")
    with pytest.raises(NetworkError) as info:
        await bot.send_message(CHAT, "hi")
    assert not isinstance(info.value, TimedOut)
    assert TOKEN not in str(info.value)
    assert (await bot.send_message(CHAT, "again")).text == "again"


async def test_a_refused_connection_is_a_network_error(request_obj: AiohttpRequest) -> None:
    from tests.botprocess import free_port

    url = f"http://127.0.0.1:{free_port()}/bot{TOKEN}/getMe"
    with pytest.raises(NetworkError) as info:
        await request_obj.post(url)
    assert TOKEN not in str(info.value)


async def test_a_full_pool_times_out_without_sending(fake: FakeBotApi) -> None:
    fake.known_chats.add(CHAT)
    request = AiohttpRequest(connection_pool_size=1, read_timeout=3.0, pool_timeout=0.2)
    await request.initialize()
    try:
        bot = bot_with(fake, request)
        fake.slow_next("sendMessage", 1.0)
        first = asyncio.create_task(bot.send_message(CHAT, "first"))
        await asyncio.sleep(0.3)  # the first holds the only connection for 1 s
        with pytest.raises(TimedOut, match=r"[Pp]ool"):
            await bot.send_message(CHAT, "second")
        assert (await first).text == "first"
        assert [c.params["text"] for c in fake.calls_of("sendMessage")] == ["first"]
    finally:
        await request.shutdown()


async def test_not_initialised_is_refused() -> None:
    request = AiohttpRequest()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:9/x", "POST")


def test_proxy_must_be_http() -> None:
    with pytest.raises(ValueError, match="proxy"):
        AiohttpRequest(proxy="socks5://127.0.0.1:1080")


async def test_requests_go_through_the_configured_proxy(fake: FakeBotApi) -> None:
    # A tiny forwarding HTTP proxy: it sees the absolute URL, then relays to the fake.
    from aiohttp import ClientSession, web

    seen: list[str] = []

    async def relay(request: web.Request) -> web.Response:
        seen.append(str(request.url))
        async with (
            ClientSession() as session,
            session.post(
                str(request.url), data=await request.read(), headers=request.headers
            ) as answer,
        ):
            return web.Response(
                body=await answer.read(), status=answer.status, content_type="application/json"
            )

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", relay)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    request = AiohttpRequest(proxy=f"http://127.0.0.1:{port}")
    await request.initialize()
    try:
        me = await bot_with(fake, request).get_me()
        assert me.username == fake.bot_username
        assert seen and seen[0].endswith("/getMe")
    finally:
        await request.shutdown()
        await runner.cleanup()


async def test_a_send_gate_runs_before_the_request(
    fake: FakeBotApi, request_obj: AiohttpRequest
) -> None:
    fake.known_chats.add(CHAT)
    bot = bot_with(fake, request_obj)
    calls_at_gate: list[int] = []

    async def gate() -> None:
        calls_at_gate.append(len(fake.calls_of("sendMessage")))

    with paced(gate):
        await bot.send_message(CHAT, "one")
        await bot.send_message(CHAT, "two")
    await bot.send_message(CHAT, "unpaced")
    assert calls_at_gate == [0, 1]


def test_the_setting_chooses_the_client(tmp_path: Path) -> None:
    default = build_requests(make_settings(tmp_path, "http://127.0.0.1:1/bot"))
    assert all(isinstance(r, AiohttpRequest) for r in default)
    httpx = build_requests(
        make_settings(tmp_path, "http://127.0.0.1:1/bot", http_client=HttpClient.HTTPX)
    )
    assert isinstance(httpx[0], PacedHTTPXRequest)
    assert isinstance(httpx[1], HTTPXRequest)


@pytest.mark.parametrize("client", list(HttpClient))
async def test_the_bot_answers_with_either_client(
    tmp_path: Path, fake: FakeBotApi, client: HttpClient, clock: Any
) -> None:
    settings = make_settings(tmp_path, fake.base_url, http_client=client)
    async with run_bot(settings, clock) as app:
        request = app.bot.request
        assert isinstance(request, RetryingRequest)  # replies are retried, whichever client
        assert isinstance(request.inner, AiohttpRequest) == (client is HttpClient.AIOHTTP)
        call = await fake.send_and_wait(CHAT, "/start")
        assert call.ok and "knee" in fake.last_message(CHAT).plain_text


def test_uvloop_is_used_when_installed_and_wanted() -> None:
    import asyncio
    import importlib.util

    from bot.fastloop import use_fast_event_loop

    policy = asyncio.get_event_loop_policy()
    try:
        assert use_fast_event_loop(enabled=False) == "asyncio"
        expected = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
        assert use_fast_event_loop() == expected
        loop = asyncio.new_event_loop()
        try:
            assert (type(loop).__module__.startswith("uvloop")) == (expected == "uvloop")
        finally:
            loop.close()
    finally:
        asyncio.set_event_loop_policy(policy)
