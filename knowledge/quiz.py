"""The symptom quiz as a pure state machine.

A `QuizState` is just the answers given so far, in order. Everything else (the current
question, the outcome, the step number) is worked out from it, so a state can be stored as a
short string (`encode`) and checked again when it comes back (`decode` replays it through
`answer`, which rejects anything that could not have been reached by answering honestly).

The questions run in a fixed order: the red-flag questions first, then the ordinary ones. A
"yes" to any red-flag question ends the quiz at once with an urgent outcome. Otherwise the quiz
ends after the last question with 1–3 topics that may fit. The number of steps is therefore at
most ``len(QUESTIONS)``. Nothing here imports `telegram`, and nothing here is a diagnosis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from knowledge.quiz_data import (
    CHECK_SOON_RULES,
    DOCTOR_ANSWERS,
    FALLBACK_REASONS,
    MIN_TOPIC_SCORE,
    ORDINARY_QUESTIONS,
    QUESTIONS,
    RED_FLAG_QUESTIONS,
    TOPIC_ADVICE,
    TOPIC_HINTS,
    TOPIC_KEYS,
    TOPIC_PRIORITY,
    URGENT_DOCTOR_REASON,
    YES,
    Answer,
    Question,
    RedFlagInfo,
)

__all__ = [
    "MAX_ENCODED_LEN",
    "MAX_STEPS",
    "QUESTIONS",
    "TOPIC_KEYS",
    "Answer",
    "InvalidAnswer",
    "Outcome",
    "Question",
    "QuizState",
    "RedFlagInfo",
    "TopicMatch",
    "answer",
    "back",
    "current",
    "decode",
    "encode",
    "is_finished",
    "question_by_id",
    "start",
    "step_number",
]

MAX_STEPS = len(QUESTIONS)
MAX_ENCODED_LEN = 500
MAX_CODE_LEN = 32
MAX_TOPICS = 3
MAX_LABEL_LEN = 30

_QUESTION_ID = re.compile(r"[a-z0-9_]{1,12}")
_ANSWER_ID = re.compile(r"[a-z0-9]{1,8}")


class InvalidAnswer(ValueError):
    """An answer that does not fit the quiz as it stands: stale, doubled, forged or garbage."""


@dataclass(frozen=True)
class QuizState:
    """The answers given so far, as (question_id, answer_id) pairs in the order asked."""

    answers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class TopicMatch:
    """A topic that may fit, and the kind, plain reason it was suggested."""

    key: str
    reason: str


@dataclass(frozen=True)
class Outcome:
    """Where the quiz ends.

    `code` is short and stable, for storage: ``emergency:<question_id>``,
    ``urgent:<question_id>`` or ``topics:<key>+<key>...``. For urgent outcomes `advice[0]` is
    what to do now and `red_flag` is the id of the red-flag question answered "yes".
    """

    code: str
    urgent: bool
    emergency: bool
    topics: tuple[TopicMatch, ...]
    advice: tuple[str, ...]
    red_flag: str | None = None


_BY_ID: Mapping[str, Question] = {q.id: q for q in QUESTIONS}


def question_by_id(question_id: str) -> Question:
    """The question with this id; KeyError if there is none."""
    return _BY_ID[question_id]


def start() -> QuizState:
    """A fresh quiz with no answers."""
    return QuizState()


def _replay(state: QuizState) -> Question | Outcome:
    """Check every answer in `state` in order and return what comes next.

    Raises InvalidAnswer if the state could not have been reached by answering.
    """
    for index, (qid, aid) in enumerate(state.answers):
        if index >= len(QUESTIONS):
            raise InvalidAnswer("too many answers")
        question = QUESTIONS[index]
        if qid != question.id:
            raise InvalidAnswer(f"expected an answer to {question.id!r}, got {qid!r}")
        if aid not in question.answer_ids():
            raise InvalidAnswer(f"{aid!r} is not an answer to {qid!r}")
        if question.red_flag is not None and aid == YES:
            if index != len(state.answers) - 1:
                raise InvalidAnswer("answers after a red flag")
            return _urgent_outcome(question.id, question.red_flag)
    if len(state.answers) == len(QUESTIONS):
        return _ordinary_outcome(dict(state.answers))
    return QUESTIONS[len(state.answers)]


def current(state: QuizState) -> Question | Outcome:
    """The next unanswered question, or the outcome once the quiz has finished."""
    return _replay(state)


def is_finished(state: QuizState) -> bool:
    """True once the quiz has reached an outcome."""
    return isinstance(_replay(state), Outcome)


def answer(state: QuizState, question_id: str, answer_id: str) -> QuizState:
    """Record an answer to the current question.

    Raises InvalidAnswer if `question_id` is not the current question (a stale or doubled tap),
    if `answer_id` is not one of its answers, or if the quiz has already finished.
    """
    now = _replay(state)
    if isinstance(now, Outcome):
        raise InvalidAnswer("the quiz has already finished")
    if question_id != now.id:
        raise InvalidAnswer(f"the current question is {now.id!r}, not {question_id!r}")
    if answer_id not in now.answer_ids():
        raise InvalidAnswer(f"{answer_id!r} is not an answer to {question_id!r}")
    return QuizState((*state.answers, (question_id, answer_id)))


def back(state: QuizState) -> QuizState:
    """Undo the last answer; at the start, stay at the start."""
    return QuizState(state.answers[:-1])


def step_number(state: QuizState) -> tuple[int, int]:
    """(current question number counting from 1, total questions) for "Question 3 of 13".

    Once finished, the first number is how many questions were answered.
    """
    answered = len(state.answers)
    if isinstance(_replay(state), Outcome):
        return answered, len(QUESTIONS)
    return answered + 1, len(QUESTIONS)


def encode(state: QuizState) -> str:
    """A compact text form, e.g. ``"breathless=n;calf_dvt=n;where=back"``."""
    return ";".join(f"{qid}={aid}" for qid, aid in state.answers)


def decode(text: str) -> QuizState:
    """The state that `encode` produced; raises InvalidAnswer on anything else."""
    if not isinstance(text, str):
        raise InvalidAnswer("not a string")
    if len(text) > MAX_ENCODED_LEN:
        raise InvalidAnswer("too long")
    state = start()
    if text == "":
        return state
    for part in text.split(";"):
        qid, sep, aid = part.partition("=")
        if not sep or not _QUESTION_ID.fullmatch(qid) or not _ANSWER_ID.fullmatch(aid):
            raise InvalidAnswer(f"malformed part {part!r}")
        state = answer(state, qid, aid)
    return state


# --- outcomes -------------------------------------------------------------------------------


def _urgent_outcome(question_id: str, info: RedFlagInfo) -> Outcome:
    kind = "emergency" if info.emergency else "urgent"
    return Outcome(
        code=f"{kind}:{question_id}",
        urgent=True,
        emergency=info.emergency,
        topics=(TopicMatch("doctor", URGENT_DOCTOR_REASON),),
        advice=(info.action, *info.steps),
        red_flag=question_id,
    )


def _scores(given: Mapping[str, str]) -> tuple[dict[str, int], dict[str, str]]:
    """Points per topic, and for each topic the reason of the answer that gave it most."""
    totals: dict[str, int] = {}
    best: dict[str, tuple[int, str]] = {}
    for question in ORDINARY_QUESTIONS:
        aid = given[question.id]
        reason = question.reasons.get(aid, "")
        for topic, points in question.scores.get(aid, {}).items():
            totals[topic] = totals.get(topic, 0) + points
            if points > best.get(topic, (0, ""))[0]:
                best[topic] = (points, reason)
    return totals, {topic: reason for topic, (_, reason) in best.items()}


def _distinct_reasons(topics: list[TopicMatch]) -> list[TopicMatch]:
    """Give a repeated reason a short topic-specific ending, so each line says something."""
    seen: set[str] = set()
    result = []
    for match in topics:
        reason = match.reason
        if reason in seen:
            reason = f"{reason}, {TOPIC_HINTS[match.key]}"
        seen.add(match.reason)
        result.append(TopicMatch(match.key, reason))
    return result


def _ordinary_outcome(given: Mapping[str, str]) -> Outcome:
    totals, reasons = _scores(given)
    pairs = set(given.items())

    check_soon = [rule for rule in CHECK_SOON_RULES if rule.when <= pairs]
    doctor_reason = next((r for key, r in DOCTOR_ANSWERS.items() if key in pairs), None)

    ranked = sorted(
        (t for t in TOPIC_PRIORITY if t != "doctor" and totals.get(t, 0) >= MIN_TOPIC_SCORE),
        key=lambda t: -totals[t],  # stable sort keeps TOPIC_PRIORITY order on ties
    )
    matches = [TopicMatch(t, reasons[t]) for t in ranked]
    if not matches:
        matches = [TopicMatch("causes", FALLBACK_REASONS["causes"])]
        if doctor_reason is None:
            doctor_reason = FALLBACK_REASONS["doctor"]

    if check_soon:
        topics = [TopicMatch("doctor", check_soon[0].reason), *matches[: MAX_TOPICS - 1]]
    elif doctor_reason is not None:
        topics = [*matches[: MAX_TOPICS - 1], TopicMatch("doctor", doctor_reason)]
    else:
        topics = matches[:MAX_TOPICS]

    topics = _distinct_reasons(topics)
    advice = [rule.advice for rule in check_soon]
    advice += [TOPIC_ADVICE[t.key] for t in topics if not (check_soon and t.key == "doctor")]
    return Outcome(
        code="topics:" + "+".join(t.key for t in topics),
        urgent=False,
        emergency=False,
        topics=tuple(topics),
        advice=tuple(advice),
        red_flag=None,
    )


# --- checking the data once, at import --------------------------------------------------------


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(f"quiz data: {message}")


def validate_questions(questions: Iterable[Question] = QUESTIONS) -> None:
    """Raise ValueError if the question data breaks any rule the machine relies on."""
    qs = tuple(questions)
    ids = [q.id for q in qs]
    _check(len(set(ids)) == len(ids), "question ids must be unique")
    flags = [q.red_flag is not None for q in qs]
    _check(flags == sorted(flags, reverse=True), "red-flag questions must come first")
    _check(4 <= flags.count(False) <= 7, "there must be 4 to 7 ordinary questions")
    for q in qs:
        _check(bool(_QUESTION_ID.fullmatch(q.id)), f"bad question id {q.id!r}")
        aids = q.answer_ids()
        _check(len(set(aids)) == len(aids) >= 2, f"{q.id}: answers must be 2+ and unique")
        for a in q.answers:
            _check(bool(_ANSWER_ID.fullmatch(a.id)), f"{q.id}: bad answer id {a.id!r}")
            _check(0 < len(a.label) <= MAX_LABEL_LEN, f"{q.id}: label too long {a.label!r}")
        if q.red_flag is not None:
            _check(aids == (YES, "n"), f"{q.id}: red-flag answers must be exactly yes/no")
            _check(not q.scores, f"{q.id}: red-flag questions do not score")
        for aid, points in q.scores.items():
            _check(aid in aids, f"{q.id}: scores for unknown answer {aid!r}")
            _check(bool(q.reasons.get(aid)), f"{q.id}: scored answer {aid!r} needs a reason")
            for topic, value in points.items():
                _check(topic in TOPIC_KEYS, f"{q.id}: unknown topic {topic!r}")
                _check(value > 0, f"{q.id}: points must be positive")
    for qid, aid in DOCTOR_ANSWERS:
        _check(qid in ids and aid in _BY_ID[qid].answer_ids(), f"bad doctor answer {qid}={aid}")
    for rule in CHECK_SOON_RULES:
        for qid, aid in rule.when:
            _check(qid in ids and aid in _BY_ID[qid].answer_ids(), f"bad rule answer {qid}={aid}")
    _check(set(TOPIC_PRIORITY) == set(TOPIC_KEYS), "TOPIC_PRIORITY must list every topic")
    _check(set(TOPIC_ADVICE) == set(TOPIC_KEYS), "TOPIC_ADVICE must cover every topic")
    _check(set(TOPIC_HINTS) == set(TOPIC_KEYS), "TOPIC_HINTS must cover every topic")
    longest = sum(len(q.id) + max(len(a) for a in q.answer_ids()) + 2 for q in qs)
    _check(longest <= MAX_ENCODED_LEN, "encoded state could exceed the limit")
    longest_code = len("topics:") + sum(sorted(len(k) + 1 for k in TOPIC_KEYS)[-MAX_TOPICS:])
    _check(longest_code <= MAX_CODE_LEN, "outcome codes could exceed the limit")
    for q in qs:
        if q.red_flag is not None:
            _check(len(f"emergency:{q.id}") <= MAX_CODE_LEN, f"{q.id}: code too long")


validate_questions()
_check(len(RED_FLAG_QUESTIONS) + len(ORDINARY_QUESTIONS) == len(QUESTIONS), "question split")
