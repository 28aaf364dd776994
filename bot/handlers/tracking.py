"""Runs before every other handler: remember that this user talked to us (ids only).

A new user is written at once; after that only "last seen" changes, and the Store batches it
(`Store.note_activity`), so an ordinary update costs no database write here.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, ContextTypes, TypeHandler

from bot.services import get_services
from bot.storage import StoreError

log = logging.getLogger(__name__)

GROUP = -1


async def track_user(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None or user.is_bot:
        return
    services = get_services(context)
    try:
        await services.store.note_activity(user.id, user.language_code, services.now())
    except (StoreError, sqlite3.Error) as exc:
        # Remembering the user is bookkeeping; the answer they asked for matters more.
        log.warning("could not record user activity: %s", type(exc).__name__)


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [TypeHandler(Update, track_user)]
