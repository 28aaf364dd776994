"""Bot API: the bot's profile: getMe, logOut/close, commands and descriptions."""

from __future__ import annotations

import json
import re

from playground.emulator.html import utf16_len
from playground.emulator.records import JsonDict, as_json, bad
from playground.emulator.state import EmulatorState

MAX_COMMANDS = 100
MAX_DESCRIPTION = 512
MAX_SHORT_DESCRIPTION = 120
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")


def _scope_key(params: JsonDict) -> tuple[str, str]:
    scope = as_json(params.get("scope")) or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")


_DEFAULT_SCOPE = _scope_key({})


def _checked_commands(params: JsonDict) -> list[JsonDict]:
    commands = as_json(params.get("commands"))
    if not isinstance(commands, list):
        raise bad('field "commands" must be an Array')
    if len(commands) > MAX_COMMANDS:
        raise bad("BOT_COMMANDS_TOO_MUCH")
    cleaned: list[JsonDict] = []
    for command in commands:
        if not isinstance(command, dict):
            raise bad("can't parse BotCommand: expected an Object")
        name = command.get("command")
        description = command.get("description")
        if not isinstance(name, str) or not _COMMAND_RE.fullmatch(name):
            raise bad("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not description.strip():
            raise bad("command description must be non-empty")
        if len(description) > 256:
            raise bad("BOT_COMMAND_DESCRIPTION_INVALID")
        cleaned.append({"command": name, "description": description})
    return cleaned


def _set_text(store: dict[str, str], params: JsonDict, field: str, limit: int, error: str) -> bool:
    text = params.get(field)
    language = str(params.get("language_code") or "")
    if text is None or text == "":
        store.pop(language, None)  # Telegram: an empty text removes it
        return True
    if not isinstance(text, str):
        raise bad(f'field "{field}" must be a String')
    if utf16_len(text) > limit:
        raise bad(error)
    store[language] = text
    return True


class ProfileMethods(EmulatorState):
    """getMe, logOut, close, set/get/deleteMyCommands, set/getMy(Short)Description."""

    @staticmethod
    def _true(params: JsonDict) -> bool:
        return True

    def _get_me(self, params: JsonDict) -> JsonDict:
        return dict(self.bot_user)

    def _set_my_commands(self, params: JsonDict) -> bool:
        cleaned = _checked_commands(params)
        key = _scope_key(params)
        self.commands_by_scope[key] = cleaned
        if key == _DEFAULT_SCOPE:
            self.my_commands = cleaned
        return True

    def _get_my_commands(self, params: JsonDict) -> list[JsonDict]:
        return list(self.commands_by_scope.get(_scope_key(params), []))

    def _delete_my_commands(self, params: JsonDict) -> bool:
        key = _scope_key(params)
        self.commands_by_scope.pop(key, None)
        if key == _DEFAULT_SCOPE:
            self.my_commands = []
        return True

    def _set_my_description(self, params: JsonDict) -> bool:
        return _set_text(
            self.descriptions, params, "description", MAX_DESCRIPTION, "BOT_DESCRIPTION_INVALID"
        )

    def _get_my_description(self, params: JsonDict) -> JsonDict:
        return {"description": self.descriptions.get(str(params.get("language_code") or ""), "")}

    def _set_my_short_description(self, params: JsonDict) -> bool:
        return _set_text(
            self.short_descriptions,
            params,
            "short_description",
            MAX_SHORT_DESCRIPTION,
            "BOT_SHORT_DESCRIPTION_INVALID",
        )

    def _get_my_short_description(self, params: JsonDict) -> JsonDict:
        language = str(params.get("language_code") or "")
        return {"short_description": self.short_descriptions.get(language, "")}
