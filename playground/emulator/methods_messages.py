"""Bot API: messages: send, edit, delete, chat actions; and the chat checks they share."""

from __future__ import annotations

from playground.emulator.html import validated_text
from playground.emulator.markup import checked_markup, inline_markup
from playground.emulator.records import (
    BLOCKED_DESCRIPTION,
    CHAT_NOT_FOUND,
    NOT_MODIFIED,
    ApiError,
    JsonDict,
    SentMessage,
    as_int,
    as_json,
    bad,
)
from playground.emulator.state import EmulatorState

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


class MessageMethods(EmulatorState):
    """sendMessage, editMessageText, editMessageReplyMarkup, deleteMessage, sendChatAction."""

    def _chat(self, params: JsonDict, *, deliver: bool = True) -> int:
        """The request's chat_id: a chat the bot knows, and (``deliver``) that has not
        blocked the bot."""
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise bad("chat_id is empty")
        chat_id = as_int(raw)
        if chat_id is None or chat_id not in self.known_chats:
            raise ApiError(400, CHAT_NOT_FOUND)
        if deliver and chat_id in self.blocked_chats:
            raise ApiError(403, BLOCKED_DESCRIPTION)
        return chat_id

    def _target(self, params: JsonDict, missing: str) -> SentMessage:
        """The bot message a request names (chat_id + message_id) to edit."""
        if params.get("inline_message_id"):
            raise bad("MESSAGE_ID_INVALID")  # inline messages are not modelled
        chat_id = self._chat(params)
        message_id = as_int(params.get("message_id"))
        if message_id is None:
            raise bad("message identifier is not specified")
        sent = self._sent.get(chat_id, {}).get(message_id)
        if sent is None or sent.deleted:
            if message_id in self._user_messages.get(chat_id, {}) and missing.endswith("edit"):
                raise bad("message can't be edited")
            raise bad(f"message to {missing} not found")
        return sent

    def _parse_text(self, params: JsonDict) -> tuple[str, str | None, str, list[JsonDict]]:
        """(text, parse_mode, visible text, entities), checked like Telegram."""
        return validated_text(params, strict_ampersand=self.strict_ampersand)

    def _check_reply_to(self, chat_id: int, params: JsonDict) -> None:
        reply_params = as_json(params.get("reply_parameters"))
        reply_to = as_int(params.get("reply_to_message_id"))
        if isinstance(reply_params, dict):
            reply_to = as_int(reply_params.get("message_id"))
        if reply_to is None:
            return
        exists = reply_to in self._user_messages.get(chat_id, {}) or reply_to in self._sent.get(
            chat_id, {}
        )
        lenient = params.get("allow_sending_without_reply") is True or (
            isinstance(reply_params, dict)
            and reply_params.get("allow_sending_without_reply") is True
        )
        if not exists and not lenient:
            raise bad("message to be replied not found")

    def _send_message(self, params: JsonDict) -> JsonDict:
        chat_id = self._chat(params, deliver=False)
        text, parse_mode, plain, entities = self._parse_text(params)
        markup = checked_markup(params)
        self._check_reply_to(chat_id, params)
        if chat_id in self.blocked_chats:
            raise ApiError(403, BLOCKED_DESCRIPTION)
        sent = SentMessage(
            self._new_message_id(chat_id),
            chat_id,
            text,
            parse_mode,
            markup,
            plain_text=plain,
            entities=entities,
            date=int(self.clock()),
        )
        self._sent.setdefault(chat_id, {})[sent.message_id] = sent
        return self._message_obj(sent)

    def _edit_message_text(self, params: JsonDict) -> JsonDict:
        sent = self._target(params, "edit")
        text, parse_mode, plain, entities = self._parse_text(params)
        markup = checked_markup(params)
        if (
            plain == sent.plain_text
            and entities == sent.entities
            and inline_markup(markup) == inline_markup(sent.reply_markup)
        ):
            raise ApiError(400, NOT_MODIFIED)
        sent.text, sent.parse_mode, sent.plain_text, sent.entities = (
            text,
            parse_mode,
            plain,
            entities,
        )
        sent.reply_markup = markup  # omitted reply_markup removes the inline keyboard
        sent.edited += 1
        sent.edit_date = int(self.clock())
        return self._message_obj(sent)

    def _edit_message_reply_markup(self, params: JsonDict) -> JsonDict:
        sent = self._target(params, "edit")
        markup = checked_markup(params)
        if inline_markup(markup) == inline_markup(sent.reply_markup):
            raise ApiError(400, NOT_MODIFIED)
        sent.reply_markup = markup
        sent.edited += 1
        sent.edit_date = int(self.clock())
        return self._message_obj(sent)

    def _delete_message(self, params: JsonDict) -> bool:
        chat_id = self._chat(params)
        message_id = as_int(params.get("message_id"))
        user_messages = self._user_messages.get(chat_id, {})
        if message_id is not None and message_id in user_messages:
            del user_messages[message_id]
            return True
        sent = self._sent.get(chat_id, {}).get(message_id) if message_id is not None else None
        if sent is None or sent.deleted:
            raise bad("message to delete not found")
        sent.deleted = True
        return True

    def _send_chat_action(self, params: JsonDict) -> bool:
        self._chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise bad("wrong parameter action in request")
        return True
