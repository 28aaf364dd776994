"""The fake Bot API server for tests: it lives in the product now, as ``playground.emulator``.

Kept so that ``from tests.fakebot import FakeBotApi, ...`` keeps working.
"""

from playground.emulator import *  # noqa: F403
from playground.emulator import (
    CLIENT_GONE,
    GONE_TEXT,
    MAX_CALLBACK_DATA_BYTES,
    MAX_TEXT_UTF16,
    ApiCall,
    FakeBotApi,
    HtmlParseError,
    JsonDict,
    SentMessage,
    parse_html,
    running,
    utf16_len,
)

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
    "parse_html",
    "running",
    "utf16_len",
]
