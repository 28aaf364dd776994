"""UI strings for the two-day check-in, and the small functions that assemble them.

Every string is valid Telegram HTML (``&``, ``<`` and ``>`` only as markup or entities).
This module never imports ``telegram``: buttons live in ``bot/keyboards.py``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from knowledge.render import MESSAGE_LIMIT, render_red_flags, split_html

__all__ = [
    "ACCEPT_ALREADY",
    "ACCEPT_DONE",
    "ANSWER_LABELS",
    "BETTER_REPLY",
    "CANCEL_DONE",
    "CHECKIN_MESSAGE",
    "DECLINE_DONE",
    "FOLLOWUP_NONE",
    "FOLLOWUP_PENDING",
    "HURTING_ADVICE",
    "HURTING_INTRO",
    "LATER_ALREADY",
    "LATER_DONE",
    "LATER_LIMIT",
    "REMINDER_MESSAGE",
    "answered_checkin",
    "checkin_message",
    "describe_due",
    "render_hurting_reply",
]

CHECKIN_MESSAGE = (
    "<b>Hi, it's been two days since your knee quiz.</b>\n"
    "How is the pain behind your knee now?\n\n"
    "If it's still hurting after a couple of days, it's worth seeing a doctor. "
    "Tap an answer below and I'll help with the next step."
)

REMINDER_MESSAGE = (
    "<b>Hi, I'm checking in again, as you asked.</b>\n"
    "How is the pain behind your knee now?\n\n"
    "If it's still hurting after a couple of days, it's worth seeing a doctor. "
    "Tap an answer below and I'll help with the next step."
)


def checkin_message(reminder_count: int) -> str:
    """The check-in text: the first one after the quiz, or a reminder the user asked for."""
    return CHECKIN_MESSAGE if reminder_count == 0 else REMINDER_MESSAGE


# What the user chose, shown under the check-in once the buttons are gone.
ANSWER_LABELS: dict[str, str] = {
    "better": "🙂 Better now",
    "hurting": "😣 Still hurting",
    "later": "⏰ Remind me in 2 more days",
}


def answered_checkin(answer: str, reminder_count: int = 0) -> str:
    """The check-in message after it was answered: the question, then the answer chosen."""
    label = ANSWER_LABELS.get(answer, answer)
    return f"{checkin_message(reminder_count)}\n\n<i>Your answer: {label}</i>"


BETTER_REPLY = (
    "<b>That's good to hear, thank you for letting me know.</b> 🙂\n\n"
    "I've closed this check-in. Gentle stretching helps keep the pain away: "
    "/stretch shows a few that are safe to do every day.\n\n"
    "If the pain comes back, /doctor lists the signs that need a check-up."
)

HURTING_INTRO = (
    "<b>I'm sorry it's still hurting.</b>\n"
    "First, please check these warning signs. They matter most."
)

HURTING_ADVICE = (
    "<b>If none of those warning signs fit</b>\n"
    "Pain behind the knee that lasts more than a couple of days is worth showing to a "
    "doctor. Please book a GP appointment, or ask a pharmacist or NHS 111 (UK) if you're "
    "not sure where to start.\n\n"
    "Until then, rest it when it hurts and see /rice for first aid. "
    "/doctor has the full list of when to get help."
)


def render_hurting_reply() -> list[str]:
    """The answer to "Still hurting": red flags first (they win), then the doctor advice."""
    text = f"{HURTING_INTRO}\n\n{render_red_flags()}\n\n{HURTING_ADVICE}"
    return split_html(text, MESSAGE_LIMIT)


LATER_DONE = "Of course. I'll check on you again {when}.\n\nSend /followup to see or cancel it."

LATER_ALREADY = (
    "You already have a check-in planned {when}, so I'll ask you then.\n\n"
    "Send /followup to see or cancel it."
)

LATER_LIMIT = (
    "I've checked in a few times now, so I won't send more reminders.\n\n"
    "<b>If your knee still hurts, please see a doctor</b>: pain that lasts this long "
    "deserves a proper look. /doctor explains when and where to get help."
)

ACCEPT_DONE = (
    "🔔 Done. I'll check on you {when}.\n\n"
    "Send /followup to see or cancel it, or /stop to cancel every check-in."
)

ACCEPT_ALREADY = (
    "You already have a check-in planned {when}, so there's no need for another.\n\n"
    "Send /followup to see or cancel it."
)

DECLINE_DONE = (
    "No problem, I won't check in. Thank you for taking the quiz.\n\n"
    "If the pain is still there in a couple of days, /doctor explains when to see someone."
)

FOLLOWUP_PENDING = "Your next check-in is due {when}."

FOLLOWUP_NONE = (
    "You have no check-in planned.\n\n"
    "Take the /quiz and, at the end, I can offer to check on you in two days."
)

CANCEL_DONE = "Cancelled: I won't send that check-in. Take care of that knee!"


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_QUARTER_HOUR = 15 * 60
_FIVE_MINUTES = 5 * 60


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def describe_due(due_at: int, now: int) -> str:
    """When a check-in is due, for people: "in 2 days, on Saturday 28 November around 14:00 UTC".

    The time is rounded to the nearest quarter hour (five minutes when it is close), as the
    check-in may go out a little late. Times are UTC: the bot does not know the user's time zone.
    """
    delta = due_at - now
    if delta <= 60:
        return "any moment now"
    if delta < 3600:
        relative = f"in {_plural(max(1, round(delta / 60)), 'minute')}"
    elif delta < 36 * 3600:
        relative = f"in {_plural(round(delta / 3600), 'hour')}"
    else:
        relative = f"in {_plural(round(delta / 86400), 'day')}"
    step = _FIVE_MINUTES if delta < 3 * 3600 else _QUARTER_HOUR
    due = datetime.fromtimestamp(round(due_at / step) * step, UTC)
    today = datetime.fromtimestamp(now, UTC).date()
    clock = f"around {due:%H:%M} UTC"
    if due.date() == today:
        return f"{relative}, today {clock}"
    if due.date() == today + timedelta(days=1) and delta < 36 * 3600:
        return f"{relative}, tomorrow {clock}"
    day = f"{_WEEKDAYS[due.weekday()]} {due.day} {_MONTHS[due.month - 1]}"
    if due.year != today.year:
        day += f" {due.year}"
    return f"{relative}, on {day} {clock}"
