"""Which lexicon reads a message: its common words first, then a language detector.

`LanguageChooser(lexicons).choose(text, hint)` returns the code of the lexicon to read a message
with. Every lexicon's common words are counted in the message (one dictionary lookup a word):
when the first lexicon of the registry (English) has the most, it reads the message, with no
detector asked, so English costs almost nothing more. When another lexicon has as many or more,
CLD2 (`pycld2`, Google's Compact Language Detector, its model inside its wheel, no network) is
asked: a reliable answer that names a lexicon decides; one that names another language sends
the message to the first lexicon (which tells it is "other") unless half its words are common
words of a lexicon (CLD2 can take a short Russian message for Bulgarian). Otherwise, for the short
messages a detector cannot judge ("болит колено", "me duele"), the common words decide, and a
tie goes to the hint (Telegram's ``language_code`` of the sender: "pt-br" -> "pt"), then to the
first lexicon.

A message in a language with no lexicon (French, German, Chinese ...) goes to the first
lexicon, which says so: its `Reading.language` is "other" when most letters are of another
script or too few words are its own (`knowledge.freetext.engine.Reader`).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from typing import Any

from knowledge.freetext.lexicon import Lexicon
from knowledge.freetext.normalise import LATIN_FOLD
from knowledge.freetext.reading import MAX_CHARS

__all__ = ["LanguageChooser", "base_language", "detect"]

_CLD2: Any = importlib.import_module("pycld2")  # untyped C extension
_MIXED = 2  # common words of a second lexicon that make a message mixed: read it with both
_WORD = re.compile(r"[^\W\d_]{2,}")  # words of two letters or more, any script
_LETTER = re.compile(r"[^\W\d_]")
_SCRIPT_CHAR = re.compile("[\u0080-\u1fff]")  # where the letters of most scripts are
_ASCII_LETTERS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))  # a-z kept, all else " "


def detect(text: str) -> tuple[str, bool]:
    """CLD2's best language for `text` ("es", "un" for unknown) and whether it is reliable."""
    try:
        reliable, _, details = _CLD2.detect(text, isPlainText=True)
    except (_CLD2.error, UnicodeError, ValueError, TypeError):
        return "un", False  # lone surrogates, control bytes: nothing to tell
    return str(details[0][1]), bool(reliable)


def base_language(tag: str | None) -> str | None:
    """The language of an IETF tag as Telegram gives it: "pt-br" -> "pt", "es_419" -> "es"."""
    if not tag:
        return None
    return tag.replace("_", "-").split("-", 1)[0].casefold() or None


class LanguageChooser:
    """Chooses the lexicon for a message; the lexicons' common words are indexed once."""

    def __init__(self, lexicons: Mapping[str, Lexicon]) -> None:
        self.codes = tuple(lexicons)
        self.default = self.codes[0]
        fold: dict[int, str] = dict(LATIN_FOLD)
        for lexicon in lexicons.values():
            fold.update(str.maketrans(dict(lexicon.fold)))
        self._fold = fold
        words: dict[str, list[str]] = {}
        for code, lexicon in lexicons.items():
            for word in lexicon.common_words:
                key = self._folded(word)
                if code not in words.setdefault(key, []):
                    words[key].append(code)
        self._words = {word: tuple(codes) for word, codes in words.items() if len(word) > 1}
        self._ascii_words = {w.encode(): codes for w, codes in self._words.items() if w.isascii()}
        first_script = lexicons[self.default].script
        self._scripts = tuple(  # lexicons of another script than the first: told by their letters
            (code, re.compile(f"[{re.escape(lx.alphabet)}]{{3}}"), re.compile(f"[{lx.script}]"))
            for code, lx in lexicons.items()
            if lx.script != first_script
        )

    def _folded(self, text: str) -> str:
        text = text.casefold()
        if text.isascii() or _SCRIPT_CHAR.search(text) is None:
            return text  # nothing to fold (str.translate with a dict is slow: a look first)
        return text.translate(self._fold)

    def votes(self, text: str) -> tuple[dict[str, int], int]:
        """How many of each lexicon's common words the message holds (each word once), and how
        many different words it has (of two letters or more)."""
        text = self._folded(text[:MAX_CHARS])
        hits: list[tuple[str, ...] | None]
        if text.isascii() or _SCRIPT_CHAR.search(text) is None:  # (folded: no Latin accents)
            # only ASCII words (and emoji, quotes ...): bytes.translate and split, at C speed
            ascii_words = set(text.encode("ascii", "replace").translate(_ASCII_LETTERS).split())
            hits = [self._ascii_words.get(word) for word in ascii_words]
        else:
            hits = [self._words.get(word) for word in set(_WORD.findall(text))]
        votes = dict.fromkeys(self.codes, 0)
        for codes in hits:
            if codes is not None:
                for code in codes:
                    votes[code] += 1
        return votes, len(hits)

    def second(self, text: str, first: str) -> str | None:
        """Another lexicon to read a mixed message with ("FEVER FOR 3 WEEKS, у меня болит под
        коленом"): the one with most common words after `first`, when it has two or more."""
        return self._second(self.votes(text)[0], first)

    @staticmethod
    def _second(votes: Mapping[str, int], first: str) -> str | None:
        others = {code: n for code, n in votes.items() if code != first}
        code = max(others, key=others.__getitem__, default=None)
        return code if code is not None and others[code] >= _MIXED else None

    def _by_script(self, text: str) -> str | None:
        """A lexicon of another script when most letters are of it and a word of three of its
        letters is there ("стопа холодная и бледная"), unless CLD2 reliably says another
        language of that script (Ukrainian, Bulgarian ...)."""
        if text.isascii() or not self._scripts:
            return None
        folded = self._folded(text[:MAX_CHARS])
        for code, word, script in self._scripts:
            if word.search(folded) is None:
                continue
            letters = len(_LETTER.findall(folded))
            if len(script.findall(folded)) * 2 <= letters:
                continue
            found, reliable = detect(text[:MAX_CHARS])
            return None if reliable and found != code else code
        return None

    def choose(self, text: str, hint: str | None = None) -> str:
        """The code of the lexicon that should read `text` (see the module's docstring)."""
        return self.choose_both(text, hint)[0]

    def choose_both(self, text: str, hint: str | None = None) -> tuple[str, str | None]:
        """The lexicon that should read `text`, and another for a mixed message (`second`)."""
        votes, count = self.votes(text)
        first = self._choose(text, hint, votes, count)
        return first, self._second(votes, first)

    def _choose(self, text: str, hint: str | None, votes: dict[str, int], count: int) -> str:
        default = self.default
        top = max(votes.values())
        hinted = base_language(hint)
        if top == 0:  # no common word: the script, or the sender's language if a lexicon reads it
            return self._by_script(text) or (
                hinted if hinted is not None and hinted in votes else default
            )
        if votes[default] == top and list(votes.values()).count(top) == 1:
            return default  # the common words say English: no detector needed
        code, reliable = detect(text[:MAX_CHARS])
        if reliable and code in votes:
            return code
        if reliable and top * 2 < count:  # another language, and few words of any lexicon:
            return default  # the first lexicon tells it is "other"
        tied = [c for c, n in votes.items() if n == top]
        if hinted is not None and hinted in tied:
            return hinted
        return default if default in tied else tied[0]
