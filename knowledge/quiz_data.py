"""The symptom quiz as data: its questions, their answers, and what each answer asserts.

The machine that walks through these questions lives in `knowledge.quiz`; the rules that turn
the answers into advice live in `knowledge.triage`. This module only describes the questions.
Nothing here imports `telegram`.

Every answer says which findings (ids of `knowledge.findings`) it asserts, and when a person
would truthfully pick it (`Answer.applies_to`). A person picks the *first* answer that applies,
in display order, so:

* the warning signs come first, most serious first, on one screen, so an emergency is one tap;
* answers that can raise the tier come before those that cannot;
* "No" / "None of these" come last and always apply.

Questions ask about *now*. "Not sure" leads to "which one?", then a plain check (compare both
legs, try 4 steps, sit still and notice your breathing), never straight to 999. After each
check the quiz asks "Anything else you're not sure about?" (`DOUBTS_AGAIN`) until the person
says no, so a second doubt is checked too. Sources for the wording: NHS "Knee pain", "DVT",
"Pulmonary embolism", "Baker's cyst", "Leg cramps", "Sciatica"; the brief's "Triage additions".
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from knowledge.findings import (
    CLOT_RISK_FACTORS,
    KNEE_LOOKS,
    SAME_DAY_SIGNS,
    WARNING_SIGNS,
    unsure,
)
from knowledge.tiers import Tier
from knowledge.triage import assess
from knowledge.triage_data import TOPIC_ADVICE

__all__ = [
    "DOUBTS_AGAIN",
    "DOUBT_LISTS",
    "MAIN_ORDER",
    "NO",
    "QUESTIONS",
    "TOPIC_ADVICE",
    "UNSURE_WHICH",
    "WARNING_SIGN_LIST",
    "YES",
    "Answer",
    "Question",
    "SignAdvice",
]

YES = "y"
NO = "n"
NOT_SURE = "ns"


@dataclass(frozen=True)
class Answer:
    """One button under a question.

    `asserts`: the findings a person states by tapping it. `when`: the findings that make it
    true for a person (any one is enough); `always`: true for everyone (the "No" / "None of
    these" answers, which come last). `then`: the id of a follow-up question to ask next
    (otherwise the quiz goes on with the next main question, or ends once the answers need
    care today).
    """

    id: str
    label: str
    asserts: frozenset[str] = frozenset()
    when: frozenset[str] = frozenset()
    always: bool = False
    then: str | None = None
    detail: str = ""  # the sign in full words, for /doctor (warning-sign answers only)

    def applies_to(self, findings: AbstractSet[str]) -> bool:
        """True when a person with these findings would truthfully pick this answer."""
        return self.always or not self.when.isdisjoint(findings)


@dataclass(frozen=True)
class Question:
    """One quiz question. `ask_if`: asked only when the answers so far assert one of these
    (empty: always, for main questions). `follow_up`: reached only through an answer's `then`.
    `hint`: a short line in italics under the question."""

    id: str
    text: str
    answers: tuple[Answer, ...]
    ask_if: frozenset[str] = frozenset()
    follow_up: bool = False
    hint: str = ""
    short: str = field(default="")  # the question in a few words, for a summary

    def answer_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.answers)

    def answer(self, answer_id: str) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)


def _a(
    aid: str,
    label: str,
    *when: str,
    asserts: tuple[str, ...] | None = None,
    then: str | None = None,
    detail: str = "",
) -> Answer:
    """An answer true for a person with any of `when`, asserting the first of them (or
    `asserts`). A grouped answer asserts one member; the rule for the group fires on any
    member, so the outcome is the same."""
    chosen = frozenset(asserts if asserts is not None else when[:1])
    return Answer(aid, label, chosen, frozenset(when), False, then, detail)


def _unsure(aid: str, label: str, *signs: str, then: str | None = None) -> Answer:
    """True for a person unsure of any of `signs`.

    With a follow-up (`then`) it asserts nothing yet: the follow-up's plain check decides.
    Without one it asserts ``unsure:`` for all of them (a doubt that remains).
    """
    ids = frozenset(unsure(s) for s in signs)
    return Answer(aid, label, frozenset() if then else ids, ids, False, then)


def _none(label: str = "None of these", aid: str = NO) -> Answer:
    return Answer(aid, label, always=True)


_PE = ("breathless", "chest_pain", "coughing_blood")
_CALF = ("calf_swollen", "calf_warm_red", "veins_hard_sore")
_KNEE_INJURY = ("knee_very_swollen", "knee_deformed", "pop_then_swelling")
_WEIGHT = ("cant_bear_weight", "severe_pain")
_SERIOUS = ("serious_injury", "pain_under_cast", "cauda_equina")
_KNEE_HOT = ("knee_hot_red_swollen", "knee_hot_or_red")

WARN = Question(
    id="warn",
    short="Warning signs now",
    text="Right now, do you have any of these?",
    hint="Tap the first one that fits. The most serious are at the top.",
    answers=(
        _a(
            "breath",
            "Breathless, chest pain or blood",
            *_PE,
            detail=(
                "Short of breath (new, or worse than usual on walking or stairs), chest pain "
                "or tightness, or coughing up blood"
            ),
        ),
        _a(
            "foot",
            "Foot cold, pale or blue",
            "foot_cold_pale",
            detail="The foot or lower leg is suddenly cold, pale, white or blue",
        ),
        _a(
            "weak",
            "Foot or leg suddenly weak",
            "leg_numb_weak",
            detail="The foot or leg is suddenly weak: it won't lift, or it drags",
        ),
        _a(
            "injury",
            "Bad injury, or pain under a cast",
            "serious_injury",
            "pain_under_cast",
            detail=(
                "After a fall, crash or hard blow: a bone through the skin, a leg that looks "
                "broken or won't move; or pain getting worse under a cast or tight bandage"
            ),
        ),
        _a(
            "saddle",
            "Numb bottom, or can't pee",
            "cauda_equina",
            detail=(
                "Numbness around your bottom or genitals, or new trouble peeing or with your bowels"
            ),
        ),
        # before the same-day signs: with an injury or a cold or weak foot it is 999
        _a(
            "tingle",
            "New tingling or numbness",
            "leg_tingling",
            then="tingle_check",
            detail="New numbness or pins and needles in the foot or leg",
        ),
        _a(
            "calf",
            "Calf swollen, warm or red",
            *_CALF,
            detail="The calf is swollen, warm, red or darker, or its veins are hard and sore",
        ),
        _a(
            "calfpain",
            "Throbbing pain in one calf",
            "calf_pain_one_leg",
            detail=(
                "Throbbing or cramping pain in one calf or thigh that doesn't go away, often "
                "worse when you walk or stand"
            ),
        ),
        _a(
            "hot",
            "Knee hot or red, swollen or not",
            "knee_hot_red_swollen",
            "knee_hot_or_red",
            then="hot_fever",
            detail="The knee is hot or red, swollen or not (with or without a fever)",
        ),
        _a(
            "weight",
            "Can't put weight on it",
            *_WEIGHT,
            detail="You can't put weight on the leg, or the pain is too bad to use it",
        ),
        _a(
            "locked",
            "Knee stuck, won't straighten",
            "knee_locked",
            detail="The knee is stuck and won't straighten fully",
        ),
        _a(
            "swollen",
            "Knee misshapen or very swollen",
            *_KNEE_INJURY,
            detail="The knee looks out of shape, is very swollen, or swelled fast after a pop",
        ),
        _a(
            "fever",
            "Fever or feeling very unwell",
            "fever_unwell",
            detail="A fever, feeling hot and shivery, or very unwell",
        ),
        _unsure(NOT_SURE, "Not sure", *sorted(WARNING_SIGNS), then="unsure_which"),
        _none(),
    ),
)

FOLLOW_UPS: tuple[Question, ...] = (
    Question(
        id="tingle_check",
        short="Tingling checked",
        text=(
            "One more check. Did the tingling start after a fall, twist or blow? Or is that "
            "foot colder, paler or weaker than the other (it won't lift, or it drags)?"
        ),
        follow_up=True,
        answers=(
            _a("coldweak", "Colder, paler or weaker", "foot_cold_pale", "leg_numb_weak"),
            _a("injury", "It started after an injury", "onset_injury"),
            _unsure(NOT_SURE, "Not sure", "foot_cold_pale", "leg_numb_weak"),
            _none("No: warm and strong, no injury"),
        ),
    ),
    Question(
        id="hot_fever",
        short="Fever with the hot knee",
        text="Do you also have a fever, feel hot and shivery, or feel very unwell?",
        follow_up=True,
        answers=(
            _a(YES, "Yes", "fever_unwell"),
            _unsure(NOT_SURE, "Not sure", "fever_unwell"),
            _none("No"),
        ),
    ),
    Question(
        id="unsure_which",
        short="Not sure about",
        text="Which one are you not sure about?",
        follow_up=True,
        hint="Pick the first that fits; a quick check comes next.",
        answers=(
            _unsure("breath", "Breathing or chest", *_PE, then="chk_breath"),
            _unsure(
                "foot",
                "The foot's colour or feeling",
                "foot_cold_pale",
                "leg_numb_weak",
                "leg_tingling",
                then="chk_foot",
            ),
            _unsure("serious", "Bad injury, cast or numb bottom", *_SERIOUS, then="chk_serious"),
            _unsure("calf", "The calf", *_CALF, "calf_pain_one_leg", then="chk_calf"),
            _unsure(
                "knee",
                "How the knee looks",
                "knee_hot_red_swollen",
                "knee_hot_or_red",
                *_KNEE_INJURY,
                "knee_locked",
                then="chk_knee",
            ),
            _unsure("walk", "Standing on it, or the pain", *_WEIGHT, then="chk_walk"),
            _unsure("fever", "A fever", "fever_unwell", then="chk_fever"),
            Answer(
                "other",
                "Several, or something else",
                frozenset(unsure(s) for s in SAME_DAY_SIGNS),
                always=True,
            ),
        ),
    ),
    Question(
        id="chk_breath",
        short="Breathing checked",
        text=(
            "Think about the last day or two. Do you get short of breath more than usual when "
            "you walk or climb stairs, or does your chest hurt, especially when you breathe "
            "in? Have you coughed up blood?"
        ),
        follow_up=True,
        answers=(
            _a(YES, "Yes", *_PE),
            _unsure(NOT_SURE, "Still not sure", *_PE),
            _none("No, breathing as usual"),
        ),
    ),
    Question(
        id="chk_foot",
        short="Both feet compared",
        text=(
            "Compare both feet. Is the painful side colder, paler or bluer, or newly numb or weak?"
        ),
        follow_up=True,
        answers=(
            _a("cold", "Colder, paler or blue", "foot_cold_pale"),
            _a("weak", "Weak: won't lift, or drags", "leg_numb_weak"),
            _a("numb", "Numb or tingling, but warm", "leg_tingling", then="tingle_check"),
            _unsure(NOT_SURE, "Still not sure", "foot_cold_pale", "leg_numb_weak", "leg_tingling"),
            _none("No, both feel the same"),
        ),
    ),
    Question(
        id="chk_calf",
        short="Both calves compared",
        text=(
            "Look at both calves side by side, feel them with the back of your hand, or "
            "measure round the widest part of each with a tape (3 cm or more bigger counts as "
            "swollen). Is the painful one swollen, warmer or redder, or is there a throbbing or "
            "cramping pain in it that doesn't go away (it may be worse when you walk or stand)?"
        ),
        follow_up=True,
        answers=(
            _a("swollen", "Swollen, warm or red", *_CALF),
            _a("ache", "Throbbing pain that stays", "calf_pain_one_leg"),
            _unsure(NOT_SURE, "Still not sure", *_CALF, "calf_pain_one_leg"),
            _none("No, it looks like the other"),
        ),
    ),
    Question(
        id="chk_knee",
        short="Both knees compared",
        text=(
            "Compare both knees: rest the back of your hand on each for a few seconds, then "
            "look at them side by side. Is the painful one…"
        ),
        follow_up=True,
        answers=(
            _a("hot", "Hot or red, swollen or not", *_KNEE_HOT, then="hot_fever"),
            _a("swollen", "Very swollen or misshapen", *_KNEE_INJURY),
            _a("locked", "Stuck, won't straighten", "knee_locked"),
            _unsure("shape", "Not sure: shape, or stuck", *_KNEE_INJURY[1:], "knee_locked"),
            # how hot, how swollen: a doubt that remains gets one more question (knee_doubt)
            Answer(
                NOT_SURE,
                "Not sure how hot or swollen",
                frozenset(unsure(s) for s in KNEE_LOOKS),
                frozenset(unsure(s) for s in KNEE_LOOKS),
                then="knee_doubt",
            ),
            _none("No, it looks like the other"),
        ),
    ),
    Question(
        id="knee_doubt",
        short="With the knee doubt",
        text=(
            "One more question about that knee. Do you have a fever or feel shivery, or do "
            "you have diabetes, rheumatoid arthritis or a replaced knee, or are you over 80?"
        ),
        hint="These make a joint infection more likely.",
        follow_up=True,
        answers=(
            _a("fever", "Fever or shivery", "fever_unwell"),
            _a("risk", "Diabetes, RA, new knee, 80+", "older_or_diabetes_ra_joint"),
            _none(),
        ),
    ),
    Question(
        id="chk_walk",
        short="Four steps",
        text="Try to take 4 steps, even with a limp. Can you?",
        follow_up=True,
        answers=(
            _a("cant", "No, I can't", *_WEIGHT),
            _unsure(NOT_SURE, "Not sure / didn't try", *_WEIGHT),
            _none("Yes, I can", aid=YES),
        ),
    ),
    Question(
        id="chk_serious",
        short="Injury, cast, bottom checked",
        text=(
            "Look and think again. After a fall, crash or hard blow, is a bone showing, does "
            "the leg look broken, or can't you move it? Is pain getting worse under a cast or "
            "tight bandage? Or is it numb around your bottom, or is peeing newly hard?"
        ),
        follow_up=True,
        answers=(
            _a(YES, "Yes, one of these", *_SERIOUS),
            _unsure(NOT_SURE, "Still not sure", *_SERIOUS),
            _none("No"),
        ),
    ),
    Question(
        id="chk_fever",
        short="Temperature",
        text="Is your temperature 38°C or higher, or do you feel hot and shivery?",
        follow_up=True,
        answers=(
            _a(YES, "Yes", "fever_unwell"),
            _unsure(NOT_SURE, "Still not sure", "fever_unwell"),
            _none("No"),
        ),
    ),
)

UNSURE_WHICH: Question = next(q for q in FOLLOW_UPS if q.id == "unsure_which")

_CHECKABLE: tuple[Answer, ...] = tuple(a for a in UNSURE_WHICH.answers if a.then)
"""The doubts that have a plain check (every one on the "which one?" list but "Several")."""

DOUBTS_AGAIN: tuple[Question, ...] = tuple(
    Question(
        id=f"unsure{n}",
        short="Anything else not sure about",
        text="Anything else you're not sure about?",
        follow_up=True,
        hint="Only the ones not checked yet are listed. Pick the first that fits.",
        answers=(*_CHECKABLE, _none("No, nothing else")),
    )
    for n in range(2, len(_CHECKABLE) + 1)
)
"""Asked again after each plain check, so a second (or third) doubt is never dropped.

Each is a template: the quiz shows only the doubts whose check has not been asked yet (and,
once the answers already need care today, only those whose check could still make it more
urgent), then "No, nothing else". `unsure2` comes after the first check, `unsure3` after the
second, and so on; every check is asked at most once, so there are at most
``len(_CHECKABLE) - 1`` of them on any path."""

DOUBT_LISTS: tuple[str, ...] = (UNSURE_WHICH.id, *(q.id for q in DOUBTS_AGAIN))
"""The questions that list doubts: the first "which one?" and its repeats."""

MAIN: tuple[Question, ...] = (
    WARN,
    Question(
        id="where",
        short="Where it hurts",
        text="Where does it hurt the most?",
        answers=(
            # behind the knee first: with a clot risk factor it is a same-day case
            _a("back", "Behind the knee", "where_behind"),
            _a("calf", "Lower down, in the calf", "where_calf"),
            _a("front", "Front, around the kneecap", "where_front"),
            _a("side", "Inner or outer side", "where_side"),
            Answer("all", "All over, or hard to say", frozenset({"where_whole"}), always=True),
        ),
    ),
    Question(
        id="risk",
        short="Clot risk factors",
        text="Pain there needs one more check. Does any of these apply to you?",
        ask_if=frozenset({"where_calf", "where_behind"}),
        answers=(
            _a("surgery", "Surgery or hospital, last 3 mo", "recent_surgery"),
            _a("travel", "Trip over 4 hours, or bed rest", "long_travel_or_immobile"),
            _a("pregnant", "Pregnant or had a baby", "pregnant_or_postpartum"),
            _a("pill", "On the pill or HRT", "hormones"),
            _a("clot", "Had a blood clot before", "previous_clot"),
            _a("cancer", "Cancer or its treatment", "cancer"),
            _a("lifestyle", "I smoke, or I'm very overweight", "smoker", "overweight"),
            _none(),
        ),
        hint="Each one makes a blood clot in the leg more likely.",
    ),
    Question(
        id="calfstay",
        short="Calf pain that stays",
        text=(
            "With that risk, one more look at the calf: is the pain in one calf only, and does "
            "it stay (throbbing or cramping), rather than coming and going?"
        ),
        ask_if=frozenset(CLOT_RISK_FACTORS),
        hint="Night cramps that come and go and ease with stretching are common and harmless.",
        answers=(
            _a(YES, "Yes: one calf, and it stays", "calf_pain_one_leg"),
            _unsure(NOT_SURE, "Not sure", "calf_pain_one_leg"),
            _none("No, it comes and goes"),
        ),
    ),
    Question(
        id="onset",
        short="How it started",
        text="How did it start?",
        answers=(
            _a("injury", "A fall, twist or blow", "onset_injury"),
            _a("overuse", "After doing more than usual", "onset_overuse"),
            _a("gradual", "Slowly, for no clear reason", "onset_gradual"),
            _none("Not sure", aid=NOT_SURE),
        ),
    ),
    Question(
        id="howlong",
        short="How long",
        text="How long has it hurt?",
        answers=(
            _a("recur", "It keeps coming back", "recurring"),
            _a("gt2w", "More than 2 weeks", "dur_gt2w"),
            _a("d3w2", "3 days to 2 weeks", "dur_3d_2w"),
            _a("lt3d", "Less than 3 days", "dur_lt3d"),
            _none("Not sure", aid=NOT_SURE),
        ),
    ),
    Question(
        id="more",
        short="Other signs",
        text="Do you notice any of these?",
        hint="Tap the first one that fits.",
        answers=(
            _a("pulse", "A lump that throbs or grows", "lump_growing_or_pulsing"),
            _a("child", "Child with fever, or won't stand", "child_limp_fever"),
            _a("thinners", "On blood thinners, knee swollen", "knee_swollen_thinners"),
            # giving way first: after an injury it is a same-day case
            _a("givesway", "The knee gives way", "gives_way"),
            _a("night", "Night pain: weight loss, cancer", "night_pain_weight_loss"),
            _a("lump", "A lump behind the knee", "lump_behind"),
            _a("sciatica", "Back pain, tingling down leg", "back_pain_sciatica"),
            _none(),
        ),
    ),
    Question(
        id="feel",
        short="What the pain is like",
        text="Which fits your pain best?",
        answers=(
            _a("walking", "Calf pain walking, eases at rest", "calf_claudication"),
            _a("cramps", "Cramps that come and go", "cramps_come_go"),
            _a("clicks", "Clicks or catches", "clicks_catches"),
            _a(
                "stairs",
                "Worse on stairs or squatting",
                "worse_stairs_squat",
                "onset_after_sitting",
            ),
            _a("pushoff", "Hurts bending or pushing off", "pain_bending_pushing"),
            _a("stiff", "Stiff after rest", "stiff_after_rest"),
            _none(),
        ),
    ),
)

MAIN_ORDER: tuple[str, ...] = tuple(q.id for q in MAIN)
QUESTIONS: tuple[Question, ...] = MAIN + FOLLOW_UPS + DOUBTS_AGAIN


# --- the warning signs, for /doctor and the check-in --------------------------------------


@dataclass(frozen=True)
class SignAdvice:
    """One warning sign as the first quiz screen lists it, and what the rules say about it."""

    key: str
    text: str
    emergency: bool
    action: str
    explanation: str


def _warning_signs() -> tuple[SignAdvice, ...]:
    signs = []
    for answer in WARN.answers:
        if not answer.detail:
            continue
        outcome = assess(answer.asserts)
        signs.append(
            SignAdvice(
                key=answer.id,
                text=answer.detail,
                emergency=outcome.tier is Tier.EMERGENCY,
                action=outcome.advice[0],
                explanation=outcome.reasons[0],
            )
        )
    return tuple(signs)


WARNING_SIGN_LIST: tuple[SignAdvice, ...] = _warning_signs()
"""The first screen's warning signs, most serious first, with the rules' advice for each."""
