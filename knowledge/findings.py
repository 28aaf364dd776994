"""The findings vocabulary: every fact about a person's symptoms that the bot can learn.

Everything that learns about someone's knee, the quiz, a typed message, a check-in answer,
turns what it learned into a set of finding ids from this one vocabulary, and hands that set to
`knowledge.triage.assess`. A finding is a plain statement that is true of the person *now*
("my calf is swollen"), never a diagnosis.

A set may also hold ``unsure:<id>`` for a warning sign the person could not answer yes or no
(see `unsure`). Nothing here imports `telegram`.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from types import MappingProxyType

from knowledge.warning_signs import EMERGENCY_SIGNS, SAME_DAY_SIGNS, SIGNS, WARNING_SIGNS

__all__ = [
    "CLOT_RISK_FACTORS",
    "DURATION",
    "EMERGENCY_SIGNS",
    "FINDINGS",
    "KNEE_LOOKS",
    "ONSET",
    "SAME_DAY_SIGNS",
    "UNSURE_PREFIX",
    "WARNING_SIGNS",
    "WHERE",
    "describe",
    "is_known",
    "unsure",
    "unsure_of",
]

UNSURE_PREFIX = "unsure:"

_RISK: dict[str, str] = {
    "recent_surgery": "an operation or a hospital stay in the last 3 months",
    "long_travel_or_immobile": (
        "a journey of more than about 4 hours, bed rest, or not able to move much (a leg in a "
        "cast or brace) in the last 4 weeks"
    ),
    "pregnant_or_postpartum": "pregnant, or gave birth in the last 6 weeks",
    "hormones": "taking the combined pill or HRT",
    "previous_clot": "has had a blood clot before (DVT or a clot on the lung)",
    "cancer": "has cancer or is having treatment for it",
    "smoker": "smokes",
    "overweight": "is very overweight",
}
"""The NHS list of what makes a blood clot in the leg more likely (NHS "DVT"; UCLH DVT leaflet:
travel of more than about 4 hours), in one place: the quiz's risk question, the clot rules and
the free-text reader all use it."""

_WHERE: dict[str, str] = {
    "where_behind": "the pain is at the back of the knee",
    "where_front": "the pain is at the front of the knee, around or behind the kneecap",
    "where_side": "the pain is at the inner or outer side of the knee",
    "where_calf": "the pain is in the calf, below the back of the knee",
    "where_whole": "the whole knee hurts",
}

_ONSET: dict[str, str] = {
    "onset_injury": "it started with an injury: a twist, a fall or a blow",
    "onset_overuse": "it started after doing more than usual: sport, running, a long walk",
    "onset_gradual": "it came on gradually, with no clear reason",
    "onset_after_sitting": "it is worse after sitting for a long time",
}

_DURATION: dict[str, str] = {
    "dur_lt3d": "it has hurt for less than 3 days",
    "dur_3d_2w": "it has hurt for 3 days to 2 weeks",
    "dur_gt2w": "it has hurt for more than 2 weeks",
    "recurring": "the pain keeps coming back",
}

_OTHER: dict[str, str] = {
    "lump_behind": "a lump or swelling at the back of the knee",
    "lump_growing_or_pulsing": "a lump behind the knee that keeps growing or throbs with the pulse",
    "cramps_come_go": "sudden tight cramps in the calf or thigh that come and go",
    "clicks_catches": "the knee clicks, catches or feels like something is caught",
    "gives_way": "the knee gives way or buckles",
    "stiff_after_rest": "the knee is stiff in the morning or after resting",
    "active_runner": "runs or does a lot of sport",
    "night_pain": "the pain is bad at night or wakes the person up",
    "worse_stairs_squat": "worse on stairs, squatting or kneeling",
    "pain_bending_pushing": "hurts when bending the knee or pushing off, as in running or jumping",
    "back_pain_sciatica": "long-standing back pain with pain or tingling down the leg",
    "child_limp_fever": (
        "a child or teenager with a limp or knee pain and a fever, or who won't put weight on "
        "the leg"
    ),
    "knee_swollen_thinners": (
        "a swollen, painful knee after even a small knock, while taking blood thinners"
    ),
    "night_pain_weight_loss": (
        "pain that wakes the person at night, with weight loss they can't explain or a history "
        "of cancer"
    ),
    "calf_claudication": (
        "cramping pain in the calf on walking that eases within a few minutes of rest"
    ),
    "blood_thinners": "takes blood thinners (anticoagulants such as warfarin or apixaban)",
    "weight_loss": "has lost weight without trying",
    "child": "the person with the pain is a child or teenager",
    "older_or_diabetes_ra_joint": (
        "older age, diabetes, rheumatoid arthritis, or a joint replacement in that knee"
    ),
}


CLOT_RISK_FACTORS: frozenset[str] = frozenset(_RISK)
KNEE_LOOKS: frozenset[str] = frozenset(
    {"knee_hot_red_swollen", "knee_very_swollen", "knee_hot_or_red"}
)
"""Signs a person checks by comparing both knees; a doubt that remains is not a same-day case."""
WHERE: frozenset[str] = frozenset(_WHERE)
ONSET: frozenset[str] = frozenset(_ONSET)
DURATION: frozenset[str] = frozenset(_DURATION)

FINDINGS: Mapping[str, str] = MappingProxyType(
    {
        **{sign.id: sign.description for sign in SIGNS},
        **_RISK,
        **_WHERE,
        **_ONSET,
        **_DURATION,
        **_OTHER,
    }
)
"""Every finding id -> a plain description of what it means (true of the person now)."""


def unsure(finding: str) -> str:
    """The id for "I'm not sure" about a warning sign, e.g. ``unsure:calf_swollen``."""
    if finding not in WARNING_SIGNS:
        raise ValueError(f"only warning signs can be unsure, not {finding!r}")
    return UNSURE_PREFIX + finding


def unsure_of(findings: AbstractSet[str]) -> frozenset[str]:
    """The warning signs a person said they were not sure about."""
    return frozenset(
        f[len(UNSURE_PREFIX) :]
        for f in findings
        if f.startswith(UNSURE_PREFIX) and f[len(UNSURE_PREFIX) :] in WARNING_SIGNS
    )


def is_known(finding: str) -> bool:
    """True for a finding id of this vocabulary or ``unsure:`` of a warning sign."""
    if finding.startswith(UNSURE_PREFIX):
        return finding[len(UNSURE_PREFIX) :] in WARNING_SIGNS
    return finding in FINDINGS


def describe(finding: str) -> str:
    """A plain description of a finding id (``unsure:`` ones included)."""
    if finding.startswith(UNSURE_PREFIX):
        return "not sure whether: " + FINDINGS[finding[len(UNSURE_PREFIX) :]]
    return FINDINGS[finding]
