"""Read what people type: a free-text message in, findings, a tier and topics out.

`interpret(text)` turns a message such as "my calf is swollen and hot and I can't catch my
breath" into findings from `knowledge.findings` and asks `knowledge.triage.assess` what they
mean, so typed messages go through the same rules as the quiz and the check-in. It is pure and
deterministic: no network, no language model, no state, and nothing is stored or logged.

The package keeps the engine and the words apart:

- `lexicon/` — what the reader knows of a language, as data, one folder a language
  (``lexicon/en/``, ``es``, ``pt``, ``ru``): phrases per finding with lay variants, context cues
  by ConText category, body parts and descriptors, topics, durations, spelling fixes. A new
  language is a new folder and one line in the registry (`lexicon.LANGUAGES`).
- `language` — which lexicon reads a message: common words, then CLD2 (pycld2), then the
  sender's Telegram language as a hint.
- `normalise` — Unicode-aware normalising: every script's letters kept, Latin accents folded.
- `scanner` — every pattern's possible beginnings in one Aho-Corasick pass (pyahocorasick).
- `context` — sentences, clauses and the context of each phrase (negated, possible,
  hypothetical, historical, resolved, about nobody in particular).
- `combine` — what descriptors mean on each body part, and the combination rules, as data
  (shown in ``docs/triage-rules.md``).
- `engine` — `Reader`: a lexicon compiled once, and a message read with it.
- `reading`, `codes` — the result, and a compact code for button data.

Misspellings: a kept list, not fuzzy matching
---------------------------------------------
Fuzzy matching (every word within edit distance 1 of a symptom word is corrected to it, which is
what `rapidfuzz` would be used for) was measured on the test corpus with
``python -m tests.freetext_figures --fuzzy``. It turns everyday words into symptom words: "not"
-> "hot", "could" -> "cold", "never" -> "fever", "week" -> "weak", "feel" -> "feet", "bed" ->
"red", "half" -> "calf", "limp" -> "lump". Over-triage rose from 1.6% to 17.1%, warning-sign
recall fell to 97.3% (a negation read as a sign), and emergency exactness to 98.2%. A kept list
of the misspellings people actually make (each lexicon's ``spelling``) is exact, explainable,
and costs one dictionary lookup per word, so that is what is used.

Speed
-----
Every pattern is compiled once, when its lexicon is loaded, and the gaps inside patterns are
bounded (``(?: \\w+){0,3}``), so there is no catastrophic backtracking. ``python -m
bench.freetext`` prints the figures (``--compare-ref REV`` against an older version, in the same
run), and ``tests/test_freetext_golden.py`` checks that some three thousand messages are still
read exactly as before.

Nothing here imports `telegram`. The text is never stored: a `Reading` keeps finding ids and
character spans of the normalised text only.
"""

from __future__ import annotations

from collections.abc import Mapping

from knowledge.freetext.codes import decode_findings, encode_findings
from knowledge.freetext.engine import Reader
from knowledge.freetext.language import LanguageChooser
from knowledge.freetext.lexicon import LEXICONS, Lexicon
from knowledge.freetext.reading import MAX_CHARS, Evidence, Language, Reading, Status
from knowledge.tiers import TIERS, Tier

__all__ = [
    "INTERPRETER",
    "MAX_CHARS",
    "READER",
    "Evidence",
    "Interpreter",
    "Language",
    "Reader",
    "Reading",
    "Status",
    "decode_findings",
    "encode_findings",
    "interpret",
    "normalise",
]

_URGENCY: dict[Tier | None, int] = {None: 0} | {tier: n for n, tier in enumerate(TIERS, 1)}


class Interpreter:
    """A reader for every lexicon, compiled once, and the choice of which one reads a message."""

    def __init__(self, lexicons: Mapping[str, Lexicon]) -> None:
        self.readers = {code: Reader(lexicon) for code, lexicon in lexicons.items()}
        self.chooser = LanguageChooser(lexicons)

    def read(self, text: str, language_hint: str | None = None) -> Reading:
        """Read a message with the lexicon of its language (see `knowledge.freetext.language`).

        A message in two languages is read with both, and the more urgent reading is kept, so
        that a warning sign is never lost to the choice of language.
        """
        first, second = self.chooser.choose_both(text, language_hint)
        reading = self.readers[first].read(text)
        if second is None or reading.tier == "emergency":
            return reading
        other = self.readers[second].read(text)
        return other if _URGENCY[other.tier] > _URGENCY[reading.tier] else reading


INTERPRETER = Interpreter(LEXICONS)
"""Every registered lexicon (`knowledge.freetext.lexicon.LANGUAGES`), compiled once at import."""
READER = INTERPRETER.readers["en"]
"""The English reader: the one used when nothing says the message is in another language."""


def interpret(text: str, language_hint: str | None = None) -> Reading:
    """Read a message into findings, and ask the rules what they mean. Pure and quick.

    `language_hint` is the sender's language as Telegram gives it ("es", "pt-br"): it decides
    only when the message itself does not (a very short message). `Reading.language` says which
    lexicon read the message, or "other" for a language none of them reads.
    """
    return INTERPRETER.read(text, language_hint)


def normalise(text: str) -> str:
    """The text as the English patterns read it (see `knowledge.freetext.normalise`)."""
    return READER.normalise(text)
