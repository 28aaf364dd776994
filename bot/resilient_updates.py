"""Long polling that one unreadable update cannot stop.

python-telegram-bot parses a whole getUpdates batch at once. If it cannot read one update (a
field newer or older than this library version expects, for example a `poll_answer` without
`option_persistent_ids`), the whole batch fails, the offset is not advanced, and the same batch
is fetched and fails again, forever: the bot is wedged, logging CRITICAL in a tight loop.

`ResilientBot.get_updates` catches that case, fetches the same batch again (the offset was not
confirmed, so Telegram returns the same updates) and reads the updates one by one. An update
that cannot be read is replaced by an empty `Update` with its id, so it is confirmed and
skipped; a WARNING names its id and the error type, never its content. The normal path is
unchanged: nothing is parsed twice.

When Telegram cannot be reached, PTB's polling loop waits 1 s, then 1.5 times longer after each
failure, up to 30 s: after a minute's outage the bot would resume up to 15 s after Telegram is
back. `get_updates` waits here instead, at most `POLL_RETRY_CAP` seconds, and hands PTB a
`TimedOut`, which its loop retries at once: polling resumes within about 2 s.

`ResilientApplicationBuilder` makes the Application use `ResilientBot` (through
bot/ptb_internals.py; a test fails if a python-telegram-bot upgrade stops that from working).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.error import NetworkError, TelegramError, TimedOut
from telegram.ext import Application, ExtBot

from bot.ptb_internals import (
    DEFAULT_NONE,
    PARSE_FAILURE_LOG_PREFIX,
    CustomBotApplicationBuilder,
    JSONDict,
    ODVInput,
    TimePeriod,
    post,
)

log = logging.getLogger(__name__)

POLL_RETRY_CAP = 2.0
"""The longest wait between two getUpdates tries while Telegram cannot be reached (seconds)."""


def poll_retry_delay(failures: int) -> float:
    """The wait after `failures` failed tries in a row: 0.5, 1, 2, 2, ... seconds."""
    return min(POLL_RETRY_CAP, 0.25 * 2.0 ** max(1, failures))


# PTB logs the whole batch at CRITICAL when it cannot parse it; the batch is skipped safely
# here, so that line is demoted and its content dropped.
PTB_BOT_LOGGERS = ("telegram.Bot", "telegram.ext.ExtBot")
_PARSE_FAILURE_PREFIX = PARSE_FAILURE_LOG_PREFIX


class QuietParseFailure(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith(_PARSE_FAILURE_PREFIX):
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.msg = _PARSE_FAILURE_PREFIX + " (content not logged; reading them one by one)"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


def quiet_parse_failures() -> None:
    for name in PTB_BOT_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, QuietParseFailure) for f in logger.filters):
            logger.addFilter(QuietParseFailure())


def read_update(raw: object, bot: ExtBot[Any]) -> Update | None:
    """The update, an empty placeholder with its id if it cannot be read, or None (no id)."""
    try:
        update = Update.de_json(raw, bot)  # type: ignore[arg-type]
    except Exception as exc:
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            log.warning("skipped an update without an id (%s)", type(exc).__name__)
            return None
        log.warning("update %d could not be read (%s); skipped", update_id, type(exc).__name__)
        placeholder = Update(update_id=update_id)
        placeholder.set_bot(bot)
        return placeholder
    if update is not None:
        bot.insert_callback_data(update)
    return update


class ResilientBot(ExtBot[Any]):
    """An ExtBot whose get_updates skips updates it cannot read instead of failing forever."""

    __slots__ = ("_poll_failures",)

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: TimePeriod | None = None,  # noqa: ASYNC109 - PTB's signature
        allowed_updates: Sequence[str] | None = None,
        *,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
        api_kwargs: JSONDict | None = None,
    ) -> tuple[Update, ...]:
        """PTB's get_updates, skipping unreadable updates, with a short wait on network trouble."""
        try:
            updates = await self._read_updates(
                offset,
                limit,
                timeout,
                allowed_updates,
                read_timeout,
                write_timeout,
                connect_timeout,
                pool_timeout,
                api_kwargs,
            )
        except TimedOut:
            raise
        except NetworkError as exc:
            failures = getattr(self, "_poll_failures", 0) + 1
            self._poll_failures = failures
            delay = poll_retry_delay(failures)
            log.warning("cannot reach Telegram for updates (%s); retrying in %.1fs", exc, delay)
            await asyncio.sleep(delay)
            raise TimedOut("Telegram could not be reached; retrying") from exc
        self._poll_failures = 0
        return updates

    async def _read_updates(
        self,
        offset: int | None,
        limit: int | None,
        timeout: TimePeriod | None,  # noqa: ASYNC109 - PTB's signature
        allowed_updates: Sequence[str] | None,
        read_timeout: ODVInput[float],
        write_timeout: ODVInput[float],
        connect_timeout: ODVInput[float],
        pool_timeout: ODVInput[float],
        api_kwargs: JSONDict | None,
    ) -> tuple[Update, ...]:
        try:
            return await super().get_updates(
                offset=offset,
                limit=limit,
                timeout=timeout,
                allowed_updates=allowed_updates,
                read_timeout=read_timeout,
                write_timeout=write_timeout,
                connect_timeout=connect_timeout,
                pool_timeout=pool_timeout,
                api_kwargs=api_kwargs,
            )
        except TelegramError:
            raise  # network trouble and the like: PTB's polling loop retries
        except Exception as exc:
            log.warning(
                "an update batch could not be read (%s); reading it one by one",
                type(exc).__name__,
            )
        data: JSONDict = {"offset": offset, "limit": limit, "timeout": 0}
        if allowed_updates is not None:
            data["allowed_updates"] = allowed_updates
        raw = await post(
            self,
            "getUpdates",
            data,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
            api_kwargs=api_kwargs,
        )
        updates = (read_update(item, self) for item in (raw if isinstance(raw, list) else []))
        return tuple(update for update in updates if update is not None)


class ResilientApplicationBuilder(CustomBotApplicationBuilder):
    """An ApplicationBuilder whose bot is a ResilientBot (everything else unchanged)."""

    bot_class = ResilientBot

    def build(self) -> Application[Any, Any, Any, Any, Any, Any]:
        quiet_parse_failures()
        return super().build()
