"""Clinical stories for testing the triage rules and the quiz, as data.

Each vignette is one person, written from an NHS, NICE CKS or other named page (see the brief's
"Triage additions"). `findings` is what that person would truthfully say *now*: where it hurts,
how it started, how long, what they notice, and ``unsure:<sign>`` where a lay person could not
answer yes or no even after a plain check. `glance` holds the signs they could not tell at
first sight (the "Not sure" on the first screen), which a plain check then settles. `tier` is
what the source says they need; `topics` the topic pages that would help (for cases without a
warning sign).

The stories were written from the sources, not from the rules: where a rule gives another
answer, the test reports it (see tests/test_triage.py and ``python -m tests.triage_figures``).
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.tiers import Tier


@dataclass(frozen=True)
class Vignette:
    id: str
    story: str
    source: str
    findings: frozenset[str]
    tier: Tier
    topics: tuple[str, ...] = ()
    glance: frozenset[str] = frozenset()
    """Warning signs the person can't tell at a glance: they tap "Not sure" about them on the
    first screen, and the plain check (compare both legs, take 4 steps...) shows what
    `findings` says: the sign, a doubt that remains (``unsure:``), or nothing."""

    @property
    def kind(self) -> str:
        """emergency, same_day (urgent) or ordinary (gp_soon or self_care)."""
        return {"emergency": "emergency", "urgent": "same_day"}.get(self.tier, "ordinary")


def _v(
    id: str,
    tier: Tier,
    findings: str,
    source: str,
    story: str,
    topics: str = "",
    *,
    glance: str = "",
) -> Vignette:
    return Vignette(
        id,
        story,
        source,
        frozenset(findings.split()),
        tier,
        tuple(topics.split()),
        frozenset(glance.split()),
    )


VIGNETTES: tuple[Vignette, ...] = (
    # --- emergencies: 999 / 112 / 911 -----------------------------------------------------
    _v(
        "pe_after_hip_surgery",
        "emergency",
        "breathless chest_pain calf_swollen calf_pain_one_leg where_calf recent_surgery "
        "dur_3d_2w onset_gradual",
        "NHS Pulmonary embolism; NHS DVT",
        "58, ten days after a hip replacement; swollen painful calf, now suddenly short of "
        "breath with chest pain worse on breathing in.",
    ),
    _v(
        "pe_on_pill_knee_ache",
        "emergency",
        "breathless hormones where_behind dur_3d_2w onset_gradual",
        "NHS Pulmonary embolism",
        "34, on the combined pill; an ache behind the knee for a week, today suddenly "
        "breathless walking upstairs.",
    ),
    _v(
        "coughing_blood_cancer",
        "emergency",
        "coughing_blood cancer where_calf calf_pain_one_leg dur_lt3d",
        "NHS Pulmonary embolism",
        "70, having chemotherapy; aching calf for two days, has coughed up blood this morning.",
    ),
    _v(
        "chest_pain_pregnant",
        "emergency",
        "chest_pain pregnant_or_postpartum where_behind dur_lt3d",
        "NHS Pulmonary embolism; NHS DVT",
        "30 weeks pregnant; sharp chest pain when breathing in, pain behind one knee.",
    ),
    _v(
        "cold_white_foot",
        "emergency",
        "foot_cold_pale severe_pain where_calf dur_lt3d",
        "NHS vascular referral guidance (six Ps); Health New Zealand acute limb ischaemia",
        "72, smoker; over an hour the lower leg became very painful and the foot cold and white.",
    ),
    _v(
        "cold_numb_foot_swollen_calf",
        "emergency",
        "foot_cold_pale leg_tingling calf_swollen severe_pain where_calf dur_lt3d",
        "NHS vascular referral guidance (six Ps); brief 'Triage additions'",
        "65; sudden severe calf pain, the calf looks swollen, the foot is cold, white and numb.",
    ),
    _v(
        "dislocated_knee_numb_foot",
        "emergency",
        "knee_deformed leg_tingling onset_injury cant_bear_weight where_whole dur_lt3d",
        "brief 'Triage additions' (numbness after injury); NHS Knee pain",
        "Motorbike fall; the knee looks out of place and the foot has gone numb.",
    ),
    _v(
        "foot_drop_after_tackle",
        "emergency",
        "leg_numb_weak leg_tingling onset_injury knee_very_swollen where_side dur_lt3d",
        "brief 'Triage additions' (numbness after injury)",
        "Rugby tackle to the outside of the knee; very swollen, pins and needles and a weak foot "
        "that slaps when walking.",
    ),
    _v(
        "aneurysm_cold_foot",
        "emergency",
        "foot_cold_pale lump_growing_or_pulsing lump_behind where_behind dur_lt3d",
        "Cleveland Clinic popliteal artery aneurysm; NHS vascular guidance",
        "75, known throbbing lump behind the knee; today the foot is cold and pale.",
    ),
    _v(
        "breathless_after_flight_unsure_calf",
        "emergency",
        "breathless unsure:calf_swollen long_travel_or_immobile where_calf dur_lt3d",
        "NHS Pulmonary embolism; NHS DVT",
        "Back from a 12-hour flight; calf aches, not sure if it's swollen; now short of breath.",
    ),
    _v(
        "open_fracture_after_crash",
        "emergency",
        "serious_injury onset_injury where_calf dur_lt3d severe_pain",
        "NHS Broken leg; NHS When to go to A&E; clinician's review item 4",
        "Came off a motorbike an hour ago; the shin is bent and a bone shows through the skin.",
    ),
    _v(
        "compartment_under_cast",
        "emergency",
        "pain_under_cast onset_injury long_travel_or_immobile where_calf dur_lt3d",
        "NHS Compartment syndrome; clinician's review item 4",
        "A plaster cast since yesterday for a broken ankle; the calf pain is getting worse "
        "hour by hour and painkillers don't touch it.",
    ),
    _v(
        "cauda_equina_with_sciatica",
        "emergency",
        "cauda_equina back_pain_sciatica where_behind dur_3d_2w",
        "NHS Cauda equina syndrome; NHS Sciatica; clinician's review item 6",
        "Back pain running down behind the knee for a week; since this morning numb around "
        "the bottom and can't pee properly.",
    ),
    # --- same day: urgent GP, NHS 111, urgent care or A&E ----------------------------------
    _v(
        "dvt_after_arthroscopy",
        "urgent",
        "calf_pain_one_leg where_calf recent_surgery dur_3d_2w onset_gradual",
        "NHS DVT; NICE CKS DVT; brief 'Triage additions'",
        "Six weeks after knee keyhole surgery; throbbing pain in one calf, nothing visible.",
    ),
    _v(
        "dvt_on_pill",
        "urgent",
        "calf_pain_one_leg where_calf hormones dur_3d_2w onset_gradual",
        "NHS DVT; UCLH DVT leaflet",
        "28, on the combined pill; cramping pain in one calf for four days that doesn't ease.",
    ),
    _v(
        "dvt_long_flight",
        "urgent",
        "calf_pain_one_leg where_calf long_travel_or_immobile dur_lt3d",
        "NHS DVT; brief 'Triage additions'",
        "Aching calf since an 11-hour flight two days ago; it doesn't go away.",
    ),
    _v(
        "calf_ache_walking_after_flight",
        "urgent",
        "where_calf calf_pain_one_leg long_travel_or_immobile dur_lt3d pain_bending_pushing",
        "brief 'Triage additions' (one painful calf + any risk factor); Gloucestershire DVT "
        "leaflet",
        "Calf hurts when walking since a long coach trip yesterday; fine sitting still.",
    ),
    _v(
        "dvt_postpartum",
        "urgent",
        "calf_warm_red calf_pain_one_leg where_calf pregnant_or_postpartum dur_lt3d",
        "NHS DVT; NICE CKS DVT",
        "Three weeks after giving birth; one calf painful and a little warm.",
    ),
    _v(
        "dvt_in_cast",
        "urgent",
        "where_calf long_travel_or_immobile calf_pain_one_leg dur_3d_2w",
        "NHS DVT; UCLH DVT leaflet",
        "Ankle in plaster for a fracture; a deep ache in that calf above the cast.",
    ),
    _v(
        "dvt_previous_clot",
        "urgent",
        "where_calf calf_pain_one_leg previous_clot dur_lt3d onset_gradual",
        "NICE CKS DVT; Gloucestershire DVT leaflet",
        "Had a DVT five years ago; the calf has started aching the same way.",
    ),
    _v(
        "dvt_cancer",
        "urgent",
        "where_calf cancer calf_pain_one_leg dur_lt3d",
        "NICE CKS DVT; UCLH DVT leaflet",
        "Having treatment for bowel cancer; new constant pain in one calf.",
    ),
    _v(
        "swollen_warm_calf",
        "urgent",
        "calf_swollen calf_warm_red where_calf dur_3d_2w onset_gradual",
        "NHS DVT",
        "One calf swollen and warm, the skin darker than the other leg; no known reason.",
    ),
    _v(
        "burst_bakers_cyst",
        "urgent",
        "calf_swollen lump_behind where_calf dur_lt3d",
        "NHS Baker's cyst; NHS DVT",
        "Known Baker's cyst; suddenly the calf below it is painful and swollen.",
    ),
    _v(
        "hard_sore_veins",
        "urgent",
        "veins_hard_sore where_calf dur_3d_2w",
        "NHS DVT",
        "Veins on the calf have become hard, lumpy and sore to touch.",
    ),
    _v(
        "septic_knee_diabetic_no_fever",
        "urgent",
        "knee_hot_red_swollen older_or_diabetes_ra_joint where_whole onset_gradual dur_lt3d",
        "Patient.info Hot swollen joints; NHS Septic arthritis",
        "74, type 2 diabetes; over two days the knee became hot, red and swollen; no fever.",
    ),
    _v(
        "septic_knee_fever",
        "urgent",
        "knee_hot_red_swollen fever_unwell where_whole dur_lt3d",
        "NHS Septic arthritis; brief 'Triage additions' (A&E with fever)",
        "Hot, red, swollen knee, and feels hot and shivery.",
    ),
    _v(
        "hot_knee_after_replacement",
        "urgent",
        "knee_hot_red_swollen fever_unwell older_or_diabetes_ra_joint where_front dur_lt3d",
        "Patient.info Hot swollen joints; NHS Septic arthritis",
        "Knee replacement last year; now warm, swollen, and feels very unwell.",
    ),
    _v(
        "gout_like_hot_knee",
        "urgent",
        "knee_hot_red_swollen where_front dur_lt3d onset_gradual",
        "Patient.info Hot swollen joints (infection must be ruled out)",
        "55; overnight the knee became red, hot and swollen, very tender; no fever.",
    ),
    _v(
        "locked_knee_no_injury",
        "urgent",
        "knee_locked where_behind clicks_catches dur_lt3d",
        "NHS Knee pain; brief 'Triage additions'; Gloucestershire knee pathway",
        "45; stood up from squatting and the knee is stuck bent, won't straighten; no injury.",
    ),
    _v(
        "locked_knee_football",
        "urgent",
        "knee_locked onset_injury where_side clicks_catches dur_lt3d",
        "NHS Knee pain; Gloucestershire knee pathway",
        "Twisted the knee playing football; it's locked and won't straighten.",
    ),
    _v(
        "fall_cant_stand",
        "urgent",
        "cant_bear_weight onset_injury where_whole dur_lt3d",
        "NHS Knee pain",
        "80, slipped on ice, landed on the knee; can't put weight on the leg.",
    ),
    _v(
        "acl_pop_swelling",
        "urgent",
        "pop_then_swelling onset_injury gives_way knee_very_swollen where_whole dur_lt3d",
        "NHS Knee pain; NHS trust knee-injury leaflets",
        "Skiing, felt a pop, the knee swelled up within an hour and feels unstable.",
    ),
    _v(
        "kneecap_dislocated",
        "urgent",
        "knee_deformed onset_injury where_front dur_lt3d severe_pain",
        "NHS Knee pain",
        "Dancing, the kneecap slid out to the side; the knee looks misshapen.",
    ),
    _v(
        "very_swollen_no_injury",
        "urgent",
        "knee_very_swollen where_whole onset_gradual dur_lt3d",
        "NHS Knee pain (A&E if very swollen); brief 'Triage additions'",
        "Knee has become very swollen over a day with no injury.",
    ),
    _v(
        "pulsing_lump",
        "urgent",
        "lump_growing_or_pulsing lump_behind where_behind dur_gt2w onset_gradual",
        "Cleveland Clinic Popliteal artery aneurysm; brief 'Triage additions'",
        "68, man; a lump behind the knee that throbs in time with his heartbeat.",
    ),
    _v(
        "growing_lump",
        "urgent",
        "lump_growing_or_pulsing lump_behind where_behind dur_gt2w",
        "NHS Baker's cyst; Cleveland Clinic popliteal artery aneurysm",
        "A lump behind the knee that has kept getting bigger for a month.",
    ),
    _v(
        "leg_pain_with_fever",
        "urgent",
        "fever_unwell where_behind dur_lt3d",
        "NHS Knee pain (high temperature or hot and shivery: urgent GP or 111)",
        "Pain behind the knee and feels hot and shivery, temperature 38.6.",
    ),
    _v(
        "severe_pain_no_injury",
        "urgent",
        "severe_pain where_behind dur_lt3d onset_gradual",
        "NHS Knee pain",
        "Pain behind the knee so bad he can't use the leg; no injury.",
    ),
    _v(
        "gave_way_after_twist",
        "urgent",
        "gives_way onset_injury where_side dur_3d_2w clicks_catches",
        "brief (red flags: gave way badly after an injury); NHS Knee pain",
        "Twisted the knee at netball last week; since then it gives way on turning.",
    ),
    _v(
        "unsure_calf_swelling",
        "urgent",
        "unsure:calf_swollen where_calf dur_lt3d",
        "brief 'Triage additions' (Not sure: follow-up or same-day advice); NHS DVT",
        "Calf aches; she can't tell whether it's swollen.",
    ),
    _v(
        "unsure_breathless",
        "urgent",
        "unsure:breathless where_behind dur_lt3d",
        "brief 'Triage additions' (never push a doubt to 999)",
        "Pain behind the knee; feels a bit out of breath but isn't sure it's new.",
    ),
    _v(
        "unsure_hot_knee_ra",
        "urgent",
        "unsure:knee_hot_red_swollen older_or_diabetes_ra_joint where_whole stiff_after_rest "
        "dur_3d_2w",
        "Patient.info Hot swollen joints; brief 'Triage additions'",
        "Rheumatoid arthritis; the knee feels warmer than usual but she's not sure it's hot.",
    ),
    _v(
        "behind_knee_after_surgery",
        "urgent",
        "where_behind recent_surgery dur_3d_2w onset_gradual",
        "NHS DVT (risk: surgery or a hospital stay); clinician's review item 3",
        "62, three weeks after a hernia operation; a new ache behind one knee for four days, "
        "no swelling she can see.",
    ),
    _v(
        "throbbing_calf_smoker",
        "urgent",
        "where_calf calf_pain_one_leg smoker dur_lt3d onset_gradual",
        "NHS DVT (throbbing or cramping pain in one leg; risk: smoking); UCLH DVT leaflet",
        "45, smokes 20 a day; a throbbing pain in one calf since yesterday, worse when he "
        "walks to the shop.",
    ),
    _v(
        "clot_pain_on_walking_only",
        "urgent",
        "where_calf calf_pain_one_leg dur_3d_2w onset_gradual",
        "NHS DVT: pain often noticed on walking or standing; clinician's review item 1",
        "38, no risk factor she knows of; a cramping pain in one calf for five days that comes "
        "on whenever she walks or stands, and doesn't settle overnight.",
    ),
    _v(
        "child_knee_pain_fever",
        "urgent",
        "child_limp_fever where_whole dur_lt3d onset_gradual",
        "NHS Irritable hip; NICE CKS Acute childhood limp; clinician's review item 6",
        "A 9-year-old limping since yesterday, says his knee hurts, temperature 38.4.",
    ),
    _v(
        "swollen_knee_on_apixaban",
        "urgent",
        "knee_swollen_thinners onset_injury where_whole dur_lt3d",
        "NHS Anticoagulant medicines; clinician's review item 6",
        "74, takes apixaban; bumped the knee on a table this morning and it has swollen up "
        "and aches.",
    ),
    _v(
        "tingling_warm_strong_foot",
        "urgent",
        "leg_tingling where_calf dur_lt3d onset_gradual",
        "Clinician's review item 5; NHS vascular referral guidance (the six Ps need more than "
        "tingling)",
        "40; pins and needles in the outer calf and foot since this morning, no injury; the "
        "foot is warm, a normal colour, and lifts and pushes as strongly as the other.",
    ),
    _v(
        "red_hot_knee_no_swelling_seen",
        "urgent",
        "knee_hot_or_red where_front dur_lt3d onset_gradual",
        "Patient.info Hot swollen joints (septic arthritis should always be suspected); NHS "
        "Septic arthritis",
        "60; the front of the knee has turned red and feels hot since this morning; she can't "
        "see any swelling and has no temperature.",
    ),
    # --- more than one doubt: the first is cleared by its check, a later one is real ---------
    _v(
        "doubt_foot_then_calf_after_flight",
        "urgent",
        "unsure:calf_swollen long_travel_or_immobile where_behind onset_gradual dur_lt3d",
        "NHS DVT; UCLH and Gloucestershire NHS DVT leaflets (long-haul travel); brief "
        "'Triage additions' (Not sure)",
        "Back from a 9-hour flight; aches behind the knee. Not sure at first about the foot's "
        "colour or the calf: both feet look the same, but she still can't tell whether one "
        "calf is swollen.",
        glance="foot_cold_pale calf_swollen",
    ),
    _v(
        "doubt_fever_knee_locked",
        "urgent",
        "knee_locked where_behind onset_gradual dur_lt3d",
        "NHS Knee pain; NHS trust knee-injury leaflets (locked knee)",
        "Not sure whether he has a temperature or whether the knee counts as 'stuck'; the "
        "thermometer says 36.8, and the knee really won't straighten.",
        glance="fever_unwell knee_locked",
    ),
    _v(
        "doubt_calf_then_knee_locked",
        "urgent",
        "knee_locked where_behind onset_gradual dur_3d_2w",
        "NHS Knee pain; NHS trust knee-injury leaflets (locked knee)",
        "Unsure about the calf and about the knee. Side by side the calves look alike; the knee "
        "is stuck and won't straighten, with no injury.",
        glance="calf_swollen knee_locked",
    ),
    _v(
        "doubt_breath_then_cold_foot",
        "emergency",
        "foot_cold_pale where_calf onset_gradual dur_lt3d",
        "NHS vascular referral guidance (six Ps); Health New Zealand acute limb ischaemia",
        "Anxious and unsure about her breathing and her foot. Sitting still she breathes as "
        "usual; next to the other foot the painful one is colder and white.",
        glance="breathless foot_cold_pale",
    ),
    _v(
        "still_unsure_breath_then_cold_foot",
        "emergency",
        "unsure:breathless foot_cold_pale where_calf dur_lt3d",
        "NHS Pulmonary embolism; NHS vascular referral guidance (six Ps)",
        "Can't say whether he is more out of breath than usual, even sitting still; when he "
        "compares his feet, one is cold and pale.",
        glance="foot_cold_pale",
    ),
    _v(
        "doubt_foot_knee_then_fever",
        "urgent",
        "fever_unwell older_or_diabetes_ra_joint where_whole onset_gradual dur_lt3d",
        "NHS Knee pain (high temperature, hot and shivery); NHS Septic arthritis",
        "71, diabetes; unsure about the foot, the knee and a fever. The feet and knees look "
        "alike on both sides, but her temperature is 38.4 and she feels shivery.",
        glance="foot_cold_pale knee_hot_red_swollen fever_unwell",
    ),
    _v(
        "doubt_breath_foot_then_calf_after_surgery",
        "urgent",
        "calf_swollen recent_surgery where_behind onset_gradual dur_3d_2w",
        "NHS DVT; NICE CKS DVT; UCLH and Gloucestershire NHS DVT leaflets (surgery)",
        "Three weeks after a knee arthroscopy; unsure about breathing, the foot and the calf. "
        "Breathing and feet are fine when checked, but one calf is clearly bigger.",
        glance="breathless foot_cold_pale calf_swollen",
    ),
    # --- ordinary: GP within days, or self-care --------------------------------------------
    _v(
        "knee_maybe_warm_no_fever",
        "gp_soon",
        "unsure:knee_hot_red_swollen where_whole stiff_after_rest dur_3d_2w onset_gradual",
        "Clinician's review item 8; Patient.info Hot swollen joints (fever and risk factors "
        "raise the concern); NHS Knee pain",
        "52, no fever, no diabetes or arthritis; the knee has ached for a week and might be a "
        "little warm; after comparing both knees with the back of her hand she still can't tell.",
        "other causes",
        glance="knee_hot_red_swollen",
    ),
    _v(
        "night_pain_after_breast_cancer",
        "gp_soon",
        "night_pain_weight_loss night_pain where_behind dur_gt2w onset_gradual",
        "NHS Bone cancer; NICE NG12; clinician's review item 6",
        "Treated for breast cancer three years ago; an ache behind the knee for a month that "
        "wakes her at night.",
        "causes",
    ),
    _v(
        "claudication_smoker",
        "gp_soon",
        "calf_claudication where_calf smoker dur_gt2w onset_gradual",
        "NHS Peripheral arterial disease; clinician's review item 6",
        "67, smokes; for months a cramping calf pain after about 200 metres of walking that "
        "goes after a couple of minutes standing still.",
        "causes cramps",
    ),
    _v(
        "short_trip_tight_calf",
        "self_care",
        "where_calf dur_lt3d stiff_after_rest",
        "NHS DVT (travel risk is over about 4 hours); clinician's review item 3",
        "A 2-hour train ride; both calves feel a bit tight afterwards and ease with a walk.",
        "stretch other causes cramps",
    ),
    _v(
        "overweight_front_knee_stairs",
        "self_care",
        "where_front worse_stairs_squat overweight dur_3d_2w onset_gradual",
        "NHS Knee pain; a risk factor matters with calf or back-of-knee pain, not here",
        "Very overweight, 50; the front of the knee aches on stairs for a week.",
        "runners",
    ),
    _v(
        "night_cramps",
        "self_care",
        "cramps_come_go where_calf dur_3d_2w night_pain",
        "NHS Leg cramps",
        "60; calf cramps at night this week, gone in minutes.",
        "cramps stretch",
    ),
    _v(
        "cramp_while_running",
        "self_care",
        "cramps_come_go where_calf onset_overuse active_runner dur_lt3d",
        "NHS Leg cramps",
        "Calf cramped during a long run in the heat; fine now.",
        "cramps stretch",
    ),
    _v(
        "frequent_cramps_for_months",
        "gp_soon",
        "cramps_come_go where_calf dur_gt2w night_pain recurring",
        "NHS Leg cramps (see a GP if frequent or affect sleep)",
        "Cramps most nights for three months, waking her up.",
        "cramps stretch",
    ),
    _v(
        "cramps_on_statin",
        "self_care",
        "cramps_come_go where_calf dur_3d_2w onset_gradual",
        "NHS Leg cramps; brief (statins)",
        "Calf cramps since starting a statin a fortnight ago.",
        "cramps stretch",
    ),
    _v(
        "cramps_in_pregnancy",
        "self_care",
        "cramps_come_go where_calf pregnant_or_postpartum dur_3d_2w night_pain",
        "NHS Leg cramps (common in pregnancy)",
        "28 weeks pregnant; night cramps in both calves that pass.",
        "cramps stretch",
    ),
    _v(
        "hamstring_cramp",
        "self_care",
        "cramps_come_go where_behind dur_lt3d",
        "NHS Leg cramps",
        "Cramp in the hamstring just behind the knee after gardening.",
        "cramps stretch",
    ),
    _v(
        "night_cramp_passed",
        "self_care",
        "cramps_come_go where_calf night_pain dur_lt3d",
        "NHS Leg cramps; issue 9 (a passed cramp is not 'can't bear weight')",
        "A cramp woke him last night; it has gone, the calf is a bit sore.",
        "cramps stretch",
    ),
    _v(
        "cyst_with_arthritis",
        "gp_soon",
        "lump_behind where_behind stiff_after_rest dur_gt2w onset_gradual",
        "NHS Baker's cyst",
        "65 with knee arthritis; a soft lump behind the knee, tight when bending.",
        "cyst other causes",
    ),
    _v(
        "new_swelling_behind_knee",
        "gp_soon",
        "lump_behind where_behind dur_3d_2w onset_gradual",
        "NHS Baker's cyst (any new lump: see a GP)",
        "40; noticed a swelling behind the knee, feels tight.",
        "cyst",
    ),
    _v(
        "lump_after_sport",
        "gp_soon",
        "lump_behind where_behind onset_overuse dur_lt3d",
        "NHS Baker's cyst",
        "A small lump behind the knee after a weekend of football.",
        "cyst other",
    ),
    _v(
        "known_cyst_flares",
        "gp_soon",
        "lump_behind where_behind recurring stiff_after_rest",
        "NHS Baker's cyst",
        "Known Baker's cyst that flares up every few months.",
        "cyst other",
    ),
    _v(
        "runners_knee_classic",
        "self_care",
        "where_front worse_stairs_squat active_runner onset_overuse dur_3d_2w",
        "NHS Knee pain; brief (runner's knee scoring)",
        "25, training for a half marathon; pain around the kneecap, worse on stairs.",
        "runners",
    ),
    _v(
        "runners_knee_desk",
        "gp_soon",
        "where_front onset_after_sitting worse_stairs_squat dur_gt2w onset_gradual",
        "NHS Knee pain; brief (runner's knee scoring)",
        "Ache at the front of the knee after sitting at her desk, for a month.",
        "runners",
    ),
    _v(
        "runners_knee_teen",
        "self_care",
        "where_front worse_stairs_squat active_runner onset_overuse dur_3d_2w",
        "NHS Knee pain",
        "15, plays football; front of the knee hurts when squatting.",
        "runners",
    ),
    _v(
        "runners_knee_recurring",
        "gp_soon",
        "where_front worse_stairs_squat active_runner recurring",
        "NHS Knee pain (keeps coming back: see a GP)",
        "The front-of-knee pain comes back every time she builds up her running.",
        "runners",
    ),
    _v(
        "hamstring_strain_sprint",
        "self_care",
        "where_behind onset_overuse pain_bending_pushing active_runner dur_lt3d",
        "NHS Sprains and strains; Cleveland Clinic Back of knee pain",
        "Sprinting for a bus; pain at the back of the thigh and knee when bending.",
        "other rice",
    ),
    _v(
        "hamstring_strain_kick",
        "self_care",
        "where_behind onset_injury pain_bending_pushing dur_lt3d",
        "NHS Sprains and strains",
        "Overstretched reaching for a ball; sore behind the knee when bending it.",
        "other rice",
    ),
    _v(
        "calf_strain_tennis",
        "self_care",
        "where_calf onset_overuse pain_bending_pushing dur_lt3d active_runner",
        "NHS Sprains and strains; Cleveland Clinic Back of knee pain",
        "Tennis; sharp pull in the calf, hurts pushing off on the toes, eases at rest.",
        "other rice",
    ),
    _v(
        "calf_strain_squash",
        "self_care",
        "where_calf onset_injury pain_bending_pushing dur_lt3d",
        "NHS Sprains and strains",
        "Felt like a kick in the calf during squash; can walk, hurts pushing off.",
        "other rice",
    ),
    _v(
        "calf_tendinopathy_runner",
        "gp_soon",
        "where_behind onset_overuse pain_bending_pushing active_runner dur_gt2w",
        "Cleveland Clinic Back of knee pain",
        "Runner; ache at the back of the knee and top of the calf for six weeks.",
        "other stretch",
    ),
    _v(
        "degenerative_meniscus",
        "gp_soon",
        "where_side clicks_catches onset_gradual dur_gt2w",
        "NHS Knee pain; Cleveland Clinic Back of knee pain",
        "55; inner side of the knee catches and clicks for two months, no injury.",
        "other",
    ),
    _v(
        "meniscus_twist_fresh",
        "self_care",
        "where_side onset_injury clicks_catches dur_lt3d",
        "NHS Knee pain; NHS Sprains and strains",
        "Twisted the knee yesterday, it clicks; mild swelling, walking fine.",
        "other rice",
    ),
    _v(
        "gives_way_no_injury",
        "gp_soon",
        "where_side gives_way clicks_catches onset_gradual dur_gt2w",
        "NHS Knee pain; brief (catching or giving way: meniscus or ligament)",
        "The knee gives way now and then and clicks; no injury she remembers.",
        "other",
    ),
    _v(
        "osteoarthritis",
        "gp_soon",
        "where_whole stiff_after_rest onset_gradual dur_gt2w",
        "NHS Knee pain; brief (cartilage wear is osteoarthritis)",
        "68; stiff every morning and after sitting, for months.",
        "other causes",
    ),
    _v(
        "arthritis_flare",
        "self_care",
        "where_whole stiff_after_rest onset_overuse dur_3d_2w",
        "NHS Knee pain",
        "Known arthritis; stiffer and sorer after a long walk this week.",
        "other causes",
    ),
    _v(
        "rheumatoid_stiff",
        "gp_soon",
        "where_whole stiff_after_rest older_or_diabetes_ra_joint recurring",
        "NHS Knee pain",
        "Rheumatoid arthritis; stiffness in the knee keeps coming back.",
        "other causes",
    ),
    _v(
        "sciatica_tingling",
        "gp_soon",
        "back_pain_sciatica where_behind dur_gt2w onset_gradual",
        "NHS Sciatica; brief 'Triage additions' (long-standing tingling is a GP matter)",
        "Back pain for months with tingling down the leg to behind the knee; nothing new.",
        "causes other",
    ),
    _v(
        "sciatica_recent",
        "gp_soon",
        "back_pain_sciatica where_behind dur_3d_2w",
        "NHS Sciatica",
        "Lower back pain with pain shooting down to behind the knee for a week.",
        "causes other",
    ),
    _v(
        "pcl_dashboard",
        "self_care",
        "where_behind onset_injury dur_lt3d",
        "Cleveland Clinic Back of knee pain (PCL)",
        "Knee hit the dashboard in a minor crash; sore at the back, walking fine.",
        "other rice",
    ),
    _v(
        "side_sprain_ski",
        "self_care",
        "where_side onset_injury dur_lt3d",
        "NHS Sprains and strains",
        "Fell skiing, sore inner side of the knee, can walk.",
        "other rice",
    ),
    _v(
        "long_hike_ache",
        "self_care",
        "where_behind onset_overuse dur_lt3d",
        "NHS Knee pain; seed article (fatigue)",
        "Ache behind the knee after a long hike.",
        "rice other stretch",
    ),
    _v(
        "downhill_running",
        "self_care",
        "where_behind onset_overuse active_runner pain_bending_pushing dur_3d_2w",
        "Cleveland Clinic Back of knee pain",
        "Pain behind the knee after downhill running, when bending.",
        "other stretch",
    ),
    _v(
        "vague_ache",
        "self_care",
        "where_behind onset_gradual dur_3d_2w",
        "NHS Knee pain; seed article",
        "A dull ache behind the knee for a week, no clear reason.",
        "causes cyst",
    ),
    _v(
        "kneeling_gardening",
        "self_care",
        "where_front onset_overuse worse_stairs_squat dur_lt3d",
        "NHS Knee pain",
        "Front of the knee sore after a day of kneeling in the garden.",
        "runners rice",
    ),
    _v(
        "front_after_sitting",
        "self_care",
        "where_front onset_after_sitting dur_3d_2w",
        "NHS Knee pain; brief (runner's knee scoring)",
        "Front of the knee aches after a long film.",
        "runners",
    ),
    _v(
        "outer_knee_runner",
        "self_care",
        "where_side active_runner onset_overuse dur_3d_2w",
        "NHS Knee pain",
        "Runner; pain on the outer side of the knee after longer runs.",
        "other rice",
    ),
    _v(
        "hamstring_tendon_recurring",
        "gp_soon",
        "where_behind pain_bending_pushing recurring active_runner",
        "Cleveland Clinic Back of knee pain; NHS Knee pain",
        "Hamstring tendon pain behind the knee that keeps coming back.",
        "other",
    ),
    _v(
        "sore_calf_after_gym",
        "self_care",
        "where_calf onset_overuse dur_lt3d",
        "NHS Sprains and strains",
        "Calves sore the day after a new gym class.",
        "other rice cramps",
    ),
    _v(
        "doubts_cleared_runner",
        "self_care",
        "where_front active_runner onset_overuse worse_stairs_squat dur_3d_2w",
        "NHS Knee pain; brief 'Triage additions' (Not sure: not every doubt to A&E)",
        "Runner with a sore front of the knee on stairs; unsure at first about a swollen calf "
        "and whether she can stand on it. The calves look alike and she walks 4 steps.",
        "runners",
        glance="calf_swollen cant_bear_weight",
    ),
    _v(
        "whole_knee_ache_unsure_start",
        "self_care",
        "where_whole dur_3d_2w",
        "NHS Knee pain",
        "Whole knee aches for a week; can't say how it started.",
        "causes other",
    ),
)
