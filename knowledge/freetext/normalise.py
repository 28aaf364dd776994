"""Normalising: the text as the patterns read it, in any script.

Unicode NFKC and casefold; the letters of every script kept with their combining marks
(Devanagari vowel signs, Hebrew points), accents on Latin letters folded for matching
("detrás" -> "detras"; "й" and "ё" keep theirs, as they are letters of their own, though a
lexicon may fold more: Russian reads "ё" as "е"); curly quotes and apostrophes folded and then
dropped; emoji and symbols become spaces; a letter of the lexicon's alphabet repeated three or
more times is cut to two ("swolllen" -> "swollen"); then the lexicon's own rewrites (shorthand
such as "w/o" -> "without", contractions, and its kept list of misspellings and text-speak:
"claf" -> "calf", "yday" -> "yesterday").

Words are separated by one space; punctuation (``. , ! ? ; :`` and new lines) follows the word
before it without a space. Plain string methods do most of the work, because they run at C
speed: a regex pass over 4,096 characters costs as much as reading the message.
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.freetext.lexicon import Lexicon
from knowledge.freetext.reading import MAX_CHARS

__all__ = ["LATIN_FOLD", "Normaliser"]

_APOSTROPHES = "\u2018\u2019\u201a\u201b\u2032\u00b4`\u02bc"
_PUNCT = ".,!?;:\n"


def _mark_ranges(last: int = 0xFFFF) -> str:
    """A regex class body for every combining mark (Unicode category M) up to `last`: the vowel
    signs of Devanagari, the points of Hebrew, ... are parts of letters, never separators."""
    ranges: list[str] = []
    start: int | None = None
    for cp in range(last + 2):
        mark = cp <= last and unicodedata.category(chr(cp)).startswith("M")
        if mark and start is None:
            start = cp
        elif not mark and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{cp - 1:04x}")
            start = None
    return "".join(ranges)


def _latin_fold_table() -> dict[int, str]:
    """Each accented Latin letter -> its plain letters ("á" -> "a", "ç" -> "c")."""
    table: dict[int, str] = {}
    for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        plain = "".join(
            c for c in unicodedata.normalize("NFD", chr(cp)) if not unicodedata.combining(c)
        )
        if plain and plain != chr(cp):
            table[cp] = plain
    return table


# Anything but a letter or digit of any script, a combining mark, or the punctuation that
# splits sentences and clauses, becomes a space.
_NOT_WORD = re.compile(r"[^\w" + _mark_ranges() + r".,!?;:\n ]+")
_NOT_ASCII_WORD = re.compile(r"[^a-z0-9_.,!?;:\n ]+")  # the same as _NOT_WORD, for ASCII text
LATIN_FOLD = _latin_fold_table()
_LATIN_MARKS = re.compile(r"(?<=[a-z])[\u0300-\u036f]+")  # a loose accent after a plain letter
_ACCENTED = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]")


class Normaliser:
    """`normalise` for one lexicon: its rewrites compiled once."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._before_punct = tuple(
            (needles, re.compile(pattern), replacement)
            for needles, pattern, replacement in lexicon.before_punct
        )
        self._spelling = dict(lexicon.spelling)
        self._fold = str.maketrans(dict(lexicon.fold)) if lexicon.fold else None
        self._letters = lexicon.alphabet

    def __call__(self, text: str) -> str:
        text = unicodedata.normalize("NFKC", text[:MAX_CHARS]).casefold()
        if not text.isascii() and _ACCENTED.search(text):  # a C-speed look before the fold
            text = _LATIN_MARKS.sub("", text.translate(LATIN_FOLD))
        if self._fold is not None and not text.isascii():
            text = text.translate(self._fold)
        for apostrophe in _APOSTROPHES if "`" in text or not text.isascii() else ():
            if apostrophe in text:
                text = text.replace(apostrophe, "'")
        for needles, pattern, replacement in self._before_punct:
            if any(needle in text for needle in needles):
                text = pattern.sub(replacement, text)
        text = text.replace("'", "").replace("-", " ")
        for (
            letter
        ) in self._letters:  # a letter three or more times in a row: twice ("sooo" -> "soo")
            triple = letter * 3
            while triple in text:
                text = text.replace(triple, letter * 2)
        text = (_NOT_ASCII_WORD if text.isascii() else _NOT_WORD).sub(" ", text)
        for mark in _PUNCT:  # punctuation apart from words, so that words can be looked up
            if mark in text:
                text = text.replace(mark, f" {mark} ")
        spelling = self._spelling.get
        text = " ".join([spelling(word, word) for word in text.split(" ") if word])
        for mark in _PUNCT:  # and back against the word before it
            text = text.replace(f" {mark}", mark)
        return text.strip()
