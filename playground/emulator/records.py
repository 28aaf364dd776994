"""What the emulator records and answers: calls, sent messages, pending queries, API errors."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

JsonDict = dict[str, Any]

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


@dataclass
class CallbackQuery:
    """A button press the bot may answer once (answerCallbackQuery)."""

    user_id: int
    chat_id: int
    message_id: int
    data: str
    answered: bool = False


class ApiError(Exception):
    """An error answer: HTTP status, Telegram's description, optional parameters."""

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


def bad(description: str) -> ApiError:
    """A 400 Bad Request with Telegram's prefix."""
    return ApiError(400, f"Bad Request: {description}")


def as_int(value: Any) -> int | None:
    """An integer parameter, from an int or its decimal text; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    return None


def as_json(value: Any) -> Any:
    """Values that must be JSON objects may arrive as JSON strings (form data)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
