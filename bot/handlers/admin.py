"""/stats for the operators listed in ADMIN_IDS; to anyone else it is an unknown command.

/stats is deliberately missing from the public command menu (knowledge.catalog.COMMANDS).
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, filters

from bot.messaging import reply
from bot.services import get_services
from bot.storage import Stats
from knowledge.texts import UNKNOWN_COMMAND


def render_stats(stats: Stats) -> str:
    """The /stats reply (numbers only, so nothing needs escaping)."""
    return "\n".join(
        (
            "<b>Bot statistics</b>",
            f"Users: {stats.users} ({stats.blocked_users} blocked the bot)",
            f"Quizzes: {stats.quizzes_finished} finished, {stats.quizzes_in_progress} in progress",
            (
                f"Check-ins: {stats.followups_pending} pending, {stats.followups_sent} sent, "
                f"{stats.followups_blocked} blocked, {stats.followups_failed} failed"
            ),
        )
    )


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    services = get_services(context)
    user = update.effective_user
    if user is None or user.id not in services.settings.admin_ids:
        # Exactly what any other unknown command gets: /stats does not exist for them.
        await reply(update, UNKNOWN_COMMAND)
        return
    await reply(update, render_stats(await services.store.stats()))


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    # Private chats only, like the unknown-command fallback.
    return [CommandHandler("stats", stats, filters=filters.ChatType.PRIVATE)]
