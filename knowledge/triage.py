"""The one rule set: findings in, a tier and what to show out.

PROVISIONAL: this file fixes the interface (`Tier`, `Outcome`, `assess`) so the quiz, free text
and the check-in can be built against it; the real rules, as data with sources, replace the
body of `assess`.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Literal

from knowledge.findings import EMERGENCY_SIGNS, SAME_DAY_SIGNS

__all__ = ["TIERS", "Outcome", "Tier", "assess"]

Tier = Literal["emergency", "urgent", "gp_soon", "self_care"]
TIERS: tuple[Tier, ...] = ("self_care", "gp_soon", "urgent", "emergency")
"""Every tier, least to most urgent."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the rules say about a set of findings.

    `tier`: emergency (999/112/911 now), urgent (same day), gp_soon (book within days),
    self_care. `topics`: topic keys, most relevant first. `reasons`: plain sentences saying
    why. `advice`: what to do, the first line first. `rules`: ids of the rules that fired.
    """

    tier: Tier
    topics: tuple[str, ...]
    reasons: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()


def assess(findings: AbstractSet[str]) -> Outcome:
    """PROVISIONAL placeholder for the rule set."""
    if findings & EMERGENCY_SIGNS:
        return Outcome("emergency", ("doctor",))
    if findings & SAME_DAY_SIGNS:
        return Outcome("urgent", ("doctor",))
    return Outcome("self_care", ("causes",))
