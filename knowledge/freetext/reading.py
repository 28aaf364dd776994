"""What a message says: a `Reading`, and the `Evidence` behind it (never the text itself)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from knowledge.findings import WARNING_SIGNS
from knowledge.tiers import Tier

__all__ = ["MAX_CHARS", "Evidence", "Language", "Reading", "Status"]

Status = Literal["yes", "negated", "resolved", "unsure", "hypothetical", "generic"]
"""How a phrase was meant: said for certain, denied, over, in doubt, imagined ("what if"), or
about nobody in particular ("can a clot kill you?")."""
Language = str
"""The code of the lexicon that read the message ("en"), or "other" when it looks like a
language the reader has no lexicon for."""

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
