"""Route callback queries by the kind of action their data decodes to."""

from __future__ import annotations

from collections.abc import Callable

from bot.keyboards import parse_callback


def action_is(*kinds: type) -> Callable[[object], bool]:
    """A CallbackQueryHandler pattern that matches data decoding to one of `kinds`."""

    def check(data: object) -> bool:
        return isinstance(data, str) and isinstance(parse_callback(data), kinds)

    return check
