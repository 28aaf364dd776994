"""The languages the bot speaks, and the translation of its words.

English source strings are the keys (gettext's convention); each language has a catalog
`knowledge/locale/<code>/LC_MESSAGES/kneebot.po`, compiled by Babel to `kneebot.mo`, which the
standard library's `gettext` reads. Nothing is translated at import time: a render function is
given a language and calls `translate(language, text)` (or `translator(language)`) on each piece
of English it puts on the screen. A sentence missing from a catalog shows in English.

Which language a person gets (`choose_language`): their own choice (/language, stored), else
Telegram's ``language_code`` ("es", "pt-br", "ru" ...), else English.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

__all__ = [
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "Language",
    "choose_language",
    "translate",
    "translator",
]

DOMAIN = "kneebot"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class Language:
    """A language the bot speaks: its code (Telegram's, lower case) and its own name."""

    code: str
    name: str


_ALL: tuple[Language, ...] = (
    Language("en", "English"),
    Language("es", "Español"),
    Language("pt", "Português"),
    Language("ru", "Русский"),
)

LANGUAGES: Mapping[str, Language] = MappingProxyType({lang.code: lang for lang in _ALL})
"""Every language the bot speaks, by code, in the order /language offers them."""


def choose_language(chosen: str | None, telegram_code: str | None) -> str:
    """The person's own choice, else their Telegram app's language, else English.

    Telegram sends IETF tags ("pt-br", "es-419", "en-GB"); the part before the first "-" is
    enough, since each catalog is written to be understood wherever the language is spoken.
    """
    for candidate in (chosen, telegram_code):
        if candidate:
            code = candidate.strip().lower().replace("_", "-").split("-", 1)[0]
            if code in LANGUAGES:
                return code
    return DEFAULT_LANGUAGE


@lru_cache(maxsize=len(_ALL))
def translator(language: str) -> Callable[[str], str]:
    """``gettext`` for `language`'s catalog; English (the keys themselves) when there is none."""
    if language == DEFAULT_LANGUAGE or language not in LANGUAGES:
        return str
    catalog = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    return catalog.gettext


def translate(language: str, text: str) -> str:
    """`text` (English) in `language`."""
    return translator(language)(text)
