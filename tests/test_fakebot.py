"""The fake Bot API server, exercised with a real python-telegram-bot Application."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.fakebot import FakeBotApi, HtmlParseError, parse_html, running, utf16_len

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX"
USER = 4242

AnyApp = Application[Any, Any, Any, Any, Any, Any]


# ------------------------------------------------------------------------------- fixtures


@pytest.fixture(autouse=True)
async def no_leaked_tasks() -> AsyncIterator[None]:
    """Torn down last: every server, poller and PTB task must be gone by then."""
    yield
    current = asyncio.current_task()
    leftover: list[asyncio.Task[Any]] = []
    for _ in range(50):
        leftover = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
        if not leftover:
            return
        await asyncio.sleep(0.01)
    pytest.fail(f"leaked tasks: {leftover}")


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    api = FakeBotApi(TOKEN)
    await api.start()
    try:
        yield api
    finally:
        await api.stop()


@pytest.fixture
async def bot(fake: FakeBotApi) -> AsyncIterator[Bot]:
    """A bare PTB Bot talking to the fake, for request-level checks."""
    fake.known_chats.add(USER)
    async with Bot(TOKEN, base_url=fake.base_url) as b:
        yield b


@pytest.fixture
async def http(fake: FakeBotApi) -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


# ------------------------------------------------------------------------ the sample app

KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Yes", callback_data="yes"),
            InlineKeyboardButton("No", callback_data="no"),
        ]
    ]
)


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_user is not None
    await update.effective_message.reply_text(
        f"Hello <b>{update.effective_user.first_name}</b> &amp; welcome!",
        parse_mode=ParseMode.HTML,
        reply_markup=KEYBOARD,
    )


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_message.text is not None
    await update.effective_message.reply_text(f"echo: {update.effective_message.text}")


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"You chose <i>{query.data}</i>", parse_mode=ParseMode.HTML)


def build_app(fake: FakeBotApi, errors: list[BaseException]) -> AnyApp:
    app = Application.builder().token(TOKEN).base_url(fake.base_url).build()
    app.add_handler(CommandHandler("start", on_start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    app.add_handler(CallbackQueryHandler(on_button))

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert context.error is not None
        errors.append(context.error)

    app.add_error_handler(on_error)
    return app


# --------------------------------------------------------------------- end-to-end flows


async def test_start_round_trip(fake: FakeBotApi) -> None:
    errors: list[BaseException] = []
    app = build_app(fake, errors)
    async with running(app):
        call = await fake.send_and_wait(USER, "/start", first_name="Ann")
        assert call.ok
        assert call.params["chat_id"] == USER
        assert call.params["parse_mode"] == "HTML"

        msg = fake.last_message(USER)
        assert msg.text == "Hello <b>Ann</b> &amp; welcome!"
        assert msg.plain_text == "Hello Ann & welcome!"
        assert msg.entities == [{"type": "bold", "offset": 6, "length": 3}]
        assert fake.buttons(msg) == [("Yes", "yes"), ("No", "no")]
        # the user's /start took message_id 1 in the chat, the reply 2
        assert msg.message_id == 2

        echo = await fake.send_and_wait(USER, "hi there")
        assert echo.params["text"] == "echo: hi there"

        # "/start@knee_tips_bot" is addressed to this bot, "/start@other_bot" is not
        addressed = await fake.send_and_wait(USER, "/start@knee_tips_bot now")
        assert addressed.ok
        mark = fake.mark()
        fake.push_message(USER, "/start@other_bot")
        await fake.send_and_wait(USER, "ping")
        assert [c.params["text"] for c in fake.calls_of("sendMessage")[3:]] == ["echo: ping"]
        assert all(
            c.method != "sendMessage" or c.params["text"] == "echo: ping" for c in fake.calls[mark:]
        )

    methods = [c.method for c in fake.calls]
    assert methods[0] == "getMe"
    assert methods[1] == "deleteWebhook"
    assert fake.calls[1].params == {"drop_pending_updates": False}
    polls = fake.calls_of("getUpdates")
    # on stop PTB abandons its long poll (the fake records it as 499, client gone) and
    # confirms what it fetched with one last getUpdates(timeout=0)
    assert [c.status for c in polls if not c.ok] in ([], [499])
    assert [c for c in polls if c.ok][-1].params["timeout"] == 0
    assert fake.pending_updates == []  # everything confirmed
    assert errors == []
    assert all(c.ok for c in fake.calls if c.method != "getUpdates")


async def test_button_press_answers_and_edits(fake: FakeBotApi) -> None:
    errors: list[BaseException] = []
    app = build_app(fake, errors)
    async with running(app):
        await fake.send_and_wait(USER, "/start")
        msg = fake.last_message(USER)

        mark = fake.mark()
        query_id = fake.press(msg, "Yes")
        answer = await fake.wait_for("answerCallbackQuery", after=mark)
        assert answer.ok and answer.params["callback_query_id"] == query_id
        edit = await fake.wait_for("editMessageText", after=mark)
        assert edit.ok
        assert edit.params["message_id"] == msg.message_id

        edited = fake.last_message(USER)
        assert edited is msg and edited.edited == 1
        assert edited.plain_text == "You chose yes"
        assert edited.entities == [{"type": "italic", "offset": 10, "length": 3}]
        assert edited.reply_markup is None  # no reply_markup in the edit drops the keyboard
        assert query_id in fake.callback_answers

        # pressing "yes" again on the (stale) message: same text -> "message is not modified"
        mark = fake.mark()
        fake.push_callback(USER, msg.message_id, "yes")
        failed = await fake.wait_for("editMessageText", after=mark)
        assert failed.status == 400 and "message is not modified" in (failed.description or "")
        for _ in range(100):
            if errors:
                break
            await asyncio.sleep(0.01)
        assert len(errors) == 1 and isinstance(errors[0], BadRequest)

        # a button on a message the fake never saw: the update still arrives, the edit fails
        mark = fake.mark()
        fake.push_callback(USER, 999, "no")
        missing = await fake.wait_for("editMessageText", after=mark)
        assert missing.description == "Bad Request: message to edit not found"


async def test_blocked_user_gives_forbidden_to_the_handler(fake: FakeBotApi) -> None:
    errors: list[BaseException] = []
    app = build_app(fake, errors)
    fake.blocked_chats.add(USER)
    async with running(app):
        call = await fake.send_and_wait(USER, "/start")
        assert call.status == 403
        assert call.description == "Forbidden: bot was blocked by the user"
        for _ in range(100):
            if errors:
                break
            await asyncio.sleep(0.01)
    assert len(errors) == 1 and isinstance(errors[0], Forbidden)
    assert fake.messages(USER) == []


# ------------------------------------------------------------------ request validation


async def test_text_length_counts_visible_utf16(bot: Bot, fake: FakeBotApi) -> None:
    await bot.send_message(USER, "x" * 4096)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(USER, "x" * 4097)
    # markup does not count, only what the user sees
    await bot.send_message(
        USER, "<b>" + "x" * 4090 + "</b>&lt;&gt;&amp;&quot;&#33;&#x21;", parse_mode=ParseMode.HTML
    )
    assert len(fake.last_message(USER).plain_text) == 4096
    # an emoji is 2 UTF-16 code units: 2049 emoji are 4098 units though len() == 2049
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(USER, "\U0001f600" * 2049)
    await bot.send_message(USER, "\U0001f600" * 2048)
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(USER, "<b> </b>", parse_mode=ParseMode.HTML)
    assert [c.status for c in fake.calls_of("sendMessage")] == [200, 400, 200, 400, 200, 400]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<b>x", "Can't find end tag corresponding to start tag b"),
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("a & b", 'Character "&" must be escaped'),
        ("&nbsp;", 'Character "&" must be escaped'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<b><i>x</b></i>", 'expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ('<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler"'),
        ("<a href=x", "Unclosed start tag"),
        ("é<i>", "Can't find end tag corresponding to start tag i"),
    ],
)
async def test_malformed_html_is_rejected(
    bot: Bot, fake: FakeBotApi, text: str, reason: str
) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities") as info:
        await bot.send_message(USER, text, parse_mode=ParseMode.HTML)
    call = fake.calls_of("sendMessage")[-1]
    assert call.status == 400
    assert (call.description or "").startswith("Bad Request: can't parse entities: ")
    assert reason.lower() in str(info.value).lower()
    # the same text without parse_mode is fine
    await bot.send_message(USER, text)


def test_parse_html_entities() -> None:
    text, entities = parse_html(
        '<b>bold <i>both</i></b> <a href="https://example.com/?a=1&b=2">link</a> '
        '<span class="tg-spoiler">s</span> <pre><code class="language-py">x = 1</code></pre> '
        "<blockquote expandable>q</blockquote> &#128512;!"
    )
    assert text == "bold both link s x = 1 q \U0001f600!"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 9},
        {"type": "italic", "offset": 5, "length": 4},
        {"type": "text_link", "offset": 10, "length": 4, "url": "https://example.com/?a=1&b=2"},
        {"type": "spoiler", "offset": 15, "length": 1},
        {"type": "pre", "offset": 17, "length": 5, "language": "py"},
        {"type": "expandable_blockquote", "offset": 23, "length": 1},
    ]
    assert utf16_len(text) == len(text) + 1
    # byte offsets are UTF-8 bytes, like Telegram's
    with pytest.raises(HtmlParseError, match="byte offset 2"):
        parse_html("é<x>")
    # same span: bold before italic whatever the nesting (tdlib type priority)
    bold_italic = [
        {"type": "bold", "offset": 0, "length": 1},
        {"type": "italic", "offset": 0, "length": 1},
    ]
    assert parse_html("<i><b>x</b></i>")[1] == bold_italic
    assert parse_html("<B>x</B>")[1] == bold_italic[:1]
    assert parse_html("<b></b>x") == ("x", [])
    assert parse_html("&lt;b&gt; &quot;q&quot; &#65;&#x42;") == ('<b> "q" AB', [])
    with pytest.raises(HtmlParseError, match="Unsupported start tag"):
        parse_html("line<br>break")
    # Telegram itself keeps a bare '&'; the fake only does so when asked
    assert parse_html("a & b", strict_ampersand=False) == ("a & b", [])


async def test_inline_keyboard_validation(bot: Bot, fake: FakeBotApi) -> None:
    def markup(data: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data=data)]])

    await bot.send_message(USER, "ok", reply_markup=markup("x" * 64))
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(USER, "too long", reply_markup=markup("x" * 65))
    # 64 is a byte limit: 33 Cyrillic letters are 66 bytes
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(USER, "too long", reply_markup=markup("ж" * 33))
    await bot.send_message(USER, "ok", reply_markup=markup("ж" * 32))
    with pytest.raises(BadRequest, match=r"(?i)button_url_invalid"):
        await bot.send_message(
            USER,
            "bad url",
            reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("u", url="nope")]]),
        )
    msg = fake.last_message(USER)
    assert fake.buttons(msg) == [("b", "ж" * 32)]
    # editing applies the same rules
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.edit_message_reply_markup(USER, msg.message_id, reply_markup=markup("y" * 65))
    await bot.edit_message_reply_markup(USER, msg.message_id, reply_markup=markup("y"))
    assert fake.buttons(fake.last_message(USER)) == [("b", "y")]
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_reply_markup(USER, msg.message_id, reply_markup=markup("y"))


async def test_unknown_chat_and_messages(bot: Bot, fake: FakeBotApi) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(777, "who?")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_chat_action(777, "typing")
    await bot.send_chat_action(USER, "typing")
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=USER, message_id=55)
    sent = await bot.send_message(USER, "hello")
    assert await bot.delete_message(USER, sent.message_id) is True
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(USER, sent.message_id)
    assert fake.messages(USER) == []
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query("12345")
    # a pushed query can be answered exactly once
    query_id = fake.push_callback(USER, sent.message_id, "d")
    assert await bot.answer_callback_query(query_id, text="done") is True
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query_id)
    assert fake.callback_answers[query_id]["text"] == "done"


async def test_set_my_commands(bot: Bot, fake: FakeBotApi) -> None:
    good = [BotCommand("start", "Begin"), BotCommand("help_2", "How it works")]
    assert await bot.set_my_commands(good) is True
    assert fake.my_commands == [
        {"command": "start", "description": "Begin"},
        {"command": "help_2", "description": "How it works"},
    ]
    assert await bot.get_my_commands() == tuple(good)
    bad_sets = [
        [BotCommand("Start", "upper case")],
        [BotCommand("/start", "slash")],
        [BotCommand("a" * 33, "too long")],
        [BotCommand("", "empty")],
        [BotCommand("start", "")],
        [BotCommand("start", "d" * 257)],
        [BotCommand(f"c{i}", "d") for i in range(101)],
    ]
    for commands in bad_sets:
        with pytest.raises(BadRequest):
            await bot.set_my_commands(commands)
    assert [c.status for c in fake.calls_of("setMyCommands")] == [200] + [400] * len(bad_sets)
    assert fake.my_commands[0]["command"] == "start"  # failed calls changed nothing


async def test_blocked_chat_raises_forbidden(bot: Bot, fake: FakeBotApi) -> None:
    fake.blocked_chats.add(USER)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(USER, "hello?")
    call = fake.calls_of("sendMessage")[-1]
    assert call.status == 403


async def test_flood_control_raises_retry_after(
    bot: Bot, fake: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # retry_after as timedelta, no deprecation
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(USER, "spam")
    assert info.value.retry_after == timedelta(seconds=1)
    failed = fake.calls_of("sendMessage")[-1]
    assert failed.status == 429
    await bot.send_message(USER, "later")  # only the next call failed
    fake.fail_next("sendChatAction", 500, "Internal Server Error", times=2)
    for _ in range(2):
        with pytest.raises(Exception, match="Internal Server Error"):
            await bot.send_chat_action(USER, "typing")
    await bot.send_chat_action(USER, "typing")


async def test_raw_requests_json_form_unknown_method_and_token(
    fake: FakeBotApi, http: aiohttp.ClientSession
) -> None:
    fake.known_chats.add(USER)
    url = f"{fake.base_url}{TOKEN}"
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    async with http.post(
        f"{url}/sendMessage", json={"chat_id": str(USER), "text": "json", "reply_markup": markup}
    ) as resp:
        body = await resp.json()
        assert resp.status == 200 and body["ok"] is True
        assert body["result"]["reply_markup"] == markup
    async with http.post(
        f"{url}/SENDMESSAGE",
        data={"chat_id": str(USER), "text": "form", "reply_markup": json.dumps(markup)},
    ) as resp:
        assert resp.status == 200  # method names are case-insensitive
    async with http.get(
        f"{url}/sendMessage", params={"chat_id": str(USER), "text": "query"}
    ) as resp:
        assert resp.status == 200
    async with http.post(  # a JSON body whose values are strings, as bot/aiohttp_request.py sends
        f"{url}/sendMessage",
        json={"chat_id": str(USER), "text": "strings", "reply_markup": json.dumps(markup)},
    ) as resp:
        assert resp.status == 200 and (await resp.json())["result"]["chat"]["id"] == USER
    assert [m.plain_text for m in fake.messages(USER)] == ["json", "form", "query", "strings"]
    assert fake.buttons(fake.messages(USER)[1]) == [("A", "a")]
    assert fake.buttons(fake.messages(USER)[3]) == [("A", "a")]

    async with http.post(f"{url}/sendDice", data={"chat_id": str(USER)}) as resp:
        assert resp.status == 404
        assert await resp.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    async with http.post(f"{fake.base_url}123:wrong/getMe") as resp:
        assert resp.status == 401
        assert (await resp.json())["description"] == "Unauthorized"
    assert [(c.method, c.status) for c in fake.calls[-2:]] == [("sendDice", 404), ("getMe", 401)]


# ---------------------------------------------------------------------------- long poll


async def test_long_poll_returns_promptly_and_confirms(
    fake: FakeBotApi, http: aiohttp.ClientSession
) -> None:
    fake.long_poll_cap = 10.0
    url = f"{fake.base_url}{TOKEN}/getUpdates"

    async def poll(**params: Any) -> list[dict[str, Any]]:
        async with http.post(url, data={k: str(v) for k, v in params.items()}) as resp:
            body = await resp.json()
            assert body["ok"], body
            result: list[dict[str, Any]] = body["result"]
            return result

    started = time.monotonic()
    task = asyncio.create_task(poll(timeout=10))
    for _ in range(200):
        if fake.pending_polls:
            break
        await asyncio.sleep(0.005)
    assert fake.pending_polls == 1
    update = fake.push_message(USER, "wake up")
    updates = await asyncio.wait_for(task, 2)
    assert time.monotonic() - started < 1.5
    assert updates == [update]

    # not confirmed yet: returned again; confirmed with offset: gone
    assert await poll(timeout=0) == [update]
    second = fake.push_message(USER, "second")
    assert await poll(offset=update["update_id"] + 1, timeout=0) == [second]
    assert await poll(offset=second["update_id"] + 1, timeout=0) == []
    assert fake.pending_updates == []

    # timeout=0 answers at once; the cap bounds long polls
    fake.long_poll_cap = 0.2
    started = time.monotonic()
    assert await poll(timeout=30) == []
    assert 0.15 < time.monotonic() - started < 1.0


async def test_stop_releases_a_waiting_poller(http: aiohttp.ClientSession) -> None:
    api = FakeBotApi(TOKEN)
    await api.start()
    try:
        api.long_poll_cap = 30.0
        url = f"{api.base_url}{TOKEN}/getUpdates"

        async def poll() -> Any:
            async with http.post(url, data={"timeout": "30"}) as resp:
                return await resp.json()

        task = asyncio.create_task(poll())
        for _ in range(200):
            if api.pending_polls:
                break
            await asyncio.sleep(0.005)
        assert api.pending_polls == 1
        started = time.monotonic()
        await api.stop()
        assert time.monotonic() - started < 1.0
        assert await asyncio.wait_for(task, 1) == {"ok": True, "result": []}
        assert api.calls[-1].method == "getUpdates" and api.calls[-1].status == 200
    finally:
        await api.stop()  # idempotent
    with pytest.raises(aiohttp.ClientConnectionError):
        async with http.post(url, data={"timeout": "0"}):
            pass


async def test_wait_for_times_out_with_a_call_dump(fake: FakeBotApi) -> None:
    fake.known_chats.add(USER)
    async with Bot(TOKEN, base_url=fake.base_url) as b:
        await b.send_chat_action(USER, "typing")
    with pytest.raises(AssertionError, match=r"(?s)no sendMessage call.*sendChatAction -> 200"):
        await fake.wait_for("sendMessage", timeout=0.1)


async def test_running_cleans_up_when_polling_cannot_start(fake: FakeBotApi) -> None:
    fake.fail_next("deleteWebhook", 500, "Internal Server Error")
    app = build_app(fake, [])
    with pytest.raises(NetworkError, match="Internal Server Error"):
        async with running(app):
            pytest.fail("must not get here")
    assert not app.running
    assert app.updater is not None and not app.updater.running
    assert [c.method for c in fake.calls] == ["getMe", "deleteWebhook"]


async def test_descriptions_are_stored_and_checked_like_telegram(fake: FakeBotApi) -> None:
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        assert await bot.set_my_description("Tips about pain behind the knee.")
        assert await bot.set_my_short_description("Knee tips", language_code="de")
        assert fake.descriptions == {"": "Tips about pain behind the knee."}
        assert fake.short_descriptions == {"de": "Knee tips"}
        assert (await bot.get_my_description()).description.startswith("Tips")
        with pytest.raises(BadRequest, match=r"(?i)bot_description_invalid"):
            await bot.set_my_description("x" * 513)
        with pytest.raises(BadRequest, match=r"(?i)bot_short_description_invalid"):
            await bot.set_my_short_description("x" * 121)
        assert await bot.set_my_description("")
        assert fake.descriptions == {}
