"""docs/languages.md, followed step by step with a small made-up language (Esperanto, "eo").

1. one registry line in `knowledge.i18n` (here: the registry patched for the test);
2. a catalog: `python -m knowledge.i18n init eo`, a few entries translated, `compile`;
3. a lexicon folder `knowledge/freetext/lexicon/eo/` (here: in a temporary folder added to
   that package's path, so nothing is written into the source tree).
Then the bot's pieces pick the language up without any other change.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest

import knowledge.freetext.lexicon as lexicon_package
import knowledge.i18n
import knowledge.i18n.__main__ as catalogs
from bot.keyboards import language_keyboard
from bot.profile import bot_commands
from knowledge.freetext import Interpreter
from knowledge.freetext.lexicon import load_lexicons
from knowledge.i18n import DOMAIN, LANGUAGES, Language, choose_language, translator
from knowledge.render import render_help
from knowledge.texts import BUTTON_QUIZ

LEXICON_FOLDER = '''
"""Esperanto: the English lexicon with a few words changed (a test's language)."""

from dataclasses import replace

from knowledge.freetext.lexicon import LEXICONS, Phrase
from knowledge.freetext.lexicon.syntax import words

LEXICON = replace(
    LEXICONS["en"],
    code="eo",
    common_words=frozenset("mi mia ne povas kaj estas doloras genuo suro kruro".split()),
    spelling={},
    parts={
        **LEXICONS["en"].parts,
        "calf": words(r"suro", r"suroj"),
        "knee": words(r"genuo", r"genuoj"),
    },
    descriptors={**LEXICONS["en"].descriptors, "swell": words(r"sxvelinta", r"sxvelas")},
    phrases={**LEXICONS["en"].phrases, "breathless": Phrase(words(r"ne povas spiri"))},
)
'''

TRANSLATED = {
    BUTTON_QUIZ: "🩺 Rapida kvizo",
    "Start here: what this bot does": "Komencu ĉi tie: kion faras ĉi tiu roboto",
}


@pytest.fixture
def esperanto(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # 1. The registry line.
    registry = {**LANGUAGES, "eo": Language("eo", "Esperanto")}
    monkeypatch.setattr(knowledge.i18n, "LANGUAGES", registry)
    # 2. The catalog, made by the project's own command in a copy of knowledge/locale.
    locale = tmp_path / "locale"
    shutil.copytree(knowledge.i18n.LOCALE_DIR, locale)
    monkeypatch.setattr(knowledge.i18n, "LOCALE_DIR", locale)
    monkeypatch.setattr(catalogs, "LOCALE_DIR", locale)
    monkeypatch.setattr(catalogs, "TEMPLATE", locale / f"{DOMAIN}.pot")
    assert catalogs.main(["init", "eo"]) == 0
    po = polib.pofile(catalogs.catalog_path("eo"))
    for entry in po:
        if entry.msgid in TRANSLATED:
            entry.msgstr = TRANSLATED[entry.msgid]
    po.save()
    assert catalogs.main(["compile"]) == 0
    # 3. The lexicon folder, found in the lexicon package by its code.
    folder = tmp_path / "lexicons"
    (folder / "eo").mkdir(parents=True)
    (folder / "eo" / "__init__.py").write_text(textwrap.dedent(LEXICON_FOLDER), "utf-8")
    monkeypatch.setattr(lexicon_package, "__path__", [*lexicon_package.__path__, str(folder)])
    translator.cache_clear()
    try:
        yield
    finally:
        translator.cache_clear()
        sys.modules.pop("knowledge.freetext.lexicon.eo", None)


def test_a_new_language_needs_only_the_three_steps(esperanto: None) -> None:
    # The registry line: chosen for a Telegram app set to it, offered by /language.
    assert choose_language(None, "eo") == "eo"
    choices = [
        b.text
        for row in language_keyboard(
            (code, lang.name) for code, lang in knowledge.i18n.LANGUAGES.items()
        ).inline_keyboard
        for b in row
    ]
    assert "Esperanto" in choices

    # The catalog: the screens and the command menu use it; untranslated entries show English.
    assert translator("eo")(BUTTON_QUIZ) == "🩺 Rapida kvizo"
    assert bot_commands("eo")[0].description == TRANSLATED["Start here: what this bot does"]
    assert TRANSLATED["Start here: what this bot does"] in render_help("eo")

    # The lexicon folder: the registry derived from the languages finds it by its code.
    registry = {code: f"{lexicon_package.__name__}.{code}" for code in knowledge.i18n.LANGUAGES}
    reader = Interpreter(load_lexicons(registry))
    reading = reader.read("mi ne povas spiri kaj mia suro estas sxvelinta")
    assert reading.language == "eo"
    assert reading.tier == "emergency"
    assert reading.findings >= {"breathless", "calf_swollen"}
    assert reader.read("my calf is swollen").language == "en"  # nothing else moved


def test_the_lexicon_registry_is_derived_from_the_languages() -> None:
    assert list(lexicon_package.LANGUAGES) == list(LANGUAGES)
    assert all(module.endswith(f".{code}") for code, module in lexicon_package.LANGUAGES.items())
