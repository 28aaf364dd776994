"""The playground's web chat: the page, its JSON endpoints and a live event stream.

    GET  /              the chat page (static/index.html; plain HTML, CSS and JS, works offline)
    GET  /api/state     everything the page shows: users, chats, commands, description, calls
    GET  /api/events    server-sent events: message, delete, call, answer, meta, clock, reset
    POST /api/send      {"user_id", "text"}              a simulated user writes to the bot
    POST /api/press     {"user_id", "message_id", "data"} a user presses a callback button
    POST /api/clock     {"seconds"}                       move the bot's clock forward
    POST /api/reset     {}                                fresh database, no chats, clock = now

The page never turns bot text into HTML: it gets the visible text and Telegram's entities
(parsed by the emulator exactly as Telegram parses parse_mode=HTML) and builds DOM nodes.
Binds 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from aiohttp import web

from playground.emulator import ApiCall, JsonDict, SentMessage, bot_command_entities
from playground.runner import Playground

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
MAX_CALLS_IN_STATE = 400
MAX_POLLS_IN_STATE = 20
MAX_TEXT = 4096
HEARTBEAT_SECONDS = 15.0
MAX_ADVANCE_SECONDS = 60 * 86_400
_STATIC = files("playground") / "static"
_CONTENT_TYPES = {".html": "text/html", ".css": "text/css", ".js": "text/javascript"}
_MESSAGE_METHODS = frozenset({"sendMessage", "editMessageText", "editMessageReplyMarkup"})
_META_METHODS = frozenset(
    {"setMyCommands", "deleteMyCommands", "setMyDescription", "setMyShortDescription"}
)


@dataclass(frozen=True, slots=True)
class SimUser:
    id: int
    first_name: str
    language_code: str = "en"
    """What their Telegram app is set to: the bot answers in it unless they choose another."""


USERS = (
    SimUser(1001, "Alex"),
    SimUser(1002, "Sam", "en-GB"),
    SimUser(1003, "Priya"),
    SimUser(1004, "Lucía", "es"),
    SimUser(1005, "João", "pt-br"),
    SimUser(1006, "Дмитрий", "ru"),
)


def keyboard_of(markup: JsonDict | None) -> list[list[JsonDict]]:
    """Inline keyboard rows as the page draws them: text, kind (callback/url/other), value."""
    rows = (markup or {}).get("inline_keyboard") or []
    out: list[list[JsonDict]] = []
    for row in rows:
        buttons: list[JsonDict] = []
        for button in row if isinstance(row, list) else []:
            if not isinstance(button, dict):
                continue
            item: JsonDict = {"text": str(button.get("text", ""))}
            if "callback_data" in button:
                item.update(kind="callback", data=str(button["callback_data"]))
            elif "url" in button:
                item.update(kind="url", url=str(button["url"]))
            else:
                item["kind"] = "other"
            buttons.append(item)
        out.append(buttons)
    return out


def bot_item(msg: SentMessage) -> JsonDict:
    return {
        "id": msg.message_id,
        "from": "bot",
        "text": msg.plain_text,
        "entities": msg.entities,
        "keyboard": keyboard_of(msg.reply_markup),
        "date": msg.date,
        "edited": msg.edited > 0,
    }


_MEDIA_LABELS = {"photo": "[photo]", "sticker": "[sticker]", "voice": "[voice message]"}


def user_item(message: JsonDict) -> JsonDict:
    """A user's message as the page shows it: its text, or a media label and the caption."""
    if "text" in message:
        text = str(message["text"])
        entities = message.get("entities") or bot_command_entities(text)
    else:
        label = next((v for k, v in _MEDIA_LABELS.items() if k in message), "[message]")
        caption = str(message.get("caption", ""))
        text = f"{label} {caption}".strip()
        entities = []
    return {
        "id": int(message["message_id"]),
        "from": "user",
        "text": text,
        "entities": entities,
        "keyboard": [],
        "date": int(message.get("date", 0)),
        "edited": False,
    }


def call_item(call: ApiCall) -> JsonDict:
    return {
        "index": call.index,
        "method": call.method,
        "params": call.params,
        "status": call.status,
        "ok": call.ok,
        "result": call.result,
        "description": call.description,
    }


def recent_calls(calls: list[ApiCall]) -> list[ApiCall]:
    """The last calls for the panel; idle long polls never push the bot's own calls out."""
    recent = calls[-20 * MAX_CALLS_IN_STATE :]
    kept = [c for c in recent if c.method != "getUpdates"][-MAX_CALLS_IN_STATE:]
    kept += [c for c in recent if c.method == "getUpdates"][-MAX_POLLS_IN_STATE:]
    return sorted(kept, key=lambda call: call.index)


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


class PlaygroundWeb:
    """The aiohttp app of the page; follows the emulator and pushes events to every page."""

    def __init__(self, playground: Playground) -> None:
        self.playground = playground
        self._streams: set[asyncio.Queue[str | None]] = set()
        self._query_chats: dict[str, int] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0
        playground.emulator.listeners.append(self._on_call)
        playground.emulator.update_listeners.append(self._on_update)

    # ---------------------------------------------------------------- events

    def broadcast(self, event: JsonDict) -> None:
        data = json.dumps(event, default=str, ensure_ascii=False)
        for queue in list(self._streams):
            queue.put_nowait(data)

    def _on_update(self, update: JsonDict) -> None:
        message = update.get("message")
        if isinstance(message, dict):
            chat_id = int(message["chat"]["id"])
            self.broadcast({"type": "message", "chat_id": chat_id, "item": user_item(message)})

    def _on_call(self, call: ApiCall) -> None:
        self.broadcast({"type": "call", "call": call_item(call)})
        if not call.ok:
            return
        emulator = self.playground.emulator
        if call.method in _MESSAGE_METHODS and isinstance(call.result, dict):
            chat_id = int(call.result["chat"]["id"])
            msg = emulator.message(chat_id, int(call.result["message_id"]))
            self.broadcast({"type": "message", "chat_id": chat_id, "item": bot_item(msg)})
        elif call.method == "deleteMessage":
            self.broadcast(
                {
                    "type": "delete",
                    "chat_id": int(call.params.get("chat_id", 0)),
                    "id": int(call.params.get("message_id", 0)),
                }
            )
        elif call.method == "answerCallbackQuery":
            query_id = str(call.params.get("callback_query_id", ""))
            text = call.params.get("text")
            self.broadcast(
                {
                    "type": "answer",
                    "chat_id": self._query_chats.pop(query_id, 0),
                    "text": text if isinstance(text, str) else "",
                    "show_alert": call.params.get("show_alert") is True,
                }
            )
        elif call.method in _META_METHODS:
            self.broadcast({"type": "meta", **self.meta()})

    # ---------------------------------------------------------------- state

    def meta(self) -> JsonDict:
        emulator = self.playground.emulator
        return {
            "commands": emulator.my_commands,
            "description": emulator.descriptions.get("", ""),
            "short_description": emulator.short_descriptions.get("", ""),
        }

    def clock_state(self) -> JsonDict:
        clock = self.playground.clock
        return {"type": "clock", "now": clock(), "offset": clock.offset}

    def chat(self, chat_id: int) -> list[JsonDict]:
        emulator = self.playground.emulator
        items = [bot_item(msg) for msg in emulator.messages(chat_id)]
        items += [user_item(m) for m in emulator.user_messages(chat_id)]
        return sorted(items, key=lambda item: int(item["id"]))

    def state(self) -> JsonDict:
        emulator = self.playground.emulator
        state: JsonDict = _jsonable(
            {
                "bot": {"name": emulator.bot_user["first_name"], "username": emulator.bot_username},
                "users": [
                    {"id": u.id, "first_name": u.first_name, "language_code": u.language_code}
                    for u in USERS
                ],
                "chats": {str(u.id): self.chat(u.id) for u in USERS},
                "calls": [call_item(c) for c in recent_calls(emulator.calls)],
                "clock": self.clock_state(),
                **self.meta(),
            }
        )
        return state

    # ---------------------------------------------------------------- handlers

    async def _page(self, request: web.Request) -> web.StreamResponse:
        return self._static_file("index.html")

    async def _static(self, request: web.Request) -> web.StreamResponse:
        return self._static_file(request.match_info["name"])

    @staticmethod
    def _static_file(name: str) -> web.Response:
        suffix = name[name.rfind(".") :] if "." in name else ""
        if "/" in name or name.startswith(".") or suffix not in _CONTENT_TYPES:
            raise web.HTTPNotFound()
        resource = _STATIC / name
        if not resource.is_file():
            raise web.HTTPNotFound()
        return web.Response(
            body=resource.read_bytes(),
            content_type=_CONTENT_TYPES[suffix],
            charset="utf-8",
            headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
        )

    async def _state(self, request: web.Request) -> web.Response:
        return web.json_response(self.state())

    async def _events(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream",
                "Cache-Control": "no-store",
                "X-Accel-Buffering": "no",
            }
        )
        await response.prepare(request)
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        self._streams.add(queue)
        try:
            await response.write(b"retry: 1000\n\n")
            while True:
                try:
                    data = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
                except TimeoutError:
                    await response.write(b": keep-alive\n\n")
                    continue
                if data is None:
                    break
                await response.write(f"data: {data}\n\n".encode())
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            self._streams.discard(queue)
        return response

    @staticmethod
    async def _body(request: web.Request) -> JsonDict:
        try:
            body = await request.json()
        except ValueError:
            raise web.HTTPBadRequest(text="expected a JSON object") from None
        if not isinstance(body, dict):
            raise web.HTTPBadRequest(text="expected a JSON object")
        return body

    @staticmethod
    def _user(body: JsonDict) -> SimUser:
        user_id = body.get("user_id")
        for user in USERS:
            if user.id == user_id:
                return user
        raise web.HTTPBadRequest(text="unknown user")

    async def _send(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        user = self._user(body)
        text = body.get("text")
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
            raise web.HTTPBadRequest(text="text must be 1-4096 characters")
        update = self.playground.emulator.push_message(
            user.id, text, first_name=user.first_name, language_code=user.language_code
        )
        return web.json_response({"ok": True, "item": user_item(update["message"])})

    async def _press(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        user = self._user(body)
        message_id, data = body.get("message_id"), body.get("data")
        if not isinstance(message_id, int) or not isinstance(data, str):
            raise web.HTTPBadRequest(text="message_id and data are required")
        query_id = self.playground.emulator.push_callback(user.id, message_id, data)
        self._query_chats[query_id] = user.id
        return web.json_response({"ok": True, "query_id": query_id})

    async def _clock(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        seconds = body.get("seconds")
        if not isinstance(seconds, int | float) or not 0 < seconds <= MAX_ADVANCE_SECONDS:
            raise web.HTTPBadRequest(text="seconds must be a positive number (at most 60 days)")
        self.playground.clock.advance(float(seconds))
        state = self.clock_state()
        self.broadcast(state)
        return web.json_response(state)

    async def _reset(self, request: web.Request) -> web.Response:
        self._query_chats.clear()
        await self.playground.reset()
        self.broadcast({"type": "reset"})
        return web.json_response({"ok": True})

    # ---------------------------------------------------------------- lifecycle

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/", self._page)
        app.router.add_get("/static/{name}", self._static)
        app.router.add_get("/api/state", self._state)
        app.router.add_get("/api/events", self._events)
        app.router.add_post("/api/send", self._send)
        app.router.add_post("/api/press", self._press)
        app.router.add_post("/api/clock", self._clock)
        app.router.add_post("/api/reset", self._reset)
        return app

    async def start(self, port: int) -> None:
        """Listen on 127.0.0.1:`port` (0: any free port). OSError if the port is taken."""
        runner = web.AppRunner(
            self.app(), handle_signals=False, access_log=None, shutdown_timeout=1.0
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, HOST, port)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self.port = int(runner.addresses[0][1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    async def stop(self) -> None:
        for queue in list(self._streams):
            queue.put_nowait(None)  # ends every event stream
        runner, self._runner = self._runner, None
        if runner is not None:
            with contextlib.suppress(Exception):
                await runner.cleanup()
