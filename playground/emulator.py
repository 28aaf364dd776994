"""A fake Telegram Bot API server (loopback only): the playground's emulator, and the tests' fake.

The real ``telegram.ext.Application`` is pointed at it with
``ApplicationBuilder().base_url(fake.base_url)``.  PTB then calls
``f"{base_url}{token}/{method}"``, i.e. ``http://127.0.0.1:PORT/bot<token>/<method>``.

How PTB 22 sends parameters (``telegram.request.HTTPXRequest``): a POST whose body is
``application/x-www-form-urlencoded`` (``multipart/form-data`` when files are attached).
Every value is a string: ``str`` values as-is, everything else JSON-encoded
(``chat_id=42``, ``reply_markup={"inline_keyboard": ...}``, ``allowed_updates=[...]``).
This bot's own client (``bot/aiohttp_request.py``) sends the same strings as a JSON object
body instead. The fake reads both, and query-string parameters, like Telegram does: in a JSON
body a string value is read like a form field, anything else as it is.

Validation follows Telegram where it is cheap to copy (the HTML parser mirrors tdlib's
``parse_html``), with one deliberate difference: a bare ``&`` in HTML text is rejected
(``strict_ampersand``), as the Bot API docs require escaping, while the real server
silently keeps it.  Never contacts the network beyond 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from aiohttp import web

if TYPE_CHECKING:
    from telegram.ext import Application

__all__ = [
    "ApiCall",
    "FakeBotApi",
    "HtmlParseError",
    "SentMessage",
    "parse_html",
    "running",
    "utf16_len",
]

JsonDict = dict[str, Any]

_log = logging.getLogger(__name__)

MAX_TEXT_UTF16 = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_COMMANDS = 100

# Status recorded (never sent) for a request whose client hung up before the answer.
CLIENT_GONE = 499
GONE_TEXT = "client closed the connection before the answer"

BLOCKED_DESCRIPTION = "Forbidden: bot was blocked by the user"
CHAT_NOT_FOUND = "Bad Request: chat not found"
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)

# Update types Telegram delivers when allowed_updates was never set (or set to []).
_DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

# Form fields whose value is a plain string; every other form value is JSON-decoded when it
# parses (PTB JSON-encodes all non-str values).
_STRING_PARAMS = frozenset(
    {
        "text",
        "parse_mode",
        "callback_query_id",
        "url",
        "caption",
        "action",
        "secret_token",
        "ip_address",
        "language_code",
        "inline_message_id",
        "business_connection_id",
        "message_effect_id",
        "emoji",
        "title",
        "description",
        "short_description",
        "name",
    }
)

# Inline keyboard button fields that give the button its action; exactly one is required.
_BUTTON_ACTIONS = frozenset(
    {
        "callback_data",
        "url",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)

_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_BOT_COMMAND_RE = re.compile(r"/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?")


# --------------------------------------------------------------------------------------
# records
# --------------------------------------------------------------------------------------


@dataclass
class ApiCall:
    """One request the fake received, recorded when its response was decided."""

    method: str
    params: JsonDict
    at: float  # time.monotonic() when the request arrived
    status: int
    result: Any = None  # "result" of a successful response
    description: str | None = None  # "description" of an error response
    index: int = -1  # position in FakeBotApi.calls

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass
class SentMessage:
    """A message the bot sent, in its current state (edits are applied in place)."""

    message_id: int
    chat_id: int
    text: str  # as the bot sent it (HTML markup included)
    parse_mode: str | None
    reply_markup: JsonDict | None
    edited: int = 0
    plain_text: str = ""  # what the user sees (entities parsed)
    entities: list[JsonDict] = field(default_factory=list)
    deleted: bool = False
    date: int = 0
    edit_date: int | None = None


class _ApiError(Exception):
    def __init__(self, status: int, description: str, parameters: JsonDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> JsonDict:
        body: JsonDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


@dataclass
class _Failure:
    status: int
    description: str
    retry_after: int | None
    times: int


@dataclass
class _CallbackQuery:
    user_id: int
    chat_id: int
    message_id: int
    data: str
    answered: bool = False


def _bad(description: str) -> _ApiError:
    return _ApiError(400, f"Bad Request: {description}")


# --------------------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------------------


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for limits and entity offsets."""
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML; ``str(err)`` is tdlib's wording."""


_ALLOWED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_SIMPLE_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}


_ENTITY_PRIORITY = {
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "text_mention": 49,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}


def _decode_html_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode the HTML entity at text[pos] == '&' like tdlib; None if it is not one."""
    n = len(text)
    end = pos + 1
    if end < n and text[end] == "#":
        end += 1
        code = 0
        if end < n and text[end] == "x":
            end += 1
            while end < n and text[end] in "0123456789abcdefABCDEF":
                code = code * 16 + int(text[end], 16)
                end += 1
        else:
            while end < n and text[end] in "0123456789":
                code = code * 10 + int(text[end])
                end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return None
        if 0xD800 <= code <= 0xDFFF:
            raise HtmlParseError(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            )
        decoded = chr(code)
    else:
        while end < n and text[end].isascii() and text[end].isalpha():
            end += 1
        named = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}.get(text[pos + 1 : end])
        if named is None:
            return None
        decoded = named
    if end < n and text[end] == ";":
        end += 1
    return decoded, end


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[JsonDict]]:
    """Parse Telegram HTML into (visible text, Bot API entities); raise HtmlParseError.

    Mirrors tdlib's ``parse_html`` (td/telegram/MessageEntity.cpp): same tags, same
    nesting rules, same error messages with UTF-8 byte offsets.  Entity offsets and lengths
    are in UTF-16 code units.  With ``strict_ampersand`` a ``&`` that does not start a
    valid entity (``&lt; &gt; &amp; &quot; &#N; &#xN;``) is an error.
    """

    def byte_offset(pos: int) -> int:
        return len(text[:pos].encode("utf-8"))

    out: list[str] = []
    out_len = 0  # characters in out, for <a> without href
    utf16 = 0
    # (tag name, argument, utf16 offset, index in out)
    stack: list[tuple[str, str, int, int]] = []
    entities: list[JsonDict] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "&":
            decoded = _decode_html_entity(text, i)
            if decoded is not None:
                out.append(decoded[0])
                out_len += 1
                utf16 += utf16_len(decoded[0])
                i = decoded[1]
                continue
            if strict_ampersand:
                raise HtmlParseError(
                    f'Character "&" must be escaped as "&amp;" at byte offset {byte_offset(i)}'
                )
        if ch != "<":
            out.append(ch)
            out_len += 1
            utf16 += utf16_len(ch)
            i += 1
            continue

        begin = i
        i += 1
        if i < n and text[i] == "/":
            # end tag
            if not stack:
                raise HtmlParseError(f"Unexpected end tag at byte offset {byte_offset(begin)}")
            while i < n and not text[i].isspace() and text[i] != ">":
                i += 1
            end_name = text[begin + 2 : i].lower()
            while i < n and text[i].isspace():
                i += 1
            if i >= n or text[i] != ">":
                raise HtmlParseError(f"Unclosed end tag at byte offset {byte_offset(begin)}")
            i += 1
            tag, argument, start16, start_out = stack.pop()
            if end_name and end_name != tag:
                raise HtmlParseError(
                    f"Unmatched end tag at byte offset {byte_offset(begin)}, "
                    f'expected "</{tag}>", found "</{end_name}>"'
                )
            length = utf16 - start16
            if length <= 0:
                continue
            if tag in _SIMPLE_ENTITY:
                entities.append({"type": _SIMPLE_ENTITY[tag], "offset": start16, "length": length})
            elif tag == "tg-emoji":
                if not argument.isdigit() or int(argument) == 0:
                    raise HtmlParseError("Invalid custom emoji identifier specified")
                entities.append(
                    {
                        "type": "custom_emoji",
                        "offset": start16,
                        "length": length,
                        "custom_emoji_id": argument,
                    }
                )
            elif tag == "a":
                url = argument or "".join(out[start_out:])
                if url:
                    entities.append(
                        {"type": "text_link", "offset": start16, "length": length, "url": url}
                    )
            elif tag == "blockquote":
                kind = "expandable_blockquote" if argument == "expandable" else "blockquote"
                entities.append({"type": kind, "offset": start16, "length": length})
            elif tag == "pre":
                last = entities[-1] if entities else None
                if (
                    last is not None
                    and last["type"] == "code"
                    and last["offset"] == start16
                    and last["length"] == length
                    and last.get("language")
                ):
                    last["type"] = "pre"
                else:
                    entities.append({"type": "pre", "offset": start16, "length": length})
            else:  # code
                last = entities[-1] if entities else None
                if (
                    last is not None
                    and last["type"] == "pre"
                    and last["offset"] == start16
                    and last["length"] == length
                    and argument
                ):
                    last["language"] = argument
                else:
                    code: JsonDict = {"type": "code", "offset": start16, "length": length}
                    if argument:
                        code["language"] = argument
                    entities.append(code)
            continue

        # start tag
        while i < n and not text[i].isspace() and text[i] != ">":
            i += 1
        if i >= n:
            raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
        tag = text[begin + 1 : i].lower()
        if tag not in _ALLOWED_TAGS:
            raise HtmlParseError(
                f'Unsupported start tag "{tag}" at byte offset {byte_offset(begin)}'
            )
        argument = ""
        while True:
            while i < n and text[i].isspace():
                i += 1
            if i >= n:
                raise HtmlParseError(
                    f'Unclosed start tag "{tag}" at byte offset {byte_offset(begin)}'
                )
            if text[i] == ">":
                i += 1
                break
            attr_begin = i
            while i < n and not text[i].isspace() and text[i] not in "=>":
                i += 1
            attr_name = text[attr_begin:i]
            if not attr_name:
                raise HtmlParseError(
                    f'Empty attribute name in the tag "{tag}" at byte offset {byte_offset(begin)}'
                )
            while i < n and text[i].isspace():
                i += 1
            if i < n and text[i] != "=" and tag == "blockquote" and attr_name == "expandable":
                argument = "expandable"
                continue
            if i >= n or text[i] != "=":
                raise HtmlParseError(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {byte_offset(begin)}'
                )
            i += 1
            while i < n and text[i].isspace():
                i += 1
            if i >= n:
                raise HtmlParseError(
                    f'Unclosed start tag "{tag}" at byte offset {byte_offset(begin)}'
                )
            if text[i] not in "'\"":
                token_begin = i
                while i < n and ((text[i].isascii() and text[i].isalnum()) or text[i] in ".-"):
                    i += 1
                value = text[token_begin:i].lower()
                if i < n and not text[i].isspace() and text[i] != ">":
                    raise HtmlParseError(
                        f"Unexpected end of name token at byte offset {byte_offset(token_begin)}"
                    )
            else:
                quote = text[i]
                i += 1
                chars: list[str] = []
                while i < n and text[i] != quote:
                    if text[i] == "&":
                        decoded = _decode_html_entity(text, i)
                        if decoded is not None:
                            chars.append(decoded[0])
                            i = decoded[1]
                            continue
                    chars.append(text[i])
                    i += 1
                if i < n:
                    i += 1
                value = "".join(chars)
            if i >= n:
                raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if (
                (tag == "a" and attr_name == "href")
                or (tag == "tg-emoji" and attr_name == "emoji-id")
                or (tag == "blockquote" and attr_name == "expandable")
            ):
                argument = value
            elif tag == "code" and attr_name == "class" and value.startswith("language-"):
                argument = value[len("language-") :]
            elif tag == "span" and attr_name == "class" and value.startswith("tg-"):
                argument = value[len("tg-") :]
        if tag == "span" and argument != "spoiler":
            raise HtmlParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(begin)}'
            )
        stack.append((tag, argument, utf16, len(out)))
    if stack:
        raise HtmlParseError(f"Can't find end tag corresponding to start tag {stack[-1][0]}")
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    # tdlib's sort_entities: offset, longer first, then type priority
    entities.sort(key=lambda e: (e["offset"], -e["length"], _ENTITY_PRIORITY.get(e["type"], 50)))
    return "".join(out), entities


def _strip_text(text: str, entities: list[JsonDict]) -> tuple[str, list[JsonDict]]:
    """Trim surrounding whitespace like Telegram, shifting/clipping entities."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    head = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    fixed: list[JsonDict] = []
    for entity in entities:
        start = max(entity["offset"] - head, 0)
        end = min(entity["offset"] + entity["length"] - head, total)
        if end > start:
            fixed.append({**entity, "offset": start, "length": end - start})
    return stripped, fixed


def _bot_command_entities(text: str) -> list[JsonDict]:
    """bot_command entities the way Telegram detects them (tdlib match_bot_commands)."""

    def is_word(ch: str) -> bool:
        return ch.isalnum() or ch == "_"

    entities: list[JsonDict] = []
    for match in _BOT_COMMAND_RE.finditer(text):
        start, end = match.span()
        if start > 0 and (is_word(text[start - 1]) or text[start - 1] in "/<>"):
            continue
        if end < len(text) and (is_word(text[end]) or text[end] in "/<>@"):
            continue
        entities.append(
            {
                "type": "bot_command",
                "offset": utf16_len(text[:start]),
                "length": utf16_len(match.group()),
            }
        )
    return entities


_MENTION_RE = re.compile(r"(?<![A-Za-z0-9_])@[A-Za-z0-9_]{5,32}")

_MEDIA: dict[str, JsonDict] = {
    "photo": {"photo": [{"file_id": "photo-1", "file_unique_id": "p1", "width": 90, "height": 90}]},
    "sticker": {
        "sticker": {
            "file_id": "sticker-1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    },
    "voice": {"voice": {"file_id": "voice-1", "file_unique_id": "v1", "duration": 3}},
}


def _mention_entities(text: str) -> list[JsonDict]:
    """``mention`` entities for every @username in ``text``."""
    return [
        {
            "type": "mention",
            "offset": utf16_len(text[: m.start()]),
            "length": utf16_len(m.group()),
        }
        for m in _MENTION_RE.finditer(text)
    ]


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    return None


def _as_json(value: Any) -> Any:
    """Values that must be JSON objects may arrive as JSON strings (form data)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _coerce_form_value(key: str, value: str) -> Any:
    if key in _STRING_PARAMS:
        return value
    try:
        decoded = json.loads(value, parse_constant=lambda c: c)
    except ValueError:
        return value
    if isinstance(decoded, str) and not value.startswith('"'):
        return value
    return decoded


# --------------------------------------------------------------------------------------
# the server
# --------------------------------------------------------------------------------------


class FakeBotApi:
    """In-process fake of api.telegram.org for one bot, bound to 127.0.0.1."""

    def __init__(self, token: str, bot_id: int = 111, bot_username: str = "knee_tips_bot") -> None:
        self.token = token
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_user: JsonDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Knee Tips",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.calls: list[ApiCall] = []
        # Message dates come from this clock (the playground moves it forward).
        self.clock: Callable[[], float] = time.time
        # Called with every recorded call (the playground's page follows them live).
        self.listeners: list[Callable[[ApiCall], None]] = []
        # Called with every update pushed for the bot (a user wrote, pressed a button, ...).
        self.update_listeners: list[Callable[[JsonDict], None]] = []
        self.blocked_chats: set[int] = set()
        self.known_chats: set[int] = set()
        self.my_commands: list[JsonDict] = []
        # language_code ("" for the default) -> text, as setMyDescription / setMyShortDescription
        self.descriptions: dict[str, str] = {}
        self.short_descriptions: dict[str, str] = {}
        # (scope as sorted JSON, language_code) -> commands; my_commands mirrors the default
        self.commands_by_scope: dict[tuple[str, str], list[JsonDict]] = {}
        self.callback_answers: dict[str, JsonDict] = {}
        self.webhook_url: str | None = None
        self.dropped_updates: list[JsonDict] = []  # filtered out by allowed_updates
        self.long_poll_cap: float = 2.0  # seconds; getUpdates never waits longer
        self.strict_ampersand: bool = True
        self.base_url: str = ""
        self.port: int = 0

        self._updates: list[JsonDict] = []
        self._next_update_id = 1
        self._allowed_updates: frozenset[str] | None = None
        self._failures: dict[str, list[_Failure]] = {}
        self._sent: dict[int, dict[int, SentMessage]] = {}
        self._user_messages: dict[int, dict[int, JsonDict]] = {}
        self._next_message_id: dict[int, int] = {}
        self._chats: dict[int, JsonDict] = {}
        self._users: dict[int, JsonDict] = {}
        self._callbacks: dict[str, _CallbackQuery] = {}
        self._next_callback = 1
        self._update_waiters: set[asyncio.Future[None]] = set()
        self._call_waiters: set[asyncio.Future[None]] = set()
        self._poll_done_waiters: set[asyncio.Future[None]] = set()
        self._poll_generation = 0
        self._polls_in_flight = 0
        self._closing = False
        self._runner: web.AppRunner | None = None
        # Failure injection beyond error answers: slow answers and an outage.
        self._slow: dict[str, list[list[float]]] = {}  # method -> [[seconds, times left]]
        self._drops: dict[str, int] = {}  # method -> how many calls get no answer at all
        self._site: web.TCPSite | None = None
        self.gone = False

        self._methods: dict[str, Callable[[JsonDict], Any]] = {
            "getMe": self._get_me,
            "logOut": self._true,
            "close": self._true,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setMyDescription": self._set_my_description,
            "getMyDescription": self._get_my_description,
            "setMyShortDescription": self._set_my_short_description,
            "getMyShortDescription": self._get_my_short_description,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": self._send_chat_action,
        }
        # Telegram method names are case-insensitive.
        self._canonical = {name.lower(): name for name in [*self._methods, "getUpdates"]}

    # ---------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        if self._runner is not None:
            raise RuntimeError("FakeBotApi already started")
        self._closing = False
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        try:
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self._site = site
        self.port = int(runner.addresses[0][1])
        self.base_url = f"http://127.0.0.1:{self.port}/bot"

    async def stop(self) -> None:
        """Release waiting getUpdates calls (they answer []), then shut the server down."""
        runner = self._runner
        if runner is None:
            return
        self._closing = True
        self._signal(self._update_waiters)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 1.0
        while self._polls_in_flight and (remaining := deadline - loop.time()) > 0:
            await self._wait_signal(self._poll_done_waiters, remaining)
        self._runner = None
        await runner.cleanup()
        self._signal(self._call_waiters)

    async def __aenter__(self) -> FakeBotApi:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def pending_polls(self) -> int:
        """Number of getUpdates requests currently waiting (long-polling)."""
        return self._polls_in_flight

    @property
    def pending_updates(self) -> list[JsonDict]:
        """Updates not yet confirmed by the bot (getUpdates with a higher offset)."""
        return list(self._updates)

    # ---------------------------------------------------------------- signalling

    @staticmethod
    def _signal(waiters: set[asyncio.Future[None]]) -> None:
        for fut in waiters:
            if not fut.done():
                fut.set_result(None)
        waiters.clear()

    @staticmethod
    async def _wait_signal(waiters: set[asyncio.Future[None]], seconds: float) -> None:
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        waiters.add(fut)
        try:
            await asyncio.wait({fut}, timeout=max(seconds, 0.0))
        finally:
            waiters.discard(fut)
            if not fut.done():
                fut.cancel()

    # ---------------------------------------------------------------- inspection

    def mark(self) -> int:
        """Current number of recorded calls; pass as ``after=`` to wait for newer ones."""
        return len(self.calls)

    def calls_of(self, method: str) -> list[ApiCall]:
        return [call for call in self.calls if call.method == method]

    def dump_calls(self, last: int = 20) -> str:
        lines = []
        for call in self.calls[-last:]:
            params = json.dumps(call.params, ensure_ascii=False, default=str)
            if len(params) > 300:
                params = params[:300] + "..."
            extra = f" {call.description!r}" if call.description else ""
            lines.append(f"  #{call.index} {call.method} -> {call.status}{extra} {params}")
        return "\n".join(lines) or "  (no calls)"

    async def wait_for(
        self,
        method: str,
        *,
        predicate: Callable[[ApiCall], bool] | None = None,
        after: int = 0,
        timeout: float = 5.0,  # noqa: ASYNC109 - bounded wait, mirrors asyncio.wait_for
    ) -> ApiCall:
        """First recorded call to ``method`` with index >= ``after`` matching ``predicate``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        index = after
        while True:
            while index < len(self.calls):
                call = self.calls[index]
                index += 1
                if call.method == method and (predicate is None or predicate(call)):
                    return call
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(
                    f"no {method} call (after #{after}) within {timeout}s; recent calls:\n"
                    + self.dump_calls()
                )
            await self._wait_signal(self._call_waiters, remaining)

    async def send_and_wait(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        first_name: str = "Test",
        language_code: str | None = "en",
        method: str = "sendMessage",
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> ApiCall:
        """Push a user message, then wait for the bot's next ``method`` call to that chat."""
        chat = user_id if chat_id is None else chat_id
        after = self.mark()
        self.push_message(
            user_id, text, chat_id=chat_id, first_name=first_name, language_code=language_code
        )
        return await self.wait_for(
            method,
            predicate=lambda call: _as_int(call.params.get("chat_id")) == chat,
            after=after,
            timeout=timeout,
        )

    def messages(self, chat_id: int, *, include_deleted: bool = False) -> list[SentMessage]:
        """Messages the bot sent to ``chat_id``, oldest first, in their current state."""
        sent = sorted(self._sent.get(chat_id, {}).values(), key=lambda m: m.message_id)
        return [m for m in sent if include_deleted or not m.deleted]

    def user_messages(self, chat_id: int) -> list[JsonDict]:
        """Messages the user sent in ``chat_id`` (as Bot API Message objects), oldest first."""
        received = self._user_messages.get(chat_id, {})
        return [received[message_id] for message_id in sorted(received)]

    def last_message(self, chat_id: int) -> SentMessage:
        sent = self.messages(chat_id)
        if not sent:
            raise AssertionError(
                f"the bot sent nothing to chat {chat_id}; recent calls:\n" + self.dump_calls()
            )
        return sent[-1]

    def message(self, chat_id: int, message_id: int) -> SentMessage:
        try:
            return self._sent[chat_id][message_id]
        except KeyError:
            raise AssertionError(f"no bot message {message_id} in chat {chat_id}") from None

    @staticmethod
    def _inline_buttons(msg: SentMessage, kind: str) -> list[tuple[str, str]]:
        """(text, button[kind]) of the message's inline buttons that have `kind`, row by row."""
        rows = (msg.reply_markup or {}).get("inline_keyboard") or []
        return [
            (str(button.get("text")), str(button[kind]))
            for row in rows
            for button in row
            if isinstance(button, dict) and kind in button
        ]

    @staticmethod
    def buttons(msg: SentMessage) -> list[tuple[str, str]]:
        """(text, callback_data) of the message's inline callback buttons, row by row."""
        return FakeBotApi._inline_buttons(msg, "callback_data")

    @staticmethod
    def url_buttons(msg: SentMessage) -> list[tuple[str, str]]:
        """(text, url) of the message's inline URL buttons, row by row."""
        return FakeBotApi._inline_buttons(msg, "url")

    # ---------------------------------------------------------------- acting as a user

    def _user_obj(
        self, user_id: int, first_name: str | None, language_code: str | None
    ) -> JsonDict:
        user = self._users.get(user_id)
        if user is None or first_name is not None:
            user = {"id": user_id, "is_bot": False, "first_name": first_name or "Test"}
            if language_code is not None:
                user["language_code"] = language_code
            self._users[user_id] = user
        return user

    def _chat_obj(self, chat_id: int) -> JsonDict:
        chat = self._chats.get(chat_id)
        if chat is None:
            user = self._users.get(chat_id)
            if chat_id > 0:
                chat = {
                    "id": chat_id,
                    "type": "private",
                    "first_name": user["first_name"] if user else "Test",
                }
            else:
                kind = "supergroup" if str(chat_id).startswith("-100") else "group"
                chat = {"id": chat_id, "type": kind, "title": f"Test {kind}"}
            self._chats[chat_id] = chat
        return chat

    def _new_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _remember_chats(self, update: JsonDict) -> None:
        """Every chat an update names (its own, or its message's) becomes a known chat."""
        for value in update.values():
            if isinstance(value, dict):
                for holder in (value, value.get("message")):
                    if isinstance(holder, dict) and isinstance(holder.get("chat"), dict):
                        chat_id = _as_int(holder["chat"].get("id"))
                        if chat_id is not None:
                            self.known_chats.add(chat_id)

    def push_update(self, update: JsonDict) -> None:
        """Queue a raw update (``update_id`` is assigned when missing) for getUpdates."""
        if "update_id" in update:
            self._next_update_id = max(self._next_update_id, int(update["update_id"]) + 1)
        else:
            update["update_id"] = self._next_update_id
            self._next_update_id += 1
        self._remember_chats(update)
        kind = next((key for key in update if key != "update_id"), "")
        allowed = self._allowed_updates
        if (allowed is None and kind in _DEFAULT_EXCLUDED_UPDATES) or (
            allowed is not None and kind not in allowed
        ):
            self.dropped_updates.append(update)
            return
        self._updates.append(update)
        self._signal(self._update_waiters)
        self._notify(self.update_listeners, update)

    def push_message(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        first_name: str = "Test",
        language_code: str | None = "en",
    ) -> JsonDict:
        """A user writes ``text`` (private chat unless ``chat_id`` says otherwise)."""
        chat_id = user_id if chat_id is None else chat_id
        user = self._user_obj(user_id, first_name, language_code)
        self.known_chats.add(chat_id)
        message: JsonDict = {
            "message_id": self._new_message_id(chat_id),
            "from": user,
            "chat": self._chat_obj(chat_id),
            "date": int(self.clock()),
            "text": text,
        }
        entities = _bot_command_entities(text)
        if entities:
            message["entities"] = entities
        self._user_messages.setdefault(chat_id, {})[message["message_id"]] = message
        update: JsonDict = {"message": message}
        self.push_update(update)
        return update

    def push_rich_message(
        self,
        user_id: int,
        *,
        text: str | None = None,
        caption: str | None = None,
        media: str | None = None,
        chat_id: int | None = None,
        reply_to: SentMessage | None = None,
        first_name: str = "Test",
        language_code: str | None = "en",
    ) -> JsonDict:
        """A user sends a photo, sticker or voice note (``media``), with or without a caption,
        or text that may mention users (``@name``) or reply to a bot message (``reply_to``).

        Mentions get ``mention`` entities (``caption_entities`` for a caption), commands get
        ``bot_command`` entities, as Telegram would send them.
        """
        chat_id = user_id if chat_id is None else chat_id
        user = self._user_obj(user_id, first_name, language_code)
        self.known_chats.add(chat_id)
        message: JsonDict = {
            "message_id": self._new_message_id(chat_id),
            "from": user,
            "chat": self._chat_obj(chat_id),
            "date": int(self.clock()),
        }
        if text is not None:
            message["text"] = text
            entities = _bot_command_entities(text) + _mention_entities(text)
            if entities:
                message["entities"] = sorted(entities, key=lambda e: e["offset"])
        if media is not None:
            message.update(_MEDIA[media])
        if caption is not None:
            message["caption"] = caption
            mentions = _mention_entities(caption)
            if mentions:
                message["caption_entities"] = mentions
        if reply_to is not None:
            message["reply_to_message"] = self._message_obj(reply_to)
        self._user_messages.setdefault(chat_id, {})[message["message_id"]] = message
        update: JsonDict = {"message": message}
        self.push_update(update)
        return update

    def push_callback(
        self,
        user_id: int,
        message_id: int,
        data: str,
        *,
        chat_id: int | None = None,
        inaccessible: bool = False,
    ) -> str:
        """A user presses a callback button on bot message ``message_id``; returns the query id.

        The update carries the message in its current state (text, entities, keyboard).
        An unknown message id still produces an update, with a minimal message (or an
        InaccessibleMessage, ``date`` 0, when ``inaccessible``).
        """
        chat_id = user_id if chat_id is None else chat_id
        self.known_chats.add(chat_id)
        user = self._user_obj(user_id, None, None)
        sent = self._sent.get(chat_id, {}).get(message_id)
        if inaccessible:
            message: JsonDict = {
                "message_id": message_id,
                "chat": self._chat_obj(chat_id),
                "date": 0,
            }
        elif sent is not None:
            message = self._message_obj(sent)
        else:
            message = {
                "message_id": message_id,
                "from": self.bot_user,
                "chat": self._chat_obj(chat_id),
                "date": int(self.clock()),
            }
        query_id = str(4_000_000_000_000_000 + self._next_callback)
        self._next_callback += 1
        self._callbacks[query_id] = _CallbackQuery(user_id, chat_id, message_id, data)
        self.push_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user,
                    "message": message,
                    "chat_instance": str(9_000_000_000 + abs(chat_id)),
                    "data": data,
                }
            }
        )
        return query_id

    def push_unfiltered(self, update: JsonDict) -> None:
        """Queue an update whatever allowed_updates says (an update type newer than the
        bot's library, as a webhook or a newer Bot API could deliver it)."""
        update["update_id"] = self._next_update_id
        self._next_update_id += 1
        self._remember_chats(update)
        self._updates.append(update)
        self._signal(self._update_waiters)

    def push_raw_callback(self, update: JsonDict) -> None:
        """Queue a hand-built callback_query update, registering its query id so that
        answerCallbackQuery accepts one answer to it (as push_callback does)."""
        query = update["callback_query"]
        message = query.get("message") or {}
        chat_id = _as_int((message.get("chat") or {}).get("id")) or 0
        self._callbacks[str(query["id"])] = _CallbackQuery(
            _as_int(query.get("from", {}).get("id")) or 0,
            chat_id,
            _as_int(message.get("message_id")) or 0,
            str(query.get("data") or ""),
        )
        self.push_update(update)

    def press(self, msg: SentMessage, button_text: str, *, user_id: int | None = None) -> str:
        """Press the callback button labelled ``button_text`` on ``msg``."""
        for text, data in self.buttons(msg):
            if text == button_text:
                return self.push_callback(
                    msg.chat_id if user_id is None else user_id,
                    msg.message_id,
                    data,
                    chat_id=msg.chat_id,
                )
        raise AssertionError(f"no button {button_text!r} on message: {self.buttons(msg)}")

    # ---------------------------------------------------------------- failure injection

    def fail_next(
        self,
        method: str,
        status: int,
        description: str,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """The next ``times`` calls to ``method`` fail with this status/description.

        With ``retry_after`` the error carries ``"parameters": {"retry_after": N}`` (PTB
        raises telegram.error.RetryAfter for it).
        """
        name = self._canonical.get(method.lower(), method)
        self._failures.setdefault(name, []).append(
            _Failure(status, description, retry_after, times)
        )

    def slow_next(self, method: str, seconds: float, times: int = 1) -> None:
        """The next ``times`` calls to ``method`` wait ``seconds`` before they are handled.

        The request is still handled after the wait (as Telegram may do when its answer is
        late): a client that gave up meanwhile is recorded with status 499.
        """
        name = self._canonical.get(method.lower(), method)
        self._slow.setdefault(name, []).append([seconds, times])

    def _take_slowness(self, method: str) -> float:
        queue = self._slow.get(method)
        if not queue:
            return 0.0
        entry = queue[0]
        entry[1] -= 1
        if entry[1] <= 0:
            queue.pop(0)
        return entry[0]

    def drop_next(self, method: str, times: int = 1) -> None:
        """The next ``times`` calls to ``method`` get no answer: the connection is closed."""
        name = self._canonical.get(method.lower(), method)
        self._drops[name] = self._drops.get(name, 0) + times

    def _take_drop(self, method: str) -> bool:
        left = self._drops.get(method, 0)
        if left <= 0:
            return False
        self._drops[method] = left - 1
        return True

    async def go_away(self) -> None:
        """An outage: stop listening (new connections are refused) and drop every request
        that arrives on a connection already open, without an answer."""
        self.gone = True
        if self._site is not None:
            await self._site.stop()
            self._site = None

    async def come_back(self) -> None:
        """End the outage: listen again on the same port."""
        self.gone = False
        if self._runner is not None and self._site is None:
            site = web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True)
            await site.start()
            self._site = site

    def _take_failure(self, method: str) -> _ApiError | None:
        queue = self._failures.get(method)
        if not queue:
            return None
        failure = queue[0]
        failure.times -= 1
        if failure.times <= 0:
            queue.pop(0)
        parameters = (
            {"retry_after": failure.retry_after} if failure.retry_after is not None else None
        )
        return _ApiError(failure.status, failure.description, parameters)

    # ---------------------------------------------------------------- HTTP plumbing

    def _record(self, call: ApiCall) -> None:
        call.index = len(self.calls)
        self.calls.append(call)
        self._signal(self._call_waiters)
        self._notify(self.listeners, call)

    @staticmethod
    def _notify(listeners: list[Callable[[Any], None]], item: Any) -> None:
        for listener in list(listeners):
            try:
                listener(item)
            except Exception:  # a broken observer must not break the Bot API
                _log.exception("an emulator listener failed")

    def reset(self) -> None:
        """Forget every chat, message, update and call; keep the server, clock and listeners.

        Only call it while no bot is polling (the playground stops the bot first).
        """
        keep = (
            self._runner,
            self.port,
            self.base_url,
            self.clock,
            self.listeners,
            self.update_listeners,
        )
        waiters = (self._update_waiters, self._call_waiters, self._poll_done_waiters)
        FakeBotApi.__init__(self, self.token, self.bot_id, self.bot_username)
        (
            self._runner,
            self.port,
            self.base_url,
            self.clock,
            self.listeners,
            self.update_listeners,
        ) = keep
        for old in waiters:
            self._signal(old)

    @staticmethod
    async def _read_params(request: web.Request) -> JsonDict:
        params: JsonDict = {}
        for key, value in request.query.items():
            params[key] = _coerce_form_value(key, value)
        if request.content_type == "application/json":
            raw = await request.read()
            if raw.strip():
                body = json.loads(raw)
                if not isinstance(body, dict):
                    raise ValueError("JSON body must be an object")
                # As the Bot API server reads a JSON body: a string value is read like a
                # form field (so reply_markup may come as JSON text), anything else as it is.
                for key, value in body.items():
                    params[key] = (
                        _coerce_form_value(key, value) if isinstance(value, str) else value
                    )
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, field_value in form.items():
                if isinstance(field_value, web.FileField):
                    params[key] = {
                        "filename": field_value.filename,
                        "content_type": field_value.content_type,
                        "size": len(field_value.file.read()),
                    }
                elif isinstance(field_value, (bytes, bytearray)):
                    text = bytes(field_value).decode("utf-8", "replace")
                    params[key] = _coerce_form_value(key, text)
                else:
                    params[key] = _coerce_form_value(key, field_value)
        return params

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        at = time.monotonic()
        if self.gone and request.transport is not None:
            request.transport.close()  # the server is away: no answer at all
            return web.Response(status=503)
        method = ""
        params: JsonDict = {}
        result: Any = None
        try:
            path = request.path
            if not path.startswith("/bot"):
                raise _ApiError(404, "Not Found")
            token, _, method = path[len("/bot") :].partition("/")
            try:
                params = await self._read_params(request)
            except ValueError as exc:
                raise _bad(f"can't parse request: {exc}") from None
            if token != self.token:
                raise _ApiError(401, "Unauthorized")
            method = self._canonical.get(method.lower(), method)
            delay = self._take_slowness(method)
            if delay > 0:
                await asyncio.sleep(delay)
            if self._take_drop(method) and request.transport is not None:
                self._record(ApiCall(method, params, at, CLIENT_GONE, description="dropped"))
                request.transport.close()
                return web.Response(status=500)
            failure = self._take_failure(method)
            if failure is not None:
                raise failure
            if method == "getUpdates":
                result = await self._get_updates(params)
            elif method in self._methods:
                result = self._methods[method](params)
            else:
                raise _ApiError(404, "Not Found")
        except _ApiError as err:
            self._record(ApiCall(method, params, at, err.status, description=err.description))
            return web.json_response(err.body(), status=err.status)
        transport = request.transport
        if transport is None or transport.is_closing():
            # The client gave up waiting (PTB cancels its pending long poll on stop): the
            # answer goes nowhere, so do not count it as delivered.
            self._record(
                ApiCall(method, params, at, CLIENT_GONE, result=result, description=GONE_TEXT)
            )
        else:
            self._record(ApiCall(method, params, at, 200, result=result))
        return web.json_response({"ok": True, "result": result})

    # ---------------------------------------------------------------- validation helpers

    def _chat(self, params: JsonDict, *, deliver: bool = True) -> int:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise _bad("chat_id is empty")
        chat_id = _as_int(raw)
        if chat_id is None or chat_id not in self.known_chats:
            raise _ApiError(400, CHAT_NOT_FOUND)
        if deliver and chat_id in self.blocked_chats:
            raise _ApiError(403, BLOCKED_DESCRIPTION)
        return chat_id

    def _parse_text(self, params: JsonDict) -> tuple[str, str | None, str, list[JsonDict]]:
        raw = params.get("text")
        if raw is None:
            raise _bad("message text is empty")
        text = str(raw)
        parse_mode = params.get("parse_mode")
        entities: list[JsonDict]
        if parse_mode in (None, ""):
            parse_mode = None
            plain, entities = text, []
        elif str(parse_mode).lower() == "html":
            try:
                plain, entities = parse_html(text, strict_ampersand=self.strict_ampersand)
            except HtmlParseError as exc:
                raise _bad(f"can't parse entities: {exc}") from None
        elif str(parse_mode).lower() in ("markdown", "markdownv2"):
            plain, entities = text, []  # not parsed by the fake; length checked on raw text
        else:
            raise _bad(f"unsupported parse_mode {parse_mode}")
        plain, entities = _strip_text(plain, entities)
        if not plain:
            raise _bad("message text is empty")
        if utf16_len(plain) > MAX_TEXT_UTF16:
            raise _bad("message is too long")
        return text, (str(parse_mode) if parse_mode else None), plain, entities

    @staticmethod
    def _check_markup(params: JsonDict) -> JsonDict | None:
        if "reply_markup" not in params or params["reply_markup"] in (None, ""):
            return None
        markup = _as_json(params["reply_markup"])
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return markup  # reply keyboard / remove / force_reply: accepted as is
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad(
                'can\'t parse inline keyboard: field "inline_keyboard" must be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                if not isinstance(button, dict):
                    raise _bad(
                        "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
                    )
                text = button.get("text")
                if not isinstance(text, str):
                    raise _bad(
                        'can\'t parse inline keyboard button: Field "text" must be of type String'
                    )
                actions = [key for key in button if key in _BUTTON_ACTIONS]
                if not actions:
                    raise _bad(
                        "can't parse inline keyboard button: Text buttons are unallowed "
                        "in the inline keyboard"
                    )
                if len(actions) > 1:
                    raise _bad(
                        "can't parse inline keyboard button: exactly one of the optional "
                        f"fields must be used, got {sorted(actions)}"
                    )
                if "callback_data" in button:
                    data = button["callback_data"]
                    if not isinstance(data, str) or not (
                        1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES
                    ):
                        raise _bad("BUTTON_DATA_INVALID")
                if "url" in button:
                    url = button["url"]
                    if not isinstance(url, str) or not re.match(r"(https?|tg)://\S+$", url):
                        raise _bad("BUTTON_URL_INVALID")
        return markup

    @staticmethod
    def _inline_markup(markup: JsonDict | None) -> JsonDict | None:
        return markup if markup is not None and "inline_keyboard" in markup else None

    def _message_obj(self, msg: SentMessage) -> JsonDict:
        obj: JsonDict = {
            "message_id": msg.message_id,
            "from": self.bot_user,
            "chat": self._chat_obj(msg.chat_id),
            "date": msg.date,
            "text": msg.plain_text,
        }
        if msg.entities:
            obj["entities"] = msg.entities
        inline = self._inline_markup(msg.reply_markup)
        if inline is not None:
            obj["reply_markup"] = inline
        if msg.edit_date is not None:
            obj["edit_date"] = msg.edit_date
        return obj

    def _target(self, params: JsonDict, missing: str) -> SentMessage:
        if params.get("inline_message_id"):
            raise _bad("MESSAGE_ID_INVALID")  # inline messages are not modelled
        chat_id = self._chat(params)
        message_id = _as_int(params.get("message_id"))
        if message_id is None:
            raise _bad("message identifier is not specified")
        sent = self._sent.get(chat_id, {}).get(message_id)
        if sent is None or sent.deleted:
            if message_id in self._user_messages.get(chat_id, {}) and missing.endswith("edit"):
                raise _bad("message can't be edited")
            raise _bad(f"message to {missing} not found")
        return sent

    # ---------------------------------------------------------------- methods

    @staticmethod
    def _true(params: JsonDict) -> bool:
        return True

    def _get_me(self, params: JsonDict) -> JsonDict:
        return dict(self.bot_user)

    async def _get_updates(self, params: JsonDict) -> list[JsonDict]:
        if self.webhook_url:
            raise _ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        offset = _as_int(params.get("offset")) or 0
        limit = _as_int(params.get("limit"))
        limit = 100 if limit is None or limit <= 0 else min(limit, 100)
        timeout_raw = params.get("timeout", 0)
        try:
            timeout = max(float(timeout_raw), 0.0)
        except (TypeError, ValueError):
            raise _bad("invalid timeout specified") from None
        allowed = _as_json(params.get("allowed_updates"))
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(str(a) for a in allowed) if allowed else None
        if offset < 0:
            del self._updates[: max(len(self._updates) + offset, 0)]
        elif offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]

        # A newer getUpdates supersedes an older one still waiting (e.g. the one PTB
        # abandons when its polling task is cancelled): the older one answers [].
        self._poll_generation += 1
        generation = self._poll_generation
        self._signal(self._update_waiters)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(timeout, self.long_poll_cap)
        self._polls_in_flight += 1
        try:
            while True:
                if self._closing or generation != self._poll_generation:
                    return []
                if self._updates:
                    return self._updates[:limit]
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return []
                await self._wait_signal(self._update_waiters, remaining)
        finally:
            self._polls_in_flight -= 1
            self._signal(self._poll_done_waiters)

    def _delete_webhook(self, params: JsonDict) -> bool:
        self.webhook_url = None
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        return True

    def _set_webhook(self, params: JsonDict) -> bool:
        url = params.get("url")
        if not url:
            self.webhook_url = None
            return True
        if not isinstance(url, str) or not url.startswith("https://"):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook_url = url
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        return True

    def _get_webhook_info(self, params: JsonDict) -> JsonDict:
        info: JsonDict = {
            "url": self.webhook_url or "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self._allowed_updates is not None:
            info["allowed_updates"] = sorted(self._allowed_updates)
        return info

    @staticmethod
    def _scope_key(params: JsonDict) -> tuple[str, str]:
        scope = _as_json(params.get("scope")) or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _set_my_commands(self, params: JsonDict) -> bool:
        commands = _as_json(params.get("commands"))
        if not isinstance(commands, list):
            raise _bad('field "commands" must be an Array')
        if len(commands) > MAX_COMMANDS:
            raise _bad("BOT_COMMANDS_TOO_MUCH")
        cleaned: list[JsonDict] = []
        for command in commands:
            if not isinstance(command, dict):
                raise _bad("can't parse BotCommand: expected an Object")
            name = command.get("command")
            description = command.get("description")
            if not isinstance(name, str) or not _COMMAND_RE.fullmatch(name):
                raise _bad("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not description.strip():
                raise _bad("command description must be non-empty")
            if len(description) > 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        key = self._scope_key(params)
        self.commands_by_scope[key] = cleaned
        if key == self._scope_key({}):
            self.my_commands = cleaned
        return True

    def _get_my_commands(self, params: JsonDict) -> list[JsonDict]:
        return list(self.commands_by_scope.get(self._scope_key(params), []))

    def _delete_my_commands(self, params: JsonDict) -> bool:
        key = self._scope_key(params)
        self.commands_by_scope.pop(key, None)
        if key == self._scope_key({}):
            self.my_commands = []
        return True

    @staticmethod
    def _set_text(
        store: dict[str, str], params: JsonDict, field: str, limit: int, error: str
    ) -> bool:
        text = params.get(field)
        language = str(params.get("language_code") or "")
        if text is None or text == "":
            store.pop(language, None)  # Telegram: an empty text removes it
            return True
        if not isinstance(text, str):
            raise _bad(f'field "{field}" must be a String')
        if utf16_len(text) > limit:
            raise _bad(error)
        store[language] = text
        return True

    def _set_my_description(self, params: JsonDict) -> bool:
        return self._set_text(
            self.descriptions, params, "description", 512, "BOT_DESCRIPTION_INVALID"
        )

    def _get_my_description(self, params: JsonDict) -> JsonDict:
        return {"description": self.descriptions.get(str(params.get("language_code") or ""), "")}

    def _set_my_short_description(self, params: JsonDict) -> bool:
        return self._set_text(
            self.short_descriptions,
            params,
            "short_description",
            120,
            "BOT_SHORT_DESCRIPTION_INVALID",
        )

    def _get_my_short_description(self, params: JsonDict) -> JsonDict:
        language = str(params.get("language_code") or "")
        return {"short_description": self.short_descriptions.get(language, "")}

    def _send_message(self, params: JsonDict) -> JsonDict:
        chat_id = self._chat(params, deliver=False)
        text, parse_mode, plain, entities = self._parse_text(params)
        markup = self._check_markup(params)
        reply_params = _as_json(params.get("reply_parameters"))
        reply_to = _as_int(params.get("reply_to_message_id"))
        if isinstance(reply_params, dict):
            reply_to = _as_int(reply_params.get("message_id"))
        if reply_to is not None:
            exists = reply_to in self._user_messages.get(chat_id, {}) or reply_to in self._sent.get(
                chat_id, {}
            )
            lenient = params.get("allow_sending_without_reply") is True or (
                isinstance(reply_params, dict)
                and reply_params.get("allow_sending_without_reply") is True
            )
            if not exists and not lenient:
                raise _bad("message to be replied not found")
        if chat_id in self.blocked_chats:
            raise _ApiError(403, BLOCKED_DESCRIPTION)
        sent = SentMessage(
            message_id=self._new_message_id(chat_id),
            chat_id=chat_id,
            text=text,
            parse_mode=parse_mode,
            reply_markup=markup,
            plain_text=plain,
            entities=entities,
            date=int(self.clock()),
        )
        self._sent.setdefault(chat_id, {})[sent.message_id] = sent
        return self._message_obj(sent)

    def _edit_message_text(self, params: JsonDict) -> JsonDict:
        sent = self._target(params, "edit")
        text, parse_mode, plain, entities = self._parse_text(params)
        markup = self._check_markup(params)
        if (
            plain == sent.plain_text
            and entities == sent.entities
            and self._inline_markup(markup) == self._inline_markup(sent.reply_markup)
        ):
            raise _ApiError(400, NOT_MODIFIED)
        sent.text, sent.parse_mode, sent.plain_text, sent.entities = (
            text,
            parse_mode,
            plain,
            entities,
        )
        sent.reply_markup = markup  # omitted reply_markup removes the inline keyboard
        sent.edited += 1
        sent.edit_date = int(self.clock())
        return self._message_obj(sent)

    def _edit_message_reply_markup(self, params: JsonDict) -> JsonDict:
        sent = self._target(params, "edit")
        markup = self._check_markup(params)
        if self._inline_markup(markup) == self._inline_markup(sent.reply_markup):
            raise _ApiError(400, NOT_MODIFIED)
        sent.reply_markup = markup
        sent.edited += 1
        sent.edit_date = int(self.clock())
        return self._message_obj(sent)

    def _delete_message(self, params: JsonDict) -> bool:
        chat_id = self._chat(params)
        message_id = _as_int(params.get("message_id"))
        user_messages = self._user_messages.get(chat_id, {})
        if message_id is not None and message_id in user_messages:
            del user_messages[message_id]
            return True
        sent = self._sent.get(chat_id, {}).get(message_id) if message_id is not None else None
        if sent is None or sent.deleted:
            raise _bad("message to delete not found")
        sent.deleted = True
        return True

    def _answer_callback_query(self, params: JsonDict) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        query = self._callbacks.get(query_id)
        if query is None or query.answered:
            raise _ApiError(400, QUERY_INVALID)
        text = params.get("text")
        if isinstance(text, str) and len(text) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        query.answered = True
        self.callback_answers[query_id] = dict(params)
        return True

    def _send_chat_action(self, params: JsonDict) -> bool:
        self._chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        return True


# --------------------------------------------------------------------------------------
# running a real Application against the fake
# --------------------------------------------------------------------------------------

AppT = TypeVar("AppT", bound="Application[Any, Any, Any, Any, Any, Any]")


@asynccontextmanager
async def running(app: AppT) -> AsyncIterator[AppT]:
    """Initialize, start and poll ``app`` (as run_polling would), then stop it all again.

    PTB traffic: ``async with app`` -> getMe; start_polling -> deleteWebhook, then
    getUpdates(timeout=1) in a loop; updater.stop() abandons the pending long poll and
    sends one last getUpdates(offset=last+1, timeout=0) to confirm what it fetched.
    """
    async with app:  # initialize() ... shutdown()
        await app.start()
        try:
            updater = app.updater
            if updater is None:
                raise RuntimeError("the Application has no Updater; build it with .updater()")
            await updater.start_polling(
                poll_interval=0.0, timeout=timedelta(seconds=1), drop_pending_updates=False
            )
            yield app
        finally:
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
