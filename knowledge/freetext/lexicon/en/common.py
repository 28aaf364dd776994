"""Common English words, to tell a message in another language from one in English.

Data only: regular-expression sources, compiled by the engine (`knowledge.freetext`)."""

from __future__ import annotations

# Common English words, to tell a message in another language from one in English.
COMMON_WORDS = frozenset(
    """a about after again all also am an and any are as at back bad be because been before
    behind being better both but by can cannot could day days did do does doing done down each
    even ever every feel feeling feels few for from get gets getting go going good got had has
    have having he help her here hi hello hey him his how i if in into is it its just know last
    left leg like little long look looks lot made make many me mine more morning most much my
    need never new night no not now of off ok okay on one only or other our out over pain
    please really right said same see she should since so some something still such take than
    thank thanks that the their them then there these they thing think this those through time
    to today too try up us very want was way we week weeks well went were what when where which
    while who why will with without would yes yesterday you your yeah hurt hurts hurting knee
    knees calf after sore ache walking walk run running swollen swelling cramp doctor quiz
    start help bot hii sup yo ty lol""".split()  # noqa: SIM905
)
