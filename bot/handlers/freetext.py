"""Typed messages and the buttons of their replies: parse the update, ask the flow, send.

What to reply is decided by the plain functions of `bot.freetext_flow` (`reply_for`,
`answer_check`); this module only talks to Telegram. The text is read in memory and then
dropped: it is never stored, never logged, and never put into button data.
In groups the bot answers only when it is mentioned or replied to.
"""

from __future__ import annotations

from typing import Any

from telegram import Message, MessageEntity, Update
from telegram.ext import BaseHandler, ContextTypes, MessageHandler, filters

from bot.freetext_flow import answer_check, nothing_recognised, reply_for
from bot.handlers.routing import Press, on_press
from bot.keyboards import FreeTextCheck
from bot.language import speaker_of
from bot.messaging import edit_html, post_html, reply
from bot.outcomes import Screen
from bot.services import get_services
from knowledge.freetext import interpret


def _entity_text(text: str | None, entity: MessageEntity) -> str:
    """The entity's text, for any string: PTB's parse_entities raises on a lone surrogate."""
    if not text:
        return ""
    data = text.encode("utf-16-le", "surrogatepass")
    start, end = entity.offset * 2, (entity.offset + entity.length) * 2
    return data[start:end].decode("utf-16-le", "surrogatepass")


def _mentions(message: Message) -> list[tuple[MessageEntity, str]]:
    kinds = (MessageEntity.MENTION, MessageEntity.TEXT_MENTION)
    return [
        (entity, _entity_text(text, entity))
        for text, entities in (
            (message.text, message.entities),
            (message.caption, message.caption_entities),
        )
        for entity in entities
        if entity.type in kinds
    ]


def addressed_to_bot(message: Message, bot_id: int, username: str | None) -> bool:
    """In a group: True when the message replies to the bot or mentions it."""
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return True
    handle = f"@{username}".lower() if username else None
    for entity, text in _mentions(message):
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            return True
        if handle is not None and text.lower() == handle:
            return True
    return False


def _without_mention(text: str, username: str | None) -> str:
    if not username:
        return text
    handle = f"@{username}"
    index = text.lower().find(handle.lower())
    while index >= 0:
        text = text[:index] + text[index + len(handle) :]
        index = text.lower().find(handle.lower())
    return text


async def _send(update: Update, screens: tuple[Screen, ...]) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    bot = chat.get_bot()
    for screen in screens:
        await post_html(bot, "sendMessage", screen.text, screen.keyboard, chat_id=chat.id)


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message in a private chat, or one addressed to the bot in a group."""
    message = update.effective_message
    if message is None:
        return
    bot = context.bot
    if message.chat.type != "private" and not addressed_to_bot(message, bot.id, bot.username):
        return
    text = message.text if message.text is not None else message.caption
    speaker = await speaker_of(update, context)
    if not text:
        await _send(update, (nothing_recognised(speaker),))
        return
    # Read in memory only: the text is not stored, logged or put into button data. The
    # person's language (chosen, else their app's) decides only what the message itself does
    # not ("me duele" could be Spanish or Portuguese).
    reading = interpret(_without_mention(text, bot.username), language_hint=speaker.language)
    get_services(context).metrics.outcome("freetext", reading.tier, reading.language)
    await _send(update, reply_for(reading, speaker))


async def on_check(press: Press[FreeTextCheck], context: ContextTypes.DEFAULT_TYPE) -> None:
    """An answer to "Do any of these apply right now?": the message becomes the outcome."""
    screen = answer_check(press.action, press.speaker)
    if screen is None:
        await press.expired()
        return
    await press.answer()
    if not await edit_html(press.query, screen.text, screen.keyboard):
        await reply(press.update, screen.text, screen.keyboard)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    """Typed messages, captions and other messages; and the buttons of these replies.

    Private chats: every message that is not a command. Groups: the same, but `on_message`
    answers only when the bot is mentioned or replied to.
    """
    chats = filters.ChatType.PRIVATE | filters.ChatType.GROUPS
    messages = chats & filters.UpdateType.MESSAGE & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    return [MessageHandler(messages, on_message), on_press(FreeTextCheck, on_check)]
