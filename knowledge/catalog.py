"""The public command menu (for ``setMyCommands`` and ``/help``).

Topic commands take their description from the topic itself, so the text
lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.content import TOPICS_BY_KEY

__all__ = ["COMMANDS", "CommandInfo"]


@dataclass(frozen=True, slots=True)
class CommandInfo:
    """A bot command and its one-line menu description."""

    command: str
    description: str


def _topic(key: str) -> CommandInfo:
    topic = TOPICS_BY_KEY[key]
    return CommandInfo(command=topic.command, description=topic.description)


COMMANDS: tuple[CommandInfo, ...] = (
    CommandInfo("start", "Start here: what this bot does"),
    CommandInfo("help", "List everything I can do"),
    CommandInfo("quiz", "Quick symptom check with buttons"),
    _topic("causes"),
    _topic("cramps"),
    _topic("cyst"),
    _topic("runners"),
    _topic("other"),
    _topic("stretch"),
    _topic("rice"),
    _topic("facts"),
    _topic("doctor"),
    CommandInfo("sources", "Where this information comes from"),
    CommandInfo("language", "Language, and your country's emergency number"),
    CommandInfo("followup", "See or cancel your two-day check-in"),
    CommandInfo("stop", "Cancel my check-ins"),
    CommandInfo("forget", "Erase everything you store about me"),
)
