"""The lexicons: what the free-text reader knows of a language, as data, one folder a language.

A lexicon is the words; the engine (`knowledge.freetext`) is the reading. Each language is a
package here (``lexicon/en/``) whose ``LEXICON`` is a `Lexicon`: phrases for each finding with
the lay words people use, the context cues by ConText category, body parts and what describes
them, topics, durations, spelling fixes and common words. Every pattern is a regular-expression
source written with `knowledge.freetext.lexicon.syntax`; the engine compiles them once.

Adding a language is adding a folder and one line in the registry (`LANGUAGES`); the lexicons
are loaded when this module is first imported (`LEXICONS`), and nothing in the engine names a
language. Every lexicon maps its words to the same finding ids, so the same rules decide.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, get_args

from knowledge.i18n import LANGUAGES as SPOKEN

__all__ = [
    "CUE_CATEGORIES",
    "LANGUAGES",
    "LEXICONS",
    "CueCategory",
    "Lexicon",
    "Phrase",
    "load_lexicons",
]

CueCategory = Literal[
    "negated",
    "negated_after",
    "possible",
    "hypothetical",
    "historical",
    "present",
    "resolved",
    "future",
    "remote",
    "now",
    "anchor",
    "cleared",
]
CUE_CATEGORIES: tuple[CueCategory, ...] = get_args(CueCategory)
"""The context categories, after ConText (negated, possible, hypothetical, historical ...), and
how far each reaches, which the engine applies (`knowledge.freetext.context`):

- negated: a few words forward within the clause, and down a list ("no swelling, redness");
- negated_after: backward, within the clause: a negation said after what it denies ("отека
  нет", "температуры нет"); a language that has none leaves it empty ("");
- possible (a hedge: "maybe", "not sure"): the whole clause;
- hypothetical ("what if", "worried about"): forward, from the start of the sentence;
- historical and present: the clause (a sign only in the past is asked about, not assumed);
- resolved ("gone now", "wore off"): backward, over the sentence up to the next full stop;
- future: the sentence, for events ("flying tomorrow");
- remote ("years ago"): the clause, or the sentence for a risk factor;
- now ("still", "today"): between a sign and a resolution, it keeps the sign;
- anchor (a verb or pronoun that starts a new statement): ends a negated list;
- cleared ("the scan was clear"): the whole sentence, for a worry about a clot.
"""


@dataclass(frozen=True, slots=True)
class Phrase:
    """The pattern for one finding; an `event` (an injury, a flight) is true even when told in
    the past tense."""

    pattern: str
    event: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    """Everything the reader needs to know of one language. Patterns are regex sources."""

    code: str
    """The language, as Telegram's language_code gives it ("en")."""
    alphabet: str
    """The letters of the language after normalising ("abc...z"; "абв...я"): a letter typed
    three or more times in a row is cut to two ("sooo" -> "soo", "оооочень" -> "оочень")."""
    script: str
    """A regex class body of the script's letters ("\\x00-\\u024f" for Latin): a message
    whose letters are mostly outside it is in another language."""
    fold: Mapping[str, str]
    """Letters folded before matching, beyond the Latin accents every lexicon folds
    ("ё" -> "е": Russian is typed both ways)."""
    cramp_words: tuple[str, ...]
    """How the words for a cramp or spasm begin ("cramp", "spasm"): in the calf, a cramp that
    comes and goes is not the clot picture."""
    common_words: frozenset[str]
    """Frequent words, to tell a message in this language from one in another."""
    before_punct: tuple[tuple[tuple[str, ...], str, str], ...]
    """(needles, pattern, replacement), run before punctuation is split off, and only when one
    of the needles is in the text ("w/o" -> "without", "A&E" -> "ae")."""
    spelling: Mapping[str, str]
    """Misspellings and text-speak -> the word the patterns know ("claf" -> "calf")."""
    parts: Mapping[str, str]
    """Body parts a descriptor can attach to: behind (the knee), knee, calf, leg, foot, lump."""
    part_priority: tuple[str, ...]
    """Where two parts overlap, the first in this order wins ("back of my knee" over "knee")."""
    leads_to_part: str
    """What may stand between a descriptor and the part after it ("swelling in my calf")."""
    descriptors: Mapping[str, str]
    """What describes a part: swell, hot, red, cold, pale, numb, weak, pain."""
    very: str
    """Very swollen, said plainly or by an image ("like a balloon", "twice the size")."""
    persistent: str
    """Pain that does not go away ("throbbing", "won't stop")."""
    phrases: Mapping[str, Phrase]
    """Finding id -> its phrase, for the findings read straight from words."""
    hints: Mapping[str, str]
    """Warning sign -> phrases that only hint at it (always read as unsure)."""
    durations: Mapping[str, str]
    """Duration finding -> how people say it."""
    topics: Mapping[str, str]
    """Topic key -> how people ask for it by name."""
    care: str
    """Asking about emergency care ("should I go to A&E?"): the bot checks the main signs."""
    care_exact: str
    """The same, matched case-sensitively on the text as typed ("ER", not "er")."""
    cues: Mapping[CueCategory, str]
    """Context cues by category (`CUE_CATEGORIES`); "" for a category the language has none of."""
    anchor_start: str
    """A clause that starts like a new statement ("my ...", "the ..."): ends a negated list."""
    wh_question: str
    """A question about a condition ("what does ...", "why do ...")."""
    asking: str
    """A general question ("can a ...", "is there ...", "any good tips ...")."""
    personal: str
    """Someone in particular: the writer or a person they write about."""
    first_person: str
    """The writer ("I", "my"): a question with the writer in it is about them."""
    generic_subject: str
    """Everyone in general ("people", "anyone"): "why do people get cramp in their legs?"."""
    prevention: str
    """Preventing something, not having it ("how do I avoid a DVT on the flight?")."""
    answer_no: str
    """A bare "no" after a sign asked about ("Fever? No.")."""
    fresh: str
    """Something new or sudden (numbness with long-standing sciatica that is new)."""
    sentence_words: str
    """Words that start a new sentence ("but", "however")."""
    clause_words: str
    """Words that start a new clause ("and", "so", "because")."""
    other_symptoms: str
    """Words that name a symptom without a finding ("bruising", "limping")."""
    thing_after: str
    """After a temperature or colour word: a thing, not the leg ("the cold floor")."""
    illness: str
    """Before "cold": the illness, not the temperature ("a cold")."""
    sitting_for: str
    """Before a duration: how long someone sat or travelled, not how long it hurt."""
    sitting_word: str
    """Any word of sitting or travelling (a quick look before `sitting_for`)."""


LANGUAGES: dict[str, str] = {code: f"{__name__}.{code}" for code in SPOKEN}
"""Language code -> the module whose ``LEXICON`` reads it: the folder named by the code, for
every language of the one registry of languages (`knowledge.i18n.LANGUAGES`). Adding a language
is a line there, its gettext catalog under ``knowledge/locale`` and its folder here
(docs/languages.md). The first is the language read when nothing says otherwise."""


def load_lexicons(registry: Mapping[str, str]) -> Mapping[str, Lexicon]:
    """The lexicons of a registry (code -> module name), checked, in the registry's order."""
    found: dict[str, Lexicon] = {}
    for code, module_name in registry.items():
        lexicon = importlib.import_module(module_name).LEXICON
        if not isinstance(lexicon, Lexicon) or lexicon.code != code:
            raise TypeError(f"{module_name}: LEXICON must be a Lexicon with code {code!r}")
        found[code] = lexicon
    return MappingProxyType(found)


LEXICONS: Mapping[str, Lexicon] = load_lexicons(LANGUAGES)
"""Every lexicon of the registry, by language code."""
