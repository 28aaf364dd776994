"""The global error handler: log it (never the token), tell the user kindly and truthfully."""

from __future__ import annotations

import logging
import sqlite3
import time

from telegram import Update
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, TelegramError
from telegram.ext import ContextTypes

from bot.language import speaker_of
from bot.metered import record_error
from bot.retrying_request import maybe_delivered
from bot.storage import StoreError
from knowledge.i18n import choose_language, translate
from knowledge.texts import BUSY, ERROR, SAVE_FAILED

log = logging.getLogger(__name__)

# sqlite3 error names (Python 3.11+: `sqlite_errorname`), by what the user should hear.
_BUSY_ERRORS = ("SQLITE_BUSY", "SQLITE_LOCKED")
_CANNOT_WRITE_ERRORS = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN")


def database_problem(error: BaseException | None) -> str | None:
    """ "busy", "cannot_write" or None: what kind of database trouble `error` is, if any.

    Follows the exception's cause chain (StoreError wraps the sqlite3 error).
    """
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, sqlite3.Error):
            name = str(getattr(error, "sqlite_errorname", ""))
            text = str(error).lower()
            if name.startswith(_BUSY_ERRORS) or "locked" in text or "busy" in text:
                return "busy"
            if name.startswith(_CANNOT_WRITE_ERRORS) or "disk is full" in text:
                return "cannot_write"
            return None
        cause = error.__cause__ or error.__context__
        if isinstance(error, StoreError) and cause is None and "busy" in str(error):
            return "busy"
        error = cause
    return None


CONFLICT_LOGGED_KEY = "conflict_logged_at"
CONFLICT_REPEAT_SECONDS = 300.0


def user_message_for(error: BaseException | None) -> str:
    """What to tell the user about an error: busy (try again), couldn't save, or our fault."""
    problem = database_problem(error)
    if problem == "busy":
        return BUSY
    if problem == "cannot_write":
        return SAVE_FAILED
    return ERROR


async def _language(update: Update, context: ContextTypes.DEFAULT_TYPE, *, database: bool) -> str:
    """The language to apologise in; when the database is the problem, not asked again."""
    user = update.effective_user
    if database:
        return choose_language(None, user.language_code if user is not None else None)
    return (await speaker_of(update, context)).language


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    error = context.error
    record_error(context.bot_data, error, database=database_problem(error) is not None)
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
    if maybe_delivered(error):
        # A reply was sent (and sent once more) and Telegram did not answer in time: it may
        # well be on the user's screen, so an apology would be wrong, and with Telegram this
        # slow it would time out too (issue 24).
        log.warning("Telegram did not answer in time; the reply may have been delivered: %s", error)
        return
    problem = database_problem(error)
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        log.warning("network problem talking to Telegram: %s", error)
    elif problem is not None:
        # A locked database or a full disk: the same line again and again would say nothing
        # new (the log filter folds repeats into one line a minute with a count).
        log.error("database %s: %s: %s", problem, type(error).__name__, error)
    else:
        log.error("error while handling an update", exc_info=error)
    if not isinstance(update, Update):
        return
    text = translate(
        await _language(update, context, database=problem is not None), user_message_for(error)
    )
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text[:190], show_alert=True)
        elif update.effective_chat is not None:
            await update.effective_chat.send_message(text)
    except TelegramError as exc:
        log.warning("could not tell the user about the error: %s", type(exc).__name__)
