"""Plain UI strings. They may contain simple Telegram HTML (``<b>``, ``<i>``).

Every string here must be valid Telegram HTML: ``&``, ``<`` and ``>`` only as
markup or entities.
"""

from __future__ import annotations

__all__ = [
    "BUSY",
    "BUTTON_EXPIRED",
    "DISCLAIMER",
    "ERROR",
    "FORGET_DONE",
    "FREE_TEXT",
    "HELP_HEADER",
    "RED_FLAGS_EMERGENCY_HEADING",
    "RED_FLAGS_HEADER",
    "RED_FLAGS_URGENT_HEADING",
    "SAVE_FAILED",
    "SOURCES_HEADER",
    "SOURCES_NOTE",
    "STOP_DONE",
    "STOP_NOTHING",
    "UNKNOWN_COMMAND",
    "WELCOME",
]

DISCLAIMER = (
    "<i>General information, not a diagnosis. This can't diagnose you; "
    "it helps you decide what to do next.</i>"
)

WELCOME = (
    "<b>Hello, and sorry your knee is bothering you.</b>\n\n"
    "I share quick, safe tips about pain behind the knee: common causes, "
    "gentle stretches, first aid and when to get help.\n\n"
    "Use the buttons below, or send /help to see everything I can do.\n\n"
    "If your pain is severe or you feel unwell, please open /doctor first.\n\n"
    f"{DISCLAIMER}"
)

UNKNOWN_COMMAND = "Sorry, I don't know that command. /help lists what I can do."

FREE_TEXT = (
    "Thanks for your message. I can't read free-text questions yet, and I "
    "don't store what you write. Please use the buttons or send /help.\n\n"
    "If it feels urgent, open /doctor."
)

BUTTON_EXPIRED = "This button has expired — send /quiz to start again."

ERROR = (
    "Sorry, something went wrong on our side. Please try again in a moment.\n\n"
    "If it feels urgent, open /doctor."
)

HELP_HEADER = "<b>Here's what I can do</b>\nTap a command or type it:"

RED_FLAGS_HEADER = (
    "<b>🚨 Warning signs: act now</b>\n"
    "If you answer yes to any of these, please do what it says straight away."
)

RED_FLAGS_EMERGENCY_HEADING = "<b>Call 999 / 112 / 911 now</b>"

RED_FLAGS_URGENT_HEADING = "<b>Get seen today</b>"

SOURCES_HEADER = (
    "<b>Where this information comes from</b>\nEvery tip here is backed by one of these."
)

SOURCES_NOTE = (
    "<i>This bot started from the Health2Med article. Where that article was "
    "out of date, the tips follow the NHS and newer research instead.</i>"
)

BUSY = (
    "Sorry, I'm very busy right now and couldn't save that. Please try again in a minute.\n\n"
    "If it feels urgent, open /doctor."
)

STOP_DONE = (
    "Done: I've cancelled your check-ins and won't message you about them.\n"
    "You can still use any command, and take /quiz again whenever you like."
)

STOP_NOTHING = "You have no check-ins planned, so there is nothing to cancel."

FORGET_DONE = (
    "Done: I've erased everything I stored about you: your id, quiz results and "
    "check-ins. If you send me another message, I'll start afresh."
)

# The database could not write (a full disk, a read-only or failing file).
SAVE_FAILED = (
    "Sorry, I couldn't save that just now — please try again in a minute.\n\n"
    "If it feels urgent, open /doctor."
)
