"""Who the bot is talking to, for the words it uses: their language and, if given, country.

Per update: the language the person chose with /language (stored, erased by /forget), else
their Telegram app's ``language_code``, else English (`knowledge.i18n.choose_language`); the
country they chose, for the one emergency number to show (`knowledge.emergency`). The stored
choice is read through the Store's bounded cache, so an ordinary update costs no query.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass

from telegram import Update
from telegram.ext import ContextTypes

from bot.services import Services, get_services
from bot.storage import StoreError
from knowledge.i18n import DEFAULT_LANGUAGE, choose_language

__all__ = ["ENGLISH", "Speaker", "speaker_for", "speaker_of"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Speaker:
    """The language to write in (a code of `knowledge.i18n.LANGUAGES`) and the country whose
    emergency number to name (ISO 3166 alpha-2, or None for the language's main numbers)."""

    language: str = DEFAULT_LANGUAGE
    country: str | None = None
    chosen: bool = False
    """True when the person picked the language with /language (not just their app's)."""


ENGLISH = Speaker()


async def speaker_for(services: Services, user_id: int, telegram_code: str | None) -> Speaker:
    """The `Speaker` for a user: their stored choice first, then Telegram's language code."""
    try:
        chosen, country = await services.store.user_locale(user_id)
    except (StoreError, sqlite3.Error) as exc:
        # The answer matters more than the language it is in: Telegram's code, or English.
        log.warning("could not read the user's language: %s", type(exc).__name__)
        chosen, country = None, None
    language = choose_language(chosen, telegram_code)
    return Speaker(language, country, chosen=chosen is not None and chosen == language)


async def speaker_of(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Speaker:
    """The `Speaker` for whoever sent `update` (English when there is no user)."""
    user = update.effective_user
    if user is None:
        return ENGLISH
    return await speaker_for(get_services(context), user.id, user.language_code)
