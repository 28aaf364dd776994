"""Two-day check-ins: accept/decline the offer, /followup, cancel, the answers and the re-check.

Sending the check-in itself is the sweeper's job (bot/scheduler.py); this module only reads
and writes rows through the Store. Every button checks with the database that it still
means something for the user pressing it; anything stale gets BUTTON_EXPIRED.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CommandHandler, ContextTypes

from bot.handlers.routing import Press, on_press
from bot.keyboards import (
    CHECKIN_BETTER,
    CHECKIN_LATER,
    CHECKIN_SAME,
    RECHECK_NONE,
    AcceptCheckin,
    CancelFollowup,
    CheckinAnswer,
    DeclineCheckin,
    RecheckAnswer,
    advice_keyboard,
    cancel_followup_keyboard,
    onward_keyboard,
    parse_callback,
    recheck_keyboard,
)
from bot.language import speaker_of
from bot.messaging import edit_html, reply
from bot.outcomes import outcome_screen
from bot.services import Services, get_services
from bot.storage import SENDING, Followup
from knowledge.checkin_texts import (
    ACCEPT_ALREADY,
    ACCEPT_DONE,
    BETTER_REPLY,
    CANCEL_DONE,
    CHECKIN_MESSAGE,
    DECLINE_DONE,
    FOLLOWUP_NONE,
    FOLLOWUP_PENDING,
    LATER_ALREADY,
    LATER_DONE,
    LATER_LIMIT,
    NONE_OF_THESE,
    RECHECK_QUESTION,
    aligned_due,
    answered_checkin,
    describe_due,
    doctor_advice,
    recheck_outcome,
)
from knowledge.content import TOPICS_BY_KEY
from knowledge.i18n import DEFAULT_LANGUAGE, translate
from knowledge.warning_signs import WARNING_SIGN_GROUPS

log = logging.getLogger(__name__)


def when_due(row: Followup, now: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """Human-friendly due time; a row being sent is due now (its due_at is the lease)."""
    if row.state == SENDING:
        return describe_due(now, now, lang)
    return describe_due(row.due_at, now, lang)


async def _remove_offer(query: CallbackQuery) -> None:
    """Take the check-in offer off the outcome that was answered, and keep its other buttons
    (the summary for a doctor, the topics): the offer is answered, the rest still helps."""
    message = query.message
    markup = message.reply_markup if isinstance(message, Message) else None
    rows = [
        [b for b in row if not isinstance(_action(b.callback_data), _OFFER)]
        for row in (markup.inline_keyboard if markup is not None else ())
    ]
    kept = [row for row in rows if row]
    try:
        await query.edit_message_reply_markup(
            reply_markup=InlineKeyboardMarkup(kept) if kept else None
        )
    except BadRequest as exc:
        log.debug("could not take the offer off: %s", exc)


_OFFER = (AcceptCheckin, DeclineCheckin)


def _action(data: object) -> object:
    return parse_callback(data) if isinstance(data, str) else None


async def _owns_outcome(services: Services, outcome_id: int, user_id: int) -> bool:
    outcome = await services.store.get_outcome(outcome_id)
    return outcome is not None and outcome.user_id == user_id


# -- the offer under a quiz outcome ------------------------------------------------------


async def accept_checkin(press: Press[AcceptCheckin], context: ContextTypes.DEFAULT_TYPE) -> None:
    services = get_services(context)
    outcome_id, user_id = press.action.outcome_id, press.user_id
    if not await _owns_outcome(services, outcome_id, user_id):
        await press.expired()
        return
    now = services.now()
    # The check-in goes to the user's private chat (its id is the user's id), even if the
    # quiz ran in a group: one open check-in per user then means at most one per chat.
    row, created = await services.store.schedule_followup(
        user_id,
        user_id,
        now + services.settings.followup_delay_seconds,
        now,
        outcome_id=outcome_id,
    )
    await press.answer()
    await _remove_offer(press.query)
    lang = press.lang
    text = translate(lang, ACCEPT_DONE if created else ACCEPT_ALREADY)
    await reply(
        press.update,
        text.format(when=when_due(row, now, lang)),
        onward_keyboard(quiz=False, lang=lang),
    )


async def decline_checkin(press: Press[DeclineCheckin], context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await _owns_outcome(get_services(context), press.action.outcome_id, press.user_id):
        await press.expired()
        return
    await press.answer()
    await _remove_offer(press.query)
    lang = press.lang
    await reply(press.update, translate(lang, DECLINE_DONE), onward_keyboard(quiz=False, lang=lang))


# -- /followup and its cancel button -----------------------------------------------------


async def followup_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    services = get_services(context)
    lang = (await speaker_of(update, context)).language
    row = await services.store.open_followup(user.id)
    if row is None:
        await reply(update, translate(lang, FOLLOWUP_NONE), onward_keyboard(lang=lang))
        return
    text = translate(lang, FOLLOWUP_PENDING).format(when=when_due(row, services.now(), lang))
    await reply(update, text, cancel_followup_keyboard(row.id, lang))


async def cancel_followup(press: Press[CancelFollowup], context: ContextTypes.DEFAULT_TYPE) -> None:
    store = get_services(context).store
    if not await store.cancel_followups(press.user_id, followup_id=press.action.followup_id):
        # Already sent, cancelled, erased, or someone else's.
        await press.expired()
        return
    await press.answer()
    done, onward = translate(press.lang, CANCEL_DONE), onward_keyboard(lang=press.lang)
    if not await edit_html(press.query, done, onward):
        await reply(press.update, done, onward)


# -- answers to the check-in message -----------------------------------------------------


def _shown_text(query: CallbackQuery, lang: str) -> str:
    """The pressed check-in's text as HTML (it recalls the quiz), or the generic one."""
    message = query.message
    if isinstance(message, Message) and message.text:
        return message.text_html
    return translate(lang, CHECKIN_MESSAGE)


async def checkin_answer(press: Press[CheckinAnswer], context: ContextTypes.DEFAULT_TYPE) -> None:
    action, update = press.action, press.update
    services = get_services(context)
    now = services.now()
    lang = press.lang
    shown = _shown_text(press.query, lang)
    row = await services.store.record_answer(action.followup_id, press.user_id, action.answer, now)
    if row is None:
        # Answered already, erased by /forget, or not this user's check-in.
        await press.expired()
        return
    await press.answer()
    await edit_html(press.query, answered_checkin(shown, action.answer, lang))  # it stays
    if action.answer == CHECKIN_BETTER:
        stretch = TOPICS_BY_KEY["stretch"]
        markup = advice_keyboard((stretch.key, stretch.menu_label), lang)
        await reply(update, translate(lang, BETTER_REPLY), markup)
    elif action.answer == CHECKIN_LATER:
        text = await remind_later(services, row, now, lang)
        await reply(update, text, onward_keyboard(quiz=False, lang=lang))
    else:
        # About the same, Worse (or the old "Still hurting"): the warning signs first.
        signs = ((sign.key, sign.label) for sign in WARNING_SIGN_GROUPS)
        markup = recheck_keyboard(row.id, signs, NONE_OF_THESE, lang)
        await reply(update, translate(lang, RECHECK_QUESTION), markup)


async def recheck_answer(press: Press[RecheckAnswer], context: ContextTypes.DEFAULT_TYPE) -> None:
    """A tap on the re-check: a warning sign goes through the triage rules; none, the advice."""
    action = press.action
    row = await get_services(context).store.get_followup(action.followup_id)
    outcome = recheck_outcome(action.sign)
    if (
        row is None
        or row.user_id != press.user_id
        or row.answer in (None, CHECKIN_BETTER, CHECKIN_LATER)
        or (outcome is None and action.sign != RECHECK_NONE)
    ):
        await press.expired()
        return
    markup: InlineKeyboardMarkup | None
    if outcome is None:
        rice = TOPICS_BY_KEY["rice"]
        text = doctor_advice(row.answer or CHECKIN_SAME, press.lang)
        markup = advice_keyboard((rice.key, rice.menu_label), press.lang)
        await press.answer()
    else:
        screen = outcome_screen(outcome, checkin_offer_id=None, speaker=press.speaker)
        text, markup = screen.text, screen.keyboard
        await press.answer(outcome.advice[0] if outcome.advice else None)
    if not await edit_html(press.query, text, markup):
        await reply(press.update, text, markup)


async def remind_later(
    services: Services, row: Followup, now: int, lang: str = DEFAULT_LANGUAGE
) -> str:
    """Schedule one more check-in after "Remind me later", within max_reminders.

    It keeps the time of day of the quiz, when the person was awake.
    """
    reminders = row.reminder_count + 1
    if reminders > services.settings.max_reminders:
        return translate(lang, LATER_LIMIT)
    quiz_at = None
    if row.outcome_id is not None:
        outcome = await services.store.get_outcome(row.outcome_id)
        quiz_at = outcome.created_at if outcome is not None else None
    again, created = await services.store.schedule_followup(
        row.user_id,
        row.chat_id,
        aligned_due(now, services.settings.followup_delay_seconds, quiz_at),
        now,
        outcome_id=row.outcome_id,
        reminder_count=reminders,
    )
    text = translate(lang, LATER_DONE if created else LATER_ALREADY)
    return text.format(when=when_due(again, now, lang))


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [
        CommandHandler("followup", followup_command),
        on_press(AcceptCheckin, accept_checkin),
        on_press(DeclineCheckin, decline_checkin),
        on_press(CancelFollowup, cancel_followup),
        on_press(CheckinAnswer, checkin_answer),
        on_press(RecheckAnswer, recheck_answer),
    ]
