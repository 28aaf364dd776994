"""UI strings for the two-day check-in, and the small functions that assemble them.

The check-in recalls what the quiz pointed to, asks how the knee is now (Better / About the
same / Worse / Remind me later) without pre-judging the answer, and for "About the same" and
"Worse" re-checks the warning signs before saying plainly what to book.

Every string is valid Telegram HTML (``&``, ``<`` and ``>`` only as markup or entities). Times
are never shown as a clock time: the bot does not know the user's time zone, so it says
"in 2 days, on Saturday". This module never imports ``telegram``: buttons live in
``bot/keyboards.py``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal

from babel.dates import format_timedelta

from knowledge.i18n import DEFAULT_LANGUAGE, translator
from knowledge.render import escape
from knowledge.texts import SEE_GP_WHEN
from knowledge.tiers import TIERS, Tier
from knowledge.triage import Outcome, assess, parse_outcome_code
from knowledge.warning_signs import WARNING_SIGN_GROUPS_BY_KEY

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
    "LATER_ALREADY",
    "LATER_DONE",
    "LATER_LIMIT",
    "NONE_OF_THESE",
    "RECHECK_QUESTION",
    "REMINDER_MESSAGE",
    "SAME_ADVICE",
    "WORSE_ADVICE",
    "answered_checkin",
    "checkin_message",
    "describe_due",
    "doctor_advice",
    "recall_line",
    "recheck_outcome",
]

DAY = 24 * 3600

_ASK = "How is your knee now, compared with then? Tap the answer that fits best."

CHECKIN_MESSAGE = (
    "<b>Hi, it's me again, checking in two days after your knee quiz.</b>\n"
    "How is your knee now? Tap the answer that fits best."
)
"""The check-in when the quiz's outcome is not known (e.g. it was erased)."""

REMINDER_MESSAGE = (
    "<b>Hi, I'm checking in again, as you asked.</b>\n"
    "How is your knee now? Tap the answer that fits best."
)

# How the check-in names what the quiz pointed to, mid-sentence.
_POINTED_TO: dict[str, str] = {
    "causes": "a common cause of pain behind the knee",
    "cramps": "leg cramps",
    "cyst": "a Baker's cyst",
    "runners": "runner's knee",
    "other": "a strain, a meniscus problem or arthritis",
    "stretch": "tight muscles",
    "rice": "a strain or knock",
    "facts": "pain behind the knee",
    "doctor": "signs that needed a doctor",
}

_DAYS_AGO = {0: "Earlier today", 1: "Yesterday", 2: "Two days ago", 3: "Three days ago"}
_OR = "{first} or {second}"
"""Two things the quiz pointed to, joined."""
_RECALL_SAME_DAY = "{when} the quiz found signs that needed a doctor the same day."
_RECALL_GP = "{when} the quiz suggested booking a GP appointment."
_RECALL_GP_TOPICS = "{when} the quiz suggested booking a GP appointment (it pointed to {topics})."
_RECALL_QUIZ = "{when} you took the knee quiz."
_RECALL_TOPICS = "{when} the quiz pointed to {topics}."
_GREETING = "Hi, it's me again."
_GREETING_AGAIN = "Hi, I'm checking in again."
_YOUR_ANSWER = "<i>Your answer: {answer}</i>"


def _days_ago(quiz_at: int, now: int, lang: str) -> str:
    days = max(0, round((now - quiz_at) / DAY))
    if days in _DAYS_AGO:
        return translator(lang)(_DAYS_AGO[days])
    ago = format_timedelta(timedelta(days=-days), add_direction=True, locale=lang)
    return ago[:1].upper() + ago[1:]


def _join(names: list[str], lang: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return translator(lang)(_OR).format(first=", ".join(names[:-1]), second=names[-1])


def recall_line(
    outcome_code: str, quiz_at: int, now: int, lang: str = DEFAULT_LANGUAGE
) -> str | None:
    """ "Two days ago the quiz pointed to runner's knee." None for a code we cannot read."""
    try:
        parsed = parse_outcome_code(outcome_code)
    except ValueError:
        return None
    tr = translator(lang)
    when = escape(_days_ago(quiz_at, now, lang))
    names = [escape(tr(_POINTED_TO[t])) for t in parsed.topics[:2] if t in _POINTED_TO]
    topics = _join(names, lang)
    if parsed.tier.same_day:
        return tr(_RECALL_SAME_DAY).format(when=when)
    if parsed.tier is Tier.GP_SOON:
        template = _RECALL_GP_TOPICS if names else _RECALL_GP
        return tr(template).format(when=when, topics=topics)
    if not names:
        return tr(_RECALL_QUIZ).format(when=when)
    return tr(_RECALL_TOPICS).format(when=when, topics=topics)


def checkin_message(
    reminder_count: int,
    *,
    outcome_code: str | None = None,
    quiz_at: int | None = None,
    now: int | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> str:
    """The check-in text: what the quiz pointed to (when known), then the question."""
    tr = translator(lang)
    recall = None
    if outcome_code is not None and quiz_at is not None and now is not None:
        recall = recall_line(outcome_code, quiz_at, now, lang)
    if recall is None:
        return tr(CHECKIN_MESSAGE if reminder_count == 0 else REMINDER_MESSAGE)
    greeting = escape(tr(_GREETING if reminder_count == 0 else _GREETING_AGAIN))
    return f"<b>{greeting}</b>\n{recall}\n{escape(tr(_ASK))}"


# The answers (callback answer ids, see bot/keyboards.py), as shown once chosen.
ANSWER_LABELS: dict[str, str] = {
    "better": "🙂 Better",
    "same": "😐 About the same",
    "worse": "😣 Worse",
    "later": "⏰ Remind me later",
    "hurting": "😣 Still hurting",  # the answer of check-ins sent before there were four
}


def answered_checkin(question: str, answer: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The check-in message after it was answered: its text, then the answer chosen."""
    tr = translator(lang)
    label = tr(ANSWER_LABELS.get(answer, answer))
    return f"{question}\n\n" + tr(_YOUR_ANSWER).format(answer=escape(label))


BETTER_REPLY = (
    "<b>That's good to hear, thank you for letting me know.</b> 🙂\n"
    "I've closed this check-in. Stretches keep you moving freely, and strengthening your "
    "thigh, hip and calf muscles helps keep the pain away.\n\n"
    "If it comes back or gets worse, the warning signs are one tap away."
)

RECHECK_QUESTION = (
    "<b>Thanks for telling me. First, a quick safety check.</b>\n"
    "Do you have any of these <b>right now</b>? Tap one, or “None of these”."
)

NONE_OF_THESE = "✅ None of these"

_UNTIL_THEN = (
    "Until then, ease off what makes it worse, use ice wrapped in a towel for 15–20 minutes "
    "at a time, and keep gently moving as the pain allows."
)

SAME_ADVICE = (
    "<b>Thanks: none of the warning signs, so no need to rush.</b>\n"
    "Two days in, pain that is about the same is common: keep going with the self-care. "
    f"<b>{SEE_GP_WHEN}.</b>\n\n"
    f"{_UNTIL_THEN} If it gets worse or a warning sign appears, get seen sooner."
)

WORSE_ADVICE = (
    "<b>I'm sorry it's getting worse.</b>\n"
    "None of the warning signs, but pain that is getting worse should be checked soon. "
    "<b>Please contact your GP practice today or tomorrow and ask for an appointment</b> "
    "(or see a physiotherapist). If you can't get one, NHS 111 (UK) can advise you.\n\n"
    f"{_UNTIL_THEN} If a warning sign appears, get help straight away."
)


def doctor_advice(answer: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """What to book when no warning sign fits: "Worse" more strongly than "About the same"."""
    return translator(lang)(WORSE_ADVICE if answer == "worse" else SAME_ADVICE)


def recheck_outcome(sign_key: str) -> Outcome | None:
    """The triage rules' outcome for a warning-sign group picked on the re-check screen.

    The person has at least one sign of the group, we don't know which: the group and each
    sign are assessed and the most urgent outcome wins. None for an unknown key.
    """
    sign = WARNING_SIGN_GROUPS_BY_KEY.get(sign_key)
    if sign is None:
        return None
    # The whole group first, so that where it ties with a single sign its fuller advice wins
    # (a hot knee with a fever: "go to A&E", as the quiz says).
    outcomes = [assess(frozenset(sign.findings))]
    outcomes += [assess(frozenset({finding})) for finding in sign.findings]
    return max(outcomes, key=lambda outcome: TIERS.index(outcome.tier))


LATER_DONE = "Of course. I'll check on you again {when}.\n\nSend /followup to see or cancel it."

LATER_ALREADY = (
    "You already have a check-in planned {when}, so I'll ask you then.\n\n"
    "Send /followup to see or cancel it."
)

LATER_LIMIT = (
    "I've checked in a few times now, so I won't send more reminders.\n\n"
    "<b>If your knee still hurts, please book an appointment with your GP or a "
    "physiotherapist</b>: pain that lasts this long deserves a proper look."
)

ACCEPT_DONE = (
    "🔔 Done. I'll check on you {when}, at about this time of day.\n\n"
    "Send /followup to see or cancel it, or /stop to cancel every check-in."
)

ACCEPT_ALREADY = (
    "You already have a check-in planned {when}, so there's no need for another.\n\n"
    "Send /followup to see or cancel it."
)

DECLINE_DONE = f"No problem, I won't check in. Thank you for taking the quiz.\n\n{SEE_GP_WHEN}."

FOLLOWUP_PENDING = "Your next check-in is due {when}."

FOLLOWUP_NONE = (
    "You have no check-in planned.\n\n"
    "Take the quiz and, at the end, I can offer to check on you in two days."
)

CANCEL_DONE = "Cancelled: I won't send that check-in. Take care of that knee!"


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
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


_ANY_MOMENT = "any moment now"
_IN_ABOUT = "in about {hours}"
_TOMORROW = "tomorrow"
_IN_DAYS_ON = "in {days}, on {weekday}"
_IN_DAYS_ON_DATE = "in {days}, on {weekday} {day} {month}"


def _amount(seconds: int, unit: Literal["minute", "hour", "day"], lang: str) -> str:
    """ "5 minutes", "2 дня": Babel's CLDR plurals for the language."""
    return format_timedelta(
        timedelta(seconds=seconds), granularity=unit, threshold=1000, locale=lang
    )


def describe_due(due_at: int, now: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """When a check-in is due, for people: "in 2 days, on Saturday"; never a clock time.

    The bot does not know the user's time zone, so it names no hour and no zone; the weekday
    is the one two days on, which is the same almost everywhere.
    """
    tr = translator(lang)
    delta = due_at - now
    if delta <= 60:
        return tr(_ANY_MOMENT)
    if delta < 3600:
        minutes = max(1, round(delta / 60)) * 60
        return format_timedelta(
            timedelta(seconds=minutes),
            granularity="minute",
            threshold=1000,
            add_direction=True,
            locale=lang,
        )
    if delta < 20 * 3600:
        return tr(_IN_ABOUT).format(hours=_amount(round(delta / 3600) * 3600, "hour", lang))
    if delta < 36 * 3600:
        return tr(_TOMORROW)
    days = _amount(round(delta / DAY) * DAY, "day", lang)
    due = datetime.fromtimestamp(due_at, UTC)
    weekday = tr(_WEEKDAYS[due.weekday()])
    if delta < 7 * DAY - DAY // 2:
        return tr(_IN_DAYS_ON).format(days=days, weekday=weekday)
    month = tr(MONTHS[due.month - 1])
    return tr(_IN_DAYS_ON_DATE).format(days=days, weekday=weekday, day=due.day, month=month)


def aligned_due(now: int, delay: int, quiz_at: int | None) -> int:
    """When to send a check-in: `delay` from now, at the quiz's time of day when known.

    The person took the quiz at that hour, so they were awake then; the check-in keeps it.
    The result is within half a day of `now + delay`, and at least half a day from now.
    """
    target = now + delay
    if quiz_at is None:
        return target
    due = quiz_at + round((target - quiz_at) / DAY) * DAY
    while due < now + DAY // 2:
        due += DAY
    return due
