"""Small helpers to send HTML replies the same way everywhere."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import CallbackQuery, InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ParseMode

_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


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
        last = await chat.send_message(
            chunk,
            parse_mode=ParseMode.HTML,
            reply_markup=markup if is_last else None,
            link_preview_options=_NO_PREVIEW,
        )
    return last


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    await send_chunks(update, [text], markup)


async def answer_query(query: CallbackQuery | None, text: str | None = None) -> None:
    """Every callback query is answered, so the button stops spinning."""
    if query is not None:
        await query.answer(text)
