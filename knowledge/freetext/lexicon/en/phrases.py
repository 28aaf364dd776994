"""English phrases for each finding, with the lay words people use, and the hints.

Each entry: (finding id, pattern, event). An event (an injury, a flight) is true even when told
in the past tense. A hint only suggests a warning sign and is always read as unsure.

Data only: regular-expression sources, compiled by the engine (`knowledge.freetext`)."""

from __future__ import annotations

from knowledge.freetext.lexicon.en.body import PERSON
from knowledge.freetext.lexicon.syntax import GAP, regex, words

# Findings read straight from a phrase. Events are true even when told in the past tense.
PHRASES: tuple[tuple[str, str, bool], ...] = (
    (
        "breathless",
        words(
            r"short(?:ness)? of breath\w*",
            r"out of breath",
            r"breathless\w*",
            r"(?:cannot|could not|struggl\w* to|hard to|difficult to|unable to|trouble|"
            r"difficulty|problems?|struggling|fighting|gasping)(?: to)? "
            r"(?:catch (?:my |his |her |their )?|get (?:my |his |her |their |enough )?|"
            r"take a (?:deep |full |proper )?|"
            r"for )?(?:breath\w*|air)",
            r"catch(?:ing)? (?:my |his |her |their )?breath",
            r"(?:cannot|could not|can barely|can hardly) get (?:my |his |her |their )?breath",
            r"out of puff",
            r"huff\w* and puff\w*",
            r"puff(?:ed|ing)(?! up)(?: out)?(?: \w+){0,3} "
            r"(?:stairs|walking|climbing|going up|like|after|"
            r"when|just)",
            r"panting",
            r"breathing (?:is |feels )?(?:like )?(?:hard work|a struggle|an effort|a chore)",
            r"(?:struggl\w*|fighting) for (?:breath|air)",
            r"breathing (?:is |feels )?(?:hard|difficult|fast|heavy|weird|funny|laboured|labored)",
            r"gasping",
            r"winded",
            r"puffed out",
            r"not getting enough air",
            r"air hunger",
        ),
        False,
    ),
    (
        "chest_pain",
        words(
            r"chest(?: \w+){0,3} (?:pains?|hurt\w*|ache\w*|aching|tight\w*|pressure|sore|heavy|"
            r"heaviness|burn\w*|sharp|stabbing|squeez\w*)",
            r"(?:pains?|hurts?|hurting|aches?|tightness|pressure|tight|sore|stabbing|sharp|"
            r"squeezing)(?: \w+){0,3} (?:in|on|across|around|through|of|at) "
            r"(?:my |the |his |her )?chest",
            r"chest pains?",
            r"(?:tight|heavy|sore|painful|crushing) chest",
            r"(?:hurts|painful|pain|sharp|stabbing)(?: \w+){0,2} (?:to|when i|when|if i|as i) "
            r"(?:breathe?|breathing|inhale|breath in|take a (?:deep )?breath)",
            r"pleuritic",
        ),
        False,
    ),
    (
        "coughing_blood",
        words(
            r"cough\w*(?: \w+){0,8} (?:blood\w*|red|pink\w*|rust\w*|streak\w*)",
            r"(?:blood|bloody|pink\w*|rust\w*)(?: \w+){0,2} (?:cough\w*|phlegm|spit|sputum|mucus|"
            r"snot|streaks?)",
            r"spit\w* (?:up |out )?blood",
            r"ha?emoptysis",
        ),
        False,
    ),
    (
        "cant_bear_weight",
        words(
            r"(?:cannot|could not|unable to|not able to|impossible to|will not|would not|does not)"
            r"(?: \w+){0,2} (?:put|bear|take|stand|hold|carry)(?: \w+){0,3} weight",
            r"(?:cannot|could not|will not) (?:even )?put (?:\w+ )?(?:foot|leg) "
            r"(?:down|on the floor)",
            r"(?:cannot|could not|unable to|not able to) (?:even )?(?:walk|stand|step)"
            r"(?! (?:far|long|for long|as far|as much|more than|very|fast|properly|right|up|down|"
            r"without|much|normally|the same))",
            r"non weight bearing",
            r"(?:refus\w* to|will not|would not|does not want to|too scared to) (?:even )?"
            r"(?:put (?:any )?weight|stand|walk|step|bear weight)"
            r"(?= on (?:it|that|the|her|his|their|my)|[.,!?;:\n]|$| at all| anymore)",
            r"weight bearing is impossible",
            r"(?:collapses?|gives way|gave way) (?:every time|when|as soon as) i "
            r"(?:stand|step|walk)",
        ),
        False,
    ),
    (
        "severe_pain",
        words(
            r"severe\w*",
            r"excruciating",
            r"unbearable",
            r"agony",
            r"agonis\w*",
            r"agoniz\w*",
            r"worst pain",
            r"(?:9|10) out of 10",
            r"(?:screaming|crying|scream|cry|tears) (?:in|with|from) (?:the )?pain",
            r"cannot use (?:my |the )?leg",
            r"intense pain",
            r"through the roof",
            r"off the (?:charts?|scale)",
            r"worst (?:\w+ )?(?:ever|of my life)",
            r"crippling",
        ),
        False,
    ),
    (
        "knee_locked",
        words(
            r"locked(?! out| in\b)(?: up)?",
            r"stuck(?! (?:at|on|with|inside|home|indoors|here|to|in (?:the |my |a )?"
            r"(?:house|bed|traffic|work|office|car|queue|line)))",
            r"(?:cannot|could not|will not|unable to|not able to|does not|not)(?: \w+){0,3} "
            r"(?:straighten|straight)",
            r"will not (?:fully )?(?:bend|unlock|move)",
            r"jammed",
        ),
        False,
    ),
    (
        "pop_then_swelling",
        regex(
            r"\b(?:pop|popped|popping|snap|snapped|crack|cracked|tore|ripped)\b"
            r"[\w ,]{0,80}?\b(?:swell\w*|swollen|balloon\w*|puffed|puffing|puffy|blew up|"
            r"blown up)\b"
        ),
        True,
    ),
    (
        "knee_deformed",
        words(
            r"misshapen",
            r"deform\w*",
            r"out of place",
            r"(?:wrong|odd|weird|funny|strange) shape",
            r"looks (?:wrong|bent|twisted|crooked)",
            r"dislocat\w*",
            r"popped out",
            r"sideways",
            r"(?:bent|bends) the wrong way",
            r"out of (?:its |the )?socket",
            r"(?:facing|pointing|bent|twisted) (?:the )?wrong way",
            r"(?:at|in) a (?:weird|funny|strange|wrong|odd) angle",
            r"(?:wonky|crooked|lopsided)",
            r"dent(?:ed)?",
            r"(?:off|out) to the side",
            r"looks? (?:proper |totally |really |so |all |just )?wrong",
        ),
        False,
    ),
    (
        "fever_unwell",
        words(
            r"fever\w*",
            r"temperature",
            r"high temp",
            r"a temp",
            r"(?:hot|shiver\w*|shaky) (?:and|then) (?:cold|freezing|shiver\w*)",
            r"shiver\w*",
            r"chills",
            r"rigou?rs",
            r"sweats",
            r"night sweats",
            r"flu ?like",
            r"feel(?:ing|s)? (?:really |very |so |quite |absolutely |totally )?"
            r"(?:ill|unwell|sick|rough|awful|like death|rubbish|terrible|dreadful|horrible|"
            r"like crap|crap|grim)",
            r"(?:very|really|so) (?:ill|unwell|poorly)",
            r"not (?:her|him|my|them|your)sel(?:f|ves)",
            r"muddled",
            r"confused",
            r"delirious",
            r"3[89](?:_\d)? ?(?:c|degrees|deg)",
            r"10[0-4](?:_\d)? ?(?:f|degrees|deg)",
        ),
        False,
    ),
    (
        "veins_hard_sore",
        words(
            r"veins?(?: \w+){0,8} (?:hard|sore|tender|painful|lumpy|bulg\w*|swollen|red|firm|"
            r"hurt\w*|cord\w*|rop\w*|string\w*)",
            r"(?:hard|sore|tender|painful|lumpy|bulging|swollen|firm|ropey|ropy) (?:\w+ )?veins?",
            r"(?:thrombo)?phlebitis",
            r"(?:hard|firm|tight) (?:\w+ )?like (?:a )?(?:bit of )?(?:string|cord|rope|wire)",
            r"cord ?like",
        ),
        False,
    ),
    (
        "leg_numb_weak",
        words(
            r"cannot (?:move|lift|wiggle) (?:up )?(?:the front of )?(?:my |the |his |her )?"
            r"(?:foot|toes?|leg|ankle)",
            r"foot drop",
            r"paraly\w*",
        ),
        False,
    ),
    (
        "leg_tingling",
        words(r"cannot feel (?:my |the |his |her )?(?:foot|feet|toes?|leg|ankle)"),
        False,
    ),
    (
        "serious_injury",
        words(
            r"bone (?:is )?(?:showing|sticking out|poking out|through)",
            r"(?:open|compound) fracture",
            r"(?:leg|knee|shin) (?:looks|is|looked) (?:\w+ )?(?:broken|snapped|shattered)",
            r"(?:broke|broken|snapped|shattered) (?:my |his |her |their |the )?(?:leg|shin|tibia)",
            r"(?:cannot|could not) move (?:my |his |her |their |the )?leg(?: at all)?",
        ),
        False,
    ),
    (
        "pain_under_cast",
        words(
            r"(?:cast|plaster|bandage|splint|brace)(?: \w+){0,6} (?:too tight|tighter|agony|"
            r"unbearable|killing|worse and worse|getting worse|worsening)",
            r"(?:pain|agony|throbbing|hurts?|hurting)(?: \w+){0,6} (?:under|in|inside) "
            r"(?:the |my |his |her )?(?:cast|plaster|bandage|splint)",
        ),
        False,
    ),
    (
        "cauda_equina",
        words(
            r"numb\w* (?:around|in|down|on) (?:my |the |his |her )?(?:bum|bottom|groin|"
            r"genitals|privates|saddle|backside|inner thighs)",
            r"saddle (?:numbness|anaesthesia|anesthesia)",
            r"(?:cannot|could not|trouble|problems?|difficulty|struggling|struggle) "
            r"(?:to )?(?:pee|wee|urinate|passing urine|pass urine)",
            r"(?:wet|wetting|peed|pooed) (?:myself|the bed)",
            r"(?:lost|losing|no) control of (?:my |his |her )?(?:bladder|bowels?)",
            r"incontinen\w*",
        ),
        False,
    ),
    # ---- not warning signs ----
    (
        "lump_behind",
        words(
            r"bakers cyst",
            r"popliteal cyst",
            r"cyst (?:behind|at the back)",
            r"lump",
            r"water balloon",
            r"bubble",
            r"squishy",
            r"golf ball",
        ),
        False,
    ),
    (
        "lump_growing_or_pulsing",
        regex(
            r"\b(?:lumps?|bumps?|cysts?|bulges?|swelling|mass)\b[\w ]{0,60}?\b(?:grow\w*|getting "
            r"(?:bigger|larger)|bigger|larger|puls\w*|throb\w*|beat\w*|heartbeat|heart beat|"
            r"pulse)\b|\b(?:pulsing|pulsating|throbbing|growing) (?:lump|bump|swelling|mass)\b"
        ),
        False,
    ),
    (
        "cramps_come_go",
        words(
            r"cramp\w*",
            r"charl(?:ey|ie) horses?",
            r"spasm\w*",
            r"seiz\w* up",
            r"knot(?:ted)? up",
            r"in (?:a |one )?(?:knot|ball)",
            r"knotted",
            r"muscle knots?",
        ),
        False,
    ),
    (
        "clicks_catches",
        words(
            r"click\w*",
            r"catch(?:es|ing)?(?! (?:my |his |her |a |the )?breath)",
            r"crunch\w*",
            r"crack(?:ing|les|ling|s)?",
            r"grind\w*",
            r"grating",
            r"creak\w*",
            r"pop(?:s|ping)(?: \w+)? (?:noise|sound)s?",
            r"clunk\w*",
            r"(?:something|sth) (?:is )?(?:caught|stuck) in",
            r"locking",
            r"locks",
            r"keeps locking",
        ),
        False,
    ),
    (
        "gives_way",
        words(
            r"gives? (?:way|out)",
            r"gave (?:way|out)",
            r"given (?:way|out)",
            r"giving (?:way|out)",
            r"buckl\w*",
            r"collaps\w*",
            r"unstable",
            r"instability",
            r"wobbly",
            r"goes from under me",
            r"fold\w* under",
        ),
        False,
    ),
    ("stiff_after_rest", words(r"stiff\w*"), False),
    (
        "active_runner",
        words(
            r"i (?:run|jog)",
            r"running",
            r"runner",
            r"jogg\w*",
            r"marathons?",
            r"park ?run",
            r"\d+ ?k",
            r"football",
            r"soccer",
            r"rugby",
            r"basketball",
            r"netball",
            r"tennis",
            r"squash",
            r"badminton",
            r"hockey",
            r"sports?",
            r"gym",
            r"crossfit",
            r"training",
            r"cycling",
            r"hiking",
            r"skiing",
            r"dancing",
            r"climbing",
            r"volleyball",
            r"athlete",
            r"leg day",
            r"(?:5|five) a side",
            r"sunday league",
            r"deadlifts?",
            r"lifting",
            r"weights",
            r"pilates",
            r"spin class",
            r"hiit",
            r"boxing",
            r"martial arts",
            r"rowing",
            r"swimming",
        ),
        True,
    ),
    (
        "onset_overuse",
        words(
            r"after (?:a |my |the |long |\w+ ){0,3}(?:run|runs|running|jog|hike|hiking|walk|"
            r"game|match|training|session|workout|gym|leg day|football|marathon|race|ride|cycle|"
            r"shift|practice|netball|5 a side|five a side|league|deadlifts?|squats|lifting|weights|"
            r"class|\d+ ?k)",
            r"(?:more|further|longer|harder) than (?:usual|normal|before)",
            r"increased (?:my )?(?:mileage|training|distance)",
            r"new (?:training|running|exercise|workout)",
            r"overd(?:id|one|oing) it",
            r"over did it",
            r"overuse\w*",
            r"too much (?:running|exercise|walking|training)",
            r"started running",
            r"couch to 5k",
        ),
        True,
    ),
    (
        "onset_injury",
        words(
            r"fell",
            r"fall(?:en)?",
            r"tripped",
            r"slipped",
            r"twist\w*",
            r"tackle\w*",
            r"kicked",
            r"knocked",
            r"banged",
            r"bashed",
            r"smacked",
            r"whacked",
            r"bumped",
            r"hit (?:it|my)",
            r"landed (?:awkward\w*|badly|wrong)",
            r"injur\w*",
            r"sprain\w*",
            r"tore",
            r"torn",
            r"accident",
            r"crash\w*",
            r"went over on",
            r"pulled (?:my |a |the )?(?:hamstring|hammy|muscle|calf|groin)",
            r"strained",
            r"tweak\w*",
            r"hyperextend\w*",
            r"jarred",
        ),
        True,
    ),
    (
        "onset_gradual",
        words(
            r"gradual\w*",
            r"slowly",
            r"crept up",
            r"creeping",
            r"for no (?:apparent |obvious |real )?reason",
            r"no (?:injury|idea why)",
            r"out of nowhere",
            r"from nowhere",
            r"nothing happened",
            r"came on by itself",
            r"(?:did not|have not|never) (?:do|did|done) anything",
        ),
        True,
    ),
    (
        "onset_after_sitting",
        words(
            r"after (?:sitting|sat)",
            r"sitting (?:for )?(?:a )?long",
            r"(?:long|prolonged) (?:periods of )?sitting",
            r"when i (?:stand|get) up after",
            r"(?:desk|office) all day",
            r"sitting at (?:my |a )?desk",
            r"after (?:a )?(?:movie|film|long meeting)",
            r"(?:sat|sitting|driving|drove)(?: \w+){0,4} for (?:ages|hours|a long time|\d+ hours?)",
            r"(?:\d+|few|couple of|long) hours? (?:of )?(?:driving|sitting|at a desk)",
            r"long (?:drives?|car journeys?)",
        ),
        True,
    ),
    (
        "recurring",
        words(
            r"keeps? (?:coming|happening|flaring|returning|getting)",
            r"comes? and goes?",
            r"on and off",
            r"off and on",
            r"every (?:now and then|so often|few (?:days|weeks|months)|night|morning|day)",
            r"again and again",
            r"recurr\w*",
            r"flares? up",
            r"comes? back(?! if| to| in| and| for)",
            r"came back",
            r"keeps coming back",
            r"happens? (?:a lot|often|regularly)",
            r"always",
            r"again",
        ),
        True,
    ),
    (
        "night_pain",
        words(
            r"at night",
            r"in the night",
            r"night ?time",
            r"overnight",
            r"wakes? me",
            r"waking me",
            r"woke me",
            r"keeps me (?:up|awake)",
            r"cannot sleep",
            r"in bed",
            r"nights",
            r"while (?:i )?sleep\w*",
        ),
        True,
    ),
    (
        "worse_stairs_squat",
        words(
            r"stairs?",
            r"steps",
            r"squat\w*(?! rack| bar)",
            r"kneel\w*",
            r"crouch\w*",
            r"going (?:up|down)(?: hill)?",
            r"downhill",
            r"uphill",
        ),
        True,
    ),
    (
        "pain_bending_pushing",
        words(r"bend\w*", r"push(?:ing)? off", r"jump\w*", r"sprint\w*", r"lunges?"),
        True,
    ),
    (
        "back_pain_sciatica",
        words(
            r"sciatic\w*",
            r"(?:lower |low )?back (?:pain|problems?|issues?|hurts|aches?)",
            r"(?:bad|sore|dodgy|slipped|bulging|herniated|prolapsed) (?:lower |low )?"
            r"(?:back|disc|disk)",
            r"(?:shoots|shooting|radiates|radiating|runs|running|goes|going) down (?:my |the |from "
            r"(?:my |the )?)?(?:back|bum|buttock|hip|leg)",
            r"from (?:my |the )?(?:lower )?back (?:down|into)",
        ),
        True,
    ),
    (
        "older_or_diabetes_ra_joint",
        words(
            r"diabet\w*",
            r"type (?:1|2|one|two)",
            r"rheumatoid",
            r"(?:knee|joint|hip) replacement",
            r"replaced knee",
            r"new knee",
            r"(?:i am|age|aged) (?:6[5-9]|[7-9]\d)",
            r"(?:6[5-9]|[7-9]\d) ?(?:years old|yo|yrs old|year old)",
            r"elderly",
            r"pensioner",
        ),
        True,
    ),
    (
        "where_front",
        words(
            rf"front of {PERSON}knees?",
            r"kneecaps?",
            r"knee caps?",
            r"patella\w*",
            r"anterior knee",
            r"(?:at|in|across) the front",
        ),
        True,
    ),
    (
        "where_side",
        words(
            rf"(?:inner|outer|inside|outside|side of|sides of){GAP} knees?",
            r"(?:inner|outer|inside|outside|medial|lateral) (?:side|part|edge)",
            r"it band",
            r"itb",
            r"iliotibial",
        ),
        True,
    ),
    (
        "where_whole",
        words(
            r"(?:whole|entire) knee",
            rf"all (?:around|over|of) {PERSON}knee",
            r"knee all over",
        ),
        True,
    ),
    # ---- clot risk factors: history, so the past tense is fine ----
    (
        "recent_surgery",
        words(
            r"surgery",
            r"surgeries",
            r"surgeon",
            r"operation",
            r"op",
            r"operated",
            r"arthroscop\w*",
            r"keyhole",
            r"(?:knee|hip) replacement",
            r"(?:knee|hip) (?:was |were )?replaced",
            r"(?:had|got) (?:my |his |her |their )?\w+ (?:out|removed|taken out)",
            r"acl (?:repair|reconstruction)",
            r"c ?section",
            r"caesarean",
            r"cesarean",
            r"post ?op\w*",
            r"discharged from hospital",
        ),
        True,
    ),
    (
        "long_travel_or_immobile",
        words(
            r"flights?",
            r"flew",
            r"flying",
            r"plane",
            r"airplane",
            r"aeroplane",
            r"long haul",
            r"long drive",
            r"drove for",
            r"road ?trip",
            r"(?:coach|bus|train|car) (?:ride|journey|trip)",
            r"travell?ed",
            r"travell?ing",
            r"journey",
            r"bed ?rest",
            r"bed ?bound",
            r"bed ?ridden",
            r"laid up",
            r"in bed for",
            r"(?:in a |a )?(?:cast|plaster|splint|moon boot|knee brace|leg brace)",
            r"immobil\w*",
            r"hospital stay",
            r"(?:stayed|was|been) in hospital",
            r"sitting for (?:hours|days)",
        ),
        True,
    ),
    (
        "pregnant_or_postpartum",
        words(
            r"pregnan\w*",
            r"expecting (?:a baby|twins)",
            r"\d+ weeks (?:along|pregnant)",
            r"(?:gave|given) birth",
            r"had (?:a|my|the|our) (?:baby|twins|son|daughter|little one)",
            r"new ?born",
            r"post ?partum",
            r"post ?natal",
            r"c ?section",
            r"caesarean",
            r"cesarean",
            r"maternity",
            r"trimester",
            r"baby bump",
        ),
        True,
    ),
    (
        "blood_thinners",
        words(
            r"blood thinners?",
            r"anti ?coagulants?",
            r"warfarin",
            r"apixaban",
            r"rivaroxaban",
            r"edoxaban",
            r"dabigatran",
            r"eliquis",
            r"xarelto",
            r"coumadin",
        ),
        True,
    ),
    (
        "weight_loss",
        words(
            r"(?:lost|losing|dropped|dropping) (?:a lot of |loads of |so much |some )?weight",
            r"weight loss",
            r"(?:lost|dropped) (?:\d+|a|two|three) ?(?:kg|kilos?|pounds|lbs?|stone)",
        ),
        True,
    ),
    (
        "child",
        words(
            r"my (?:son|daughter|boy|girl|kid|child|lad|little one|toddler|teenager|teen)",
            r"(?:[2-9]|1[0-6]) ?(?:yo|yr old|year old|years old|yrs old)",
        ),
        True,
    ),
    (
        "calf_claudication",
        words(
            r"(?:hurts?|pain|cramp\w*|aches?|aching)(?: \w+){0,6} walk\w*(?: \w+){0,8} "
            r"(?:eases?|goes|better|stops|settles|fine)(?: \w+){0,4} (?:rest\w*|stop\w*|"
            r"stand\w* still|sit\w* down)",
        ),
        False,
    ),
    (
        "smoker",
        words(
            r"i smoke",
            r"(?:a |heavy |chain )?smoker",
            r"smoking",
            r"smoke (?:\d+|a pack|a packet|cigarettes|cigs|fags)",
            r"cigarettes",
            r"cigs",
            r"fags",
        ),
        True,
    ),
    (
        "overweight",
        words(
            r"(?:very |quite |a bit |really )?overweight",
            r"obes\w*",
            r"bmi (?:of |is )?(?:3\d|4\d)",
            r"(?:big|heavy|large) (?:guy|man|woman|lady|person)",
        ),
        True,
    ),
    (
        "hormones",
        words(
            r"(?:the|birth control|contraceptive|combined|combi) pill",
            r"birth control",
            r"contracepti\w*",
            r"hrt",
            r"hormone (?:replacement|therapy)",
            r"o?estrogen",
            r"microgynon",
            r"yasmin",
            r"rigevidon",
        ),
        True,
    ),
    (
        "previous_clot",
        words(
            r"(?:had|have had|history of|previous|prior|past|old|last|family history of)"
            r"(?: \w+){0,3} (?:dvt|clots?|blood clots?|thrombosis|embolism)",
            r"(?:dvt|clots?|embolism)(?: \w+){0,3} (?:before|in the past|years ago|last year|"
            r"previously)",
            r"on (?:blood thinners|warfarin|apixaban|rivaroxaban|xarelto|eliquis|anticoagulants)",
        ),
        True,
    ),
    (
        "cancer",
        words(
            r"cancer",
            r"chemo\w*",
            r"tumou?rs?",
            r"radiotherapy",
            r"radiation therapy",
            r"oncolog\w*",
            r"leuka?emia",
            r"lymphoma",
            r"myeloma",
            r"metasta\w*",
        ),
        True,
    ),
)

# Phrases that are not findings but change what the bot should do.
CLOT_WORRY = words(r"dvt", r"blood clots?", r"clots?", r"thrombosis", r"deep vein")
LUNG_WORRY = words(r"pulmonary embolism", r"embolism", r"clot (?:in|on) (?:my |the )?lungs?")
CARE = regex(
    r"\b(?:ae|accident and emergency|emergency room|emergency department|urgent care|"
    r"ambulance|999|911|112|casualty)\b"
)
ER = regex(r"ER(?<=\bER)\b")  # written so that the engine can look for "ER" fast


# Phrases that only hint at a warning sign: always read as unsure.
HINTS: tuple[tuple[str, str], ...] = (
    (
        "cant_bear_weight",
        words(
            r"(?:barely|hardly|can only|struggl\w* to|hard to|difficult to) (?:walk|stand|limp)",
            r"limping (?:badly|a lot)",
            r"hopping (?:about|around)",
            r"(?:cannot|could not|unable to|not able to) (?:even )?(?:walk|stand)"
            r" (?:far|long|for long|as far|as much|more than|very|fast|properly|right|up|down|"
            r"without|much|normally|the same)",
        ),
    ),
    ("calf_pain_one_leg", CLOT_WORRY),
    ("breathless", LUNG_WORRY),
)
