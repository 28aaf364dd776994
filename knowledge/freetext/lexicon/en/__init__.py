"""English: the words people use for pain behind the knee, British and American."""

from __future__ import annotations

from types import SimpleNamespace

from knowledge.freetext.lexicon import lexicon_from
from knowledge.freetext.lexicon.en import body, common, cues, durations, phrases, spelling, topics

LEXICON = lexicon_from(
    "en",
    alphabet="abcdefghijklmnopqrstuvwxyz",
    script=r"\x00-\u024f",
    fold={},
    cramp_words=("cramp", "spasm"),
    body=body,
    cues=cues,
    phrases=phrases,
    words=SimpleNamespace(
        COMMON_WORDS=common.COMMON_WORDS,
        BEFORE_PUNCT=spelling.BEFORE_PUNCT,
        SPELLING=spelling.SPELLING,
        DURATIONS=durations.DURATIONS,
        TOPICS=topics.TOPICS,
    ),
)
