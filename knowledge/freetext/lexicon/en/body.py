"""English body parts, the words that describe them, and who they belong to.

Data only: regular-expression sources, compiled by the engine (`knowledge.freetext`)."""

from __future__ import annotations

from knowledge.freetext.lexicon.syntax import regex, words

PERSON = (
    r"(?:(?:my|the|his|her|your|their|our|me|ma|both|left|right|one|mums|moms|mams|dads|sons|"
    r"daughters|nans|grans|grannys|grandmas|grandads|wifes|husbands|partners|kids|babys|"
    r"childs|boyfriends|girlfriends|brothers|sisters|friends) ){0,2}"
)
"""Who the body part belongs to: the writer, or someone they write about ("my nan's calf")."""

# Body parts a descriptor can attach to.
PARTS: dict[str, str] = {
    "behind": words(
        rf"(?:backs?|bak|behind|rear|hollow|crook|pit|bend)(?: of)? {PERSON}knees?",
        r"knee ?pits?",
        r"popliteal",
        r"under ?side of " + PERSON + r"knees?",
    ),
    "knee": words(r"knees?", r"knee ?caps?", r"patella", r"joint"),
    "calf": words(
        r"calf",
        r"calves",
        r"calve",
        r"lower legs?",
        r"(?:from|below) (?:the |my |his |her |their )?knees?(?: down)?",
        r"shins?",
        rf"back of {PERSON}(?:lower )?legs?",
        r"ankles?",
        r"achilles",
        r"gastroc\w*",
    ),
    "leg": words(r"legs?", r"thighs?", r"hamstrings?", r"hamm(?:y|ies)", r"limb"),
    "foot": words(r"foot", r"foots", r"feet", r"toes?", r"soles?", r"heels?"),
    "lump": words(r"lumps?", r"bumps?", r"cysts?", r"bulges?", r"bulging", r"mass", r"ball"),
}
PART_PRIORITY = ("behind", "lump", "calf", "foot", "knee", "leg")

# Descriptors that say something about the nearest body part.
DESCRIPTORS: dict[str, str] = {
    "swell": words(
        r"swell\w*",
        r"swollen",
        r"swole",
        r"puff(?:y|ier|iest|iness)",
        r"puff(?:ed|s|ing) up",
        r"bloated",
        r"balloon\w*",
        r"fat",
        r"fatter",
        r"thicker",
        r"enlarged",
        r"oedema",
        r"edema",
        r"fluid",
        r"blown up",
        r"blew up",
        r"twice the size",
        r"double the size",
        r"(?:bigger|larger|wider|chunkier|puffier) than (?:the |my )?(?:other|left|right)",
        r"(?:bigger|larger|fatter) than (?:yesterday|before|normal|usual|it was)",
        r"shiny",
    ),
    "hot": words(r"hot", r"warm", r"warmer", r"warmth", r"burning hot", r"boiling"),
    "red": words(
        r"red",
        r"redness",
        r"reddish",
        r"redder",
        r"darker",
        r"purpl\w*",
        r"discolou?r\w*",
        r"blotchy",
        r"flushed",
        r"inflamed",
    ),
    "cold": words(
        r"cold",
        r"colder",
        r"cooler",
        r"cool to (?:the )?touch",
        r"icy",
        r"ice cold",
        r"stone cold",
        r"like ice",
        r"freezing",
        r"chilly",
        r"frozen",
    ),
    "pale": words(
        r"pale",
        r"white",
        r"blue",
        r"bluish",
        r"grey",
        r"gray",
        r"mottled",
        r"marbl\w*",
        r"waxy",
        r"bluey",
        r"blueish",
        r"dusky",
        r"colou?rless",
        r"lost (?:its |all )?colou?r",
        r"no (?:colou?r|pulse)",
        r"pulseless",
        r"cannot feel (?:a |the |my )?pulse",
    ),
    "numb": words(
        r"numb\w*",
        r"pins and needles",
        r"pins needles",
        r"tingl\w*",
        r"no feeling",
        r"lost (?:the )?(?:feeling|sensation)",
        r"went dead",
        r"feel(?:s|ing)? (?:\w+ ){0,2}dead",
        r"(?:gone|went|fallen|falls?|fell) (?:to )?(?:sleep|asleep)",
        r"asleep",
        r"static",
        r"(?:cannot|could not) (?:really |properly |quite )?feel"
        r"(?! (?:a |any |the )?(?:lump|bump|swelling|difference|anything wrong))",
        r"belongs? to someone else",
        r"gone dead",
        r"dead leg",
        r"fallen asleep",
        r"went to sleep",
    ),
    "weak": words(
        r"weak\w*",
        r"flop\w*",
        r"foot drop",
        r"dragging",
        r"drags",
        r"scrap\w* (?:the |along the )?(?:floor|ground)",
    ),
    "pain": words(
        r"pain\w*",
        r"hurt\w*",
        r"ache\w*",
        r"aching",
        r"achy",
        r"sore\w*",
        r"tender\w*",
        r"throb\w*",
        r"twinge\w*",
        r"stabbing",
        r"sharp",
        r"burn\w*",
        r"agon\w*",
        r"killing (?:me|her|him|them)",
        r"hates me",
        r"(?:playing|acting) up",
        r"giving (?:me |her |him )?(?:grief|gyp|jip|hell)",
        r"murder\w*",
        r"discomfort",
        r"niggl\w*",
        r"twang\w*",
        r"pulled",
        r"pulling",
        r"strain\w*",
        r"sprain\w*",
        r"tight\w*",
        r"stiff\w*",
        r"cramp\w*",
        r"ouch",
        r"ow+",
    ),
}
PERSISTENT = words(
    r"throb\w*",
    r"puls\w*",
    r"pounding",
    r"constant\w*",
    r"persistent",
    r"all the time",
    r"non ?stop",
    r"will not (?:go away|stop|ease)",
    r"does not (?:go away|stop|ease)",
    r"(?:will|does) not (?:shift|budge)",
    r"(?:will|does) not settle",
    r"not settling",
    r"not going away",
    r"is not going away",
    r"has not gone",
    r"keeps hurting",
    r"still (?:hurts|hurting|sore|aching)",
    r"in one leg",
    r"only (?:in )?(?:the |my )?(?:left|right|one)",
)
VERY = regex(
    r"\b(?:very|really|so|super|massively|massive|huge|hugely|extremely|badly|enormous(?:ly)?|"
    r"incredibly|crazy|insanely|seriously|hella|mega)(?: \w+)? (?:swollen|swelled|swell\w*)\b|"
    r"\b(?:balloon\w*(?<!water balloon)|twice the size|double the size|"
    r"size of a (?:grapefruit|melon|football)|"
    r"huge swelling|massive swelling|lots of swelling|a lot of swelling|blown up|blew up|"
    r"swell\w*(?: up)? like (?:crazy|mad|a balloon)|(?:is|are|looks|gone|went) (?:so |really )?"
    r"(?:huge|massive|enormous)|"
    r"(?:its|it is|thats|that is) (?:so |really )?(?:huge|massive|enormous)|"
    r"(?:like|size of) (?:a |an )?(?:balloon|melon|football|grapefruit|cantaloupe|orange|"
    r"watermelon|tree trunk|elephant\w*|sausage|rugby ball|tennis ball)|"
    r"(?:twice|double|three times) as (?:big|fat|thick|wide|large)|more big|"
    r"(?:very|so|really|super) (?:very )?big|"
    r"(?:much|way|loads|a lot|heaps|twice|"
    r"double) (?:fatter|bigger|thicker|wider|larger) than)\b"
)

# Between a descriptor and the part it describes: "swelling in my calf", "swollen calf".
LEADS_TO_PART = regex(
    r" ?(?:(?:in|on|of|at|behind|around|down|up|to|into|across|over|all over) )?"
    r"(?:(?:my|the|his|her|both|left|right|lower|upper|whole|entire) ){0,2}"
)
