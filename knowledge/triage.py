"""The one rule set applied: findings in, a tier and what to show out.

Everything that learns about a person's symptoms (the quiz, a typed message, a check-in) turns
what it learned into finding ids from `knowledge.findings` and asks `assess` what to do. The
rules are data, beside this module (`knowledge.triage_data.RULES`): each says when it fires,
the tier it sets, why, what to do, and which source it follows, so a clinician can read them as
a table (`docs/triage-rules.md`, written by ``python -m knowledge.triage_table``).

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

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import NamedTuple

from knowledge.tiers import TIERS, Tier
from knowledge.topics import TOPIC_KEYS, TOPIC_PRIORITY
from knowledge.triage_data import A_AND_E, MAX_CODE_LEN, RULES, TODAY, TOPIC_ADVICE, TOPIC_POINTS

__all__ = [
    "MAX_TOPICS",
    "MIN_TOPIC_SCORE",
    "Outcome",
    "ParsedCode",
    "assess",
    "outcome_code",
    "parse_outcome_code",
]

MAX_TOPICS = 3
MIN_TOPIC_SCORE = 3


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
        return self.tier.same_day


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
        (t for t in TOPIC_PRIORITY if totals.get(t, 0) >= MIN_TOPIC_SCORE),
        key=lambda t: -totals[t],  # stable: ties keep TOPIC_PRIORITY order
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
    fired.sort(key=lambda r: -r.tier.rank)  # stable: RULES order within a tier
    tier = fired[0].tier if fired else Tier.SELF_CARE
    top = [r for r in fired if r.tier == tier]
    rule_ids = tuple(r.id for r in fired)

    if tier.same_day:
        advice = _dedupe([line for r in top for line in r.advice])
        if A_AND_E in advice:  # one place to go: the more urgent one
            advice = tuple(line for line in advice if line != TODAY)
        return Outcome(
            tier=tier,
            topics=("doctor",),
            reasons=_dedupe([r.reason for r in top]),
            advice=advice,
            rules=rule_ids,
            topic_reasons=("more about warning signs and where to get help",),
        )

    ranked = _rank_topics(findings)
    if tier is Tier.GP_SOON:
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
    lines += [TOPIC_ADVICE[t] for t in topics if not (tier is Tier.GP_SOON and t == "doctor")]
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
    if outcome.tier.same_day and outcome.rules:
        code = f"{outcome.tier}:{outcome.rules[0]}"
    else:
        code = f"{outcome.tier}:"
        for topic in outcome.topics:
            longer = code + ("+" if not code.endswith(":") else "") + topic
            if len(longer) > MAX_CODE_LEN:
                break
            code = longer
    return code[:MAX_CODE_LEN]


_LEGACY = {"topics": Tier.SELF_CARE}  # codes stored by the first quiz: topics:cyst+doctor


def parse_outcome_code(code: str) -> ParsedCode:
    """Tier and topics from a stored code; ValueError for anything else.

    Also reads the first quiz's codes (``topics:...``, ``urgent:<question>``,
    ``emergency:<question>``) so older rows still work.
    """
    prefix, sep, rest = code.partition(":")
    word = _LEGACY.get(prefix, prefix)
    if not sep or word not in TIERS:
        raise ValueError(f"not an outcome code: {code!r}")
    tier = Tier(word)
    if tier.same_day:
        return ParsedCode(tier, ("doctor",))
    topics = tuple(t for t in rest.split("+") if t)
    if not topics or any(t not in TOPIC_KEYS for t in topics):
        raise ValueError(f"unknown topics in outcome code: {code!r}")
    return ParsedCode(tier, topics)
