"""Emergency numbers by country (knowledge/emergency.py): one exact number once a country is
picked, the language's main numbers otherwise."""

from __future__ import annotations

import pytest
from babel import Locale

from knowledge.emergency import COUNTRIES, call_now_line, countries_for, country_name
from knowledge.i18n import LANGUAGES
from playground.emulator import parse_html


def test_every_country_is_a_real_territory_with_a_number() -> None:
    territories = Locale.parse("en").territories
    assert len({c.code for c in COUNTRIES}) == len(COUNTRIES)
    for country in COUNTRIES:
        assert country.code in territories, country.code
        assert country.number.isdigit() and 3 <= len(country.number) <= 5
        assert set(country.languages) <= set(LANGUAGES)


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_each_language_offers_its_countries(code: str) -> None:
    assert len(countries_for(code)) >= 2


@pytest.mark.parametrize(
    ("country", "language", "number", "name"),
    [
        ("GB", "en", "999", "United Kingdom"),
        ("AR", "es", "107", "Argentina"),
        ("BR", "pt", "192", "Brasil"),
        ("ru", "ru", "103", "Россия"),  # the code's case does not matter
        ("US", "es", "911", "Estados Unidos"),
    ],
)
def test_a_picked_country_gives_one_exact_number(
    country: str, language: str, number: str, name: str
) -> None:
    line = call_now_line(country, language)
    visible, _ = parse_html(line)
    assert number in visible and name in visible
    assert "<b>" + number + "</b>" in line
    assert country_name(country, language) == name


@pytest.mark.parametrize("country", [None, "", "ZZ", "XX", "<b>"])
def test_no_country_or_an_unknown_one_leaves_the_languages_numbers(country: str | None) -> None:
    assert call_now_line(country, "es") == ""
