"""English misspellings, text-speak and shorthand, rewritten before anything is read.

Data only: regular-expression sources, compiled by the engine (`knowledge.freetext`)."""

from __future__ import annotations

# (needles, pattern, replacement): the pattern runs only when one of the needles is in the text.
BEFORE_PUNCT: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("w/",), r"\bw/o\b", " without "),
    (("w/",), r"\bw/", " with "),
    (("&", " and e", " n e"), r"\ba\s*(?:&|and|n)\s*e\b", " ae "),
    # "can(?<=\bcan)" is "\bcan", written so that the regex engine can look for "can" fast
    (("can",), r"can(?<=\bcan)\s+not\b", "cannot"),
    (("sob", "s.o.b"), r"s(?<=\bs)\.?o\.?b\b", " short of breath "),
    (("/",), r"(\d)\s*/\s*10\b", r"\1 out of 10"),
    (tuple("0123456789"), r"(\d)[.,](\d)", r"\1_\2"),  # 38.5 stays one word: dots split
    # a trip under about 4 hours is not a clot risk (NHS DVT): it becomes a "short trip"
    (
        ("flight", "drive", "trip", "journey", "ride"),
        r"\b(?:(?:[1-3]|one|two|three|an?|half an?)(?: and a half)? ?(?:hour|hr)s?(?: long)?|"
        r"short|quick) (?:flight|drive|trip|journey|train ride|car ride|bus ride)s?\b",
        " short trip ",
    ),
    (("..",), r"\.{2,}(?= *(?:because|bc|cos|coz)\b)", ", "),  # "white... because": one thought
    (("..",), r"\.{2,}", ". "),
    (("🤒", "🤧"), r"[🤒🤧]", " fever "),
    (("🥶",), r"[🥶]", " cold "),
)

# Misspellings and text-speak people actually type -> the word the patterns know.
SPELLING: dict[str, str] = {
    # body parts
    "claf": "calf", "cafl": "calf", "caf": "calf", "clf": "calf", "calfe": "calf",
    "calfs": "calves", "kalf": "calf",
    "kne": "knee", "knie": "knee", "kee": "knee", "kneee": "knee", "knnee": "knee",
    "knne": "knee", "kneww": "knee", "knees": "knees", "kness": "knees", "nee": "knee",
    "kneecaps": "kneecap", "kneacap": "kneecap", "kneecape": "kneecap",
    "thight": "thigh", "ankel": "ankle", "anckle": "ankle",
    "hamstrin": "hamstring", "hammie": "hammy", "legg": "leg",
    "fot": "foot", "fooot": "foot",
    # swelling and colour
    "swolen": "swollen", "swolled": "swollen", "swollon": "swollen", "sollen": "swollen",
    "swolln": "swollen", "swallen": "swollen", "swoll": "swollen", "swolenn": "swollen",
    "swollan": "swollen", "swelled": "swelled", "sweling": "swelling",
    "swellin": "swelling", "swelin": "swelling", "swellling": "swelling",
    "sweeling": "swelling", "swolllen": "swollen", "swoolen": "swollen",
    "puffey": "puffy", "redd": "red", "redish": "reddish", "pail": "pale",
    "wite": "white", "whit": "white", "numbe": "numb", "numm": "numb", "num": "numb",
    "numbb": "numb", "tingeling": "tingling", "tinglin": "tingling", "tinglng": "tingling",
    "tingly": "tingling",
    # pain
    "pian": "pain", "pane": "pain", "painn": "pain", "hurst": "hurts", "hutrs": "hurts",
    "hurtz": "hurts", "hrts": "hurts", "hurtin": "hurting", "hurtss": "hurts",
    "achey": "achy", "akes": "aches", "acheing": "aching", "throbing": "throbbing",
    "throbin": "throbbing", "cramo": "cramp", "crmp": "cramp", "cramps": "cramps",
    "krampf": "cramp", "crampin": "cramping", "agonising": "agonising",
    "excrutiating": "excruciating", "excruciatin": "excruciating",
    "unbearible": "unbearable", "severly": "severely", "sever": "severe",
    # breathing, chest, blood
    "brething": "breathing", "breating": "breathing", "breathin": "breathing",
    "breahting": "breathing", "breth": "breath", "breathe": "breathe",
    "brethe": "breathe", "breathles": "breathless", "chesst": "chest", "chset": "chest",
    "blod": "blood", "bloood": "blood", "coughin": "coughing", "cofing": "coughing",
    "coughig": "coughing", "cauching": "coughing", "caughing": "coughing",
    "coff": "cough", "couging": "coughing",
    # fever
    "feaver": "fever", "fevor": "fever", "fevar": "fever", "feever": "fever",
    "temprature": "temperature", "tempreture": "temperature", "temperture": "temperature",
    "tempature": "temperature", "shivvery": "shivery", "shivry": "shivery",
    # knee problems
    "straigten": "straighten", "straiten": "straighten", "straighen": "straighten",
    "stright": "straight", "strait": "straight", "lokced": "locked", "lockd": "locked",
    "loked": "locked", "bakers": "bakers", "backers": "bakers", "bakker": "bakers",
    "baker": "bakers", "sist": "cyst", "cist": "cyst", "cysts": "cyst",
    "menicus": "meniscus", "miniscus": "meniscus", "menisus": "meniscus",
    "arthritus": "arthritis", "arthritis": "arthritis", "artritis": "arthritis",
    # walking, weight
    "walkin": "walking", "wlak": "walk", "wieght": "weight", "wight": "weight",
    "waight": "weight", "standin": "standing",
    # risk factors
    "pregnat": "pregnant", "pregant": "pregnant", "pregnent": "pregnant",
    "preggers": "pregnant", "preggo": "pregnant", "prego": "pregnant",
    "surgey": "surgery", "sugery": "surgery", "surgary": "surgery", "surgury": "surgery",
    "opperation": "operation", "operaton": "operation", "flite": "flight",
    "fligth": "flight", "flght": "flight", "filght": "flight", "longhaul": "long haul",
    "diabetis": "diabetes", "diabeties": "diabetes", "diabetic": "diabetic",
    # text-speak
    "outta": "out of", "u": "you", "ur": "your", "n": "and", "nd": "and", "b4": "before",
    "bc": "because", "becuz": "because", "cuz": "because", "coz": "because",
    "cos": "because", "bcoz": "because", "bcuz": "because", "tho": "though",
    "thru": "through", "nite": "night", "2nite": "tonight",
    "tonite": "tonight", "2day": "today", "tmrw": "tomorrow", "yday": "yesterday",
    "yesterdy": "yesterday", "yestarday": "yesterday", "abit": "a bit", "alot": "a lot",
    "rn": "right now", "atm": "right now", "pls": "please", "plz": "please",
    "wat": "what", "wut": "what", "wot": "what", "whta": "what", "sumthing": "something",
    "smth": "something", "somethin": "something", "im": "i am", "ive": "i have",
    "dont": "do not", "doesnt": "does not",
    "didnt": "did not", "isnt": "is not", "arent": "are not", "wasnt": "was not",
    "werent": "were not", "havent": "have not", "hasnt": "has not", "hadnt": "had not",
    "cant": "cannot", "cannot": "cannot", "couldnt": "could not", "wont": "will not",
    "wouldnt": "would not", "shouldnt": "should not", "aint": "is not", "dunno": "do not know",
    "idk": "i do not know", "ngl": "honestly", "tbh": "honestly", "dnt": "do not",
    "cnt": "cannot", "cant't": "cannot", "kinda": "kind of", "sorta": "sort of",
    "gonna": "going to", "wanna": "want to", "gotta": "have to", "v": "very",
    "rly": "really", "realy": "really", "reall": "really", "sooo": "so", "soo": "so",
    "vry": "very", "verry": "very", "wen": "when", "wel": "well", "nw": "now",
    "jus": "just", "jst": "just", "nothin": "nothing", "anythin": "anything",
    "sth": "something", "thx": "thanks", "ty": "thanks", "tx": "thanks",
}  # fmt: skip
