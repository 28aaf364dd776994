"""Two-day check-ins: accept/decline the offer, /followup, cancel, and the check-in answers.

Sending the check-in itself is the sweeper's job (bot/scheduler.py); this module only reads
and writes rows through the Store. Every button checks with the database that it still
means something for the user pressing it; anything stale gets BUTTON_EXPIRED.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import CallbackQuery, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.handlers.routing import action_is, pressed
from bot.keyboards import (
    CHECKIN_BETTER,
    CHECKIN_HURTING,
    AcceptCheckin,
    CancelFollowup,
    CheckinAnswer,
    DeclineCheckin,
    cancel_followup_keyboard,
)
from bot.messaging import answer_query, reply, send_chunks
from bot.services import Services, get_services
from bot.storage import SENDING, Followup
from knowledge.checkin_texts import (
    ACCEPT_ALREADY,
    ACCEPT_DONE,
    BETTER_REPLY,
    CANCEL_DONE,
    DECLINE_DONE,
    FOLLOWUP_NONE,
    FOLLOWUP_PENDING,
    LATER_ALREADY,
    LATER_DONE,
    LATER_LIMIT,
    answered_checkin,
    describe_due,
    render_hurting_reply,
)
from knowledge.texts import BUTTON_EXPIRED

log = logging.getLogger(__name__)


def when_due(row: Followup, now: int) -> str:
    """Human-friendly due time; a row being sent is due now (its due_at is the lease)."""
    if row.state == SENDING:
        return describe_due(now, now)
    return describe_due(row.due_at, now)


async def _remove_keyboard(query: CallbackQuery) -> None:
    """Take the buttons off the message that was pressed (it may already have none)."""
    try:
        await query.edit_message_reply_markup(reply_markup=None)
    except BadRequest as exc:
        log.debug("could not remove the keyboard: %s", exc)


async def _owns_outcome(services: Services, outcome_id: int, user_id: int) -> bool:
    outcome = await services.store.get_outcome(outcome_id)
    return outcome is not None and outcome[1] == user_id


# -- the offer under a quiz outcome ------------------------------------------------------


async def accept_checkin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, user = update.callback_query, update.effective_user
    action = pressed(update, AcceptCheckin)
    services = get_services(context)
    if (
        query is None
        or action is None
        or user is None
        or not await _owns_outcome(services, action.outcome_id, user.id)
    ):
        await answer_query(query, BUTTON_EXPIRED)
        return
    now = services.now()
    # The check-in goes to the user's private chat (its id is the user's id), even if the
    # quiz ran in a group: one open check-in per user then means at most one per chat.
    row, created = await services.store.schedule_followup(
        user.id,
        user.id,
        now + services.settings.followup_delay_seconds,
        now,
        outcome_id=action.outcome_id,
    )
    await answer_query(query)
    await _remove_keyboard(query)
    text = ACCEPT_DONE if created else ACCEPT_ALREADY
    await reply(update, text.format(when=when_due(row, now)))


async def decline_checkin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, user = update.callback_query, update.effective_user
    action = pressed(update, DeclineCheckin)
    if (
        query is None
        or action is None
        or user is None
        or not await _owns_outcome(get_services(context), action.outcome_id, user.id)
    ):
        await answer_query(query, BUTTON_EXPIRED)
        return
    await answer_query(query)
    await _remove_keyboard(query)
    await reply(update, DECLINE_DONE)


# -- /followup and its cancel button -----------------------------------------------------


async def followup_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    services = get_services(context)
    row = await services.store.open_followup(user.id)
    if row is None:
        await reply(update, FOLLOWUP_NONE)
        return
    text = FOLLOWUP_PENDING.format(when=when_due(row, services.now()))
    await reply(update, text, cancel_followup_keyboard(row.id))


async def cancel_followup(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, user = update.callback_query, update.effective_user
    action = pressed(update, CancelFollowup)
    if query is None or action is None or user is None:
        await answer_query(query, BUTTON_EXPIRED)
        return
    store = get_services(context).store
    cancelled = await store.cancel_followups(user.id, followup_id=action.followup_id)
    if not cancelled:
        # Already sent, cancelled, erased, or someone else's.
        await answer_query(query, BUTTON_EXPIRED)
        return
    await answer_query(query)
    try:
        await query.edit_message_text(CANCEL_DONE, parse_mode=ParseMode.HTML)
    except BadRequest as exc:
        log.debug("could not edit the /followup message: %s", exc)
        await reply(update, CANCEL_DONE)


# -- answers to the check-in message -----------------------------------------------------


async def checkin_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, user = update.callback_query, update.effective_user
    action = pressed(update, CheckinAnswer)
    if query is None or action is None or user is None:
        await answer_query(query, BUTTON_EXPIRED)
        return
    services = get_services(context)
    now = services.now()
    row = await services.store.record_answer(action.followup_id, user.id, action.answer, now)
    if row is None:
        # Answered already, erased by /forget, or not this user's check-in.
        await answer_query(query, BUTTON_EXPIRED)
        return
    await answer_query(query)
    try:
        await query.edit_message_text(
            answered_checkin(action.answer, row.reminder_count), parse_mode=ParseMode.HTML
        )
    except BadRequest as exc:
        log.debug("could not edit the check-in message: %s", exc)
    if action.answer == CHECKIN_BETTER:
        await reply(update, BETTER_REPLY)
    elif action.answer == CHECKIN_HURTING:
        await send_chunks(update, render_hurting_reply())
    else:
        await reply(update, await remind_later(services, row, now))


async def remind_later(services: Services, row: Followup, now: int) -> str:
    """Schedule one more check-in after "Remind me in 2 more days", within max_reminders."""
    reminders = row.reminder_count + 1
    if reminders > services.settings.max_reminders:
        return LATER_LIMIT
    again, created = await services.store.schedule_followup(
        row.user_id,
        row.chat_id,
        now + services.settings.followup_delay_seconds,
        now,
        outcome_id=row.outcome_id,
        reminder_count=reminders,
    )
    text = LATER_DONE if created else LATER_ALREADY
    return text.format(when=when_due(again, now))


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [
        CommandHandler("followup", followup_command),
        CallbackQueryHandler(accept_checkin, pattern=action_is(AcceptCheckin)),
        CallbackQueryHandler(decline_checkin, pattern=action_is(DeclineCheckin)),
        CallbackQueryHandler(cancel_followup, pattern=action_is(CancelFollowup)),
        CallbackQueryHandler(checkin_answer, pattern=action_is(CheckinAnswer)),
    ]
