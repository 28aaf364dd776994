"""The global error handler: log it (never the token), tell the user kindly."""

from __future__ import annotations

import logging
import sqlite3
import time

from telegram import Update
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, TelegramError
from telegram.ext import ContextTypes

from bot.storage import StoreError
from knowledge.texts import BUSY, ERROR

log = logging.getLogger(__name__)

CONFLICT_LOGGED_KEY = "conflict_logged_at"
CONFLICT_REPEAT_SECONDS = 300.0


def user_message_for(error: BaseException | None) -> str:
    """What to tell the user about an error."""
    if isinstance(error, StoreError | sqlite3.OperationalError):
        return BUSY
    return ERROR


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    error = context.error
    if isinstance(error, Conflict):
        # PTB keeps polling and retries with backoff; the operator needs one clear line, not
        # one per retry: it is repeated at most every CONFLICT_REPEAT_SECONDS.
        now = time.monotonic()
        last = context.bot_data.get(CONFLICT_LOGGED_KEY)
        if not isinstance(last, float) or now - last >= CONFLICT_REPEAT_SECONDS:
            context.bot_data[CONFLICT_LOGGED_KEY] = now
            log.error(
                "another instance is receiving updates for this bot token (409 Conflict: %s); "
                "stop the other one: only one bot process may poll Telegram",
                str(error).removeprefix("Conflict: "),
            )
        return
    if isinstance(error, Forbidden):
        log.info("the user blocked the bot; nothing more to send")
        return
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        log.warning("network problem talking to Telegram: %s", error)
    else:
        log.error("error while handling an update", exc_info=error)
    if not isinstance(update, Update):
        return
    text = user_message_for(error)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text[:190], show_alert=True)
        elif update.effective_chat is not None:
            await update.effective_chat.send_message(text)
    except TelegramError as exc:
        log.warning("could not tell the user about the error: %s", type(exc).__name__)
