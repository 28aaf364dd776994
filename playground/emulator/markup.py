"""reply_markup as Telegram checks it: inline keyboards, button actions, callback data size."""

from __future__ import annotations

import re

from playground.emulator.records import JsonDict, as_json, bad

MAX_CALLBACK_DATA_BYTES = 64

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


def _check_button(button: object) -> None:
    if not isinstance(button, dict):
        raise bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    text = button.get("text")
    if not isinstance(text, str):
        raise bad('can\'t parse inline keyboard button: Field "text" must be of type String')
    actions = [key for key in button if key in _BUTTON_ACTIONS]
    if not actions:
        raise bad(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if len(actions) > 1:
        raise bad(
            "can't parse inline keyboard button: exactly one of the optional "
            f"fields must be used, got {sorted(actions)}"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not (
            1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES
        ):
            raise bad("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not re.match(r"(https?|tg)://\S+$", url):
            raise bad("BUTTON_URL_INVALID")


def checked_markup(params: JsonDict) -> JsonDict | None:
    """The request's reply_markup (None when absent), checked like Telegram; raises ApiError."""
    if "reply_markup" not in params or params["reply_markup"] in (None, ""):
        return None
    markup = as_json(params["reply_markup"])
    if not isinstance(markup, dict):
        raise bad("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return markup  # reply keyboard / remove / force_reply: accepted as is
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad(
            'can\'t parse inline keyboard: field "inline_keyboard" must be an Array of Arrays'
        )
    for row in rows:
        for button in row:
            _check_button(button)
    return markup


def inline_markup(markup: JsonDict | None) -> JsonDict | None:
    """The markup if it is an inline keyboard (the only kind a message keeps), else None."""
    return markup if markup is not None and "inline_keyboard" in markup else None
