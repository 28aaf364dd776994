"""Read what people type: a free-text message in, findings, a tier and topics out.

`interpret(text)` turns a message such as "my calf is swollen and hot and I can't catch my
breath" into findings from `knowledge.findings` and asks `knowledge.triage.assess` what they
mean, so typed messages go through the same rules as the quiz and the check-in. It is pure and
deterministic: no network, no language model, no state, and nothing is stored or logged.

How a message is read
---------------------
1. **Normalise**: Unicode NFKC and casefold; curly quotes and apostrophes folded and then
   dropped and contractions spelled out ("can't" -> "cannot"); emoji and symbols become spaces;
   letters repeated three or more times are cut to two ("swolllen" -> "swollen"); a kept list
   of common misspellings and text-speak is rewritten to the canonical word ("claf" -> "calf",
   "brething" -> "breathing", "w/o" -> "without", "yday" -> "yesterday").
2. **Split** into sentences (``. ! ? ;``, new lines, "but", "however") and each sentence into
   clauses (commas, "and", "so", "because", "now" ...).
3. **Find** phrases: each finding has patterns (everyday words, British and American ones:
   "calf", "back of my leg", "shin", "A&E", "ER"); descriptors such as "swollen", "hot" or
   "numb" are attached to the nearest body part ("calf is swollen" -> ``calf_swollen``, "knee is
   swollen and hot" -> ``knee_hot_red_swollen``).
4. **Judge** every occurrence in its context:
   - negated ("no swelling", "not red", "without any fever", "no swelling, redness or heat"):
     dropped;
   - resolved ("had a cramp last night, gone now", "the swelling went down"): dropped;
   - hedged, hypothetical or in the past without being resolved ("maybe a bit swollen?",
     "what if my calf swells", "my leg was numb yesterday"): a warning sign becomes
     ``unsure:<id>``, so the bot asks "Do any of these apply right now?" instead of guessing
     either way. Non-warning findings in such a context are simply dropped.
5. **Assess**: when the message names a symptom, `assess(findings)` gives the tier and topics;
   a message that names none ("hi", "thanks", "what is a Baker's cyst?") has tier ``None`` and
   only the topics it names.

Misspellings: a kept list, not fuzzy matching
---------------------------------------------
Fuzzy matching (every word within edit distance 1 of a symptom word is corrected to it, which is
what `rapidfuzz` would be used for) was measured on the test corpus with
``python -m tests.freetext_figures --fuzzy``. It turns everyday words into symptom words: "not"
-> "hot", "could" -> "cold", "never" -> "fever", "week" -> "weak", "feel" -> "feet", "bed" ->
"red", "half" -> "calf", "limp" -> "lump". Over-triage rose from 1.6% to 17.1%, warning-sign
recall fell to 97.3% (a negation read as a sign), and emergency exactness to 98.2%. A kept list
of the misspellings people actually make (`_SPELLING`) is exact, explainable, and costs one
dictionary lookup per word, so that is what is used. Add a misspelling to it when you meet one.

Speed
-----
Every pattern is compiled once, at import, and the gaps inside patterns are bounded
(``(?: \\w+){0,3}``), so there is no catastrophic backtracking. A message is read in one pass
over its words (`_Scanner`): the first six characters a match of each pattern can begin with are
worked out from the parsed regex once, and a word is looked up by its first three (and next
three) characters to find the few patterns worth trying there. Sentences and clauses come from
the same pass ("but", "and" ...) and one search for full stops and commas; the negation, doubt
and past-tense cues are tried where that pass noted them. Normalising uses plain string methods
where a regex pass over the whole message would cost more. No result is cached: the text is read
afresh every time and nothing of it is kept. ``python -m bench.freetext`` prints the figures
(``--compare-ref REV`` against an older version), and ``tests/test_freetext_golden.py`` checks
that some three thousand messages are still read exactly as before.

Nothing here imports `telegram`. The text is never stored: a `Reading` keeps finding ids and
character spans of the normalised text only.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
import zlib
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from operator import itemgetter
from types import MappingProxyType
from typing import Any, Literal

import ahocorasick

from knowledge.findings import CLOT_RISK_FACTORS, FINDINGS, WARNING_SIGNS, unsure
from knowledge.triage import Tier, assess

__all__ = [
    "SIGN_LABELS",
    "Evidence",
    "Language",
    "Reading",
    "Status",
    "decode_findings",
    "encode_findings",
    "interpret",
    "normalise",
]

Status = Literal["yes", "negated", "resolved", "unsure", "hypothetical", "generic"]
Language = Literal["en", "other"]

SIGN_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "breathless": "Short of breath",
        "chest_pain": "Chest pain or tightness",
        "coughing_blood": "Coughing up blood",
        "foot_cold_pale": "Foot cold, pale or blue",
        "leg_numb_weak": "Leg or foot numb or weak",
        "calf_swollen": "Calf or leg swollen",
        "calf_warm_red": "Calf warm, red or darker",
        "calf_pain_one_leg": "Calf pain that won't go",
        "veins_hard_sore": "Hard, sore veins",
        "cant_bear_weight": "Can't put weight on it",
        "severe_pain": "Pain too bad to use the leg",
        "knee_locked": "Knee stuck, won't straighten",
        "pop_then_swelling": "A pop, then swelling",
        "knee_deformed": "Knee looks out of shape",
        "knee_hot_red_swollen": "Knee hot, red and swollen",
        "fever_unwell": "Fever, shivery or very unwell",
        "knee_very_swollen": "Knee very swollen",
    }
)
"""A short button label (under 30 characters) for every warning sign."""

MAX_CHARS = 4096
"""Telegram's limit for one message; longer input is cut to it before reading."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """One phrase that was read: which finding it points to, how it was judged, and where.

    `start` and `end` index the *normalised* text (see `normalise`), never the original.
    """

    finding: str
    status: Status
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Reading:
    """What a message says, in findings, and what the rules make of it.

    `findings`: finding ids (``unsure:<id>`` for a warning sign hinted at but uncertain).
    `tier`: the tier from `assess`, or None when no symptom is named.
    `topics`: topic keys, most relevant first.
    `evidence`: the phrases read, with their judgement (negated and resolved ones included),
    up to the first one that made each finding certain.
    `needs_check`: a warning sign is uncertain, or the person asks whether to go to A&E or
    the ER: the bot should ask "Do any of these apply right now?".
    `language`: "other" when the message looks like it is not written in English.
    `named_topics`: topics the message asks about by name ("Baker's cyst", "stretches").
    """

    findings: frozenset[str]
    tier: Tier | None
    topics: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()
    needs_check: bool = False
    language: Language = "en"
    named_topics: tuple[str, ...] = ()
    rules: tuple[str, ...] = field(default=())

    @property
    def warning_signs(self) -> frozenset[str]:
        """The warning signs read for certain."""
        return self.findings & WARNING_SIGNS

    @property
    def unsure_signs(self) -> frozenset[str]:
        """The warning signs read as uncertain (without the ``unsure:`` prefix)."""
        prefix = "unsure:"
        return frozenset(f[len(prefix) :] for f in self.findings if f.startswith(prefix))


# --------------------------------------------------------------------------------------------
# Normalising
# --------------------------------------------------------------------------------------------

_APOSTROPHES = "\u2018\u2019\u201a\u201b\u2032\u00b4`\u02bc"
# (needles, pattern, replacement): the pattern runs only when one of the needles is in the text.
_BEFORE_PUNCT: tuple[tuple[tuple[str, ...], re.Pattern[str], str], ...] = tuple(
    (needles, re.compile(p), r)
    for needles, p, r in (
        (("w/",), r"\bw/o\b", " without "),
        (("w/",), r"\bw/", " with "),
        (("&", " and e", " n e"), r"\ba\s*(?:&|and|n)\s*e\b", " ae "),
        # "can(?<=\bcan)" is "\bcan", written so that the regex engine can look for "can" fast
        (("can",), r"can(?<=\bcan)\s+not\b", "cannot"),
        (("sob", "s.o.b"), r"s(?<=\bs)\.?o\.?b\b", " short of breath "),
        (("/",), r"(\d)\s*/\s*10\b", r"\1 out of 10"),
        (tuple("0123456789"), r"(\d)[.,](\d)", r"\1_\2"),  # 38.5 stays one word: dots split
        (("..",), r"\.{2,}", ". "),
        (("🤒", "🤧"), r"[🤒🤧]", " fever "),
        (("🥶",), r"[🥶]", " cold "),
    )
)


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
    """Each accented Latin letter -> its plain letters ("á" -> "a", "ç" -> "c"): accents are
    folded for matching only in Latin script; "й" and "ё" keep theirs, as they are letters."""
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
_LATIN_FOLD = _latin_fold_table()
_LATIN_MARKS = re.compile(r"(?<=[a-z])[\u0300-\u036f]+")  # a loose accent after a plain letter
_ACCENTED = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]")
_NOT_ASCII_WORD = re.compile(r"[^a-z0-9_.,!?;:\n ]+")  # the same as _NOT_WORD, for ASCII text

# Misspellings and text-speak people actually type -> the word the patterns know.
_SPELLING: dict[str, str] = {
    # body parts
    "claf": "calf", "cafl": "calf", "caf": "calf", "clf": "calf", "calfe": "calf",
    "calfs": "calves", "kalf": "calf",
    "kne": "knee", "knie": "knee", "kee": "knee", "kneee": "knee", "knnee": "knee",
    "knne": "knee", "kneww": "knee", "knees": "knees", "kness": "knees", "nee": "knee",
    "kneecaps": "kneecap", "kneacap": "kneecap", "kneecape": "kneecap",
    "thight": "thigh", "ankel": "ankle", "anckle": "ankle",
    "hamstrin": "hamstring", "hammie": "hammy", "legg": "leg",
    "fot": "foot", "fooot": "foot",
    # swelling and colour
    "swolen": "swollen", "swolled": "swollen", "swollon": "swollen", "sollen": "swollen",
    "swolln": "swollen", "swallen": "swollen", "swoll": "swollen", "swolenn": "swollen",
    "swollan": "swollen", "swelled": "swelled", "sweling": "swelling",
    "swellin": "swelling", "swelin": "swelling", "swellling": "swelling",
    "sweeling": "swelling", "swolllen": "swollen", "swoolen": "swollen",
    "puffey": "puffy", "redd": "red", "redish": "reddish", "pail": "pale",
    "wite": "white", "whit": "white", "numbe": "numb", "numm": "numb", "num": "numb",
    "numbb": "numb", "tingeling": "tingling", "tinglin": "tingling", "tinglng": "tingling",
    "tingly": "tingling",
    # pain
    "pian": "pain", "pane": "pain", "painn": "pain", "hurst": "hurts", "hutrs": "hurts",
    "hurtz": "hurts", "hrts": "hurts", "hurtin": "hurting", "hurtss": "hurts",
    "achey": "achy", "akes": "aches", "acheing": "aching", "throbing": "throbbing",
    "throbin": "throbbing", "cramo": "cramp", "crmp": "cramp", "cramps": "cramps",
    "krampf": "cramp", "crampin": "cramping", "agonising": "agonising",
    "excrutiating": "excruciating", "excruciatin": "excruciating",
    "unbearible": "unbearable", "severly": "severely", "sever": "severe",
    # breathing, chest, blood
    "brething": "breathing", "breating": "breathing", "breathin": "breathing",
    "breahting": "breathing", "breth": "breath", "breathe": "breathe",
    "brethe": "breathe", "breathles": "breathless", "chesst": "chest", "chset": "chest",
    "blod": "blood", "bloood": "blood", "coughin": "coughing", "cofing": "coughing",
    "coughig": "coughing", "cauching": "coughing", "caughing": "coughing",
    "coff": "cough", "couging": "coughing",
    # fever
    "feaver": "fever", "fevor": "fever", "fevar": "fever", "feever": "fever",
    "temprature": "temperature", "tempreture": "temperature", "temperture": "temperature",
    "tempature": "temperature", "shivvery": "shivery", "shivry": "shivery",
    # knee problems
    "straigten": "straighten", "straiten": "straighten", "straighen": "straighten",
    "stright": "straight", "strait": "straight", "lokced": "locked", "lockd": "locked",
    "loked": "locked", "bakers": "bakers", "backers": "bakers", "bakker": "bakers",
    "baker": "bakers", "sist": "cyst", "cist": "cyst", "cysts": "cyst",
    "menicus": "meniscus", "miniscus": "meniscus", "menisus": "meniscus",
    "arthritus": "arthritis", "arthritis": "arthritis", "artritis": "arthritis",
    # walking, weight
    "walkin": "walking", "wlak": "walk", "wieght": "weight", "wight": "weight",
    "waight": "weight", "standin": "standing",
    # risk factors
    "pregnat": "pregnant", "pregant": "pregnant", "pregnent": "pregnant",
    "preggers": "pregnant", "preggo": "pregnant", "prego": "pregnant",
    "surgey": "surgery", "sugery": "surgery", "surgary": "surgery", "surgury": "surgery",
    "opperation": "operation", "operaton": "operation", "flite": "flight",
    "fligth": "flight", "flght": "flight", "filght": "flight", "longhaul": "long haul",
    "diabetis": "diabetes", "diabeties": "diabetes", "diabetic": "diabetic",
    # text-speak
    "outta": "out of", "u": "you", "ur": "your", "n": "and", "nd": "and", "b4": "before",
    "bc": "because", "becuz": "because", "cuz": "because", "coz": "because",
    "cos": "because", "bcoz": "because", "bcuz": "because", "tho": "though",
    "thru": "through", "nite": "night", "2nite": "tonight",
    "tonite": "tonight", "2day": "today", "tmrw": "tomorrow", "yday": "yesterday",
    "yesterdy": "yesterday", "yestarday": "yesterday", "abit": "a bit", "alot": "a lot",
    "rn": "right now", "atm": "right now", "pls": "please", "plz": "please",
    "wat": "what", "wut": "what", "wot": "what", "whta": "what", "sumthing": "something",
    "smth": "something", "somethin": "something", "im": "i am", "ive": "i have",
    "dont": "do not", "doesnt": "does not",
    "didnt": "did not", "isnt": "is not", "arent": "are not", "wasnt": "was not",
    "werent": "were not", "havent": "have not", "hasnt": "has not", "hadnt": "had not",
    "cant": "cannot", "cannot": "cannot", "couldnt": "could not", "wont": "will not",
    "wouldnt": "would not", "shouldnt": "should not", "aint": "is not", "dunno": "do not know",
    "idk": "i do not know", "ngl": "honestly", "tbh": "honestly", "dnt": "do not",
    "cnt": "cannot", "cant't": "cannot", "kinda": "kind of", "sorta": "sort of",
    "gonna": "going to", "wanna": "want to", "gotta": "have to", "v": "very",
    "rly": "really", "realy": "really", "reall": "really", "sooo": "so", "soo": "so",
    "vry": "very", "verry": "very", "wen": "when", "wel": "well", "nw": "now",
    "jus": "just", "jst": "just", "nothin": "nothing", "anythin": "anything",
    "sth": "something", "thx": "thanks", "ty": "thanks", "tx": "thanks",
}  # fmt: skip
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_PUNCT = ".,!?;:\n"


def normalise(text: str) -> str:
    """The text as the patterns read it: lower case, canonical spellings, and the letters of
    every script kept (accents on Latin letters folded: "detrás" -> "detras"; Cyrillic, Greek,
    Devanagari ... as they are, with their combining marks).

    Words are separated by one space; punctuation (``. , ! ? ; :`` and new lines) follows the
    word before it without a space. Plain string methods do most of the work, because they
    run at C speed: a regex pass over 4096 characters costs as much as reading the message.
    """
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS]).casefold()
    if not text.isascii() and _ACCENTED.search(text):  # a C-speed look before the slow fold
        text = _LATIN_MARKS.sub("", text.translate(_LATIN_FOLD))
    for apostrophe in _APOSTROPHES if "`" in text or not text.isascii() else ():
        if apostrophe in text:
            text = text.replace(apostrophe, "'")
    for needles, pattern, replacement in _BEFORE_PUNCT:
        if any(needle in text for needle in needles):
            text = pattern.sub(replacement, text)
    text = text.replace("'", "").replace("-", " ")
    for letter in _LETTERS:  # a letter three or more times in a row: twice ("sooo" -> "soo")
        triple = letter * 3
        while triple in text:
            text = text.replace(triple, letter * 2)
    text = (_NOT_ASCII_WORD if text.isascii() else _NOT_WORD).sub(" ", text)
    for mark in _PUNCT:  # punctuation apart from words, so that words can be looked up
        if mark in text:
            text = text.replace(mark, f" {mark} ")
    spelling = _SPELLING.get
    text = " ".join([spelling(word, word) for word in text.split(" ") if word])
    for mark in _PUNCT:  # and back against the word before it
        text = text.replace(f" {mark}", mark)
    return text.strip()


# --------------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------------


def _rx(*alternatives: str) -> re.Pattern[str]:
    """One compiled pattern matching any alternative as whole words (see `_Scanner`)."""
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


# ---- scanning at word starts only -----------------------------------------------------------
#
# Running some eighty patterns over a 4096-character message would cost a pass each. Instead,
# a pattern is tried, with `match`, only at the word starts its matches can begin with (see
# `_Scanner`). Which characters those are is worked out once per pattern from the parsed regex
# (`_starts`); a pattern whose start cannot be worked out is scanned the ordinary way.

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


def _word_starts_of(pattern: re.Pattern[str]) -> frozenset[str] | None:
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


class _Scanner:
    """Finds the matches of many patterns in one pass over a normalised message.

    The first (up to six) characters a match of each pattern can begin with are worked out once
    (`_word_starts_of`): "calf", "calves" or "lower legs?" begin "calf", "calves", "lower "
    ...; "pain\\w*" begins "pain" and then anything. Those beginnings go into one Aho-Corasick
    automaton (pyahocorasick, written in C), which finds every place where one of them starts
    a word in a single pass over the text, in any script; only the patterns found are tried
    there, with `match`. The result is what ``finditer`` would find for each pattern at word
    starts: in order, not overlapping.

    Patterns given as `later` are matched against another text (the message with the phrases
    already read blanked out, see `_Context`): the same pass notes where to try them, and
    `scan_later` tries them there.
    """

    def __init__(
        self, patterns: Sequence[re.Pattern[str]], later: Sequence[re.Pattern[str]] = ()
    ) -> None:
        self.patterns = (*patterns, *later)
        self._match = tuple(pattern.match for pattern in self.patterns)
        self._first_later = len(patterns)
        self._unindexed: list[int] = []
        starts: dict[str, list[int]] = {}
        for number, pattern in enumerate(self.patterns):
            found = _word_starts_of(pattern)
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

    def scan(self, norm: str) -> tuple[list[list[re.Match[str]]], list[tuple[int, int]]]:
        """The matches of every pattern (in the order given) at the word starts of `norm`, and
        where to try the `later` patterns: (position, pattern number) pairs for `scan_later`.

        `norm` must be normalised (`normalise`): words one space apart, punctuation against
        the word before it.
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
                found[number] = _scan_plainly(self.patterns[number], norm)
        return found, later

    def scan_later(self, later: Sequence[tuple[int, int]], text: str) -> list[list[re.Match[str]]]:
        """The matches of the `later` patterns in `text`, tried where `scan` noted."""
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
                found[number - first_later] = _scan_plainly(patterns[number], text)
        return found


def _scan_plainly(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """What `_Scanner` finds, the slow way: every match of `pattern` that starts a word."""
    return [m for m in pattern.finditer(text) if _at_word_start(text, m.start())]


def _at_word_start(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_")


_GAP = r"(?: \w+){0,3}"  # up to three words in between, bounded: no catastrophic backtracking
_MY = (
    r"(?:(?:my|the|his|her|your|their|our|me|ma|both|left|right|one|mums|moms|mams|dads|sons|"
    r"daughters|nans|grans|grannys|grandmas|grandads|wifes|husbands|partners|kids|babys|"
    r"childs|boyfriends|girlfriends|brothers|sisters|friends) ){0,2}"
)
"""Who the body part belongs to: the writer, or someone they write about ("my nan's calf")."""

# Body parts a descriptor can attach to.
_PART_PATTERNS: dict[str, re.Pattern[str]] = {
    "behind": _rx(
        rf"(?:backs?|bak|behind|rear|hollow|crook|pit|bend)(?: of)? {_MY}knees?",
        r"knee ?pits?",
        r"popliteal",
        r"under ?side of " + _MY + r"knees?",
    ),
    "knee": _rx(r"knees?", r"knee ?caps?", r"patella", r"joint"),
    "calf": _rx(
        r"calf",
        r"calves",
        r"calve",
        r"lower legs?",
        r"shins?",
        rf"back of {_MY}(?:lower )?legs?",
        r"ankles?",
        r"achilles",
        r"gastroc\w*",
    ),
    "leg": _rx(r"legs?", r"thighs?", r"hamstrings?", r"hamm(?:y|ies)", r"limb"),
    "foot": _rx(r"foot", r"foots", r"feet", r"toes?", r"soles?", r"heels?"),
    "lump": _rx(r"lumps?", r"bumps?", r"cysts?", r"bulges?", r"bulging", r"mass", r"ball"),
}
_PART_PRIORITY = ("behind", "lump", "calf", "foot", "knee", "leg")

# Descriptors that say something about the nearest body part.
_DESCRIPTOR_PATTERNS: dict[str, re.Pattern[str]] = {
    "swell": _rx(
        r"swell\w*",
        r"swollen",
        r"swole",
        r"puff(?:y|ier|iest|iness)",
        r"puff(?:ed|s|ing) up",
        r"bloated",
        r"balloon\w*",
        r"fat",
        r"fatter",
        r"thicker",
        r"enlarged",
        r"oedema",
        r"edema",
        r"fluid",
        r"blown up",
        r"blew up",
        r"twice the size",
        r"double the size",
        r"(?:bigger|larger|wider|chunkier|puffier) than (?:the |my )?(?:other|left|right)",
        r"shiny",
    ),
    "hot": _rx(r"hot", r"warm", r"warmer", r"warmth", r"burning hot", r"boiling"),
    "red": _rx(
        r"red",
        r"redness",
        r"reddish",
        r"redder",
        r"darker",
        r"purple\w*",
        r"discolou?r\w*",
        r"blotchy",
        r"flushed",
        r"inflamed",
    ),
    "cold": _rx(
        r"cold",
        r"colder",
        r"cooler",
        r"cool to (?:the )?touch",
        r"icy",
        r"ice cold",
        r"stone cold",
        r"like ice",
        r"freezing",
        r"chilly",
        r"frozen",
    ),
    "pale": _rx(
        r"pale",
        r"white",
        r"blue",
        r"bluish",
        r"grey",
        r"gray",
        r"mottled",
        r"marbl\w*",
        r"blotch\w*",
        r"waxy",
        r"dusky",
        r"colou?rless",
        r"lost (?:its |all )?colou?r",
        r"no (?:colou?r|pulse)",
        r"pulseless",
        r"cannot feel (?:a |the |my )?pulse",
    ),
    "numb": _rx(
        r"numb\w*",
        r"pins and needles",
        r"pins needles",
        r"tingl\w*",
        r"cannot feel",
        r"could not feel",
        r"no feeling",
        r"lost (?:the )?(?:feeling|sensation)",
        r"went dead",
        r"feel(?:s|ing)? (?:\w+ ){0,2}dead",
        r"(?:gone|went|fallen|falls?|fell) (?:to )?(?:sleep|asleep)",
        r"asleep",
        r"static",
        r"(?:cannot|could not) (?:really |properly |quite )?feel",
        r"belongs? to someone else",
        r"gone dead",
        r"dead leg",
        r"fallen asleep",
        r"went to sleep",
    ),
    "weak": _rx(
        r"weak\w*",
        r"flop\w*",
        r"foot drop",
        r"dragging",
        r"drags",
        r"scrap\w* (?:the |along the )?(?:floor|ground)",
    ),
    "pain": _rx(
        r"pain\w*",
        r"hurt\w*",
        r"ache\w*",
        r"aching",
        r"achy",
        r"sore\w*",
        r"tender\w*",
        r"throb\w*",
        r"twinge\w*",
        r"stabbing",
        r"sharp",
        r"burn\w*",
        r"agon\w*",
        r"killing (?:me|her|him|them)",
        r"hates me",
        r"(?:playing|acting) up",
        r"giving (?:me |her |him )?(?:grief|gyp|jip|hell)",
        r"murder\w*",
        r"discomfort",
        r"niggl\w*",
        r"twang\w*",
        r"pulled",
        r"pulling",
        r"strain\w*",
        r"sprain\w*",
        r"tight\w*",
        r"stiff\w*",
        r"cramp\w*",
        r"ouch",
        r"ow+",
    ),
}
_PERSISTENT = _rx(
    r"throb\w*",
    r"puls\w*",
    r"pounding",
    r"constant\w*",
    r"persistent",
    r"all the time",
    r"non ?stop",
    r"will not (?:go away|stop|ease)",
    r"does not (?:go away|stop|ease)",
    r"(?:will|does) not settle",
    r"not settling",
    r"not going away",
    r"is not going away",
    r"has not gone",
    r"keeps hurting",
    r"still (?:hurts|hurting|sore|aching)",
    r"in one leg",
    r"only (?:in )?(?:the |my )?(?:left|right|one)",
)
_VERY = re.compile(
    r"\b(?:very|really|so|super|massively|massive|huge|hugely|extremely|badly|enormous(?:ly)?|"
    r"incredibly|crazy|insanely|seriously|hella|mega)(?: \w+)? (?:swollen|swelled|swell\w*)\b|"
    r"\b(?:balloon\w*|twice the size|double the size|size of a (?:grapefruit|melon|football)|"
    r"huge swelling|massive swelling|lots of swelling|a lot of swelling|blown up|blew up|"
    r"swell\w*(?: up)? like (?:crazy|mad|a balloon)|(?:is|are|looks|gone|went) (?:so |really )?"
    r"(?:huge|massive|enormous)|"
    r"(?:its|it is|thats|that is) (?:so |really )?(?:huge|massive|enormous)|"
    r"(?:like|size of) (?:a |an )?(?:balloon|melon|football|grapefruit|cantaloupe|orange|"
    r"watermelon|tree trunk|elephant\w*|sausage|rugby ball|tennis ball)|"
    r"(?:much|way|loads|a lot|heaps|twice|"
    r"double) (?:fatter|bigger|thicker|wider|larger) than)\b"
)

# Findings read straight from a phrase. Events are true even when told in the past tense.
_PHRASES: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    (
        "breathless",
        _rx(
            r"short(?:ness)? of breath\w*",
            r"out of breath",
            r"breathless\w*",
            r"(?:cannot|could not|struggl\w* to|hard to|difficult to|unable to|trouble|"
            r"difficulty|problems?|struggling|fighting|gasping)(?: to)? "
            r"(?:catch (?:my |his |her |their )?|get (?:my |his |her |their |enough )?|"
            r"take a (?:deep |full |proper )?|"
            r"for )?(?:breath\w*|air)",
            r"catch(?:ing)? (?:my |his |her |their )?breath",
            r"(?:cannot|could not|can barely|can hardly) get (?:my |his |her |their )?breath",
            r"out of puff",
            r"huff\w* and puff\w*",
            r"puff(?:ed|ing)(?! up)(?: out)?(?: \w+){0,3} "
            r"(?:stairs|walking|climbing|going up|like|after|"
            r"when|just)",
            r"panting",
            r"breathing (?:is |feels )?(?:like )?(?:hard work|a struggle|an effort|a chore)",
            r"(?:struggl\w*|fighting) for (?:breath|air)",
            r"breathing (?:is |feels )?(?:hard|difficult|fast|heavy|weird|funny|laboured|labored)",
            r"gasping",
            r"winded",
            r"puffed out",
            r"not getting enough air",
            r"air hunger",
        ),
        False,
    ),
    (
        "chest_pain",
        _rx(
            r"chest(?: \w+){0,3} (?:pains?|hurt\w*|ache\w*|aching|tight\w*|pressure|sore|heavy|"
            r"heaviness|burn\w*|sharp|stabbing|squeez\w*)",
            r"(?:pains?|hurts?|hurting|aches?|tightness|pressure|tight|sore|stabbing|sharp|"
            r"squeezing)(?: \w+){0,3} (?:in|on|across|around|through|of|at) "
            r"(?:my |the |his |her )?chest",
            r"chest pains?",
            r"(?:tight|heavy|sore|painful|crushing) chest",
            r"(?:hurts|painful|pain|sharp|stabbing)(?: \w+){0,2} (?:to|when i|when|if i|as i) "
            r"(?:breathe?|breathing|inhale|breath in|take a (?:deep )?breath)",
            r"pleuritic",
        ),
        False,
    ),
    (
        "coughing_blood",
        _rx(
            r"cough\w*(?: \w+){0,8} (?:blood\w*|red|pink\w*|rust\w*|streak\w*)",
            r"(?:blood|bloody|pink\w*|rust\w*)(?: \w+){0,2} (?:cough\w*|phlegm|spit|sputum|mucus|"
            r"snot|streaks?)",
            r"spit\w* (?:up |out )?blood",
            r"ha?emoptysis",
        ),
        False,
    ),
    (
        "cant_bear_weight",
        _rx(
            r"(?:cannot|could not|unable to|not able to|impossible to|will not|would not|does not)"
            r"(?: \w+){0,2} (?:put|bear|take|stand|hold|carry)(?: \w+){0,3} weight",
            r"(?:cannot|could not|will not) (?:even )?put (?:\w+ )?(?:foot|leg) "
            r"(?:down|on the floor)",
            r"(?:cannot|could not|unable to|not able to) (?:even )?(?:walk|stand|step)"
            r"(?! (?:far|long|for long|as far|as much|more than|very|fast|properly|right|up|down|"
            r"without|much|normally|the same))",
            r"non weight bearing",
            r"(?:refus\w* to|will not|would not|does not want to|too scared to) (?:even )?"
            r"(?:put (?:any )?weight|stand|walk|step|bear weight)"
            r"(?= on (?:it|that|the|her|his|their|my)|[.,!?;:\n]|$| at all| anymore)",
            r"weight bearing is impossible",
            r"(?:collapses?|gives way|gave way) (?:every time|when|as soon as) i "
            r"(?:stand|step|walk)",
        ),
        False,
    ),
    (
        "severe_pain",
        _rx(
            r"severe\w*",
            r"excruciating",
            r"unbearable",
            r"agony",
            r"agonis\w*",
            r"agoniz\w*",
            r"worst pain",
            r"(?:9|10) out of 10",
            r"(?:screaming|crying|scream|cry|tears) (?:in|with|from) (?:the )?pain",
            r"cannot use (?:my |the )?leg",
            r"intense pain",
            r"through the roof",
            r"off the (?:charts?|scale)",
            r"worst (?:\w+ )?(?:ever|of my life)",
            r"crippling",
        ),
        False,
    ),
    (
        "knee_locked",
        _rx(
            r"locked(?! out| in\b)(?: up)?",
            r"stuck(?! (?:at|on|with|inside|home|indoors|here|to|in (?:the |my |a )?"
            r"(?:house|bed|traffic|work|office|car|queue|line)))",
            r"(?:cannot|could not|will not|unable to|not able to|does not|not)(?: \w+){0,3} "
            r"(?:straighten|straight)",
            r"will not (?:fully )?(?:bend|unlock|move)",
            r"jammed",
        ),
        False,
    ),
    (
        "pop_then_swelling",
        re.compile(
            r"\b(?:pop|popped|popping|snap|snapped|crack|cracked|tore|ripped)\b"
            r"[\w ,]{0,80}?\b(?:swell\w*|swollen|balloon\w*|puffed|puffy|blew up|blown up)\b"
        ),
        True,
    ),
    (
        "knee_deformed",
        _rx(
            r"misshapen",
            r"deform\w*",
            r"out of place",
            r"(?:wrong|odd|weird|funny|strange) shape",
            r"looks (?:wrong|bent|twisted|crooked)",
            r"dislocat\w*",
            r"popped out",
            r"sideways",
            r"(?:bent|bends) the wrong way",
            r"out of (?:its |the )?socket",
            r"(?:facing|pointing|bent|twisted) (?:the )?wrong way",
            r"(?:at|in) a (?:weird|funny|strange|wrong|odd) angle",
            r"bone (?:is )?(?:showing|sticking out|poking out|through)",
            r"(?:wonky|crooked|lopsided)",
            r"(?:off|out) to the side",
            r"looks? (?:proper |totally |really |so |all |just )?wrong",
        ),
        False,
    ),
    (
        "fever_unwell",
        _rx(
            r"fever\w*",
            r"temperature",
            r"high temp",
            r"a temp",
            r"(?:hot|shiver\w*|shaky) and (?:cold|shiver\w*)",
            r"shiver\w*",
            r"chills",
            r"rigou?rs",
            r"sweats",
            r"night sweats",
            r"flu ?like",
            r"feel(?:ing|s)? (?:really |very |so |quite )?"
            r"(?:ill|unwell|sick|rough|awful|like death)",
            r"(?:very|really|so) (?:ill|unwell|poorly)",
            r"not (?:her|him|my|them|your)sel(?:f|ves)",
            r"muddled",
            r"confused",
            r"delirious",
            r"3[89](?:_\d)? ?(?:c|degrees|deg)",
            r"10[0-4](?:_\d)? ?(?:f|degrees|deg)",
        ),
        False,
    ),
    (
        "veins_hard_sore",
        _rx(
            r"veins?(?: \w+){0,8} (?:hard|sore|tender|painful|lumpy|bulg\w*|swollen|red|firm|"
            r"hurt\w*|cord\w*|rop\w*|string\w*)",
            r"(?:hard|sore|tender|painful|lumpy|bulging|swollen|firm|ropey|ropy) (?:\w+ )?veins?",
            r"(?:thrombo)?phlebitis",
        ),
        False,
    ),
    (
        "leg_numb_weak",
        _rx(
            r"cannot (?:move|lift|wiggle|feel) (?:up )?(?:the front of )?(?:my |the |his |her )?"
            r"(?:foot|toes?|leg|ankle)",
            r"foot drop",
            r"paraly\w*",
        ),
        False,
    ),
    # ---- not warning signs ----
    (
        "lump_behind",
        _rx(r"bakers cyst", r"popliteal cyst", r"cyst (?:behind|at the back)", r"lump"),
        False,
    ),
    (
        "lump_growing_or_pulsing",
        re.compile(
            r"\b(?:lumps?|bumps?|cysts?|bulges?|swelling|mass)\b[\w ]{0,60}?\b(?:grow\w*|getting "
            r"(?:bigger|larger)|bigger|larger|puls\w*|throb\w*|beat\w*|heartbeat|heart beat|"
            r"pulse)\b|\b(?:pulsing|pulsating|throbbing|growing) (?:lump|bump|swelling|mass)\b"
        ),
        False,
    ),
    (
        "cramps_come_go",
        _rx(
            r"cramp\w*",
            r"charl(?:ey|ie) horses?",
            r"spasm\w*",
            r"seiz\w* up",
            r"knot(?:ted)? up",
            r"muscle knots?",
        ),
        False,
    ),
    (
        "clicks_catches",
        _rx(
            r"click\w*",
            r"catch(?:es|ing)?(?! (?:my |his |her |a |the )?breath)",
            r"crunch\w*",
            r"crack(?:ing|les|ling|s)?",
            r"grind\w*",
            r"grating",
            r"creak\w*",
            r"pop(?:s|ping)(?: \w+)? (?:noise|sound)s?",
            r"clunk\w*",
            r"(?:something|sth) (?:is )?(?:caught|stuck) in",
            r"locking",
            r"locks",
            r"keeps locking",
        ),
        False,
    ),
    (
        "gives_way",
        _rx(
            r"gives? (?:way|out)",
            r"gave (?:way|out)",
            r"given (?:way|out)",
            r"giving (?:way|out)",
            r"buckl\w*",
            r"collaps\w*",
            r"unstable",
            r"instability",
            r"wobbly",
            r"goes from under me",
            r"fold\w* under",
        ),
        False,
    ),
    ("stiff_after_rest", _rx(r"stiff\w*"), False),
    (
        "active_runner",
        _rx(
            r"i (?:run|jog)",
            r"running",
            r"runner",
            r"jogg\w*",
            r"marathons?",
            r"park ?run",
            r"\d+ ?k",
            r"football",
            r"soccer",
            r"rugby",
            r"basketball",
            r"netball",
            r"tennis",
            r"squash",
            r"badminton",
            r"hockey",
            r"sports?",
            r"gym",
            r"crossfit",
            r"training",
            r"cycling",
            r"hiking",
            r"skiing",
            r"dancing",
            r"climbing",
            r"volleyball",
            r"athlete",
            r"leg day",
            r"(?:5|five) a side",
            r"sunday league",
            r"deadlifts?",
            r"lifting",
            r"weights",
            r"pilates",
            r"spin class",
            r"hiit",
            r"boxing",
            r"martial arts",
            r"rowing",
            r"swimming",
        ),
        True,
    ),
    (
        "onset_overuse",
        _rx(
            r"after (?:a |my |the |long |\w+ ){0,3}(?:run|runs|running|jog|hike|hiking|walk|"
            r"game|match|training|session|workout|gym|leg day|football|marathon|race|ride|cycle|"
            r"shift|practice|netball|5 a side|five a side|league|deadlifts?|squats|lifting|weights|"
            r"class|\d+ ?k)",
            r"(?:more|further|longer|harder) than (?:usual|normal|before)",
            r"increased (?:my )?(?:mileage|training|distance)",
            r"new (?:training|running|exercise|workout)",
            r"overd(?:id|one|oing) it",
            r"over did it",
            r"overuse\w*",
            r"too much (?:running|exercise|walking|training)",
            r"started running",
            r"couch to 5k",
        ),
        True,
    ),
    (
        "onset_injury",
        _rx(
            r"fell",
            r"fall(?:en)?",
            r"tripped",
            r"slipped",
            r"twist\w*",
            r"tackle\w*",
            r"kicked",
            r"knocked",
            r"banged",
            r"bumped",
            r"hit (?:it|my)",
            r"landed (?:awkward\w*|badly|wrong)",
            r"injur\w*",
            r"sprain\w*",
            r"tore",
            r"torn",
            r"accident",
            r"crash\w*",
            r"went over on",
            r"pulled (?:my |a |the )?(?:hamstring|hammy|muscle|calf|groin)",
            r"strained",
            r"tweak\w*",
            r"hyperextend\w*",
            r"jarred",
        ),
        True,
    ),
    (
        "onset_gradual",
        _rx(
            r"gradual\w*",
            r"slowly",
            r"crept up",
            r"creeping",
            r"for no (?:apparent |obvious |real )?reason",
            r"no (?:injury|idea why)",
            r"out of nowhere",
            r"from nowhere",
            r"nothing happened",
            r"came on by itself",
            r"(?:did not|have not|never) (?:do|did|done) anything",
        ),
        True,
    ),
    (
        "onset_after_sitting",
        _rx(
            r"after (?:sitting|sat)",
            r"sitting (?:for )?(?:a )?long",
            r"(?:long|prolonged) (?:periods of )?sitting",
            r"when i (?:stand|get) up after",
            r"(?:desk|office) all day",
            r"sitting at (?:my |a )?desk",
            r"after (?:a )?(?:movie|film|long meeting)",
            r"(?:sat|sitting|driving|drove)(?: \w+){0,4} for (?:ages|hours|a long time|\d+ hours?)",
            r"(?:\d+|few|couple of|long) hours? (?:of )?(?:driving|sitting|at a desk)",
            r"long (?:drives?|car journeys?)",
        ),
        True,
    ),
    (
        "recurring",
        _rx(
            r"keeps? (?:coming|happening|flaring|returning|getting)",
            r"comes? and goes?",
            r"on and off",
            r"off and on",
            r"every (?:now and then|so often|few (?:days|weeks|months)|night|morning|day)",
            r"again and again",
            r"recurr\w*",
            r"flares? up",
            r"comes? back(?! if| to| in| and| for)",
            r"came back",
            r"keeps coming back",
            r"happens? (?:a lot|often|regularly)",
            r"always",
            r"again",
        ),
        True,
    ),
    (
        "night_pain",
        _rx(
            r"at night",
            r"in the night",
            r"night ?time",
            r"overnight",
            r"wakes? me",
            r"waking me",
            r"woke me",
            r"keeps me (?:up|awake)",
            r"cannot sleep",
            r"in bed",
            r"nights",
            r"while (?:i )?sleep\w*",
        ),
        True,
    ),
    (
        "worse_stairs_squat",
        _rx(
            r"stairs?",
            r"steps",
            r"squat\w*",
            r"kneel\w*",
            r"crouch\w*",
            r"going (?:up|down)(?: hill)?",
            r"downhill",
            r"uphill",
        ),
        True,
    ),
    (
        "pain_bending_pushing",
        _rx(r"bend\w*", r"push(?:ing)? off", r"jump\w*", r"sprint\w*", r"lunges?"),
        True,
    ),
    (
        "back_pain_sciatica",
        _rx(
            r"sciatic\w*",
            r"(?:lower |low )?back (?:pain|problems?|issues?|hurts|aches?)",
            r"(?:bad|sore|slipped|bulging|herniated|prolapsed) (?:back|disc|disk)",
            r"(?:shoots|shooting|radiates|radiating|runs|running|goes|going) down (?:my |the |from "
            r"(?:my |the )?)?(?:back|bum|buttock|hip|leg)",
            r"from (?:my |the )?(?:lower )?back (?:down|into)",
        ),
        True,
    ),
    (
        "older_or_diabetes_ra_joint",
        _rx(
            r"diabet\w*",
            r"type (?:1|2|one|two)",
            r"rheumatoid",
            r"(?:knee|joint|hip) replacement",
            r"replaced knee",
            r"new knee",
            r"(?:i am|age|aged) (?:6[5-9]|[7-9]\d)",
            r"(?:6[5-9]|[7-9]\d) ?(?:years old|yo|yrs old|year old)",
            r"elderly",
            r"pensioner",
        ),
        True,
    ),
    (
        "where_front",
        _rx(
            rf"front of {_MY}knees?",
            r"kneecaps?",
            r"knee caps?",
            r"patella\w*",
            r"anterior knee",
            r"(?:at|in|across) the front",
        ),
        True,
    ),
    (
        "where_side",
        _rx(
            rf"(?:inner|outer|inside|outside|side of|sides of){_GAP} knees?",
            r"(?:inner|outer|inside|outside|medial|lateral) (?:side|part|edge)",
            r"it band",
            r"itb",
            r"iliotibial",
        ),
        True,
    ),
    (
        "where_whole",
        _rx(
            r"(?:whole|entire) knee",
            rf"all (?:around|over|of) {_MY}knee",
            r"knee all over",
        ),
        True,
    ),
    # ---- clot risk factors: history, so the past tense is fine ----
    (
        "recent_surgery",
        _rx(
            r"surgery",
            r"surgeries",
            r"surgeon",
            r"operation",
            r"op",
            r"operated",
            r"arthroscop\w*",
            r"keyhole",
            r"(?:knee|hip) replacement",
            r"acl (?:repair|reconstruction)",
            r"c ?section",
            r"caesarean",
            r"cesarean",
            r"post ?op\w*",
            r"discharged from hospital",
        ),
        True,
    ),
    (
        "long_travel_or_immobile",
        _rx(
            r"flights?",
            r"flew",
            r"flying",
            r"plane",
            r"airplane",
            r"aeroplane",
            r"long haul",
            r"long drive",
            r"drove for",
            r"road ?trip",
            r"(?:coach|bus|train|car) (?:ride|journey|trip)",
            r"travell?ed",
            r"travell?ing",
            r"journey",
            r"bed ?rest",
            r"bed ?bound",
            r"bed ?ridden",
            r"laid up",
            r"in bed for",
            r"(?:in a |a )?(?:cast|plaster|splint|moon boot|knee brace|leg brace)",
            r"immobil\w*",
            r"hospital stay",
            r"(?:stayed|was|been) in hospital",
            r"sitting for (?:hours|days)",
        ),
        True,
    ),
    (
        "pregnant_or_postpartum",
        _rx(
            r"pregnan\w*",
            r"expecting (?:a baby|twins)",
            r"\d+ weeks (?:along|pregnant)",
            r"(?:gave|given) birth",
            r"had (?:a|my|the|our) (?:baby|twins|son|daughter|little one)",
            r"new ?born",
            r"post ?partum",
            r"post ?natal",
            r"c ?section",
            r"caesarean",
            r"cesarean",
            r"maternity",
            r"trimester",
            r"baby bump",
        ),
        True,
    ),
    (
        "hormones",
        _rx(
            r"(?:the|birth control|contraceptive|combined|combi) pill",
            r"birth control",
            r"contracepti\w*",
            r"hrt",
            r"hormone (?:replacement|therapy)",
            r"o?estrogen",
            r"microgynon",
            r"yasmin",
            r"rigevidon",
        ),
        True,
    ),
    (
        "previous_clot",
        _rx(
            r"(?:had|have had|history of|previous|prior|past|old|last|family history of)"
            r"(?: \w+){0,3} (?:dvt|clots?|blood clots?|thrombosis|embolism)",
            r"(?:dvt|clots?|embolism)(?: \w+){0,3} (?:before|in the past|years ago|last year|"
            r"previously)",
            r"on (?:blood thinners|warfarin|apixaban|rivaroxaban|xarelto|eliquis|anticoagulants)",
        ),
        True,
    ),
    (
        "cancer",
        _rx(
            r"cancer",
            r"chemo\w*",
            r"tumou?rs?",
            r"radiotherapy",
            r"radiation therapy",
            r"oncolog\w*",
            r"leuka?emia",
            r"lymphoma",
            r"myeloma",
            r"metasta\w*",
        ),
        True,
    ),
)

# Phrases that are not findings but change what the bot should do.
_CLOT_WORRY = _rx(r"dvt", r"blood clots?", r"clots?", r"thrombosis", r"deep vein")
_LUNG_WORRY = _rx(r"pulmonary embolism", r"embolism", r"clot (?:in|on) (?:my |the )?lungs?")
_CARE = re.compile(
    r"\b(?:ae|accident and emergency|emergency room|emergency department|urgent care|"
    r"ambulance|999|911|112|casualty)\b"
)
_ER = re.compile(r"\bER\b|\b(?:the|to|an|in) ER\b", re.IGNORECASE)
_ER_UPPER = re.compile(r"\bER\b")

_TOPIC_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cyst", _rx(r"bakers(?: cyst)?", r"cysts?", r"popliteal cyst")),
    ("runners", _rx(r"runners knee", r"patellofemoral", r"pfps", r"chondromalacia")),
    ("cramps", _rx(r"cramp\w*", r"charl(?:ey|ie) horses?")),
    ("stretch", _rx(r"stretch\w*", r"exercises?", r"yoga", r"strengthen\w*", r"foam roll\w*")),
    (
        "rice",
        _rx(
            r"rice",
            r"rest(?:ing)?(?! of)",
            r"ice",
            r"icing",
            r"ice packs?",
            r"frozen peas",
            r"compress\w*",
            r"elevat\w*",
            r"bandage",
            r"peace and love",
            r"heat pack",
            r"hot water bottle",
        ),
    ),
    (
        "other",
        _rx(
            r"meniscus",
            r"acl",
            r"pcl",
            r"ligament\w*",
            r"tendon\w*",
            r"tendinitis",
            r"tendinopathy",
            r"osteo ?arthritis",
            r"arthritis",
            r"gout",
            r"cartilage",
        ),
    ),
    (
        "doctor",
        _rx(
            r"doctor",
            r"gp",
            r"physio\w*",
            r"warning signs?",
            r"red flags?",
            r"when to see",
            r"nhs 111",
            r"111",
            r"dvt",
            r"blood clots?",
            r"clots?",
            r"thrombosis",
            r"embolism",
        ),
    ),
    ("facts", _rx(r"facts?", r"prevent\w*", r"avoid it", r"bones?", r"anatomy")),
    ("causes", _rx(r"causes?", r"caused", r"reasons?", r"why does", r"why do", r"why is")),
)

# Context cues.
_NEGATION = re.compile(
    r"\b(?:no(?! (?:idea|clue|reason|matter|wonder|joke|lie|problem|doubt|way|sooner|one "
    r"knows))|not(?! (?:sure|only|just|even|that bad|too bad|certain|long|yet|to be|"
    r"(?:her|him|my|them|your)sel(?:f|ves)))|never|without|"
    r"nor|neither|none|nothing|zero|free of|lack of|ruled out|negative for|absence of|denies|"
    r"cannot (?:see|notice|find|feel any)|did not (?:see|notice|find)|nope)\b"
)
_HEDGE = re.compile(
    r"\b(?:not sure|unsure|maybe|might|perhaps|possibly|"
    r"probably(?! (?:nothing|fine|overreacting|over reacting|just|being|silly|daft|stupid))|"
    r"i do not know|do not know (?:if|whether)|hard to (?:tell|say)|cannot tell|i guess|"
    r"i think|i thought|think it|not certain|could be|seems?|almost|"
    r"not really sure|wondering|i wonder|hmm+|possible)\b"
)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|what if|in case|whether|worried about|worried it|worried that|worry about|"
    r"afraid (?:of|it)|scared (?:of|it)|risk of|signs? of|symptoms? of|how do i know|"
    r"how (?:can|do) (?:i|you) tell|could it be|can it be|is it a|is this a|would|should i worry|"
    r"what does (?:\w+ ){0,8}mean|what are|what is|how to|how do i|how can i|is that a|"
    r"what (?:causes|can cause)(?! my| me)|"
    r"prevent\w*)\b"
)
_PAST = re.compile(
    r"\b(?:was|were|had|used to|yesterday|last (?:night|week|month|year|time|weekend)|ago|"
    r"earlier|before|previously|once|back then|at the time|that day|that night|in (?:19|20)\d\d)\b"
)
_PRESENT = re.compile(
    r"\b(?:now|still|since|today|tonight|keeps?|currently|right now|at the moment|this morning|"
    r"am|is|are|has been|have been|getting|feels|looks)\b"
)
_RESOLVED = re.compile(
    r"\b(?:gone now|went away|gone away|(?:its|it is|it has|all|now|has) gone(?= *(?:[.,!?;\n]|$))|"
    r"passed(?! out)|has passed|settled(?: down)?|eased(?: off)?|"
    r"(?:fine|better|ok|okay|normal|good|alright|all right) now|resolved|disappeared|"
    r"(?:it|pain|swelling|numbness) stopped|cleared(?: up)?|"
    r"stopped(?! (?:me|us|him|her|them|walking|running|working|sleeping))|wore off|"
    r"(?:got )?over it|(?:then|and) gone|warmed (?:back )?up|"
    r"straightened (?:out )?(?:fine|ok|okay)|"
    r"(?:ok|okay|fine|alright|good) (?:ever )?since|"
    r"for (?:a|one|a few|a couple of) (?:minute|second|moment)s?(?! now)|"
    r"(?:went|go|goes)(?: away| off)?(?= (?:once|when|as soon as|after|within|in a few))|"
    r"(?:that|thats|that is|it|which|they|both)(?: has| have| is| are)? gone\b|"
    r"(?:went|gone|come|came) down(?! (?:the|some|a|to) )|recovered|healed|back to normal)\b"
)
_FUTURE = re.compile(
    r"\b(?:next (?:week|month|year|weekend)|tomorrow|going to|planning|plan to|will be|soon|"
    r"upcoming|in the future)\b"
)
_REMOTE_PAST = re.compile(
    r"\b(?:(?:\d+|a|an|one|two|three|four|five|six|few|several|many|couple of|a couple of) "
    r"years? ago|years ago|last year|in (?:19|20)\d\d|when i was (?:a |younger|little|young|\d+)|"
    r"as a (?:kid|child|teen\w*)|back in|(?:[4-9]|1[0-2]|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|several|many) months ago)\b"
)
_CLEARED = re.compile(
    r"\b(?:ruled out|all clear|(?:scans?|ultrasound|doppler|tests?|bloods|blood tests?|d dimer)"
    r"(?: \w+){0,2} (?:clear|normal|negative|fine|ok|okay))\b"
)
_NOW = re.compile(r"\b(?:now|still|today|tonight|currently|at the moment)\b")
# A question about a condition in general ("can a clot kill you?", "what does a Baker's cyst
# feel like?") says nothing about the person: ConText's "hypothetical / other experiencer".
_WH_START = re.compile(
    r" *(?:what|whats|why|how|hows|which|who|where)(?: \w+)? (?:is|are|does|do|did|can|could|"
    r"should|would|will|causes?|happens?|helps?|usually|exactly|much|many|long|often|kind|type|"
    r"sort|to|means?|difference)\b"
)
_ASKING_START = re.compile(
    r" *(?:(?:can|could|does|do|is|are|should|will|would|when)(?: \w+)? "
    r"(?:a|an|you|people|ppl|there|"
    r"someone|somebody|anyone|anybody|runners|women|men|children|kids)|any(?:one|body)?(?: \w+)? "
    r"(?:good|tips?|advice|ideas?|exercises?|stretch\w*|ways?|recommend\w*|suggestions?|know))\b"
)
_PERSONAL = re.compile(
    r"\b(?:i|me|my|mine|myself|we|us|our|he|him|his|she|her|they|them|their|this|these|"
    r"is it (?:normal|ok|okay|bad|common|serious|worrying|dangerous)|"
    r"(?:mum|mom|mam|mother|dad|father|son|daughter|wife|husband|partner|nan|nana|gran|granny|"
    r"grandma|grandad|grandpa|grandmother|grandfather|baby|kid|child|boy|girl|brother|sister|"
    r"aunt|uncle|friend|boyfriend|girlfriend|patient)s?)\b"
)
_ANSWERED_WORDS = 4  # "chest pain? nah": a bare sign asked and answered, not a whole story
_ANSWER_NO = re.compile(
    r" *(?:no|nah|nope|naw|not really|not at all|none|nothing|never)"
    r"(?= *(?:[.,!?;:\n]|$| just| its| it is| thats| that is| i am| only| all good))"
)
_RECENT_ONLY = frozenset({"recent_surgery", "long_travel_or_immobile", "pregnant_or_postpartum"})
_FRESH = re.compile(r"\b(?:new|sudden\w*|just started|today|this morning|out of nowhere)\b")
_RECENT_EXCLUDED = re.compile(
    r"\b(?:(?:\d+|a|one|two|three|few|several|many|couple of) years?|last year|as a (?:kid|child|"
    r"teen\w*)|when i was|in (?:19|20)\d\d|decades?|long time ago|ages ago)\b"
)
# Sentences end at a full stop (or ! ? ; or a new line) and before "but", "however" ...
_FULL_STOP = re.compile(r"[.!?;\n]+")
_SENTENCE_WORDS = _rx("but", "however", "although", "though", "except", "yet", "apart from",
                      "other than")  # fmt: skip
_NEGATION_WINDOW = 40  # characters: a negation reaches about five words ahead
# Clauses end at a comma or colon and before "and", "so", "because" ...
_CLAUSE_MARKS = re.compile(r"[,:]")
_CLAUSE_WORDS = _rx("and", "so", "because", "then", "now", "which", "while", "plus", "also",
                    "as well", "after that")  # fmt: skip
_ANCHOR_START = re.compile(r" *(?:my|the|this|that|his|her|your)\b")
_ANCHOR = re.compile(
    r"\b(?:i|it|its|there|is|are|was|were|am|feels?|"
    r"looks?|got|gets|has|have|had|just|still|now|but|yes|yeah|definitely|went|turned)\b"
)
_OTHER_SYMPTOMS = re.compile(
    r"\b(?:lump|bump|swelling|swollen|bruis\w*|limp\w*|weak\w*|numb\w*|unstable|instability|"
    r"clicking|popping|problem|issue|trouble|injur\w*|hurts?|pain\w*|sore)\b"
)

# A descriptor right before one of these words describes that thing, not the body ("the cold
# floor", "a hot water bottle", "hot weather"); "a cold" is an illness.
_THING_AFTER = re.compile(
    r" (?:water|floor|floors|tiles|ground|weather|day|days|night|nights|morning|spell|snap|wind|"
    r"air|room|shower|showers|bath|baths|bottle|pack|packs|compress|towel|flannel|cloth|gel|cream|"
    r"spray|drink|drinks|tea|coffee|wine|food|sweat|sweats|climate|temperature|as a sheet|"
    r"as a ghost)\b"
)
_THING_KINDS = frozenset({"hot", "cold", "red", "pale"})  # descriptors that can describe a thing
_ILLNESS = re.compile(r"(?<![\w])(?:a|the|head|common|chest) $")
# A time said of sitting or travelling is how long they sat, not how long it has hurt ("sat in
# the car for ages", "after a 3 hour drive").
_SITTING_FOR = re.compile(
    r"\b(?:sat|sitting|sit|driv\w*|drove|flight|flew|flying|travel\w*|journey|train|plane|coach|"
    r"car|standing|stood|kneeling|knelt|desk|shift)"
    r"(?: (?:in|on|at|the|a|an|my|our|car|plane|train|bus|coach|desk|chair|sofa|couch|floor|office|"
    r"work|cross|legged|there|around|still|long|straight|without|moving|break|breaks))* "
    r"(?:for|of) (?:about |around |over |nearly |almost |like )?$"
)
_SITTING_WORD = re.compile(
    r"\b(?:sat|sitting|sit|driv\w*|drove|flight|flew|flying|travel\w*|journey|train|plane|coach|"
    r"car|standing|stood|kneeling|knelt|desk|shift)\b"
)
_SITTING_REACH = 40  # characters before a duration that are looked at for _SITTING_FOR

# Which finding a descriptor means on which body part; "?" in front: only a hint (unsure).
_ATTACH: dict[str, dict[str | None, str]] = {
    "swell": {
        "calf": "calf_swollen",
        "leg": "calf_swollen",
        "foot": "?calf_swollen",
        "behind": "lump_behind",
        "lump": "lump_behind",
        "knee": "_knee_swell",
        None: "_knee_swell",
    },
    "very": {
        "calf": "calf_swollen",
        "leg": "calf_swollen",
        "foot": "?calf_swollen",
        "behind": "knee_very_swollen",
        "lump": "lump_behind",  # a lump "like a water balloon" is a lump, not a swollen knee
        "knee": "knee_very_swollen",
        None: "knee_very_swollen",
    },
    "hot": {
        "calf": "calf_warm_red",
        "leg": "calf_warm_red",
        "behind": "_knee_hot",
        "lump": "_knee_hot",
        "knee": "_knee_hot",
        None: "_knee_hot",
    },
    "red": {
        "calf": "calf_warm_red",
        "leg": "calf_warm_red",
        "foot": "?calf_warm_red",
        "behind": "_knee_hot",
        "lump": "_knee_hot",
        "knee": "_knee_hot",
        None: "_knee_hot",
    },
    "cold": {"calf": "foot_cold_pale", "leg": "foot_cold_pale", "foot": "foot_cold_pale"},
    "pale": {"calf": "foot_cold_pale", "leg": "foot_cold_pale", "foot": "foot_cold_pale"},
    "numb": {
        "calf": "_numb",
        "leg": "_numb",
        "foot": "_numb",
        "behind": "_numb",
        "knee": "_numb",
        "lump": "_numb",
        None: "_numb",
    },
    "weak": {"calf": "?leg_numb_weak", "leg": "?leg_numb_weak", "foot": "leg_numb_weak"},
    "pain": {
        "calf": "where_calf",
        "leg": "_pain",
        "foot": "_pain",
        "behind": "where_behind",
        "lump": "_pain",
        "knee": "_pain",
        None: "_pain",
    },
}

# Phrases that only hint at a warning sign: always read as unsure.
_HINTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "cant_bear_weight",
        _rx(
            r"(?:barely|hardly|can only|struggl\w* to|hard to|difficult to) (?:walk|stand|limp)",
            r"limping (?:badly|a lot)",
            r"hopping (?:about|around)",
            r"(?:cannot|could not|unable to|not able to) (?:even )?(?:walk|stand)"
            r" (?:far|long|for long|as far|as much|more than|very|fast|properly|right|up|down|"
            r"without|much|normally|the same)",
        ),
    ),
    ("calf_pain_one_leg", _CLOT_WORRY),
    ("breathless", _LUNG_WORRY),
)

# Warning signs and the parts they are made of: read with care for negation, past and doubt.
_STATES = WARNING_SIGNS | {"_knee_swell", "_knee_hot", "_numb"}

_NOT_A_SYMPTOM = CLOT_RISK_FACTORS | {
    "dur_lt3d",
    "dur_3d_2w",
    "dur_gt2w",
    "recurring",
    "active_runner",
    "older_or_diabetes_ra_joint",
    "onset_overuse",
    "onset_after_sitting",
    "onset_gradual",
    "night_pain",
    "worse_stairs_squat",
    "pain_bending_pushing",
}
_DURATIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "dur_gt2w",
        _rx(
            r"(?:[3-9]|\d\d|three|four|five|six|seven|eight|nine|ten|several|many) weeks"
            r"(?! pregnant| along| gone)",
            r"(?:a|an|one|1|few|a few|several|many|couple of|a couple of|\d+|two|three|six) "
            r"(?:months?|years?|yrs?)(?! ago)",
            r"months(?! ago)",
            r"years(?! ago)",
            r"ages",
            r"forever",
            r"a long time",
            r"since (?:january|february|march|april|may|june|july|august|september|october|"
            r"november|december|last year|last month|christmas|the summer|summer|spring|autumn|"
            r"winter)",
            r"chronic",
            r"long ?standing",
            r"over a month",
            r"(?:over|more than) (?:2|two) weeks",
        ),
    ),
    (
        "dur_3d_2w",
        _rx(
            r"(?:[3-9]|1[0-3]|three|four|five|six|seven|eight|nine|ten|few|several|a few|"
            r"couple of|a couple of) days",
            r"(?:a|one|1|2|two|a couple of|couple of) weeks?(?! ago)",
            r"a fortnight",
            r"fortnight",
            r"since (?:last )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
            r"weekend|the weekend)",
            r"all week",
            r"over a week",
            r"week and a half",
        ),
    ),
    (
        "dur_lt3d",
        _rx(
            r"today",
            r"this (?:morning|afternoon|evening)",
            r"tonight",
            r"last night",
            r"since yesterday",
            r"yesterday",
            r"(?:1|one|a|2|two|24|48) (?:days?|hours?|hrs?)",
            r"a day or two",
            r"few hours",
            r"an hour",
            r"just now",
            r"minutes ago",
            r"just started",
        ),
    ),
)

# Common English words, to tell a message in another language from one in English.
_ENGLISH = frozenset(
    """a about after again all also am an and any are as at back bad be because been before
    behind being better both but by can cannot could day days did do does doing done down each
    even ever every feel feeling feels few for from get gets getting go going good got had has
    have having he help her here hi hello hey him his how i if in into is it its just know last
    left leg like little long look looks lot made make many me mine more morning most much my
    need never new night no not now of off ok okay on one only or other our out over pain
    please really right said same see she should since so some something still such take than
    thank thanks that the their them then there these they thing think this those through time
    to today too try up us very want was way we week weeks well went were what when where which
    while who why will with without would yes yesterday you your yeah hurt hurts hurting knee
    knees calf after sore ache walking walk run running swollen swelling cramp doctor quiz
    start help bot hii sup yo ty lol""".split()  # noqa: SIM905
)


@dataclass(slots=True)
class _Occurrence:
    finding: str
    start: int
    end: int
    event: bool = False
    hint: bool = False


_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("neg", _NEGATION),
    ("hedge", _HEDGE),
    ("hypo", _HYPOTHETICAL),
    ("past", _PAST),
    ("present", _PRESENT),
    ("resolved", _RESOLVED),
    ("future", _FUTURE),
    ("anchor", _ANCHOR),
    ("remote", _REMOTE_PAST),
    ("now", _NOW),
    ("cleared", _CLEARED),
)


class _Context:
    """Where sentences and clauses start and where each kind of cue occurs, found once.

    The cues are read in `cue_text`: the message with the phrases already read blanked out,
    so that the "not" of "will not straighten" is not taken for a negation.
    """

    def __init__(
        self,
        norm: str,
        cue_text: str,
        sentence_words: Sequence[re.Match[str]],
        clause_words: Sequence[re.Match[str]],
        later: Sequence[tuple[int, int]],
    ) -> None:
        self.norm = norm
        stops = [m.span() for m in _FULL_STOP.finditer(norm)]
        self.stops = stops
        self._about_nobody: dict[tuple[int, int], bool] = {}  # per full sentence, found once
        self.full_sentences = _spans(len(norm), stops)
        self.sentences = _spans(len(norm), sorted(stops + [m.span() for m in sentence_words]))
        marks = [m.span() for m in _CLAUSE_MARKS.finditer(norm)]
        self.clauses = _clauses(self.sentences, sorted(marks + [m.span() for m in clause_words]))
        self.cues = {
            name: [(m.start(), m.end()) for m in matches]
            for (name, _), matches in zip(_CUES, _SCANNER.scan_later(later, cue_text), strict=True)
        }

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return _containing(self.sentences, pos)

    def clause_of(self, pos: int) -> tuple[int, int]:
        return _containing(self.clauses, pos)

    def full_sentence_of(self, pos: int) -> tuple[int, int]:
        return _containing(self.full_sentences, pos)

    def any_in(self, cue: str, start: int, end: int) -> bool:
        """True when a `cue` starts at or after `start` and before `end`."""
        positions = self.cues[cue]
        i = _bisect_starts(positions, start)
        return i < len(positions) and positions[i][0] < end

    def first_in(self, cue: str, start: int, end: int) -> int | None:
        positions = self.cues[cue]
        i = _bisect_starts(positions, start)
        return positions[i][0] if i < len(positions) and positions[i][0] < end else None

    def negated_clause(self, clause: tuple[int, int]) -> bool:
        """A clause is negated at its end when it holds a negation cue."""
        return self.any_in("neg", clause[0], clause[1])

    def judge(self, occ: _Occurrence) -> Status:
        """How an occurrence is meant: yes, negated, resolved (over), unsure or hypothetical."""
        clause = self.clause_of(occ.start)
        sentence = self.sentence_of(occ.start)
        window = max(clause[0], occ.start - _NEGATION_WINDOW)
        if self.any_in("neg", window, occ.start) or self._inherits_negation(clause, sentence):
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
        if self.any_in("hypo", sentence[0], occ.start) or (
            occ.event and self.any_in("future", sentence[0], sentence[1])
        ):
            return "hypothetical"
        if occ.finding in _RECENT_ONLY and self.any_in("remote", full[0], full[1]):
            return "resolved"  # an operation or a flight years ago is not a clot risk now
        hedged = self.any_in("hedge", clause[0], clause[1])
        if occ.event:
            return "unsure" if hedged else "yes"
        resolved_at = self.first_in("resolved", occ.end, full[1])
        if resolved_at is not None and not self.any_in("now", occ.end, resolved_at):
            return "resolved"
        if self.any_in("remote", clause[0], clause[1]):
            return "resolved"  # "last year I couldn't walk for a week"
        if hedged or occ.hint:
            return "unsure"
        past = self.any_in("past", clause[0], clause[1]) and not (
            self.any_in("present", clause[0], clause[1])
        )
        return "unsure" if past else "yes"

    def _answered_no(self, full: tuple[int, int]) -> bool:
        """A bare sign the person answers "no" to at once ("Fever? No.", "chest pain? nah just
        stress"). Read the same whatever the mark between them, so punctuation never matters."""
        if self.norm.count(" ", full[0], full[1]) > _ANSWERED_WORDS:
            return False
        i = _bisect_starts(self.stops, full[1])
        if i >= len(self.stops) or self.stops[i][0] != full[1]:
            return False
        return bool(_ANSWER_NO.match(self.norm, self.stops[i][1]))

    def _generic_question(self, full: tuple[int, int]) -> bool:
        """A question about a condition, with nobody in it ("can a clot kill you?")."""
        start, end = full
        if not (
            _WH_START.match(self.norm, start, end) or _ASKING_START.match(self.norm, start, end)
        ):
            return False
        return _PERSONAL.search(self.norm, start, end) is None

    def _inherits_negation(self, clause: tuple[int, int], sentence: tuple[int, int]) -> bool:
        """ "no swelling, redness or heat": a list after a negation stays negated."""
        index = bisect_left(self.clauses, clause)
        while index > 0:
            if self.any_in("anchor", clause[0], clause[1]) or _ANCHOR_START.match(
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


def _spans(length: int, splits: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
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


def _clauses(
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


def _bisect_starts(spans: Sequence[tuple[int, int]], pos: int) -> int:
    """The index of the first span that starts at or after `pos`."""
    return bisect_left(spans, (pos, -1))


def _containing(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The last span starting at or before `pos` (the first span for positions before any)."""
    i = _bisect_starts(spans, pos + 1) - 1
    return spans[max(i, 0)]


def _find_parts(
    norm: str, mentions: Iterable[tuple[str, Sequence[re.Match[str]]]]
) -> list[tuple[int, int, str]]:
    """Body-part mentions (given most specific part first), the more specific one kept where
    two overlap."""
    taken = bytearray(len(norm) + 1)
    found: list[tuple[int, int, str]] = []
    for part, matches in mentions:
        for m in matches:
            start, end = m.span()
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                found.append((start, end, part))
    found.sort()
    return found


_LEADS_TO_PART = re.compile(
    r" ?(?:(?:in|on|of|at|behind|around|down|up|to|into|across|over|all over) )?"
    r"(?:(?:my|the|his|her|both|left|right|lower|upper|whole|entire) ){0,2}"
)


def _attach(
    parts: Sequence[tuple[int, int, str]],
    starts: Sequence[int],
    ctx: _Context,
    start: int,
    end: int,
) -> str | None:
    """The body part a descriptor at [start, end) most likely speaks of.

    "swollen calf", "swelling in my calf": the part right after; otherwise the nearest part
    before it in the sentence ("my calf is swollen"); otherwise a part a few words after;
    otherwise the last part named earlier in the message ("My calf hurts. It's swollen.").
    """
    sentence = ctx.sentence_of(start)
    i = bisect_left(starts, end)
    after = parts[i] if i < len(parts) and parts[i][0] < sentence[1] else None
    if after is not None and _LEADS_TO_PART.fullmatch(ctx.norm, end, after[0]):
        return after[2]
    j = bisect_left(starts, start) - 1
    while j >= 0 and parts[j][1] > start:
        j -= 1
    if j >= 0 and parts[j][0] >= sentence[0]:
        return parts[j][2]
    if after is not None and after[0] <= end + 40:
        return after[2]
    return parts[j][2] if j >= 0 else None


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with every span replaced by as many spaces."""
    pieces: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        pieces += (text[pos:start], " " * (end - start))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN_LETTER = re.compile(r"(?=[^\x00-\u024f])[^\W\d_]")


_LATIN_END = "\u024f"
_ASCII_WORD = re.compile(r"[a-z]+")


def _language(text: str, norm: str, found_anything: bool) -> Language:
    """ "other" when most letters are not Latin, or when nothing was read and fewer than a
    quarter of the words are common English ones."""
    text = text[:MAX_CHARS]
    if not text.isascii() and max(text) > _LATIN_END and _NON_LATIN_LETTER.search(text):
        letters = len(_LETTER.findall(text))
        if letters and len(_NON_LATIN_LETTER.findall(text)) * 2 > letters:
            return "other"
    if found_anything:
        return "en"
    words = _ASCII_WORD.findall(norm)
    if len(words) < 3:
        return "en"
    known = sum(1 for w in words if w in _ENGLISH)
    return "other" if known * 4 < len(words) else "en"


_DESCRIPTOR_KINDS = (*_DESCRIPTOR_PATTERNS, "very")
# Every pattern read in a message, in the order `interpret` takes their matches.
_SCANNER = _Scanner(
    [
        *(pattern for _, pattern, _ in _PHRASES),
        *(pattern for _, pattern in _HINTS),
        *(pattern for _, pattern in _DURATIONS),
        _PERSISTENT,
        *_DESCRIPTOR_PATTERNS.values(),
        _VERY,
        *(pattern for _, pattern in _TOPIC_PATTERNS),
        *(_PART_PATTERNS[part] for part in _PART_PRIORITY),
        _SENTENCE_WORDS,
        _CLAUSE_WORDS,
        _CARE,
    ],
    later=[pattern for _, pattern in _CUES],
)
_OTHER_SYMPTOMS_SCANNER = _Scanner([_OTHER_SYMPTOMS])


def interpret(text: str) -> Reading:
    """Read a message into findings, and ask the rules what they mean. Pure and quick."""
    norm = normalise(text)
    scanned, later = _SCANNER.scan(norm)
    found = iter(scanned)
    occurrences: list[_Occurrence] = []
    for finding, _, event in _PHRASES:
        occurrences += [_Occurrence(finding, m.start(), m.end(), event) for m in next(found)]
    for finding, _ in _HINTS:
        occurrences += [_Occurrence(finding, m.start(), m.end(), hint=True) for m in next(found)]
    for finding, _ in _DURATIONS:
        occurrences += [_Occurrence(finding, m.start(), m.end(), True) for m in next(found)]
    persistent = [m.span() for m in next(found)]
    descriptors = [(kind, *m.span()) for kind in _DESCRIPTOR_KINDS for m in next(found)]
    topic_hits = [(topic, *m.span()) for topic, _ in _TOPIC_PATTERNS for m in next(found)]
    parts = _find_parts(norm, [(part, next(found)) for part in _PART_PRIORITY])
    absorbed = [(o.start, o.end) for o in occurrences] + persistent
    absorbed += [(s, e) for _, s, e in descriptors]
    sentence_words, clause_words, care = next(found), next(found), next(found)
    ctx = _Context(norm, _blank(norm, absorbed), sentence_words, clause_words, later)
    part_starts = [p[0] for p in parts]

    persistent_starts = [p[0] for p in persistent]
    if any(o.finding.startswith("dur_") for o in occurrences) and _SITTING_WORD.search(norm):
        occurrences = [
            o
            for o in occurrences
            if not (o.finding.startswith("dur_") and _sitting_time(norm, ctx, o))
        ]
    for kind, start, end in descriptors:
        if kind in _THING_KINDS and _describes_a_thing(norm, kind, start, end):
            continue
        part = _attach(parts, part_starts, ctx, start, end)
        target = _ATTACH[kind].get(part)
        if target is None:
            continue
        hint = target.startswith("?")
        if target == "where_calf" and norm.startswith(("cramp", "spasm"), start):
            target = "_calf_cramp"  # cramps that come and go are not the clot picture
        occurrences.append(_Occurrence(target.lstrip("?"), start, end, hint=hint))
        if target == "where_calf" or (target == "_pain" and part == "leg"):
            sentence = ctx.sentence_of(start)
            k = bisect_left(persistent_starts, sentence[0])
            if k < len(persistent_starts) and persistent_starts[k] < sentence[1]:
                occurrences.append(_Occurrence("calf_pain_one_leg", start, end))

    judged: dict[str, Status] = {}
    evidence: list[Evidence] = []
    rank = {"yes": 4, "unsure": 3, "hypothetical": 2, "resolved": 1, "negated": 0, "generic": 0}
    for occ in sorted(occurrences, key=lambda o: (o.start, o.finding)):
        if judged.get(occ.finding) == "yes":
            continue  # already certain: another mention cannot change the reading
        status = ctx.judge(occ)
        if occ.finding not in _STATES | _RECENT_ONLY and status in ("resolved", "unsure"):
            status = "yes"  # history and hedges are fine for what is not a warning sign
        evidence.append(Evidence(occ.finding, status, occ.start, occ.end))
        if occ.finding not in judged or rank[status] > rank[judged[occ.finding]]:
            judged[occ.finding] = status
    findings = _combine(judged, norm)

    named = tuple(
        dict.fromkeys(
            topic
            for topic, start, _ in sorted(topic_hits, key=lambda t: t[1])
            if not ctx.any_in("neg", ctx.clause_of(start)[0], start)
        )
    )
    symptom = bool(findings - _NOT_A_SYMPTOM) or any(
        status in ("yes", "unsure", "resolved")
        for finding, status in judged.items()
        if finding in _STATES or finding == "_pain"
    )
    if not symptom and parts:
        symptom = any(
            ctx.judge(_Occurrence("_other", m.start(), m.end()))
            not in ("negated", "hypothetical", "generic")
            for m in _OTHER_SYMPTOMS_SCANNER.scan(norm)[0][0]
        )
    needs_check = any(f.startswith("unsure:") for f in findings) or bool(
        care or ("ER" in text and _ER_UPPER.search(text[:MAX_CHARS]))
    )
    language = _language(text, norm, bool(findings) or symptom)
    if not symptom:
        return Reading(
            findings=findings,
            tier=None,
            topics=named,
            evidence=tuple(evidence),
            needs_check=needs_check,
            language=language,
            named_topics=named,
        )
    outcome = assess(findings)
    if outcome.tier in ("urgent", "emergency"):
        topics = outcome.topics
    else:
        topics = tuple(dict.fromkeys((*named, *outcome.topics)))
    return Reading(
        findings=findings,
        tier=outcome.tier,
        topics=topics,
        evidence=tuple(evidence),
        needs_check=needs_check,
        language=language,
        named_topics=named,
        rules=outcome.rules,
    )


def _describes_a_thing(norm: str, kind: str, start: int, end: int) -> bool:
    """ "the cold floor", "a hot bath", "I have a cold": not a description of the leg."""
    if _THING_AFTER.match(norm, end):
        return True
    return kind == "cold" and _ILLNESS.search(norm, max(0, start - 8), start) is not None


def _sitting_time(norm: str, ctx: _Context, occ: _Occurrence) -> bool:
    """A duration that says how long someone sat or travelled ("in the car for ages")."""
    clause = ctx.clause_of(occ.start)
    window = norm[max(clause[0], occ.start - _SITTING_REACH) : occ.start]
    return _SITTING_FOR.search(window) is not None


def _combine(judged: dict[str, Status], norm: str) -> frozenset[str]:
    """Turn judged occurrences into finding ids, with the knee and calf combinations."""
    yes = {f for f, s in judged.items() if s == "yes"}
    maybe = {f for f, s in judged.items() if f in _STATES and s in ("unsure", "hypothetical")}

    # A hot or red knee that is also swollen; either alone is only a hint.
    swell, hot = judged.get("_knee_swell"), judged.get("_knee_hot")
    if swell == "yes" and hot == "yes":
        yes.add("knee_hot_red_swollen")
    elif hot in ("yes", "unsure"):
        maybe.add("knee_hot_red_swollen")
    # Numbness: new numbness is an emergency; long-standing tingling from the back is not.
    if "_numb" in yes or "_numb" in maybe:
        sciatica = "back_pain_sciatica" in yes and not _FRESH.search(norm)
        if not sciatica:
            (yes if "_numb" in yes else maybe).add("leg_numb_weak")
    # One painful calf with a clot risk factor: the clot picture without visible swelling.
    if "where_calf" in yes and yes & CLOT_RISK_FACTORS:
        yes.add("calf_pain_one_leg")
    elif "where_behind" in yes and yes & CLOT_RISK_FACTORS:
        maybe.add("calf_pain_one_leg")  # near the calf: ask rather than guess
    if "_calf_cramp" in yes:
        yes.add("where_calf")
    # Where it hurts decides the topic: stairs, squats and sitting point to runner's knee only
    # when the pain is at the front; behind the knee or in the calf they do not.
    if yes & {"where_behind", "where_calf"} and "where_front" not in yes:
        yes -= {"worse_stairs_squat", "onset_after_sitting"}
    # Durations: keep the longest one said.
    for longer, shorter in (
        ("dur_gt2w", "dur_3d_2w"),
        ("dur_gt2w", "dur_lt3d"),
        ("dur_3d_2w", "dur_lt3d"),
    ):
        if longer in yes:
            yes.discard(shorter)

    result: set[str] = set()
    for finding in yes:
        if finding in FINDINGS:
            result.add(finding)
    for finding in maybe - yes:
        if finding in WARNING_SIGNS:
            result.add(unsure(finding))
        elif finding in FINDINGS:
            result.add(finding)
    return frozenset(result)


# --------------------------------------------------------------------------------------------
# A compact code for a set of findings (for a button: finding ids only, never the text)
# --------------------------------------------------------------------------------------------

_CODE_VOCABULARY: tuple[str, ...] = (
    *sorted(FINDINGS),
    *sorted(unsure(sign) for sign in WARNING_SIGNS),
)
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_FINGERPRINT = "".join(
    _DIGITS[(zlib.crc32(" ".join(_CODE_VOCABULARY).encode()) >> shift) % 36] for shift in (0, 8)
)
"""Two characters that change when the vocabulary changes, so old buttons are not misread."""


def encode_findings(findings: AbstractSet[str]) -> str:
    """A short code for `findings` (base 36, at most 18 characters); unknown ids are left out."""
    mask = 0
    for index, finding in enumerate(_CODE_VOCABULARY):
        if finding in findings:
            mask |= 1 << index
    digits = ""
    while True:
        mask, digit = divmod(mask, 36)
        digits = _DIGITS[digit] + digits
        if mask == 0:
            break
    return _FINGERPRINT + digits


def decode_findings(code: str) -> frozenset[str] | None:
    """The findings of a code from `encode_findings`; None when it is forged or stale."""
    if len(code) < 3 or len(code) > 24 or not code.startswith(_FINGERPRINT):
        return None
    if any(c not in _DIGITS for c in code):
        return None
    mask = int(code[2:], 36)
    if mask >> len(_CODE_VOCABULARY):
        return None
    return frozenset(f for i, f in enumerate(_CODE_VOCABULARY) if mask >> i & 1)
