"""The lexicons are data the engine can trust: every name they use is known, every pattern
compiles and can be found by the scanner, and the English lexicon is the one `interpret` uses."""

from __future__ import annotations

import re

import pytest

from knowledge.findings import DURATION, FINDINGS, WARNING_SIGNS
from knowledge.freetext import READER
from knowledge.freetext.combine import ATTACH, COMBINATIONS, STATES
from knowledge.freetext.lexicon import CUE_CATEGORIES, LEXICONS, Lexicon
from knowledge.freetext.scanner import word_starts_of
from knowledge.topics import TOPIC_NAMES

PARTS = ("behind", "knee", "calf", "leg", "foot", "lump")
LEXICON_LIST = sorted(LEXICONS.items())


def test_english_is_found_and_is_what_interpret_reads_with() -> None:
    assert "en" in LEXICONS
    assert READER.lexicon is LEXICONS["en"]


@pytest.mark.parametrize(("code", "lexicon"), LEXICON_LIST)
def test_every_name_in_a_lexicon_is_known(code: str, lexicon: Lexicon) -> None:
    assert lexicon.code == code
    assert set(lexicon.phrases) <= set(FINDINGS)
    assert set(lexicon.hints) <= WARNING_SIGNS  # a hint is only ever an unsure warning sign
    assert set(lexicon.durations) <= DURATION
    assert set(lexicon.topics) <= set(TOPIC_NAMES)
    assert set(lexicon.cues) == set(CUE_CATEGORIES)
    assert set(lexicon.parts) == set(PARTS) == set(lexicon.part_priority)
    assert set(lexicon.descriptors) | {"very"} == set(ATTACH)


@pytest.mark.parametrize(("code", "lexicon"), LEXICON_LIST)
def test_every_pattern_compiles_and_can_be_indexed(code: str, lexicon: Lexicon) -> None:
    sources = [
        *(p.pattern for p in lexicon.phrases.values()),
        *lexicon.hints.values(),
        *lexicon.durations.values(),
        *lexicon.topics.values(),
        *lexicon.parts.values(),
        *lexicon.descriptors.values(),
        *lexicon.cues.values(),
        lexicon.very,
        lexicon.persistent,
    ]
    for source in sources:
        if not source and source in lexicon.cues.values():
            continue  # a cue category the language has none of
        pattern = re.compile(source)
        assert word_starts_of(pattern) is not None, source[:60]
    for _, source, _ in lexicon.before_punct:
        re.compile(source)


def test_attach_and_combinations_name_only_findings_and_parts() -> None:
    parts = {"_knee_swell", "_knee_hot", "_numb", "_calf_cramp", "_pain", "_fresh"}
    for targets in ATTACH.values():
        assert set(targets) <= {*PARTS, None}
        assert {t.lstrip("?") for t in targets.values()} <= set(FINDINGS) | parts
    for rule in COMBINATIONS:
        named = {*rule.when, *rule.when_any, *rule.unless, *rule.drops}
        if rule.gives:
            named.add(rule.gives)
        assert named <= set(FINDINGS) | parts, rule.name
        assert rule.note
    assert STATES >= WARNING_SIGNS
