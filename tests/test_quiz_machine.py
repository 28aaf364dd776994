"""Tests for the symptom quiz state machine (knowledge.quiz) and its rendering."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge import quiz, quiz_data
from knowledge.quiz import (
    MAX_STEPS,
    QUESTIONS,
    TOPIC_KEYS,
    InvalidAnswer,
    Outcome,
    Question,
    QuizState,
    TopicMatch,
    answer,
    back,
    current,
    decode,
    encode,
    is_finished,
    question_by_id,
    start,
    step_number,
)
from knowledge.quiz_render import (
    DONT_WAIT,
    MAX_MESSAGE_LEN,
    NOT_A_DIAGNOSIS,
    WORSE_LINE,
    render_outcome,
    render_question,
)

RED_FLAG_IDS = ("breathless", "calf_dvt", "no_weight", "injury_pop", "hot_fever", "numb_foot")
ORDINARY_IDS = ("where", "start", "lump", "cramps", "clicks", "active", "howlong")
ALL_IDS = RED_FLAG_IDS + ORDINARY_IDS

# The answer given to each question on the way to another one.
DEFAULT_PATH: dict[str, str] = {
    **dict.fromkeys(RED_FLAG_IDS, "n"),
    "where": "back",
    "start": "gradual",
    "lump": "n",
    "cramps": "n",
    "clicks": "n",
    "active": "n",
    "howlong": "d3w2",
}


# --- helpers ---------------------------------------------------------------------------------


def walk(*answer_ids: str) -> QuizState:
    """Answer the current question with each id in turn."""
    state = start()
    for aid in answer_ids:
        question = current(state)
        assert isinstance(question, Question), f"quiz ended before {aid!r}"
        state = answer(state, question.id, aid)
    return state


def default_state_before(question_id: str) -> QuizState:
    """The state reached by answering every earlier question with its default answer."""
    index = ALL_IDS.index(question_id)
    return walk(*(DEFAULT_PATH[qid] for qid in ALL_IDS[:index]))


def ordinary(*answer_ids: str) -> Outcome:
    """The outcome after "no" to every red flag and these answers to the ordinary questions."""
    result = current(walk(*(["n"] * len(RED_FLAG_IDS)), *answer_ids))
    assert isinstance(result, Outcome)
    return result


def keys(outcome: Outcome) -> tuple[str, ...]:
    return tuple(t.key for t in outcome.topics)


def reachable(state: QuizState | None = None) -> Iterator[QuizState]:
    """Every state the quiz can reach by answering, depth first."""
    state = start() if state is None else state
    yield state
    now = current(state)
    if isinstance(now, Question):
        for a in now.answers:
            yield from reachable(answer(state, now.id, a.id))


@cache
def all_states() -> tuple[QuizState, ...]:
    return tuple(reachable())


@cache
def all_outcomes() -> dict[str, Outcome]:
    """Every distinct outcome, by the encoded state that leads to it."""
    result: dict[str, Outcome] = {}
    for state in all_states():
        now = current(state)
        if isinstance(now, Outcome):
            result[encode(state)] = now
    return result


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


def test_question_order_and_ids() -> None:
    assert tuple(q.id for q in QUESTIONS) == ALL_IDS
    assert tuple(q.id for q in QUESTIONS if q.red_flag is not None) == RED_FLAG_IDS
    assert MAX_STEPS == len(QUESTIONS) == 13
    assert quiz.QUESTIONS is quiz_data.QUESTIONS


def test_question_data_rules() -> None:
    for q in QUESTIONS:
        assert re.fullmatch(r"[a-z0-9_]{1,12}", q.id)
        assert q.text.strip() and q.text.endswith("?")
        assert len({a.id for a in q.answers}) == len(q.answers) >= 2
        for a in q.answers:
            assert re.fullmatch(r"[a-z0-9]{1,8}", a.id)
            assert 0 < len(a.label) <= 30
            # The bot's answer buttons carry "1a:<nonce up to 12>:<question>:<answer>".
            assert len(f"1a:{'x' * 12}:{q.id}:{a.id}".encode()) <= 64
        if q.red_flag is not None:
            assert [(a.id, a.label) for a in q.answers] == [("y", "Yes"), ("n", "No")]
            assert q.red_flag.action and q.red_flag.explanation
        for aid, points in q.scores.items():
            assert aid in q.answer_ids() and set(points) <= set(TOPIC_KEYS)
            assert q.reasons[aid]
    only_emergency = [q.id for q in QUESTIONS if q.red_flag and q.red_flag.emergency]
    assert only_emergency == ["breathless"]


def test_question_data_is_read_only_and_hashable() -> None:
    where = question_by_id("where")
    with pytest.raises(TypeError):
        where.scores["back"] = {}  # type: ignore[index]
    with pytest.raises(TypeError):
        where.scores["back"]["cyst"] = 99  # type: ignore[index]
    assert len({hash(q) for q in QUESTIONS}) == len(QUESTIONS)


def test_question_by_id() -> None:
    for q in QUESTIONS:
        assert question_by_id(q.id) is q
    with pytest.raises(KeyError):
        question_by_id("nope")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda qs: (qs[-1], *qs[:-1]), "red-flag questions must come first"),
        (lambda qs: (*qs, qs[0]), "unique"),
        (lambda qs: qs[:9], "4 to 7 ordinary"),
        (
            lambda qs: (
                replace(qs[0], answers=(quiz.Answer("y", "x" * 31), quiz.Answer("n", "No"))),
                *qs[1:],
            ),
            "label too long",
        ),
        (lambda qs: (*qs[:-1], replace(qs[-1], scores={"lt3d": {"nope": 1}})), "unknown topic"),
        (lambda qs: (*qs[:-1], replace(qs[-1], scores={"zz": {"rice": 1}})), "unknown answer"),
        (lambda qs: (*qs[:-1], replace(qs[-1], reasons={})), "needs a reason"),
    ],
)
def test_validate_questions_rejects_bad_data(change: object, message: str) -> None:
    assert callable(change)
    with pytest.raises(ValueError, match=message):
        quiz.validate_questions(change(QUESTIONS))


def test_quiz_modules_do_not_import_telegram() -> None:
    for name in ("quiz.py", "quiz_data.py", "quiz_render.py"):
        source = (Path(quiz.__file__).parent / name).read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+telegram\b", source, re.MULTILINE), name


# --- every question, every answer ------------------------------------------------------------

# (question, answer) -> the next question id, or the outcome code, on the default path.
EVERY_ANSWER: dict[tuple[str, str], str] = {
    ("breathless", "y"): "emergency:breathless",
    ("breathless", "n"): "calf_dvt",
    ("calf_dvt", "y"): "urgent:calf_dvt",
    ("calf_dvt", "n"): "no_weight",
    ("no_weight", "y"): "urgent:no_weight",
    ("no_weight", "n"): "injury_pop",
    ("injury_pop", "y"): "urgent:injury_pop",
    ("injury_pop", "n"): "hot_fever",
    ("hot_fever", "y"): "urgent:hot_fever",
    ("hot_fever", "n"): "numb_foot",
    ("numb_foot", "y"): "urgent:numb_foot",
    ("numb_foot", "n"): "where",
    ("where", "back"): "start",
    ("where", "front"): "start",
    ("where", "calf"): "start",
    ("where", "all"): "start",
    ("start", "sport"): "lump",
    ("start", "gradual"): "lump",
    ("start", "sitting"): "lump",
    ("start", "unsure"): "lump",
    ("lump", "y"): "cramps",
    ("lump", "n"): "cramps",
    ("lump", "unsure"): "cramps",
    ("cramps", "y"): "clicks",
    ("cramps", "n"): "clicks",
    ("clicks", "y"): "active",
    ("clicks", "n"): "active",
    ("active", "y"): "howlong",
    ("active", "n"): "howlong",
    ("howlong", "lt3d"): "topics:cyst",
    ("howlong", "d3w2"): "topics:cyst",
    ("howlong", "gt2w"): "topics:cyst+doctor",
    ("howlong", "recur"): "topics:cyst+doctor",
}


def test_every_answer_table_covers_every_answer() -> None:
    assert set(EVERY_ANSWER) == {(q.id, a.id) for q in QUESTIONS for a in q.answers}


@pytest.mark.parametrize(("question_id", "answer_id"), list(EVERY_ANSWER))
def test_every_answer(question_id: str, answer_id: str) -> None:
    before = default_state_before(question_id)
    asked = current(before)
    assert isinstance(asked, Question) and asked.id == question_id
    after = answer(before, question_id, answer_id)
    assert after.answers == (*before.answers, (question_id, answer_id))
    now = current(after)
    expected = EVERY_ANSWER[(question_id, answer_id)]
    question = question_by_id(question_id)
    if question.red_flag is not None and answer_id == "y":
        assert isinstance(now, Outcome)
        assert now.urgent and now.red_flag == question_id
        assert now.emergency == (question_id == "breathless")
        assert now.code == expected
        assert now.advice[0] == question.red_flag.action
    elif isinstance(now, Outcome):
        assert not now.urgent and now.red_flag is None
        assert now.code == expected
    else:
        assert now.id == expected
    assert is_finished(after) == isinstance(now, Outcome)


# --- named paths to ordinary outcomes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param(("back", "gradual", "y", "n", "n", "n", "d3w2"), ("cyst",), id="cyst"),
        pytest.param(
            ("calf", "unsure", "n", "y", "n", "n", "lt3d"), ("cramps", "stretch"), id="cramps"
        ),
        pytest.param(
            ("front", "gradual", "n", "n", "y", "y", "d3w2"), ("runners", "other"), id="runners"
        ),
        pytest.param(
            ("front", "sitting", "n", "n", "n", "n", "d3w2"), ("runners",), id="kneecap-sitting"
        ),
        pytest.param(("back", "sport", "n", "n", "n", "y", "lt3d"), ("other", "rice"), id="strain"),
        pytest.param(
            ("back", "gradual", "y", "n", "n", "n", "gt2w"), ("cyst", "doctor"), id="cyst-2-weeks"
        ),
        pytest.param(
            ("all", "unsure", "n", "n", "n", "n", "recur"), ("causes", "doctor"), id="recurring"
        ),
        pytest.param(
            ("front", "gradual", "n", "y", "y", "y", "gt2w"),
            ("runners", "cramps", "doctor"),
            id="three-topics-with-doctor",
        ),
        pytest.param(
            ("back", "unsure", "n", "n", "n", "n", "d3w2"), ("causes", "doctor"), id="fallback"
        ),
        pytest.param(
            ("calf", "sitting", "n", "n", "n", "n", "lt3d"), ("doctor", "causes"), id="travel-calf"
        ),
        pytest.param(
            ("calf", "sitting", "n", "y", "n", "n", "gt2w"),
            ("doctor", "cramps", "stretch"),
            id="travel-calf-cramps",
        ),
    ],
)
def test_named_paths(answers: tuple[str, ...], expected: tuple[str, ...]) -> None:
    outcome = ordinary(*answers)
    assert keys(outcome) == expected
    assert outcome.code == "topics:" + "+".join(expected)
    assert not outcome.urgent and not outcome.emergency and outcome.red_flag is None
    assert outcome.advice


def test_cyst_reason_mentions_the_lump() -> None:
    outcome = ordinary("back", "gradual", "y", "n", "n", "n", "d3w2")
    assert outcome.topics == (
        TopicMatch("cyst", "You mentioned a swelling or a lump behind the knee"),
    )


def test_long_pain_reason_and_advice_point_to_a_gp() -> None:
    outcome = ordinary("back", "gradual", "y", "n", "n", "n", "gt2w")
    doctor = outcome.topics[-1]
    assert doctor.key == "doctor" and "2 weeks" in doctor.reason
    assert any("GP" in line for line in outcome.advice)


def test_calf_pain_after_travel_puts_the_clot_check_first() -> None:
    outcome = ordinary("calf", "sitting", "n", "n", "n", "n", "lt3d")
    assert outcome.topics[0].key == "doctor"
    assert "clot" in outcome.topics[0].reason
    assert "clot" in outcome.advice[0] and "111" in outcome.advice[0]
    # Not the same when the calf pain did not follow travel or sitting.
    assert keys(ordinary("calf", "gradual", "n", "n", "n", "n", "lt3d"))[0] != "doctor"


def test_repeated_reasons_are_made_distinct() -> None:
    outcome = ordinary("calf", "unsure", "n", "y", "n", "n", "lt3d")
    reasons = [t.reason for t in outcome.topics]
    assert len(set(reasons)) == len(reasons)
    assert "stretching" in outcome.topics[1].reason


# --- invalid answers, back, step numbers ------------------------------------------------------


def test_invalid_answer_is_a_value_error() -> None:
    assert issubclass(InvalidAnswer, ValueError)


def test_wrong_question_id() -> None:
    state = walk("n")
    with pytest.raises(InvalidAnswer):
        answer(state, "breathless", "n")  # a double tap on the previous question
    with pytest.raises(InvalidAnswer):
        answer(state, "no_weight", "n")  # a question further on
    with pytest.raises(InvalidAnswer):
        answer(state, "nope", "n")


def test_wrong_answer_id() -> None:
    with pytest.raises(InvalidAnswer):
        answer(start(), "breathless", "maybe")
    with pytest.raises(InvalidAnswer):
        answer(default_state_before("where"), "where", "y")
    with pytest.raises(InvalidAnswer):
        answer(default_state_before("where"), "where", "")


def test_answering_after_finish() -> None:
    urgent = walk("n", "y")
    with pytest.raises(InvalidAnswer):
        answer(urgent, "no_weight", "n")
    done = walk(*DEFAULT_PATH.values())
    assert isinstance(current(done), Outcome)
    for q in QUESTIONS:
        for a in q.answers:
            with pytest.raises(InvalidAnswer):
                answer(done, q.id, a.id)


def test_forged_states_are_rejected() -> None:
    for forged in (
        QuizState((("where", "back"),)),
        QuizState((("calf_dvt", "n"),)),  # valid answer id, but not the first question
        QuizState((("breathless", "n"), ("no_weight", "n"))),
        QuizState((("breathless", "y"), ("calf_dvt", "n"))),
        QuizState((("breathless", "maybe"),)),
        QuizState((*DEFAULT_PATH.items(), ("howlong", "lt3d"))),
    ):
        with pytest.raises(InvalidAnswer):
            current(forged)
        with pytest.raises(InvalidAnswer):
            step_number(forged)


def test_back() -> None:
    assert back(start()) == start()
    assert back(back(start())) == start()
    one = walk("n")
    assert back(one) == start()
    urgent = walk("n", "y")
    assert current(back(urgent)) == question_by_id("calf_dvt")
    done = walk(*DEFAULT_PATH.values())
    assert current(back(done)) == question_by_id("howlong")
    # Going back and answering differently changes the outcome.
    changed = answer(back(done), "howlong", "gt2w")
    result = current(changed)
    assert isinstance(result, Outcome) and "doctor" in keys(result)


def test_step_number() -> None:
    assert step_number(start()) == (1, 13)
    assert step_number(walk("n")) == (2, 13)
    assert step_number(default_state_before("where")) == (7, 13)
    assert step_number(default_state_before("howlong")) == (13, 13)
    assert step_number(walk("y")) == (1, 13)
    assert step_number(walk(*DEFAULT_PATH.values())) == (13, 13)


# --- encode / decode --------------------------------------------------------------------------


def test_encode_format() -> None:
    assert encode(start()) == ""
    assert encode(walk("n", "n")) == "breathless=n;calf_dvt=n"
    full = encode(walk(*DEFAULT_PATH.values()))
    assert full.startswith("breathless=n;calf_dvt=n;no_weight=n;")
    assert full.endswith("where=back;start=gradual;lump=n;cramps=n;clicks=n;active=n;howlong=d3w2")


def test_encode_decode_round_trip_for_every_reachable_state() -> None:
    for state in all_states():
        text = encode(state)
        assert len(text) <= 500
        assert decode(text) == state


@pytest.mark.parametrize(
    "text",
    [
        "garbage",
        "breathless",
        "breathless=",
        "=n",
        "breathless=n;",
        ";breathless=n",
        "breathless=n;;calf_dvt=n",
        "breathless=maybe",
        "breathless=n=n",
        "BREATHLESS=n",
        "breathless = n",
        "breathless=n\n",
        "breathless=n;breathless=n",
        "calf_dvt=n",  # skips a red flag
        "where=back",  # skips every red flag
        "breathless=n;calf_dvt=n;no_weight=n;injury_pop=n;hot_fever=n;where=back",
        "breathless=y;calf_dvt=n",  # an answer after the outcome
        "breathless=n;calf_dvt=y;no_weight=n",
        "breathless=n;nope=n",
        "breathless=n;calf_dvt=n;no_weight=n;injury_pop=n;hot_fever=n;numb_foot=n;"
        "where=back;start=gradual;lump=n;cramps=n;clicks=n;active=n;howlong=d3w2;howlong=d3w2",
        "breathless=n;" * 50,
        "x" * 501,
        "bréathless=n",
    ],
)
def test_decode_rejects_garbage_and_forgeries(text: str) -> None:
    with pytest.raises(InvalidAnswer):
        decode(text)


@pytest.mark.parametrize("value", [None, b"breathless=n", 42, ["breathless=n"]])
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


# --- hypothesis: properties of the machine ----------------------------------------------------

_any_id = st.sampled_from(
    [
        *ALL_IDS,
        "",
        "nope",
        "y",
        "n",
        "Y",
        "breathless;",
        *(a.id for q in QUESTIONS for a in q.answers),
    ]
)


@st.composite
def reachable_states(draw: st.DrawFn) -> QuizState:
    """A state reached by answering honestly, stopping at a random point."""
    state = start()
    stop = draw(st.integers(min_value=0, max_value=MAX_STEPS))
    for _ in range(stop):
        now = current(state)
        if isinstance(now, Outcome):
            break
        state = answer(state, now.id, draw(st.sampled_from(now.answer_ids())))
    return state


@given(st.data())
@settings(max_examples=200)
def test_random_taps_reach_an_outcome_within_the_step_limit(data: st.DataObject) -> None:
    state = start()
    valid_steps = 0
    for _ in range(6 * MAX_STEPS):
        now = current(state)
        if isinstance(now, Outcome):
            break
        if data.draw(st.booleans(), label="honest"):
            pair = (now.id, data.draw(st.sampled_from(now.answer_ids())))
        else:
            pair = (data.draw(_any_id), data.draw(_any_id))
        try:
            new = answer(state, *pair)
        except InvalidAnswer:
            assert pair[0] != now.id or pair[1] not in now.answer_ids()
            continue
        assert len(new.answers) == len(state.answers) + 1  # always forward, never a loop
        state = new
        valid_steps += 1
        assert valid_steps <= MAX_STEPS
    # Finish honestly: whatever happened, the quiz ends within the limit.
    while not isinstance(now := current(state), Outcome):
        state = answer(state, now.id, now.answer_ids()[-1])
        valid_steps += 1
        assert valid_steps <= MAX_STEPS
    with pytest.raises(InvalidAnswer):
        answer(state, *(data.draw(_any_id), data.draw(_any_id)))


@given(reachable_states())
def test_any_red_flag_yes_gives_an_urgent_outcome(state: QuizState) -> None:
    yes = [qid for qid, aid in state.answers if question_by_id(qid).red_flag and aid == "y"]
    now = current(state)
    if not yes:
        assert not (isinstance(now, Outcome) and now.urgent)
        return
    assert isinstance(now, Outcome)
    assert now.urgent and now.red_flag == yes[0]
    assert now.emergency == (yes[0] == "breathless")
    assert now.code == f"{'emergency' if now.emergency else 'urgent'}:{yes[0]}"
    assert state.answers[-1] == (yes[0], "y")  # nothing is asked after a red flag


@given(st.integers(min_value=0, max_value=len(RED_FLAG_IDS) - 1), st.data())
def test_nothing_can_be_added_after_a_red_flag(first_yes: int, data: st.DataObject) -> None:
    state = walk(*(["n"] * first_yes), "y")
    extra = data.draw(st.lists(st.tuples(_any_id, _any_id), max_size=5))
    for pair in extra:
        with pytest.raises(InvalidAnswer):
            answer(state, *pair)
    forged = QuizState((*state.answers, *extra))
    if extra:
        with pytest.raises(InvalidAnswer):
            decode(encode(forged))


_ordinary_answers = st.tuples(
    *(st.sampled_from(question_by_id(qid).answer_ids()) for qid in ORDINARY_IDS)
)


@given(_ordinary_answers)
@settings(max_examples=300)
def test_ordinary_outcome_properties(answers: tuple[str, ...]) -> None:
    outcome = ordinary(*answers)
    given_answers = dict(zip(ORDINARY_IDS, answers, strict=True))
    topic_keys = keys(outcome)
    assert 1 <= len(topic_keys) <= 3
    assert len(set(topic_keys)) == len(topic_keys)
    assert set(topic_keys) <= set(TOPIC_KEYS)
    assert not outcome.urgent and not outcome.emergency and outcome.red_flag is None
    assert outcome.code == "topics:" + "+".join(topic_keys) and len(outcome.code) <= 32
    assert all(t.reason.strip() for t in outcome.topics)
    assert len({t.reason for t in outcome.topics}) == len(outcome.topics)
    assert outcome.advice and all(line.strip() for line in outcome.advice)
    if given_answers["howlong"] in {"gt2w", "recur"}:
        assert "doctor" in topic_keys
    if given_answers["where"] == "calf" and given_answers["start"] == "sitting":
        assert topic_keys[0] == "doctor"


@given(reachable_states())
@settings(max_examples=300)
def test_encode_decode_round_trip(state: QuizState) -> None:
    text = encode(state)
    assert len(text) <= 500
    assert decode(text) == state
    assert current(decode(text)) == current(state)


# --- exhaustive checks over every reachable outcome -------------------------------------------


CODE_PATTERN = r"(emergency|urgent):[a-z0-9_]{1,12}|topics:[a-z]+(\+[a-z]+){0,2}"


def test_every_outcome_is_well_formed() -> None:
    outcomes = all_outcomes()
    codes = {o.code for o in outcomes.values()}
    assert {c for c in codes if not c.startswith("topics:")} == {
        "emergency:breathless",
        *(f"urgent:{qid}" for qid in RED_FLAG_IDS[1:]),
    }
    for outcome in outcomes.values():
        assert len(outcome.code) <= 32
        assert re.fullmatch(
            r"(emergency|urgent):[a-z0-9_]+|topics:[a-z]+(\+[a-z]+){0,2}", outcome.code
        )
        assert 1 <= len(outcome.topics) <= 3
        assert {t.key for t in outcome.topics} <= set(TOPIC_KEYS)
        if outcome.urgent:
            assert outcome.code.split(":", 1)[1] == outcome.red_flag
        else:
            assert outcome.code == "topics:" + "+".join(keys(outcome))


def test_no_text_claims_a_diagnosis() -> None:
    texts = [line for o in all_outcomes().values() for line in o.advice]
    texts += [t.reason for o in all_outcomes().values() for t in o.topics]
    texts += [q.text for q in QUESTIONS]
    for text in texts:
        lowered = text.lower()
        assert "you have a" not in lowered and "diagnosed" not in lowered, text
        assert "you definitely" not in lowered, text


# --- rendering --------------------------------------------------------------------------------


def test_render_every_reachable_outcome() -> None:
    for outcome in all_outcomes().values():
        html = render_outcome(outcome)
        assert_telegram_html(html)
        if outcome.urgent:
            assert f"<b>{DONT_WAIT}</b>" in html
            assert html.index("<b>") < 12  # what to do now comes first, in bold
            assert NOT_A_DIAGNOSIS not in html
        else:
            assert "Topics that may fit" in html
            assert NOT_A_DIAGNOSIS in html and WORSE_LINE in html
            for topic in outcome.topics:
                assert f"/{topic.key} — " in html


def test_render_emergency_puts_the_numbers_first() -> None:
    outcome = current(walk("y"))
    assert isinstance(outcome, Outcome)
    html = render_outcome(outcome)
    first_line = html.splitlines()[0]
    for number in ("999", "112", "911"):
        assert number in first_line


def test_render_calf_warning_mentions_bakers_cyst() -> None:
    outcome = current(walk("n", "y"))
    assert isinstance(outcome, Outcome)
    html = render_outcome(outcome)
    assert "Baker" in html and "examination" in html and "today" in html


def test_render_every_question_at_every_reachable_step() -> None:
    seen: set[str] = set()
    for state in all_states():
        now = current(state)
        if not isinstance(now, Question) or (now.id in seen and now.red_flag is None):
            continue
        seen.add(now.id)
        html = render_question(state, now)
        assert_telegram_html(html)
        number, total = step_number(state)
        assert f"Question {number} of {total}" in html
        assert ("signs that need quick care" in html) == (now.red_flag is not None)
    assert seen == set(ALL_IDS)


def test_render_escapes_dynamic_text() -> None:
    nasty = Outcome(
        code="topics:causes",
        urgent=False,
        emergency=False,
        topics=(TopicMatch("causes", "<script>&"),),
        advice=("a < b & c > d",),
    )
    html = render_outcome(nasty)
    assert_telegram_html(html)
    assert "&lt;script&gt;&amp;" in html and "a &lt; b &amp; c &gt; d" in html


@given(reachable_states())
def test_render_current_screen(state: QuizState) -> None:
    now = current(state)
    html = render_outcome(now) if isinstance(now, Outcome) else render_question(state, now)
    assert_telegram_html(html)
