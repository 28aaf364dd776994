"""The triage rule table, as data: what `knowledge.triage.assess` applies.

Each `Rule` says when it fires (an AND of ORs of finding ids, never a NOT), the tier it sets,
why in plain words, what to do, which sources it follows and a note for the clinician; the
table is rendered for review as `docs/triage-rules.md` (``python -m knowledge.triage_table``).
`TOPIC_POINTS` rank the topics of an outcome without a warning sign, and `TOPIC_ADVICE` is the
line each suggested topic adds. Where a case is unclear, the rule takes the safer tier and
says why in its note. The function that applies all this sits beside it in
`knowledge.triage`. Nothing here imports `telegram`.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from types import MappingProxyType

from knowledge.findings import (
    CLOT_RISK_FACTORS,
    EMERGENCY_SIGNS,
    KNEE_LOOKS,
    SAME_DAY_SIGNS,
    is_known,
    unsure,
)
from knowledge.sources import SOURCES
from knowledge.texts import EMERGENCY_LINE, SEE_GP_WEEKS
from knowledge.tiers import Tier
from knowledge.topics import TOPIC_KEYS

__all__ = [
    "A_AND_E",
    "MAX_CODE_LEN",
    "RULES",
    "TODAY",
    "TOPIC_ADVICE",
    "TOPIC_POINTS",
    "Rule",
    "TopicPoints",
]

MAX_CODE_LEN = 32
"""The longest stored outcome code: ``<tier>:<rule id>`` must fit."""


# --- rules -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """One triage rule.

    `when` is a tuple of groups of finding ids: the rule fires when *every* group has at least
    one of its findings present (an AND of ORs, never a NOT, so adding findings can only fire
    more rules). `reason` says why in plain words; `advice` is what to do, the first line
    first; `sources` are keys of `SOURCES`; `note` is for the clinician reading the table.
    """

    id: str
    when: tuple[frozenset[str], ...]
    tier: Tier
    reason: str
    advice: tuple[str, ...]
    sources: tuple[str, ...]
    note: str
    topics: tuple[str, ...] = ("doctor",)

    def fires(self, findings: AbstractSet[str]) -> bool:
        return all(not group.isdisjoint(findings) for group in self.when)


def _any(*ids: str) -> frozenset[str]:
    return frozenset(ids)


def _unsure_all(ids: AbstractSet[str]) -> frozenset[str]:
    return frozenset(unsure(i) for i in ids)


_HOT_KNEE_OR_DOUBT = _any("knee_hot_red_swollen", *(unsure(s) for s in KNEE_LOOKS))
"""A hot, swollen knee, or a doubt about it that remains: with a fever or a risk factor for a
joint infection, a same-day case (clinician's review item 8)."""
_PAINFUL_CALF = _any("calf_pain_one_leg", "unsure:calf_pain_one_leg")
TODAY = "Ask for an urgent GP appointment today, or call NHS 111 (UK) or go to urgent care."
A_AND_E = "Go to A&E or an urgent treatment centre today (UK), or call NHS 111 for advice."
_IF_BREATHLESS = "If you become short of breath or get chest pain, call 999 / 112 / 911."
_WAIT_999 = (
    "Don't drive yourself. Unlock the door and keep your phone with you.",
    "Tell the call handler about your leg as well.",
)

RULES: tuple[Rule, ...] = (
    # -- emergency: call 999 / 112 / 911 ------------------------------------------------------
    Rule(
        id="clot_lung",
        when=(_any("breathless", "chest_pain", "coughing_blood"),),
        tier=Tier.EMERGENCY,
        reason=(
            "Breathlessness, chest pain or coughing up blood can mean a blood clot has "
            "reached the lungs."
        ),
        advice=(EMERGENCY_LINE, "Sit upright and stay as still and calm as you can.", *_WAIT_999),
        sources=("nhs_pe", "nhs_dvt"),
        note=(
            "With or without leg symptoms. NHS DVT: 999 or A&E for DVT symptoms with these. "
            "NHS PE: breathlessness from a clot is often on exertion (walking, stairs), and chest "
            "pain is worse on breathing in; the quiz asks about both."
        ),
    ),
    Rule(
        id="blocked_artery",
        when=(_any("foot_cold_pale"),),
        tier=Tier.EMERGENCY,
        reason=(
            "A foot or leg that is suddenly cold, pale, white or blue can mean its blood "
            "supply is blocked."
        ),
        advice=(
            EMERGENCY_LINE,
            "Keep the leg still and level; don't raise it or rub it.",
            *_WAIT_999,
        ),
        sources=("nhs_vascular_ali", "hnz_limb_ischaemia"),
        note=(
            "Acute limb ischaemia (six Ps). A condition of its own, so no milder rule can "
            "answer first: the tier is the highest of all rules that fire."
        ),
    ),
    Rule(
        id="new_numb_weak",
        when=(_any("leg_numb_weak"),),
        tier=Tier.EMERGENCY,
        reason=(
            "A foot or leg that is suddenly weak (it won't lift, or it drags) can mean its "
            "nerves or blood supply are being squeezed."
        ),
        advice=(EMERGENCY_LINE, "Keep the leg still and level.", *_WAIT_999),
        sources=("nhs_vascular_ali", "hnz_limb_ischaemia", "brief"),
        note=(
            "Paralysis is one of the six Ps. Clinician's review item 5: weakness, a cold pale "
            "foot or an injury keep numbness an emergency; new tingling alone with a warm, "
            "strong foot is same day (new_tingling)."
        ),
    ),
    Rule(
        id="numb_after_injury",
        when=(_any("leg_numb_weak", "leg_tingling"), _any("onset_injury")),
        tier=Tier.EMERGENCY,
        reason="Numbness or weakness after a knee injury can mean a nerve or artery was hurt.",
        advice=(EMERGENCY_LINE, "Don't try to straighten or move the knee.", *_WAIT_999),
        sources=("brief", "nhs_knee_pain"),
        note=("Brief: 'A&E or 999' for numbness after an injury: a nerve or artery may be hurt."),
    ),
    Rule(
        id="serious_injury",
        when=(_any("serious_injury"),),
        tier=Tier.EMERGENCY,
        reason=(
            "After a fall, crash or hard blow, a bone through the skin, a leg that looks broken "
            "or a leg you can't move needs emergency care."
        ),
        advice=(
            EMERGENCY_LINE,
            "Going straight to A&E is fine if someone can take you quickly and safely; don't "
            "drive yourself.",
            "Don't try to straighten the leg or push a bone back; cover a wound with something "
            "clean.",
        ),
        sources=("nhs_broken_leg", "nhs_when_ae", "review"),
        note=(
            "Clinician's review item 4: A&E or 999, never an urgent treatment centre. The "
            "emergency tier, with A&E allowed when the person can get there safely."
        ),
    ),
    Rule(
        id="compartment",
        when=(_any("pain_under_cast"),),
        tier=Tier.EMERGENCY,
        reason=(
            "Severe pain that keeps getting worse under a cast or tight bandage, or far worse "
            "than the injury, can mean pressure is building up in the muscles."
        ),
        advice=(
            EMERGENCY_LINE,
            "Or go straight to A&E now if you can get there quickly.",
            "Keep the leg level; don't raise it high.",
        ),
        sources=("nhs_compartment", "review"),
        note=(
            "Compartment syndrome until shown otherwise (NHS): A&E now. Emergency tier so the "
            "screen says now, not today."
        ),
    ),
    Rule(
        id="cauda_equina",
        when=(_any("cauda_equina"),),
        tier=Tier.EMERGENCY,
        reason=(
            "Numbness around the bottom or genitals, or new trouble peeing or with your bowels, "
            "can mean the nerves at the bottom of the spine are being squeezed."
        ),
        advice=(
            EMERGENCY_LINE,
            "Or go straight to A&E now; say you have back or leg pain with these signs.",
        ),
        sources=("nhs_cauda_equina", "nhs_sciatica", "review"),
        note="NHS: cauda equina syndrome is an emergency: A&E or 999 (clinician's review 6).",
    ),
    # -- urgent: same day --------------------------------------------------------------------
    Rule(
        id="clot_signs",
        when=(_any("calf_swollen", "calf_warm_red", "veins_hard_sore"),),
        tier=Tier.URGENT,
        reason=(
            "A swollen, warm or red calf, or hard sore veins, can be a blood clot (DVT). A burst "
            "Baker's cyst looks the same; only an examination can tell."
        ),
        advice=(TODAY, "Don't massage the leg until it has been checked.", _IF_BREATHLESS),
        sources=("nhs_dvt", "nhs_bakers_cyst", "nice_cks_dvt"),
        note="Any one sign, with or without risk factors. Darker skin may not look red.",
    ),
    Rule(
        id="clot_pain",
        when=(_any("calf_pain_one_leg"),),
        tier=Tier.URGENT,
        reason=(
            "Throbbing or cramping pain in one calf that doesn't go away is the first sign of a "
            "blood clot (DVT) the NHS lists, even without swelling."
        ),
        advice=(TODAY, "Don't massage the leg until it has been checked.", _IF_BREATHLESS),
        sources=("nhs_dvt", "nice_cks_dvt"),
        note=(
            "Safer tier: same day even without a risk factor, since many clots have no known "
            "cause. NHS DVT: the pain is throbbing or cramping, in one leg, and is often noticed "
            "on walking or standing, so pain on use counts. Cramps that come and go in both "
            "calves (at night, after exercise) are not this finding."
        ),
    ),
    Rule(
        id="clot_risk",
        when=(_PAINFUL_CALF, frozenset(CLOT_RISK_FACTORS)),
        tier=Tier.URGENT,
        reason=(
            "Calf pain together with a clot risk factor (an operation or hospital stay, a long "
            "journey or bed rest, pregnancy, the pill or HRT, an earlier clot, cancer, smoking, "
            "being very overweight) needs a same-day check for a blood clot, even without "
            "swelling."
        ),
        advice=(TODAY, "Tell them about the risk factor.", _IF_BREATHLESS),
        sources=("brief", "dvt_leaflets", "nice_cks_dvt", "nhs_dvt"),
        note=(
            "Brief: 'one painful calf plus any risk factor is a same-day case'. A painful calf is "
            "the NHS picture (throbbing or cramping pain in one leg that stays), asked on the "
            "first screen and in the calf check; cramps that come and go at night in pregnancy "
            "are common and self-care (NHS Leg cramps), so 'the pain is in the calf' alone is "
            "not enough. The risk factors are the NHS DVT list, in one place "
            "(knowledge/findings.py); a journey counts when it was over about 4 hours."
        ),
    ),
    Rule(
        id="clot_risk_behind",
        when=(_any("where_behind"), frozenset(CLOT_RISK_FACTORS)),
        tier=Tier.URGENT,
        reason=(
            "Pain behind the knee together with a clot risk factor needs a same-day check: a "
            "blood clot in the vein behind the knee can feel like this."
        ),
        advice=(TODAY, "Tell them about the risk factor.", _IF_BREATHLESS),
        sources=("nhs_dvt", "dvt_leaflets", "nice_cks_dvt"),
        note=(
            "Clinician's review: the popliteal vein runs behind the knee, and the NHS DVT page "
            "places the pain 'usually in the calf or thigh'; we take the safer tier for pain "
            "behind the knee with a risk factor. Over-triage is measured in the vignettes."
        ),
    ),
    Rule(
        id="hot_knee_fever",
        when=(_HOT_KNEE_OR_DOUBT, _any("fever_unwell")),
        tier=Tier.URGENT,
        reason="A hot, swollen knee with a fever or feeling very unwell can be a joint infection.",
        advice=(A_AND_E, "Don't wait to see whether it settles."),
        sources=("nhs_septic_arthritis", "brief"),
        note=(
            "Brief: 'with fever or feeling very unwell, A&E'. A&E is same-day care (urgent "
            "tier), not a 999 call; the advice line says A&E."
        ),
    ),
    Rule(
        id="hot_knee",
        when=(_any("knee_hot_red_swollen"),),
        tier=Tier.URGENT,
        reason=(
            "A hot, red, swollen knee can be an infection in the joint, with or without a fever."
        ),
        advice=(TODAY, "Don't wait to see whether it settles."),
        sources=("patient_hot_joints", "nhs_septic_arthritis", "nhs_knee_pain"),
        note="Septic arthritis 'should always be suspected' (Patient.info), even without fever.",
    ),
    Rule(
        id="hot_knee_at_risk",
        when=(
            _HOT_KNEE_OR_DOUBT,
            _any("older_or_diabetes_ra_joint"),
        ),
        tier=Tier.URGENT,
        reason=(
            "Older age, diabetes, rheumatoid arthritis or a joint replacement make a joint "
            "infection more likely in a hot, swollen knee."
        ),
        advice=(TODAY, "Don't wait to see whether it settles."),
        sources=("patient_hot_joints",),
        note="Risk factors for septic arthritis; same tier, clearer reason.",
    ),
    Rule(
        id="fever",
        when=(_any("fever_unwell"),),
        tier=Tier.URGENT,
        reason="Knee or leg pain with a fever, feeling hot and shivery or very unwell.",
        advice=(TODAY,),
        sources=("nhs_knee_pain", "nhs_septic_arthritis"),
        note="NHS Knee pain: urgent GP or 111 with a high temperature or feeling hot and shivery.",
    ),
    Rule(
        id="cant_bear_weight",
        when=(_any("cant_bear_weight", "severe_pain"),),
        tier=Tier.URGENT,
        reason="Not being able to stand on the leg, or pain too bad to use it, needs checking.",
        advice=(A_AND_E, "Rest the leg and keep it raised until it has been seen."),
        sources=("nhs_knee_pain",),
        note="A fracture or a bad injury must be ruled out.",
    ),
    Rule(
        id="locked_knee",
        when=(_any("knee_locked"),),
        tier=Tier.URGENT,
        reason="A knee that is stuck and won't straighten needs checking today.",
        advice=(TODAY, "Don't force it straight."),
        sources=("brief", "nhs_knee_pain", "nhs_trust_knee"),
        note="With or without an injury (a torn meniscus can block the joint).",
    ),
    Rule(
        id="knee_swollen_shape",
        when=(_any("knee_very_swollen", "knee_deformed", "pop_then_swelling"),),
        tier=Tier.URGENT,
        reason=(
            "A knee that is very swollen, looks out of shape, or swelled up quickly after a pop "
            "needs checking today: it can be a broken bone, a dislocation or a torn ligament."
        ),
        advice=(A_AND_E, "Rest it, keep it raised, and don't push it back into place."),
        sources=("nhs_knee_pain", "nhs_trust_knee", "brief"),
        note=(
            "NHS: A&E if very swollen or badly misshapen, even without an injury. A cold, pale "
            "or numb foot with it is 999 (above)."
        ),
    ),
    Rule(
        id="gave_way_injury",
        when=(_any("gives_way"), _any("onset_injury")),
        tier=Tier.URGENT,
        reason="A knee that gives way after an injury may have a torn ligament or cartilage.",
        advice=(TODAY, "Don't carry on with sport; rest and support the knee."),
        sources=("brief", "nhs_knee_pain"),
        note="Brief's red flags: 'gave way badly after an injury'.",
    ),
    Rule(
        id="pulsing_lump",
        when=(_any("lump_growing_or_pulsing"),),
        tier=Tier.URGENT,
        reason=(
            "A lump behind the knee that throbs with your pulse or keeps growing can be a "
            "swollen artery (an aneurysm)."
        ),
        advice=(
            "Ask for an urgent GP appointment today, or call NHS 111 (UK).",
            "Don't press or massage the lump.",
        ),
        sources=("cleveland_popliteal_aneurysm", "brief"),
        note="Brief: 'needs an urgent GP appointment', so the urgent tier.",
    ),
    Rule(
        id="new_tingling",
        when=(_any("leg_tingling"),),
        tier=Tier.URGENT,
        reason=(
            "New numbness or pins and needles in the foot or leg, with the foot warm and strong, "
            "needs checking today."
        ),
        advice=(
            TODAY,
            "If the foot turns cold, pale or blue, or goes weak, call 999 / 112 / 911.",
        ),
        sources=("nhs_vascular_ali", "nhs_sciatica", "review"),
        note=(
            "Clinician's review item 5: tingling alone (foot warm, no weakness, no injury) is a "
            "same-day matter, not 999. With a cold pale foot (blocked_artery), weakness "
            "(new_numb_weak) or after an injury (numb_after_injury) the tier is emergency. "
            "Long-standing sciatica tingling is not new and goes to sciatica (gp_soon)."
        ),
    ),
    Rule(
        id="hot_or_red_knee",
        when=(_any("knee_hot_or_red"),),
        tier=Tier.URGENT,
        reason="A knee that is hot or red can be an infection in the joint.",
        advice=(TODAY, "Don't wait to see whether it settles."),
        sources=("patient_hot_joints", "nhs_septic_arthritis"),
        note=(
            "Said in a typed message (the quiz asks about hot, red and swollen together): the "
            "person says the knee is hot or red, so the safer tier; a doubt after the quiz's "
            "back-of-hand check is unsure_knee (gp_soon)."
        ),
    ),
    Rule(
        id="child_hip",
        when=(_any("child_limp_fever"),),
        tier=Tier.URGENT,
        reason=(
            "A child or teenager with a limp or knee pain and a fever, or who won't stand on the "
            "leg, needs checking today: in children, knee pain can come from the hip."
        ),
        advice=(TODAY, "Tell them how old your child is and whether they have a temperature."),
        sources=("nhs_irritable_hip", "nice_cks_limp", "review"),
        note=(
            "NICE CKS acute childhood limp: same-day assessment with fever or not weight "
            "bearing; a slipped upper femoral epiphysis (8-15 years) shows as knee pain."
        ),
    ),
    Rule(
        id="thinners_knee",
        when=(_any("knee_swollen_thinners"),),
        tier=Tier.URGENT,
        reason=(
            "On blood thinners, a swollen, painful knee after even a small knock can be "
            "bleeding into the joint."
        ),
        advice=(TODAY, "Don't stop your blood thinner unless a doctor tells you to."),
        sources=("nhs_anticoagulants", "review"),
        note="NHS anticoagulants: get help for bleeding into a joint (clinician's review 6).",
    ),
    Rule(
        id="unsure_emergency",
        when=(_unsure_all(EMERGENCY_SIGNS),),
        tier=Tier.URGENT,
        reason=(
            "You weren't sure about a sign that can be serious, so it's best to talk it "
            "through with someone today."
        ),
        advice=(
            "Call NHS 111 (UK) or your GP now and describe what you notice.",
            "If you become short of breath, get chest pain, or your foot turns cold or pale, "
            "call 999 / 112 / 911.",
        ),
        sources=("brief",),
        note=(
            "Never 999 for a doubt (brief: 'not pushing every doubt to A&E'); same-day "
            "advice with a clear line for when to call 999."
        ),
    ),
    Rule(
        id="unsure_same_day",
        when=(_unsure_all(SAME_DAY_SIGNS - KNEE_LOOKS),),
        tier=Tier.URGENT,
        reason=(
            "You weren't sure about a sign that needs a same-day check, so it's best to ask today."
        ),
        advice=(
            "Call NHS 111 (UK) or your GP today; they can tell you whether you need to be seen.",
            _IF_BREATHLESS,
        ),
        sources=("brief",),
        note=(
            "The quiz first asks a plain check (compare both legs, take 4 steps) so most "
            "doubts resolve; only a doubt that remains gets same-day advice."
        ),
    ),
    # -- gp_soon: book within days ------------------------------------------------------------
    Rule(
        id="unsure_knee",
        when=(_unsure_all(KNEE_LOOKS),),
        tier=Tier.GP_SOON,
        reason=(
            "After comparing both knees you still weren't sure whether yours is hot or very "
            "swollen, so a GP should look at it in the next few days."
        ),
        advice=(
            "Book a GP appointment in the next few days.",
            "Get seen today if the knee becomes hot, red and swollen, you get a fever or feel "
            "shivery, or you can't put weight on it.",
        ),
        sources=("patient_hot_joints", "nhs_knee_pain", "review"),
        note=(
            "Clinician's review item 8: a doubt that remains after the back-of-hand and "
            "side-by-side check, with no fever and no risk factor, is a GP within days with "
            "explicit safety-netting. With a fever (hot_knee_fever) or a risk factor "
            "(hot_knee_at_risk) the doubt is same day; doubt about any emergency sign stays "
            "same day (unsure_emergency)."
        ),
        topics=("other",),
    ),
    Rule(
        id="new_lump",
        when=(_any("lump_behind"),),
        tier=Tier.GP_SOON,
        reason="Any new lump behind the knee is worth showing a GP.",
        advice=("Book a GP appointment in the next few days.",),
        sources=("nhs_bakers_cyst", "brief"),
        note="Usually a Baker's cyst; a GP can check. Pulsing or growing: urgent (above).",
        topics=("cyst",),
    ),
    Rule(
        id="long_pain",
        when=(_any("dur_gt2w"),),
        tier=Tier.GP_SOON,
        reason=f"Pain that hasn't got better after about {SEE_GP_WEEKS} weeks is worth a GP check.",
        advice=("Book a GP or physiotherapist appointment in the next few days.",),
        sources=("nhs_knee_pain",),
        note="NHS Knee pain: see a GP if not improved after 2 weeks of self-care.",
        topics=(),
    ),
    Rule(
        id="recurring",
        when=(_any("recurring"),),
        tier=Tier.GP_SOON,
        reason="Pain that keeps coming back is worth a GP check.",
        advice=("Book a GP or physiotherapist appointment in the next few days.",),
        sources=("nhs_knee_pain",),
        note="NHS Knee pain: see a GP if it keeps coming back.",
        topics=(),
    ),
    Rule(
        id="gives_way",
        when=(_any("gives_way"),),
        tier=Tier.GP_SOON,
        reason="A knee that gives way can have a cartilage or ligament problem.",
        advice=("Book a GP or physiotherapist appointment in the next few days.",),
        sources=("nhs_knee_pain", "cleveland_back_of_knee"),
        note="Without an injury; after an injury see gave_way_injury (urgent).",
        topics=("other",),
    ),
    Rule(
        id="night_pain_red_flag",
        when=(_any("night_pain_weight_loss"),),
        tier=Tier.GP_SOON,
        reason="Pain at night with weight loss or a past cancer should be checked by a GP soon.",
        advice=(
            "Book a GP appointment this week, and tell them about the night pain and the "
            "weight loss or cancer.",
        ),
        sources=("nhs_bone_cancer", "nice_ng12", "review"),
        note=(
            "NICE NG12: persistent bone pain, worse at night, or with weight loss or a cancer "
            "history needs assessing; a GP within days, not a same-day case."
        ),
        topics=("causes",),
    ),
    Rule(
        id="claudication",
        when=(_any("calf_claudication"),),
        tier=Tier.GP_SOON,
        reason=(
            "Calf pain on walking that eases within a few minutes of rest can be a circulation "
            "problem."
        ),
        advice=("Book a GP appointment in the next few days; it's more likely if you smoke.",),
        sources=("nhs_pad", "review"),
        note=(
            "NHS peripheral arterial disease: see a GP. Unlike a clot, the pain goes with rest "
            "and comes back at the same distance."
        ),
        topics=("causes",),
    ),
    Rule(
        id="sciatica",
        when=(_any("back_pain_sciatica"),),
        tier=Tier.GP_SOON,
        reason="Back pain with pain or tingling down the leg (sciatica) is worth a GP check.",
        advice=(
            "Book a GP appointment in the next few days.",
            "New numbness or weakness, or numbness around your bottom or genitals, needs "
            "999 or A&E.",
        ),
        sources=("nhs_sciatica", "brief"),
        note="Long-standing tingling from the back alone is a GP matter, not A&E (brief).",
        topics=("causes",),
    ),
)


# --- topics ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TopicPoints:
    """Points that one finding gives to topics, and the plain words for why."""

    finding: str
    points: Mapping[str, int]
    because: str


def _tp(finding: str, because: str, **points: int) -> TopicPoints:
    return TopicPoints(finding, MappingProxyType(points), because)


TOPIC_POINTS: tuple[TopicPoints, ...] = (
    _tp("where_behind", "it hurts behind the knee", cyst=2, other=1, causes=1),
    _tp("where_front", "it hurts at the front, around the kneecap", runners=3),
    _tp("where_side", "it hurts at the side of the knee", other=3, rice=1),
    _tp("where_calf", "the pain is in the calf", cramps=2, other=2),
    _tp("where_whole", "the whole knee hurts", causes=2, other=1),
    _tp("onset_injury", "it started with a fall, twist or blow", other=3, rice=3),
    _tp("onset_overuse", "it started after doing more than usual", other=2, rice=2, stretch=1),
    _tp("onset_gradual", "it came on gradually", causes=2, cyst=1),
    _tp("onset_after_sitting", "it's worse after sitting", runners=4),
    _tp("worse_stairs_squat", "it's worse on stairs or squatting", runners=4),
    _tp("dur_lt3d", "it started in the last few days", rice=2),
    _tp("dur_3d_2w", "it has lasted a few days", stretch=1),
    _tp("lump_behind", "you noticed a lump or swelling behind the knee", cyst=6),
    _tp("lump_growing_or_pulsing", "you noticed a lump behind the knee", cyst=4),
    _tp("cramps_come_go", "you get cramps that come and go", cramps=6, stretch=2),
    _tp("night_pain", "it's worse at night", cramps=1),
    _tp("clicks_catches", "the knee clicks or catches", other=4),
    _tp("gives_way", "the knee gives way", other=4),
    _tp("stiff_after_rest", "it's stiff after rest", other=3, cyst=1, causes=1),
    _tp("pain_bending_pushing", "it hurts when bending or pushing off", other=4, stretch=1),
    _tp("active_runner", "you run or do a lot of sport", runners=2, stretch=1),
    _tp("back_pain_sciatica", "the pain comes from the back", causes=3, other=1),
)
"""Seed article corrected by the brief: clicks, catches and giving way point to a meniscus or
ligament problem ("other"), not runner's knee; front-of-knee pain on stairs, squatting or after
sitting points to runner's knee."""

TOPIC_ADVICE: Mapping[str, str] = MappingProxyType(
    {
        "causes": (
            "Pain behind the knee often has more than one cause. Easing off whatever makes "
            "it worse is a good first step."
        ),
        "cramps": (
            "When a cramp comes, stretch and gently massage the muscle. Cramps are common with "
            "age, in pregnancy and with some medicines (such as statins or water tablets); "
            "see a GP if they are frequent or spoil your sleep."
        ),
        "cyst": (
            "A swelling behind the knee often settles when the knee problem behind it is "
            "treated. Any new lump is worth showing a GP."
        ),
        "runners": (
            "Ease off running, deep squats and stairs for a while, then build back up slowly. "
            "Strengthening the thigh and hip muscles helps many people."
        ),
        "other": (
            "After a strain, rest for 2–3 days and then start moving gently. If the knee keeps "
            "locking, catching or giving way, see a GP or physiotherapist."
        ),
        "stretch": (
            "Gentle stretches ease stiffness (hold 20–30 seconds, no bouncing); strengthening "
            "the thigh, hip and calf muscles is what lowers the risk of injury."
        ),
        "rice": (
            "In the first 2–3 days: rest, ice wrapped in a towel (never straight on the skin) "
            "for 15–20 minutes every 2–3 hours, a light compression bandage, and keep the leg "
            "raised."
        ),
        "facts": (
            "The first aim is to stop the pain getting worse: tiredness and skipping a warm-up "
            "are common triggers."
        ),
        "doctor": (
            f"Pain that lasts more than {SEE_GP_WEEKS} weeks, keeps coming back, or gets in the "
            "way of everyday life is worth a GP appointment."
        ),
    }
)


def _check() -> None:
    ids = [r.id for r in RULES]
    if len(set(ids)) != len(ids):
        raise ValueError("rule ids must be unique")
    for rule in RULES:
        if len(f"{rule.tier}:{rule.id}") > MAX_CODE_LEN:
            raise ValueError(f"{rule.id}: code too long")
        if not set(rule.sources) <= set(SOURCES) or not rule.sources:
            raise ValueError(f"{rule.id}: unknown or missing source")
        if not set(rule.topics) <= set(TOPIC_KEYS):
            raise ValueError(f"{rule.id}: unknown topic")
        for group in rule.when:
            for finding in group:
                if not is_known(finding):
                    raise ValueError(f"{rule.id}: unknown finding {finding!r}")
    for entry in TOPIC_POINTS:
        if not is_known(entry.finding) or not set(entry.points) <= set(TOPIC_KEYS):
            raise ValueError(f"topic points for {entry.finding!r}: unknown id")
    if set(TOPIC_ADVICE) != set(TOPIC_KEYS):
        raise ValueError("topic advice must cover every topic")


_check()
