"""The playground's web server over real HTTP: page, JSON endpoints, live events, clock, reset."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from knowledge.render import render_start
from playground.emulator import ApiCall, FakeBotApi, parse_html
from playground.runner import PLAYGROUND_TOKEN, Playground, PlaygroundClock
from playground.web import USERS, PlaygroundWeb, recent_calls
from tests.harness import TOKEN, make_settings

USER = USERS[0]


@pytest.fixture
async def web(tmp_path: Path) -> AsyncIterator[PlaygroundWeb]:
    def settings(base_url: str, database: Path) -> Any:
        return make_settings(
            tmp_path, base_url, database_path=database, telegram_bot_token=PLAYGROUND_TOKEN
        )

    playground = Playground(settings, tmp_path / "pg" / "kneebot.sqlite3")
    page = PlaygroundWeb(playground)
    await page.start(0)
    await playground.start()
    try:
        yield page
    finally:
        await page.stop()
        await playground.stop()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def post(http: aiohttp.ClientSession, url: str, body: object) -> tuple[int, Any]:
    async with http.post(url, json=body) as response:
        text = await response.text()
        return response.status, json.loads(text) if response.status == 200 else text


async def get_state(http: aiohttp.ClientSession, web: PlaygroundWeb) -> Any:
    async with http.get(web.url + "api/state") as response:
        assert response.status == 200
        return await response.json()


async def next_event(lines: aiohttp.StreamReader, kind: str, timeout: float = 10) -> Any:  # noqa: ASYNC109
    async def read() -> Any:
        while True:
            line = (await lines.readline()).decode()
            if line.startswith("data: "):
                event = json.loads(line[len("data: ") :])
                if event["type"] == kind:
                    return event

    return await asyncio.wait_for(read(), timeout)


def test_idle_long_polls_never_push_the_bots_calls_out_of_the_panel() -> None:
    def call(index: int, method: str) -> ApiCall:
        return ApiCall(method, {}, 0.0, 200, index=index)

    calls = [call(0, "sendMessage")] + [call(i, "getUpdates") for i in range(1, 5000)]
    kept = recent_calls(calls)
    assert kept[0].method == "sendMessage"
    assert [c.index for c in kept] == sorted(c.index for c in kept)
    assert sum(c.method == "getUpdates" for c in kept) <= 20


def test_the_clock_only_moves_forward() -> None:
    clock = PlaygroundClock(now=lambda: 1000.0)
    assert clock() == 1000.0
    clock.advance(3600)
    assert clock() == 4600.0
    with pytest.raises(ValueError, match="forward"):
        clock.advance(-1)
    clock.reset()
    assert clock() == 1000.0


async def test_page_and_static_files(web: PlaygroundWeb, http: aiohttp.ClientSession) -> None:
    assert web.url.startswith("http://127.0.0.1:")
    async with http.get(web.url) as response:
        assert response.status == 200
        assert response.content_type == "text/html"
        page = await response.text()
    assert "nothing is sent to Telegram" in page
    assert '<link rel="icon" href="data:,">' in page  # no /favicon.ico request, so no 404
    for name, kind in (("app.js", "text/javascript"), ("style.css", "text/css")):
        async with http.get(f"{web.url}static/{name}") as response:
            assert response.status == 200 and response.content_type == kind
    # Only the page's own files, never anything else from the disk.
    for name in ("../web.py", "..%2Fweb.py", "__init__.py", ".hidden.js", "nope.js"):
        async with http.get(f"{web.url}static/{name}") as response:
            assert response.status == 404, name
    assert "innerHTML" not in (Path(__file__).parents[1] / "playground/static/app.js").read_text()


async def test_a_message_and_a_button_press_show_up_live(
    web: PlaygroundWeb, http: aiohttp.ClientSession
) -> None:
    async with http.get(web.url + "api/events") as stream:
        assert stream.content_type == "text/event-stream"
        status, sent = await post(
            http, web.url + "api/send", {"user_id": USER.id, "text": "/start"}
        )
        assert status == 200 and sent["item"]["from"] == "user"
        user_echo = await next_event(stream.content, "message")
        assert user_echo["item"]["text"] == "/start"
        reply = await next_event(stream.content, "message")
        assert reply["chat_id"] == USER.id and reply["item"]["from"] == "bot"
        buttons = [b for row in reply["item"]["keyboard"] for b in row]
        assert buttons and all(b["kind"] in {"callback", "url"} for b in buttons)
        callback = next(b for b in buttons if b["kind"] == "callback")

        status, _ = await post(
            http,
            web.url + "api/press",
            {"user_id": USER.id, "message_id": reply["item"]["id"], "data": callback["data"]},
        )
        assert status == 200
        answer = await next_event(stream.content, "answer")
        assert answer["chat_id"] == USER.id

    state = await get_state(http, web)
    methods = [call["method"] for call in state["calls"]]
    assert {"getMe", "setMyCommands", "sendMessage", "answerCallbackQuery"} <= set(methods)
    assert [c["command"] for c in state["commands"]][:1] == ["start"]
    chat = state["chats"][str(USER.id)]
    assert chat[0]["text"] == "/start" and chat[1]["from"] == "bot"
    assert state["chats"][str(USERS[1].id)] == []


async def test_the_bots_description_reaches_the_page(
    web: PlaygroundWeb, http: aiohttp.ClientSession
) -> None:
    emulator = web.playground.emulator
    async with http.get(web.url + "api/events") as stream:
        url = f"{emulator.base_url}{emulator.token}/setMyDescription"
        async with http.post(url, json={"description": "Tips for the knee."}) as response:
            assert response.status == 200
        meta = await next_event(stream.content, "meta")
    assert meta["description"] == "Tips for the knee."
    assert (await get_state(http, web))["description"] == "Tips for the knee."


async def test_bad_requests_are_refused(web: PlaygroundWeb, http: aiohttp.ClientSession) -> None:
    for path, body in (
        ("api/send", {"user_id": 1, "text": "hi"}),  # not a simulated user
        ("api/send", {"user_id": USER.id, "text": "x" * 5000}),
        ("api/send", {"user_id": USER.id, "text": "   "}),
        ("api/press", {"user_id": USER.id, "message_id": "1", "data": "x"}),
        ("api/clock", {"seconds": -60}),
        ("api/clock", {"seconds": "soon"}),
        ("api/clock", [1]),
    ):
        status, _ = await post(http, web.url + path, body)
        assert status == 400, (path, body)


async def test_clock_moves_and_reset_starts_afresh(
    web: PlaygroundWeb, http: aiohttp.ClientSession, tmp_path: Path
) -> None:
    playground = web.playground
    await post(http, web.url + "api/send", {"user_id": USER.id, "text": "/start"})
    await playground.emulator.wait_for("sendMessage")
    status, clock = await post(http, web.url + "api/clock", {"seconds": 2 * 86_400})
    assert status == 200 and clock["offset"] == 2 * 86_400
    # The bot reads time through the same clock.
    app = playground.application
    assert app is not None
    assert app.bot_data["services"].clock is playground.clock
    assert app.bot_data["services"].now() >= time.time() + 2 * 86_400 - 1

    database = playground.database_path
    with closing(sqlite3.connect(database)) as db:
        assert db.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 1

    status, _ = await post(http, web.url + "api/reset", {})
    assert status == 200
    state = await get_state(http, web)
    assert all(chat == [] for chat in state["chats"].values())
    assert state["clock"]["offset"] == 0
    assert [c["method"] for c in state["calls"]][:1] == ["getMe"]  # the bot started again
    with closing(sqlite3.connect(database)) as db:
        assert db.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 0
    # and it still answers
    await post(http, web.url + "api/send", {"user_id": USER.id, "text": "/start"})
    await playground.emulator.wait_for("sendMessage")


def test_the_web_page_uses_only_the_emulators_public_api() -> None:
    """playground/web.py reads no private attribute of another object (only its own, self._x):
    the emulator's internals can change without breaking the page."""
    import ast

    source = (Path(__file__).resolve().parents[1] / "playground" / "web.py").read_text()
    private = [
        f"line {node.lineno}: .{node.attr}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and not (isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"})
    ]
    assert private == []


async def test_user_messages_are_the_users_own_oldest_first() -> None:
    async with FakeBotApi(TOKEN) as fake:
        fake.push_message(7, "first")
        fake.push_message(7, "second")
        fake.push_message(8, "someone else")
        assert [m["text"] for m in fake.user_messages(7)] == ["first", "second"]
        assert fake.user_messages(9) == []


async def test_users_with_other_languages_are_answered_in_theirs(
    web: PlaygroundWeb, http: aiohttp.ClientSession
) -> None:
    by_language = {user.language_code: user for user in USERS}
    assert {"es", "pt-br", "ru"} <= set(by_language)
    for code, lang in (("es", "es"), ("ru", "ru")):
        user = by_language[code]
        async with http.get(web.url + "api/events") as stream:
            status, _ = await post(
                http, web.url + "api/send", {"user_id": user.id, "text": "/start"}
            )
            assert status == 200
            await next_event(stream.content, "message")  # the user's own message
            reply = await next_event(stream.content, "message")
        assert reply["item"]["text"] == parse_html(render_start(lang))[0]
