"""Looking at what happened: recorded calls, waiting for one, the messages in a chat."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

from playground.emulator.records import ApiCall, JsonDict, SentMessage
from playground.emulator.state import EmulatorState


def _inline_buttons(msg: SentMessage, kind: str) -> list[tuple[str, str]]:
    """(text, button[kind]) of the message's inline buttons that have `kind`, row by row."""
    rows = (msg.reply_markup or {}).get("inline_keyboard") or []
    return [
        (str(button.get("text")), str(button[kind]))
        for row in rows
        for button in row
        if isinstance(button, dict) and kind in button
    ]


class Observation(EmulatorState):
    """The calls the bot made and the chats as they stand, for tests and the playground page."""

    def mark(self) -> int:
        """Current number of recorded calls; pass as ``after=`` to wait for newer ones."""
        return len(self.calls)

    def calls_of(self, method: str) -> list[ApiCall]:
        return [call for call in self.calls if call.method == method]

    def dump_calls(self, last: int = 20) -> str:
        lines = []
        for call in self.calls[-last:]:
            params = json.dumps(call.params, ensure_ascii=False, default=str)
            if len(params) > 300:
                params = params[:300] + "..."
            extra = f" {call.description!r}" if call.description else ""
            lines.append(f"  #{call.index} {call.method} -> {call.status}{extra} {params}")
        return "\n".join(lines) or "  (no calls)"

    async def wait_for(
        self,
        method: str,
        *,
        predicate: Callable[[ApiCall], bool] | None = None,
        after: int = 0,
        timeout: float = 5.0,  # noqa: ASYNC109 - bounded wait, mirrors asyncio.wait_for
    ) -> ApiCall:
        """First recorded call to ``method`` with index >= ``after`` matching ``predicate``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        index = after
        while True:
            while index < len(self.calls):
                call = self.calls[index]
                index += 1
                if call.method == method and (predicate is None or predicate(call)):
                    return call
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(
                    f"no {method} call (after #{after}) within {timeout}s; recent calls:\n"
                    + self.dump_calls()
                )
            await self._new_calls.wait(remaining)

    def messages(self, chat_id: int, *, include_deleted: bool = False) -> list[SentMessage]:
        """Messages the bot sent to ``chat_id``, oldest first, in their current state."""
        sent = sorted(self._sent.get(chat_id, {}).values(), key=lambda m: m.message_id)
        return [m for m in sent if include_deleted or not m.deleted]

    def user_messages(self, chat_id: int) -> list[JsonDict]:
        """Messages the user sent in ``chat_id`` (as Bot API Message objects), oldest first."""
        received = self._user_messages.get(chat_id, {})
        return [received[message_id] for message_id in sorted(received)]

    def last_message(self, chat_id: int) -> SentMessage:
        sent = self.messages(chat_id)
        if not sent:
            raise AssertionError(
                f"the bot sent nothing to chat {chat_id}; recent calls:\n" + self.dump_calls()
            )
        return sent[-1]

    def message(self, chat_id: int, message_id: int) -> SentMessage:
        try:
            return self._sent[chat_id][message_id]
        except KeyError:
            raise AssertionError(f"no bot message {message_id} in chat {chat_id}") from None

    @staticmethod
    def buttons(msg: SentMessage) -> list[tuple[str, str]]:
        """(text, callback_data) of the message's inline callback buttons, row by row."""
        return _inline_buttons(msg, "callback_data")

    @staticmethod
    def url_buttons(msg: SentMessage) -> list[tuple[str, str]]:
        """(text, url) of the message's inline URL buttons, row by row."""
        return _inline_buttons(msg, "url")
