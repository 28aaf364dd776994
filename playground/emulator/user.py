"""The simulated user: writes, sends media, presses buttons; each act becomes an update."""

from __future__ import annotations

from typing import TypedDict, Unpack

from playground.emulator.html import bot_command_entities, mention_entities
from playground.emulator.observe import Observation
from playground.emulator.records import ApiCall, CallbackQuery, JsonDict, SentMessage, as_int

_MEDIA: dict[str, JsonDict] = {
    "photo": {"photo": [{"file_id": "photo-1", "file_unique_id": "p1", "width": 90, "height": 90}]},
    "sticker": {
        "sticker": {
            "file_id": "sticker-1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    },
    "voice": {"voice": {"file_id": "voice-1", "file_unique_id": "v1", "duration": 3}},
}


class Sender(TypedDict, total=False):
    """Who writes, and where (push_message's keywords; the defaults are push_message's)."""

    chat_id: int | None
    first_name: str
    language_code: str | None


class SimulatedUser(Observation):
    """Users of the bot, acting in private chats (or groups): every act is queued as an update."""

    def _new_user_message(
        self, user_id: int, chat_id: int, first_name: str, language_code: str | None
    ) -> JsonDict:
        """A message from the user in ``chat_id``, without content yet; the chat becomes known."""
        user = self._user_obj(user_id, first_name, language_code)
        self.known_chats.add(chat_id)
        return {
            "message_id": self._new_message_id(chat_id),
            "from": user,
            "chat": self._chat_obj(chat_id),
            "date": int(self.clock()),
        }

    def _send_user_message(self, chat_id: int, message: JsonDict) -> JsonDict:
        """Keep the user's message in the chat and queue it as a ``message`` update."""
        self._user_messages.setdefault(chat_id, {})[message["message_id"]] = message
        update: JsonDict = {"message": message}
        self.push_update(update)
        return update

    def push_message(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        first_name: str = "Test",
        language_code: str | None = "en",
    ) -> JsonDict:
        """A user writes ``text`` (private chat unless ``chat_id`` says otherwise)."""
        chat_id = user_id if chat_id is None else chat_id
        message = self._new_user_message(user_id, chat_id, first_name, language_code)
        message["text"] = text
        entities = bot_command_entities(text)
        if entities:
            message["entities"] = entities
        return self._send_user_message(chat_id, message)

    def push_rich_message(
        self,
        user_id: int,
        *,
        text: str | None = None,
        caption: str | None = None,
        media: str | None = None,
        chat_id: int | None = None,
        reply_to: SentMessage | None = None,
        first_name: str = "Test",
        language_code: str | None = "en",
    ) -> JsonDict:
        """A user sends a photo, sticker or voice note (``media``), with or without a caption,
        or text that may mention users (``@name``) or reply to a bot message (``reply_to``).

        Mentions get ``mention`` entities (``caption_entities`` for a caption), commands get
        ``bot_command`` entities, as Telegram would send them.
        """
        chat_id = user_id if chat_id is None else chat_id
        message = self._new_user_message(user_id, chat_id, first_name, language_code)
        if text is not None:
            message["text"] = text
            entities = bot_command_entities(text) + mention_entities(text)
            if entities:
                message["entities"] = sorted(entities, key=lambda e: e["offset"])
        if media is not None:
            message.update(_MEDIA[media])
        if caption is not None:
            message["caption"] = caption
            mentions = mention_entities(caption)
            if mentions:
                message["caption_entities"] = mentions
        if reply_to is not None:
            message["reply_to_message"] = self._message_obj(reply_to)
        return self._send_user_message(chat_id, message)

    def push_callback(
        self,
        user_id: int,
        message_id: int,
        data: str,
        *,
        chat_id: int | None = None,
        inaccessible: bool = False,
    ) -> str:
        """A user presses a callback button on bot message ``message_id``; returns the query id.

        The update carries the message in its current state (text, entities, keyboard).
        An unknown message id still produces an update, with a minimal message (or an
        InaccessibleMessage, ``date`` 0, when ``inaccessible``).
        """
        chat_id = user_id if chat_id is None else chat_id
        self.known_chats.add(chat_id)
        user = self._user_obj(user_id, None, None)
        sent = self._sent.get(chat_id, {}).get(message_id)
        if inaccessible:
            message: JsonDict = {
                "message_id": message_id,
                "chat": self._chat_obj(chat_id),
                "date": 0,
            }
        elif sent is not None:
            message = self._message_obj(sent)
        else:
            message = {
                "message_id": message_id,
                "from": self.bot_user,
                "chat": self._chat_obj(chat_id),
                "date": int(self.clock()),
            }
        query_id = str(4_000_000_000_000_000 + self._next_callback)
        self._next_callback += 1
        self._callbacks[query_id] = CallbackQuery(user_id, chat_id, message_id, data)
        self.push_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user,
                    "message": message,
                    "chat_instance": str(9_000_000_000 + abs(chat_id)),
                    "data": data,
                }
            }
        )
        return query_id

    def push_raw_callback(self, update: JsonDict) -> None:
        """Queue a hand-built callback_query update, registering its query id so that
        answerCallbackQuery accepts one answer to it (as push_callback does)."""
        query = update["callback_query"]
        message = query.get("message") or {}
        chat_id = as_int((message.get("chat") or {}).get("id")) or 0
        self._callbacks[str(query["id"])] = CallbackQuery(
            as_int(query.get("from", {}).get("id")) or 0,
            chat_id,
            as_int(message.get("message_id")) or 0,
            str(query.get("data") or ""),
        )
        self.push_update(update)

    def press(self, msg: SentMessage, button_text: str, *, user_id: int | None = None) -> str:
        """Press the callback button labelled ``button_text`` on ``msg``."""
        for text, data in self.buttons(msg):
            if text == button_text:
                return self.push_callback(
                    msg.chat_id if user_id is None else user_id,
                    msg.message_id,
                    data,
                    chat_id=msg.chat_id,
                )
        raise AssertionError(f"no button {button_text!r} on message: {self.buttons(msg)}")

    async def send_and_wait(
        self,
        user_id: int,
        text: str,
        *,
        method: str = "sendMessage",
        timeout: float = 5.0,  # noqa: ASYNC109
        **sender: Unpack[Sender],
    ) -> ApiCall:
        """Push a user message, then wait for the bot's next ``method`` call to that chat.

        ``sender`` is what push_message takes besides the text: chat_id, first_name,
        language_code.
        """
        chat_id = sender.get("chat_id")
        chat = user_id if chat_id is None else chat_id
        after = self.mark()
        self.push_message(user_id, text, **sender)
        return await self.wait_for(
            method,
            predicate=lambda call: as_int(call.params.get("chat_id")) == chat,
            after=after,
            timeout=timeout,
        )
