"""``FakeBotApi``: the emulator as one object, put together from its parts."""

from __future__ import annotations

from playground.emulator.methods_callbacks import CallbackMethods
from playground.emulator.methods_messages import MessageMethods
from playground.emulator.methods_profile import ProfileMethods
from playground.emulator.server import HttpServer
from playground.emulator.user import SimulatedUser


class FakeBotApi(HttpServer, SimulatedUser, MessageMethods, CallbackMethods, ProfileMethods):
    """In-process fake of api.telegram.org for one bot, bound to 127.0.0.1.

    The parts, one module each: ``state`` (what it keeps), ``server`` (HTTP), ``faults``
    (injected errors and outages), ``user`` (the simulated user), ``observe`` (recorded calls,
    chats as they stand) and one ``methods_*`` module per Bot API method family.
    """

    def __init__(self, token: str, bot_id: int = 111, bot_username: str = "knee_tips_bot") -> None:
        super().__init__(token, bot_id, bot_username)
        self._methods = {
            "getMe": self._get_me,
            "logOut": self._true,
            "close": self._true,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setMyDescription": self._set_my_description,
            "getMyDescription": self._get_my_description,
            "setMyShortDescription": self._set_my_short_description,
            "getMyShortDescription": self._get_my_short_description,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": self._send_chat_action,
        }
        # getUpdates is answered by the server itself (it waits), not from the table.
        self._canonical = {name.lower(): name for name in [*self._methods, "getUpdates"]}
