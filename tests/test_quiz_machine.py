"""Tests for the symptom quiz state machine (knowledge.quiz) and its rendering."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge import quiz
from knowledge.outcome_render import MAX_VISIBLE, render_outcome
from knowledge.quiz import (
    MAX_STEPS,
    QUESTIONS,
    InvalidAnswer,
    Outcome,
    Question,
    QuizState,
    answer,
    back,
    current,
    decode,
    encode,
    is_finished,
    question_by_id,
    start,
    step_number,
    summary,
)
from knowledge.quiz_data import MAIN_ORDER, NO, WARN, Answer
from knowledge.quiz_render import MAX_MESSAGE_LEN, render_question
from knowledge.texts import DISCLAIMER, EMERGENCY_LINE
from knowledge.triage import assess
from tests.quiz_paths import distinct_states

# An ordinary path: no warning sign, pain behind the knee.
ORDINARY = (
    ("warn", "n"),
    ("where", "back"),
    ("risk", "n"),
    ("onset", "gradual"),
    ("howlong", "d3w2"),
    ("more", "lump"),
    ("feel", "stiff"),
)


def walk(*pairs: tuple[str, str]) -> QuizState:
    state = start()
    for qid, aid in pairs:
        state = answer(state, qid, aid)
    return state


def all_states() -> tuple[QuizState, ...]:
    """A state for every distinct position reachable by answering (see tests/quiz_paths.py)."""
    return distinct_states()


class _TagChecker(HTMLParser):
    """Fails on anything Telegram's HTML mode would reject in our output."""

    ALLOWED = frozenset({"b", "i"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.ALLOWED or attrs:
            self.errors.append(f"tag <{tag}> {attrs}")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.errors.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced </{tag}>")

    def handle_entityref(self, name: str) -> None:
        if name not in {"lt", "gt", "amp", "quot"}:
            self.errors.append(f"entity &{name};")

    def handle_comment(self, data: str) -> None:
        self.errors.append("comment")

    def handle_decl(self, decl: str) -> None:
        self.errors.append("declaration")


def assert_telegram_html(text: str) -> None:
    assert 0 < len(text) <= MAX_MESSAGE_LEN
    checker = _TagChecker()
    checker.feed(text)
    checker.close()
    assert checker.errors == [], (checker.errors, text)
    assert checker.stack == [], ("unclosed", checker.stack, text)
    # Every "<" starts one of our tags and every "&" starts an entity.
    assert not re.search(r"<(?!/?[bi]>)", text), text
    assert not re.search(r"&(?!(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)", text), text


# --- the data --------------------------------------------------------------------------------


def test_the_main_questions_and_their_order() -> None:
    assert MAIN_ORDER == ("warn", "where", "risk", "calfstay", "onset", "howlong", "more", "feel")
    assert QUESTIONS[0] is WARN


def test_every_question_ends_with_an_answer_that_always_applies() -> None:
    for q in QUESTIONS:
        assert q.answers[-1].always, q.id
        assert all(not a.always for a in q.answers[:-1]), q.id
        assert len({a.id for a in q.answers}) == len(q.answers)


def test_question_data_is_read_only_and_hashable() -> None:
    q = QUESTIONS[0]
    with pytest.raises(AttributeError):
        q.text = "changed"  # type: ignore[misc]
    assert hash(q) == hash(question_by_id(q.id))
    with pytest.raises(KeyError):
        question_by_id("nope")


def _with(qs: tuple[Question, ...], index: int, **changes: object) -> tuple[Question, ...]:
    return (*qs[:index], replace(qs[index], **changes), *qs[index + 1 :])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda qs: (*qs, qs[0]), "unique"),
        (
            lambda qs: _with(
                qs, 1, answers=(Answer("a", "x" * 40, when=frozenset({"x"})), *qs[1].answers)
            ),
            "label too long",
        ),
        (lambda qs: _with(qs, 1, answers=qs[1].answers[:-1]), "always apply"),
        (lambda qs: _with(qs, 1, answers=(Answer("zz", "Nobody"), *qs[1].answers)), "nobody"),
        (
            lambda qs: _with(
                qs, 1, answers=(replace(qs[1].answers[0], then="nope"), *qs[1].answers[1:])
            ),
            "unknown follow-up",
        ),
        (
            lambda qs: _with(
                qs, 1, answers=(replace(qs[1].answers[0], then="where"), *qs[1].answers[1:])
            ),
            "not a follow-up",
        ),
    ],
)
def test_validate_questions_rejects_bad_data(change: object, message: str) -> None:
    assert callable(change)
    with pytest.raises(ValueError, match=message):
        quiz.validate_questions(change(QUESTIONS))


def test_validate_questions_rejects_a_repeated_doubt_without_a_check() -> None:
    qs = list(QUESTIONS)
    i = next(i for i, q in enumerate(qs) if q.id == "unsure3")
    first = replace(qs[i].answers[0], then=None)
    qs[i] = replace(qs[i], answers=(first, *qs[i].answers[1:]))
    with pytest.raises(ValueError, match="needs a check"):
        quiz.validate_questions(qs)


def test_validate_questions_rejects_a_loop_of_follow_ups() -> None:
    qs = list(QUESTIONS)
    i = next(i for i, q in enumerate(qs) if q.id == "chk_fever")
    first = replace(qs[i].answers[0], then="chk_fever")
    qs[i] = replace(qs[i], answers=(first, *qs[i].answers[1:]))
    with pytest.raises(ValueError, match="loop"):
        quiz.validate_questions(qs)


def test_quiz_modules_do_not_import_telegram() -> None:
    for name in ("quiz.py", "quiz_data.py", "quiz_render.py", "outcome_render.py", "triage.py"):
        source = (Path(quiz.__file__).parent / name).read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+telegram\b", source, re.MULTILINE), name


# --- paths -----------------------------------------------------------------------------------


def test_an_emergency_is_one_tap() -> None:
    for aid in ("breath", "foot", "weak"):
        outcome = current(walk(("warn", aid)))
        assert isinstance(outcome, Outcome) and outcome.tier == "emergency"


def test_a_same_day_sign_ends_the_quiz_at_once() -> None:
    for aid in ("calf", "calfpain", "weight", "locked", "swollen", "fever"):
        outcome = current(walk(("warn", aid)))
        assert isinstance(outcome, Outcome) and outcome.tier == "urgent", aid


def test_a_hot_knee_asks_about_fever_to_choose_where_to_go() -> None:
    state = walk(("warn", "hot"))
    assert current(state) == question_by_id("hot_fever")
    with_fever = current(answer(state, "hot_fever", "y"))
    without = current(answer(state, "hot_fever", NO))
    assert isinstance(with_fever, Outcome) and isinstance(without, Outcome)
    assert with_fever.tier == without.tier == "urgent"
    assert "A&E" in with_fever.advice[0] and "A&E" not in without.advice[0]


def ids(question: object) -> list[str]:
    assert isinstance(question, Question), question
    return [a.id for a in question.answers]


def test_not_sure_leads_to_a_plain_check_and_a_no_carries_on() -> None:
    state = walk(("warn", "ns"))
    assert current(state) == question_by_id("unsure_which")
    state = answer(state, "unsure_which", "calf")
    assert current(state) == question_by_id("chk_calf")
    # A doubt that remains is same-day advice, after one last look at the 999 signs.
    still = answer(state, "chk_calf", "ns")
    assert ids(current(still)) == ["breath", "foot", "serious", NO]
    outcome = current(answer(still, "unsure2", NO))
    assert isinstance(outcome, Outcome) and outcome.tier == "urgent"
    assert "999" not in outcome.advice[0]
    # Cleared: anything else? Every other doubt, then "No, nothing else" goes on to the rest.
    cleared = answer(state, "chk_calf", NO)
    again = current(cleared)
    assert isinstance(again, Question) and again.id == "unsure2"
    assert again.text == "Anything else you're not sure about?"
    assert ids(again) == ["breath", "foot", "serious", "knee", "walk", "fever", NO]
    assert again.answers[-1].label == "No, nothing else"
    assert current(answer(cleared, "unsure2", NO)) == question_by_id("where")


def test_a_second_doubt_is_checked_after_the_first_is_cleared() -> None:
    """The safety gap: unsure about the foot and the calf; the foot is fine, the calf isn't."""
    state = walk(("warn", "ns"), ("unsure_which", "foot"), ("chk_foot", NO), ("unsure2", "calf"))
    assert current(state) == question_by_id("chk_calf")
    swollen = current(answer(state, "chk_calf", "swollen"))
    assert ids(swollen) == ["breath", "serious", NO]  # only checks that could still mean 999
    done = current(walk(*state.answers, ("chk_calf", "swollen"), ("unsure3", NO)))
    assert isinstance(done, Outcome) and done.tier == "urgent" and done.rules[0] == "clot_signs"


def test_an_emergency_found_by_a_later_check_is_999_at_once() -> None:
    state = walk(("warn", "ns"), ("unsure_which", "breath"), ("chk_breath", "ns"))
    assert ids(current(state)) == ["foot", "serious", NO]
    outcome = current(walk(*state.answers, ("unsure2", "foot"), ("chk_foot", "cold")))
    assert isinstance(outcome, Outcome) and outcome.tier == "emergency"
    assert outcome.rules[0] == "blocked_artery"


def test_each_doubt_is_checked_at_most_once_and_the_repeats_end() -> None:
    state = walk(("warn", "ns"))
    listed = ids(current(state))
    checks = {"breath": "chk_breath", "foot": "chk_foot", "serious": "chk_serious"}
    checks |= {"calf": "chk_calf"}
    checks |= {"knee": "chk_knee", "walk": "chk_walk", "fever": "chk_fever"}
    assert listed == [*checks, "other"]
    cleared = {"chk_walk": "y"}  # "Yes, I can" take 4 steps
    asked = ["unsure_which"]
    left = list(checks)
    while True:
        now = current(state)
        assert isinstance(now, Question)
        if now.id == "where":
            break
        assert now.id == asked[-1]
        assert ids(now) == [*left, "other" if now.id == "unsure_which" else NO]
        pick = left.pop(-1)  # the last listed, to show the order need not be kept
        state = answer(state, now.id, pick)
        assert current(state) == question_by_id(checks[pick])
        state = answer(state, checks[pick], cleared.get(checks[pick], NO))
        asked.append(f"unsure{len(asked) + 1}")
    assert not left  # seven checks; after the last, nothing is left to ask about
    repeats = [qid for qid, _ in state.answers if qid.startswith("unsure")]
    assert repeats == ["unsure_which", *(f"unsure{n}" for n in range(2, 8))]
    assert len(state.answers) == 1 + 7 + 7
    assert quiz.findings(state) == frozenset()


def test_a_doubt_already_checked_cannot_be_answered_again() -> None:
    state = walk(("warn", "ns"), ("unsure_which", "foot"), ("chk_foot", NO))
    with pytest.raises(InvalidAnswer, match="not an answer"):
        answer(state, "unsure2", "foot")
    with pytest.raises(InvalidAnswer, match="current question"):
        answer(state, "unsure3", "calf")
    assert back(state) == walk(("warn", "ns"), ("unsure_which", "foot"))
    assert step_number(state)[0] == 4


def test_a_doubt_about_breathing_gets_a_plain_check_not_999() -> None:
    state = walk(("warn", "ns"), ("unsure_which", "breath"))
    assert current(state) == question_by_id("chk_breath")
    yes = current(answer(state, "chk_breath", "y"))
    assert isinstance(yes, Outcome) and yes.tier == "emergency"
    unsure = current(walk(*state.answers, ("chk_breath", "ns"), ("unsure2", NO)))
    assert isinstance(unsure, Outcome) and unsure.tier == "urgent"
    assert "111" in unsure.advice[0] and "999" not in unsure.advice[0]
    assert ids(current(answer(state, "chk_breath", NO)))[0] == "foot"


def test_clot_risk_factors_are_asked_about_calf_and_back_of_knee_pain() -> None:
    assert current(walk(("warn", "n"), ("where", "front"))) == question_by_id("onset")
    behind = walk(("warn", "n"), ("where", "back"))
    assert current(behind) == question_by_id("risk")
    behind_on_pill = current(answer(behind, "risk", "pill"))
    assert isinstance(behind_on_pill, Outcome) and behind_on_pill.tier == "urgent"
    assert "clot_risk_behind" in behind_on_pill.rules
    state = walk(("warn", "n"), ("where", "calf"))
    assert current(state) == question_by_id("risk")
    on_pill = answer(state, "risk", "pill")
    assert current(on_pill) == question_by_id("calfstay")  # a concrete check, not a guess
    stays = current(answer(on_pill, "calfstay", "y"))
    assert isinstance(stays, Outcome) and stays.tier == "urgent" and "clot_risk" in stays.rules
    unsure_of_it = current(answer(on_pill, "calfstay", "ns"))
    assert isinstance(unsure_of_it, Outcome) and unsure_of_it.tier == "urgent"
    comes_and_goes = current(answer(on_pill, "calfstay", "n"))
    assert comes_and_goes == question_by_id("onset")  # night cramps: the quiz goes on


def test_an_ordinary_path_takes_seven_taps_and_ends_in_topics() -> None:
    state = walk(*ORDINARY)
    outcome = current(state)
    assert isinstance(outcome, Outcome)
    assert outcome.tier == "gp_soon"  # a new lump
    assert outcome.topics[0] == "cyst" and outcome.topics[-1] == "doctor"
    assert outcome == assess(quiz.findings(state))
    assert len(state.answers) == 7  # pain behind the knee: the clot risk question too


def test_a_pulsing_lump_ends_the_quiz_same_day() -> None:
    outcome = current(walk(*ORDINARY[:5], ("more", "pulse")))
    assert isinstance(outcome, Outcome) and outcome.tier == "urgent"
    assert outcome.rules[0] == "pulsing_lump"


def test_summary_lists_each_question_and_answer_in_plain_words() -> None:
    state = walk(*ORDINARY)
    lines = summary(state)
    assert lines[0] == ("Warning signs now", "None of these")
    assert lines[1] == ("Where it hurts", "Behind the knee")
    assert len(lines) == len(ORDINARY)
    with pytest.raises(InvalidAnswer):
        summary(QuizState((("where", "back"),)))


# --- invalid answers ---------------------------------------------------------------------------


def test_invalid_answers_are_rejected() -> None:
    assert issubclass(InvalidAnswer, ValueError)
    with pytest.raises(InvalidAnswer, match="current question"):
        answer(start(), "where", "back")
    with pytest.raises(InvalidAnswer, match="not an answer"):
        answer(start(), "warn", "nope")
    finished = walk(("warn", "breath"))
    with pytest.raises(InvalidAnswer, match="finished"):
        answer(finished, "where", "back")


def test_back_and_step_numbers() -> None:
    assert back(start()) == start()
    state = walk(*ORDINARY[:3])
    assert back(state) == walk(*ORDINARY[:2])
    assert step_number(start()) == (1, 6)
    assert step_number(walk(("warn", "n"), ("where", "calf"))) == (3, 7)
    done = walk(*ORDINARY)
    assert is_finished(done) and step_number(done) == (7, 7)
    assert not is_finished(start())


def test_encode_format_and_round_trip() -> None:
    state = walk(*ORDINARY)
    assert encode(state) == (
        "warn=n;where=back;risk=n;onset=gradual;howlong=d3w2;more=lump;feel=stiff"
    )
    assert decode(encode(state)) == state
    assert decode("") == start()


@pytest.mark.parametrize(
    "text",
    [
        "warn",
        "warn=",
        "=n",
        "warn=n;",
        "warn=n\n",
        "warn=n;warn=n",
        "where=back",  # skips the warning signs
        "warn=breath;where=back",  # an answer after the outcome
        "warn=n;where=front;risk=n",  # risk is asked only about the calf and back of knee
        "warn=n;chk_calf=n",  # a follow-up nobody asked for
        "warn=n;nope=n",
        "warn=n;" * 80,
        "x" * 501,
        "wárn=n",
    ],
)
def test_decode_rejects_garbage_and_forgeries(text: str) -> None:
    with pytest.raises(InvalidAnswer):
        decode(text)


@pytest.mark.parametrize("value", [None, b"warn=n", 42, ["warn=n"]])
def test_decode_rejects_non_strings(value: object) -> None:
    with pytest.raises(InvalidAnswer):
        decode(value)  # type: ignore[arg-type]


@given(st.text(max_size=600))
def test_decode_arbitrary_text_is_canonical_or_rejected(text: str) -> None:
    try:
        state = decode(text)
    except InvalidAnswer:
        return
    assert encode(state) == text


# --- every reachable state ---------------------------------------------------------------------


def test_every_reachable_state_round_trips_and_ends_in_time() -> None:
    states = all_states()
    assert len(states) > 1000
    for state in states:
        assert len(state.answers) <= MAX_STEPS
        assert len(encode(state)) <= quiz.MAX_ENCODED_LEN
    for state in states[::97]:
        assert decode(encode(state)) == state


@st.composite
def reachable_states(draw: st.DrawFn) -> QuizState:
    """A state reached by answering, stopping at a random point."""
    state = start()
    stop = draw(st.integers(min_value=0, max_value=MAX_STEPS))
    for _ in range(stop):
        now = current(state)
        if isinstance(now, Outcome):
            break
        state = answer(state, now.id, draw(st.sampled_from(now.answer_ids())))
    return state


@settings(max_examples=300)
@given(reachable_states())
def test_random_paths_render_and_decode(state: QuizState) -> None:
    assert decode(encode(state)) == state
    now = current(state)
    if isinstance(now, Question):
        assert_telegram_html(render_question(state, now))
        number, total = step_number(state)
        assert 1 <= number <= total <= MAX_STEPS
    else:
        assert now == assess(quiz.findings(state))
        assert_outcome_screen(now)


# --- outcome screens -------------------------------------------------------------------------


def visible(text: str) -> str:
    return (
        re.sub(r"<[^>]+>", "", text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    )


def assert_outcome_screen(outcome: Outcome) -> None:
    text = render_outcome(outcome)
    assert_telegram_html(text)
    assert len(visible(text)) <= MAX_VISIBLE, (len(visible(text)), text)
    assert text.count(DISCLAIMER) == 1
    assert text.count("can't diagnose you") == 1


def test_every_reachable_outcome_screen_fits_and_has_one_disclaimer() -> None:
    seen = set()
    for state in all_states():
        now = current(state)
        if isinstance(now, Outcome) and now not in seen:
            seen.add(now)
            assert_outcome_screen(now)
    assert len(seen) > 50


def test_the_emergency_screen_puts_the_number_first() -> None:
    outcome = current(walk(("warn", "foot")))
    assert isinstance(outcome, Outcome)
    text = render_outcome(outcome)
    assert text.startswith(f"🚨 <b>{EMERGENCY_LINE}</b>")
    assert "While you wait" in text and "check" not in text.lower().split("while you wait")[0]


def test_each_tier_has_its_own_screen() -> None:
    urgent = render_outcome(assess({"knee_locked"}))
    gp = render_outcome(assess({"lump_behind", "where_behind"}))
    self_care = render_outcome(assess({"cramps_come_go", "where_calf"}))
    assert "today" in visible(urgent).split("\n")[0] and "/doctor" in urgent
    assert visible(gp).startswith("🩺 Book a GP appointment") and "/cyst" in gp
    assert visible(self_care).startswith("🙂 Self-care for now.") and "/cramps" in self_care
    assert "2 weeks" in visible(self_care).split("\n")[0]  # when to see a GP, in the verdict
    for text in (urgent, gp, self_care):
        assert "999" not in visible(text).split("\n")[0]


def test_every_question_renders_at_its_step() -> None:
    for state in all_states()[::53]:
        now = current(state)
        if isinstance(now, Question):
            text = render_question(state, now)
            assert_telegram_html(text)
            assert text.startswith("<b>Question ")


def test_the_question_number_only_moves_forward() -> None:
    """Issue 20: "Not sure" adds checks, so a total would jump ("1 of 6", then "2 of 7")."""
    from knowledge.quiz_render import render_question

    path = [("warn", "ns"), ("unsure_which", "calf"), ("chk_calf", "n"), ("unsure2", "n")]
    state, shown = start(), []
    for qid, aid in path:
        now = current(state)
        assert isinstance(now, Question) and now.id == qid
        shown.append(render_question(state, now).split("\n", 1)[0])
        state = answer(state, qid, aid)
    assert shown == [f"<b>Question {n}</b>" for n in range(1, len(path) + 1)]
    assert all(" of " not in line for line in shown)
