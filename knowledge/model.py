"""Typed, immutable models for the health content.

Content is plain data; rendering lives in :mod:`knowledge.render`.
This module must never import ``telegram``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RedFlag", "Section", "Source", "Topic", "WarningSign"]


@dataclass(frozen=True, slots=True)
class Source:
    """A published reference that backs one or more facts."""

    key: str
    title: str
    publisher: str
    url: str


@dataclass(frozen=True, slots=True)
class Section:
    """A block of a topic: optional heading, paragraphs, bullet points.

    ``sources`` holds :class:`Source` keys for the facts in this section.
    Every section that states facts must cite at least one source.
    """

    heading: str | None
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    shown: bool = False


@dataclass(frozen=True, slots=True)
class Topic:
    """One command's worth of content.

    ``description`` is the one-line menu text for ``setMyCommands``;
    ``menu_label`` is a short label for an inline button. ``gist`` is what shows first, at
    most three short lines (what it is, what to do, when to get help); ``intro`` and the
    sections are the detail, which starts folded away. Sections with ``shown=True`` are
    shown in full after the gist (the warning signs on /doctor). ``related`` holds the keys
    of topics offered as buttons under the page.
    """

    key: str
    command: str
    title: str
    menu_label: str
    description: str
    intro: str
    sections: tuple[Section, ...]
    gist: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RedFlag:
    """A warning sign: a yes/no quiz question and what to do now.

    ``emergency=True`` means call emergency services (999 / 112 / 911);
    otherwise the advice is urgent same-day care.
    """

    key: str
    question: str
    advice: str
    emergency: bool


@dataclass(frozen=True, slots=True)
class WarningSign:
    """A group of warning signs, in the words of /doctor and the check-in's re-check.

    ``key`` is a short id for callback data; ``label`` a button label; ``text`` the full
    sentence; ``findings`` the finding ids (knowledge.findings) that someone who picks it
    may have: at least one of them. ``emergency=True``: call 999 / 112 / 911 now; otherwise
    get seen the same day.
    """

    key: str
    label: str
    text: str
    findings: tuple[str, ...]
    emergency: bool
    sources: tuple[str, ...]
