"""The reading engine: a lexicon's patterns compiled once, and a message read with them.

`Reader(lexicon).read(text)`:

1. **Normalise** (`knowledge.freetext.normalise`).
2. **Scan** every named pattern in one pass (`knowledge.freetext.scanner`): the phrases of each
   finding, hints, durations, descriptors, body parts, topics, sentence and clause words, and
   where to look for the context cues.
3. **Attach** each descriptor to the body part it most likely speaks of ("my calf is swollen",
   "swelling in my calf") and look it up in `knowledge.freetext.combine.ATTACH`; a descriptor
   that describes a thing ("the cold floor") is passed over, and a duration that says how long
   someone sat or travelled is not how long it hurt.
4. **Judge** each occurrence in its context (`knowledge.freetext.context`): negated, resolved,
   possible, hypothetical, historical, about nobody in particular, or said for certain.
5. **Combine** what was judged into findings (`knowledge.freetext.combine.COMBINATIONS`) and ask
   `knowledge.triage.assess` for the tier and topics; a message that names no symptom ("hi",
   "what is a Baker's cyst?") has tier None and only the topics it names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from operator import attrgetter

from knowledge.findings import CLOT_RISK_FACTORS
from knowledge.freetext.combine import ATTACH, STATES, combine
from knowledge.freetext.context import RECENT_ONLY, Context, ContextPatterns, Occurrence
from knowledge.freetext.lexicon import CUE_CATEGORIES, Lexicon
from knowledge.freetext.normalise import Normaliser
from knowledge.freetext.reading import MAX_CHARS, Evidence, Language, Reading, Status
from knowledge.freetext.scanner import Scanner
from knowledge.triage import assess

__all__ = ["NOT_A_SYMPTOM", "Reader"]

NOT_A_SYMPTOM = CLOT_RISK_FACTORS | {
    "dur_lt3d",
    "dur_3d_2w",
    "dur_gt2w",
    "recurring",
    "active_runner",
    "older_or_diabetes_ra_joint",
    "onset_overuse",
    "onset_after_sitting",
    "onset_gradual",
    "night_pain",
    "worse_stairs_squat",
    "pain_bending_pushing",
}
"""Findings that alone do not make a message about a symptom ("I run", "since the flight")."""

_RANK: dict[Status, int] = {
    "yes": 4,
    "unsure": 3,
    "hypothetical": 2,
    "resolved": 1,
    "negated": 0,
    "generic": 0,
}
_BY_PLACE = attrgetter("start", "finding")
_THING_KINDS = frozenset({"hot", "cold", "red", "pale"})  # descriptors that can describe a thing
_SITTING_REACH = 40  # characters before a duration that are looked at for a sitting time
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_SCRIPT = r"\x00-\u024f"
_LATIN_END = "\u024f"


def _compile(source: str) -> re.Pattern[str]:
    return re.compile(source)


class Reader:
    """Reads messages with one lexicon; everything is compiled once, here."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.normalise = Normaliser(lexicon)
        lx = lexicon
        # (finding, the name its pattern is scanned under, event or hint), looked up by name
        self._phrase_names = tuple((f, f"phrase:{f}", p.event) for f, p in lx.phrases.items())
        self._hint_names = tuple((f, f"hint:{f}") for f in lx.hints)
        self._duration_names = tuple((f, f"duration:{f}") for f in lx.durations)
        self._descriptor_names = tuple((k, f"descriptor:{k}") for k in (*lx.descriptors, "very"))
        self._topic_names = tuple((t, f"topic:{t}") for t in lx.topics)
        self._part_names = tuple((part, f"part:{part}") for part in lx.part_priority)
        self._cue_names = tuple(
            (f"cue:{category}", category) for category in CUE_CATEGORIES if lx.cues[category]
        )
        named: dict[str, re.Pattern[str]] = {
            **{f"phrase:{f}": _compile(p.pattern) for f, p in lx.phrases.items()},
            **{f"hint:{f}": _compile(p) for f, p in lx.hints.items()},
            **{f"duration:{f}": _compile(p) for f, p in lx.durations.items()},
            "persistent": _compile(lx.persistent),
            **{f"descriptor:{kind}": _compile(p) for kind, p in lx.descriptors.items()},
            "descriptor:very": _compile(lx.very),
            **{f"topic:{t}": _compile(p) for t, p in lx.topics.items()},
            **{f"part:{part}": _compile(lx.parts[part]) for part in lx.part_priority},
            "sentence_words": _compile(lx.sentence_words),
            "clause_words": _compile(lx.clause_words),
            "care": _compile(lx.care),
        }
        cues = {name: _compile(lx.cues[category]) for name, category in self._cue_names}
        self.scanner = Scanner(named, later=cues)
        self._other_symptoms = Scanner({"other": _compile(lx.other_symptoms)})
        self._context = ContextPatterns(
            anchor_start=_compile(lx.anchor_start),
            wh_question=_compile(lx.wh_question),
            asking=_compile(lx.asking),
            personal=_compile(lx.personal),
            first_person=_compile(lx.first_person),
            generic_subject=_compile(lx.generic_subject),
            prevention=_compile(lx.prevention),
            answer_no=_compile(lx.answer_no),
        )
        self._care_exact = _compile(lx.care_exact)
        self._leads_to_part = _compile(lx.leads_to_part)
        self._thing_after = _compile(lx.thing_after)
        self._illness = _compile(lx.illness)
        self._sitting_for = _compile(lx.sitting_for)
        self._sitting_word = _compile(lx.sitting_word)
        self._fresh = _compile(lx.fresh)
        self._present = _compile(lx.cues["present"])
        self._cramp_words = lx.cramp_words
        self._foreign_letter = re.compile(rf"(?=[^{lx.script}])[^\W\d_]")
        self._latin_script = lx.script == _LATIN_SCRIPT
        self._own_word = re.compile("[" + re.escape(lx.alphabet) + "]+")

    def read(self, text: str) -> Reading:
        """Read a message into findings, and ask the rules what they mean. Pure and quick."""
        norm = self.normalise(text)
        found, later = self.scanner.scan(norm)
        occurrences: list[Occurrence] = []
        for finding, name, event in self._phrase_names:
            for m in found[name]:
                occurrences.append(Occurrence(finding, m.start(), m.end(), event))
        for finding, name in self._hint_names:
            for m in found[name]:
                occurrences.append(Occurrence(finding, m.start(), m.end(), hint=True))
        for finding, name in self._duration_names:
            for m in found[name]:
                occurrences.append(Occurrence(finding, m.start(), m.end(), True))
        persistent = [m.span() for m in found["persistent"]]
        descriptors = [
            (kind, *m.span()) for kind, name in self._descriptor_names for m in found[name]
        ]
        topic_hits = [(topic, *m.span()) for topic, name in self._topic_names for m in found[name]]
        parts = _find_parts(norm, [(part, found[name]) for part, name in self._part_names])
        # what was read is blanked before cues are looked for ("will not straighten" holds no
        # negation), but not a duration that says "now" ("today", "since Monday"): it keeps a
        # sign told in the past tense current. "yesterday" is blanked: a sign of yesterday is
        # taken as it is, the safer reading.
        absorbed = [
            (o.start, o.end)
            for o in occurrences
            if not (o.finding.startswith("dur_") and self._present.search(norm, o.start, o.end))
        ]
        absorbed += persistent
        absorbed += [(s, e) for _, s, e in descriptors]
        cues = self.scanner.scan_later(later, _blank(norm, absorbed))
        ctx = Context(
            norm,
            {category: cues[name] for name, category in self._cue_names},
            found["sentence_words"],
            found["clause_words"],
            self._context,
        )
        part_starts = [p[0] for p in parts]

        persistent_starts = [p[0] for p in persistent]
        if any(o.finding.startswith("dur_") for o in occurrences) and self._sitting_word.search(
            norm
        ):
            occurrences = [
                o
                for o in occurrences
                if not (o.finding.startswith("dur_") and self._sitting_time(norm, ctx, o))
            ]
        for kind, start, end in descriptors:
            if kind in _THING_KINDS and self._describes_a_thing(norm, kind, start, end):
                continue
            part = self._attach(parts, part_starts, ctx, start, end)
            target = ATTACH[kind].get(part)
            if target is None:
                continue
            hint = target.startswith("?")
            if target == "where_calf" and norm.startswith(self._cramp_words, start):
                target = "_calf_cramp"  # cramps that come and go are not the clot picture
            occurrences.append(Occurrence(target.lstrip("?"), start, end, hint=hint))
            # pain in the calf (a cramp too) that stays: the clot picture (NHS: "throbbing or
            # cramping pain in 1 leg"); cramps that come and go are not
            if target in ("where_calf", "_calf_cramp") or (target == "_pain" and part == "leg"):
                sentence = ctx.sentence_of(start)
                k = bisect_left(persistent_starts, sentence[0])
                if k < len(persistent_starts) and persistent_starts[k] < sentence[1]:
                    occurrences.append(Occurrence("calf_pain_one_leg", start, end))

        judged: dict[str, Status] = {}
        evidence: list[Evidence] = []
        for occ in sorted(occurrences, key=_BY_PLACE):
            if judged.get(occ.finding) == "yes":
                continue  # already certain: another mention cannot change the reading
            status = ctx.judge(occ)
            if occ.finding not in STATES | RECENT_ONLY and status in ("resolved", "unsure"):
                status = "yes"  # history and hedges are fine for what is not a warning sign
            evidence.append(Evidence(occ.finding, status, occ.start, occ.end))
            if occ.finding not in judged or _RANK[status] > _RANK[judged[occ.finding]]:
                judged[occ.finding] = status
        if (
            "_numb" in judged
            and judged.get("back_pain_sciatica") == "yes"
            and (self._fresh.search(norm))
        ):
            judged_and_fresh: dict[str, Status] = {**judged, "_fresh": "yes"}
            findings = combine(judged_and_fresh)
        else:  # "_fresh" matters only for numbness with sciatica: looked for only then
            findings = combine(judged)

        named = tuple(
            dict.fromkeys(
                topic
                for topic, start, _ in sorted(topic_hits, key=lambda t: t[1])
                if not ctx.any_in("negated", ctx.clause_of(start)[0], start)
            )
        )
        symptom = bool(findings - NOT_A_SYMPTOM) or any(
            status in ("yes", "unsure", "resolved")
            for finding, status in judged.items()
            if finding in STATES or finding == "_pain"
        )
        if not symptom and parts:
            symptom = any(
                ctx.judge(Occurrence("_other", m.start(), m.end()))
                not in ("negated", "hypothetical", "generic")
                for m in self._other_symptoms.scan(norm)[0]["other"]
            )
        needs_check = any(f.startswith("unsure:") for f in findings) or bool(
            found["care"] or self._care_exact.search(text[:MAX_CHARS])
        )
        language = self._language(text, norm, bool(findings) or symptom)
        if not symptom:
            return Reading(
                findings=findings,
                tier=None,
                topics=named,
                evidence=tuple(evidence),
                needs_check=needs_check,
                language=language,
                named_topics=named,
            )
        outcome = assess(findings)
        if outcome.needs_care_today:
            topics = outcome.topics
        else:
            topics = tuple(dict.fromkeys((*named, *outcome.topics)))
        return Reading(
            findings=findings,
            tier=outcome.tier,
            topics=topics,
            evidence=tuple(evidence),
            needs_check=needs_check,
            language=language,
            named_topics=named,
            rules=outcome.rules,
        )

    def _describes_a_thing(self, norm: str, kind: str, start: int, end: int) -> bool:
        """ "the cold floor", "a hot bath", "I have a cold": not a description of the leg."""
        if self._thing_after.match(norm, end):
            return True
        return kind == "cold" and self._illness.search(norm, max(0, start - 8), start) is not None

    def _sitting_time(self, norm: str, ctx: Context, occ: Occurrence) -> bool:
        """A duration that says how long someone sat or travelled ("in the car for ages")."""
        clause = ctx.clause_of(occ.start)
        window = norm[max(clause[0], occ.start - _SITTING_REACH) : occ.start]
        return self._sitting_for.search(window) is not None

    def _attach(
        self,
        parts: Sequence[tuple[int, int, str]],
        starts: Sequence[int],
        ctx: Context,
        start: int,
        end: int,
    ) -> str | None:
        """The body part a descriptor at [start, end) most likely speaks of.

        "swollen calf", "swelling in my calf": the part right after; otherwise the nearest part
        before it in the sentence ("my calf is swollen"); otherwise a part a few words after;
        otherwise the last part named earlier in the message ("My calf hurts. It's swollen.").
        """
        sentence = ctx.sentence_of(start)
        i = bisect_left(starts, end)
        after = parts[i] if i < len(parts) and parts[i][0] < sentence[1] else None
        if after is not None and self._leads_to_part.fullmatch(ctx.norm, end, after[0]):
            return after[2]
        j = bisect_left(starts, start) - 1
        while j >= 0 and parts[j][1] > start:
            j -= 1
        if j >= 0 and parts[j][0] >= sentence[0]:
            return parts[j][2]
        if after is not None and after[0] <= end + 40:
            return after[2]
        return parts[j][2] if j >= 0 else None

    def _language(self, text: str, norm: str, found_anything: bool) -> Language:
        """ "other" when most letters are not of the lexicon's script, or when nothing was read
        and fewer than a quarter of the words are this lexicon's common words."""
        text = text[:MAX_CHARS]
        # for a Latin lexicon, only a non-ASCII text can hold letters of another script
        latin = self._latin_script
        if (
            not latin or (not text.isascii() and max(text) > _LATIN_END)
        ) and self._foreign_letter.search(text):
            letters = len(_LETTER.findall(text))
            if letters and len(self._foreign_letter.findall(text)) * 2 > letters:
                return "other"
        own = self.lexicon.code
        if found_anything:
            return own
        words = self._own_word.findall(norm)
        if len(words) < 3:
            return own
        known = sum(1 for w in words if w in self.lexicon.common_words)
        return "other" if known * 4 < len(words) else own


def _find_parts(
    norm: str, mentions: Iterable[tuple[str, Sequence[re.Match[str]]]]
) -> list[tuple[int, int, str]]:
    """Body-part mentions (given most specific part first), the more specific one kept where
    two overlap."""
    taken = bytearray(len(norm) + 1)
    found: list[tuple[int, int, str]] = []
    for part, matches in mentions:
        for m in matches:
            start, end = m.span()
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                found.append((start, end, part))
    found.sort()
    return found


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with every span replaced by as many spaces."""
    pieces: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        pieces += (text[pos:start], " " * (end - start))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)
