"""The triage figures over the vignettes: ``python -m tests.triage_figures``.

Each vignette goes through `assess()` directly and through the quiz as its person would answer
it: at every question they tap the first answer that applies to their findings
(`Answer.applies_to`). Prints sensitivity for emergency and same-day cases, emergency
exactness, over-triage of ordinary cases, topic agreement and taps.
"""

from __future__ import annotations

import statistics
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from knowledge import quiz
from knowledge.findings import unsure
from knowledge.quiz_data import DOUBT_LISTS, WARN
from knowledge.tiers import tier_rank
from knowledge.triage import Outcome, assess
from tests.vignettes import VIGNETTES, Vignette


@dataclass(frozen=True)
class Run:
    vignette: Vignette
    direct: Outcome
    via_quiz: Outcome
    taps: int
    path: tuple[tuple[str, str], ...]


def at_a_glance(findings: AbstractSet[str], glance: AbstractSet[str]) -> frozenset[str]:
    """What a person says before checking: "not sure" of every sign in `glance`."""
    return frozenset(findings - glance) | {unsure(s) for s in glance}


def sees(question_id: str, findings: AbstractSet[str], glance: AbstractSet[str]) -> frozenset[str]:
    """What the person answers this question from: the first screen and the lists of doubts
    at a glance, the plain checks and everything after from what checking shows."""
    if question_id == WARN.id or question_id in DOUBT_LISTS:
        return at_a_glance(findings, glance)
    return frozenset(findings)


def simulate(
    findings: AbstractSet[str], glance: AbstractSet[str] = frozenset()
) -> tuple[Outcome, int, tuple[tuple[str, str], ...]]:
    """Take the quiz as a person with `findings`: (outcome, taps from /quiz, answers).

    `glance`: warning signs the person can't tell at first sight. On the first screen and the
    "which one are you not sure about?" lists they are "not sure" of them; the plain checks
    and every later question are answered from `findings` (what checking shows).
    """
    state = quiz.start()
    for _ in range(quiz.MAX_STEPS + 1):
        now = quiz.current(state)
        if isinstance(now, Outcome):
            return now, len(state.answers), state.answers
        seen = sees(now.id, findings, glance)
        picked = next(a for a in now.answers if a.applies_to(seen))
        state = quiz.answer(state, now.id, picked.id)
    raise AssertionError("the quiz did not end")


def run_all() -> list[Run]:
    runs = []
    for v in VIGNETTES:
        outcome, taps, path = simulate(v.findings, v.glance)
        runs.append(Run(v, assess(v.findings), outcome, taps, path))
    return runs


def topic_ok(run: Run, outcome: Outcome) -> bool:
    """An acceptable topic is first or second."""
    return bool(set(outcome.topics[:2]) & set(run.vignette.topics))


@dataclass(frozen=True)
class Figures:
    cases: int
    emergency_caught: tuple[int, int]
    same_day_caught: tuple[int, int]
    emergency_exact: tuple[int, int]  # predicted emergencies that are emergencies
    over_triage: tuple[int, int]  # ordinary cases sent to urgent or emergency
    tier_exact: tuple[int, int]
    topic_agreement: tuple[int, int]
    median_taps: float
    max_taps: int
    max_emergency_taps: int  # emergencies the person is sure of (no "Not sure" on the way)
    max_doubt_emergency_taps: int  # emergencies found by the plain check of a doubt
    quiz_agrees: tuple[int, int]


def doubted(run: Run) -> bool:
    """True when the person tapped "Not sure" on the first screen."""
    return run.path[:1] == ((WARN.id, "ns"),)


def figures(runs: list[Run], via_quiz: bool) -> Figures:
    def out(r: Run) -> Outcome:
        return r.via_quiz if via_quiz else r.direct

    emerg = [r for r in runs if r.vignette.kind == "emergency"]
    same = [r for r in runs if r.vignette.kind == "same_day"]
    ordinary = [r for r in runs if r.vignette.kind == "ordinary"]
    predicted_emergency = [r for r in runs if out(r).tier == "emergency"]
    non_urgent_taps = [r.taps for r in ordinary if not out(r).needs_care_today]
    return Figures(
        cases=len(runs),
        emergency_caught=(sum(out(r).tier == "emergency" for r in emerg), len(emerg)),
        same_day_caught=(sum(out(r).needs_care_today for r in same), len(same)),
        emergency_exact=(
            sum(r.vignette.kind == "emergency" for r in predicted_emergency),
            len(predicted_emergency),
        ),
        over_triage=(sum(out(r).needs_care_today for r in ordinary), len(ordinary)),
        tier_exact=(sum(out(r).tier == r.vignette.tier for r in runs), len(runs)),
        topic_agreement=(
            sum(topic_ok(r, out(r)) for r in ordinary if not out(r).needs_care_today),
            sum(not out(r).needs_care_today for r in ordinary),
        ),
        median_taps=statistics.median(non_urgent_taps) if non_urgent_taps else 0.0,
        max_taps=max(r.taps for r in runs),
        max_emergency_taps=max((r.taps for r in emerg if not doubted(r)), default=0),
        max_doubt_emergency_taps=max((r.taps for r in emerg if doubted(r)), default=0),
        quiz_agrees=(sum(r.direct.tier == r.via_quiz.tier for r in runs), len(runs)),
    )


def _pct(pair: tuple[int, int]) -> str:
    done, total = pair
    return f"{done}/{total} ({100 * done / total:.0f}%)" if total else "-"


def table(runs: list[Run]) -> str:
    direct, viaq = figures(runs, False), figures(runs, True)
    rows = [
        ("Vignettes", str(direct.cases), str(viaq.cases)),
        ("Emergency -> emergency", _pct(direct.emergency_caught), _pct(viaq.emergency_caught)),
        ("Same-day -> urgent/emergency", _pct(direct.same_day_caught), _pct(viaq.same_day_caught)),
        ("Emergency exactness", _pct(direct.emergency_exact), _pct(viaq.emergency_exact)),
        ("Over-triage of ordinary", _pct(direct.over_triage), _pct(viaq.over_triage)),
        ("Tier exactly as the source", _pct(direct.tier_exact), _pct(viaq.tier_exact)),
        ("Topic 1st/2nd (non-urgent)", _pct(direct.topic_agreement), _pct(viaq.topic_agreement)),
        ("Quiz tier == assess tier", "", _pct(viaq.quiz_agrees)),
        ("Median taps, non-urgent", "", f"{viaq.median_taps:g}"),
        ("Max taps, any path", "", str(viaq.max_taps)),
        ("Max taps, emergency", "", str(viaq.max_emergency_taps)),
        ("Max taps, emergency via doubts", "", str(viaq.max_doubt_emergency_taps)),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'Figure':<{width}}  {'assess()':<14}  quiz (applies_to)", "-" * (width + 36)]
    lines += [f"{a:<{width}}  {b:<14}  {c}" for a, b, c in rows]
    misses = [
        r
        for r in runs
        if r.via_quiz.tier != r.vignette.tier
        or (not r.via_quiz.needs_care_today and not topic_ok(r, r.via_quiz))
    ]
    if misses:
        lines += ["", "Cases where the quiz differs from the source:"]
        for r in misses:
            lines.append(
                f"  {r.vignette.id}: expected {r.vignette.tier} {list(r.vignette.topics)}, "
                f"got {r.via_quiz.tier} {list(r.via_quiz.topics)} ({', '.join(r.via_quiz.rules)})"
            )
    return "\n".join(lines)


def main() -> None:
    runs = run_all()
    print(table(runs))
    _ = tier_rank


if __name__ == "__main__":
    main()
