"""Plain UI strings. They may contain simple Telegram HTML (``<b>``, ``<i>``).

Every string here must be valid Telegram HTML: ``&``, ``<`` and ``>`` only as
markup or entities.
"""

from __future__ import annotations

__all__ = [
    "BOT_DESCRIPTION",
    "BOT_SHORT_DESCRIPTION",
    "BUSY",
    "BUTTON_BACK",
    "BUTTON_CANCEL",
    "BUTTON_CANCEL_CHECKIN",
    "BUTTON_CHECKIN_NO",
    "BUTTON_CHECKIN_YES",
    "BUTTON_ERASE",
    "BUTTON_EXPIRED",
    "BUTTON_KEEP",
    "BUTTON_MENU",
    "BUTTON_NHS_111",
    "BUTTON_OTHER_COUNTRY",
    "BUTTON_QUIZ",
    "BUTTON_WARNING_SIGNS",
    "BUTTON_WARNING_SIGNS_LONG",
    "COUNTRY_CHOOSE",
    "COUNTRY_CHOSEN",
    "COUNTRY_NONE",
    "DISCLAIMER",
    "EMERGENCY_LINE",
    "EMERGENCY_NUMBERS",
    "ERROR",
    "FORGET_ASK",
    "FORGET_DONE",
    "FORGET_KEPT",
    "FREE_TEXT",
    "FREE_TEXT_CHECK",
    "FREE_TEXT_CHECK_NONE",
    "FREE_TEXT_CHECK_UNSURE",
    "FREE_TEXT_MISREAD",
    "FREE_TEXT_NAMED",
    "FREE_TEXT_NOTHING",
    "FREE_TEXT_OTHER_LANGUAGE",
    "FREE_TEXT_SOUNDS_LIKE",
    "FREE_TEXT_SOUNDS_LIKE_ONE",
    "FREE_TEXT_TAKE_QUIZ",
    "HELP_HEADER",
    "LANGUAGE_CHOOSE",
    "LANGUAGE_CHOSEN",
    "SAFETY_NET",
    "SAVE_FAILED",
    "SEE_GP_WEEKS",
    "SEE_GP_WHEN",
    "SOURCES_HEADER",
    "SOURCES_LINE",
    "SOURCES_NOTE",
    "SOURCES_POINTER",
    "STOP_DONE",
    "STOP_NOTHING",
    "UNKNOWN_COMMAND",
    "WELCOME",
]

DISCLAIMER = "<i>This can't diagnose you; it helps you decide what to do next.</i>"
"""The one-line disclaimer: once on /start, /help, each topic page and each outcome."""

SEE_GP_WEEKS = 2
"""When to book a GP without a warning sign: the one answer every page, outcome and check-in
gives (NHS "Knee pain": if it has not improved after 2 weeks of self-care)."""

SEE_GP_WHEN = (
    f"See a GP or physiotherapist if it isn't better after about {SEE_GP_WEEKS} weeks of "
    "self-care, or sooner if it stops you doing everyday things or keeps coming back"
)
"""The sentence for it (no full stop, so it can end a bullet or a sentence)."""

WELCOME = (
    "<b>Hello, and sorry your knee is bothering you.</b>\n"
    "I share quick, safe tips about pain behind the knee.\n\n"
    "🚨 Severe pain, a swollen calf or short of breath? Tap <b>Warning signs</b> first.\n"
    "🩺 Not sure what it is? The quiz takes about a minute.\n\n"
    f"{DISCLAIMER}"
)

UNKNOWN_COMMAND = (
    "Sorry, I don't know that command. /help lists what I can do, or tap a button below."
)

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

SOURCES_POINTER = "Full list: /sources"
SOURCES_LINE = "<i>Sources: {names}.</i>"
"""Under a page: the publishers it follows ({names}, escaped), before SOURCES_POINTER."""

# Buttons that lead onward from any page.
BUTTON_WARNING_SIGNS = "🚨 Warning signs"
BUTTON_WARNING_SIGNS_LONG = "🚨 Warning signs — when to get help"
BUTTON_QUIZ = "🩺 Take the quiz"
BUTTON_MENU = "🏠 Menu"


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

FORGET_ASK = (
    "<b>Erase everything I keep about you?</b>\n"
    "That is your Telegram id, your quiz results and answers, and your check-ins. "
    "It can't be undone."
)

FORGET_KEPT = "Nothing erased. Send /forget whenever you like."

BUTTON_ERASE = "🗑 Erase everything"
BUTTON_KEEP = "Keep it"

FORGET_DONE = (
    "Done: I've erased everything I stored about you: your id, quiz results and "
    "check-ins. If you send me another message, I'll start afresh."
)

# The database could not write (a full disk, a read-only or failing file).
SAVE_FAILED = (
    "Sorry, I couldn't save that just now — please try again in a minute.\n\n"
    "If it feels urgent, open /doctor."
)

# ---- replies to typed messages (bot/handlers/freetext.py) ----------------------------------

FREE_TEXT_NOTHING = (
    "Thanks for your message. I couldn't pick out a knee or leg symptom in it, "
    "and I don't keep what you write.\n\n"
    "You can take the quick quiz, look through the topics, or check the warning signs."
)

FREE_TEXT_OTHER_LANGUAGE = (
    "Sorry, I can't read that language yet, and I don't keep what you write.\n\n"
    "🚨 <b>In an emergency, call 112</b> (across Europe and from most mobile phones), "
    "911 (the Americas) or 999 (UK).\n\n"
    "The buttons below work in any language: the quick quiz, the topics, "
    "and the warning signs. /language changes the language I write in."
)
"""The answer to a message in a language the reader has no lexicon for: the numbers first."""

FREE_TEXT_NAMED = "Here's what I have on that:"

FREE_TEXT_TAKE_QUIZ = "For a closer look at what fits, take the quiz."

SAFETY_NET = (
    "🚨 <b>Call 999 / 112 / 911 now</b> if you are suddenly short of breath, have chest pain "
    "or cough up blood, or your foot or leg turns cold, pale, blue, numb or weak."
)
"""One line under every reply to a typed message: the signs that need an ambulance now.

Safety-netting (NICE CKS: Safety netting; NHS: DVT and pulmonary embolism, the signs to call
999 for) is given with every answer about a symptom, whatever the tier, so that no misreading
leaves someone with a calm reply and no way out."""

EMERGENCY_LINE = "Call 999 (UK), 112 (EU) or 911 (US) now."
"""The first line of every emergency outcome."""

EMERGENCY_NUMBERS = "🚨 Emergency: 999 / 112 / 911."
"""The numbers alone, for replies in a language the bot cannot read yet (digits read anywhere)."""

FREE_TEXT_SOUNDS_LIKE = "It sounds like these may fit: {topics}."

FREE_TEXT_SOUNDS_LIKE_ONE = "It sounds like this may fit: {topics}."

FREE_TEXT_MISREAD = (
    "I read your message for warning signs. If I misread you, take the quiz: "
    "it asks one question at a time."
)

FREE_TEXT_CHECK = (
    "<b>Do any of these apply right now?</b>\n"
    "From your message I can't tell for sure. Tap the first one that fits."
)

FREE_TEXT_CHECK_NONE = "None of these"

FREE_TEXT_CHECK_UNSURE = "I'm not sure"

# The bot's profile (setMyDescription / setMyShortDescription): plain text, no HTML.
BOT_DESCRIPTION = (
    "Pain behind the knee? I share quick, safe tips: common causes (cramps, Baker's cyst, "
    "runner's knee, strains), gentle stretches, first aid, and the warning signs that need a "
    "doctor today.\n\n"
    "A one-minute quiz helps you decide what to do next, and I can check on you two days "
    "later.\n\n"
    "General information from the NHS and sports medicine research, not a diagnosis. "
    "I keep only your Telegram id and quiz results; /forget erases them."
)
"""Shown in the empty chat before someone presses Start (at most 512 characters)."""

BOT_SHORT_DESCRIPTION = (
    "Quick, safe tips for pain behind the knee, the warning signs that need a doctor, "
    "and a two-day check-in."
)
"""Shown on the bot's profile and when it is shared (at most 120 characters)."""

LANGUAGE_CHOOSE = "🌐 Which language should I write in?"
"""/language: the question over one button per language (each named in its own language)."""

LANGUAGE_CHOSEN = "Done: I'll write in English from now on."
"""After a language is picked, written in that language (each catalog names its own)."""

COUNTRY_CHOOSE = "Where are you? Then every emergency screen names the one number to call there."
"""Asked after the language, with one button per country that speaks it."""

BUTTON_OTHER_COUNTRY = "Somewhere else"

COUNTRY_CHOSEN = "You can change this any time with /language."
"""Under the country's emergency number once a country is picked."""

COUNTRY_NONE = (
    "Fine. I'll name the main emergency numbers for your language; 112 works across Europe "
    "and from most mobile phones. You can change this any time with /language."
)

BUTTON_BACK = "⬅️ Back"
BUTTON_CANCEL = "✖️ Cancel"
BUTTON_CHECKIN_YES = "🔔 Yes, check on me in 2 days"
BUTTON_CHECKIN_NO = "No, thanks"
BUTTON_CANCEL_CHECKIN = "Cancel this check-in"
BUTTON_NHS_111 = "🌐 NHS 111 online (UK)"
"""Shown to people reading English only: NHS 111 is a UK service."""
