"""English ways of saying how long it has hurt.

Data only: regular-expression sources, compiled by the engine (`knowledge.freetext`)."""

from __future__ import annotations

from knowledge.freetext.lexicon.syntax import words

DURATIONS: tuple[tuple[str, str], ...] = (
    (
        "dur_gt2w",
        words(
            r"(?:[3-9]|\d\d|three|four|five|six|seven|eight|nine|ten|several|many) weeks"
            r"(?! pregnant| along| gone| ago)",
            r"(?:a|an|one|1|few|a few|several|many|couple of|a couple of|\d+|two|three|six) "
            r"(?:months?|years?|yrs?)(?! ago)",
            r"months(?! ago)",
            r"years(?! ago)",
            r"ages",
            r"forever",
            r"a long time",
            r"since (?:january|february|march|april|may|june|july|august|september|october|"
            r"november|december|last year|last month|christmas|the summer|summer|spring|autumn|"
            r"winter)",
            r"chronic",
            r"long ?standing",
            r"over a month",
            r"(?:over|more than) (?:2|two) weeks",
        ),
    ),
    (
        "dur_3d_2w",
        words(
            r"(?:[3-9]|1[0-3]|three|four|five|six|seven|eight|nine|ten|few|several|a few|"
            r"couple of|a couple of) days",
            r"(?:a|one|1|2|two|a couple of|couple of) weeks?(?! ago)",
            r"a fortnight",
            r"fortnight",
            r"since (?:last )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
            r"weekend|the weekend)",
            r"all week",
            r"over a week",
            r"week and a half",
        ),
    ),
    (
        "dur_lt3d",
        words(
            r"today",
            r"this (?:morning|afternoon|evening)",
            r"tonight",
            r"last night",
            r"since yesterday",
            r"yesterday",
            r"(?:1|one|a|2|two|24|48) (?:days?|hours?|hrs?)",
            r"a day or two",
            r"few hours",
            r"an hour",
            r"just now",
            r"minutes ago",
            r"just started",
        ),
    ),
)
