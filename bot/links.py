"""Links for posters: ``https://t.me/<bot>?start=quiz`` opens a screen of the bot directly.

Telegram passes the ``start`` parameter of a t.me link to the bot as ``/start <payload>``
(a "deep link"). The payloads the bot knows are `START_TARGETS`: ``quiz`` and each topic key
(``doctor``, ``cramps`` ...); `bot/handlers/deeplinks.py` opens them, and anything else gets
the normal welcome, as a forged button would get "this button has expired".

`kneebot link quiz` prints the link, and ``--qr poster.png`` draws it as a QR code (segno,
pure Python) for a poster or a leaflet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from knowledge.content import TOPICS

__all__ = [
    "QR_BORDER",
    "QR_SCALE",
    "START_TARGETS",
    "link_url",
    "normalise_username",
    "start_target",
    "write_qr",
]

START_TARGETS: tuple[str, ...] = ("quiz", *(topic.key for topic in TOPICS))
"""Every screen a link can open: the quiz and each topic page."""

# Telegram's rule for a bot's username: 5-32 characters, a letter first, ending in "bot".
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{4,31}")
QR_SCALE = 10  # pixels per module: about 4 cm across at 300 dpi for a short link
QR_BORDER = 4  # the quiet zone the QR standard asks for, in modules


def start_target(args: Sequence[str] | None) -> str | None:
    """The screen a ``/start`` payload asks for, or None (none, unknown, forged)."""
    if not args or len(args) != 1:
        return None
    payload = args[0]
    return payload if payload in START_TARGETS else None


def normalise_username(username: str) -> str:
    """``@Knee_Tips_Bot`` -> ``Knee_Tips_Bot``; ValueError if it cannot be a username."""
    name = username.strip().removeprefix("@")
    if not _USERNAME.fullmatch(name):
        raise ValueError(f"{username!r} is not a Telegram bot username")
    return name


def link_url(username: str, target: str) -> str:
    """The t.me link that opens `target` in the bot `username`."""
    if target not in START_TARGETS:
        raise ValueError(f"unknown screen {target!r}: one of {', '.join(START_TARGETS)}")
    return f"https://t.me/{normalise_username(username)}?start={target}"


def write_qr(url: str, path: Path) -> tuple[int, int]:
    """Write `url` as a QR code PNG to `path`; returns its (width, height) in pixels."""
    import segno  # only the link command needs it

    code = segno.make(url, error="m", micro=False)
    code.save(str(path), kind="png", scale=QR_SCALE, border=QR_BORDER)
    width, height = code.symbol_size(scale=QR_SCALE, border=QR_BORDER)
    return int(width), int(height)
