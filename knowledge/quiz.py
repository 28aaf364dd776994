"""The symptom quiz as a pure state machine whose answers assert findings.

A `QuizState` is just the answers given so far, in order. Everything else (the current
question, the findings, the outcome, the step number) is worked out from it, so a state can be
stored as a short string (`encode`) and checked again when it comes back (`decode` replays it
through `answer`, which rejects anything that could not have been reached by answering).

What comes next (see `knowledge.quiz_data`): the warning-sign screen first; an answer may lead
to a follow-up question (`Answer.then`). After a plain check of a doubt ("Not sure" -> "which
one?" -> a check), the quiz asks "Anything else you're not sure about?" (`unsure2`,
`unsure3`, ...) listing the doubts not checked yet, as long as one of their checks could still
make the outcome more urgent; "No, nothing else" ends the doubts. Otherwise the quiz ends as
soon as the answers need care today (no later question can change that), or goes on with the
next main question that applies (`Question.ask_if`), and ends after the last. The outcome is
always `knowledge.triage.assess` of the findings the answers asserted. No question is asked
twice (each check at most once, each repeat under its own id), so a quiz ends within
``len(QUESTIONS)`` steps. Nothing here imports `telegram`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from knowledge.quiz_data import (
    DOUBT_LISTS,
    DOUBTS_AGAIN,
    MAIN,
    QUESTIONS,
    UNSURE_WHICH,
    Answer,
    Question,
)
from knowledge.tiers import tier_rank
from knowledge.triage import Outcome, assess, outcome_code

__all__ = [
    "MAX_ENCODED_LEN",
    "MAX_LABEL_LEN",
    "MAX_STEPS",
    "QUESTIONS",
    "Answer",
    "InvalidAnswer",
    "Outcome",
    "Question",
    "QuizState",
    "answer",
    "back",
    "current",
    "decode",
    "encode",
    "findings",
    "is_finished",
    "outcome_code",
    "question_by_id",
    "start",
    "step_number",
    "summary",
]

MAX_STEPS = len(QUESTIONS)
MAX_ENCODED_LEN = 500
MAX_LABEL_LEN = 32

_ID = re.compile(r"[a-z0-9_]{1,12}")


class InvalidAnswer(ValueError):
    """An answer that does not fit the quiz as it stands: stale, doubled, forged or garbage."""


@dataclass(frozen=True)
class QuizState:
    """The answers given so far, as (question_id, answer_id) pairs in the order asked."""

    answers: tuple[tuple[str, str], ...] = ()


_BY_ID: Mapping[str, Question] = {q.id: q for q in QUESTIONS}


def question_by_id(question_id: str) -> Question:
    """The question with this id; KeyError if there is none. For "Anything else you're not
    sure about?" (`unsure2`...) this is the template with every doubt; `current` shows only
    the doubts left to check."""
    return _BY_ID[question_id]


def start() -> QuizState:
    """A fresh quiz with no answers."""
    return QuizState()


@dataclass(frozen=True)
class _Walk:
    """Where a replayed state stands."""

    findings: frozenset[str]
    next: Question | None  # None: finished
    remaining: int  # main questions still to come (an estimate for "Question N of M")


@lru_cache(maxsize=4096)
def _needs_care_today(found: frozenset[str]) -> bool:
    return assess(found).needs_care_today


_CHECKS: frozenset[str] = frozenset(a.then for a in UNSURE_WHICH.answers if a.then)
_DOUBT_LISTS: frozenset[str] = frozenset(DOUBT_LISTS)


@lru_cache(maxsize=4096)
def _rank(found: frozenset[str]) -> int:
    return tier_rank(assess(found).tier)


@lru_cache(maxsize=4096)
def _highest_rank(found: frozenset[str], question_id: str) -> int:
    """The most urgent tier that answering this question (and its follow-ups) could give."""
    best = 0
    for a in _BY_ID[question_id].answers:
        after = found | a.asserts
        best = max(best, _rank(after) if a.then is None else _highest_rank(after, a.then))
    return best


def _doubts_again(found: frozenset[str], asked: set[str]) -> Question | None:
    """ "Anything else you're not sure about?" after a plain check, or None.

    Lists the doubts whose check has not been asked yet and could still raise the tier (all
    of them while nothing needs care today; only breathing and the foot once it does; none
    after an emergency), then "No, nothing else"."""
    checked = len(asked & _CHECKS)
    if not checked or checked > len(DOUBTS_AGAIN):
        return None
    now = _rank(found)
    template = DOUBTS_AGAIN[checked - 1]
    left = tuple(
        a
        for a in template.answers[:-1]
        if a.then not in asked and a.then is not None and _highest_rank(found, a.then) > now
    )
    return replace(template, answers=(*left, template.answers[-1])) if left else None


def _next_main(found: frozenset[str], asked: set[str]) -> list[Question]:
    return [
        q for q in MAIN if q.id not in asked and (not q.ask_if or not q.ask_if.isdisjoint(found))
    ]


def _walk(state: QuizState) -> _Walk:
    """Replay every answer in order; raise InvalidAnswer if any could not have been given."""
    found: frozenset[str] = frozenset()
    asked: set[str] = set()
    upcoming: Question | None = MAIN[0]
    for qid, aid in state.answers:
        if upcoming is None:
            raise InvalidAnswer("answers after the end of the quiz")
        if qid != upcoming.id:
            raise InvalidAnswer(f"expected an answer to {upcoming.id!r}, got {qid!r}")
        chosen = upcoming.answer(aid)
        if chosen is None:
            raise InvalidAnswer(f"{aid!r} is not an answer to {qid!r}")
        found |= chosen.asserts
        asked.add(qid)
        if chosen.then is not None:
            upcoming = _BY_ID[chosen.then]
        elif (
            upcoming.follow_up
            and qid not in _DOUBT_LISTS
            and (again := _doubts_again(found, asked)) is not None
        ):
            upcoming = again
        elif _needs_care_today(found):
            upcoming = None
        else:
            rest = _next_main(found, asked)
            upcoming = rest[0] if rest else None
    if upcoming is None:
        return _Walk(found, None, 0)
    later = _next_main(found, asked | {upcoming.id})
    return _Walk(found, upcoming, 1 + len(later))


def current(state: QuizState) -> Question | Outcome:
    """The next unanswered question, or the outcome (`assess` of the findings) once finished."""
    walk = _walk(state)
    return walk.next if walk.next is not None else assess(walk.findings)


def findings(state: QuizState) -> frozenset[str]:
    """The findings the answers so far asserted."""
    return _walk(state).findings


def is_finished(state: QuizState) -> bool:
    """True once the quiz has reached an outcome."""
    return _walk(state).next is None


def answer(state: QuizState, question_id: str, answer_id: str) -> QuizState:
    """Record an answer to the current question.

    Raises InvalidAnswer if `question_id` is not the current question (a stale or doubled tap),
    if `answer_id` is not one of its answers, or if the quiz has already finished.
    """
    now = _walk(state).next
    if now is None:
        raise InvalidAnswer("the quiz has already finished")
    if question_id != now.id:
        raise InvalidAnswer(f"the current question is {now.id!r}, not {question_id!r}")
    if now.answer(answer_id) is None:
        raise InvalidAnswer(f"{answer_id!r} is not an answer to {question_id!r}")
    return QuizState((*state.answers, (question_id, answer_id)))


def back(state: QuizState) -> QuizState:
    """Undo the last answer; at the start, stay at the start."""
    return QuizState(state.answers[:-1])


def step_number(state: QuizState) -> tuple[int, int]:
    """(current question number counting from 1, questions expected in all) for "Question 2
    of 6". The total can change as answers open or skip questions. Once finished, both numbers
    are how many questions were answered."""
    walk = _walk(state)
    answered = len(state.answers)
    if walk.next is None:
        return answered, answered
    return answered + 1, answered + walk.remaining


def summary(state: QuizState) -> tuple[tuple[str, str], ...]:
    """(question in plain words, the answer's label) for every answer given, in order."""
    _walk(state)  # validates
    return tuple(
        (_BY_ID[qid].short or _BY_ID[qid].text, _answer_label(qid, aid))
        for qid, aid in state.answers
    )


def _answer_label(qid: str, aid: str) -> str:
    chosen = _BY_ID[qid].answer(aid)
    assert chosen is not None
    return chosen.label


def encode(state: QuizState) -> str:
    """A compact text form, e.g. ``"warn=n;where=back;onset=gradual"``."""
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
        if not sep or not _ID.fullmatch(qid) or not _ID.fullmatch(aid):
            raise InvalidAnswer(f"malformed part {part!r}")
        state = answer(state, qid, aid)
    return state


# --- checking the data once, at import --------------------------------------------------------


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(f"quiz data: {message}")


def validate_questions(questions: Iterable[Question] = QUESTIONS) -> None:
    """Raise ValueError if the question data breaks any rule the machine relies on."""
    qs = tuple(questions)
    ids = [q.id for q in qs]
    by_id = {q.id: q for q in qs}
    _check(len(set(ids)) == len(ids), "question ids must be unique")
    for q in qs:
        _check(bool(_ID.fullmatch(q.id)), f"bad question id {q.id!r}")
        aids = q.answer_ids()
        _check(len(set(aids)) == len(aids) >= 2, f"{q.id}: answers must be 2+ and unique")
        _check(q.answers[-1].always, f"{q.id}: the last answer must always apply")
        for a in q.answers:
            _check(bool(_ID.fullmatch(a.id)), f"{q.id}: bad answer id {a.id!r}")
            _check(0 < len(a.label) <= MAX_LABEL_LEN, f"{q.id}: label too long {a.label!r}")
            _check(a.always or bool(a.when), f"{q.id}/{a.id}: applies to nobody")
            if a.then is not None:
                _check(a.then in by_id, f"{q.id}/{a.id}: unknown follow-up {a.then!r}")
                _check(by_id[a.then].follow_up, f"{q.id}/{a.id}: {a.then!r} is not a follow-up")

    # "Anything else you're not sure about?": every answer but "No, nothing else" is a check
    for qid in DOUBT_LISTS[1:]:
        if qid in by_id:
            again = by_id[qid].answers
            _check(all(a.then for a in again[:-1]), f"{qid}: every doubt needs a check")

    # follow-ups must not loop: no chain of `then` comes back to a question on it
    def chain(qid: str, path: tuple[str, ...]) -> None:
        _check(qid not in path, f"follow-ups loop through {qid!r}")
        for a in by_id[qid].answers:
            if a.then:
                chain(a.then, (*path, qid))

    for q in qs:
        chain(q.id, ())
    longest = sum(len(q.id) + max(len(a) for a in q.answer_ids()) + 2 for q in qs)
    _check(longest <= MAX_ENCODED_LEN, "encoded state could exceed the limit")


validate_questions()
