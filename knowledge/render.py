"""Render content as Telegram HTML.

Only the tags Telegram accepts are produced (``b``, ``i``, ``a href``, ``blockquote``); every
piece of content text is escaped. Long texts are split into chunks of at most
4096 characters, on paragraph boundaries where possible and never inside a tag
or an entity. This module must never import ``telegram``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from knowledge.catalog import COMMANDS
from knowledge.emergency import call_now_line
from knowledge.i18n import DEFAULT_LANGUAGE, translator
from knowledge.model import Section, Topic
from knowledge.sources import SOURCES, Source
from knowledge.texts import (
    DISCLAIMER,
    HELP_HEADER,
    SOURCES_HEADER,
    SOURCES_LINE,
    SOURCES_NOTE,
    SOURCES_POINTER,
    WELCOME,
)
from knowledge.topics import WARNING_TOPIC

__all__ = [
    "MESSAGE_LIMIT",
    "escape",
    "render_gist",
    "render_help",
    "render_sources",
    "render_start",
    "render_topic",
    "split_html",
]

MESSAGE_LIMIT = 4096
"""Telegram's maximum message length."""

_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*>")
_PARTIAL_ENTITY_RE = re.compile(r"&#?[A-Za-z0-9]*")
_SEPARATORS = ("\n\n", "\n", " ")
_MAX_ENTITY_LEN = 12


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` for Telegram HTML text content."""
    return html.escape(text, quote=False)


def _escape_attr(text: str) -> str:
    return html.escape(text, quote=True)


# --------------------------------------------------------------------------
# Splitting
# --------------------------------------------------------------------------


def _is_safe_cut(text: str, pos: int) -> bool:
    """True if ``text[:pos]`` does not end inside a tag or an entity."""
    if text.rfind("<", 0, pos) > text.rfind(">", 0, pos):
        return False
    amp = text.rfind("&", max(0, pos - _MAX_ENTITY_LEN), pos)
    return not (amp != -1 and _PARTIAL_ENTITY_RE.fullmatch(text, amp, pos))


def _open_tags(fragment: str) -> list[tuple[str, str]]:
    """Tags opened but not closed in ``fragment``: (name, full opening tag)."""
    stack: list[tuple[str, str]] = []
    for match in _TAG_RE.finditer(fragment):
        closing, name = match.group(1), match.group(2).lower()
        if not closing:
            stack.append((name, match.group(0)))
            continue
        for index in range(len(stack) - 1, -1, -1):
            if stack[index][0] == name:
                del stack[index:]
                break
    return stack


def _find_cut(text: str, budget: int) -> int:
    """The best position <= budget to end a chunk: paragraph, line, space, or hard."""
    for sep in _SEPARATORS:
        pos = text.rfind(sep, 1, budget + len(sep))
        while pos > 0:
            if _is_safe_cut(text, pos) and text[:pos].strip():
                return pos
            pos = text.rfind(sep, 1, pos)
    pos = budget
    while pos > 0 and not _is_safe_cut(text, pos):
        pos -= 1
    return pos


def _take(text: str, limit: int) -> tuple[str, str]:
    """Split off the first chunk (<= limit, tags balanced); return (chunk, rest)."""
    budget = limit
    while budget > 0:
        pos = _find_cut(text, budget)
        if pos <= 0:
            break
        head = text[:pos].rstrip()
        stack = _open_tags(head)
        closes = "".join(f"</{name}>" for name, _ in reversed(stack))
        if head and len(head) + len(closes) <= limit:
            reopen = "".join(tag for _, tag in stack)
            return head + closes, reopen + text[pos:].lstrip()
        budget = min(budget, pos) - 1
    raise ValueError("text cannot be split without cutting inside a tag or entity")


def _has_visible_text(chunk: str) -> bool:
    return bool(_TAG_RE.sub("", chunk).strip())


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split Telegram HTML into chunks of at most ``limit`` characters.

    Prefers blank lines, then line breaks, then spaces; a word longer than
    the limit is cut at a character boundary. A cut never lands inside a tag
    or an entity, and any tag open at a cut is closed at the end of the chunk
    and reopened at the start of the next, so every chunk is well formed.
    """
    if limit < 32:
        raise ValueError("limit is too small to split HTML safely")
    rest = text.strip()
    chunks: list[str] = []
    while len(rest) > limit:
        chunk, rest = _take(rest, limit)
        if _has_visible_text(chunk):
            chunks.append(chunk)
    if _has_visible_text(rest):
        chunks.append(rest)
    return chunks


# --------------------------------------------------------------------------
# Topics
# --------------------------------------------------------------------------


def _render_section(section: Section, lang: str) -> str:
    tr = translator(lang)
    parts: list[str] = [escape(tr(paragraph)) for paragraph in section.paragraphs]
    if section.bullets:
        parts.append("\n".join(f"• {escape(tr(bullet))}" for bullet in section.bullets))
    body = "\n\n".join(parts)
    if section.heading is None:
        return body
    heading = f"<b>{escape(tr(section.heading))}</b>"
    return f"{heading}\n{body}" if body else heading


def _cited_sources(sections: Iterable[Section]) -> list[Source]:
    """Sources cited by the sections, in first-cited order, without repeats."""
    seen: dict[str, Source] = {}
    for section in sections:
        for key in section.sources:
            if key not in seen:
                seen[key] = SOURCES[key]
    return list(seen.values())


def _render_sources_line(sources: list[Source], lang: str) -> str:
    """Publisher names only (the titles are on /sources), and a pointer to the full list."""
    tr = translator(lang)
    publishers = list(dict.fromkeys(source.publisher for source in sources))
    names = ", ".join(escape(publisher) for publisher in publishers)
    return tr(SOURCES_LINE).format(names=names) + " " + tr(SOURCES_POINTER)


def render_gist(topic: Topic, lang: str = DEFAULT_LANGUAGE) -> str:
    """The title and the gist: what shows first, before any detail is opened."""
    tr = translator(lang)
    lines = [f"<b>{escape(tr(topic.title))}</b>", *(escape(tr(line)) for line in topic.gist)]
    return "\n".join(lines)


def render_topic(
    topic: Topic, lang: str = DEFAULT_LANGUAGE, country: str | None = None
) -> list[str]:
    """A topic page: the gist, the detail folded in an expandable blockquote, sources, disclaimer.

    Sections marked ``shown`` (the warning signs on /doctor) come after the gist in full; there,
    the person's `country` adds its one emergency number right under the gist.
    Returns chunks of at most 4096 characters (one, for every topic we have).
    """
    blocks = [render_gist(topic, lang)]
    exact = call_now_line(country, lang) if topic.key == WARNING_TOPIC else ""
    if exact:
        blocks.append(exact)
    shown = [_render_section(s, lang) for s in topic.sections if s.shown]
    blocks.extend(text for text in shown if text)
    detail = [escape(translator(lang)(topic.intro))] if topic.intro else []
    detail.extend(
        text for text in (_render_section(s, lang) for s in topic.sections if not s.shown) if text
    )
    if detail:
        blocks.append("<blockquote expandable>" + "\n\n".join(detail) + "</blockquote>")
    sources = _cited_sources(topic.sections)
    if sources:
        blocks.append(_render_sources_line(sources, lang))
    blocks.append(translator(lang)(DISCLAIMER))
    return split_html("\n\n".join(blocks))


# --------------------------------------------------------------------------
# Red flags, help, sources, start
# --------------------------------------------------------------------------


def render_help(lang: str = DEFAULT_LANGUAGE) -> str:
    """HELP_HEADER and one line per public command."""
    tr = translator(lang)
    lines = [f"/{info.command} — {escape(tr(info.description))}" for info in COMMANDS]
    return f"{tr(HELP_HEADER)}\n\n" + "\n".join(lines) + f"\n\n{tr(DISCLAIMER)}"


def _render_source(source: Source) -> str:
    title = escape(source.title)
    if source.url:
        return f'• <a href="{_escape_attr(source.url)}">{title}</a>'
    return f"• {title}"


def render_sources(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """Every source meant for readers, grouped by publisher, with links where known."""
    groups: dict[str, list[Source]] = {}
    for source in SOURCES.values():
        if source.internal:
            continue
        groups.setdefault(source.publisher, []).append(source)
    tr = translator(lang)
    blocks = [tr(SOURCES_HEADER)]
    for publisher, sources in groups.items():
        lines = [f"<b>{escape(publisher)}</b>", *(_render_source(s) for s in sources)]
        blocks.append("\n".join(lines))
    blocks.append(tr(SOURCES_NOTE))
    return split_html("\n\n".join(blocks))


def render_start(lang: str = DEFAULT_LANGUAGE) -> str:
    """The /start greeting."""
    return translator(lang)(WELCOME)
