"""The follow-up sweeper (placeholder until the check-in feature lands)."""

from __future__ import annotations

from telegram import Bot

from bot.services import Services


class Sweeper:
    """Sends due check-ins from the database. Knows nothing of handlers."""

    def __init__(self, services: Services, bot: Bot) -> None:
        self._services = services
        self._bot = bot

    def start(self) -> None:
        """Begin sweeping in the background."""

    async def stop(self) -> None:
        """Finish the row being sent, then stop."""

    @property
    def running(self) -> bool:
        return False

    def __repr__(self) -> str:
        return f"Sweeper(running={self.running})"
