"""Tests for the health content: structure, sources, Telegram rules and safety."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from knowledge import texts
from knowledge.catalog import COMMANDS
from knowledge.content import TOPICS, TOPICS_BY_KEY
from knowledge.findings import EMERGENCY_SIGNS, WARNING_SIGNS
from knowledge.model import Section, Topic
from knowledge.quiz_data import WARNING_SIGN_LIST
from knowledge.render import (
    render_help,
    render_sources,
    render_start,
    render_topic,
)
from knowledge.sources import SOURCES
from knowledge.triage_data import RULES
from knowledge.warning_signs import WARNING_SIGN_GROUPS
from tests.test_render import html_problems, visible_text

TOPIC_KEYS = ("causes", "cramps", "cyst", "runners", "other", "stretch", "rice", "facts", "doctor")
COMMAND_ORDER = (
    "start",
    "help",
    "quiz",
    "causes",
    "cramps",
    "cyst",
    "runners",
    "other",
    "stretch",
    "rice",
    "facts",
    "doctor",
    "sources",
    "language",
    "followup",
    "stop",
    "forget",
)
# The warning signs of the quiz's first screen (knowledge.quiz_data.WARNING_SIGN_LIST).
RED_FLAG_KEYS = {
    "breath",
    "foot",
    "weak",
    "injury",
    "saddle",
    "calf",
    "calfpain",
    "tingle",
    "hot",
    "weight",
    "locked",
    "swollen",
    "fever",
}
COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
DIAGNOSIS_RE = re.compile(
    r"\byou(?:'ve got| have got| have| probably have| definitely have)\s+(?:a |an )?"
    r"(?:baker|dvt|blood clot|clot|osteoarthritis|arthritis|runner|meniscus|cyst|"
    r"infection|tear|strain|thrombosis)",
    re.I,
)
KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"


def _topic_text(topic: Topic) -> str:
    """The visible text of a rendered topic, minus its sources line.

    Safety checks must be met by what the topic says, not by a source's title
    (e.g. "Deep vein thrombosis (DVT)"), so the sources line is cut off.
    """
    text = "\n".join(visible_text(chunk) for chunk in render_topic(topic))
    body, sep, _ = text.rpartition("\nSources: ")
    assert sep, "rendered topic has no sources line"
    return body


def _text_units(topic: Topic) -> list[str]:
    """Every separate piece of prose in a topic."""
    units = [topic.title, topic.intro, *topic.gist, topic.description, topic.menu_label]
    for section in topic.sections:
        units += [section.heading or "", *section.paragraphs, *section.bullets]
    return units


def _all_rendered() -> dict[str, str]:
    rendered = {f"topic:{t.key}": "\n".join(render_topic(t)) for t in TOPICS}
    rendered["help"] = render_help()
    rendered["sources"] = "\n".join(render_sources())
    rendered["start"] = render_start()
    for name in texts.__all__:
        value = getattr(texts, name)
        if isinstance(value, str):
            rendered[f"texts:{name}"] = value
    return rendered


# --------------------------------------------------------------------------
# Structure
# --------------------------------------------------------------------------


def test_topics_are_in_the_agreed_order() -> None:
    assert tuple(t.key for t in TOPICS) == TOPIC_KEYS
    assert tuple(t.command for t in TOPICS) == TOPIC_KEYS
    assert list(TOPICS_BY_KEY) == list(TOPIC_KEYS)
    for topic in TOPICS:
        assert TOPICS_BY_KEY[topic.key] is topic


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.key)
def test_topic_renders_to_one_short_chunk(topic: Topic) -> None:
    chunks = render_topic(topic)
    assert len(chunks) == 1
    assert len(chunks[0]) <= 4096
    # Comfortably short: someone in pain, reading on a phone.
    assert 500 <= len(chunks[0]) <= 3000


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.key)
def test_topic_fields_are_sensible(topic: Topic) -> None:
    assert topic.title.strip()
    # The gist: what it is, what to do, when to get help: at most 3 short lines. /doctor
    # shows its warning signs in full instead.
    assert 1 <= len(topic.gist) <= 3 or any(s.shown for s in topic.sections)
    for line in topic.gist:
        assert line == line.strip() and "\n" not in line and len(line) <= 110, line
    assert topic.related and all(k in TOPICS_BY_KEY and k != topic.key for k in topic.related)
    assert 3 <= len(topic.description) <= 60
    assert 1 <= len(topic.menu_label) <= 30
    assert topic.sections
    for section in topic.sections:
        assert section.paragraphs or section.bullets, section
        for text in (section.heading or "", *section.paragraphs, *section.bullets):
            assert text == text.strip()
            assert "\n" not in text


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.key)
def test_every_section_with_facts_cites_known_sources(topic: Topic) -> None:
    for section in topic.sections:
        if section.paragraphs or section.bullets:
            assert section.sources, f"{topic.key}: section {section.heading!r} cites nothing"
        for key in section.sources:
            assert key in SOURCES, f"{topic.key}: unknown source {key!r}"
        assert len(set(section.sources)) == len(section.sources)


def test_sources_are_complete_and_used() -> None:
    for key, source in SOURCES.items():
        assert source.key == key
        assert source.title.strip() and source.publisher.strip()
        assert source.url == "" or source.url.startswith("https://")
    publishers = {s.publisher for s in SOURCES.values()}
    assert {"NHS", "Cleveland Clinic"} <= publishers
    nhs_titles = {s.title for s in SOURCES.values() if s.publisher == "NHS"}
    for needed in ("Knee pain", "Baker's cyst", "Pulmonary embolism", "Leg cramps"):
        assert needed in nhs_titles
    assert any("PEACE" in s.title for s in SOURCES.values())
    assert any(s.title.startswith("Leg Pain Behind Knee") for s in SOURCES.values())
    cited = {key for topic in TOPICS for section in topic.sections for key in section.sources}
    cited |= {key for group in WARNING_SIGN_GROUPS for key in group.sources}
    cited |= {key for rule in RULES for key in rule.sources}
    assert cited == set(SOURCES), f"never cited: {set(SOURCES) - cited}"


def test_one_key_per_page() -> None:
    """The registry names each page once: no two keys share an address or a title."""
    urls = [s.url for s in SOURCES.values() if s.url]
    assert len(urls) == len(set(urls))
    names = [s.name for s in SOURCES.values()]
    assert len(names) == len(set(names))


# --------------------------------------------------------------------------
# Commands (Telegram rules)
# --------------------------------------------------------------------------


def test_commands_follow_telegram_rules_and_agreed_order() -> None:
    names = [info.command for info in COMMANDS]
    assert tuple(names) == COMMAND_ORDER
    assert len(set(names)) == len(names)
    for info in COMMANDS:
        assert COMMAND_RE.match(info.command), info.command
        assert 3 <= len(info.description) <= 256, info.description
        assert info.description == info.description.strip()


def test_topic_commands_take_description_from_topic() -> None:
    by_command = {info.command: info for info in COMMANDS}
    for topic in TOPICS:
        assert by_command[topic.command].description == topic.description


# --------------------------------------------------------------------------
# Red flags
# --------------------------------------------------------------------------


def test_red_flags_are_the_quiz_warning_signs() -> None:
    keys = [flag.key for flag in WARNING_SIGN_LIST]
    assert set(keys) == RED_FLAG_KEYS
    assert len(keys) == len(RED_FLAG_KEYS)


def test_red_flags_are_questions_with_the_right_urgency() -> None:
    for flag in WARNING_SIGN_LIST:
        assert flag.text.strip(), flag.key
        assert f"{flag.action} {flag.explanation}".strip()
        if flag.emergency:
            assert all(
                number in f"{flag.action} {flag.explanation}" for number in ("999", "112", "911")
            )
        else:
            advice = f"{flag.action} {flag.explanation}".lower()
            assert "today" in advice or "straight away" in advice, flag.key
            assert "999" not in f"{flag.action} {flag.explanation}"
    emergency = {flag.key for flag in WARNING_SIGN_LIST if flag.emergency}
    assert emergency == {"breath", "foot", "weak", "injury", "saddle"}
    # Emergency flags come first.
    first_urgent = next(i for i, f in enumerate(WARNING_SIGN_LIST) if not f.emergency)
    assert all(not f.emergency for f in WARNING_SIGN_LIST[first_urgent:])
    calf = next(f for f in WARNING_SIGN_LIST if f.key == "calf")
    assert "swollen" in calf.text and "DVT" in calf.explanation


# --------------------------------------------------------------------------
# Well-formed Telegram HTML everywhere
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(_all_rendered()))
def test_rendered_html_is_well_formed(name: str) -> None:
    text = _all_rendered()[name]
    assert html_problems(text) == []
    assert len(text) <= 4096 or name.startswith(("topic:", "sources"))


def test_ui_texts_say_the_right_things() -> None:
    assert "This can't diagnose you; it helps you decide what to do next." in texts.DISCLAIMER
    assert "\n" not in texts.DISCLAIMER
    assert texts.WELCOME.count(texts.DISCLAIMER) == 1
    assert "not a diagnosis" not in texts.WELCOME  # said once, by the disclaimer
    assert "Warning signs" in texts.WELCOME and "quiz" in texts.WELCOME
    assert "/help" in texts.UNKNOWN_COMMAND
    assert "/help" in texts.FREE_TEXT and "/doctor" in texts.FREE_TEXT
    assert "store" in texts.FREE_TEXT
    assert "/quiz" in texts.BUTTON_EXPIRED and "expired" in texts.BUTTON_EXPIRED
    assert "/doctor" in texts.ERROR and "try again" in texts.ERROR


def test_knowledge_never_imports_telegram() -> None:
    for path in sorted(KNOWLEDGE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] != "telegram", f"{path} imports {name}"


# --------------------------------------------------------------------------
# Safety of the content
# --------------------------------------------------------------------------


def test_runners_explains_kneecap_pain_versus_osteoarthritis() -> None:
    text = _topic_text(TOPICS_BY_KEY["runners"])
    assert "kneecap" in text
    assert "osteoarthritis" in text
    assert "patellofemoral" in text
    assert "front of the knee" in text


def test_rice_icing_is_safe() -> None:
    text = _topic_text(TOPICS_BY_KEY["rice"])
    assert re.search(r"wrap\w*", text)
    assert "never put ice directly on your skin" in text.lower()
    assert "15–20 minutes" in text
    assert "every 2–3 hours" in text
    assert "PEACE" in text and "LOVE" in text
    assert "2–3 days" in text


def test_cyst_warns_about_dvt() -> None:
    topic = TOPICS_BY_KEY["cyst"]
    text = _topic_text(topic)
    assert "DVT" in text
    assert "999 / 112 / 911" in text
    # The burst-cyst warning and the DVT warning sit in the same section.
    assert any(
        "burst" in " ".join(s.paragraphs + s.bullets)
        and "DVT" in " ".join(s.paragraphs + s.bullets)
        for s in topic.sections
    )


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.key)
def test_tetanus_only_mentioned_as_rare(topic: Topic) -> None:
    for unit in _text_units(topic):
        if "tetanus" in unit.lower():
            assert re.search(r"\brare\b", unit.lower()), unit


def test_cramps_mentions_tetanus_as_rare_and_kidney_or_liver_disease() -> None:
    topic = TOPICS_BY_KEY["cramps"]
    units = [u for u in _text_units(topic) if "tetanus" in u.lower()]
    assert units, "cramps should correct the article about tetanus"
    assert all("rare" in u.lower() for u in units)
    text = _topic_text(topic)
    assert "Kidney or liver disease" in text


def test_no_text_anywhere_mentions_toxins() -> None:
    for name, text in _all_rendered().items():
        assert "toxin" not in text.lower(), name
    for flag in WARNING_SIGN_LIST:
        assert "toxin" not in (flag.text + flag.action + flag.explanation).lower()


def test_no_cure_claims_or_doses() -> None:
    dose = re.compile(r"\b\d+(?:\.\d+)?\s?(?:mg|mcg|µg|ml|g|iu|tablets?|pills?)\b", re.I)
    for name, text in _all_rendered().items():
        plain = visible_text(text)
        assert not re.search(r"\bcur(?:e|es|ed|ing)\b", plain, re.I), name
        assert not dose.search(plain), name
        assert not DIAGNOSIS_RE.search(plain), name


def test_doctor_gives_emergency_numbers_and_red_flags_first() -> None:
    topic = TOPICS_BY_KEY["doctor"]
    text = _topic_text(topic)
    for number in ("999", "112", "911"):
        assert number in text
    for sign in WARNING_SIGN_GROUPS:
        assert sign.text in text
    first_flag = min(text.index(sign.text) for sign in WARNING_SIGN_GROUPS)
    assert max(text.index(s.text) for s in WARNING_SIGN_GROUPS if s.emergency) < min(
        text.index(s.text) for s in WARNING_SIGN_GROUPS if not s.emergency
    )
    gp_advice = text.index("2 weeks")
    assert first_flag < gp_advice
    assert "keeps coming back" in text
    assert "lump" in text
    # One answer to "when do I see a GP?" (clinician's review item 7): about 2 weeks.
    assert "couple of days" not in text
    assert "GP or physiotherapist" in text


def test_warning_sign_groups_cover_every_warning_sign_once() -> None:
    grouped = [f for sign in WARNING_SIGN_GROUPS for f in sign.findings]
    assert len(grouped) == len(set(grouped))
    assert set(grouped) == WARNING_SIGNS
    for sign in WARNING_SIGN_GROUPS:
        assert all(f in EMERGENCY_SIGNS for f in sign.findings) == sign.emergency
        assert sign.sources and all(key in SOURCES for key in sign.sources)
        assert len(sign.label) <= 32 and re.fullmatch(r"[a-z]{1,8}", sign.key)


# --------------------------------------------------------------------------
# Content fixes from the second review of the brief
# --------------------------------------------------------------------------


def _sections_saying(phrase: str) -> list[Section]:
    return [
        section
        for topic in TOPICS
        for section in topic.sections
        if phrase.lower() in " ".join((*section.paragraphs, *section.bullets)).lower()
    ]


def test_catching_or_giving_way_points_to_meniscus_not_runners_knee() -> None:
    runners = _topic_text(TOPICS_BY_KEY["runners"]).lower()
    assert "buckles" not in runners
    sentences = [u for u in _text_units(TOPICS_BY_KEY["runners"]) if "gives way" in u]
    assert any(
        "meniscus" in u and "ligament" in u and "than to runner's knee" in u for u in sentences
    )


def test_strength_not_stretching_lowers_injury_risk_with_its_source() -> None:
    (section,) = _sections_saying("strength training cut it")
    assert "bjsm_lauersen" in section.sources
    assert "Lauersen" in SOURCES["bjsm_lauersen"].title
    stretch = _topic_text(TOPICS_BY_KEY["stretch"])
    assert "thigh, hip and calf muscles" in stretch
    for topic in TOPICS:  # no page claims stretching before exercise prevents pain
        assert "skipping a stretch" not in _topic_text(topic), topic.key


def test_cramps_name_pregnancy_medicines_and_age() -> None:
    text = _topic_text(TOPICS_BY_KEY["cramps"])
    for needed in ("Pregnancy", "statins", "diuretics", "age"):
        assert needed in text
    (section,) = _sections_saying("statins")
    assert "nhs_leg_cramps" in section.sources


def test_any_new_lump_needs_a_gp_and_a_pulsing_one_an_urgent_appointment() -> None:
    assert any("nhs_bakers_cyst" in s.sources for s in _sections_saying("any new lump"))
    pulsing = _sections_saying("pulses with your heartbeat")
    assert pulsing and all("cleveland_popliteal_aneurysm" in s.sources for s in pulsing)
    assert "urgent GP appointment" in _topic_text(TOPICS_BY_KEY["cyst"])
    assert "throbs with your heartbeat" in _topic_text(TOPICS_BY_KEY["doctor"])


@pytest.mark.parametrize("key", ["doctor", "other"])
def test_hot_swollen_knee_can_be_infection_with_or_without_fever(key: str) -> None:
    text = _topic_text(TOPICS_BY_KEY[key])
    assert "with or without a fever" in text
    assert "infection" in text
    sections = [
        s
        for s in TOPICS_BY_KEY[key].sections
        if "with or without a fever" in " ".join((*s.paragraphs, *s.bullets))
    ]
    assert sections and all("nhs_septic_arthritis" in s.sources for s in sections)


def test_one_answer_to_when_to_see_a_gp_and_one_first_aid_story() -> None:
    """Clinician's review items 7 and 9: every page says about 2 weeks (never "a couple of
    days"); the first-aid page allows ice and says no ibuprofen at first, in one story."""
    from knowledge.texts import SEE_GP_WEEKS

    for topic in TOPICS:
        text = _topic_text(topic)
        assert "couple of days" not in text, topic.key
        if "weeks" in text and "GP" in text:
            assert f"{SEE_GP_WEEKS} weeks" in text, topic.key
    rice = _topic_text(TOPICS_BY_KEY["rice"])
    assert "ibuprofen" in rice and "ice wrapped in a towel is still fine" in rice
