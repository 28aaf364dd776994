"""/language: the language the bot writes in, then the country whose emergency number to name.

The choice is stored with the user (`Store.set_language`, `Store.set_country`), read for
every update through `bot.language`, used by the check-in sweeper, and erased by /forget. A
chosen language also gets the command menu in that language for this chat (Telegram shows
the app language's menu otherwise).
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes

from bot.handlers.routing import Press, on_press
from bot.keyboards import (
    NO_COUNTRY,
    ChooseCountry,
    ChooseLanguage,
    country_keyboard,
    language_keyboard,
    onward_keyboard,
)
from bot.language import speaker_of
from bot.messaging import edit_html, reply
from bot.profile import set_chat_menu
from bot.services import get_services
from knowledge.emergency import COUNTRIES_BY_CODE, call_now_line, countries_for, country_name
from knowledge.i18n import LANGUAGES, translate
from knowledge.texts import (
    COUNTRY_CHOOSE,
    COUNTRY_CHOSEN,
    COUNTRY_NONE,
    LANGUAGE_CHOOSE,
    LANGUAGE_CHOSEN,
)


async def language_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = (await speaker_of(update, context)).language
    languages = ((code, language.name) for code, language in LANGUAGES.items())
    await reply(update, translate(lang, LANGUAGE_CHOOSE), language_keyboard(languages))


async def choose_language(press: Press[ChooseLanguage], context: ContextTypes.DEFAULT_TYPE) -> None:
    code = press.action.language
    store = get_services(context).store
    if code not in LANGUAGES or not await store.set_language(press.user_id, code):
        await press.expired()
        return
    await press.answer()
    countries = [(c.code, country_name(c.code, code)) for c in countries_for(code)]
    text = f"{translate(code, LANGUAGE_CHOSEN)}\n\n{translate(code, COUNTRY_CHOOSE)}"
    markup = country_keyboard(countries, code)
    if not await edit_html(press.query, text, markup):
        await reply(press.update, text, markup)
    await set_chat_menu(press.update.effective_chat, code)


async def choose_country(press: Press[ChooseCountry], context: ContextTypes.DEFAULT_TYPE) -> None:
    chosen = press.action.country.upper()
    country = None if chosen == NO_COUNTRY.upper() else chosen
    if country is not None and country not in COUNTRIES_BY_CODE:
        await press.expired()
        return
    if not await get_services(context).store.set_country(press.user_id, country):
        await press.expired()
        return
    await press.answer()
    lang = press.lang
    if country is None:
        text = translate(lang, COUNTRY_NONE)
    else:
        text = f"{call_now_line(country, lang)}\n\n{translate(lang, COUNTRY_CHOSEN)}"
    markup = onward_keyboard(lang=lang)
    if not await edit_html(press.query, text, markup):
        await reply(press.update, text, markup)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [
        CommandHandler("language", language_command),
        on_press(ChooseLanguage, choose_language),
        on_press(ChooseCountry, choose_country),
    ]
