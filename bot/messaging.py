"""Small helpers to send HTML replies the same way everywhere."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from telegram import (
    Bot,
    CallbackQuery,
    Chat,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from bot.ptb_internals import post

log = logging.getLogger(__name__)

# Links in our texts point to sources; a preview card would crowd the advice.
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_NO_PREVIEW_JSON = NO_PREVIEW.to_json()  # a string parameter is sent as it is


async def send_html(chat: Chat, text: str, markup: InlineKeyboardMarkup | None = None) -> int:
    """Send one HTML message (no link preview) to `chat`; the sent message's id."""
    sent = await post_html(chat.get_bot(), "sendMessage", text, markup, chat_id=chat.id)
    message_id = sent.get("message_id") if isinstance(sent, dict) else None
    if not isinstance(message_id, int):
        raise TelegramError(f"sendMessage answered without a message id: {type(sent).__name__}")
    return message_id


async def post_html(
    bot: Bot,
    method: str,
    text: str,
    markup: InlineKeyboardMarkup | None,
    **target: int,
) -> Any:
    """Send (``sendMessage``) or edit (``editMessageText``) one HTML message, without turning
    Telegram's answer into a `Message`; Telegram's answer as JSON (the message as a dict, or
    True for some edits).

    `send_message` and `edit_message_text` read the answer, the whole message with its text
    entities and its keyboard, into PTB objects: ~9% of this bot's CPU per update
    (bench/README.md), for replies of which at most the id is read. `ptb_internals.post`
    (PTB's private `Bot._post`) is the step those methods take before that: the same
    defaults, rate limiter, request and errors.
    """
    params: dict[str, object] = {
        **target,
        "text": text,
        "parse_mode": ParseMode.HTML,
        "link_preview_options": _NO_PREVIEW_JSON,
    }
    if markup is not None:
        params["reply_markup"] = markup
    return await post(bot, method, params)


async def send_chunks(
    update: Update,
    chunks: Sequence[str],
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Send each chunk as an HTML message to the update's chat; the keyboard goes on the last."""
    chat = update.effective_chat
    if chat is None:
        return
    for index, chunk in enumerate(chunks):
        is_last = index == len(chunks) - 1
        await post_html(
            chat.get_bot(), "sendMessage", chunk, markup if is_last else None, chat_id=chat.id
        )


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    await send_chunks(update, [text], markup)


async def edit_html(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> bool:
    """Edit the message whose button was pressed into `text` (HTML, no link preview) and
    `markup` (None: no buttons); True when it now shows them.

    A second press of the same button finds it already so ("message is not modified"): that is
    True too. False when the message cannot be edited (deleted, too old): the
    caller decides whether to send the screen as a new message instead.
    """
    message = query.message
    if message is None:
        return False
    try:
        await post_html(
            query.get_bot(),
            "editMessageText",
            text,
            markup,
            chat_id=message.chat.id,
            message_id=message.message_id,
        )
    except BadRequest as exc:
        if "not modified" in exc.message.lower():
            return True
        log.info("could not edit the pressed message: %s", exc.message)
        return False
    return True
