"""Small helpers to send HTML replies the same way everywhere."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import CallbackQuery, Chat, InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ParseMode

# Links in our texts point to sources; a preview card would crowd the advice.
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def send_html(chat: Chat, text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
    """Send one HTML message (no link preview) to `chat`."""
    return await chat.send_message(
        text, parse_mode=ParseMode.HTML, reply_markup=markup, link_preview_options=NO_PREVIEW
    )


async def send_chunks(
    update: Update,
    chunks: Sequence[str],
    markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Send each chunk as an HTML message to the update's chat; the keyboard goes on the last."""
    chat = update.effective_chat
    if chat is None or not chunks:
        return None
    last: Message | None = None
    for index, chunk in enumerate(chunks):
        is_last = index == len(chunks) - 1
        last = await send_html(chat, chunk, markup if is_last else None)
    return last


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    await send_chunks(update, [text], markup)


async def answer_query(query: CallbackQuery | None, text: str | None = None) -> None:
    """Every callback query is answered, so the button stops spinning."""
    if query is not None:
        await query.answer(text)
