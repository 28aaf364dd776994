"""Messages written blind in Spanish, Portuguese and Russian (tests/data/README.md): the figures
of each one-time scoring must not drop, and no warning message is ever answered without the
safety net in its language."""

from __future__ import annotations

import pytest

from bot.freetext_flow import reply_for
from bot.language import Speaker
from knowledge.freetext import interpret
from knowledge.i18n import LANGUAGES, translate
from knowledge.texts import EMERGENCY_NUMBERS, SAFETY_NET
from tests.freetext_figures import DATA, figures, load_set

# (set, language) -> the lowest acceptable hits for: warning-sign recall, emergency exactness,
# symptom-free -> None; and the most ordinary/negated messages sent to same-day care.
FLOORS = {
    ("heldout", "es"): (47, 122, 18, 0),  # round 1, read and tuned on: recall 100% there
    ("heldout", "pt"): (48, 123, 18, 4),
    ("heldout", "ru"): (49, 120, 18, 1),
    ("heldout2", "es"): (47, 125, 16, 6),  # round 2, scored once after that tuning
    ("heldout2", "pt"): (43, 116, 15, 7),
    ("heldout2", "ru"): (50, 126, 17, 3),
}
NETS = [translate(code, line) for code in LANGUAGES for line in (SAFETY_NET, EMERGENCY_NUMBERS)]


@pytest.mark.parametrize(("name", "lang"), list(FLOORS))
def test_the_figures_of_the_blind_sets_do_not_drop(name: str, lang: str) -> None:
    cases = load_set(DATA / f"freetext_{name}_{lang}.jsonl")
    by_name = {f.name: f for f in figures(cases)}
    recall, exact, none, over = FLOORS[(name, lang)]
    assert by_name["warning-sign recall"].hits >= recall
    assert by_name["emergency exactness"].hits >= exact
    assert by_name["no symptom -> None"].hits >= none
    assert by_name["over-triage (ordinary + negated)"].hits <= over


@pytest.mark.parametrize(("name", "lang"), list(FLOORS))
def test_every_warning_message_is_answered_with_the_safety_net(name: str, lang: str) -> None:
    for case in load_set(DATA / f"freetext_{name}_{lang}.jsonl"):
        if case.kind != "warning":
            continue
        screens = reply_for(interpret(case.text, language_hint=lang), Speaker(lang))
        netted = [any(net in screen.text for net in NETS) for screen in screens]
        # An emergency outcome leads with the number; the screen after it carries the net.
        assert netted[-1] and sum(netted) >= len(screens) - 1, case.text
