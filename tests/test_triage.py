"""The triage rules and the quiz, tested like a medical device.

* Vignettes (tests/vignettes.py) through `assess()` and through the quiz as their person would
  answer it (the first answer that `applies_to` their findings), with the issue's thresholds.
* Properties: adding a warning sign never lowers the tier; adding any finding never lowers it;
  a doubt is never 999; every answer is reachable; every path ends within MAX_STEPS.
"""

from __future__ import annotations

import statistics

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge import quiz
from knowledge.findings import (
    CLOT_RISK_FACTORS,
    EMERGENCY_SIGNS,
    FINDINGS,
    SAME_DAY_SIGNS,
    WARNING_SIGNS,
    unsure,
)
from knowledge.quiz_data import MAIN, QUESTIONS, WARN
from knowledge.tiers import TIERS, tier_rank
from knowledge.topics import TOPIC_KEYS
from knowledge.triage import Outcome, assess, outcome_code, parse_outcome_code
from knowledge.triage_data import MAX_CODE_LEN, RULES
from tests.quiz_paths import distinct_states
from tests.triage_figures import at_a_glance, figures, run_all, sees, simulate, topic_ok
from tests.vignettes import VIGNETTES, Vignette

RUNS = run_all()
ALL_IDS = sorted(FINDINGS) + sorted(unsure(s) for s in WARNING_SIGNS)
finding_sets = st.frozensets(st.sampled_from(ALL_IDS), max_size=12)


# --- the vignettes --------------------------------------------------------------------------


def test_there_are_enough_vignettes_of_every_kind() -> None:
    kinds = [v.kind for v in VIGNETTES]
    assert len(VIGNETTES) >= 60
    assert kinds.count("emergency") >= 7
    assert kinds.count("same_day") >= 20
    assert kinds.count("ordinary") >= 30
    assert len({v.id for v in VIGNETTES}) == len(VIGNETTES)
    # People unsure about two or three signs at first, each kind of outcome among them.
    doubting = [v for v in VIGNETTES if len(v.glance) >= 2]
    assert len(doubting) >= 6 and any(len(v.glance) == 3 for v in doubting)
    assert {v.kind for v in doubting} == {"emergency", "same_day", "ordinary"}


@pytest.mark.parametrize("v", VIGNETTES, ids=[v.id for v in VIGNETTES])
def test_each_vignette_is_well_formed(v: Vignette) -> None:
    assert v.source.strip() and v.story.strip()
    for finding in v.findings:
        assert finding in FINDINGS or finding.removeprefix("unsure:") in WARNING_SIGNS, finding
    assert v.tier in TIERS
    assert v.glance <= WARNING_SIGNS
    if v.kind == "ordinary":
        assert v.topics and set(v.topics) <= set(TOPIC_KEYS)


@pytest.mark.parametrize("run", RUNS, ids=[r.vignette.id for r in RUNS])
def test_warning_signs_are_never_missed(run: object) -> None:
    """Every emergency -> emergency; every same-day case -> urgent or emergency, both ways."""
    from tests.triage_figures import Run

    assert isinstance(run, Run)
    for outcome in (run.direct, run.via_quiz):
        if run.vignette.kind == "emergency":
            assert outcome.tier == "emergency", (run.vignette.id, outcome.rules)
        if run.vignette.kind == "same_day":
            assert outcome.needs_care_today, (run.vignette.id, outcome.rules)


@pytest.mark.parametrize("run", RUNS, ids=[r.vignette.id for r in RUNS])
def test_the_quiz_and_assess_agree_on_the_tier(run: object) -> None:
    from tests.triage_figures import Run

    assert isinstance(run, Run)
    assert run.via_quiz.tier == run.direct.tier, (run.vignette.id, run.path)
    # Each tap was true for the person; an answer that groups several signs may state one
    # of its group on their behalf (the group's rule fires on any member).
    v = run.vignette
    state = quiz.start()
    for qid, aid in run.path:
        seen = sees(qid, v.findings, v.glance)
        answer = quiz.question_by_id(qid).answer(aid)
        assert answer is not None and answer.applies_to(seen)
        assert answer.asserts <= seen | answer.when | {"where_whole"}
        state = quiz.answer(state, qid, aid)


def test_over_triage_topics_and_taps_meet_the_targets() -> None:
    for via_quiz in (False, True):
        f = figures(RUNS, via_quiz)
        assert f.emergency_caught[0] == f.emergency_caught[1]
        assert f.same_day_caught[0] == f.same_day_caught[1]
        assert f.emergency_exact[0] == f.emergency_exact[1]  # no 999 for a non-emergency
        assert f.over_triage[0] <= 0.10 * f.over_triage[1]
        assert f.topic_agreement[0] >= 0.90 * f.topic_agreement[1]
    f = figures(RUNS, True)
    assert f.median_taps <= 8
    assert f.max_emergency_taps <= 2


def test_topics_come_from_the_findings_not_a_fixed_list() -> None:
    runners = next(r for r in RUNS if r.vignette.id == "runners_knee_classic")
    cramps = next(r for r in RUNS if r.vignette.id == "night_cramps")
    assert runners.via_quiz.topics[0] == "runners" and topic_ok(runners, runners.via_quiz)
    assert cramps.via_quiz.topics[0] == "cramps"


# --- rules that the brief asks for by name ----------------------------------------------------


def test_clicks_and_giving_way_point_away_from_runners_knee() -> None:
    for extra in ({"clicks_catches"}, {"gives_way"}):
        outcome = assess({"where_behind", "dur_lt3d", *extra})
        assert "runners" not in outcome.topics
        assert outcome.topics[0] == "other"
    stairs = assess({"where_front", "worse_stairs_squat", "dur_lt3d"})
    assert stairs.topics[0] == "runners"


def test_a_cold_pale_foot_is_999_whatever_else_is_true() -> None:
    for extra in ({"calf_swollen"}, {"severe_pain"}, {"knee_very_swollen", "onset_injury"}, set()):
        assert assess({"foot_cold_pale", *extra}).tier == "emergency"


def test_a_hot_swollen_knee_is_same_day_with_or_without_fever() -> None:
    no_fever = assess({"knee_hot_red_swollen"})
    fever = assess({"knee_hot_red_swollen", "fever_unwell"})
    assert no_fever.tier == fever.tier == "urgent"
    assert "A&E" in fever.advice[0]


def test_one_painful_calf_and_any_risk_factor_is_same_day() -> None:
    for risk in CLOT_RISK_FACTORS:
        assert assess({"where_calf", "calf_pain_one_leg", risk}).tier == "urgent", risk
        assert assess({"unsure:calf_pain_one_leg", risk}).tier == "urgent", risk
        assert assess({"where_behind", risk}).tier == "urgent", risk  # the vein behind the knee


def test_night_cramps_that_come_and_go_in_pregnancy_are_self_care() -> None:
    """Clinician's review item 8: common, eased by stretching (NHS Leg cramps)."""
    cramps = {"where_calf", "cramps_come_go", "night_pain", "pregnant_or_postpartum"}
    assert assess(cramps).tier == "self_care"
    assert assess(cramps | {"calf_pain_one_leg"}).tier == "urgent"  # one-sided pain that stays


def test_the_risk_factors_are_the_nhs_list_in_one_place() -> None:
    assert {"smoker", "overweight", "recent_surgery", "long_travel_or_immobile"} <= set(
        CLOT_RISK_FACTORS
    )
    risk_question = next(q for q in QUESTIONS if q.id == "risk")
    offered = {f for a in risk_question.answers for f in a.when}
    assert offered == set(CLOT_RISK_FACTORS)
    assert risk_question.ask_if == {"where_calf", "where_behind"}


def test_long_standing_sciatica_tingling_is_a_gp_matter() -> None:
    assert assess({"back_pain_sciatica", "dur_gt2w", "where_behind"}).tier == "gp_soon"


KNEE_LOOKS = {"knee_hot_red_swollen", "knee_very_swollen", "knee_hot_or_red"}


def test_a_doubt_is_same_day_advice_never_999() -> None:
    for sign in WARNING_SIGNS - KNEE_LOOKS:
        outcome = assess({unsure(sign)})
        assert outcome.tier == "urgent", sign
        assert "111" in outcome.advice[0]


def test_a_knee_doubt_that_remains_is_a_gp_with_safety_netting_unless_at_risk() -> None:
    """Clinician's review item 8: a middle outcome where a clinician would accept it."""
    for sign in KNEE_LOOKS:
        calm = assess({unsure(sign)})
        assert calm.tier == "gp_soon" and "unsure_knee" in calm.rules
        assert any("today" in line and "fever" in line for line in calm.advice)
    assert assess({unsure("knee_hot_red_swollen"), "fever_unwell"}).tier == "urgent"
    at_risk = {unsure("knee_hot_red_swollen"), "older_or_diabetes_ra_joint"}
    assert assess(at_risk).tier == "urgent"


def test_a_new_lump_is_gp_soon_and_a_pulsing_one_is_urgent() -> None:
    assert assess({"lump_behind"}).tier == "gp_soon"
    assert assess({"lump_behind", "lump_growing_or_pulsing"}).tier == "urgent"


@pytest.mark.parametrize("sign", sorted(EMERGENCY_SIGNS))
def test_each_emergency_sign_alone_is_999(sign: str) -> None:
    assert assess({sign}).tier == "emergency"


@pytest.mark.parametrize("sign", sorted(SAME_DAY_SIGNS))
def test_each_same_day_sign_alone_is_same_day(sign: str) -> None:
    assert assess({sign}).tier == "urgent"


def test_nothing_known_is_self_care_with_the_overview() -> None:
    outcome = assess(frozenset())
    assert outcome.tier == "self_care" and outcome.topics == ("causes",)
    assert assess({"not_a_finding"}).tier == "self_care"


# --- properties ---------------------------------------------------------------------------


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(finding_sets, st.sampled_from(sorted(WARNING_SIGNS)))
def test_adding_a_warning_sign_never_lowers_the_tier(found: frozenset[str], sign: str) -> None:
    before = tier_rank(assess(found).tier)
    after = assess(found | {sign})
    assert tier_rank(after.tier) >= max(before, tier_rank("urgent"))
    if sign in EMERGENCY_SIGNS:
        assert after.tier == "emergency"


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(finding_sets, finding_sets)
def test_adding_any_finding_never_lowers_the_tier(a: frozenset[str], b: frozenset[str]) -> None:
    assert tier_rank(assess(a | b).tier) >= tier_rank(assess(a).tier)


@settings(max_examples=300)
@given(finding_sets)
def test_doubts_alone_never_reach_999(found: frozenset[str]) -> None:
    doubts = frozenset(f for f in found if f.startswith("unsure:"))
    assert assess(doubts).tier != "emergency"


@settings(max_examples=300)
@given(finding_sets)
def test_outcomes_are_well_formed_and_codes_round_trip(found: frozenset[str]) -> None:
    outcome = assess(found)
    assert outcome.topics and set(outcome.topics) <= set(TOPIC_KEYS)
    assert len(outcome.topic_reasons) == len(outcome.topics)
    assert outcome.advice
    if outcome.needs_care_today:
        assert outcome.topics == ("doctor",) and outcome.reasons
    code = outcome_code(outcome)
    assert len(code) <= MAX_CODE_LEN
    parsed = parse_outcome_code(code)
    assert parsed.tier == outcome.tier
    if not outcome.needs_care_today:
        assert parsed.topics == outcome.topics


@settings(max_examples=300)
@given(finding_sets)
def test_the_quiz_ends_within_max_steps_for_anyone(found: frozenset[str]) -> None:
    outcome, taps, _ = simulate(found)
    assert taps <= quiz.MAX_STEPS
    assert isinstance(outcome, Outcome)


def test_every_answer_of_every_question_is_reachable() -> None:
    """Explore every distinct position of the quiz; every (question, answer) pair appears."""
    seen: set[tuple[str, str]] = set()
    for state in distinct_states():
        now = quiz.current(state)
        asked = [qid for qid, _ in state.answers]
        assert len(asked) == len(set(asked)) <= quiz.MAX_STEPS  # no question twice
        if isinstance(now, Outcome):
            continue
        assert now.id not in asked
        seen |= {(now.id, a.id) for a in now.answers}
    every = {(q.id, a.id) for q in QUESTIONS for a in q.answers}
    assert seen == every


def test_every_answer_applies_to_the_findings_it_asserts() -> None:
    """Tapping an answer states its findings, so a person with them would pick it."""
    for q in QUESTIONS:
        for a in q.answers:
            if a.asserts:
                assert a.applies_to(a.asserts), (q.id, a.id)


def test_the_warning_screen_lists_emergencies_first_and_none_last() -> None:
    tiers = [assess(a.asserts).tier for a in WARN.answers if a.asserts]
    ranks = [tier_rank(t) for t in tiers]
    assert ranks == sorted(ranks, reverse=True)
    assert WARN.answers[-1].always and WARN.answers[-1].label == "None of these"
    assert MAIN[0] is WARN
    # Every warning sign is on the first screen (or its "Not sure").
    listed = set().union(*(a.when for a in WARN.answers))
    assert listed >= WARNING_SIGNS


def test_median_non_urgent_taps() -> None:
    taps = [r.taps for r in RUNS if not r.via_quiz.needs_care_today]
    assert statistics.median(taps) <= 8


def test_every_rule_fires_for_some_vignette_or_property() -> None:
    fired = {rule for r in RUNS for rule in r.direct.rules}
    unfired = {r.id for r in RULES} - fired
    assert unfired <= {"unsure_emergency"} or not unfired, unfired


# --- the clinician's table ------------------------------------------------------------------


def test_the_rules_table_in_docs_is_up_to_date() -> None:
    from knowledge.triage_table import DOC_PATH, render_table

    assert DOC_PATH.read_text(encoding="utf-8") == render_table(), (
        "docs/triage-rules.md is stale: run python -m knowledge.triage_table"
    )
    for rule in RULES:
        assert f"`{rule.id}`" in render_table()


# --- stored codes and the vocabulary ----------------------------------------------------------


def test_stored_codes_read_back_including_the_first_quizs_codes() -> None:
    assert parse_outcome_code("urgent:clot_risk") == ("urgent", ("doctor",))
    assert parse_outcome_code("self_care:cyst+cramps") == ("self_care", ("cyst", "cramps"))
    assert parse_outcome_code("gp_soon:cyst+doctor").topics == ("cyst", "doctor")
    # Rows written by the first quiz.
    assert parse_outcome_code("topics:runners+other+doctor").tier == "self_care"
    assert parse_outcome_code("emergency:breathless") == ("emergency", ("doctor",))
    assert parse_outcome_code("urgent:calf_dvt").tier == "urgent"
    for bad in ("", "urgent", "nope:cyst", "self_care:", "self_care:cyst+nope", "topics"):
        with pytest.raises(ValueError):
            parse_outcome_code(bad)


def test_the_vocabulary_holds_every_id_the_issue_names() -> None:
    required = [
        "breathless",
        "chest_pain",
        "coughing_blood",
        "foot_cold_pale",
        "leg_numb_weak",
        "calf_swollen",
        "calf_warm_red",
        "calf_pain_one_leg",
        "veins_hard_sore",
        "cant_bear_weight",
        "severe_pain",
        "knee_locked",
        "pop_then_swelling",
        "knee_deformed",
        "knee_hot_red_swollen",
        "fever_unwell",
        "knee_very_swollen",
        "recent_surgery",
        "long_travel_or_immobile",
        "pregnant_or_postpartum",
        "hormones",
        "previous_clot",
        "cancer",
        "where_behind",
        "where_front",
        "where_side",
        "where_calf",
        "where_whole",
        "onset_injury",
        "onset_overuse",
        "onset_gradual",
        "onset_after_sitting",
        "dur_lt3d",
        "dur_3d_2w",
        "dur_gt2w",
        "recurring",
        "lump_behind",
        "lump_growing_or_pulsing",
        "cramps_come_go",
        "clicks_catches",
        "gives_way",
        "stiff_after_rest",
        "active_runner",
        "night_pain",
    ]
    assert set(required) <= set(FINDINGS)
    assert {
        "breathless",
        "chest_pain",
        "coughing_blood",
        "foot_cold_pale",
        "leg_numb_weak",
        "serious_injury",  # clinician's review item 4: A&E or 999
        "pain_under_cast",
        "cauda_equina",  # clinician's review item 6
    } == EMERGENCY_SIGNS


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(finding_sets)
def test_the_quiz_reaches_the_same_tier_as_assess_for_anyone(found: frozenset[str]) -> None:
    """Not only the vignettes: any person answering truthfully gets the rules' tier."""
    outcome, taps, _ = simulate(found)
    assert outcome.tier == assess(found).tier
    if outcome.tier == "emergency" and found & EMERGENCY_SIGNS:
        assert taps == 1


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(finding_sets, st.frozensets(st.sampled_from(sorted(WARNING_SIGNS)), max_size=6))
def test_doubts_checked_one_by_one_never_lower_the_tier(
    found: frozenset[str], glance: frozenset[str]
) -> None:
    """Any doubts at first sight plus any true findings (doubts that stay included).

    The person taps "Not sure" for every sign in `glance`, and each plain check shows what
    `found` says. The quiz must end, asking no question twice, at a tier no lower than the
    rules give for what checking shows. A sign the person is sure of is listed above "Not
    sure", so they tap it first and get at least the tier of what they said at a glance.
    """
    outcome, taps, path = simulate(found, glance)
    asked = [qid for qid, _ in path]
    assert taps <= quiz.MAX_STEPS and len(set(asked)) == len(asked)
    said = at_a_glance(found, glance)
    if said & WARNING_SIGNS:
        assert tier_rank(outcome.tier) >= tier_rank(assess(said).tier)
    else:
        assert tier_rank(outcome.tier) >= tier_rank(assess(found).tier), path
    if glance and not said & WARNING_SIGNS:
        assert asked[:2] == ["warn", "unsure_which"] and asked[2].startswith("chk_")
