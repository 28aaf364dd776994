"""The health content as typed data.

Every sentence here is written for this bot in plain English. Each section
names the sources (keys of :data:`knowledge.sources.SOURCES`) that back its facts, so
``/sources`` can list them and tests can check nothing is unsourced.

Where the seed article was out of date or wrong, the text follows the NHS
and newer research instead (each section lists its sources in :data:`knowledge.sources.SOURCES`).
No diagnosis claims, no medication doses, no promises of a cure.
"""

from __future__ import annotations

from knowledge.model import Section, Topic
from knowledge.texts import SEE_GP_WEEKS, SEE_GP_WHEN
from knowledge.warning_signs import WARNING_SIGN_GROUPS, SignGroup

__all__ = [
    "EMERGENCY_NUMBERS",
    "TOPICS",
    "TOPICS_BY_KEY",
]

EMERGENCY_NUMBERS = "999 / 112 / 911"
_URGENT_CARE = "ask for an urgent GP appointment, call NHS 111 (UK) or go to an urgent care centre"


def _sources_of(signs: tuple[SignGroup, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(key for sign in signs for key in sign.sources))


_EMERGENCY_GROUPS = tuple(w for w in WARNING_SIGN_GROUPS if w.emergency)
_SAME_DAY_GROUPS = tuple(w for w in WARNING_SIGN_GROUPS if not w.emergency)

# --------------------------------------------------------------------------
# Topics
# --------------------------------------------------------------------------

_CAUSES = Topic(
    key="causes",
    command="causes",
    title="What can cause pain behind the knee?",
    menu_label="🦵 Causes",
    description="Common causes of pain behind the knee",
    intro=(
        "The back of the knee is a busy place: the hamstring and calf muscles "
        "cross here, next to the joint, blood vessels and nerves. So there is "
        "often more than one possible reason for pain, and sometimes two at once."
    ),
    gist=(
        "Pain here often comes from a tight or strained muscle, a cramp, a Baker's cyst or "
        "the knee joint itself.",
        "Most causes settle with rest, first aid and then gentle movement.",
        "Get help today if your calf is swollen, warm or red, you're short of breath, or you "
        "can't stand on the leg.",
    ),
    related=("cramps", "cyst", "runners", "other"),
    sections=(
        Section(
            heading="Common causes",
            bullets=(
                "Leg cramps: a muscle suddenly tightens, often the calf. See /cramps",
                "Baker's cyst: a pocket of fluid behind the knee. See /cyst",
                "Runner's knee: usually an ache around the kneecap at the front "
                "of the knee. See /runners",
                "A muscle strain, a torn meniscus (knee cartilage), arthritis, a "
                "ligament injury or a blood clot (DVT). See /other",
            ),
            sources=("seed_article", "nhs_knee_pain", "cleveland_back_of_knee"),
        ),
        Section(
            heading="What you can do",
            bullets=(
                "Stretches ease tight muscles; strengthening your thigh, hip and calf "
                "muscles is what lowers the risk of injury: /stretch",
                "First aid for a fresh strain or knock: /rice",
                "A few things worth knowing: /facts",
            ),
            sources=("seed_article", "nhs_sprains", "bjsm_lauersen"),
        ),
        Section(
            heading="Get help quickly",
            paragraphs=(
                "If your calf is swollen, warm or red, you feel short of breath, or "
                "you can't put weight on the leg. /doctor lists all the warning "
                "signs and what to do.",
            ),
            sources=("nhs_knee_pain", "nhs_dvt"),
        ),
    ),
)

_CRAMPS = Topic(
    key="cramps",
    command="cramps",
    title="Leg cramps",
    menu_label="⚡ Cramps",
    description="Leg cramps: why they happen and what helps",
    intro=(
        "A cramp is when a muscle suddenly tightens by itself and hurts. It "
        "often hits the calf, just below the back of the knee, and is common "
        "at night. Most cramps ease within seconds to a few minutes."
    ),
    gist=(
        "A cramp is a muscle tightening by itself, often the calf; most pass within minutes.",
        "Stretch and massage the muscle; for night cramps, stretch your calves regularly.",
        "See a GP if cramps are frequent, spoil your sleep, or come with swelling, numbness or "
        "weakness.",
    ),
    related=("stretch", "causes"),
    sections=(
        Section(
            heading="Why cramps happen",
            bullets=(
                "A muscle tired out by hard or long use, especially without stretching",
                "Not drinking enough fluid (dehydration)",
                "Nerve problems",
                "Kidney or liver disease",
                "Pregnancy",
                "Some medicines, for example statins and diuretics (water tablets). "
                "Don't stop a medicine without asking your GP or pharmacist first",
                "Getting older: cramps become more common with age",
                "Quite often there is no clear reason at all",
            ),
            sources=("seed_article", "nhs_leg_cramps"),
        ),
        Section(
            heading="Tetanus: rare, and not a usual cause",
            paragraphs=(
                "Some websites list tetanus as a cause of cramps. Tetanus is a rare "
                "but serious infection that causes strong muscle spasms; it is not "
                "a usual reason for everyday or night-time cramps. Keep your tetanus "
                "vaccination up to date, and get medical advice for a deep or dirty wound.",
            ),
            sources=("nhs_leg_cramps", "seed_article"),
        ),
        Section(
            heading="What helps",
            bullets=(
                "During a cramp, gently stretch and massage the muscle",
                "For night cramps, stretch your calves regularly (see /stretch)",
                "Drink enough through the day",
            ),
            sources=("nhs_leg_cramps",),
        ),
        Section(
            heading="When to see a GP",
            bullets=(
                "Cramps happen often or disturb your sleep (they are usually harmless)",
                "You also have swelling, numbness or weakness in the leg",
                "A cramp lasts longer than 10 minutes: ask for an urgent appointment "
                "or call NHS 111",
            ),
            sources=("nhs_leg_cramps",),
        ),
        Section(
            heading="Not just a cramp",
            paragraphs=(
                "If your calf stays swollen, warm, red or darker than usual, please "
                "get checked today. Open /doctor for the warning signs.",
            ),
            sources=("nhs_dvt",),
        ),
    ),
)

_CYST = Topic(
    key="cyst",
    command="cyst",
    title="Baker's cyst",
    menu_label="🫧 Baker's cyst",
    description="Baker's cyst: a fluid swelling behind the knee",
    intro=(
        "A Baker's cyst is a pocket of fluid that forms at the back of the knee. "
        "It usually grows because of another knee problem, such as arthritis or "
        "a cartilage injury, which makes the knee produce extra fluid."
    ),
    gist=(
        "A Baker's cyst is a pocket of fluid behind the knee, usually from another knee problem "
        "such as arthritis.",
        "Many settle by themselves; rest and wrapped ice can ease it. Show any new lump to a GP.",
        "A suddenly swollen, red calf needs checking today; a lump that pulses needs an urgent GP"
        " appointment.",
    ),
    related=("rice", "other"),
    sections=(
        Section(
            heading="How it can feel",
            bullets=(
                "A soft lump or swelling behind the knee",
                "Tightness, stiffness or an ache, often worse when you bend or fully "
                "straighten the leg",
                "Small cysts often cause no trouble and go unnoticed",
                "A bigger one can press on nearby tissues and nerves and hurt more",
            ),
            sources=("nhs_bakers_cyst", "seed_article", "cleveland_back_of_knee"),
        ),
        Section(
            heading="What helps",
            bullets=(
                "Many cysts settle by themselves, especially once the knee problem "
                "behind them is looked after",
                "Rest, and ice wrapped in a towel (see /rice), can ease a sore knee",
                "A pharmacist can advise on pain relief that suits you",
                "Any new lump behind the knee is worth showing to a GP, and so is one "
                "that keeps growing or a knee that isn't getting better",
            ),
            sources=("nhs_bakers_cyst",),
        ),
        Section(
            heading="⚠️ A lump that pulses",
            paragraphs=(
                "A lump that throbs or pulses with your heartbeat can be a swollen artery "
                "(a popliteal artery aneurysm) rather than a cyst. Please ask for an "
                "urgent GP appointment.",
            ),
            sources=("cleveland_popliteal_aneurysm",),
        ),
        Section(
            heading="⚠️ Burst cyst or blood clot?",
            paragraphs=(
                "Sometimes a cyst bursts and the fluid runs down into the calf, "
                "causing sudden pain, swelling and redness there. A blood clot in a "
                "deep leg vein (deep vein thrombosis, DVT) can look exactly the same, "
                "and only a clinician can tell them apart.",
                f"So if your calf suddenly becomes painful, swollen, warm or red, get "
                f"seen today: {_URGENT_CARE}. If you also feel short of breath or have "
                f"chest pain, call {EMERGENCY_NUMBERS} now.",
            ),
            sources=("nhs_bakers_cyst", "nhs_dvt", "nhs_pe"),
        ),
    ),
)

_RUNNERS = Topic(
    key="runners",
    command="runners",
    title="Runner's knee",
    menu_label="🏃 Runner's knee",
    description="Runner's knee, and how it differs from arthritis",
    intro=(
        "You may have read that runner's knee means worn-out cartilage with "
        "bones rubbing together. That's a very common mix-up, so here are the "
        "two conditions side by side."
    ),
    gist=(
        "Runner's knee is an ache around or behind the kneecap, at the front, often worse on "
        "stairs or squatting.",
        "Do a bit less for a while, then build up; strengthening helps. A physiotherapist can "
        "guide you.",
        f"See a GP or physio if it isn't better in about {SEE_GP_WEEKS} weeks, or if the knee "
        "catches or gives way.",
    ),
    related=("stretch", "other"),
    sections=(
        Section(
            heading="Runner's knee (patellofemoral pain)",
            paragraphs=(
                "Doctors call it patellofemoral pain syndrome. It is usually a dull "
                "ache around or behind the kneecap, at the front of the knee, rather "
                "than at the back.",
            ),
            bullets=(
                "Often worse on stairs, when squatting, or after sitting for a long "
                "time with bent knees",
                "Common after running, jumping, or doing more than usual",
                "Doing a bit less for a while, then building up slowly, often helps; "
                "a physiotherapist can guide you",
            ),
            sources=("nhs_knee_pain", "cleveland_back_of_knee"),
        ),
        Section(
            heading="Worn cartilage (osteoarthritis)",
            paragraphs=(
                "When the smooth cartilage lining the joint thins and the bones start "
                "to rub, that is osteoarthritis, not runner's knee. It tends to cause "
                "aching and stiffness that is worse in the morning or after resting, "
                "and sometimes a crackling or grating feeling. It is more common as "
                "we get older, and it is a frequent reason a Baker's cyst forms.",
            ),
            sources=("nhs_knee_pain", "cleveland_back_of_knee", "nhs_bakers_cyst"),
        ),
        Section(
            heading="With either one",
            paragraphs=(
                "A weak-feeling leg, less movement, or crackling when you bend can come "
                "with either condition. Gentle movement and strengthening usually help "
                "more than complete rest.",
                "A knee that catches, locks or gives way points more to a meniscus or "
                "ligament problem than to runner's knee (see /other): a GP or "
                "physiotherapist can check it.",
            ),
            bullets=(
                "Stretches to try: /stretch",
                f"See a GP or physiotherapist if it isn't better after about {SEE_GP_WEEKS} weeks",
                "If your knee locked, gave way badly or changed shape after an "
                "injury, see /doctor today",
            ),
            sources=("seed_article", "nhs_knee_pain", "cleveland_back_of_knee"),
        ),
    ),
)

_OTHER = Topic(
    key="other",
    command="other",
    title="Other causes of pain behind the knee",
    menu_label="🔎 Other causes",
    description="Strains, meniscus tear, arthritis, PCL injury, DVT",
    intro=(
        "Besides cramps, cysts and runner's knee, these are worth knowing about. "
        "Only a clinician who examines you can say which one it is."
    ),
    gist=(
        "Strains, a torn meniscus, arthritis, a ligament injury or a blood clot can also cause "
        "pain here.",
        "Only a clinician who examines you can tell which; see a GP or physiotherapist if it "
        "doesn't settle.",
        "A swollen, warm calf, or a hot, red, swollen knee (with or without a fever), needs "
        "checking today.",
    ),
    related=("cyst", "runners", "rice"),
    sections=(
        Section(
            heading="Hamstring or calf strain",
            paragraphs=(
                "An overworked or pulled muscle, often after sport. It tends to hurt "
                "when you bend the knee or push off on your toes. The tendons here "
                "can also get sore from overuse.",
            ),
            sources=("cleveland_back_of_knee", "nhs_sprains"),
        ),
        Section(
            heading="Meniscus tear",
            paragraphs=(
                "The meniscus is a rubbery cushion of cartilage inside the knee. A "
                "twisting injury can tear it, leading to swelling and a knee that "
                "locks, catches or gives way.",
            ),
            sources=("nhs_knee_pain", "cleveland_back_of_knee"),
        ),
        Section(
            heading="Arthritis",
            paragraphs=(
                "Osteoarthritis or rheumatoid arthritis can make the knee stiff and "
                "sore, often worse in the morning or after resting. Arthritis is "
                "often the reason a Baker's cyst forms (/cyst).",
            ),
            sources=("nhs_knee_pain", "cleveland_back_of_knee", "nhs_bakers_cyst"),
        ),
        Section(
            heading="⚠️ Hot, red, swollen knee",
            paragraphs=(
                "A knee that is hot, red, swollen and painful can be a joint infection "
                "(septic arthritis), with or without a fever. It is more likely in older "
                "people and in people with diabetes, rheumatoid arthritis or a joint "
                "replacement.",
                f"Get seen today: {_URGENT_CARE}. With a fever or feeling very unwell, go to A&E.",
            ),
            sources=("nhs_septic_arthritis", "patient_hot_joints"),
        ),
        Section(
            heading="Posterior cruciate ligament (PCL) injury",
            paragraphs=(
                "This strong ligament runs through the back of the knee. It can be "
                "hurt by a blow to the front of the bent knee, or in a fall.",
            ),
            sources=("cleveland_back_of_knee",),
        ),
        Section(
            heading="⚠️ Blood clot (deep vein thrombosis, DVT)",
            paragraphs=(
                "A clot in a deep vein, usually in one leg. Signs include throbbing "
                "or cramping pain in the calf or thigh, swelling, warm skin, red or "
                "darker skin, and swollen veins that are hard or sore to touch.",
                "It is more likely after a long journey, surgery or a long spell of "
                "not moving, and with pregnancy, the contraceptive pill, smoking or "
                "being overweight.",
                f"If this sounds like you, get seen today: {_URGENT_CARE}. If you are "
                f"short of breath or have chest pain, call {EMERGENCY_NUMBERS} now.",
            ),
            sources=("nhs_dvt", "nhs_pe"),
        ),
    ),
)

_STRETCH = Topic(
    key="stretch",
    command="stretch",
    title="Stretches, and what prevents injury",
    menu_label="🧘 Stretches",
    description="Calf, thigh and hamstring stretches",
    intro=(
        "Gentle stretches for your calves, the front of your thighs (quads) and the "
        "back of your thighs (hamstrings) ease tightness and keep the knee moving freely."
    ),
    gist=(
        "Stretches ease tight calves, thighs and hamstrings: hold each for 20–30 seconds, never "
        "into pain.",
        "To prevent injuries, strengthening your thigh, hip and calf muscles works much better "
        "than stretching.",
        "After a fresh strain, use /rice first; see /doctor if the pain doesn't settle.",
    ),
    related=("rice", "cramps"),
    sections=(
        Section(
            heading="Stretching is for comfort; strength prevents injury",
            paragraphs=(
                "In the largest review of the research, stretching on its own hardly "
                "lowered the risk of sports injuries, while strength training cut it by "
                "about two thirds and balance training by about half. So keep stretching "
                "because it feels good, and make your thigh, hip and calf muscles "
                "stronger to protect your knees. A physiotherapist can suggest exercises.",
            ),
            sources=("bjsm_lauersen",),
        ),
        Section(
            heading="Go gently",
            bullets=(
                "Hold each stretch for 20–30 seconds and keep breathing",
                "No bouncing: ease into the stretch and stay still",
                "You should feel a gentle pull, never pain. Stop if it hurts",
                "Stretch both legs",
            ),
            sources=("seed_article", "nhs_leg_cramps"),
        ),
        Section(
            heading="1. Calf stretch against a wall",
            paragraphs=(
                "Stand facing a wall with your hands on it. Step one foot back, keep "
                "that leg straight and its heel on the floor, then bend the front "
                "knee and lean towards the wall until you feel it in the back calf.",
            ),
            sources=("nhs_leg_cramps", "seed_article"),
        ),
        Section(
            heading="2. Standing thigh (quad) stretch",
            paragraphs=(
                "Hold a wall or chair for balance. Bend one knee and hold that ankle "
                "behind you, bringing your heel towards your bottom. Keep your knees "
                "together and stand tall; you should feel it at the front of the thigh.",
            ),
            sources=("seed_article",),
        ),
        Section(
            heading="3. Hamstring stretch",
            paragraphs=(
                "Sit near the edge of a chair with one leg straight out in front, "
                "heel on the floor and toes pointing up. Sit tall and lean forward "
                "slowly from your hips until you feel it behind the thigh and knee.",
            ),
            sources=("seed_article",),
        ),
        Section(
            heading="Other ways to look after your knees",
            bullets=(
                "Build up new exercise gradually: tired muscles and doing too much too "
                "soon can bring pain on",
                "After a fresh strain, see /rice first and stretch once it has settled",
                f"{SEE_GP_WHEN}; any warning sign: /doctor",
            ),
            sources=("seed_article", "nhs_sprains", "cleveland_back_of_knee"),
        ),
    ),
)

_RICE = Topic(
    key="rice",
    command="rice",
    title="First aid: RICE",
    menu_label="🧊 RICE first aid",
    description="RICE first aid and safe icing",
    intro=("For the first 2–3 days after a strain or knock, RICE can ease pain and swelling."),
    gist=(
        "For the first 2–3 days after a strain: Rest, Ice (wrapped, 15–20 minutes), Compression, "
        "Elevation.",
        "After that, gentle movement helps healing more than rest.",
        f"Not improving after about {SEE_GP_WEEKS} weeks, or any warning sign? Open /doctor.",
    ),
    related=("stretch", "causes"),
    sections=(
        Section(
            heading="RICE",
            bullets=(
                "Rest: take the weight off and avoid what makes it hurt more",
                "Ice: wrap ice or a bag of frozen peas in a tea towel. Never put ice "
                "directly on your skin. Hold it on for 15–20 minutes, every 2–3 hours",
                "Compression: an elastic bandage that is snug but not tight; loosen "
                "it if your toes tingle, go numb or change colour",
                "Elevation: rest the leg raised on a pillow as much as you can",
            ),
            sources=("seed_article", "nhs_sprains", "nhs_knee_pain"),
        ),
        Section(
            heading="After 2–3 days",
            paragraphs=(
                "Start moving gently. Light movement usually helps healing more than "
                "staying still, so build up as the pain allows.",
            ),
            sources=("nhs_sprains",),
        ),
        Section(
            heading="What sports physios now add: PEACE & LOVE",
            paragraphs=(
                "A 2019 paper in the British Journal of Sports Medicine suggested a "
                "fuller plan that looks beyond the first few days:",
            ),
            bullets=(
                "PEACE, straight after the injury: Protect the area for a few days, "
                "Elevate it, Avoid anti-inflammatories early on (the NHS says no ibuprofen "
                "for the first 48 hours, as some swelling is part of healing; ice wrapped in "
                "a towel is still fine for pain, used sparingly), Compress it, and Educate "
                "yourself about how healing works",
                "LOVE, after that: Load (return to normal activity as pain allows), "
                "Optimism, Vascularisation (pain-free exercise that gets your heart "
                "going, such as walking or cycling) and Exercise to rebuild strength",
            ),
            sources=("bjsm_peace_love",),
        ),
        Section(
            heading="Not getting better?",
            paragraphs=(
                f"If it isn't improving after about {SEE_GP_WEEKS} weeks, or you notice any "
                "warning signs, open /doctor.",
            ),
            sources=("nhs_knee_pain",),
        ),
    ),
)

_FACTS = Topic(
    key="facts",
    command="facts",
    title="Interesting facts",
    menu_label="💡 Facts",
    description="Interesting facts about pain behind the knee",
    intro="A few things worth knowing about the back of the knee.",
    gist=(
        "Pain behind the knee can have more than one cause at once.",
        "Strength work protects knees much more than stretching does.",
        "A suddenly swollen calf always needs checking: it can be a blood clot.",
    ),
    related=("causes", "rice"),
    sections=(
        Section(
            heading=None,
            bullets=(
                "Doctors call it posterior knee pain. The area is the crease between "
                "your hamstring and calf muscles that folds when you bend your leg.",
                "Pain here can have more than one cause at the same time, for "
                "example arthritis together with a Baker's cyst.",
                "Tired muscles, or doing more than usual, can be enough to bring the pain on.",
                "Stretching on its own does little to prevent sports injuries; "
                "strengthening the thigh, hip and calf muscles does much more.",
                "Small Baker's cysts often go unnoticed because they don't hurt.",
                "Despite its name, runner's knee usually hurts at the front, around the kneecap.",
                "A burst Baker's cyst and a blood clot in the leg can look alike, "
                "which is why a suddenly swollen calf always needs checking.",
                "Long journeys, surgery and long spells of sitting still make leg "
                "clots more likely.",
                "After an injury, the first aim is to stop it getting worse.",
                "Sports medicine has moved beyond RICE alone: PEACE & LOVE (2019) "
                "adds gentle loading, optimism and exercise. See /rice",
            ),
            sources=(
                "cleveland_back_of_knee",
                "seed_article",
                "nhs_bakers_cyst",
                "nhs_knee_pain",
                "nhs_dvt",
                "bjsm_peace_love",
                "bjsm_lauersen",
            ),
        ),
    ),
)

_DOCTOR = Topic(
    key="doctor",
    command="doctor",
    title="When to get help",
    menu_label="🚨 When to get help",
    description="Warning signs and when to see a doctor",
    intro="",
    related=("causes", "rice"),
    sections=(
        Section(
            heading=f"🚨 Call {EMERGENCY_NUMBERS} now",
            bullets=tuple(sign.text for sign in _EMERGENCY_GROUPS),
            sources=_sources_of(_EMERGENCY_GROUPS),
            shown=True,
        ),
        Section(
            heading="⚠️ Get seen today (urgent GP, NHS 111 or urgent care)",
            bullets=tuple(sign.text for sign in _SAME_DAY_GROUPS),
            sources=_sources_of(_SAME_DAY_GROUPS),
            shown=True,
        ),
        Section(
            heading="⚠️ Also get seen today",
            bullets=(
                "A child with a limp or knee pain and a fever, or who won't stand on the leg "
                "(in children, knee pain can come from the hip)",
                "On blood thinners: a swollen, painful knee after even a small knock",
                "A lump behind the knee that throbs with your heartbeat",
            ),
            sources=("nhs_irritable_hip", "nhs_anticoagulants", "cleveland_popliteal_aneurysm"),
        ),
        Section(
            heading="🩺 Book a GP or physiotherapist appointment if",
            bullets=(
                f"It isn't improving after about {SEE_GP_WEEKS} weeks of self-care",
                "It keeps coming back, or stops you doing everyday things",
                "You notice any new lump behind your knee, or one that keeps growing",
                "It worries you, whatever the timing: it is always fine to ask",
                "Tingling down the leg with long-standing back pain and no other warning sign",
                "Pain that wakes you at night, with weight loss you can't explain or a past "
                "cancer (this week)",
                "Calf pain when you walk that eases after a few minutes' rest (a circulation "
                "problem, more likely if you smoke)",
            ),
            sources=(
                "nhs_knee_pain",
                "nhs_bakers_cyst",
                "seed_article",
                "nhs_sciatica",
                "nhs_bone_cancer",
                "nhs_pad",
            ),
        ),
        Section(
            heading=None,
            paragraphs=(
                "Not sure? It is always fine to ask a pharmacist, GP or nurse. "
                "/quiz can help you decide what to do next.",
            ),
            sources=("nhs_knee_pain",),
        ),
    ),
)

TOPICS: tuple[Topic, ...] = (
    _CAUSES,
    _CRAMPS,
    _CYST,
    _RUNNERS,
    _OTHER,
    _STRETCH,
    _RICE,
    _FACTS,
    _DOCTOR,
)

TOPICS_BY_KEY: dict[str, Topic] = {topic.key: topic for topic in TOPICS}
