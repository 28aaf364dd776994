"""Spanish: the words people use for pain behind the knee, in Spain and Latin America."""

from __future__ import annotations

from knowledge.freetext.lexicon import lexicon_from
from knowledge.freetext.lexicon.es import body, cues, phrases, words

LEXICON = lexicon_from(
    "es",
    alphabet="abcdefghijklmnopqrstuvwxyz",
    script=r"\x00-\u024f",
    fold={},
    cramp_words=("calambre", "rampa", "espasmo", "contractura"),
    body=body,
    cues=cues,
    phrases=phrases,
    words=words,
)
