"""The one rule set: findings in, a tier and what to show out.

Everything that learns about a person's symptoms (the quiz, a typed message, a check-in) turns
what it learned into finding ids from `knowledge.findings` and asks `assess` what to do. The
rules are data (`RULES`): each says when it fires, the tier it sets, why, what to do, and which
source it follows, so a clinician can read them as a table (`docs/triage-rules.md`, written by
``python -m knowledge.triage_table``).

Two properties hold by construction:

* **Warning signs always win, and adding a finding never lowers the tier.** A rule's condition
  only ever asks for findings to be *present* (never absent), so a larger set of findings fires
  every rule a smaller one fired, and the tier is the highest tier of any rule that fired.
* **"Not sure" never means 999.** ``unsure:<sign>`` for any warning sign gives same-day advice
  (call NHS 111 or an urgent GP appointment to talk it through), never the emergency tier.

Topics for an outcome without a warning sign are ranked by points (`TOPIC_POINTS`), again data.
Nothing here imports `telegram`, and nothing here is a diagnosis.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, NamedTuple

from knowledge.findings import (
    CLOT_RISK_FACTORS,
    EMERGENCY_SIGNS,
    KNEE_LOOKS,
    SAME_DAY_SIGNS,
    unsure,
)
from knowledge.texts import SEE_GP_WEEKS

__all__ = [
    "EMERGENCY_LINE",
    "MAX_CODE_LEN",
    "MAX_TOPICS",
    "MIN_TOPIC_SCORE",
    "RULES",
    "SOURCES",
    "TIERS",
    "TOPIC_ADVICE",
    "TOPIC_KEYS",
    "TOPIC_POINTS",
    "Outcome",
    "ParsedCode",
    "Rule",
    "Source",
    "Tier",
    "TopicPoints",
    "assess",
    "outcome_code",
    "parse_outcome_code",
    "tier_rank",
]

Tier = Literal["emergency", "urgent", "gp_soon", "self_care"]
TIERS: tuple[Tier, ...] = ("self_care", "gp_soon", "urgent", "emergency")
"""Every tier, least to most urgent."""

TOPIC_KEYS: tuple[str, ...] = (
    "causes",
    "cramps",
    "cyst",
    "runners",
    "other",
    "stretch",
    "rice",
    "facts",
    "doctor",
)
"""The topic keys of the bot's content; each is also a command (/cramps, /doctor, ...)."""

MAX_TOPICS = 3
MIN_TOPIC_SCORE = 3
MAX_CODE_LEN = 32

EMERGENCY_LINE = "Call 999 (UK), 112 (EU) or 911 (US) now."


def tier_rank(tier: Tier) -> int:
    """0 for self_care up to 3 for emergency."""
    return TIERS.index(tier)


# --- sources ---------------------------------------------------------------------------------


class Source(NamedTuple):
    """Where a rule comes from: a title, and a web address when there is one."""

    title: str
    url: str = ""


SOURCES: Mapping[str, Source] = MappingProxyType(
    {
        "nhs_knee_pain": Source(
            "NHS: Knee pain",
            "https://www.nhs.uk/conditions/knee-pain/",
        ),
        "nhs_dvt": Source(
            "NHS: Deep vein thrombosis",
            "https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/",
        ),
        "nhs_pe": Source(
            "NHS: Pulmonary embolism",
            "https://www.nhs.uk/conditions/pulmonary-embolism/",
        ),
        "nhs_bakers_cyst": Source(
            "NHS: Baker's cyst",
            "https://www.nhs.uk/conditions/bakers-cyst/",
        ),
        "nhs_leg_cramps": Source(
            "NHS: Leg cramps",
            "https://www.nhs.uk/conditions/leg-cramps/",
        ),
        "nhs_sciatica": Source(
            "NHS: Sciatica",
            "https://www.nhs.uk/conditions/sciatica/",
        ),
        "nhs_septic_arthritis": Source(
            "NHS: Septic arthritis",
            "https://www.nhs.uk/conditions/septic-arthritis/",
        ),
        "nhs_sprains": Source(
            "NHS: Sprains and strains",
            "https://www.nhs.uk/conditions/sprains-and-strains/",
        ),
        "nice_cks_dvt": Source(
            "NICE CKS: Deep vein thrombosis",
            "https://cks.nice.org.uk/topics/deep-vein-thrombosis/",
        ),
        "dvt_leaflets": Source("UCLH and Gloucestershire NHS DVT patient leaflets (risk factors)"),
        "patient_hot_joint": Source(
            "Patient.info: Hot swollen joints",
            "https://patient.info/doctor/hot-swollen-joints",
        ),
        "nhs_vascular_ali": Source(
            "NHS vascular referral guidance: acute limb ischaemia, the six Ps"
        ),
        "hnz_ali": Source("Health New Zealand: Acute limb ischaemia, a medical emergency"),
        "cleveland_paa": Source(
            "Cleveland Clinic: Popliteal artery aneurysm",
            "https://my.clevelandclinic.org/health/diseases/popliteal-artery-aneurysm",
        ),
        "cleveland_back_of_knee": Source(
            "Cleveland Clinic: Back of knee pain",
            "https://my.clevelandclinic.org/health/symptoms/back-of-knee-pain",
        ),
        "nhs_trust_knee": Source(
            "NHS trust knee-injury leaflets and the Gloucestershire knee pathway (locked knee)"
        ),
        "brief": Source("Project knowledge brief, 'Triage additions' (second review)"),
        "nhs_broken_leg": Source("NHS: Broken leg", "https://www.nhs.uk/conditions/broken-leg/"),
        "nhs_when_ae": Source(
            "NHS: When to go to A&E",
            "https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-go-to-ae/",
        ),
        "nhs_compartment": Source(
            "NHS: Compartment syndrome",
            "https://www.nhs.uk/conditions/compartment-syndrome/",
        ),
        "nhs_cauda_equina": Source(
            "NHS: Cauda equina syndrome",
            "https://www.nhs.uk/conditions/cauda-equina-syndrome/",
        ),
        "nhs_irritable_hip": Source(
            "NHS: Irritable hip", "https://www.nhs.uk/conditions/irritable-hip/"
        ),
        "nice_cks_limp": Source(
            "NICE CKS: Acute childhood limp",
            "https://cks.nice.org.uk/topics/acute-childhood-limp/",
        ),
        "nhs_anticoagulants": Source(
            "NHS: Anticoagulant medicines", "https://www.nhs.uk/conditions/anticoagulants/"
        ),
        "nhs_bone_cancer": Source("NHS: Bone cancer", "https://www.nhs.uk/conditions/bone-cancer/"),
        "nice_ng12": Source(
            "NICE NG12: Suspected cancer, recognition and referral",
            "https://www.nice.org.uk/guidance/ng12",
        ),
        "nhs_pad": Source(
            "NHS: Peripheral arterial disease",
            "https://www.nhs.uk/conditions/peripheral-arterial-disease-pad/",
        ),
        "review": Source("Project knowledge brief, 'Third review additions' (clinician's review)"),
    }
)


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
_TODAY = "Ask for an urgent GP appointment today, or call NHS 111 (UK) or go to urgent care."
_A_AND_E = "Go to A&E or an urgent treatment centre today (UK), or call NHS 111 for advice."
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
        tier="emergency",
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
        tier="emergency",
        reason=(
            "A foot or leg that is suddenly cold, pale, white or blue can mean its blood "
            "supply is blocked."
        ),
        advice=(
            EMERGENCY_LINE,
            "Keep the leg still and level; don't raise it or rub it.",
            *_WAIT_999,
        ),
        sources=("nhs_vascular_ali", "hnz_ali"),
        note=(
            "Acute limb ischaemia (six Ps). A condition of its own, so no milder rule can "
            "answer first: the tier is the highest of all rules that fire."
        ),
    ),
    Rule(
        id="new_numb_weak",
        when=(_any("leg_numb_weak"),),
        tier="emergency",
        reason=(
            "A foot or leg that is suddenly weak (it won't lift, or it drags) can mean its "
            "nerves or blood supply are being squeezed."
        ),
        advice=(EMERGENCY_LINE, "Keep the leg still and level.", *_WAIT_999),
        sources=("nhs_vascular_ali", "hnz_ali", "brief"),
        note=(
            "Paralysis is one of the six Ps. Clinician's review item 5: weakness, a cold pale "
            "foot or an injury keep numbness an emergency; new tingling alone with a warm, "
            "strong foot is same day (new_tingling)."
        ),
    ),
    Rule(
        id="numb_after_injury",
        when=(_any("leg_numb_weak", "leg_tingling"), _any("onset_injury")),
        tier="emergency",
        reason="Numbness or weakness after a knee injury can mean a nerve or artery was hurt.",
        advice=(EMERGENCY_LINE, "Don't try to straighten or move the knee.", *_WAIT_999),
        sources=("brief", "nhs_knee_pain"),
        note=("Brief: 'A&E or 999' for numbness after an injury: a nerve or artery may be hurt."),
    ),
    Rule(
        id="serious_injury",
        when=(_any("serious_injury"),),
        tier="emergency",
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
        tier="emergency",
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
        tier="emergency",
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
        tier="urgent",
        reason=(
            "A swollen, warm or red calf, or hard sore veins, can be a blood clot (DVT). A burst "
            "Baker's cyst looks the same; only an examination can tell."
        ),
        advice=(_TODAY, "Don't massage the leg until it has been checked.", _IF_BREATHLESS),
        sources=("nhs_dvt", "nhs_bakers_cyst", "nice_cks_dvt"),
        note="Any one sign, with or without risk factors. Darker skin may not look red.",
    ),
    Rule(
        id="clot_pain",
        when=(_any("calf_pain_one_leg"),),
        tier="urgent",
        reason=(
            "Throbbing or cramping pain in one calf that doesn't go away is the first sign of a "
            "blood clot (DVT) the NHS lists, even without swelling."
        ),
        advice=(_TODAY, "Don't massage the leg until it has been checked.", _IF_BREATHLESS),
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
        tier="urgent",
        reason=(
            "Calf pain together with a clot risk factor (an operation or hospital stay, a long "
            "journey or bed rest, pregnancy, the pill or HRT, an earlier clot, cancer, smoking, "
            "being very overweight) needs a same-day check for a blood clot, even without "
            "swelling."
        ),
        advice=(_TODAY, "Tell them about the risk factor.", _IF_BREATHLESS),
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
        tier="urgent",
        reason=(
            "Pain behind the knee together with a clot risk factor needs a same-day check: a "
            "blood clot in the vein behind the knee can feel like this."
        ),
        advice=(_TODAY, "Tell them about the risk factor.", _IF_BREATHLESS),
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
        tier="urgent",
        reason="A hot, swollen knee with a fever or feeling very unwell can be a joint infection.",
        advice=(_A_AND_E, "Don't wait to see whether it settles."),
        sources=("nhs_septic_arthritis", "brief"),
        note=(
            "Brief: 'with fever or feeling very unwell, A&E'. A&E is same-day care (urgent "
            "tier), not a 999 call; the advice line says A&E."
        ),
    ),
    Rule(
        id="hot_knee",
        when=(_any("knee_hot_red_swollen"),),
        tier="urgent",
        reason=(
            "A hot, red, swollen knee can be an infection in the joint, with or without a fever."
        ),
        advice=(_TODAY, "Don't wait to see whether it settles."),
        sources=("patient_hot_joint", "nhs_septic_arthritis", "nhs_knee_pain"),
        note="Septic arthritis 'should always be suspected' (Patient.info), even without fever.",
    ),
    Rule(
        id="hot_knee_at_risk",
        when=(
            _HOT_KNEE_OR_DOUBT,
            _any("older_or_diabetes_ra_joint"),
        ),
        tier="urgent",
        reason=(
            "Older age, diabetes, rheumatoid arthritis or a joint replacement make a joint "
            "infection more likely in a hot, swollen knee."
        ),
        advice=(_TODAY, "Don't wait to see whether it settles."),
        sources=("patient_hot_joint",),
        note="Risk factors for septic arthritis; same tier, clearer reason.",
    ),
    Rule(
        id="fever",
        when=(_any("fever_unwell"),),
        tier="urgent",
        reason="Knee or leg pain with a fever, feeling hot and shivery or very unwell.",
        advice=(_TODAY,),
        sources=("nhs_knee_pain", "nhs_septic_arthritis"),
        note="NHS Knee pain: urgent GP or 111 with a high temperature or feeling hot and shivery.",
    ),
    Rule(
        id="cant_bear_weight",
        when=(_any("cant_bear_weight", "severe_pain"),),
        tier="urgent",
        reason="Not being able to stand on the leg, or pain too bad to use it, needs checking.",
        advice=(_A_AND_E, "Rest the leg and keep it raised until it has been seen."),
        sources=("nhs_knee_pain",),
        note="A fracture or a bad injury must be ruled out.",
    ),
    Rule(
        id="locked_knee",
        when=(_any("knee_locked"),),
        tier="urgent",
        reason="A knee that is stuck and won't straighten needs checking today.",
        advice=(_TODAY, "Don't force it straight."),
        sources=("brief", "nhs_knee_pain", "nhs_trust_knee"),
        note="With or without an injury (a torn meniscus can block the joint).",
    ),
    Rule(
        id="knee_swollen_shape",
        when=(_any("knee_very_swollen", "knee_deformed", "pop_then_swelling"),),
        tier="urgent",
        reason=(
            "A knee that is very swollen, looks out of shape, or swelled up quickly after a pop "
            "needs checking today: it can be a broken bone, a dislocation or a torn ligament."
        ),
        advice=(_A_AND_E, "Rest it, keep it raised, and don't push it back into place."),
        sources=("nhs_knee_pain", "nhs_trust_knee", "brief"),
        note=(
            "NHS: A&E if very swollen or badly misshapen, even without an injury. A cold, pale "
            "or numb foot with it is 999 (above)."
        ),
    ),
    Rule(
        id="gave_way_injury",
        when=(_any("gives_way"), _any("onset_injury")),
        tier="urgent",
        reason="A knee that gives way after an injury may have a torn ligament or cartilage.",
        advice=(_TODAY, "Don't carry on with sport; rest and support the knee."),
        sources=("brief", "nhs_knee_pain"),
        note="Brief's red flags: 'gave way badly after an injury'.",
    ),
    Rule(
        id="pulsing_lump",
        when=(_any("lump_growing_or_pulsing"),),
        tier="urgent",
        reason=(
            "A lump behind the knee that throbs with your pulse or keeps growing can be a "
            "swollen artery (an aneurysm)."
        ),
        advice=(
            "Ask for an urgent GP appointment today, or call NHS 111 (UK).",
            "Don't press or massage the lump.",
        ),
        sources=("cleveland_paa", "brief"),
        note="Brief: 'needs an urgent GP appointment', so the urgent tier.",
    ),
    Rule(
        id="new_tingling",
        when=(_any("leg_tingling"),),
        tier="urgent",
        reason=(
            "New numbness or pins and needles in the foot or leg, with the foot warm and strong, "
            "needs checking today."
        ),
        advice=(
            _TODAY,
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
        tier="urgent",
        reason="A knee that is hot or red can be an infection in the joint.",
        advice=(_TODAY, "Don't wait to see whether it settles."),
        sources=("patient_hot_joint", "nhs_septic_arthritis"),
        note=(
            "Said in a typed message (the quiz asks about hot, red and swollen together): the "
            "person says the knee is hot or red, so the safer tier; a doubt after the quiz's "
            "back-of-hand check is unsure_knee (gp_soon)."
        ),
    ),
    Rule(
        id="child_hip",
        when=(_any("child_limp_fever"),),
        tier="urgent",
        reason=(
            "A child or teenager with a limp or knee pain and a fever, or who won't stand on the "
            "leg, needs checking today: in children, knee pain can come from the hip."
        ),
        advice=(_TODAY, "Tell them how old your child is and whether they have a temperature."),
        sources=("nhs_irritable_hip", "nice_cks_limp", "review"),
        note=(
            "NICE CKS acute childhood limp: same-day assessment with fever or not weight "
            "bearing; a slipped upper femoral epiphysis (8-15 years) shows as knee pain."
        ),
    ),
    Rule(
        id="thinners_knee",
        when=(_any("knee_swollen_thinners"),),
        tier="urgent",
        reason=(
            "On blood thinners, a swollen, painful knee after even a small knock can be "
            "bleeding into the joint."
        ),
        advice=(_TODAY, "Don't stop your blood thinner unless a doctor tells you to."),
        sources=("nhs_anticoagulants", "review"),
        note="NHS anticoagulants: get help for bleeding into a joint (clinician's review 6).",
    ),
    Rule(
        id="unsure_emergency",
        when=(_unsure_all(EMERGENCY_SIGNS),),
        tier="urgent",
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
        tier="urgent",
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
        tier="gp_soon",
        reason=(
            "After comparing both knees you still weren't sure whether yours is hot or very "
            "swollen, so a GP should look at it in the next few days."
        ),
        advice=(
            "Book a GP appointment in the next few days.",
            "Get seen today if the knee becomes hot, red and swollen, you get a fever or feel "
            "shivery, or you can't put weight on it.",
        ),
        sources=("patient_hot_joint", "nhs_knee_pain", "review"),
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
        tier="gp_soon",
        reason="Any new lump behind the knee is worth showing a GP.",
        advice=("Book a GP appointment in the next few days.",),
        sources=("nhs_bakers_cyst", "brief"),
        note="Usually a Baker's cyst; a GP can check. Pulsing or growing: urgent (above).",
        topics=("cyst",),
    ),
    Rule(
        id="long_pain",
        when=(_any("dur_gt2w"),),
        tier="gp_soon",
        reason=f"Pain that hasn't got better after about {SEE_GP_WEEKS} weeks is worth a GP check.",
        advice=("Book a GP or physiotherapist appointment in the next few days.",),
        sources=("nhs_knee_pain",),
        note="NHS Knee pain: see a GP if not improved after 2 weeks of self-care.",
        topics=(),
    ),
    Rule(
        id="recurring",
        when=(_any("recurring"),),
        tier="gp_soon",
        reason="Pain that keeps coming back is worth a GP check.",
        advice=("Book a GP or physiotherapist appointment in the next few days.",),
        sources=("nhs_knee_pain",),
        note="NHS Knee pain: see a GP if it keeps coming back.",
        topics=(),
    ),
    Rule(
        id="gives_way",
        when=(_any("gives_way"),),
        tier="gp_soon",
        reason="A knee that gives way can have a cartilage or ligament problem.",
        advice=("Book a GP or physiotherapist appointment in the next few days.",),
        sources=("nhs_knee_pain", "cleveland_back_of_knee"),
        note="Without an injury; after an injury see gave_way_injury (urgent).",
        topics=("other",),
    ),
    Rule(
        id="night_pain_red_flag",
        when=(_any("night_pain_weight_loss"),),
        tier="gp_soon",
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
        tier="gp_soon",
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
        tier="gp_soon",
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

# When two topics score the same, the more specific one comes first.
_TOPIC_PRIORITY: tuple[str, ...] = (
    "cyst",
    "cramps",
    "runners",
    "other",
    "rice",
    "stretch",
    "causes",
    "facts",
    "doctor",
)

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

_FALLBACK_REASON = "your answers don't point to one cause, so the overview is a good start"


# --- the outcome -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the rules say about a set of findings.

    `tier`: emergency (999/112/911 now), urgent (same day), gp_soon (book within days),
    self_care. `topics`: topic keys, most relevant first. `reasons`: plain sentences saying
    why. `advice`: what to do, the first line first. `rules`: ids of the rules that fired,
    the ones that set the tier first. `topic_reasons`: for each topic, why it was suggested
    (same length as `topics`; empty text when there is nothing to say).
    """

    tier: Tier
    topics: tuple[str, ...]
    reasons: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    topic_reasons: tuple[str, ...] = ()

    @property
    def needs_care_today(self) -> bool:
        """True for urgent and emergency: no two-day check-in for these."""
        return self.tier in ("urgent", "emergency")


def _rank_topics(findings: AbstractSet[str]) -> list[tuple[str, str]]:
    """(topic, why) for topics scoring at least MIN_TOPIC_SCORE, best first."""
    totals: dict[str, int] = {}
    best: dict[str, tuple[int, str]] = {}
    for entry in TOPIC_POINTS:
        if entry.finding not in findings:
            continue
        for topic, points in entry.points.items():
            totals[topic] = totals.get(topic, 0) + points
            if points > best.get(topic, (0, ""))[0]:
                best[topic] = (points, entry.because)
    ranked = sorted(
        (t for t in _TOPIC_PRIORITY if totals.get(t, 0) >= MIN_TOPIC_SCORE),
        key=lambda t: -totals[t],  # stable: ties keep _TOPIC_PRIORITY order
    )
    return [(t, best[t][1]) for t in ranked]


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def assess(findings: AbstractSet[str]) -> Outcome:
    """Apply every rule to `findings` (ids of `knowledge.findings`, ``unsure:`` ones included).

    The tier is the highest tier of any rule that fires (self_care when none does). Pure: no
    I/O, no state; unknown ids are ignored.
    """
    fired = [rule for rule in RULES if rule.fires(findings)]
    fired.sort(key=lambda r: -tier_rank(r.tier))  # stable: RULES order within a tier
    tier: Tier = fired[0].tier if fired else "self_care"
    top = [r for r in fired if r.tier == tier]
    rule_ids = tuple(r.id for r in fired)

    if tier in ("emergency", "urgent"):
        advice = _dedupe([line for r in top for line in r.advice])
        if _A_AND_E in advice:  # one place to go: the more urgent one
            advice = tuple(line for line in advice if line != _TODAY)
        return Outcome(
            tier=tier,
            topics=("doctor",),
            reasons=_dedupe([r.reason for r in top]),
            advice=advice,
            rules=rule_ids,
            topic_reasons=("more about warning signs and where to get help",),
        )

    ranked = _rank_topics(findings)
    if tier == "gp_soon":
        hinted = [t for r in top for t in r.topics]
        for topic in reversed(hinted):  # a rule's own topic goes first
            ranked = [(topic, next((w for k, w in ranked if k == topic), ""))] + [
                (k, w) for k, w in ranked if k != topic
            ]
        ranked = [p for p in ranked if p[0] != "doctor"][: MAX_TOPICS - 1]
        ranked = ranked or [("causes", _FALLBACK_REASON)]
        ranked.append(("doctor", "a GP can take a proper look"))
    else:
        ranked = ranked[:MAX_TOPICS] or [("causes", _FALLBACK_REASON)]
    topics = tuple(t for t, _ in ranked)
    lines = [line for r in top for line in r.advice]
    lines += [TOPIC_ADVICE[t] for t in topics if not (tier == "gp_soon" and t == "doctor")]
    return Outcome(
        tier=tier,
        topics=topics,
        reasons=_dedupe([r.reason for r in top]),
        advice=_dedupe(lines),
        rules=rule_ids,
        topic_reasons=tuple(why for _, why in ranked),
    )


# --- a short code for storage ----------------------------------------------------------------


class ParsedCode(NamedTuple):
    """What a stored outcome code says: the tier and the topics (for urgent ones, "doctor")."""

    tier: Tier
    topics: tuple[str, ...]


def outcome_code(outcome: Outcome) -> str:
    """A short stable code (<= 32 chars): ``urgent:clot_risk``, ``self_care:cyst+cramps``.

    Urgent and emergency codes name the first rule that set the tier; the others list topics.
    """
    if outcome.tier in ("urgent", "emergency") and outcome.rules:
        code = f"{outcome.tier}:{outcome.rules[0]}"
    else:
        code = f"{outcome.tier}:"
        for topic in outcome.topics:
            longer = code + ("+" if not code.endswith(":") else "") + topic
            if len(longer) > MAX_CODE_LEN:
                break
            code = longer
    return code[:MAX_CODE_LEN]


_LEGACY = {"topics": "self_care"}  # codes stored by the first quiz: topics:cyst+doctor


def parse_outcome_code(code: str) -> ParsedCode:
    """Tier and topics from a stored code; ValueError for anything else.

    Also reads the first quiz's codes (``topics:...``, ``urgent:<question>``,
    ``emergency:<question>``) so older rows still work.
    """
    prefix, sep, rest = code.partition(":")
    tier = _LEGACY.get(prefix, prefix)
    if not sep or tier not in TIERS:
        raise ValueError(f"not an outcome code: {code!r}")
    if tier in ("urgent", "emergency"):
        return ParsedCode(tier, ("doctor",))
    topics = tuple(t for t in rest.split("+") if t)
    if not topics or any(t not in TOPIC_KEYS for t in topics):
        raise ValueError(f"unknown topics in outcome code: {code!r}")
    return ParsedCode(tier, topics)


def _check_data() -> None:
    ids = [r.id for r in RULES]
    if len(set(ids)) != len(ids):
        raise ValueError("rule ids must be unique")
    from knowledge.findings import is_known

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
    if set(TOPIC_ADVICE) != set(TOPIC_KEYS) or set(_TOPIC_PRIORITY) != set(TOPIC_KEYS):
        raise ValueError("topic advice and priority must cover every topic")


_check_data()
