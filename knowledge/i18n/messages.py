"""Every sentence a user can see, collected from the content and text modules, for translation.

The bot's words live as data (`knowledge.content`, `knowledge.quiz_data`, the registries) and
as constants (`knowledge.texts` and the render modules). Rather than wrap each literal in a
marker, the catalog template is built by walking those objects: every string in a field a user
sees becomes a message id, its English text being the key (gettext's convention), with a
comment saying where it was found. ``python -m knowledge.i18n extract`` writes the template.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterator, Mapping
from types import ModuleType

__all__ = ["SKIPPED_FIELDS", "TEXT_MODULES", "collect"]

TEXT_MODULES: tuple[str, ...] = (
    "knowledge.texts",
    "knowledge.catalog",
    "knowledge.topics",
    "knowledge.warning_signs",
    "knowledge.content",
    "knowledge.quiz_data",
    "knowledge.triage_data",
    "knowledge.outcome_render",
    "knowledge.quiz_render",
    "knowledge.render",
    "knowledge.checkin_texts",
    "knowledge.summary_text",
    "knowledge.emergency",
)
"""The modules whose strings a user sees, in the order the template lists them."""

SKIPPED_FIELDS: frozenset[str] = frozenset(
    {
        "key",
        "id",
        "command",
        "sources",
        "related",
        "url",
        "note",
        "when",
        "finding",
        "group",
        "topics",
        "asserts",
        "then",
        "Sign.description",  # a sign's clinical wording: for the rule table, not the user
        "publisher",
        "internal",
        "emergency",
        "code",
    }
)
"""Dataclass fields that hold ids, keys or notes for the clinician, never words for the user:
a bare name for that field in every class, ``Class.field`` for one class only."""


def _known_keys() -> frozenset[str]:
    from knowledge.findings import FINDINGS
    from knowledge.i18n import LANGUAGES
    from knowledge.quiz_data import QUESTIONS
    from knowledge.tiers import TIERS
    from knowledge.topics import TOPIC_KEYS

    answers = {answer.id for question in QUESTIONS for answer in question.answers}
    return frozenset(
        {*FINDINGS, *TIERS, *TOPIC_KEYS, *answers, *(q.id for q in QUESTIONS), *LANGUAGES}
    )


_KNOWN_KEYS = _known_keys()


def _is_words(text: str) -> bool:
    """True for a sentence or a label; False for an id ("calf_swollen") or a pattern."""
    stripped = text.strip()
    if not stripped or not any(c.isalpha() for c in stripped):
        return False
    parts = stripped.split(":")
    if all(part.isidentifier() and part.islower() for part in parts):
        # an id ("calf_swollen", "unsure:calf_swollen", a topic key), not a word ("tomorrow")
        return not (len(parts) > 1 or "_" in stripped or stripped in _KNOWN_KEYS)
    return not stripped.startswith(("^", "(?", "\\b"))


def _walk(value: object, where: str, depth: int = 0) -> Iterator[tuple[str, str]]:
    if depth > 8:
        return
    if isinstance(value, str):
        if _is_words(value):
            yield value, where
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            qualified = f"{type(value).__name__}.{field.name}"
            if field.name not in SKIPPED_FIELDS and qualified not in SKIPPED_FIELDS:
                yield from _walk(getattr(value, field.name), f"{where}.{field.name}", depth + 1)
    elif isinstance(value, tuple) and hasattr(value, "_fields"):
        for name in value._fields:
            if name not in SKIPPED_FIELDS:
                yield from _walk(getattr(value, name), f"{where}.{name}", depth + 1)
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from _walk(item, where, depth + 1)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _walk(item, where, depth + 1)


def _module_strings(module: ModuleType) -> Iterator[tuple[str, str]]:
    for name, value in vars(module).items():
        if name.startswith("__") or name.lstrip("_")[:1].islower():
            continue  # functions, imports and private helpers: only CONSTANTS hold words
        owner = getattr(value, "__module__", module.__name__)
        if isinstance(value, type) or (owner != module.__name__ and not isinstance(value, str)):
            continue
        yield from _walk(value, f"{module.__name__}.{name}")


def collect() -> dict[str, list[str]]:
    """Every message id (the English text) -> where it was found, first place first."""
    found: dict[str, list[str]] = {}
    for name in TEXT_MODULES:
        for text, where in _module_strings(importlib.import_module(name)):
            places = found.setdefault(text, [])
            if where not in places:
                places.append(where)
    return found
