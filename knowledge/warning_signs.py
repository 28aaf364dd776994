"""The warning signs: every sign that needs care today, in one place.

Each `Sign` is a finding id (the vocabulary of `knowledge.findings`) with what a person sees of
it: a plain description (the rules' table and the quiz), a short button label (the free-text
reader's "Do any of these apply right now?"), its seriousness (`emergency`: call 999 / 112 /
911; otherwise the same day) and the group it shows in. `SIGNS` is ordered most serious first,
and that order is the one every screen asks in.

A `SignGroup` is what a person can tick at a glance: /doctor lists the groups, and the
check-in's "About the same" and "Worse" answers ask about them again, one tap each. Every sign
belongs to exactly one group. Nothing here imports `telegram`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "EMERGENCY_SIGNS",
    "SAME_DAY_SIGNS",
    "SIGNS",
    "SIGNS_BY_ID",
    "SIGN_LABELS",
    "WARNING_SIGNS",
    "WARNING_SIGN_GROUPS",
    "WARNING_SIGN_GROUPS_BY_KEY",
    "Sign",
    "SignGroup",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Sign:
    """One warning sign. `id` is its finding id; `label` fits a button (at most 30 characters)."""

    id: str
    label: str
    description: str
    emergency: bool
    group: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SignGroup:
    """Warning signs a person can tick at a glance, in the words of /doctor and the re-check.

    ``key`` is a short id for callback data; ``label`` a button label; ``text`` the full
    sentence. ``emergency=True``: call 999 / 112 / 911 now; otherwise get seen the same day.
    """

    key: str
    label: str
    text: str
    emergency: bool
    sources: tuple[str, ...]

    @property
    def findings(self) -> tuple[str, ...]:
        """The signs of this group: someone who picks it has at least one of them."""
        return tuple(sign.id for sign in SIGNS if sign.group == self.key)


def _signs(*signs: Sign) -> tuple[Sign, ...]:
    return signs


SIGNS: tuple[Sign, ...] = _signs(
    Sign(
        id="breathless",
        label="Short of breath",
        description="new shortness of breath, or more than usual on walking or stairs",
        emergency=True,
        group="breath",
    ),
    Sign(
        id="chest_pain",
        label="Chest pain or tightness",
        description="chest pain or tightness, often worse when breathing in",
        emergency=True,
        group="breath",
    ),
    Sign(
        id="coughing_blood",
        label="Coughing up blood",
        description="coughing up blood",
        emergency=True,
        group="breath",
    ),
    Sign(
        id="foot_cold_pale",
        label="Foot cold, pale or blue",
        description="the foot or lower leg is suddenly cold, pale, white or blue",
        emergency=True,
        group="foot",
    ),
    Sign(
        id="leg_numb_weak",
        label="Foot or leg suddenly weak",
        description="the foot or leg is suddenly weak: it won't lift, or it drags",
        emergency=True,
        group="foot",
    ),
    Sign(
        id="serious_injury",
        label="Bad injury, bone showing",
        description=(
            "after a fall, crash or hard blow: a bone through the skin, a leg that looks broken, "
            "or a leg that cannot be moved"
        ),
        emergency=True,
        group="injury",
    ),
    Sign(
        id="pain_under_cast",
        label="Pain worse under a cast",
        description=(
            "severe pain that keeps getting worse under a cast or tight bandage, or far worse than "
            "the injury"
        ),
        emergency=True,
        group="injury",
    ),
    Sign(
        id="cauda_equina",
        label="Numb bottom or can't pee",
        description=(
            "numbness around the bottom or genitals, or new trouble peeing or with the bowels"
        ),
        emergency=True,
        group="saddle",
    ),
    Sign(
        id="calf_swollen",
        label="Calf or leg swollen",
        description="the calf or lower leg is swollen, usually in one leg",
        emergency=False,
        group="calf",
    ),
    Sign(
        id="calf_warm_red",
        label="Calf warm, red or darker",
        description="warm, red or darker skin over the painful area",
        emergency=False,
        group="calf",
    ),
    Sign(
        id="calf_pain_one_leg",
        label="Calf pain that won't go",
        description=(
            "throbbing or cramping pain in one calf or thigh that does not go away, often worse on "
            "walking or standing"
        ),
        emergency=False,
        group="calf",
    ),
    Sign(
        id="leg_tingling",
        label="New tingling or numbness",
        description="new numbness or pins and needles in the foot or leg",
        emergency=False,
        group="tingle",
    ),
    Sign(
        id="veins_hard_sore",
        label="Hard, sore veins",
        description="swollen veins that are hard or sore to touch",
        emergency=False,
        group="calf",
    ),
    Sign(
        id="knee_hot_red_swollen",
        label="Knee hot, red and swollen",
        description="the knee is hot, red and swollen",
        emergency=False,
        group="hotknee",
    ),
    Sign(
        id="knee_hot_or_red",
        label="Knee hot or red",
        description="the knee is hot or red (swelling not said)",
        emergency=False,
        group="hotknee",
    ),
    Sign(
        id="fever_unwell",
        label="Fever, shivery or very unwell",
        description="a fever, feeling hot and shivery, or feeling very unwell",
        emergency=False,
        group="hotknee",
    ),
    Sign(
        id="cant_bear_weight",
        label="Can't put weight on it",
        description="cannot put weight on the leg",
        emergency=False,
        group="weight",
    ),
    Sign(
        id="severe_pain",
        label="Pain too bad to use the leg",
        description="pain so bad the leg cannot be used",
        emergency=False,
        group="weight",
    ),
    Sign(
        id="knee_locked",
        label="Knee stuck, won't straighten",
        description="the knee is stuck and will not straighten fully",
        emergency=False,
        group="locked",
    ),
    Sign(
        id="pop_then_swelling",
        label="A pop, then swelling",
        description="a pop at the time of an injury, then swelling soon after",
        emergency=False,
        group="locked",
    ),
    Sign(
        id="knee_deformed",
        label="Knee looks out of shape",
        description="the knee looks misshapen or out of place",
        emergency=False,
        group="locked",
    ),
    Sign(
        id="knee_very_swollen",
        label="Knee very swollen",
        description="the knee is very swollen",
        emergency=False,
        group="locked",
    ),
)
"""Every warning sign, most serious first: the emergency ones, then the same-day ones."""

WARNING_SIGN_GROUPS: tuple[SignGroup, ...] = (
    SignGroup(
        key="breath",
        label="😮\u200d💨 Breathless or chest pain",
        text="Sudden breathlessness, chest pain or coughing up blood",
        emergency=True,
        sources=("nhs_pe", "nhs_dvt"),
    ),
    SignGroup(
        key="foot",
        label="🦶 Foot cold, pale or numb",
        text="Foot suddenly cold, pale, blue or weak",
        emergency=True,
        sources=("hnz_limb_ischaemia", "nhs_knee_pain"),
    ),
    SignGroup(
        key="injury",
        label="🦴 Bad injury or pain in a cast",
        text="A bone through the skin, a leg that looks broken, or worsening pain in a cast",
        emergency=True,
        sources=("nhs_broken_leg", "nhs_compartment"),
    ),
    SignGroup(
        key="saddle",
        label="🚽 Numb bottom, or can't pee",
        text="Numb around your bottom or genitals, or new trouble peeing",
        emergency=True,
        sources=("nhs_cauda_equina",),
    ),
    SignGroup(
        key="calf",
        label="🦵 Calf swollen, red or throbbing",
        text="A swollen, warm, red or darker calf, sore hard veins, or calf pain that stays",
        emergency=False,
        sources=("nhs_dvt",),
    ),
    SignGroup(
        key="tingle",
        label="🪡 New tingling or numbness",
        text="New tingling or numbness (999 if also cold, pale or weak, or after an injury)",
        emergency=False,
        sources=("hnz_limb_ischaemia", "nhs_sciatica"),
    ),
    SignGroup(
        key="hotknee",
        label="🔥 Knee hot, red and swollen",
        text="Knee hot, red and swollen, with or without a fever (an infection? with a fever: A&E)",
        emergency=False,
        sources=("nhs_septic_arthritis", "patient_hot_joints"),
    ),
    SignGroup(
        key="weight",
        label="🚫 Can't put weight on it",
        text="Can't stand on the leg, or pain too bad to use it",
        emergency=False,
        sources=("nhs_knee_pain",),
    ),
    SignGroup(
        key="locked",
        label="🔒 Knee stuck or very swollen",
        text="Knee stuck, very swollen or misshapen, or swollen after a pop",
        emergency=False,
        sources=("nhs_knee_pain",),
    ),
)
"""The groups, emergency ones first, in the order /doctor lists them."""

SIGNS_BY_ID: Mapping[str, Sign] = MappingProxyType({sign.id: sign for sign in SIGNS})
SIGN_LABELS: Mapping[str, str] = MappingProxyType({sign.id: sign.label for sign in SIGNS})
"""A short button label for every warning sign."""
WARNING_SIGN_GROUPS_BY_KEY: Mapping[str, SignGroup] = MappingProxyType(
    {group.key: group for group in WARNING_SIGN_GROUPS}
)
EMERGENCY_SIGNS: frozenset[str] = frozenset(s.id for s in SIGNS if s.emergency)
"""Any of these alone means call 999 / 112 / 911."""
SAME_DAY_SIGNS: frozenset[str] = frozenset(s.id for s in SIGNS if not s.emergency)
"""Signs that need a same-day assessment (some, in combination, an emergency)."""
WARNING_SIGNS: frozenset[str] = EMERGENCY_SIGNS | SAME_DAY_SIGNS
"""Every sign that may need care today: the ones a person may answer "not sure" to."""


def _check() -> None:
    if len(SIGNS_BY_ID) != len(SIGNS):
        raise ValueError("warning-sign ids must be unique")
    for sign in SIGNS:
        group = WARNING_SIGN_GROUPS_BY_KEY.get(sign.group)
        if group is None or group.emergency != sign.emergency:
            raise ValueError(f"{sign.id}: its group must exist and be as serious as the sign")
        if len(sign.label) > 30:
            raise ValueError(f"{sign.id}: label longer than 30 characters")
    if [s.emergency for s in SIGNS] != sorted((s.emergency for s in SIGNS), reverse=True):
        raise ValueError("SIGNS must list the emergency signs first")
    if any(not group.findings for group in WARNING_SIGN_GROUPS):
        raise ValueError("every group needs at least one sign")


_check()
