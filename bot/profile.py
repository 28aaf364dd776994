"""The bot's profile in every language it speaks: command menu, description, short description.

Telegram shows each person the version for their app's language (``language_code``) and the
default (English) to everyone else, so each is set once per language at start-up.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat, Chat
from telegram.error import TelegramError

from knowledge.catalog import COMMANDS
from knowledge.i18n import DEFAULT_LANGUAGE, LANGUAGES, translate
from knowledge.texts import BOT_DESCRIPTION, BOT_SHORT_DESCRIPTION

__all__ = ["bot_commands", "set_chat_menu", "set_profile"]

log = logging.getLogger(__name__)


def bot_commands(language: str = DEFAULT_LANGUAGE) -> list[BotCommand]:
    """The command menu shown in Telegram, from the knowledge catalog, in `language`."""
    return [BotCommand(info.command, translate(language, info.description)) for info in COMMANDS]


async def set_profile(bot: Bot) -> None:
    """Menu and descriptions: English as the default, then once per other language."""
    for code in LANGUAGES:
        language_code = None if code == DEFAULT_LANGUAGE else code
        await bot.set_my_commands(bot_commands(code), language_code=language_code)
        await bot.set_my_description(translate(code, BOT_DESCRIPTION), language_code=language_code)
        await bot.set_my_short_description(
            translate(code, BOT_SHORT_DESCRIPTION), language_code=language_code
        )


async def set_chat_menu(chat: Chat | None, language: str | None) -> None:
    """This private chat's own command menu in `language` (chosen with /language), or back to
    the app language's menu when None (after /forget). Best effort: the menu is a nicety."""
    if chat is None or chat.type != "private":
        return
    bot, scope = chat.get_bot(), BotCommandScopeChat(chat.id)
    try:
        if language is None:
            await bot.delete_my_commands(scope=scope)
        else:
            await bot.set_my_commands(bot_commands(language), scope=scope)
    except TelegramError as exc:
        log.warning("could not change the chat's command menu: %s", type(exc).__name__)
