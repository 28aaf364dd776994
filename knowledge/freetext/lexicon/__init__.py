"""The lexicons: what the free-text reader knows of a language, as data, one folder a language.

A lexicon is the words; the engine (`knowledge.freetext`) is the reading. Each language is a
package here (``lexicon/en/``) whose ``LEXICON`` is a `Lexicon`: phrases for each finding with
the lay words people use, the context cues by ConText category, body parts and what describes
them, topics, durations, spelling fixes and common words. Every pattern is a regular-expression
source written with `knowledge.freetext.lexicon.syntax`; the engine compiles them once.

Adding a language is adding a folder: the packages here are found when this module is first
imported (`LEXICONS`), and nothing in the engine names a language.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, get_args

__all__ = ["CUE_CATEGORIES", "LEXICONS", "CueCategory", "Lexicon", "Phrase"]

CueCategory = Literal[
    "negated",
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
    """Context cues by category (`CUE_CATEGORIES`)."""
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


def _discover() -> Mapping[str, Lexicon]:
    found: dict[str, Lexicon] = {}
    for module in pkgutil.iter_modules(__path__):
        if module.ispkg:
            lexicon = importlib.import_module(f"{__name__}.{module.name}").LEXICON
            if not isinstance(lexicon, Lexicon) or lexicon.code != module.name:
                raise TypeError(
                    f"{module.name}: LEXICON must be a Lexicon with code {module.name!r}"
                )
            found[module.name] = lexicon
    return MappingProxyType(found)


LEXICONS: Mapping[str, Lexicon] = _discover()
"""Every lexicon, by language code: one for each package in this folder."""
