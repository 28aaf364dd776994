"""Topic commands, /start, /help, /sources, the /start menu buttons and the Menu button."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.handlers.routing import action_is, pressed
from bot.keyboards import ShowMenu, ShowTopic, menu_keyboard, onward_keyboard, topic_keyboard
from bot.messaging import answer_query, reply, send_chunks
from knowledge.content import TOPICS, TOPICS_BY_KEY
from knowledge.model import Topic
from knowledge.render import render_help, render_sources, render_start, render_topic
from knowledge.texts import BUTTON_EXPIRED

Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def start_menu() -> InlineKeyboardMarkup:
    return menu_keyboard((topic.key, topic.menu_label) for topic in TOPICS)


def topic_buttons(topic: Topic) -> InlineKeyboardMarkup:
    """Warning signs, the quiz, related topics and the menu, under a topic page."""
    related = ((key, TOPICS_BY_KEY[key].menu_label) for key in topic.related)
    return topic_keyboard(topic.key, related)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, render_start(), start_menu())


async def menu_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The Menu button under any page: the /start greeting and menu again, as a new message."""
    await answer_query(update.callback_query)
    await reply(update, render_start(), start_menu())


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, render_help(), onward_keyboard())


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await send_chunks(update, render_sources(), onward_keyboard())


def topic_command(topic: Topic) -> Callback:
    chunks = render_topic(topic)
    markup = topic_buttons(topic)

    async def show(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await send_chunks(update, chunks, markup)

    return show


async def topic_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    action = pressed(update, ShowTopic)
    topic = TOPICS_BY_KEY.get(action.topic) if action is not None else None
    if topic is None:
        await answer_query(query, BUTTON_EXPIRED)
        return
    await answer_query(query)
    await send_chunks(update, render_topic(topic), topic_buttons(topic))


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    result: list[BaseHandler[Any, Any, Any]] = [
        CommandHandler("start", start),
        CommandHandler("help", help_command),
        CommandHandler("sources", sources),
    ]
    result += [CommandHandler(topic.command, topic_command(topic)) for topic in TOPICS]
    result.append(CallbackQueryHandler(topic_button, pattern=action_is(ShowTopic)))
    result.append(CallbackQueryHandler(menu_button, pattern=action_is(ShowMenu)))
    return result
