"""Typed, immutable models for the health content.

Content is plain data; rendering lives in :mod:`knowledge.render`.
This module must never import ``telegram``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Section", "Topic"]


@dataclass(frozen=True, slots=True)
class Section:
    """A block of a topic: optional heading, paragraphs, bullet points.

    ``sources`` holds keys of `knowledge.sources.SOURCES` for the facts in this section.
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
