"""The topics: the bot's pages by key, in one place.

A topic key names a page (`knowledge.content`), its command (/cramps, /doctor ...), a button,
a free-text topic (`knowledge.freetext.lexicon`) and a suggestion in an outcome
(`knowledge.triage`). The pages themselves are content; this is the list of what exists, the
short name each has on a button, and which wins a tie. Nothing here imports `telegram`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "TOPICS_INFO",
    "TOPIC_KEYS",
    "TOPIC_NAMES",
    "TOPIC_PRIORITY",
    "WARNING_TOPIC",
    "TopicInfo",
]


@dataclass(frozen=True, slots=True)
class TopicInfo:
    """A topic: its key (also its command) and its short name for lists and buttons."""

    key: str
    name: str


TOPICS_INFO: tuple[TopicInfo, ...] = (
    TopicInfo("causes", "Common causes"),
    TopicInfo("cramps", "Leg cramps"),
    TopicInfo("cyst", "Baker's cyst"),
    TopicInfo("runners", "Runner's knee"),
    TopicInfo("other", "Strains, meniscus, arthritis"),
    TopicInfo("stretch", "Stretches"),
    TopicInfo("rice", "First aid (RICE)"),
    TopicInfo("facts", "Facts"),
    TopicInfo("doctor", "When to get help"),
)
"""Every topic, in menu order."""

TOPIC_KEYS: tuple[str, ...] = tuple(topic.key for topic in TOPICS_INFO)
"""The topic keys of the bot's content; each is also a command (/cramps, /doctor, ...)."""

TOPIC_NAMES: Mapping[str, str] = MappingProxyType({t.key: t.name for t in TOPICS_INFO})
"""Short names of the topics, for lists and buttons."""

TOPIC_PRIORITY: tuple[str, ...] = (
    "cyst",
    "cramps",
    "runners",
    "other",
    "rice",
    "stretch",
    "causes",
    "facts",
    "doctor",
)
"""When two topics score the same in an outcome, the more specific one comes first."""

WARNING_TOPIC = "doctor"
"""The topic that lists the warning signs: first on /start, and under every page."""

if set(TOPIC_PRIORITY) != set(TOPIC_KEYS) or len(TOPIC_PRIORITY) != len(TOPIC_KEYS):
    raise ValueError("TOPIC_PRIORITY must order every topic once")
