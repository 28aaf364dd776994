"""python-telegram-bot's private parts, behind one door (issue 21 item 5).

The bot relies on a few things python-telegram-bot (PTB) 22 does not promise to keep: names
with a leading underscore, private modules, and how PTB serialises a keyboard. Every such touch
is here, one small typed function (or class) each, with why it is needed; the rest of `bot/`
uses only PTB's public API and this module. tests/test_ptb_internals.py has one test per touch
point that fails with a clear message if a PTB upgrade removes or changes what it relies on:
after an upgrade, run it first.

The touch points:

1. Private type names (`telegram._utils.types`, `telegram._utils.defaultvalue`): the
   signatures of `BaseRequest.do_request` and `Bot.get_updates`, which the bot's request
   objects and its bot override, are written with them.
2. `Bot._post` (`post`): a Bot API call without turning the answer into PTB objects.
3. The ApplicationBuilder's private fields and its `_build_ext_bot` step
   (`CustomBotApplicationBuilder`): the only way to have the Application use a Bot subclass.
4. PTB's webhook request handler (`webhook_handler_class`, `install_webhook_handler`): a
   private module, swapped for a subclass that refuses malformed bodies quietly.
5. The Application's private update-fetcher task (`update_fetcher_task`): watched, so that a
   dead update loop stops the bot instead of losing every later message in silence.
6. Keyboard serialisation (`PreserializedButton`): a button's `to_dict` overridden, and a
   private attribute set on a frozen TelegramObject.
7. PTB's log line for an unreadable getUpdates batch (`PARSE_FAILURE_LOG_PREFIX`), demoted by
   bot/resilient_updates.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from telegram import Bot, InlineKeyboardButton
from telegram._utils.defaultvalue import DEFAULT_NONE, DefaultValue
from telegram._utils.types import JSONDict, ODVInput, TimePeriod
from telegram.ext import Application, ApplicationBuilder, ExtBot

if TYPE_CHECKING:
    from asyncio import Task

__all__ = [
    "DEFAULT_NONE",
    "PARSE_FAILURE_LOG_PREFIX",
    "UPDATE_FETCHER_TASK_ATTRIBUTE",
    "CustomBotApplicationBuilder",
    "DefaultValue",
    "JSONDict",
    "ODVInput",
    "PreserializedButton",
    "TimePeriod",
    "ext_bot_arguments",
    "install_webhook_handler",
    "post",
    "update_fetcher_task",
    "webhook_handler_class",
]

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

# --- 1. private type names ------------------------------------------------------------------
# `ODVInput` ("a value, or DEFAULT_NONE when the caller gave none"), `JSONDict`, `TimePeriod`,
# `DefaultValue` and `DEFAULT_NONE` are re-exported above: PTB types the methods the bot
# overrides (`BaseRequest.do_request`, `Bot.get_updates`) with them, and tells "not given"
# from None with `DEFAULT_NONE`, so an override must take and pass on the same values.


# --- 2. Bot._post -----------------------------------------------------------------------------


async def post(
    bot: Bot,
    method: str,
    data: JSONDict,
    *,
    write_timeout: ODVInput[float] = DEFAULT_NONE,
    connect_timeout: ODVInput[float] = DEFAULT_NONE,
    pool_timeout: ODVInput[float] = DEFAULT_NONE,
    api_kwargs: JSONDict | None = None,
) -> Any:
    """Call the Bot API `method` with `data`; Telegram's answer (its `result`) as JSON.

    Why: `Bot._post` is the step every public method (`send_message`, `get_updates`, ...)
    takes before it turns the answer into PTB objects; it applies the bot's defaults, its rate
    limiter (ExtBot), the request object and PTB's error mapping. Sending a reply through it
    skips reading the whole sent message back into a `Message` (~9% of the bot's CPU per
    update, bench/README.md), and lets `ResilientBot` read a getUpdates batch update by update.
    """
    return await bot._post(
        method,
        data,
        write_timeout=write_timeout,
        connect_timeout=connect_timeout,
        pool_timeout=pool_timeout,
        api_kwargs=api_kwargs,
    )


# --- 3. the ApplicationBuilder's private fields ----------------------------------------------

# The ExtBot arguments `ApplicationBuilder._build_ext_bot` passes, each read from the builder
# field of the same name with a leading underscore (unset fields hold a DefaultValue).
EXT_BOT_FIELDS = (
    "base_url",
    "base_file_url",
    "private_key",
    "private_key_password",
    "defaults",
    "arbitrary_callback_data",
    "rate_limiter",
    "local_mode",
)


def ext_bot_arguments(builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any]) -> dict[str, Any]:
    """The keyword arguments PTB's builder would give `ExtBot(...)`, from its private fields.

    Why: PTB has no public way to make the Application use a Bot subclass other than building
    the bot by hand, which would drop the builder's other settings (requests, rate limiter,
    defaults). `ApplicationBuilder._build_ext_bot` is the one place the bot is made; an
    override must pass on exactly what it passes, read from the same private fields.
    """
    token = builder._token
    if isinstance(token, DefaultValue):
        raise RuntimeError("No bot token was set.")
    arguments: dict[str, Any] = {"token": token}
    for name in EXT_BOT_FIELDS:
        arguments[name] = DefaultValue.get_value(getattr(builder, f"_{name}"))
    arguments["request"] = builder._build_request(get_updates=False)
    arguments["get_updates_request"] = builder._build_request(get_updates=True)
    return arguments


class CustomBotApplicationBuilder(ApplicationBuilder[Any, Any, Any, Any, Any, Any]):
    """An ApplicationBuilder whose bot is a `bot_class` (an ExtBot subclass); everything else
    as PTB builds it.

    Why: see `ext_bot_arguments`; PTB's `build()` calls the private `_build_ext_bot`, which is
    overridden here (and only here).
    """

    bot_class: ClassVar[type[ExtBot[Any]]] = ExtBot

    def _build_ext_bot(self) -> ExtBot[Any]:
        return self.bot_class(**ext_bot_arguments(self))


# --- 4. the webhook request handler -----------------------------------------------------------


def webhook_handler_class() -> type[Any]:
    """PTB's tornado request handler for webhook updates (`TelegramHandler`), to subclass.

    Why: PTB's webhook server answers 500 to a malformed body (Telegram then re-sends it) and
    logs an unreadable update whole at CRITICAL; it has no hook for either. Its handler lives
    in a private module (`telegram.ext._utils.webhookhandler`); the subclass uses its `bot`,
    `update_queue` and `secret_token` attributes, set by its `initialize`. Needs tornado.
    """
    from telegram.ext._utils import webhookhandler

    return webhookhandler.TelegramHandler


def install_webhook_handler(handler: type[Any]) -> type[Any]:
    """Make PTB's webhook server build `handler` for every request; returns what it replaced.

    Why: `WebhookAppClass.__init__` looks `TelegramHandler` up in its module each time it is
    built, so replacing the module's name is the only way in. Needs tornado.
    """
    from telegram.ext._utils import webhookhandler

    previous: type[Any] = webhookhandler.TelegramHandler
    webhookhandler.TelegramHandler = handler  # type: ignore[misc]
    return previous


# --- 5. the Application's update-fetcher task -------------------------------------------------

UPDATE_FETCHER_TASK_ATTRIBUTE = "_Application__update_fetcher_task"


def update_fetcher_task(application: AnyApplication) -> Task[Any] | None:
    """The Application's task that takes updates off the queue and processes them, if running.

    Why: if that loop ever ends while the bot runs, updates are still fetched and confirmed but
    never handled: every later message is lost in silence. PTB keeps the task private (a
    name-mangled attribute); bot/update_log.py watches it and stops the bot so it restarts.
    """
    from asyncio import Task

    task = getattr(application, UPDATE_FETCHER_TASK_ATTRIBUTE, None)
    return task if isinstance(task, Task) else None


# --- 6. keyboard serialisation ---------------------------------------------------------------


class PreserializedButton(InlineKeyboardButton):
    """An inline button that is serialised once, when it is made.

    Why: the bot sends the same few dozen buttons again and again, and PTB turns every button
    of every keyboard into a dict on each send with its generic, attribute-walking `to_dict`:
    with building the buttons, ~18% of the bot's CPU per update (bench/README.md). Buttons are
    immutable, so the dict is made once and each send gets its own shallow copy. Relies on PTB
    serialising a keyboard by calling each button's `to_dict`, and on TelegramObject allowing
    attributes whose name starts with "_" to be set on a frozen object.
    """

    __slots__ = ("_as_dict",)

    def __init__(self, text: str, *, callback_data: str | None = None, url: str | None = None):
        super().__init__(text, callback_data=callback_data, url=url)
        as_dict: dict[str, Any] = {"text": text}  # what PTB's to_dict gives for these fields
        if callback_data is not None:
            as_dict["callback_data"] = callback_data
        if url is not None:
            as_dict["url"] = url
        self._as_dict = as_dict  # "_" attributes may be set on a frozen TelegramObject

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        return dict(self._as_dict)


# --- 7. PTB's log line for an unreadable update batch -----------------------------------------

# `Bot.get_updates` logs this (at CRITICAL, with the whole batch) when it cannot read a batch;
# bot/resilient_updates.py recognises the line by it, demotes it and drops the content.
PARSE_FAILURE_LOG_PREFIX = "Error while parsing updates!"
