"""What the emulator knows and keeps: the bot, its chats and messages, the update queue.

``EmulatorState`` is the base every part of the emulator builds on (the Bot API method
families, the simulated user, fault injection, the HTTP server). ``_clear_session`` forgets
everything a session made; the parts that keep state of their own extend it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from playground.emulator.markup import inline_markup
from playground.emulator.records import ApiCall, CallbackQuery, JsonDict, SentMessage, as_int

if TYPE_CHECKING:
    from aiohttp import web

_log = logging.getLogger(__name__)

# Update types Telegram delivers when allowed_updates was never set (or set to []).
_DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

DEFAULT_LONG_POLL_CAP = 2.0  # seconds; getUpdates never waits longer


class Signal:
    """Wakes every coroutine waiting on it; a wait also ends when its time is up."""

    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()

    def fire(self) -> None:
        for fut in self._waiters:
            if not fut.done():
                fut.set_result(None)
        self._waiters.clear()

    async def wait(self, seconds: float) -> None:
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.add(fut)
        try:
            await asyncio.wait({fut}, timeout=max(seconds, 0.0))
        finally:
            self._waiters.discard(fut)
            if not fut.done():
                fut.cancel()


def notify(listeners: list[Callable[[Any], None]], item: Any) -> None:
    """Hand ``item`` to every listener; a broken observer must not break the Bot API."""
    for listener in list(listeners):
        try:
            listener(item)
        except Exception:
            _log.exception("an emulator listener failed")


class EmulatorState:
    """The bot's identity, the server's address and everything a session made."""

    # what a session makes (forgotten by _clear_session)
    calls: list[ApiCall]
    blocked_chats: set[int]
    known_chats: set[int]
    my_commands: list[JsonDict]
    # language_code ("" for the default) -> text, as setMyDescription / setMyShortDescription
    descriptions: dict[str, str]
    short_descriptions: dict[str, str]
    # (scope as sorted JSON, language_code) -> commands; my_commands mirrors the default
    commands_by_scope: dict[tuple[str, str], list[JsonDict]]
    callback_answers: dict[str, JsonDict]
    webhook_url: str | None
    dropped_updates: list[JsonDict]  # filtered out by allowed_updates
    long_poll_cap: float  # seconds; getUpdates never waits longer
    strict_ampersand: bool
    _updates: list[JsonDict]
    _next_update_id: int
    _allowed_updates: frozenset[str] | None
    _sent: dict[int, dict[int, SentMessage]]
    _user_messages: dict[int, dict[int, JsonDict]]
    _next_message_id: dict[int, int]
    _chats: dict[int, JsonDict]
    _users: dict[int, JsonDict]
    _callbacks: dict[str, CallbackQuery]
    _next_callback: int

    def __init__(self, token: str, bot_id: int = 111, bot_username: str = "knee_tips_bot") -> None:
        self.token = token
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_user: JsonDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Knee Tips",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        # Message dates come from this clock (the playground moves it forward).
        self.clock: Callable[[], float] = time.time
        # Called with every recorded call (the playground's page follows them live).
        self.listeners: list[Callable[[ApiCall], None]] = []
        # Called with every update pushed for the bot (a user wrote, pressed a button, ...).
        self.update_listeners: list[Callable[[JsonDict], None]] = []
        self.base_url: str = ""
        self.port: int = 0
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self._closing = False
        self._new_updates = Signal()
        self._new_calls = Signal()
        self._poll_done = Signal()
        self._poll_generation = 0
        self._polls_in_flight = 0
        # Bot API method name -> handler, and lower-case name -> name (names are
        # case-insensitive); filled in by FakeBotApi.
        self._methods: dict[str, Callable[[JsonDict], Any]] = {}
        self._canonical: dict[str, str] = {}
        self._clear_session()

    def _clear_session(self) -> None:
        """Forget every chat, message, update, call and API setting; the knobs back to default."""
        self.calls = []
        self.blocked_chats = set()
        self.known_chats = set()
        self.my_commands = []
        self.descriptions = {}
        self.short_descriptions = {}
        self.commands_by_scope = {}
        self.callback_answers = {}
        self.webhook_url = None
        self.dropped_updates = []
        self.long_poll_cap = DEFAULT_LONG_POLL_CAP
        self.strict_ampersand = True
        self._updates = []
        self._next_update_id = 1
        self._allowed_updates = None
        self._sent = {}
        self._user_messages = {}
        self._next_message_id = {}
        self._chats = {}
        self._users = {}
        self._callbacks = {}
        self._next_callback = 1

    def reset(self) -> None:
        """Forget every chat, message, update and call; keep the server, clock and listeners.

        Only call it while no bot is polling (the playground stops the bot first): a
        getUpdates still waiting answers [] at once.
        """
        self._clear_session()
        self._poll_generation += 1
        for signal in (self._new_updates, self._new_calls, self._poll_done):
            signal.fire()

    def _method_name(self, method: str) -> str:
        """The Bot API's spelling of a method name (Telegram reads them case-insensitively)."""
        return self._canonical.get(method.lower(), method)

    @property
    def pending_polls(self) -> int:
        """Number of getUpdates requests currently waiting (long-polling)."""
        return self._polls_in_flight

    @property
    def pending_updates(self) -> list[JsonDict]:
        """Updates not yet confirmed by the bot (getUpdates with a higher offset)."""
        return list(self._updates)

    # ---------------------------------------------------------------- calls

    def _record(self, call: ApiCall) -> None:
        call.index = len(self.calls)
        self.calls.append(call)
        self._new_calls.fire()
        notify(self.listeners, call)

    # ---------------------------------------------------------------- the update queue

    def _remember_chats(self, update: JsonDict) -> None:
        """Every chat an update names (its own, or its message's) becomes a known chat."""
        for value in update.values():
            if isinstance(value, dict):
                for holder in (value, value.get("message")):
                    if isinstance(holder, dict) and isinstance(holder.get("chat"), dict):
                        chat_id = as_int(holder["chat"].get("id"))
                        if chat_id is not None:
                            self.known_chats.add(chat_id)

    def push_update(self, update: JsonDict) -> None:
        """Queue a raw update (``update_id`` is assigned when missing) for getUpdates."""
        if "update_id" in update:
            self._next_update_id = max(self._next_update_id, int(update["update_id"]) + 1)
        else:
            update["update_id"] = self._next_update_id
            self._next_update_id += 1
        self._remember_chats(update)
        kind = next((key for key in update if key != "update_id"), "")
        allowed = self._allowed_updates
        if (allowed is None and kind in _DEFAULT_EXCLUDED_UPDATES) or (
            allowed is not None and kind not in allowed
        ):
            self.dropped_updates.append(update)
            return
        self._updates.append(update)
        self._new_updates.fire()
        notify(self.update_listeners, update)

    def push_unfiltered(self, update: JsonDict) -> None:
        """Queue an update whatever allowed_updates says (an update type newer than the
        bot's library, as a webhook or a newer Bot API could deliver it)."""
        update["update_id"] = self._next_update_id
        self._next_update_id += 1
        self._remember_chats(update)
        self._updates.append(update)
        self._new_updates.fire()

    # ---------------------------------------------------------------- chats, users, messages

    def _user_obj(
        self, user_id: int, first_name: str | None, language_code: str | None
    ) -> JsonDict:
        user = self._users.get(user_id)
        if user is None or first_name is not None:
            user = {"id": user_id, "is_bot": False, "first_name": first_name or "Test"}
            if language_code is not None:
                user["language_code"] = language_code
            self._users[user_id] = user
        return user

    def _chat_obj(self, chat_id: int) -> JsonDict:
        chat = self._chats.get(chat_id)
        if chat is None:
            user = self._users.get(chat_id)
            if chat_id > 0:
                chat = {
                    "id": chat_id,
                    "type": "private",
                    "first_name": user["first_name"] if user else "Test",
                }
            else:
                kind = "supergroup" if str(chat_id).startswith("-100") else "group"
                chat = {"id": chat_id, "type": kind, "title": f"Test {kind}"}
            self._chats[chat_id] = chat
        return chat

    def _new_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _message_obj(self, msg: SentMessage) -> JsonDict:
        """A bot message as a Bot API Message object, in its current state."""
        obj: JsonDict = {
            "message_id": msg.message_id,
            "from": self.bot_user,
            "chat": self._chat_obj(msg.chat_id),
            "date": msg.date,
            "text": msg.plain_text,
        }
        if msg.entities:
            obj["entities"] = msg.entities
        inline = inline_markup(msg.reply_markup)
        if inline is not None:
            obj["reply_markup"] = inline
        if msg.edit_date is not None:
            obj["edit_date"] = msg.edit_date
        return obj
