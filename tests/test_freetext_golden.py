"""Every message of the golden snapshot is read exactly as when the snapshot was taken.

The safety net for changes made for speed: findings, tier, topics, needs_check and language
(and the evidence, rules and named topics) of some three thousand messages must not move.
See `tests/freetext_golden.py` for the messages and how to re-take the snapshot.
"""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.freetext import MAX_CHARS, interpret
from tests.freetext_corpus import CASES
from tests.freetext_golden import load, messages, record

ROWS = load()


def test_the_snapshot_covers_the_corpus_long_messages_and_odd_unicode() -> None:
    texts = [text for text, _ in ROWS]
    assert texts == messages(), "the snapshot was taken from the seeded message list"
    assert {case.text for case in CASES} <= set(texts)
    assert len(texts) >= 3000
    assert sum(len(t) >= MAX_CHARS for t in texts) >= 100
    assert any(any(0xD800 <= ord(c) <= 0xDFFF for c in t) for t in texts), "lone surrogates"
    tiers = {reading["tier"] for _, reading in ROWS}
    assert tiers == {None, "self_care", "gp_soon", "urgent", "emergency"}
    assert sum(reading["needs_check"] for _, reading in ROWS) >= 100
    assert any(reading["language"] == "other" for _, reading in ROWS)


CHUNK = 250


@pytest.mark.parametrize(
    "chunk",
    [ROWS[i : i + CHUNK] for i in range(0, len(ROWS), CHUNK)],
    ids=[f"from{i}" for i in range(0, len(ROWS), CHUNK)],
)
def test_every_reading_is_unchanged(chunk: list[tuple[str, dict[str, Any]]]) -> None:
    differing = [
        (text[:100], expected, got)
        for text, expected in chunk
        if (got := record(interpret(text))) != expected
    ]
    assert not differing, f"{len(differing)} readings changed, first: {differing[0]}"
