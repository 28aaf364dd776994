"""Topic commands, /start, /help, /sources, the /start menu buttons and the Menu button."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes

from bot.handlers.routing import Press, on_press
from bot.keyboards import ShowMenu, ShowTopic, menu_keyboard, onward_keyboard, topic_keyboard
from bot.messaging import reply, send_chunks
from knowledge.content import TOPICS, TOPICS_BY_KEY
from knowledge.model import Topic
from knowledge.render import render_help, render_sources, render_start, render_topic

Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def start_menu() -> InlineKeyboardMarkup:
    return menu_keyboard((topic.key, topic.menu_label) for topic in TOPICS)


def topic_buttons(topic: Topic) -> InlineKeyboardMarkup:
    """Warning signs, the quiz, related topics and the menu, under a topic page."""
    related = ((key, TOPICS_BY_KEY[key].menu_label) for key in topic.related)
    return topic_keyboard(topic.key, related)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, render_start(), start_menu())


async def menu_button(press: Press[ShowMenu], context: ContextTypes.DEFAULT_TYPE) -> None:
    """The Menu button under any page: the /start greeting and menu again, as a new message."""
    await press.answer()
    await reply(press.update, render_start(), start_menu())


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


async def topic_button(press: Press[ShowTopic], context: ContextTypes.DEFAULT_TYPE) -> None:
    topic = TOPICS_BY_KEY.get(press.action.topic)
    if topic is None:
        await press.expired()
        return
    await press.answer()
    await send_chunks(press.update, render_topic(topic), topic_buttons(topic))


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    result: list[BaseHandler[Any, Any, Any]] = [
        CommandHandler("start", start),
        CommandHandler("help", help_command),
        CommandHandler("sources", sources),
    ]
    result += [CommandHandler(topic.command, topic_command(topic)) for topic in TOPICS]
    result.append(on_press(ShowTopic, topic_button))
    result.append(on_press(ShowMenu, menu_button))
    return result
