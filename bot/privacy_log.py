"""Keep what people type out of every log, at every level.

python-telegram-bot logs at DEBUG the parameters and results of every Bot API call, every update
it processes, and every webhook body: all of them carry the text of users' messages. This
filter keeps those lines (the method name stays, which helps debugging) but replaces their data
with a placeholder. It sits on the library's own loggers, so it applies whatever handlers the
process sets up, tests' log capture included.
"""

from __future__ import annotations

import logging

__all__ = ["NOT_LOGGED", "PTB_LOGGERS", "NoMessageContent", "install"]

NOT_LOGGED = "[content not logged]"

PTB_LOGGERS = (
    "telegram.Bot",
    "telegram.ext.ExtBot",
    "telegram.ext.Application",
    "telegram.ext.Updater",
)

# Message prefixes of the library's lines that carry data, and which argument to keep.
_KEEP_FIRST = ("Calling Bot API endpoint", "Call to Bot API endpoint")
_DROP_ALL = ("Processing update", "Dropping pending update", "Webhook received data")


class NoMessageContent(logging.Filter):
    """Replaces the data in the library's API-call, update and webhook lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.msg
        if not isinstance(msg, str) or not record.args:
            return True
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        if msg.startswith(_KEEP_FIRST):
            record.args = (args[0], *(NOT_LOGGED for _ in args[1:]))
        elif msg.startswith(_DROP_ALL):
            record.args = tuple(NOT_LOGGED for _ in args)
        return True


def install() -> None:
    """Put the filter on the library's loggers (once; calling again changes nothing)."""
    for name in PTB_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, NoMessageContent) for f in logger.filters):
            logger.addFilter(NoMessageContent())
