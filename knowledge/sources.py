"""The sources: every published page the bot's facts and rules follow, one key per page.

The topic pages cite these keys (`knowledge.content`), the warning-sign groups cite them
(`knowledge.warning_signs`), and so do the triage rules (`knowledge.triage_data`); /sources lists
every one meant for readers, and the clinician's rule table (`docs/triage-rules.md`) names them.
Nothing here imports `telegram`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["SOURCES", "Source"]


@dataclass(frozen=True, slots=True)
class Source:
    """A published reference that backs one or more facts or rules.

    ``internal`` marks the project's own notes (the knowledge brief), which the rule table
    cites for a clinician but /sources does not list for readers.
    """

    key: str
    title: str
    publisher: str
    url: str = ""
    internal: bool = False

    @property
    def name(self) -> str:
        """ "Publisher: title", as the rule table names it."""
        return f"{self.publisher}: {self.title}"


_NHS = "https://www.nhs.uk/conditions/"
_CKS = "https://cks.nice.org.uk/topics/"
_CLEVELAND = "https://my.clevelandclinic.org/health/"

_ALL: tuple[Source, ...] = (
    # -- cited by the topic pages and the warning-sign groups (and many by the rules) ----------
    Source("nhs_knee_pain", "Knee pain", "NHS", f"{_NHS}knee-pain/"),
    Source("nhs_bakers_cyst", "Baker's cyst", "NHS", f"{_NHS}bakers-cyst/"),
    Source("nhs_dvt", "Deep vein thrombosis (DVT)", "NHS", f"{_NHS}deep-vein-thrombosis-dvt/"),
    Source("nhs_pe", "Pulmonary embolism", "NHS", f"{_NHS}pulmonary-embolism/"),
    Source("nhs_leg_cramps", "Leg cramps", "NHS", f"{_NHS}leg-cramps/"),
    Source("nhs_sprains", "Sprains and strains", "NHS", f"{_NHS}sprains-and-strains/"),
    Source(
        "cleveland_back_of_knee",
        "Back of knee pain (posterior knee pain)",
        "Cleveland Clinic",
        f"{_CLEVELAND}symptoms/back-of-knee-pain",
    ),
    Source(
        "bjsm_peace_love",
        "Soft-tissue injuries simply need PEACE and LOVE (Dubois & Esculier, 2019)",
        "British Journal of Sports Medicine",
        "https://bjsm.bmj.com/content/54/2/72",
    ),
    Source("nhs_septic_arthritis", "Septic arthritis", "NHS", f"{_NHS}septic-arthritis/"),
    Source(
        "patient_hot_joints",
        "Hot swollen joints",
        "Patient.info",
        "https://patient.info/doctor/hot-swollen-joints",
    ),
    Source(
        "cleveland_popliteal_aneurysm",
        "Popliteal artery aneurysm",
        "Cleveland Clinic",
        f"{_CLEVELAND}diseases/popliteal-artery-aneurysm",
    ),
    Source(
        "bjsm_lauersen",
        "The effectiveness of exercise interventions to prevent sports injuries "
        "(Lauersen, Bertelsen & Andersen, 2014)",
        "British Journal of Sports Medicine",
        "https://bjsm.bmj.com/content/48/11/871",
    ),
    Source("nhs_sciatica", "Sciatica", "NHS", f"{_NHS}sciatica/"),
    Source("hnz_limb_ischaemia", "Acute limb ischaemia", "Health New Zealand"),
    Source("nhs_broken_leg", "Broken leg", "NHS", f"{_NHS}broken-leg/"),
    Source("nhs_compartment", "Compartment syndrome", "NHS", f"{_NHS}compartment-syndrome/"),
    Source("nhs_cauda_equina", "Cauda equina syndrome", "NHS", f"{_NHS}cauda-equina-syndrome/"),
    Source("nhs_irritable_hip", "Irritable hip", "NHS", f"{_NHS}irritable-hip/"),
    Source("nhs_anticoagulants", "Anticoagulant medicines", "NHS", f"{_NHS}anticoagulants/"),
    Source("nhs_bone_cancer", "Bone cancer", "NHS", f"{_NHS}bone-cancer/"),
    Source(
        "nhs_pad", "Peripheral arterial disease", "NHS", f"{_NHS}peripheral-arterial-disease-pad/"
    ),
    Source(
        "seed_article",
        "Leg Pain Behind Knee – What are the Reasons and How can it be Prevented?",
        "Health2Med",
        "https://www.health2med.com/"
        "leg-pain-behind-knee-what-are-the-reasons-and-how-can-it-be-prevented/",
    ),
    # -- cited by the triage rules only ----------------------------------------------------------
    Source("nice_cks_dvt", "Deep vein thrombosis", "NICE CKS", f"{_CKS}deep-vein-thrombosis/"),
    Source("nice_cks_limp", "Acute childhood limp", "NICE CKS", f"{_CKS}acute-childhood-limp/"),
    Source(
        "nice_ng12",
        "NG12: Suspected cancer, recognition and referral",
        "NICE",
        "https://www.nice.org.uk/guidance/ng12",
    ),
    Source(
        "nhs_when_ae",
        "When to go to A&E",
        "NHS",
        "https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-go-to-ae/",
    ),
    Source("dvt_leaflets", "DVT patient leaflets (risk factors)", "UCLH and Gloucestershire NHS"),
    Source(
        "nhs_vascular_ali", "Acute limb ischaemia, the six Ps", "NHS vascular referral guidance"
    ),
    Source(
        "nhs_trust_knee",
        "Knee-injury leaflets and the Gloucestershire knee pathway (locked knee)",
        "NHS trusts",
    ),
    Source("brief", "'Triage additions' (second review)", "Project knowledge brief", internal=True),
    Source(
        "review",
        "'Third review additions' (clinician's review)",
        "Project knowledge brief",
        internal=True,
    ),
)

SOURCES: Mapping[str, Source] = MappingProxyType({source.key: source for source in _ALL})
"""Every source by key, in the order /sources lists them (grouped by publisher there)."""
