"""Context: how each phrase in a message is meant, after ConText (negated, possible, hypothetical,
historical, resolved, about someone else or nobody at all).

A message is split into full sentences (``. ! ? ;`` and new lines), sentences (also before
"but", "however" ...) and clauses (commas, colons, "and", "so", "because" ...). The lexicon's
cues are found once, in the message with the phrases already read blanked out (so that the
"not" of "will not straighten" is not taken for a negation), and `Context.judge` applies them
to each occurrence of a finding: how far each category reaches is written in
`knowledge.freetext.lexicon.CUE_CATEGORIES`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from knowledge.freetext.lexicon import CUE_CATEGORIES
from knowledge.freetext.reading import Status

__all__ = [
    "ANSWERED_WORDS",
    "NEGATION_WINDOW",
    "RECENT_ONLY",
    "Context",
    "ContextPatterns",
    "Occurrence",
    "bisect_starts",
    "clauses_of",
    "spans_between",
]

NEGATION_WINDOW = 40
"""Characters: a negation reaches about five words ahead, within its clause."""
ANSWERED_WORDS = 4
"""At most this many words in a sign asked and answered ("chest pain? nah"), not a story."""
RECENT_ONLY = frozenset({"recent_surgery", "long_travel_or_immobile", "pregnant_or_postpartum"})
"""Risk factors that count only when recent: "years ago" in their sentence rules them out."""
_CATEGORIES: tuple[str, ...] = CUE_CATEGORIES
_NONE: list[tuple[int, int]] = []  # a category the lexicon has no cues of: never changed
_FULL_STOP = re.compile(r"[.!?;\n]+")
_CLAUSE_MARKS = re.compile(r"[,:]")


@dataclass(slots=True)  # not frozen: a frozen dataclass is slower to make, and many are made
class Occurrence:
    """A finding read at [start, end) of the normalised text; an `event` is true in the past
    tense too; a `hint` is only ever unsure."""

    finding: str
    start: int
    end: int
    event: bool = False
    hint: bool = False


@dataclass(frozen=True, slots=True)
class ContextPatterns:
    """The lexicon's patterns that `Context` needs, compiled."""

    anchor_start: re.Pattern[str]
    wh_question: re.Pattern[str]
    asking: re.Pattern[str]
    personal: re.Pattern[str]
    first_person: re.Pattern[str]
    generic_subject: re.Pattern[str]
    prevention: re.Pattern[str]
    answer_no: re.Pattern[str]


class Context:
    """Where sentences and clauses start and where each category of cue occurs, found once."""

    def __init__(
        self,
        norm: str,
        cues: Mapping[str, Sequence[re.Match[str]]],
        sentence_words: Sequence[re.Match[str]],
        clause_words: Sequence[re.Match[str]],
        patterns: ContextPatterns,
    ) -> None:
        self.norm = norm
        self._rx = patterns
        stops = [m.span() for m in _FULL_STOP.finditer(norm)]
        self.stops = stops
        self._about_nobody: dict[tuple[int, int], bool] = {}  # per full sentence, found once
        self.full_sentences = spans_between(len(norm), stops)
        self.sentences = spans_between(
            len(norm), sorted(stops + [m.span() for m in sentence_words])
        )
        marks = [m.span() for m in _CLAUSE_MARKS.finditer(norm)]
        self.clauses = clauses_of(self.sentences, sorted(marks + [m.span() for m in clause_words]))
        self.cues: dict[str, list[tuple[int, int]]] = dict.fromkeys(_CATEGORIES, _NONE)
        for category, matches in cues.items():
            self.cues[category] = [(m.start(), m.end()) for m in matches]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        spans = self.sentences  # the last span starting at or before pos, written out: hot path
        i = bisect_left(spans, (pos + 1, -1)) - 1
        return spans[i] if i > 0 else spans[0]

    def clause_of(self, pos: int) -> tuple[int, int]:
        spans = self.clauses
        i = bisect_left(spans, (pos + 1, -1)) - 1
        return spans[i] if i > 0 else spans[0]

    def full_sentence_of(self, pos: int) -> tuple[int, int]:
        spans = self.full_sentences
        i = bisect_left(spans, (pos + 1, -1)) - 1
        return spans[i] if i > 0 else spans[0]

    def any_in(self, cue: str, start: int, end: int) -> bool:
        """True when a `cue` starts at or after `start` and before `end`."""
        positions = self.cues[cue]
        i = bisect_left(positions, (start, -1))
        return i < len(positions) and positions[i][0] < end

    def first_in(self, cue: str, start: int, end: int) -> int | None:
        positions = self.cues[cue]
        i = bisect_left(positions, (start, -1))
        return positions[i][0] if i < len(positions) and positions[i][0] < end else None

    def negated_clause(self, clause: tuple[int, int]) -> bool:
        """A clause is negated at its end when it holds a negation cue."""
        return self.any_in("negated", clause[0], clause[1])

    def judge(self, occ: Occurrence) -> Status:
        """How an occurrence is meant: yes, negated, resolved (over), unsure or hypothetical."""
        clause = self.clause_of(occ.start)
        sentence = self.sentence_of(occ.start)
        window = occ.start - NEGATION_WINDOW
        if window < clause[0]:
            window = clause[0]
        if (
            self.any_in("negated", window, occ.start)
            or self._inherits_negation(clause, sentence)
            or self.any_in("negated_after", occ.end, clause[1])
        ):
            return "negated"
        full = self.full_sentence_of(occ.start)
        about_nobody = self._about_nobody.get(full)
        if about_nobody is None:
            about_nobody = self._about_nobody[full] = self._answered_no(full) or (
                self._generic_question(full)
            )
        if about_nobody:
            # "chest pain? nah, just stress" is negated; "can a clot kill you?" is about nobody
            return "negated" if self._answered_no(full) else "generic"
        if occ.hint and self.any_in("cleared", full[0], full[1]):
            return "resolved"  # "worried about a DVT, but the scan was clear"
        if occ.hint and self._prevention(full):
            return "generic"  # "how do I avoid a DVT on the flight?": a worry, not a sign
        if self.any_in("hypothetical", sentence[0], occ.start) or (
            occ.event and self.any_in("future", sentence[0], sentence[1])
        ):
            return "hypothetical"
        if occ.finding in RECENT_ONLY and self.any_in("remote", full[0], full[1]):
            return "resolved"  # an operation or a flight years ago is not a clot risk now
        hedged = self.any_in("possible", clause[0], clause[1])
        if occ.event:
            return "unsure" if hedged else "yes"
        resolved_at = self.first_in("resolved", occ.end, full[1])
        if resolved_at is not None and not self.any_in("now", occ.end, resolved_at):
            return "resolved"
        if self.any_in("remote", clause[0], clause[1]):
            return "resolved"  # "last year I couldn't walk for a week"
        if hedged or occ.hint:
            return "unsure"
        past = self.any_in("historical", clause[0], clause[1]) and not (
            self.any_in("present", clause[0], clause[1])
        )
        return "unsure" if past else "yes"

    def _answered_no(self, full: tuple[int, int]) -> bool:
        """A bare sign the person answers "no" to at once ("Fever? No.", "chest pain? nah just
        stress"). Read the same whatever the mark between them, so punctuation never matters."""
        if self.norm.count(" ", full[0], full[1]) > ANSWERED_WORDS:
            return False
        i = bisect_starts(self.stops, full[1])
        if i >= len(self.stops) or self.stops[i][0] != full[1]:
            return False
        return bool(self._rx.answer_no.match(self.norm, self.stops[i][1]))

    def _generic_question(self, full: tuple[int, int]) -> bool:
        """A question about a condition, with nobody in it ("can a clot kill you?")."""
        start, end = full
        rx = self._rx
        if not (
            rx.wh_question.match(self.norm, start, end) or rx.asking.match(self.norm, start, end)
        ):
            return False
        if rx.first_person.search(self.norm, start, end):
            return False  # "how do I ...": about the writer
        return rx.personal.search(self.norm, start, end) is None or bool(
            rx.generic_subject.search(self.norm, start, end)  # "people ... their legs"
        )

    def _prevention(self, full: tuple[int, int]) -> bool:
        """How to avoid or prevent something: it is not there now."""
        return self._rx.prevention.search(self.norm, full[0], full[1]) is not None

    def _inherits_negation(self, clause: tuple[int, int], sentence: tuple[int, int]) -> bool:
        """ "no swelling, redness or heat": a list after a negation stays negated."""
        index = bisect_left(self.clauses, clause)
        while index > 0:
            if self.any_in("anchor", clause[0], clause[1]) or self._rx.anchor_start.match(
                self.norm, clause[0], clause[1]
            ):
                return False
            previous = self.clauses[index - 1]
            if previous[0] < sentence[0]:
                return False
            if self.negated_clause(previous):
                return True
            clause, index = previous, index - 1
        return False


def spans_between(length: int, splits: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of a text of `length` characters between its `splits` (sorted spans, not
    overlapping); the whole text when there are none."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for split_start, split_end in splits:
        if split_start > pos:
            spans.append((pos, split_start))
        pos = split_end
    if pos < length:
        spans.append((pos, length))
    return spans or [(0, length)]


def clauses_of(
    sentences: Sequence[tuple[int, int]], splits: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Every sentence split into clauses at the `splits` (sorted spans) inside it; a sentence
    with nothing but splits is one clause."""
    clauses: list[tuple[int, int]] = []
    i, count = 0, len(splits)
    for start, end in sentences:
        while i < count and splits[i][0] < start:
            i += 1
        pos, first = start, len(clauses)
        while i < count and splits[i][1] <= end:
            split_start, split_end = splits[i]
            if split_start > pos:
                clauses.append((pos, split_start))
            pos = split_end
            i += 1
        if pos < end:
            clauses.append((pos, end))
        if len(clauses) == first:
            clauses.append((start, end))
    return clauses


def bisect_starts(spans: Sequence[tuple[int, int]], pos: int) -> int:
    """The index of the first span that starts at or after `pos`."""
    return bisect_left(spans, (pos, -1))
