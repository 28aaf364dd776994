"""Route callback queries by the kind of action their data decodes to."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from telegram import Update

from bot.keyboards import parse_callback

A = TypeVar("A")


def action_is(*kinds: type) -> Callable[[object], bool]:
    """A CallbackQueryHandler pattern that matches data decoding to one of `kinds`."""

    def check(data: object) -> bool:
        return isinstance(data, str) and isinstance(parse_callback(data), kinds)

    return check


def pressed(update: Update, kind: type[A]) -> A | None:
    """The decoded action of the pressed button when it is a `kind`, else None."""
    query = update.callback_query
    action = parse_callback(query.data if query else None)
    return action if isinstance(action, kind) else None
