"""Portuguese: the words people use for pain behind the knee, in Brazil and Portugal."""

from __future__ import annotations

from knowledge.freetext.lexicon import lexicon_from
from knowledge.freetext.lexicon.pt import body, cues, phrases, words

LEXICON = lexicon_from(
    "pt",
    alphabet="abcdefghijklmnopqrstuvwxyz",
    script=r"\x00-\u024f",
    fold={},
    cramp_words=("caibra", "caimbra", "camba", "espasmo", "contratura"),
    body=body,
    cues=cues,
    phrases=phrases,
    words=words,
)
