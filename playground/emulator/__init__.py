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

The package, one job a module: ``api`` (``FakeBotApi``, put together from the others),
``state`` (what it keeps; ``reset``), ``server`` (HTTP), ``methods_updates``,
``methods_messages``, ``methods_callbacks``, ``methods_profile`` (the Bot API method
families), ``html`` (Telegram HTML and the text limits), ``markup`` (keyboards), ``faults``
(fault injection), ``user`` (the simulated user), ``observe`` (recorded calls, chats as they
stand), ``records`` (calls, messages, errors) and ``running`` (an Application against it).
"""

from playground.emulator.api import FakeBotApi
from playground.emulator.html import (
    MAX_TEXT_UTF16,
    HtmlParseError,
    bot_command_entities,
    parse_html,
    utf16_len,
)
from playground.emulator.markup import MAX_CALLBACK_DATA_BYTES
from playground.emulator.records import CLIENT_GONE, GONE_TEXT, ApiCall, JsonDict, SentMessage
from playground.emulator.running import running

__all__ = [
    "CLIENT_GONE",
    "GONE_TEXT",
    "MAX_CALLBACK_DATA_BYTES",
    "MAX_TEXT_UTF16",
    "ApiCall",
    "FakeBotApi",
    "HtmlParseError",
    "JsonDict",
    "SentMessage",
    "bot_command_entities",
    "parse_html",
    "running",
    "utf16_len",
]
