"""Every distinct position in the quiz, for tests that explore all of it.

Since "Anything else you're not sure about?" may come after every plain check, the doubts can
be checked in any order, and the plain number of answer sequences grows with the orderings.
Many of them lead to the same place: what the quiz does next depends only on the findings
asserted so far, the questions already asked and the question now. Once the quiz is on a main
question (after the first screen), the doubt questions asked on the way no longer matter
either: they are only asked again after a plain check. So states are explored once per
(findings, questions asked, question now), counting only main questions when the question now
is a main one after the first screen. Every (question, answer) pair and every outcome a real
path can reach is still reached.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import cache

from knowledge import quiz
from knowledge.quiz import Outcome, Question, QuizState
from knowledge.quiz_data import MAIN_ORDER, WARN

_MAIN = frozenset(MAIN_ORDER)


def position(state: QuizState) -> Hashable:
    """Two states with the same position have the same future."""
    now = quiz.current(state)
    asked = frozenset(qid for qid, _ in state.answers)
    if isinstance(now, Outcome):
        return ("end", now)
    if now.id in _MAIN and now.id != WARN.id:
        asked &= _MAIN
    return (quiz.findings(state), asked, now)


@cache
def distinct_states() -> tuple[QuizState, ...]:
    """One state for each distinct position reachable by answering, depth first."""
    seen: set[Hashable] = set()
    found: list[QuizState] = []
    frontier = [quiz.start()]
    while frontier:
        state = frontier.pop()
        key = position(state)
        if key in seen:
            continue
        seen.add(key)
        found.append(state)
        now = quiz.current(state)
        if isinstance(now, Question):
            frontier.extend(quiz.answer(state, now.id, a.id) for a in reversed(now.answers))
    return tuple(found)
