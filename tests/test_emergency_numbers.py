"""Emergency numbers by country (knowledge/emergency.py): one exact number once a country is
picked, the language's main numbers otherwise."""

from __future__ import annotations

import pytest
from babel import Locale

from knowledge.content import TOPICS_BY_KEY
from knowledge.emergency import COUNTRIES, call_now_line, countries_for, country_name
from knowledge.i18n import LANGUAGES
from knowledge.outcome_render import render_outcome
from knowledge.render import render_topic
from knowledge.topics import WARNING_TOPIC
from knowledge.triage import assess
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


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_an_emergency_leads_with_the_countrys_one_number(language: str) -> None:
    country = countries_for(language)[0]
    emergency = render_outcome(assess(frozenset({"chest_pain"})), language, country.code)
    first_line = parse_html(emergency)[0].splitlines()[0]
    assert country.number in first_line
    assert first_line == parse_html(call_now_line(country.code, language))[0]
    assert render_outcome(assess(frozenset({"chest_pain"})), language, None) != emergency
    urgent = render_outcome(assess(frozenset({"calf_swollen"})), language, country.code)
    assert call_now_line(country.code, language) in urgent
    for ordinary in ({"lump_behind"}, frozenset()):
        text = render_outcome(assess(frozenset(ordinary)), language, country.code)
        assert call_now_line(country.code, language) not in text


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_warning_signs_page_names_the_countrys_number(language: str) -> None:
    country = countries_for(language)[-1]
    (page,) = render_topic(TOPICS_BY_KEY[WARNING_TOPIC], language, country.code)
    assert call_now_line(country.code, language) in page
    (cramps,) = render_topic(TOPICS_BY_KEY["cramps"], language, country.code)
    assert call_now_line(country.code, language) not in cramps


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_plain_line_for_a_pop_up_is_the_visible_text_of_the_html_one(language: str) -> None:
    for country in countries_for(language):
        plain = call_now_line(country.code, language, plain=True)
        assert "<" not in plain and country.number in plain
        assert plain == parse_html(call_now_line(country.code, language))[0]
