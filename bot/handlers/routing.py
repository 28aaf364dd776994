"""Callback queries: one handler per action kind, all behind one guard.

`on_press(Kind, handler)` registers `handler` for the buttons whose callback data starts with
that kind (`bot.keyboards.callback_prefix`). The guard decodes the data once; when it is
garbled, forged or from an older version, it answers with the short "this button has expired"
pop-up and nothing else happens. Otherwise the handler gets a `Press`: the decoded action and
the query, answered at most once (`Press.answer`, `Press.expired`); a handler that did not
answer is answered silently when it returns. So every callback query is answered exactly once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from telegram import CallbackQuery, MaybeInaccessibleMessage, Update
from telegram.ext import CallbackQueryHandler, ContextTypes

from bot.keyboards import Action, callback_prefix, parse_callback
from bot.language import ENGLISH, Speaker, speaker_of
from knowledge.i18n import translate
from knowledge.texts import BUTTON_EXPIRED

A = TypeVar("A", bound=Action)
A_co = TypeVar("A_co", bound=Action, covariant=True)


class Press(Generic[A_co]):
    """A pressed button whose data decoded to an `A_co`."""

    __slots__ = ("_action", "_answered", "query", "speaker", "update")

    def __init__(
        self, update: Update, query: CallbackQuery, action: A_co, speaker: Speaker = ENGLISH
    ) -> None:
        self.update = update
        self.query = query
        self.speaker = speaker
        """Who pressed it, for the language and the emergency number of every answer."""
        self._action = action
        self._answered = False

    @property
    def lang(self) -> str:
        return self.speaker.language

    @property
    def action(self) -> A_co:
        return self._action

    @property
    def user_id(self) -> int:
        """Who pressed it (not necessarily who the message was for)."""
        return self.query.from_user.id

    @property
    def message(self) -> MaybeInaccessibleMessage | None:
        """The message the button is on; None for a message Telegram no longer sends."""
        return self.query.message

    @property
    def answered(self) -> bool:
        return self._answered

    async def answer(self, text: str | None = None, *, alert: bool = False) -> None:
        """Answer the query (stop the button spinning), `text` (English, or already in the
        presser's language) shown in their language; only the first call does anything."""
        if self._answered:
            return
        self._answered = True
        shown = translate(self.speaker.language, text) if text else text
        await self.query.answer(shown, show_alert=alert or None)

    async def expired(self) -> None:
        """The button is stale (or not this user's): the short pop-up, and nothing else."""
        await self.answer(BUTTON_EXPIRED)


PressHandler = Callable[[Press[A], ContextTypes.DEFAULT_TYPE], Awaitable[None]]


async def answer_expired(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a button nobody recognises: "this button has expired"."""
    if update.callback_query is not None:
        speaker = await speaker_of(update, context)
        await update.callback_query.answer(translate(speaker.language, BUTTON_EXPIRED))


def on_press(kind: type[A], handler: PressHandler[A]) -> CallbackQueryHandler[Any, Any]:
    """The handler for every button of `kind`, behind the stale-button guard."""
    prefix = callback_prefix(kind)

    def is_kind(data: object) -> bool:
        return isinstance(data, str) and data.startswith(prefix)

    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        action = parse_callback(query.data)
        if not isinstance(action, kind):
            await answer_expired(update, context)
            return
        press = Press(update, query, action, await speaker_of(update, context))
        await handler(press, context)
        await press.answer()  # a no-op when the handler answered

    return CallbackQueryHandler(guarded, pattern=is_kind)
