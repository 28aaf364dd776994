"""Reading free text: the corpus figures, the reading rules one by one, and properties."""

from __future__ import annotations

import dataclasses
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.findings import EMERGENCY_SIGNS, FINDINGS, WARNING_SIGNS, is_known
from knowledge.freetext import MAX_CHARS, Reading, interpret, normalise
from knowledge.freetext.lexicon import LEXICONS
from knowledge.freetext.scanner import Scanner, at_word_start, word_starts_of
from knowledge.tiers import tier_rank
from tests.freetext_corpus import CASES, Case
from tests.freetext_figures import HELD_OUT, HELD_OUT_FIRST, TUNING, check, figures, load_set

SAME_DAY = ("urgent", "emergency")


def _rank(reading: Reading) -> int:
    return -1 if reading.tier is None else tier_rank(reading.tier)


# ---- the corpus -----------------------------------------------------------------------------


def test_corpus_is_big_and_varied_enough() -> None:
    kinds = [c.kind for c in CASES]
    assert len(CASES) >= 200
    assert kinds.count("warning") >= 60
    assert kinds.count("negated") >= 30
    assert kinds.count("ordinary") >= 80
    assert kinds.count("none") >= 10
    assert len({c.text for c in CASES}) == len(CASES), "no message twice"
    topics = {t for c in CASES for t in c.topics}
    assert topics <= {"causes", "cramps", "cyst", "runners", "other", "stretch", "rice"} | {
        "facts",
        "doctor",
    }


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.text[:40])
def test_each_corpus_message(case: Case) -> None:
    """The 100% figures hold message by message (over-triage is a rate, tested below)."""
    reading = interpret(case.text)
    problems = [p for p in check(case, reading) if not p.startswith("over-triage")]
    assert problems == [], sorted(reading.findings)
    assert all(is_known(f) for f in reading.findings)


def test_corpus_figures_meet_their_targets() -> None:
    rows = {f.name: f for f in figures()}
    assert rows["warning-sign recall"].percent == 100
    assert rows["emergency exactness"].percent == 100
    assert rows["asks when unsure"].percent == 100
    assert rows["over-triage (ordinary + negated)"].percent <= 10
    assert rows["topic agreement (1st or 2nd)"].percent >= 85
    assert rows["no symptom -> None"].percent == 100
    assert all(f.ok for f in rows.values()), rows


# ---- normalising ----------------------------------------------------------------------------


def test_normalise_folds_case_quotes_emoji_repeats_and_spellings() -> None:
    assert normalise("My CLAF is sooo SWOLEN 😭😭!!!") == "my calf is so swollen!!!"
    assert normalise("I can\u2019t walk") == "i cannot walk"
    assert normalise("w/o any fever") == "without any fever"
    assert normalise("sent to A&E") == "sent to ae"
    assert normalise("x" * 10_000) == "xx"  # cut to 4096, then repeats folded


# ---- reading, one rule at a time ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I can't catch my breath", "breathless"),
        ("my foot went white and cold", "foot_cold_pale"),
        ("calf is hot and fat since the flight", "calf_swollen"),
        ("calf is hot and fat since the flight", "calf_warm_red"),
        ("pins and needles in my foot", "leg_tingling"),
        ("the back of my leg is swollen", "calf_swollen"),
        ("my shin is swollen", "calf_swollen"),
        ("coughing up blood", "coughing_blood"),
        ("knee won't straighten", "knee_locked"),
        ("heard a pop and it swelled up", "pop_then_swelling"),
        ("my knee is hot, red and swollen", "knee_hot_red_swollen"),
    ],
)
def test_everyday_words_find_warning_signs(text: str, finding: str) -> None:
    assert finding in interpret(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "no swelling",
        "my calf is not swollen",
        "without any swelling",
        "no redness, swelling or heat in my calf",
        "calf isn't swollen, i checked",
        "the swelling in my calf went down",
        "calf was swollen last year",
    ],
)
def test_negated_or_past_swelling_does_not_fire(text: str) -> None:
    findings = interpret(text).findings
    assert "calf_swollen" not in findings
    assert "unsure:calf_swollen" not in findings


def test_negation_reaches_a_list_but_not_a_new_clause() -> None:
    assert interpret("no fever, chills or shivering").findings.isdisjoint({"fever_unwell"})
    reading = interpret("no fever, my calf is red")
    assert "fever_unwell" not in reading.findings
    assert "calf_warm_red" in reading.findings


def test_a_sign_after_a_resolved_one_still_counts() -> None:
    reading = interpret("my calf was swollen last week, it went away, now my knee is locked")
    assert "knee_locked" in reading.findings
    assert "calf_swollen" not in reading.findings


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("maybe my calf is a bit swollen?", "calf_swollen"),
        ("what if my leg goes numb", "leg_tingling"),
        ("my calf was swollen yesterday", "calf_swollen"),
        ("could it be a blood clot", "calf_pain_one_leg"),
        ("i can barely walk", "cant_bear_weight"),
    ],
)
def test_doubt_asks_instead_of_guessing(text: str, sign: str) -> None:
    reading = interpret(text)
    assert f"unsure:{sign}" in reading.findings
    assert sign not in reading.findings
    assert reading.needs_check
    assert reading.tier != "emergency"  # a doubt is never a 999 call


def test_asking_about_a_and_e_or_the_er_makes_the_bot_check() -> None:
    assert interpret("should I go to A&E with this knee pain").needs_check
    assert interpret("do i need the ER for knee pain").needs_check
    assert not interpret("my knee hurts after running").needs_check


def test_past_events_and_risk_factors_count_but_old_ones_do_not() -> None:
    assert "recent_surgery" in interpret("calf sore, had knee surgery 3 weeks ago").findings
    assert "recent_surgery" not in interpret("knee surgery 10 years ago, calf sore").findings
    assert "previous_clot" in interpret("I had a DVT before").findings


def test_sciatica_tingling_is_not_new_numbness() -> None:
    reading = interpret("long standing sciatica with tingling down my leg")
    assert "back_pain_sciatica" in reading.findings
    assert "leg_tingling" not in reading.findings
    assert "leg_tingling" in interpret("tingling down my leg since today").findings


def test_no_symptom_has_no_tier_but_may_name_topics() -> None:
    assert interpret("hi").tier is None
    reading = interpret("what is a bakers cyst?")
    assert reading.tier is None
    assert reading.topics == ("cyst",)


def test_other_languages_are_noticed() -> None:
    assert interpret("j'ai mal au genou depuis deux jours").language == "other"
    assert interpret("Mein Knie tut seit zwei Tagen weh").language == "other"
    assert interpret("болит колено").language == "ru"
    assert interpret("me duele la rodilla desde hace dos dias").language == "es"
    assert interpret("my knee hurts").language == "en"
    assert interpret("ok").language == "en"


def test_tier_and_topics_come_from_the_rules() -> None:
    reading = interpret("my calf is swollen and hot and I can't catch my breath")
    assert reading.tier == "emergency"
    assert reading.topics == ("doctor",)
    assert reading.rules  # the triage rules that fired
    cramps = interpret("i get calf cramps at night")
    assert cramps.tier == "self_care"
    assert cramps.topics[0] == "cramps"


def test_evidence_explains_the_reading_without_the_text() -> None:
    reading = interpret("no swelling but my foot went white")
    norm = normalise("no swelling but my foot went white")
    by_finding = {(e.finding, e.status) for e in reading.evidence}
    assert ("foot_cold_pale", "yes") in by_finding
    swelling = [e for e in reading.evidence if e.status == "negated"]
    assert swelling and norm[swelling[0].start : swelling[0].end] == "swelling"
    field_names = {f.name for f in dataclasses.fields(Reading)}
    assert "text" not in field_names


def test_a_long_message_is_read_to_its_limit() -> None:
    tail = "I can't breathe properly"
    filler = ("my knee has been a bit sore after long walks with the dog. " * 80)[
        : MAX_CHARS - len(tail)
    ]
    message = filler + tail
    assert len(message) == MAX_CHARS
    reading = interpret(message)
    assert "breathless" in reading.findings
    assert reading.tier == "emergency"
    beyond = interpret(filler * 2 + tail)
    assert "breathless" not in beyond.findings  # past Telegram's limit: not a real message


# ---- properties -----------------------------------------------------------------------------

WARNING_SENTENCES = [c.text for c in CASES if c.kind == "warning"]
ANY_MESSAGE = st.one_of(
    st.sampled_from([c.text for c in CASES]),
    st.text(max_size=300),
    st.lists(st.sampled_from(sorted(FINDINGS)), max_size=6).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(message=ANY_MESSAGE, warning=st.sampled_from(WARNING_SENTENCES))
def test_appending_a_warning_sign_never_lowers_the_tier(message: str, warning: str) -> None:
    before = interpret(message)
    after = interpret(message + ". " + warning)
    assert _rank(after) >= _rank(before)
    assert after.tier in SAME_DAY


_MARKS = [".", "!", "?", ";", "...", "!!", "?!", "!!!"]


def _reshuffle(text: str, rng: random.Random) -> str:
    """Random letter case, sentence marks swapped for others, curly quotes, emoji between words."""
    out: list[str] = []
    for ch in text:
        if ch in ".!?;":
            out.append(rng.choice(_MARKS))
        elif ch == "'":
            out.append(rng.choice(["'", "\u2019"]))
        elif ch == " " and rng.random() < 0.1:
            out.append(rng.choice([" 😩 ", " 🙏 ", "  "]))
        else:
            out.append(ch.upper() if rng.random() < 0.5 else ch.lower())
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(case=st.sampled_from(CASES), seed=st.integers(0, 2**32 - 1))
def test_case_and_punctuation_never_change_the_findings(case: Case, seed: int) -> None:
    shuffled = _reshuffle(case.text, random.Random(seed))
    assert interpret(shuffled).findings == interpret(case.text).findings


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=500))
def test_any_text_reads_without_error(text: str) -> None:
    reading = interpret(text)
    assert all(is_known(f) for f in reading.findings)
    assert reading.tier is None or reading.findings is not None
    if reading.findings & EMERGENCY_SIGNS:
        assert reading.tier == "emergency"
    if reading.findings & WARNING_SIGNS:
        assert reading.tier in SAME_DAY


# ---- the word-start index finds what a plain scan finds ------------------------------------


def _all_patterns() -> dict[str, re.Pattern[str]]:
    """Every pattern of every lexicon, by name."""
    found: dict[str, re.Pattern[str]] = {}
    for code, lexicon in LEXICONS.items():
        sources = {
            **{f"phrase:{f}": p.pattern for f, p in lexicon.phrases.items()},
            **{f"hint:{f}": p for f, p in lexicon.hints.items()},
            **{f"duration:{f}": p for f, p in lexicon.durations.items()},
            **{f"topic:{t}": p for t, p in lexicon.topics.items()},
            **{f"part:{k}": p for k, p in lexicon.parts.items()},
            **{f"descriptor:{k}": p for k, p in lexicon.descriptors.items()},
            **{f"cue:{k}": p for k, p in lexicon.cues.items()},
            "persistent": lexicon.persistent,
            "very": lexicon.very,
            "other_symptoms": lexicon.other_symptoms,
            "sentence_words": lexicon.sentence_words,
            "clause_words": lexicon.clause_words,
            "care": lexicon.care,
        }
        found.update({f"{code}:{name}": re.compile(p) for name, p in sources.items() if p})
    return found


PATTERNS = _all_patterns()
SCANNER = Scanner(PATTERNS)
WORDS = sorted({w for c in CASES for w in normalise(c.text).split()})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join))
def test_indexed_scanning_misses_nothing_a_plain_scan_finds(words: str) -> None:
    text = normalise(words)
    found, _ = SCANNER.scan(text)
    for name, pattern in PATTERNS.items():
        plain = {m.start() for m in pattern.finditer(text) if at_word_start(text, m.start())}
        indexed = {m.start() for m in found[name]}
        assert plain <= indexed, name


def test_every_pattern_is_indexed() -> None:
    assert [name for name, p in PATTERNS.items() if word_starts_of(p) is None] == []


# ---- every script is kept -------------------------------------------------------------------

_SCRIPTS = {
    "Cyrillic": (0x0430, 0x044F),
    "Greek": (0x03B1, 0x03C9),
    "Devanagari": (0x0905, 0x0939),
    "accented Latin": (0x00E0, 0x00FF),
}
_DEVANAGARI_SIGNS = "\u093e\u093f\u0940\u0941\u0942\u0947\u0948\u094b\u094c\u094d"


def _letters(text: str) -> list[str]:
    import unicodedata

    return [c for c in text if unicodedata.category(c)[0] in "LM"]


def _fold(text: str) -> str:
    import unicodedata

    folded = []
    for c in unicodedata.normalize("NFKC", text).casefold():
        if "\u00c0" <= c <= "\u024f":
            c = "".join(x for x in unicodedata.normalize("NFD", c) if not unicodedata.combining(x))
        folded.append(c)
    return re.sub(r"([a-z])\1\1+", r"\1\1", "".join(folded))  # "aaa" -> "aa", as normalise does


def _script_words(script: str) -> st.SearchStrategy[str]:
    low, high = _SCRIPTS[script]
    letters = [chr(cp) for cp in range(low, high + 1) if chr(cp).isalpha()]
    if script == "Devanagari":  # consonants with their vowel signs, as words are written
        syllable = st.tuples(st.sampled_from(letters), st.sampled_from(["", *_DEVANAGARI_SIGNS]))
        word = st.lists(syllable.map("".join), min_size=1, max_size=6).map("".join)
    else:  # a word that folds to one of the kept misspellings is rewritten, on purpose
        word = st.text(alphabet=letters, min_size=1, max_size=10).filter(
            lambda w: _fold(w) not in LEXICONS["en"].spelling
        )
    return st.lists(word, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=80, deadline=None)
@given(script=st.sampled_from(sorted(_SCRIPTS)), data=st.data())
def test_normalise_keeps_the_letters_of_every_script(script: str, data: st.DataObject) -> None:
    text = data.draw(_script_words(script))
    upper = text.upper()
    assert _letters(normalise(text)) == _letters(_fold(text)), script
    assert _letters(normalise(upper)) == _letters(_fold(text)), "case changed the letters"
    assert normalise(text + "!!! 😭") == normalise(text) + "!!!"  # marks kept, emoji dropped


def test_normalise_folds_latin_accents_only() -> None:
    assert normalise("me duele detrás de la rodilla") == "me duele detras de la rodilla"
    assert normalise("Ёлка и йод") == "ёлка и йод"  # Cyrillic letters keep their marks
    assert normalise("घुटने के पीछे दर्द") == "घुटने के पीछे दर्द"
    assert normalise("CAFÉ naïve") == "cafe naive"
    assert normalise("болит под коленом, нога опухла") == "болит под коленом, нога опухла"


TUNING_CASES = load_set(TUNING)


@settings(max_examples=200, deadline=None)
@given(case=st.sampled_from(TUNING_CASES), seed=st.integers(0, 2**32 - 1))
def test_case_and_punctuation_never_change_the_findings_of_outside_messages(
    case: Case, seed: int
) -> None:
    shuffled = _reshuffle(case.text, random.Random(seed))
    assert interpret(shuffled).findings == interpret(case.text).findings


# ---- messages written outside the project ---------------------------------------------------

OUTSIDE_SETS = [TUNING, HELD_OUT_FIRST, HELD_OUT]


@pytest.mark.parametrize("path", OUTSIDE_SETS, ids=lambda p: p.stem)
def test_messages_written_outside_the_project_meet_the_targets(path: Path) -> None:
    """Issue 18's targets, on each set written blind by helpers who never saw the reader.

    These sets were scored once before they were read (figures in bench/README.md); since
    then they guard against regressions like the project's own corpus."""
    cases = load_set(path)
    rows = {f.name: f for f in figures(cases)}
    assert rows["warning-sign recall"].percent == 100.0
    assert rows["emergency exactness"].percent >= 95.0
    assert rows["over-triage (ordinary + negated)"].percent <= 10.0
    assert rows["no symptom -> None"].percent >= 95.0
    assert rows["topic agreement (1st or 2nd)"].percent >= 85.0
    assert len(cases) >= 200
