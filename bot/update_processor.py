"""Handle updates of different chats at once, and each chat's updates strictly in order.

PTB's own `concurrent_updates(n)` runs any n updates at once, so two quick presses of one user
can overtake each other; without it, one slow reply holds up every other chat. This processor
keeps one queue per chat: an update starts only after the previous update of the same chat
has finished, while updates of other chats run alongside, at most `max_concurrent_updates`
at a time.

How: PTB's Application starts one task per update, in the order the updates arrived, and each
task reaches `do_process_update` without suspending. That puts the update at the tail of its
chat's chain *before* its first await, so the chain has the arrival order; then it waits for
its predecessor, and only then takes one of the bounded slots. A slot is therefore held only
by an update that can run (an update waiting for its chat never blocks another chat).

The key is the chat (`effective_chat`), else the user; an update with neither (rare kinds the
bot does not handle) is not ordered against anything. Memory: one small entry per chat with
updates in flight, removed when the chat's last update finishes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def order_key(update: object) -> int | None:
    """What an update must stay in order with: its chat, else its user, else nothing."""
    if not isinstance(update, Update):
        return None
    chat = update.effective_chat
    if chat is not None:
        return chat.id
    user = update.effective_user
    return None if user is None else user.id


# PTB's own bound (its semaphore, taken before do_process_update) is set this high so that it
# never makes an update wait: the real bound is `max_concurrent_updates`, applied below once an
# update may run. Only past this many updates in flight would PTB's bound hold updates back
# (its semaphore wakes waiters first come, first served, so order would still hold).
_QUEUE_BOUND = 10_000


class PerChatOrderedProcessor(BaseUpdateProcessor):
    """Concurrent across chats, sequential within a chat, bounded overall."""

    __slots__ = ("_limit", "_slots", "_tails")

    def __init__(self, max_concurrent_updates: int) -> None:
        if max_concurrent_updates < 1:
            raise ValueError("max_concurrent_updates must be at least 1")
        super().__init__(_QUEUE_BOUND)
        self._limit = max_concurrent_updates
        self._slots = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._tails: dict[int, asyncio.Future[None]] = {}

    @property
    def limit(self) -> int:
        """How many updates run at once at most."""
        return self._limit

    @property
    def chats_in_flight(self) -> int:
        return len(self._tails)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = order_key(update)
        if key is None:
            async with self._slots:
                await coroutine
            return
        # No await before the chain is extended: tasks reach this line in arrival order
        # (PTB's semaphore in process_update does not suspend while it has room).
        previous = self._tails.get(key)
        mine: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._tails[key] = mine
        started = False
        try:
            if previous is not None:
                # Only ever resolved with None (below); shielded so that cancelling this
                # task does not cancel the predecessor's future.
                await asyncio.shield(previous)
            async with self._slots:
                started = True
                await coroutine
        finally:
            if not started and asyncio.iscoroutine(coroutine):
                coroutine.close()  # cancelled while waiting: it never ran
            mine.set_result(None)
            if self._tails.get(key) is mine:
                del self._tails[key]

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
