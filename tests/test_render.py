"""Tests for knowledge.render: escaping, splitting, well-formed Telegram HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from knowledge.catalog import COMMANDS
from knowledge.model import Section, Topic
from knowledge.render import (
    escape,
    render_help,
    render_sources,
    render_start,
    render_topic,
    split_html,
)
from knowledge.sources import SOURCES
from knowledge.texts import DISCLAIMER, WELCOME

ALLOWED_TAGS = frozenset({"b", "i", "u", "s", "a", "code", "pre", "blockquote"})
_ENTITY_RE = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")
_TAG_START_RE = re.compile(r"</?[a-z]+(?:\s[^<>]*)?>")


class _TelegramHTMLChecker(HTMLParser):
    """Collects problems with a Telegram HTML string."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"tag not allowed: <{tag}>")
        if tag == "a" and not dict(attrs).get("href"):
            self.errors.append("<a> without href")
        if tag == "blockquote" and attrs == [("expandable", None)]:
            pass
        elif tag != "a" and attrs:
            self.errors.append(f"unexpected attributes on <{tag}>: {attrs}")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.errors.append(f"self-closing tag: <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}> (open: {self.stack})")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)


def html_problems(text: str) -> list[str]:
    """Every reason ``text`` would be rejected by Telegram's HTML parse mode."""
    checker = _TelegramHTMLChecker()
    checker.feed(text)
    checker.close()
    problems = list(checker.errors)
    if checker.stack:
        problems.append(f"tags left open: {checker.stack}")
    for match in re.finditer("&", text):
        if not _ENTITY_RE.match(text, match.start()):
            problems.append(
                f"bare or unsupported entity at {match.start()}: {text[match.start() :][:12]!r}"
            )
    for match in re.finditer("<", text):
        if not _TAG_START_RE.match(text, match.start()):
            problems.append(f"stray '<' at {match.start()}: {text[match.start() :][:12]!r}")
    if ">" in _TAG_START_RE.sub("", text):
        problems.append("stray '>' outside a tag")
    return problems


def visible_text(text: str) -> str:
    """The text a reader sees (tags removed, entities decoded)."""
    checker = _TelegramHTMLChecker()
    checker.feed(text)
    checker.close()
    return "".join(checker.text_parts)


def assert_valid_chunks(chunks: list[str], limit: int = 4096) -> None:
    assert chunks, "no chunks"
    for chunk in chunks:
        assert 0 < len(chunk) <= limit
        assert html_problems(chunk) == [], chunk[:200]


# --------------------------------------------------------------------------
# The checker itself (so the other tests can trust it)
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        "<b>open",
        "close</b>",
        "<b><i>x</b></i>",
        "<script>x</script>",
        "a & b",
        "a < b",
        "a > b",
        "&nbsp;",
        '<a title="x">x</a>',
    ],
)
def test_checker_rejects_bad_html(bad: str) -> None:
    assert html_problems(bad)


def test_checker_accepts_good_html() -> None:
    good = '<b>x</b> <i>y &amp; z &lt;3</i> <a href="https://e.x/?a=1&amp;b=2">link</a>'
    assert html_problems(good) == []


# --------------------------------------------------------------------------
# Escaping
# --------------------------------------------------------------------------


def test_escape_handles_markup_characters() -> None:
    assert escape("a & b < c > d") == "a &amp; b &lt; c &gt; d"
    assert escape("plain") == "plain"


def test_render_topic_escapes_all_content() -> None:
    topic = Topic(
        key="evil",
        command="evil",
        title="<script>&title",
        menu_label="<x>",
        description="evil & <b>",
        intro="intro <i>not italic</i> & more",
        sections=(
            Section(
                heading="<b>heading</b>",
                paragraphs=("para <script>alert(1)</script> & stuff",),
                bullets=("bullet <u>x</u> & y",),
                sources=("nhs_knee_pain",),
            ),
        ),
    )
    chunks = render_topic(topic)
    assert len(chunks) == 1
    text = chunks[0]
    assert "<script>" not in text
    assert "&lt;script&gt;&amp;title" in text
    assert "para &lt;script&gt;alert(1)&lt;/script&gt; &amp; stuff" in text
    assert "intro &lt;i&gt;not italic&lt;/i&gt; &amp; more" in text
    assert "&lt;b&gt;heading&lt;/b&gt;" in text
    assert "• bullet &lt;u&gt;x&lt;/u&gt; &amp; y" in text
    assert text.startswith("<b>&lt;script&gt;&amp;title</b>")
    assert html_problems(text) == []
    seen = visible_text(text)
    assert "<script>&title" in seen
    assert "para <script>alert(1)</script> & stuff" in seen


def test_render_topic_lists_sources_with_publisher_and_title() -> None:
    topic = Topic(
        key="t",
        command="t",
        title="T",
        menu_label="T",
        description="Test topic",
        intro="Intro.",
        sections=(
            Section(heading="A", paragraphs=("One.",), sources=("nhs_dvt", "bjsm_peace_love")),
            Section(heading="B", bullets=("Two.",), sources=("nhs_dvt",)),
        ),
    )
    (text,) = render_topic(topic)
    sources_line, disclaimer = text.rsplit("\n\n", 2)[1:]
    assert disclaimer == DISCLAIMER
    # Publisher names, each once, and a pointer to /sources for the titles.
    assert sources_line == (
        f"<i>Sources: {SOURCES['nhs_dvt'].publisher}, "
        f"{escape(SOURCES['bjsm_peace_love'].publisher)}.</i> Full list: /sources"
    )
    assert SOURCES["nhs_dvt"].title not in text
    assert html_problems(text) == []


def test_render_topic_gist_first_then_detail_folded_then_sources_and_disclaimer() -> None:
    topic = Topic(
        key="t",
        command="t",
        title="Title",
        menu_label="T",
        description="Test topic",
        intro="Intro.",
        gist=("What it is.", "What to do.", "When to get help."),
        sections=(
            Section(heading="Shown", bullets=("Sign.",), sources=("nhs_dvt",), shown=True),
            Section(heading="Detail", paragraphs=("More.",), sources=("nhs_dvt",)),
        ),
    )
    (text,) = render_topic(topic)
    assert text.startswith("<b>Title</b>\nWhat it is.\nWhat to do.\nWhen to get help.\n\n")
    assert text.index("<b>Shown</b>") < text.index("<blockquote expandable>Intro.")
    folded = text[text.index("<blockquote expandable>") : text.index("</blockquote>")]
    assert "<b>Detail</b>\nMore." in folded and "Shown" not in folded
    assert text.index("</blockquote>") < text.index("Sources:") < text.index(DISCLAIMER)
    assert text.count(DISCLAIMER) == 1
    assert html_problems(text) == []


def test_render_topic_rejects_unknown_source_key() -> None:
    topic = Topic(
        key="t",
        command="t",
        title="T",
        menu_label="T",
        description="Test topic",
        intro="Intro.",
        sections=(Section(heading="A", paragraphs=("One.",), sources=("no_such_source",)),),
    )
    with pytest.raises(KeyError):
        render_topic(topic)


# --------------------------------------------------------------------------
# Splitting
# --------------------------------------------------------------------------


def _big_topic() -> Topic:
    sections = tuple(
        Section(
            heading=f"Heading {n} <&>",
            paragraphs=(
                f"Paragraph {n} first & " + " ".join(f"w{n}x{i}<" for i in range(60)),
                f"Paragraph {n} second " + " ".join(f"v{n}y{i}" for i in range(40)),
            ),
            bullets=(f"bullet {n} a & b", f"bullet {n} <c>"),
            sources=(),
        )
        for n in range(30)
    )
    return Topic(
        key="big",
        command="big",
        title="A very long topic",
        menu_label="Big",
        description="Big test topic",
        intro="Intro & stuff.",
        sections=sections,
    )


def _expected_words(topic: Topic) -> list[str]:
    words = topic.title.split() + topic.intro.split()
    for section in topic.sections:
        words += (section.heading or "").split()
        for paragraph in section.paragraphs:
            words += paragraph.split()
        for bullet in section.bullets:
            words += ["•", *bullet.split()]
    return words + visible_text(DISCLAIMER).split()


def test_long_topic_splits_into_valid_chunks_preserving_content() -> None:
    topic = _big_topic()
    chunks = render_topic(topic)
    total = sum(len(c) for c in chunks)
    assert total > 20_000
    assert len(chunks) >= 5
    assert_valid_chunks(chunks)
    # Nothing lost, duplicated or reordered.
    seen_words = " ".join(visible_text(c) for c in chunks).split()
    assert seen_words == _expected_words(topic)
    # Paragraphs are short, so each one must stay whole inside one chunk.
    for section in topic.sections:
        for paragraph in section.paragraphs:
            assert any(escape(paragraph) in chunk for chunk in chunks)
    # Chunks start at paragraph boundaries: never with whitespace.
    for chunk in chunks:
        assert chunk == chunk.strip()


def test_split_html_short_text_is_one_chunk() -> None:
    assert split_html("<b>hi</b> there") == ["<b>hi</b> there"]
    assert split_html("") == []
    assert split_html("  \n\n ") == []


def test_split_html_prefers_paragraph_boundaries() -> None:
    paragraphs = [f"<b>P{n}</b> " + "word " * 150 for n in range(20)]
    text = "\n\n".join(p.strip() for p in paragraphs)
    chunks = split_html(text, limit=2000)
    assert_valid_chunks(chunks, limit=2000)
    for chunk in chunks:
        assert chunk.startswith("<b>P")  # every chunk starts on a paragraph


def test_split_html_one_huge_paragraph_splits_on_spaces() -> None:
    words = [f"w{i}&amp;x" for i in range(3000)]
    text = " ".join(words)
    assert len(text) > 4096 * 5
    chunks = split_html(text)
    assert len(chunks) > 1
    assert_valid_chunks(chunks)
    assert " ".join(chunks).split() == words  # no word was cut


def test_split_html_huge_paragraph_inside_a_tag_stays_balanced() -> None:
    text = "<b>" + " ".join(f"bold{i}" for i in range(3000)) + "</b> tail"
    chunks = split_html(text, limit=1000)
    assert len(chunks) > 10
    assert_valid_chunks(chunks, limit=1000)
    for chunk in chunks[:-1]:
        assert chunk.startswith("<b>") and chunk.endswith("</b>")
    assert " ".join(visible_text(c) for c in chunks).split() == visible_text(text).split()


def test_split_html_link_is_never_cut_inside_its_tag() -> None:
    link = '<a href="https://example.org/a b?x=1&amp;y=2">a link with words</a>'
    text = " ".join([link] * 400)
    chunks = split_html(text, limit=700)
    assert_valid_chunks(chunks, limit=700)
    assert " ".join(visible_text(c) for c in chunks).split() == visible_text(text).split()


def test_split_html_word_longer_than_limit_never_cuts_entities() -> None:
    text = "&amp;" * 3000 + "x" * 5000
    chunks = split_html(text, limit=4096)
    assert_valid_chunks(chunks)
    assert "".join(chunks) == text


def test_split_html_rejects_tiny_limit() -> None:
    with pytest.raises(ValueError):
        split_html("hello", limit=5)


# --------------------------------------------------------------------------
# Help, red flags, sources, start
# --------------------------------------------------------------------------


def test_render_help_lists_every_command() -> None:
    text = render_help()
    assert len(text) <= 4096
    assert html_problems(text) == []
    lines = text.splitlines()
    for info in COMMANDS:
        assert f"/{info.command} — {escape(info.description)}" in lines
    command_lines = [line for line in lines if line.startswith("/")]
    assert [line.split(" ", 1)[0][1:] for line in command_lines] == [c.command for c in COMMANDS]


def test_render_sources_lists_every_source_with_escaped_links() -> None:
    chunks = render_sources()
    assert_valid_chunks(chunks)
    text = "\n".join(chunks)
    for source in SOURCES.values():
        if source.internal:  # the project's own notes: for the clinician's table, not readers
            assert escape(source.title) not in text
            continue
        assert escape(source.title) in text
        assert escape(source.publisher) in text
        if source.url:
            assert f'href="{source.url}"' in text


def test_render_start_is_welcome() -> None:
    assert render_start() == WELCOME
    assert html_problems(render_start()) == []
