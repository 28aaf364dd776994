"""How a lexicon writes its patterns: plain regular-expression sources, nothing compiled.

`words("calf", "calves")` is a pattern that matches any of its alternatives as whole words;
`regex(...)` marks a pattern written out in full. The engine compiles both once, when a
lexicon is loaded. Matching runs on normalised text (`knowledge.freetext.normalise`): lower
case, one space between words, punctuation against the word before it, apostrophes dropped
("can't" -> "cannot") and Latin accents folded ("detrás" -> "detras").
"""

from __future__ import annotations

__all__ = ["GAP", "regex", "words"]

GAP = r"(?: \w+){0,3}"
"""Up to three words in between: bounded, so a pattern can never backtrack without end."""


def words(*alternatives: str) -> str:
    """A pattern matching any of `alternatives` (themselves patterns) as whole words."""
    return r"\b(?:" + "|".join(alternatives) + r")\b"


def regex(source: str) -> str:
    """A pattern written out in full (word boundaries included where they are wanted)."""
    return source
