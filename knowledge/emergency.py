"""Emergency numbers by country: the one place that says which number to call where.

Every screen that says "call now" names numbers. Without a country, each language's catalog
names the main ones for the countries that speak it ("112 / 911" in Spanish, "192 / 112" in
Portuguese, "103 / 112" in Russian, "999 / 112 / 911" in English; 112 works across Europe and
from most mobile phones). When a person picks their country (/language), `call_now_line` gives
the one number for an ambulance there, shown first on every emergency screen.

Country names come from Babel's CLDR data in the person's language, so no catalog entry is
needed for them. The numbers are each country's public ambulance or medical emergency number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from types import MappingProxyType

from babel import Locale

from knowledge.i18n import DEFAULT_LANGUAGE, translate

__all__ = [
    "CALL_NOW_IN_COUNTRY",
    "COUNTRIES",
    "COUNTRIES_BY_CODE",
    "Country",
    "call_now_line",
    "countries_for",
    "country_name",
]


@dataclass(frozen=True, slots=True)
class Country:
    """A country the bot knows the emergency number of."""

    code: str
    """ISO 3166-1 alpha-2, upper case ("AR")."""
    number: str
    """The number to call for an ambulance ("107")."""
    languages: tuple[str, ...]
    """The bot's languages spoken there, which offer this country in /language."""


COUNTRIES: tuple[Country, ...] = (
    # English
    Country("GB", "999", ("en",)),
    Country("IE", "112", ("en",)),
    Country("US", "911", ("en", "es")),
    Country("CA", "911", ("en",)),
    Country("AU", "000", ("en",)),
    Country("NZ", "111", ("en",)),
    Country("IN", "112", ("en",)),
    # Spanish
    Country("ES", "112", ("es",)),
    Country("MX", "911", ("es",)),
    Country("AR", "107", ("es",)),
    Country("CO", "123", ("es",)),
    Country("CL", "131", ("es",)),
    Country("PE", "106", ("es",)),
    # Portuguese
    Country("BR", "192", ("pt",)),
    Country("PT", "112", ("pt",)),
    # Russian
    Country("RU", "103", ("ru",)),
    Country("BY", "103", ("ru",)),
    Country("KZ", "103", ("ru",)),
    Country("UA", "103", ("ru",)),
)
"""The countries offered, grouped by language, most users first within each."""

COUNTRIES_BY_CODE: Mapping[str, Country] = MappingProxyType({c.code: c for c in COUNTRIES})

CALL_NOW_IN_COUNTRY = "🚨 Emergency number ({country}): <b>{number}</b>."
"""The first line of every emergency screen once a person has picked their country."""


def countries_for(language: str) -> tuple[Country, ...]:
    """The countries /language offers to someone reading `language`."""
    return tuple(c for c in COUNTRIES if language in c.languages)


def country_name(code: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The country's name in `language` ("Reino Unido"), from CLDR."""
    territories = Locale.parse(language).territories
    return str(territories.get(code.upper(), code.upper()))


def call_now_line(
    country: str | None, language: str = DEFAULT_LANGUAGE, *, plain: bool = False
) -> str:
    """ "Emergency number (Argentina): 107" for a known country, else "" (the screen's
    own numbers for the language stand). Telegram HTML, or `plain` text for a pop-up."""
    known = COUNTRIES_BY_CODE.get((country or "").upper())
    if known is None:
        return ""
    template = translate(language, CALL_NOW_IN_COUNTRY)
    name = country_name(known.code, language)
    if plain:
        template = template.replace("<b>", "").replace("</b>", "")
    else:
        name = escape(name)
    return template.format(country=name, number=known.number)
