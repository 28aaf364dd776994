"""Telegram HTML as tdlib reads it, and the text checks Telegram makes before it sends.

``parse_html`` mirrors tdlib's ``parse_html``; ``validated_text`` is what sendMessage and
editMessageText do with ``text`` and ``parse_mode`` (parse, trim, length limit).
"""

from __future__ import annotations

import re

from playground.emulator.records import JsonDict, bad

MAX_TEXT_UTF16 = 4096

_BOT_COMMAND_RE = re.compile(r"/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?")
_MENTION_RE = re.compile(r"(?<![A-Za-z0-9_])@[A-Za-z0-9_]{5,32}")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for limits and entity offsets."""
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML; ``str(err)`` is tdlib's wording."""


_ALLOWED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_SIMPLE_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}


_ENTITY_PRIORITY = {
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "text_mention": 49,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}


def _decode_html_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode the HTML entity at text[pos] == '&' like tdlib; None if it is not one."""
    n = len(text)
    end = pos + 1
    if end < n and text[end] == "#":
        end += 1
        code = 0
        if end < n and text[end] == "x":
            end += 1
            while end < n and text[end] in "0123456789abcdefABCDEF":
                code = code * 16 + int(text[end], 16)
                end += 1
        else:
            while end < n and text[end] in "0123456789":
                code = code * 10 + int(text[end])
                end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return None
        if 0xD800 <= code <= 0xDFFF:
            raise HtmlParseError(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            )
        decoded = chr(code)
    else:
        while end < n and text[end].isascii() and text[end].isalpha():
            end += 1
        named = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}.get(text[pos + 1 : end])
        if named is None:
            return None
        decoded = named
    if end < n and text[end] == ";":
        end += 1
    return decoded, end


def _spans(entity: JsonDict, kind: str, offset: int, length: int) -> bool:
    """Whether ``entity`` is a ``kind`` entity over exactly offset..offset+length."""
    return (
        entity.get("type") == kind
        and entity.get("offset") == offset
        and entity.get("length") == length
    )


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[JsonDict]]:
    """Parse Telegram HTML into (visible text, Bot API entities); raise HtmlParseError.

    Mirrors tdlib's ``parse_html`` (td/telegram/MessageEntity.cpp): same tags, same
    nesting rules, same error messages with UTF-8 byte offsets.  Entity offsets and lengths
    are in UTF-16 code units.  With ``strict_ampersand`` a ``&`` that does not start a
    valid entity (``&lt; &gt; &amp; &quot; &#N; &#xN;``) is an error.
    """

    def byte_offset(pos: int) -> int:
        return len(text[:pos].encode("utf-8"))

    out: list[str] = []
    out_len = 0  # characters in out, for <a> without href
    utf16 = 0
    # (tag name, argument, utf16 offset, index in out)
    stack: list[tuple[str, str, int, int]] = []
    entities: list[JsonDict] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "&":
            decoded = _decode_html_entity(text, i)
            if decoded is not None:
                out.append(decoded[0])
                out_len += 1
                utf16 += utf16_len(decoded[0])
                i = decoded[1]
                continue
            if strict_ampersand:
                raise HtmlParseError(
                    f'Character "&" must be escaped as "&amp;" at byte offset {byte_offset(i)}'
                )
        if ch != "<":
            out.append(ch)
            out_len += 1
            utf16 += utf16_len(ch)
            i += 1
            continue

        begin = i
        i += 1
        if i < n and text[i] == "/":
            # end tag
            if not stack:
                raise HtmlParseError(f"Unexpected end tag at byte offset {byte_offset(begin)}")
            while i < n and not text[i].isspace() and text[i] != ">":
                i += 1
            end_name = text[begin + 2 : i].lower()
            while i < n and text[i].isspace():
                i += 1
            if i >= n or text[i] != ">":
                raise HtmlParseError(f"Unclosed end tag at byte offset {byte_offset(begin)}")
            i += 1
            tag, argument, start16, start_out = stack.pop()
            if end_name and end_name != tag:
                raise HtmlParseError(
                    f"Unmatched end tag at byte offset {byte_offset(begin)}, "
                    f'expected "</{tag}>", found "</{end_name}>"'
                )
            length = utf16 - start16
            if length <= 0:
                continue
            if tag in _SIMPLE_ENTITY:
                entities.append({"type": _SIMPLE_ENTITY[tag], "offset": start16, "length": length})
            elif tag == "tg-emoji":
                if not argument.isdigit() or int(argument) == 0:
                    raise HtmlParseError("Invalid custom emoji identifier specified")
                entities.append(
                    {
                        "type": "custom_emoji",
                        "offset": start16,
                        "length": length,
                        "custom_emoji_id": argument,
                    }
                )
            elif tag == "a":
                url = argument or "".join(out[start_out:])
                if url:
                    entities.append(
                        {"type": "text_link", "offset": start16, "length": length, "url": url}
                    )
            elif tag == "blockquote":
                kind = "expandable_blockquote" if argument == "expandable" else "blockquote"
                entities.append({"type": kind, "offset": start16, "length": length})
            elif tag == "pre":
                last: JsonDict = entities[-1] if entities else {}
                if _spans(last, "code", start16, length) and last.get("language"):
                    last["type"] = "pre"
                else:
                    entities.append({"type": "pre", "offset": start16, "length": length})
            else:  # code
                last = entities[-1] if entities else {}
                if _spans(last, "pre", start16, length) and argument:
                    last["language"] = argument
                else:
                    code: JsonDict = {"type": "code", "offset": start16, "length": length}
                    if argument:
                        code["language"] = argument
                    entities.append(code)
            continue

        # start tag
        while i < n and not text[i].isspace() and text[i] != ">":
            i += 1
        if i >= n:
            raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
        tag = text[begin + 1 : i].lower()
        if tag not in _ALLOWED_TAGS:
            raise HtmlParseError(
                f'Unsupported start tag "{tag}" at byte offset {byte_offset(begin)}'
            )
        argument = ""
        while True:
            while i < n and text[i].isspace():
                i += 1
            if i >= n:
                raise HtmlParseError(
                    f'Unclosed start tag "{tag}" at byte offset {byte_offset(begin)}'
                )
            if text[i] == ">":
                i += 1
                break
            attr_begin = i
            while i < n and not text[i].isspace() and text[i] not in "=>":
                i += 1
            attr_name = text[attr_begin:i]
            if not attr_name:
                raise HtmlParseError(
                    f'Empty attribute name in the tag "{tag}" at byte offset {byte_offset(begin)}'
                )
            while i < n and text[i].isspace():
                i += 1
            if i < n and text[i] != "=" and tag == "blockquote" and attr_name == "expandable":
                argument = "expandable"
                continue
            if i >= n or text[i] != "=":
                raise HtmlParseError(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {byte_offset(begin)}'
                )
            i += 1
            while i < n and text[i].isspace():
                i += 1
            if i >= n:
                raise HtmlParseError(
                    f'Unclosed start tag "{tag}" at byte offset {byte_offset(begin)}'
                )
            if text[i] not in "'\"":
                token_begin = i
                while i < n and ((text[i].isascii() and text[i].isalnum()) or text[i] in ".-"):
                    i += 1
                value = text[token_begin:i].lower()
                if i < n and not text[i].isspace() and text[i] != ">":
                    raise HtmlParseError(
                        f"Unexpected end of name token at byte offset {byte_offset(token_begin)}"
                    )
            else:
                quote = text[i]
                i += 1
                chars: list[str] = []
                while i < n and text[i] != quote:
                    if text[i] == "&":
                        decoded = _decode_html_entity(text, i)
                        if decoded is not None:
                            chars.append(decoded[0])
                            i = decoded[1]
                            continue
                    chars.append(text[i])
                    i += 1
                if i < n:
                    i += 1
                value = "".join(chars)
            if i >= n:
                raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if (
                (tag == "a" and attr_name == "href")
                or (tag == "tg-emoji" and attr_name == "emoji-id")
                or (tag == "blockquote" and attr_name == "expandable")
            ):
                argument = value
            elif tag == "code" and attr_name == "class" and value.startswith("language-"):
                argument = value[len("language-") :]
            elif tag == "span" and attr_name == "class" and value.startswith("tg-"):
                argument = value[len("tg-") :]
        if tag == "span" and argument != "spoiler":
            raise HtmlParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(begin)}'
            )
        stack.append((tag, argument, utf16, len(out)))
    if stack:
        raise HtmlParseError(f"Can't find end tag corresponding to start tag {stack[-1][0]}")
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    # tdlib's sort_entities: offset, longer first, then type priority
    entities.sort(key=lambda e: (e["offset"], -e["length"], _ENTITY_PRIORITY.get(e["type"], 50)))
    return "".join(out), entities


def strip_text(text: str, entities: list[JsonDict]) -> tuple[str, list[JsonDict]]:
    """Trim surrounding whitespace like Telegram, shifting/clipping entities."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    head = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    fixed: list[JsonDict] = []
    for entity in entities:
        start = max(entity["offset"] - head, 0)
        end = min(entity["offset"] + entity["length"] - head, total)
        if end > start:
            fixed.append({**entity, "offset": start, "length": end - start})
    return stripped, fixed


def bot_command_entities(text: str) -> list[JsonDict]:
    """bot_command entities the way Telegram detects them (tdlib match_bot_commands)."""

    def is_word(ch: str) -> bool:
        return ch.isalnum() or ch == "_"

    entities: list[JsonDict] = []
    for match in _BOT_COMMAND_RE.finditer(text):
        start, end = match.span()
        if start > 0 and (is_word(text[start - 1]) or text[start - 1] in "/<>"):
            continue
        if end < len(text) and (is_word(text[end]) or text[end] in "/<>@"):
            continue
        entities.append(
            {
                "type": "bot_command",
                "offset": utf16_len(text[:start]),
                "length": utf16_len(match.group()),
            }
        )
    return entities


def mention_entities(text: str) -> list[JsonDict]:
    """``mention`` entities for every @username in ``text``."""
    return [
        {
            "type": "mention",
            "offset": utf16_len(text[: m.start()]),
            "length": utf16_len(m.group()),
        }
        for m in _MENTION_RE.finditer(text)
    ]


def validated_text(
    params: JsonDict, *, strict_ampersand: bool = True
) -> tuple[str, str | None, str, list[JsonDict]]:
    """(text as sent, parse_mode, visible text, entities) of a message, checked like Telegram:
    parsed by its parse_mode, trimmed, not empty, at most 4096 UTF-16 units. Raises ApiError."""
    raw = params.get("text")
    if raw is None:
        raise bad("message text is empty")
    text = str(raw)
    parse_mode = params.get("parse_mode")
    entities: list[JsonDict]
    if parse_mode in (None, ""):
        parse_mode = None
        plain, entities = text, []
    elif str(parse_mode).lower() == "html":
        try:
            plain, entities = parse_html(text, strict_ampersand=strict_ampersand)
        except HtmlParseError as exc:
            raise bad(f"can't parse entities: {exc}") from None
    elif str(parse_mode).lower() in ("markdown", "markdownv2"):
        plain, entities = text, []  # not parsed by the fake; length checked on raw text
    else:
        raise bad(f"unsupported parse_mode {parse_mode}")
    plain, entities = strip_text(plain, entities)
    if not plain:
        raise bad("message text is empty")
    if utf16_len(plain) > MAX_TEXT_UTF16:
        raise bad("message is too long")
    return text, (str(parse_mode) if parse_mode else None), plain, entities
