"""Russian: the words people use for pain behind the knee, in all their cases and forms."""

from __future__ import annotations

from knowledge.freetext.lexicon import lexicon_from
from knowledge.freetext.lexicon.ru import body, cues, phrases, words

LEXICON = lexicon_from(
    "ru",
    alphabet="абвгдежзийклмнопрстуфхцчшщъыьэюя",
    script=r"\u0400-\u04ff",
    fold={"ё": "е"},
    cramp_words=("судорог", "свел", "сводит", "спазм"),
    body=body,
    cues=cues,
    phrases=phrases,
    words=words,
)
