"""Finding many patterns in one pass: the first step of reading a message.

Running some hundred patterns over a 4,096-character message would cost a pass each. Instead a
pattern is tried, with `match`, only where a word starts with one of the beginnings its matches
can have. Those beginnings (up to six characters) are worked out once per pattern from the
parsed regex (`word_starts_of`), and all of them go into one Aho-Corasick automaton
(pyahocorasick, written in C), which finds every place they occur at a word start in one pass
over the text, in any script. A pattern whose beginnings cannot be worked out is scanned the
ordinary way. Patterns have names, and results are looked up by name.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

import ahocorasick

__all__ = ["Scanner", "at_word_start", "scan_plainly", "word_starts_of"]

_MAX_STARTS = 4000
_START_LEN = 6
_SRE_PARSE: Any = importlib.import_module("re._parser")  # the standard library's regex parser


def _charset(items: Sequence[tuple[object, object]]) -> set[str] | None:
    chars: set[str] = set()
    for op, value in items:
        name = str(op)
        if name == "LITERAL" and isinstance(value, int):
            chars.add(chr(value))
        elif name == "RANGE" and isinstance(value, tuple) and value[1] - value[0] < 64:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        elif name == "CATEGORY" and str(value) == "CATEGORY_DIGIT":
            chars.update("0123456789")
        else:
            return None
    return chars


def _starts(items: Sequence[tuple[object, object]], k: int, depth: int = 0) -> set[str]:
    """Strings of at most `k` characters such that every match of the parsed regex `items`
    begins with one of them. A string shorter than `k` means "then anything": the match can
    end there, or what follows could not be worked out (``\\w*``, or too many strings)."""
    if k == 0 or not items or depth > 40:
        return {""}
    (op, value), rest = items[0], list(items[1:])
    name = str(op)
    firsts: set[str] | None = None
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return _starts(rest, k, depth + 1)
    if name == "LITERAL" and isinstance(value, int):
        firsts = {chr(value)}
    elif name == "IN" and isinstance(value, list):
        firsts = _charset(value)
    elif name == "BRANCH" and isinstance(value, tuple):
        result: set[str] = set()
        for alternative in value[1]:
            result |= _starts([*alternative, *rest], k, depth + 1)
        return result
    elif name in ("SUBPATTERN", "ATOMIC_GROUP") and isinstance(value, tuple):
        return _starts([*value[-1], *rest], k, depth + 1)
    elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and isinstance(value, tuple):
        low, high, body = value
        result = _starts(rest, k, depth + 1) if low == 0 else set()
        if high != 0:
            again = [(op, (max(low - 1, 0), high - 1, body))] if high != 1 else []
            result |= _starts([*body, *again, *rest], k, depth + 1)
        return result
    if firsts is None:
        return {""}
    after = _starts(rest, k - 1, depth + 1)
    if len(firsts) * len(after) > _MAX_STARTS:
        return firsts
    return {c + tail for c in firsts for tail in after}


def word_starts_of(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The first (up to six) characters a whole-word match of `pattern` can begin with; None
    when that cannot be worked out (the pattern is then scanned the ordinary way)."""
    try:
        starts = _starts(list(_SRE_PARSE.parse(pattern.pattern, pattern.flags)), _START_LEN)
    except (TypeError, ValueError, re.error):
        return None
    if "" in starts:
        return None
    return frozenset(s for s in starts if s[0].isalnum() or s[0] == "_")


_POSITION = itemgetter(0)


class Scanner:
    """Finds the matches of named patterns in one pass over a normalised message.

    The result is what ``finditer`` would find for each pattern at word starts: in order, not
    overlapping. Patterns given as `later` are matched against another text (the message with
    the phrases already read blanked out, see `knowledge.freetext.context`): `scan` notes where
    to try them, and `scan_later` tries them there.
    """

    def __init__(
        self, patterns: Mapping[str, re.Pattern[str]], later: Mapping[str, re.Pattern[str]] = {}
    ) -> None:
        self.names = (*patterns, *later)
        self.patterns = (*patterns.values(), *later.values())
        self._match = tuple(pattern.match for pattern in self.patterns)
        self._first_later = len(patterns)
        self._unindexed: list[int] = []
        starts: dict[str, list[int]] = {}
        for number, pattern in enumerate(self.patterns):
            found = word_starts_of(pattern)
            if found is None:
                self._unindexed.append(number)
                continue
            for start in sorted(found):  # prefix-free: "pain" makes "pains " redundant
                if not any(start.startswith(s) for s in found if s != start):
                    starts.setdefault(start, []).append(number)
        self._automaton = ahocorasick.Automaton()
        for start, numbers in starts.items():  # " calf": found only where a word starts
            self._automaton.add_word(" " + start, (len(start), tuple(sorted(numbers))))
        self._automaton.make_automaton()

    def _candidates(self, norm: str) -> list[tuple[int, tuple[int, ...]]]:
        """(word start, pattern numbers) for every beginning found at a word start, in order."""
        found = [(end - back, numbers) for end, (back, numbers) in self._automaton.iter(" " + norm)]
        found.sort(key=_POSITION)  # stable: one beginning per pattern and place, so this is enough
        return found

    def scan(self, norm: str) -> tuple[dict[str, list[re.Match[str]]], list[tuple[int, int]]]:
        """The matches of every pattern at the word starts of `norm`, by name, and where to try
        the `later` patterns (for `scan_later`).

        `norm` must be normalised: words one space apart, punctuation against the word before.
        """
        matchers, first_later = self._match, self._first_later
        found: list[list[re.Match[str]]] = [[] for _ in range(first_later)]
        later: list[tuple[int, int]] = []
        ends = [0] * first_later
        for pos, numbers in self._candidates(norm) if norm else ():
            for number in numbers:  # each pattern's beginnings are prefix-free: one per place
                if number >= first_later:
                    later.append((pos, number))
                elif pos >= ends[number]:
                    match = matchers[number](norm, pos)
                    if match is not None:
                        found[number].append(match)
                        end = match.end()
                        ends[number] = end if end > pos else pos + 1
        for number in self._unindexed:
            if number < first_later:
                found[number] = scan_plainly(self.patterns[number], norm)
        return dict(zip(self.names[:first_later], found, strict=True)), later

    def scan_later(
        self, later: Sequence[tuple[int, int]], text: str
    ) -> dict[str, list[re.Match[str]]]:
        """The matches of the `later` patterns in `text`, by name, tried where `scan` noted."""
        patterns, matchers, first_later = self.patterns, self._match, self._first_later
        found: list[list[re.Match[str]]] = [[] for _ in range(len(patterns) - first_later)]
        ends = [0] * len(patterns)
        for pos, number in later:
            if pos >= ends[number]:
                match = matchers[number](text, pos)
                if match is not None:
                    found[number - first_later].append(match)
                    end = match.end()
                    ends[number] = end if end > pos else pos + 1
        for number in self._unindexed:
            if number >= first_later:
                found[number - first_later] = scan_plainly(patterns[number], text)
        return dict(zip(self.names[first_later:], found, strict=True))


def scan_plainly(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """What `_Scanner` finds, the slow way: every match of `pattern` that starts a word."""
    return [m for m in pattern.finditer(text) if at_word_start(text, m.start())]


def at_word_start(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_")
