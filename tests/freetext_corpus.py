"""Messages written the way people write them, each with what the bot should make of it.

Data for `tests/test_freetext.py` and `python -m tests.freetext_figures`. Each `Case` holds the
text, the tier the rules should reach (None: the message names no symptom), the topics that
would fit (any of them first or second counts), and its kind:

- ``warning``: at least one warning sign, said plainly or indirectly ("can't catch my
  breath", "foot went white and cold"); the tier must be urgent or emergency.
- ``unsure``: a warning sign is hinted at but not said for certain (a hedge, a question, a
  worry, a sign in the past that may have passed); the bot must ask "Do any of these apply
  right now?" (`Reading.needs_check`), not guess.
- ``negated``: a warning sign is mentioned only to say it is absent or over ("no swelling",
  "had a cramp last night, gone now"); it must not raise the tier.
- ``ordinary``: symptoms without a warning sign.
- ``none``: no symptom at all ("hi", "thanks", "what is a Baker's cyst?"): tier None.
- ``other_language``: in a language no lexicon reads: tier None, language "other".

A case also says which language should read it (`Case.language`, "en" unless given): the corpus
keeps a Spanish, a Russian and a Portuguese message among the other languages, which were
"other" before those lexicons came (issue 22) and are now read in their own language.

The messages were written for this corpus, not collected from people; the names of the fields
(`text`, `tier`, `topics`, `kind`) are kept stable for outside test sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["warning", "unsure", "negated", "ordinary", "none", "other_language"]
Tier = Literal["emergency", "urgent", "gp_soon", "self_care"]


@dataclass(frozen=True, slots=True)
class Case:
    text: str
    tier: Tier | None
    topics: tuple[str, ...]
    kind: Kind
    language: str = "en"
    """The language that should read it; "other" for a language no lexicon reads."""


def _cases(kind: Kind, tier: Tier | None, rows: list[tuple[str, str]]) -> list[Case]:
    language = "other" if kind == "other_language" else "en"
    return [Case(text, tier, tuple(topics.split()), kind, language) for text, topics in rows]


E: Tier = "emergency"
U: Tier = "urgent"
G: Tier = "gp_soon"
S: Tier = "self_care"

EMERGENCIES = _cases("warning", E, [
    ("my calf is swollen and hot and I can't catch my breath", "doctor"),
    ("calf been sore since the flight and now i'm really short of breath", "doctor"),
    ("foot went white and cold about an hour ago and it hurts like mad", "doctor"),
    ("pain behind knee and chest feels tight when i breathe in", "doctor"),
    ("coughing up blood this morning, also my leg is swollen", "doctor"),
    ("my left foot is freezing cold and looks kinda blue, knee pain since yesterday", "doctor"),
    ("cant feel my toes since i fell on my knee", "doctor"),
    ("pins and needles all down my leg and my foot is weak after twisting my knee", "doctor"),
    ("i can't breathe properly and my calf is killing me", "doctor"),
    ("chest pain and back of knee pain together??? scared", "doctor"),
    ("Leg went numb suddenly and i cant lift my foot", "doctor"),
    ("my foot is pale and cold and i cant feel a pulse", "doctor"),
    ("short of breath walking to the kitchen, and my calf has been throbbing for 3 days",
     "doctor"),
    ("sharp pain when i breathe in and my leg is swollen since my op", "doctor"),
    ("coughed up some blood and feel breathless", "doctor"),
    ("got outta breath just climbing 5 stairs which never happens, calf sore", "doctor"),
    ("My toes have gone white and numb", "doctor"),
    ("struggling to breathe, leg swollen, please help", "doctor"),
    ("lower leg suddenly really cold and pale compared to the other one", "doctor"),
    ("knee injury at football, now my foot is tingly and numb", "doctor"),
    ("can't catch my breath and there's a tightness in my chest, calf hurts too", "doctor"),
    ("hurts to breathe and my calf is swolen after the long haul flight", "doctor"),
    ("i keep coughing and theres blood in my phlegm, also pain behind my knee", "doctor"),
    ("SOB since this morning and my calf is sore 😰", "doctor"),
    ("my foot has gone really pale and icy after i hurt my knee 😳😳", "doctor"),
])  # fmt: skip

URGENT = _cases("warning", U, [
    ("calf is hot and fat since the flight", "doctor"),
    ("my calf is swollen and red and i'm on the pill", "doctor"),
    ("swollen calf on one side only, the other is fine", "doctor"),
    ("back of my leg is warm and red and hurts when I walk", "doctor"),
    ("knee is locked and won't straighten", "doctor"),
    ("can't put any weight on my leg since i fell", "doctor"),
    ("i twisted my knee playing football, heard a pop and it swelled up straight away",
     "doctor"),
    ("my knee looks deformed after the fall, like the kneecap is out of place", "doctor"),
    ("knee is hot red and swollen and i feel shivery", "doctor"),
    ("my knee is really hot and swollen, no injury, im diabetic", "doctor"),
    ("got a fever and my knee has blown up like a balloon", "doctor"),
    ("calf pain that won't go away, i had knee surgery 3 weeks ago", "doctor"),
    ("throbbing pain in my right calf since i got back from a 12 hour flight", "doctor"),
    ("the veins behind my knee are hard and sore", "doctor"),
    ("my knee is massively swollen", "doctor"),
    ("severe pain behind the knee, can barely stand", "doctor"),
    ("i cant walk on it at all", "doctor"),
    ("pain is unbearable 10/10", "doctor"),
    ("my knee got stuck bent and i cant straighten it", "doctor"),
    ("calf cramping pain constant for 2 days, I'm 7 months pregnant", "doctor"),
    ("had a baby 3 weeks ago and now one calf is swollen", "doctor"),
    ("my shin and ankle are swollen and warm, only the left leg", "doctor"),
    ("calf went red and hot overnight", "doctor"),
    ("swollen leg after being in a cast for 4 weeks", "doctor"),
    ("my calf is tight and swollen after the drive from scotland, 9 hours", "doctor"),
    ("my kneecap popped out and its still out", "doctor"),
    ("knee swelled up like crazy after the tackle", "doctor"),
    ("Knee is red and hot and I feel awful, temperature of 38.5", "doctor"),
    ("my calf hurts and it's swollen, on HRT", "doctor"),
    ("blood clot? my calf is swollen and sore", "doctor"),
    ("my knee gave way and now i can't bear weight on it", "doctor"),
    ("hard lumpy vein on the back of my calf, red and sore", "doctor"),
    ("calf is killing me, been in bed for a week with covid", "doctor"),
    ("cramping pain in my calf that doesnt go away, had chemo last month", "doctor"),
    ("knee swollen twice the size of the other one", "doctor"),
    ("knee hot and swollen, i have a knee replacement", "doctor"),
    ("my leg is swollen from the knee down and it's purple", "doctor"),
    ("I can't straighten my knee since this morning, no injury", "doctor"),
    ("previous dvt and now calf pain again same leg", "doctor"),
    ("behind my knee is puffy and my whole calf is tight and shiny", "doctor"),
    ("sudden swelling in my calf and it's warm to touch", "doctor"),
    ("knee is huge and i cant bend it at all", "doctor"),
    ("my foot and ankle are all swollen and my calf is red", "doctor"),
    ("Felt a pop in my knee when I landed, now it's swollen and I can't walk", "doctor"),
    ("fever 39 and my knee hurts like hell and it's red", "doctor"),
    ("is it a dvt? my calf aches a bit after the flight", "doctor"),
    ("claf swolen n red since yday 😩 pls help", "doctor"),
    ("kneee is sooo swollen and HOT, feel rly unwell", "doctor"),
])  # fmt: skip

UNSURE = _cases("unsure", S, [
    ("not sure if my calf is swollen or if im imagining it", "doctor causes"),
    ("what should i do if my leg goes numb", "doctor causes"),
    ("could this be a blood clot?", "doctor"),
    ("maybe a bit of swelling in my calf, hard to tell", "doctor causes"),
    ("my calf was swollen yesterday", "doctor causes"),
    ("should i go to A&E? my knee hurts when i walk", "doctor causes"),
    ("Do I need to go to the ER for knee pain", "doctor causes"),
    ("i think my knee might be a bit warm?", "doctor causes"),
    ("my leg felt weak earlier", "doctor causes"),
    ("i can barely walk on it", "doctor causes"),
    ("worried about a clot, my calf feels tight", "doctor causes cramps"),
    ("pain behind knee after a long flight", "doctor causes"),
    ("pain behind my knee after the gym, i'm on the pill", "doctor causes other"),
])  # fmt: skip

NEGATED = [
    *_cases("negated", S, [
        ("no swelling, not red, just a dull ache behind my knee", "causes cyst other"),
        ("calf cramp last night, gone now", "cramps"),
        ("had a cramp last night, gone now", "cramps"),
        ("my knee is not swollen or hot, it just clicks", "other runners causes"),
        ("no fever, no redness, knee just aches after running", "runners other causes"),
        ("without any swelling or redness my calf feels tight after football",
         "stretch other cramps causes rice"),
        ("i had a DVT 5 years ago, now just sore knee from gardening", "causes other"),
        ("no chest pain no breathlessness, just calf cramps at night", "cramps"),
        ("i'm not short of breath at all, calf is just a bit tight after my run",
         "stretch other cramps causes"),
        ("my knee was locked for a second yesterday but it's fine now", "other causes"),
        ("Leg went numb from sitting cross legged, back to normal now", "causes"),
        ("I don't have a fever and the knee isn't red, it's just stiff in the mornings",
         "other causes"),
        ("no numbness or tingling, pain is at the front of my kneecap when i do stairs",
         "runners"),
        ("my calf isn't swollen, i checked, it's just achy after the gym",
         "other stretch rice causes cramps"),
        ("not coughing blood or anything lol just a sore knee", "causes"),
        ("i can walk fine, no limp, just a niggle behind the knee", "causes other"),
        ("can weight bear no problem, swelling went down after icing it", "rice other"),
        ("there was a bit of swelling after the match but it went down overnight",
         "rice other causes"),
        ("no pop, no swelling, knee just feels a bit wobbly on stairs", "other runners"),
        ("definitely not a clot, doc checked it last week, calf still a bit sore",
         "cramps other causes stretch"),
        ("my knee doesn't lock or give way, just aches after long walks", "causes other"),
        ("my calf is not hot not red not swollen, just crampy at night", "cramps"),
        ("Without fever or chills. Just a sore knee after hiking", "causes rice other"),
        ("the numbness went away after i got up, just a dull ache now", "causes"),
        ("used to get really bad swelling in my knee years ago, now only mild aches",
         "causes other"),
        ("my doctor said it's not a dvt, it's a bakers cyst", "cyst"),
        ("legs not swollen, I'm not pregnant, just get cramps in my calves every night",
         "cramps"),
        ("I had a blood clot in 2019 but this is different, just my hamstring after sprinting",
         "other stretch rice"),
        ("last year i couldn't walk for a week after a fall. this time its just a bit sore",
         "causes rice other"),
        ("breathing is fine, chest is fine, it's just my knee", "causes"),
        ("calf swelling is gone now, still a bit of an ache", "causes cramps other"),
        ("Not numb, not tingly, toes are warm and pink. Just knee pain after a long run",
         "runners other causes"),
        ("no shortness of breath, no chest pain, no swollen leg, just tight hamstrings",
         "stretch other"),
    ]),
    *_cases("negated", G, [
        ("no shortness of breath, no chest pain. pain behind the knee for 3 weeks",
         "doctor causes"),
        ("No injury, no fall, just gradually getting stiffer behind the knee over months",
         "other causes doctor"),
    ]),
]  # fmt: skip

ORDINARY = [
    *_cases("ordinary", S, [
        ("back of my knee hurts after running", "other causes stretch rice runners"),
        ("knee pain when i go down stairs", "runners"),
        ("i get calf cramps at night, what can i do", "cramps"),
        ("sore behind my knee after a long hike yesterday", "other rice causes stretch"),
        ("my knee clicks when i squat, it doesn't hurt much", "other runners causes"),
        ("pain at the front of my knee after sitting through a long movie", "runners"),
        ("hamstring feels tight behind the knee after deadlifts", "stretch other"),
        ("I'm a runner and the outside of my knee hurts after 5k", "other runners stretch"),
        ("charley horse in my calf woke me up at 3am owww", "cramps"),
        ("calf cramps when i'm swimming", "cramps"),
        ("i twisted my knee skiing last week, it clicks and catches now", "other rice"),
        ("pain behind knee when i straighten my leg fully", "causes cyst other"),
        ("ache behind both knees after standing all day at work", "causes other"),
        ("what stretches help with tight hamstrings?", "stretch"),
        ("knee hurts going upstairs and when i kneel", "runners"),
        ("my knee feels like it gives way sometimes on uneven ground", "other"),
        ("crunching noise from my knee, no pain", "other runners causes"),
        ("I bumped my knee on the table and it's bruised", "rice other"),
        ("pain in back of knee when i bend it", "causes cyst other"),
        ("muscle cramps in my legs when i'm dehydrated", "cramps"),
        ("cramps in my calves since starting statins", "cramps"),
        ("night cramps in my calf since I've been pregnant, 5 months", "cramps"),
        ("i sit at a desk all day and my knees ache when i get up", "runners causes"),
        ("my knee hurts a bit after football on sunday", "rice other causes"),
        ("sprained my knee, what should I do? it's a bit swollen", "rice other"),
        ("how long should i rest after pulling my hamstring", "rice other stretch"),
        ("knee feels weak and achy after surgery 6 months ago", "other doctor causes"),
        ("back of knee pain when i run uphill", "other runners causes stretch"),
        ("my knee aches when it rains lol", "causes other"),
        ("dull ache behind the knee when i wake up", "causes other cyst"),
        ("my kneecap grinds and it's sore going down hills", "runners"),
        ("I think I pulled something behind my knee doing yoga", "other stretch rice"),
        ("my calf feels tight and achy after a new running programme",
         "stretch other cramps"),
        ("pain on the inside of my knee after football tackle", "other rice"),
        ("osteoarthritis in both knees, pain behind the right one lately",
         "other cyst causes"),
        ("how do i stop getting cramps in my legs at night", "cramps"),
        ("my knee gets stiff after sitting in the car", "other runners causes"),
        ("after leg day my hamstrings are so sore i can barely sit", "stretch other rice"),
        ("Ran a half marathon yesterday, back of knees are killing me",
         "rice stretch other causes"),
        ("my 10 yr old says the back of his knee hurts after football", "causes other"),
        ("ive got a sore knee from kneeling to lay a floor", "causes other"),
        ("behind the knee pain when walking long distances", "causes other"),
        ("my knee hurts when i jump", "runners other"),
        ("achilles tight and calf sore after running in new shoes", "stretch other"),
        ("pain behind knee when fully bending, like something pinching", "cyst other causes"),
        ("is ice or heat better for a pulled hamstring", "rice"),
        ("how many times a day should i ice my knee? it's a bit sore", "rice"),
        ("the back of my knee feels tight when i stretch", "stretch"),
        ("knee aching after my first week of couch to 5k", "runners stretch"),
        ("my knees crack all the time but dont hurt", "other runners causes"),
        ("tight calves from wearing heels all week", "stretch"),
        ("I get pain behind my knee if i sit cross legged", "causes"),
        ("i'm a nurse and on my feet 12hrs, backs of my knees ache by the end",
         "causes other"),
        ("sharp twinge behind knee when i turn quickly", "other causes"),
        ("bad cramp in my thigh during swimming", "cramps"),
        ("knee pain since i started cycling to work", "runners other"),
        ("pain around the kneecap after squats at the gym", "runners"),
        ("my knee is slightly swollen after i twisted it", "rice other"),
        ("walking downstairs makes the front of my knee hurt", "runners"),
        ("calf muscle strain from tennis, hurts to push off", "other rice"),
        ("pain behind knee when I straighten it after sitting", "causes cyst other"),
        ("knee swollen a bit after a 10 mile hike", "rice"),
        ("my knee hurts and I don't know why", "causes"),
        ("Knee ache, aged 55, overweight, worse in the evenings", "other causes"),
        ("painful knee after gardening on my knees all day", "causes"),
        ("the tendon behind my knee is sore after football", "other"),
        ("tight feeling behind knee, is that a bakers cyst?", "cyst"),
        ("I got kicked in the back of the knee at football, bruised and sore", "rice other"),
        ("my knees hurt when i run, especially the right one", "runners"),
        ("hamstring cramp during my run today", "cramps"),
        ("i'm 30 weeks pregnant and my knees ache", "causes"),
        ("my leg cramps up when i walk and gets better when i stop", "cramps doctor causes"),
        ("soooo sore behind my knee after dancing all night lol 💃", "causes other rice"),
        ("knee hurtin since the weekend, think i overdid it at the gym",
         "rice other runners"),
        ("back of knee pain on long drives", "causes"),
        ("my hamstring twanged during sprint, now sore to touch", "other rice"),
        ("ugh my knees r killing me after that hike, any tips?",
         "rice stretch other causes"),
    ]),
    *_cases("ordinary", G, [
        ("there's a squishy lump behind my knee, doesnt hurt", "cyst doctor"),
        ("Baker's cyst behind my knee keeps getting bigger", "cyst doctor"),
        ("knee stiff every morning for months, I'm 68", "other causes"),
        ("pain behind knee that comes and goes, for about a month", "causes doctor"),
        ("I've got a swelling behind my knee like a small ball, soft", "cyst doctor"),
        ("lump behind knee and my knee feels tight when I bend it", "cyst doctor"),
        ("Knee pain for 3 months now, physio exercises not helping", "doctor other"),
        ("knee keeps swelling up on and off every few weeks", "doctor other cyst"),
        ("small bump behind knee, been there for years, not changing", "cyst doctor"),
        ("i have been having pain behind my knee for 4 weeks, it's not getting better",
         "doctor causes"),
        ("knee has been sore on and off for a year", "doctor causes"),
    ]),
]  # fmt: skip

NONE = _cases("none", None, [
    ("hi", ""),
    ("hello there", ""),
    ("thanks!", ""),
    ("thank you so much 🙏", ""),
    ("what can you do", ""),
    ("what is a bakers cyst?", "cyst"),
    ("how do i do a calf stretch", "stretch"),
    ("tell me about runners knee", "runners"),
    ("what does RICE stand for", "rice"),
    ("ok", ""),
    ("👍", ""),
    ("can you help me", ""),
    ("who made you", ""),
    ("what causes pain behind the knee?", "causes"),
    ("when should i see a doctor?", "doctor"),
    ("how do i prevent knee injuries", "facts"),
    ("good morning", ""),
    ("lol", ""),
    ("what are the warning signs?", "doctor"),
    ("thanks that helped a lot", ""),
    ("should I use a knee support for runners knee?", "runners"),
    ("bye", ""),
])  # fmt: skip


def _other(text: str) -> Case:
    return Case(text, None, (), "other_language", "other")


def _read_in(language: str, text: str) -> Case:
    """Pain behind the knee in a language with a lexicon: read as "pain behind the knee"."""
    return Case(text, S, ("causes", "doctor", "cyst"), "ordinary", language)


# In the order they always had: the golden snapshot's generated messages are drawn from it.
OTHER_LANGUAGE = [
    _read_in("es", "me duele detrás de la rodilla desde ayer"),
    _other("j'ai mal derrière le genou depuis deux jours"),
    _other("Ich habe Schmerzen in der Kniekehle"),
    _read_in("ru", "у меня болит под коленом"),
    _other("膝の裏が痛いです"),
    _other("mi fa male dietro il ginocchio"),
    _read_in("pt", "tenho dor atrás do joelho"),
    _other("dizimin arkası ağrıyor"),
]

CASES: tuple[Case, ...] = (
    *EMERGENCIES,
    *URGENT,
    *UNSURE,
    *NEGATED,
    *ORDINARY,
    *NONE,
    *OTHER_LANGUAGE,
)
