"""The symptom quiz as data: its types, its questions, and the words it uses.

The machine that walks through these questions lives in `knowledge.quiz`; this module only
describes them. Nothing here imports `telegram`.

Order matters. The red-flag questions come first, one sign each, so that a sign needing quick
care is found before anything else is asked. Red-flag questions have exactly two answers,
"Yes" (id ``y``) and "No" (id ``n``). There is deliberately no "Not sure": counting it as a red
flag would alarm people for no reason, and counting it as "no" would quietly reassure them.
Instead the question screen says that if someone is unsure, choosing "Yes" is the safer choice,
so the decision (and the reason for it) stays visible to the person answering.

Sources for the wording: NHS "Knee pain", "DVT", "Pulmonary embolism", "Baker's cyst",
"Leg cramps", "Sprains and strains"; Cleveland Clinic "Back of knee pain".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# The topic keys of the bot's content; each is also a command (/cramps, /doctor, ...).
TOPIC_KEYS: tuple[str, ...] = (
    "causes",
    "cramps",
    "cyst",
    "runners",
    "other",
    "stretch",
    "rice",
    "facts",
    "doctor",
)

# When two topics score the same, the more specific one comes first.
TOPIC_PRIORITY: tuple[str, ...] = (
    "cyst",
    "cramps",
    "runners",
    "other",
    "rice",
    "stretch",
    "causes",
    "facts",
    "doctor",
)

# A topic needs at least this many points to be suggested.
MIN_TOPIC_SCORE = 3

YES = "y"
NO = "n"


@dataclass(frozen=True)
class Answer:
    """One button under a question."""

    id: str
    label: str


@dataclass(frozen=True)
class RedFlagInfo:
    """What to tell someone who answers "yes" to a red-flag question."""

    emergency: bool  # True: call emergency services now; False: urgent care today
    action: str  # what to do now, one sentence, shown in bold
    explanation: str  # why, in plain words
    steps: tuple[str, ...] = ()  # a few extra practical points


def _freeze_scores(scores: Mapping[str, Mapping[str, int]]) -> Mapping[str, Mapping[str, int]]:
    return MappingProxyType({aid: MappingProxyType(dict(pts)) for aid, pts in scores.items()})


@dataclass(frozen=True)
class Question:
    """One quiz question.

    `scores[answer_id][topic_key]` gives points towards a topic for that answer, and
    `reasons[answer_id]` is the kind, plain sentence shown next to a topic that this answer
    pointed to (e.g. "You mentioned swelling or a lump behind the knee").
    """

    id: str
    text: str
    answers: tuple[Answer, ...]
    red_flag: RedFlagInfo | None = None
    scores: Mapping[str, Mapping[str, int]] = field(default_factory=dict, hash=False)
    reasons: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        # Read-only copies, so the shared question data cannot be changed by accident.
        object.__setattr__(self, "scores", _freeze_scores(self.scores))
        object.__setattr__(self, "reasons", MappingProxyType(dict(self.reasons)))

    def answer_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.answers)


_YES_NO: tuple[Answer, ...] = (Answer(YES, "Yes"), Answer(NO, "No"))

_TODAY = "ask for an urgent GP appointment, call 111 (UK), or go to an urgent care centre"
_EMERGENCY_NUMBERS = "999 (UK), 112 (Europe) or 911 (US)"

RED_FLAG_QUESTIONS: tuple[Question, ...] = (
    Question(
        id="breathless",
        text=(
            "Are you short of breath, do you have chest pain, or have you been coughing up blood?"
        ),
        answers=_YES_NO,
        red_flag=RedFlagInfo(
            emergency=True,
            action=f"Call {_EMERGENCY_NUMBERS} now.",
            explanation=(
                "With a painful leg, shortness of breath, chest pain or coughing blood "
                "can mean a blood clot has travelled to the lungs. This is an emergency."
            ),
            steps=(
                "Don't drive yourself. If someone is with you, ask them to stay.",
                "Tell the call handler about your leg pain as well as your breathing.",
            ),
        ),
    ),
    Question(
        id="calf_dvt",
        text=(
            "Is your calf or leg swollen, warm, red or darker than usual, "
            "or are the veins hard and painful?"
        ),
        answers=_YES_NO,
        red_flag=RedFlagInfo(
            emergency=False,
            action=f"Get your leg checked today: {_TODAY}.",
            explanation=(
                "These can be signs of a blood clot in the leg (a DVT). A Baker's cyst that "
                "has burst can look just the same, and only an examination can tell them apart."
            ),
            steps=(
                "Don't massage the leg until it has been checked.",
                f"If you become short of breath or get chest pain, call {_EMERGENCY_NUMBERS}.",
            ),
        ),
    ),
    Question(
        id="no_weight",
        text="Is the pain severe, or are you unable to put weight on the leg?",
        answers=_YES_NO,
        red_flag=RedFlagInfo(
            emergency=False,
            action=(
                "Get medical help today: go to an urgent care centre or A&E, "
                "or call 111 (UK) or your doctor."
            ),
            explanation=(
                "Severe pain, or not being able to stand on the leg, needs a proper "
                "examination soon, for example to check for a fracture or a bad injury."
            ),
            steps=("Rest the leg and keep it raised while you arrange help.",),
        ),
    ),
    Question(
        id="injury_pop",
        text=(
            "After an injury, did your knee lock, give way badly or change shape, "
            "or did you feel a pop followed by quick swelling?"
        ),
        answers=_YES_NO,
        red_flag=RedFlagInfo(
            emergency=False,
            action=(
                "Have your knee checked today at an urgent care centre or A&E, "
                "or call 111 (UK) or your doctor."
            ),
            explanation=(
                "This can happen when a ligament or the cartilage is torn, or the kneecap "
                "has moved out of place. Checking it early helps it heal well."
            ),
            steps=(
                "Don't force the knee straight and don't carry on with sport.",
                "Rest it, support it and keep it raised until it has been seen.",
            ),
        ),
    ),
    Question(
        id="hot_fever",
        text=("Is your knee hot, red and swollen, and do you also have a fever or feel shivery?"),
        answers=_YES_NO,
        red_flag=RedFlagInfo(
            emergency=False,
            action="Get medical help today: call 111 (UK) or your doctor now, or go to A&E.",
            explanation=(
                "A hot, swollen knee together with a fever can be an infection in the joint, "
                "which needs treatment quickly."
            ),
            steps=("Please don't wait to see whether it settles on its own.",),
        ),
    ),
    Question(
        id="numb_foot",
        text="Is your foot or leg numb, tingling, cold or pale?",
        answers=_YES_NO,
        red_flag=RedFlagInfo(
            emergency=False,
            action=(
                "Get medical help straight away: go to A&E, or call 111 (UK) or your doctor now."
            ),
            explanation=(
                "This can mean the nerves or the blood supply to the leg are being affected, "
                "and that needs checking quickly."
            ),
            steps=(f"If the foot is cold, pale and very painful, call {_EMERGENCY_NUMBERS}.",),
        ),
    ),
)

ORDINARY_QUESTIONS: tuple[Question, ...] = (
    Question(
        id="where",
        text="Where does it hurt the most?",
        answers=(
            Answer("back", "Behind the knee"),
            Answer("front", "Front, around the kneecap"),
            Answer("calf", "Lower down, in the calf"),
            Answer("all", "All over the knee"),
        ),
        scores={
            "back": {"cyst": 2, "other": 1, "causes": 1},
            "front": {"runners": 3},
            "calf": {"cramps": 2, "other": 2},
            "all": {"causes": 2, "other": 1},
        },
        reasons={
            "back": "You said it hurts most behind the knee",
            "front": "You said it hurts most at the front, around the kneecap",
            "calf": "You said the pain is mostly lower down, in the calf",
            "all": "You said it hurts all over the knee",
        },
    ),
    Question(
        id="start",
        text="How did it start?",
        answers=(
            Answer("sport", "Suddenly, in sport or a twist"),
            Answer("gradual", "Slowly, over time"),
            Answer("sitting", "After long sitting or travel"),
            Answer("unsure", "I'm not sure"),
        ),
        scores={
            "sport": {"other": 3, "rice": 2},
            "gradual": {"runners": 1, "cyst": 1, "causes": 1},
            "sitting": {"runners": 1},
            "unsure": {"causes": 1},
        },
        reasons={
            "sport": "It started suddenly, during sport or a twist",
            "gradual": "It came on slowly, over time",
            "sitting": "It started after a long time sitting or travelling",
            "unsure": "You're not sure how it started",
        },
    ),
    Question(
        id="lump",
        text="Can you see or feel a swelling or a lump behind the knee?",
        answers=(
            Answer(YES, "Yes"),
            Answer(NO, "No"),
            Answer("unsure", "I'm not sure"),
        ),
        scores={
            YES: {"cyst": 4},
            "unsure": {"cyst": 1},
        },
        reasons={
            YES: "You mentioned a swelling or a lump behind the knee",
            "unsure": "You weren't sure whether there is a swelling behind the knee",
        },
    ),
    Question(
        id="cramps",
        text="Do you get cramps that come and go, for example at night?",
        answers=_YES_NO,
        scores={YES: {"cramps": 4, "stretch": 3}},
        reasons={YES: "You get cramps that come and go"},
    ),
    Question(
        id="clicks",
        text="Does the knee click, crackle, catch or give way?",
        answers=_YES_NO,
        scores={YES: {"runners": 2, "other": 2}},
        reasons={YES: "You said the knee clicks, catches or gives way"},
    ),
    Question(
        id="active",
        text="Do you run, or do a lot of sport or other activity?",
        answers=_YES_NO,
        scores={YES: {"runners": 2, "stretch": 1, "other": 1}},
        reasons={YES: "You run or are very active"},
    ),
    Question(
        id="howlong",
        text="How long have you had this pain?",
        answers=(
            Answer("lt3d", "Less than 3 days"),
            Answer("d3w2", "3 days to 2 weeks"),
            Answer("gt2w", "More than 2 weeks"),
            Answer("recur", "It keeps coming back"),
        ),
        scores={
            "lt3d": {"rice": 2},
            "d3w2": {"stretch": 1},
        },
        reasons={
            "lt3d": "It started in the last few days",
            "d3w2": "It has lasted between 3 days and 2 weeks",
        },
    ),
)

QUESTIONS: tuple[Question, ...] = RED_FLAG_QUESTIONS + ORDINARY_QUESTIONS

# Answers that always add the "doctor" topic, with the reason shown for it.
DOCTOR_ANSWERS: Mapping[tuple[str, str], str] = MappingProxyType(
    {
        ("howlong", "gt2w"): "You've had the pain for more than 2 weeks, so a GP check is wise",
        ("howlong", "recur"): "The pain keeps coming back, so a GP check is wise",
    }
)


@dataclass(frozen=True)
class CheckSoonRule:
    """A combination of answers that puts "doctor" first, with its own reason and advice."""

    when: frozenset[tuple[str, str]]
    reason: str
    advice: str


CHECK_SOON_RULES: tuple[CheckSoonRule, ...] = (
    CheckSoonRule(
        when=frozenset({("where", "calf"), ("start", "sitting")}),
        reason=(
            "Calf pain after a long time sitting or travelling should be checked soon, "
            "because a blood clot can start this way"
        ),
        advice=(
            "Calf pain that began after long travel or sitting can come from a blood clot (DVT), "
            "even without swelling. Please ask for an urgent GP appointment or call 111 (UK) "
            "today so it can be checked."
        ),
    ),
)

# Shown when no topic scores enough: a general overview, plus the doctor page.
FALLBACK_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "causes": "Your answers don't point to one clear cause, so the overview is a good start",
        "doctor": "If you're unsure or it isn't settling, a GP or physio can examine the knee",
    }
)

# One line of practical advice per suggested topic.
TOPIC_ADVICE: Mapping[str, str] = MappingProxyType(
    {
        "causes": (
            "Pain behind the knee often has more than one cause. Easing off whatever makes "
            "it worse is a good first step."
        ),
        "cramps": (
            "When a cramp comes, stretch and gently massage the muscle. Drinking enough and "
            "stretching your calves before bed can help with night cramps."
        ),
        "cyst": (
            "A swelling behind the knee often settles when the knee problem behind it is "
            "treated. If the lump keeps growing or gets more painful, show it to a GP."
        ),
        "runners": (
            "Ease off running, deep squats and stairs for a while, then build back up slowly. "
            "Strengthening the thigh and hip muscles helps many people."
        ),
        "other": (
            "After a strain, rest for 2–3 days and then start moving gently. If the knee keeps "
            "locking, catching or giving way, see a GP or physiotherapist."
        ),
        "stretch": (
            "Gentle calf, thigh and hamstring stretches can help: hold each for 20–30 seconds, "
            "don't bounce, and stop if it hurts."
        ),
        "rice": (
            "In the first 2–3 days: rest, ice wrapped in a towel (never straight on the skin) "
            "for 15–20 minutes every 2–3 hours, a light compression bandage, and keep the leg "
            "raised."
        ),
        "facts": (
            "The first aim is to stop the pain getting worse: tiredness and skipping a warm-up "
            "are common triggers."
        ),
        "doctor": (
            "Pain that lasts more than 2 weeks, keeps coming back, or gets in the way of "
            "everyday life is worth a GP appointment."
        ),
    }
)

# Added to a reason that another topic in the same outcome already uses, so no two lines match.
TOPIC_HINTS: Mapping[str, str] = MappingProxyType(
    {
        "causes": "and the overview covers the usual causes",
        "cramps": "and the cramps page explains why they happen",
        "cyst": "and a Baker's cyst is one common reason for that",
        "runners": "and that often goes with pain around the kneecap",
        "other": "and a strain or a cartilage problem can do that",
        "stretch": "and regular stretching often helps with that",
        "rice": "and early rest and ice can help with that",
        "facts": "and a few general facts may help",
        "doctor": "and a GP can take a proper look",
    }
)

# Reason given for the "doctor" topic shown after an urgent outcome.
URGENT_DOCTOR_REASON = "More about warning signs and where to get help"
