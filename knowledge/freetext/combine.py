"""How the pieces read in a message combine into findings: data, applied in order.

Two tables, both shown to clinicians in ``docs/triage-rules.md`` (`knowledge.triage_table`):

- `ATTACH`: what a descriptor means on each body part ("swollen" on the calf is
  ``calf_swollen``; on the knee it is only a part of ``knee_hot_red_swollen``). A leading "?"
  makes it a hint, always read as unsure ("weak" on the leg).
- `COMBINATIONS`: rules over what was read, each with a note on why. A rule fires when every
  finding in `when` was read with one of the given statuses, at least one of `when_any` was
  read for sure (when given), and none of `unless` was read for sure. It then `gives` a finding
  (for sure, as unsure, or as sure as its first `when`) and `drops` others. Rules run in order
  and see what earlier rules gave; a finding given both for sure and as unsure is sure.

Names that start with "_" are parts, not findings: ``_knee_swell``, ``_knee_hot``, ``_numb``,
``_calf_cramp``, ``_pain``, and ``_fresh`` (the message calls something new or sudden).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from knowledge.findings import CLOT_RISK_FACTORS, FINDINGS, WARNING_SIGNS, unsure
from knowledge.freetext.reading import Status

__all__ = ["ATTACH", "COMBINATIONS", "STATES", "Combination", "combine"]

STATES = WARNING_SIGNS | {"_knee_swell", "_knee_hot", "_numb"}
"""Warning signs and the parts they are made of: read with care for negation, past and doubt."""

# Which finding a descriptor means on which body part; "?" in front: only a hint (unsure).
ATTACH: Mapping[str, Mapping[str | None, str]] = {
    "swell": {
        "calf": "calf_swollen",
        "leg": "calf_swollen",
        "foot": "?calf_swollen",
        "behind": "lump_behind",
        "lump": "lump_behind",
        "knee": "_knee_swell",
        None: "_knee_swell",
    },
    "very": {
        "calf": "calf_swollen",
        "leg": "calf_swollen",
        "foot": "?calf_swollen",
        "behind": "knee_very_swollen",
        "lump": "lump_behind",  # a lump "like a water balloon" is a lump, not a swollen knee
        "knee": "knee_very_swollen",
        None: "knee_very_swollen",
    },
    "hot": {
        "calf": "calf_warm_red",
        "leg": "calf_warm_red",
        "behind": "_knee_hot",
        "lump": "_knee_hot",
        "knee": "_knee_hot",
        None: "_knee_hot",
    },
    "red": {
        "calf": "calf_warm_red",
        "leg": "calf_warm_red",
        "foot": "?calf_warm_red",
        "behind": "_knee_hot",
        "lump": "_knee_hot",
        "knee": "_knee_hot",
        None: "_knee_hot",
    },
    "cold": {"calf": "foot_cold_pale", "leg": "foot_cold_pale", "foot": "foot_cold_pale"},
    "pale": {"calf": "foot_cold_pale", "leg": "foot_cold_pale", "foot": "foot_cold_pale"},
    "numb": {
        "calf": "_numb",
        "leg": "_numb",
        "foot": "_numb",
        "behind": "_numb",
        "knee": "_numb",
        "lump": "_numb",
        None: "_numb",
    },
    "weak": {"calf": "?leg_numb_weak", "leg": "?leg_numb_weak", "foot": "leg_numb_weak"},
    "pain": {
        "calf": "where_calf",
        "leg": "_pain",
        "foot": "_pain",
        "behind": "where_behind",
        "lump": "_pain",
        "knee": "_pain",
        None: "_pain",
    },
}

SURE: frozenset[Status] = frozenset({"yes"})
DOUBT: frozenset[Status] = frozenset({"unsure", "hypothetical"})
ANY: frozenset[Status] = SURE | DOUBT


@dataclass(frozen=True, slots=True)
class Combination:
    """One rule over what a message was read to say (see the module's docstring)."""

    name: str
    when: Mapping[str, frozenset[Status]]
    note: str
    when_any: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    gives: str | None = None
    certainty: Literal["sure", "unsure", "as read"] = "sure"
    drops: tuple[str, ...] = field(default=())


COMBINATIONS: tuple[Combination, ...] = (
    Combination(
        "hot_swollen_knee",
        {"_knee_swell": SURE, "_knee_hot": SURE},
        gives="knee_hot_red_swollen",
        note="A knee that is both swollen and hot or red is the septic-arthritis picture.",
    ),
    Combination(
        "hot_knee_hint",
        {"_knee_hot": frozenset({"yes", "unsure"})},
        gives="knee_hot_red_swollen",
        certainty="unsure",
        note="Hot or red without swelling said: the bot asks whether it is swollen too.",
    ),
    Combination(
        "hot_or_red_knee_said",
        {"_knee_hot": SURE},
        gives="knee_hot_or_red",
        note="A knee said to be hot or red is a same-day case whatever the swelling "
        "(septic arthritis 'should always be suspected', Patient.info).",
    ),
    Combination(
        "new_numbness",
        {"_numb": ANY},
        unless=("back_pain_sciatica",),
        gives="leg_tingling",
        certainty="as read",
        note="New numbness or pins and needles in the leg: same day; with a cold pale foot, "
        "weakness or an injury the rules make it an emergency (clinician's review item 5).",
    ),
    Combination(
        "new_numbness_with_sciatica",
        {"_numb": ANY, "back_pain_sciatica": SURE, "_fresh": SURE},
        gives="leg_tingling",
        certainty="as read",
        note="Long-standing sciatica tingling is not new; tingling called new or sudden is.",
    ),
    Combination(
        "painful_calf_at_risk",
        {"where_calf": SURE},
        when_any=tuple(sorted(CLOT_RISK_FACTORS)),
        gives="calf_pain_one_leg",
        certainty="unsure",
        note="A painful calf with a clot risk factor: the bot asks whether it is throbbing "
        "pain in one leg that stays (the clot picture) rather than guess; night cramps that "
        "come and go are not.",
    ),
    Combination(
        "painful_back_of_knee_at_risk",
        {"where_behind": SURE},
        when_any=tuple(sorted(CLOT_RISK_FACTORS)),
        gives="calf_pain_one_leg",
        certainty="unsure",
        note="Near the calf, with a clot risk factor: ask rather than guess.",
    ),
    Combination(
        "calf_cramp_is_calf_pain",
        {"_calf_cramp": SURE},
        gives="where_calf",
        note="A calf cramp says where it hurts, but cramps that come and go are not clot pain.",
    ),
    Combination(
        "night_pain_with_weight_loss",
        {"night_pain": SURE},
        when_any=("weight_loss", "cancer"),
        gives="night_pain_weight_loss",
        note="Pain at night with weight loss or a history of cancer: a GP this week (NICE NG12).",
    ),
    Combination(
        "swollen_knee_on_thinners",
        {"blood_thinners": SURE},
        when_any=("_knee_swell", "knee_very_swollen", "knee_hot_red_swollen", "lump_behind"),
        gives="knee_swollen_thinners",
        note="On blood thinners a swollen knee can be bleeding into the joint: same day (NHS).",
    ),
    Combination(
        "child_fever_or_not_standing",
        {"child": SURE},
        when_any=("fever_unwell", "cant_bear_weight"),
        gives="child_limp_fever",
        note="In a child, knee pain can come from the hip: same day with a fever or not "
        "standing (NICE CKS acute childhood limp).",
    ),
    Combination(
        "front_decides_runners_knee",
        {},
        when_any=("where_behind", "where_calf"),
        unless=("where_front",),
        drops=("worse_stairs_squat", "onset_after_sitting"),
        note="Stairs, squats and sitting point to runner's knee only when the pain is at the "
        "front; behind the knee or in the calf they do not.",
    ),
    Combination(
        "longest_duration_weeks",
        {"dur_gt2w": SURE},
        drops=("dur_3d_2w", "dur_lt3d"),
        note="Keep the longest duration said.",
    ),
    Combination(
        "longest_duration_days",
        {"dur_3d_2w": SURE},
        drops=("dur_lt3d",),
        note="Keep the longest duration said.",
    ),
)


_RULES = tuple(
    (rule, tuple(rule.when.items()), frozenset(rule.when_any), frozenset(rule.unless))
    for rule in COMBINATIONS
)


def combine(judged: Mapping[str, Status]) -> frozenset[str]:
    """The finding ids of a message, from how each finding and part was judged."""
    sure = {f for f, s in judged.items() if s == "yes"}
    doubt = {f for f, s in judged.items() if s in DOUBT and f in STATES}
    for rule, when, when_any, unless in _RULES:
        fires = True
        for finding, allowed in when:
            if ("yes" if finding in sure else judged.get(finding)) not in allowed:
                fires = False
                break
        if not fires:
            continue
        if (when_any and when_any.isdisjoint(sure)) or not unless.isdisjoint(sure):
            continue
        if rule.gives is not None:
            certain = rule.certainty == "sure" or (
                rule.certainty == "as read" and bool(when) and when[0][0] in sure
            )
            (sure if certain else doubt).add(rule.gives)
        sure.difference_update(rule.drops)
    result = {f for f in sure if f in FINDINGS}
    for finding in doubt - sure:
        if finding in WARNING_SIGNS:
            result.add(unsure(finding))
        elif finding in FINDINGS:
            result.add(finding)
    return frozenset(result)
