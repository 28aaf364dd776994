"""Short labels for the warning signs, for the "Do any of these apply right now?" buttons."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["SIGN_LABELS"]

SIGN_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "breathless": "Short of breath",
        "chest_pain": "Chest pain or tightness",
        "coughing_blood": "Coughing up blood",
        "foot_cold_pale": "Foot cold, pale or blue",
        "leg_numb_weak": "Foot or leg suddenly weak",
        "leg_tingling": "New tingling or numbness",
        "knee_hot_or_red": "Knee hot or red",
        "calf_swollen": "Calf or leg swollen",
        "calf_warm_red": "Calf warm, red or darker",
        "calf_pain_one_leg": "Calf pain that won't go",
        "veins_hard_sore": "Hard, sore veins",
        "cant_bear_weight": "Can't put weight on it",
        "severe_pain": "Pain too bad to use the leg",
        "knee_locked": "Knee stuck, won't straighten",
        "pop_then_swelling": "A pop, then swelling",
        "knee_deformed": "Knee looks out of shape",
        "knee_hot_red_swollen": "Knee hot, red and swollen",
        "fever_unwell": "Fever, shivery or very unwell",
        "knee_very_swollen": "Knee very swollen",
        "serious_injury": "Bad injury, bone showing",
        "pain_under_cast": "Pain worse under a cast",
        "cauda_equina": "Numb bottom or can't pee",
    }
)
"""A short button label (under 30 characters) for every warning sign."""
