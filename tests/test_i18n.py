"""The translation catalogs: complete, faithful to the English markup, and within Telegram's
limits; the language a person gets; a language added by following docs/languages.md."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from knowledge.content import TOPICS
from knowledge.i18n import LANGUAGES, LOCALE_DIR, choose_language, translate, translator
from knowledge.i18n.__main__ import catalog_path, problems
from knowledge.outcome_render import render_outcome
from knowledge.render import render_help, render_sources, render_start, render_topic
from knowledge.triage import assess
from playground.emulator import parse_html

OTHER = [code for code in LANGUAGES if code != "en"]
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_TAG = re.compile(r"</?[a-z]+[^>]*>")
_VISIBLE_LIMIT = 1000


def _is_html(text: str) -> bool:
    try:
        parse_html(text)
    except ValueError:
        return False
    return "<" in text or "&" in text


def _catalog(code: str) -> polib.POFile:
    return polib.pofile(catalog_path(code))


def test_template_is_current_and_every_catalog_complete() -> None:
    assert problems() == []


@pytest.mark.parametrize("code", OTHER)
def test_no_untranslated_or_fuzzy_entries(code: str) -> None:
    catalog = _catalog(code)
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []
    assert catalog.percent_translated() == 100


@pytest.mark.parametrize("code", OTHER)
def test_same_placeholders_and_markup_as_english(code: str) -> None:
    for entry in _catalog(code).translated_entries():
        assert set(_PLACEHOLDER.findall(entry.msgstr)) == set(_PLACEHOLDER.findall(entry.msgid)), (
            entry.msgid
        )
        assert _TAG.findall(entry.msgstr) == _TAG.findall(entry.msgid), entry.msgid
        if _is_html(entry.msgid):  # markup the bot sends as it is: Telegram must accept it
            parse_html(entry.msgstr)


@pytest.mark.parametrize("code", OTHER)
def test_compiled_catalog_matches_its_source(code: str, tmp_path: Path) -> None:
    """The .mo the bot reads is the compiled .po (python -m knowledge.i18n compile)."""
    with open(catalog_path(code), "rb") as handle:
        catalog = read_po(handle)
    fresh = tmp_path / "fresh.mo"
    with fresh.open("wb") as out:
        write_mo(out, catalog)
    shipped = LOCALE_DIR / code / "LC_MESSAGES" / "kneebot.mo"
    assert shipped.read_bytes() == fresh.read_bytes()


@pytest.mark.parametrize("code", OTHER)
def test_pages_in_each_language_fit_telegram_and_a_phone(code: str) -> None:
    for topic in TOPICS:
        chunks = render_topic(topic, code)
        assert len(chunks) == 1, topic.key
        visible, _ = parse_html(chunks[0])
        assert len(chunks[0]) <= 4096
        first_screen = visible.split("\n\n")[0]
        assert len(first_screen) <= _VISIBLE_LIMIT, topic.key
        assert translate(code, topic.title) in visible
    for text in (render_start(code), render_help(code), *render_sources(code)):
        parse_html(text)
        assert len(text) <= 4096


@pytest.mark.parametrize("code", OTHER)
def test_outcomes_in_each_language_name_local_numbers(code: str) -> None:
    emergency = render_outcome(assess(frozenset({"breathless"})), code)
    visible, _ = parse_html(emergency)
    assert "112" in visible
    assert "999" not in visible  # the UK number is not what Spanish, Portuguese or Russian
    assert "Call" not in visible  # speakers dial, and the screen is in their language
    for findings in ({"calf_swollen"}, {"lump_behind"}, {"where_front", "active_runner"}):
        text = render_outcome(assess(frozenset(findings)), code)
        assert len(parse_html(text)[0]) <= _VISIBLE_LIMIT


def test_choose_language_prefers_the_choice_then_telegram_then_english() -> None:
    assert choose_language("ru", "es") == "ru"
    assert choose_language(None, "pt-br") == "pt"
    assert choose_language(None, "es-419") == "es"
    assert choose_language(None, "de") == "en"
    assert choose_language("xx", None) == "en"
    assert choose_language(None, None) == "en"


def test_english_is_the_source_text_itself() -> None:
    assert translator("en")("Facts") == "Facts"
    assert translate("es", "a sentence no catalog has") == "a sentence no catalog has"


@pytest.mark.parametrize("code", OTHER)
def test_no_english_line_left_on_translated_screens(code: str) -> None:
    """Each line of /start, /help and every topic page differs from the English one (a command
    name alone aside): a text the catalog cannot see would show in English here."""
    screens = [(render_help("en"), render_help(code)), (render_start("en"), render_start(code))]
    screens += [(render_topic(t)[0], render_topic(t, code)[0]) for t in TOPICS]
    for english, translated in screens:
        words = re.compile(r"[a-z]{4} [a-z]")
        english_lines = {line for line in english.splitlines() if words.search(line)}
        same = [line for line in translated.splitlines() if line in english_lines]
        assert same == [], same
