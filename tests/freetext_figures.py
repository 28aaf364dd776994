"""How well `knowledge.freetext.interpret` reads the corpus: ``python -m tests.freetext_figures``.

Figures (targets in brackets):
- warning-sign recall: warning messages that reach urgent or emergency (100%);
- emergency exactness: every expected emergency is one, and nothing else is (100%);
- asks when unsure: uncertain messages that make the bot ask (100%);
- over-triage: ordinary and negated messages sent to urgent or emergency (<= 10%);
- topic agreement: an acceptable topic first or second (>= 85%);
- no symptom -> None: "hi", "thanks", questions, other languages (100%).

``--set PATH`` scores a JSON Lines file of messages written outside the project (fields
``text``, ``kind``, ``tier``, ``topics``; see `load_set`) instead of the corpus; give it more
than once for several files. ``--fuzzy`` also measures the alternative that was not chosen:
correcting every word within edit distance 1 of a vocabulary word (what `rapidfuzz` would be
used for), and lists the everyday words it would turn into symptom words. ``--misses`` lists
the cases that miss.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge.freetext import Reading, interpret
from tests.freetext_corpus import CASES, Case

DATA = Path(__file__).parent / "data"
TUNING = DATA / "freetext_tuning.jsonl"
"""Messages written by helpers who had not seen the reader, read while the lexicon changed."""
HELD_OUT_FIRST = DATA / "freetext_heldout_first.jsonl"
"""360 messages written blind by other helpers, scored once (figures in bench/README.md and the
closing note of issue 18), then read: from then on a second tuning set."""
HELD_OUT = DATA / "freetext_heldout.jsonl"
"""300 messages written blind by a third group of helpers, scored once when the lexicon work
was done and only then added to the tests."""

SAME_DAY = ("urgent", "emergency")


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    hits: int
    total: int
    target: str
    ok: bool

    @property
    def percent(self) -> float:
        return 100.0 * self.hits / self.total if self.total else 100.0


def load_set(path: Path) -> list[Case]:
    """The cases of a JSON Lines file: one object a line with ``text``, ``kind`` (as in
    `tests.freetext_corpus`), ``tier`` (null for none) and ``topics`` (a list of keys), and
    optionally ``language`` (the lexicon that should read it: "en" unless given)."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            kind = row["kind"]
            language = row.get("language", "other" if kind == "other_language" else "en")
            cases.append(Case(row["text"], row["tier"], tuple(row["topics"]), kind, language))
    return cases


def topic_ok(case: Case, reading: Reading) -> bool:
    """An acceptable topic is first or second (no topics expected: none given)."""
    if not case.topics:
        return not reading.topics
    return bool(set(reading.topics[:2]) & set(case.topics))


def check(case: Case, reading: Reading) -> list[str]:
    """What is wrong with a reading for a case (empty: nothing)."""
    problems: list[str] = []
    if case.kind == "warning" and reading.tier not in SAME_DAY:
        problems.append(f"missed warning sign: tier {reading.tier}")
    if (case.tier == "emergency") != (reading.tier == "emergency") and case.kind != "unsure":
        problems.append(f"emergency mismatch: expected {case.tier}, got {reading.tier}")
    if case.kind == "unsure" and not reading.needs_check:
        problems.append("did not ask")
    if case.kind in ("ordinary", "negated") and reading.tier in SAME_DAY:
        problems.append(f"over-triage: {reading.tier}")
    if case.kind in ("none", "other_language") and reading.tier is not None:
        problems.append(f"no symptom but tier {reading.tier}")
    if case.kind == "other_language" and reading.language != "other":
        problems.append("language not detected")
    if case.kind != "other_language" and reading.language != case.language:
        problems.append(f"{case.language} read as {reading.language}")
    return problems


def figures(
    cases: Sequence[Case] = CASES, read: Callable[[str], Reading] = interpret
) -> list[Figure]:
    readings = [(case, read(case.text)) for case in cases]

    def rate(name: str, target: str, minimum: float, pairs: Iterable[tuple[Case, bool]]) -> Figure:
        results = [ok for _, ok in pairs]
        figure = Figure(name, sum(results), len(results), target, True)
        ok = figure.percent >= minimum
        return Figure(name, figure.hits, figure.total, target, ok)

    warning = [(c, r.tier in SAME_DAY) for c, r in readings if c.kind == "warning"]
    emergency = [
        (c, (c.tier == "emergency") == (r.tier == "emergency"))
        for c, r in readings
        if c.kind != "unsure"
    ]
    asks = [(c, r.needs_check) for c, r in readings if c.kind == "unsure"]
    calm = [(c, r.tier in SAME_DAY) for c, r in readings if c.kind in ("ordinary", "negated")]
    topics = [(c, topic_ok(c, r)) for c, r in readings if c.kind != "other_language"]
    none = [(c, r.tier is None) for c, r in readings if c.kind in ("none", "other_language")]
    language = [(c, r.language == c.language) for c, r in readings]
    over = Figure(
        "over-triage (ordinary + negated)",
        sum(ok for _, ok in calm),
        len(calm),
        "<= 10%",
        sum(ok for _, ok in calm) * 10 <= len(calm),
    )
    return [
        rate("warning-sign recall", "100%", 100, warning),
        rate("emergency exactness", "100%", 100, emergency),
        rate("asks when unsure", "100%", 100, asks),
        over,
        rate("topic agreement (1st or 2nd)", ">= 85%", 85, topics),
        rate("no symptom -> None", "100%", 100, none),
        rate("language detected", "100%", 100, language),
    ]


def table(rows: Sequence[Figure]) -> str:
    lines = [f"{'figure':34} {'value':>8} {'count':>9}  {'target':8} ok"]
    for f in rows:
        mark = "yes" if f.ok else "NO"
        lines.append(f"{f.name:34} {f.percent:7.1f}% {f.hits:>4}/{f.total:<4}  {f.target:8} {mark}")
    return "\n".join(lines)


# ---- the road not taken: fuzzy matching --------------------------------------------------

_VOCABULARY = (  # noqa: SIM905
    "calf calves knee knees leg legs foot feet toes shin ankle thigh hamstring swollen swelling "
    "hot warm red cold pale white blue numb tingling weak pain hurts ache sore cramp cramps "
    "breath breathe chest blood cough fever locked stuck straighten weight walk severe lump "
    "cyst surgery flight pregnant pill clot"
).split()


def _within_one(a: str, b: str) -> bool:
    """Levenshtein distance <= 1, the cheap way."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def fuzzy_correct(text: str) -> str:
    """Replace every word within edit distance 1 of a vocabulary word by that word."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        if lower in _VOCABULARY or len(lower) < 3:
            return word
        for known in _VOCABULARY:
            if _within_one(lower, known):
                return known
        return word

    return re.sub(r"[A-Za-z]+", fix, text)


def fuzzy_report(cases: Sequence[Case] = CASES) -> str:
    changed: dict[str, str] = {}
    for case in cases:
        for word in re.findall(r"[A-Za-z]+", case.text):
            fixed = fuzzy_correct(word)
            if fixed != word:
                changed[word.lower()] = fixed
    start = time.perf_counter()
    for case in cases:
        fuzzy_correct(case.text)
    per_message = (time.perf_counter() - start) / len(cases) * 1e6
    rows = figures(cases, lambda text: interpret(fuzzy_correct(text)))
    pairs = ", ".join(f"{a}->{b}" for a, b in sorted(changed.items()))
    return (
        "With fuzzy correction (edit distance 1) before reading:\n"
        + table(rows)
        + f"\ncost: {per_message:.0f} us per corpus message before reading\n"
        + f"words it changes: {pairs}"
    )


def _sets(argv: Sequence[str]) -> list[tuple[str, list[Case]]]:
    paths = [Path(argv[i + 1]) for i, arg in enumerate(argv[:-1]) if arg == "--set"]
    if paths:
        return [(str(path), load_set(path)) for path in paths]
    sets = [("project corpus", list(CASES))]
    sets += [
        (path.name, load_set(path)) for path in (TUNING, HELD_OUT_FIRST, HELD_OUT) if path.exists()
    ]
    return sets


def main(argv: Sequence[str] = ()) -> int:
    ok = True
    for name, cases in _sets(argv):
        rows = figures(cases)
        ok = ok and all(f.ok for f in rows)
        print(f"{name}: {len(cases)} messages")
        print(table(rows))
        print()
        if "--misses" in argv:
            _print_misses(cases)
    if "--fuzzy" in argv:
        print(fuzzy_report())
    return 0 if ok else 1


def _print_misses(cases: Sequence[Case]) -> None:
    for case in cases:
        reading = interpret(case.text)
        problems = check(case, reading)
        if not topic_ok(case, reading) and case.kind != "other_language":
            problems.append(f"topics {reading.topics} not in {case.topics}")
        if problems:
            print(f"- [{case.kind}] {case.text!r}: {'; '.join(problems)}")
            print(f"    findings: {sorted(reading.findings)}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
