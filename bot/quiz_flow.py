"""The symptom quiz on the bot side: the stored session plus the state machine -> what to show.

Plain functions with no Telegram I/O, so they can be tested without a server. The handler in
`bot.handlers.quiz` sends or edits the message and answers the callback query with what these
functions return.

A quiz in progress is one row in `quiz_sessions` (see `Store.start_quiz`): the user, the chat,
a random nonce, the id of the one message being edited, and the answers so far encoded by
`knowledge.quiz.encode`. Every button carries the nonce; a press is only accepted when it comes
from the same user, chat and message as the stored session and fits its current state, and the
state moves on by compare-and-set. So a restart loses nothing, and an old, finished, foreign,
forged or doubled press changes nothing and is answered with "this button has expired".
"""

from __future__ import annotations

import logging
import secrets
import string
from collections.abc import Iterable
from dataclasses import dataclass

from bot.keyboards import (
    QuizAnswer,
    QuizBack,
    QuizCancel,
    onward_keyboard,
    parse_callback,
    quiz_keyboard,
    with_summary_button,
)
from bot.language import ENGLISH, Speaker
from bot.outcomes import Screen, outcome_screen
from bot.storage import Store
from knowledge import quiz
from knowledge.emergency import call_now_line
from knowledge.i18n import DEFAULT_LANGUAGE, translator
from knowledge.quiz import InvalidAnswer, Question, QuizState
from knowledge.quiz_render import QUIZ_CANCELLED, render_question
from knowledge.summary_text import SUMMARY_BUTTON
from knowledge.texts import BUTTON_EXPIRED, EMERGENCY_LINE
from knowledge.tiers import Tier
from knowledge.triage import Outcome, outcome_code

__all__ = [
    "EXPIRED",
    "MAX_ANSWER_TEXT",
    "NONCE_ALPHABET",
    "NONCE_LENGTH",
    "PressResult",
    "QuizPress",
    "Screen",
    "alert_text",
    "attach_message",
    "begin",
    "new_nonce",
    "outcome_screen",
    "press",
    "question_screen",
    "question_shown",
]

log = logging.getLogger(__name__)

NONCE_ALPHABET = string.ascii_lowercase + string.digits
NONCE_LENGTH = 8
MAX_ANSWER_TEXT = 200  # Telegram's limit for a callback query answer

QuizPress = QuizAnswer | QuizBack | QuizCancel


@dataclass(frozen=True, slots=True)
class PressResult:
    """What to do after a button press.

    Answer the callback query with `answer_text` (None: a silent answer; `alert`: a pop-up
    the user must dismiss), then, when `screen` is set, edit the pressed message into it.
    """

    answer_text: str | None = None
    alert: bool = False
    screen: Screen | None = None
    outcome: Outcome | None = None
    outcome_id: int | None = None


EXPIRED = PressResult(answer_text=BUTTON_EXPIRED)
"""A press that changes nothing (the handler's Press translates the pop-up)."""


def alert_text(outcome: Outcome, speaker: Speaker = ENGLISH) -> str | None:
    """The pop-up for care today, so it cannot be missed: the number, or where to go."""
    tr = translator(speaker.language)
    if outcome.tier is Tier.EMERGENCY:
        exact = call_now_line(speaker.country, speaker.language, plain=True)
        return exact or tr(EMERGENCY_LINE)
    if outcome.tier is Tier.URGENT and outcome.advice:
        return tr(outcome.advice[0])[:MAX_ANSWER_TEXT]
    return None


def new_nonce() -> str:
    """A fresh random nonce for one quiz, e.g. ``"k3x9q0ab"``."""
    return "".join(secrets.choice(NONCE_ALPHABET) for _ in range(NONCE_LENGTH))


def question_screen(
    nonce: str, state: QuizState, question: Question, lang: str = DEFAULT_LANGUAGE
) -> Screen:
    """The question text with its answer buttons, Back (after the first question) and Cancel."""
    keyboard = quiz_keyboard(
        nonce,
        question.id,
        [(a.id, a.label) for a in question.answers],
        can_go_back=bool(state.answers),
        lang=lang,
    )
    return Screen(render_question(state, question, lang), keyboard)


def question_shown(callback_data: Iterable[str | None], nonce: str) -> str | None:
    """The question whose answer buttons (of quiz `nonce`) are on a message, if any.

    Used to tell a deliberate Back from a doubled one: Back carries only the nonce, but the
    message it was pressed on still shows the question it was pressed at.
    """
    for data in callback_data:
        action = parse_callback(data)
        if isinstance(action, QuizAnswer) and action.nonce == nonce:
            return action.question
    return None


async def begin(
    store: Store,
    user_id: int,
    chat_id: int,
    now: int,
    *,
    nonce: str | None = None,
    speaker: Speaker = ENGLISH,
) -> tuple[str, Screen]:
    """Start a fresh quiz (replacing any in progress) and return its nonce and first screen."""
    nonce = nonce or new_nonce()
    state = quiz.start()
    first = quiz.current(state)
    assert isinstance(first, Question)
    await store.start_quiz(user_id, chat_id, nonce, quiz.encode(state), now)
    return nonce, question_screen(nonce, state, first, speaker.language)


async def attach_message(store: Store, user_id: int, nonce: str, message_id: int) -> bool:
    """Remember which message shows the quiz; False if a newer quiz replaced it meanwhile."""
    return await store.set_quiz_message(user_id, nonce, message_id)


async def press(
    store: Store,
    *,
    user_id: int,
    chat_id: int,
    message_id: int,
    action: QuizPress,
    now: int,
    shown_question: str | None = None,
    speaker: Speaker = ENGLISH,
) -> PressResult:
    """Apply a quiz button press by `user_id` on message `message_id` in `chat_id`.

    `shown_question` is the question the pressed message showed (see `question_shown`), or
    None when unknown. Anything that does not fit the user's quiz in progress is EXPIRED and
    changes nothing.
    """
    session = await store.get_quiz(user_id)
    if session is None or session.nonce != action.nonce or session.chat_id != chat_id:
        return EXPIRED  # no quiz, an older one, or someone else's
    if session.message_id is None:
        # The quiz message was sent but its id never stored (e.g. a crash in between).
        await store.set_quiz_message(user_id, session.nonce, message_id)
    elif session.message_id != message_id:
        return EXPIRED
    try:
        state = quiz.decode(session.state)
        position = quiz.current(state)
    except InvalidAnswer:
        log.warning("dropping an unreadable quiz session")
        await store.cancel_quiz(user_id, session.nonce)
        return EXPIRED
    if not isinstance(position, Question):
        log.warning("dropping a quiz session that had already finished")
        await store.cancel_quiz(user_id, session.nonce)
        return EXPIRED

    if isinstance(action, QuizCancel):
        if not await store.cancel_quiz(user_id, session.nonce):
            return EXPIRED
        cancelled = translator(speaker.language)(QUIZ_CANCELLED)
        return PressResult(screen=Screen(cancelled, onward_keyboard(lang=speaker.language)))

    if isinstance(action, QuizBack):
        if not state.answers:
            return EXPIRED  # Back is not offered on the first question
        if shown_question is not None and shown_question != position.id:
            return EXPIRED  # a second tap on a Back that has already been handled
        new_state = quiz.back(state)
    else:
        try:
            new_state = quiz.answer(state, action.question, action.answer)
        except InvalidAnswer:
            return EXPIRED  # a doubled tap, an earlier question, or forged data
    following = quiz.current(new_state)

    if isinstance(following, Question):
        moved = await store.advance_quiz(
            user_id, session.nonce, session.state, quiz.encode(new_state), now
        )
        if not moved:
            return EXPIRED  # another press got there first
        shown = question_screen(session.nonce, new_state, following, speaker.language)
        return PressResult(screen=shown)

    code = outcome_code(following)
    outcome_id = await store.finish_quiz(
        user_id, session.nonce, session.state, code, now, answers=quiz.encode(new_state)
    )
    if outcome_id is None:
        return EXPIRED
    screen = outcome_screen(following, checkin_offer_id=outcome_id, speaker=speaker)
    if following.tier is not Tier.EMERGENCY:  # emergency: the number, nothing to distract
        keyboard = with_summary_button(
            screen.keyboard, outcome_id, SUMMARY_BUTTON, speaker.language
        )
        screen = Screen(screen.text, keyboard)
    return PressResult(
        answer_text=alert_text(following, speaker),
        alert=following.needs_care_today,
        screen=screen,
        outcome=following,
        outcome_id=outcome_id,
    )
