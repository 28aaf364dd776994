"""The tiers: how soon someone should get care. The one definition; everything else imports it.

A `Tier` is a `StrEnum`, so it is stored, encoded in outcome codes and compared with the same
words it always had ("self_care", "gp_soon", "urgent", "emergency"), and a stored code reads
back as the same member. Nothing here imports `telegram`.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["TIERS", "Tier", "tier_rank"]


class Tier(StrEnum):
    """How soon to get care, least to most urgent (the order of `TIERS`)."""

    SELF_CARE = "self_care"
    """Look after it at home; a GP or physio if it is not better in a few weeks."""
    GP_SOON = "gp_soon"
    """Book a GP appointment within days."""
    URGENT = "urgent"
    """Get seen the same day (an urgent GP appointment, NHS 111, urgent care or A&E)."""
    EMERGENCY = "emergency"
    """Call 999 / 112 / 911 now."""

    @property
    def rank(self) -> int:
        """0 for self_care up to 3 for emergency."""
        return TIERS.index(self)

    @property
    def same_day(self) -> bool:
        """True for urgent and emergency: care today, and no two-day check-in."""
        return self in (Tier.URGENT, Tier.EMERGENCY)


TIERS: tuple[Tier, ...] = tuple(Tier)
"""Every tier, least to most urgent."""


def tier_rank(tier: Tier | str) -> int:
    """0 for self_care up to 3 for emergency (also for the tier's plain word)."""
    return Tier(tier).rank
