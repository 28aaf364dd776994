"""English names of the topics, as people ask for them.

Data only: regular-expression sources, compiled by the engine (`knowledge.freetext`)."""

from __future__ import annotations

from knowledge.freetext.lexicon.syntax import words

TOPICS: tuple[tuple[str, str], ...] = (
    ("cyst", words(r"bakers(?: cyst)?", r"cysts?", r"popliteal cyst")),
    ("runners", words(r"runners knee", r"patellofemoral", r"pfps", r"chondromalacia")),
    ("cramps", words(r"cramp\w*", r"charl(?:ey|ie) horses?")),
    ("stretch", words(r"stretch\w*", r"exercises?", r"yoga", r"strengthen\w*", r"foam roll\w*")),
    (
        "rice",
        words(
            r"rice",
            r"rest(?:ing)?(?! of)",
            r"ice",
            r"icing",
            r"ice packs?",
            r"frozen peas",
            r"compress\w*",
            r"elevat\w*",
            r"bandage",
            r"peace and love",
            r"heat pack",
            r"hot water bottle",
        ),
    ),
    (
        "other",
        words(
            r"meniscus",
            r"acl",
            r"pcl",
            r"ligament\w*",
            r"tendon\w*",
            r"tendinitis",
            r"tendinopathy",
            r"osteo ?arthritis",
            r"arthritis",
            r"gout",
            r"cartilage",
        ),
    ),
    (
        "doctor",
        words(
            r"doctor",
            r"gp",
            r"physio\w*",
            r"warning signs?",
            r"red flags?",
            r"when to see",
            r"nhs 111",
            r"111",
            r"dvt",
            r"blood clots?",
            r"clots?",
            r"thrombosis",
            r"embolism",
        ),
    ),
    ("facts", words(r"facts?", r"prevent\w*", r"avoid it", r"bones?", r"anatomy")),
    ("causes", words(r"causes?", r"caused", r"reasons?", r"why does", r"why do", r"why is")),
)
