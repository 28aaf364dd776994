"""Topic commands, /start, /help, /sources, the /start menu buttons and the Menu button."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import lru_cache
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes

from bot.handlers.routing import Press, on_press
from bot.keyboards import ShowMenu, ShowTopic, menu_keyboard, onward_keyboard, topic_keyboard
from bot.language import speaker_of
from bot.messaging import reply, send_chunks
from knowledge.content import TOPICS, TOPICS_BY_KEY
from knowledge.i18n import DEFAULT_LANGUAGE
from knowledge.model import Topic
from knowledge.render import render_help, render_sources, render_start, render_topic

Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def start_menu(lang: str = DEFAULT_LANGUAGE) -> InlineKeyboardMarkup:
    return menu_keyboard(((topic.key, topic.menu_label) for topic in TOPICS), lang)


def topic_buttons(topic: Topic, lang: str = DEFAULT_LANGUAGE) -> InlineKeyboardMarkup:
    """Warning signs, the quiz, related topics and the menu, under a topic page."""
    related = ((key, TOPICS_BY_KEY[key].menu_label) for key in topic.related)
    return topic_keyboard(topic.key, related, lang)


@lru_cache(maxsize=256)
def topic_page(
    topic_key: str, language: str, country: str | None
) -> tuple[tuple[str, ...], InlineKeyboardMarkup]:
    """A topic's page and buttons in `language`, with `country`'s number on /doctor; made once."""
    topic = TOPICS_BY_KEY[topic_key]
    return tuple(render_topic(topic, language, country)), topic_buttons(topic, language)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = (await speaker_of(update, context)).language
    await reply(update, render_start(lang), start_menu(lang))


async def menu_button(press: Press[ShowMenu], context: ContextTypes.DEFAULT_TYPE) -> None:
    """The Menu button under any page: the /start greeting and menu again, as a new message."""
    await press.answer()
    await reply(press.update, render_start(press.lang), start_menu(press.lang))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = (await speaker_of(update, context)).language
    await reply(update, render_help(lang), onward_keyboard(lang=lang))


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = (await speaker_of(update, context)).language
    await send_chunks(update, render_sources(lang), onward_keyboard(lang=lang))


def topic_command(topic: Topic) -> Callback:
    async def show(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        speaker = await speaker_of(update, context)
        chunks, markup = topic_page(topic.key, speaker.language, speaker.country)
        await send_chunks(update, chunks, markup)

    return show


async def topic_button(press: Press[ShowTopic], context: ContextTypes.DEFAULT_TYPE) -> None:
    if press.action.topic not in TOPICS_BY_KEY:
        await press.expired()
        return
    await press.answer()
    chunks, markup = topic_page(press.action.topic, press.lang, press.speaker.country)
    await send_chunks(press.update, chunks, markup)


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
