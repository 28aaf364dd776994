"""Logging that never shows the bot token or personal data, and never floods.

Every line passes three filters on the handler, in this order:
- FoldRepeats: a WARNING or worse that repeats (same logger, level and message template) is
  written once a minute; the next line written says how many were held back.
- RedactPersonalData: user ids (long digit runs) and message text, names and usernames are
  masked in the libraries' lines (PTB logs whole updates and API calls at DEBUG); any message is
  cut to 1 KB.
- RedactSecrets: the token, the webhook secret, anything token-shaped.
"""

from __future__ import annotations

import logging
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

# A Telegram bot token anywhere in a message, including inside API URLs.
_TOKEN_RE = re.compile(r"\d{5,16}:[A-Za-z0-9_-]{30,64}")


class RedactSecrets(logging.Filter):
    """Replaces known secrets, and anything shaped like a bot token, with a placeholder."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = tuple(s for s in secrets if s)

    def _clean(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return _TOKEN_RE.sub("[redacted]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self._clean(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True


# The bot's own loggers: they log hashed ids only and never text (bot/update_log.py).
OWN_LOGGERS = ("bot", "knowledge", "__main__")
MAX_MESSAGE_CHARS = 1024
# Fields of an update, an API call or their Python reprs that carry what people wrote or who
# they are: "text": "...", 'first_name': '...', text='...' (JSON, dict and object reprs).
PERSONAL_FIELDS = (
    "text",
    "caption",
    "first_name",
    "last_name",
    "username",
    "title",
    "query",
    "data",
    "phone_number",
    "bio",
    "description",
    "quote",
    "name",
    "address",
)
_QUOTED = r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
_FIELD_RE = re.compile(
    r"""(?P<key>["']?\b(?:""" + "|".join(PERSONAL_FIELDS) + r""")\b["']?\s*[:=]\s*)""" + _QUOTED
)
# Telegram user and chat ids (and anything else with 5+ digits) in library lines.
_DIGITS_RE = re.compile(r"(?<![0-9A-Za-z])-?[0-9]{5,}(?![0-9])")


def redact_personal(text: str, *, mask_digits: bool = True) -> str:
    """Mask personal fields' values, and long digit runs (ids) when `mask_digits`."""
    text = _FIELD_RE.sub(lambda m: m.group("key") + "'[redacted]'", text)
    if mask_digits:
        text = _DIGITS_RE.sub("[id]", text)
    return text


def truncate(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... [{len(text) - limit} more characters not logged]"


class RedactPersonalData(logging.Filter):
    """Masks message text, names and ids in the libraries' lines; cuts every line to 1 KB.

    The bot's own lines are only cut: they carry hashed ids and never text by design (and a
    hash or a duration must not be mistaken for an id).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what can be shown
            message = str(record.msg)
        own = record.name.startswith(OWN_LOGGERS)
        cleaned = truncate(message if own else redact_personal(message))
        if not own:
            if record.exc_info and not record.exc_text:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            if record.exc_text:
                record.exc_text = truncate(redact_personal(record.exc_text), 8 * MAX_MESSAGE_CHARS)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True


class FoldRepeats(logging.Filter):
    """One line a minute per repeated WARNING-or-worse, with a count of those held back.

    Lines are alike when logger, level, message template and exception type match (a locked
    database in the sweeper, every interval). Remembers at most `max_keys` kinds.
    """

    def __init__(
        self,
        window: float = 60.0,
        *,
        level: int = logging.WARNING,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 1000,
    ) -> None:
        super().__init__()
        self.window = window
        self.level = level
        self._clock = clock
        self._max_keys = max_keys
        # key -> [time the last line was written, lines held back since]
        self._seen: OrderedDict[tuple[str, int, str, str], list[float]] = OrderedDict()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < self.level:
            return True
        exc_type = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        key = (record.name, record.levelno, str(record.msg), exc_type)
        now = self._clock()
        entry = self._seen.get(key)
        if entry is not None and now - entry[0] < self.window:
            entry[1] += 1
            return False
        held_back = int(entry[1]) if entry is not None else 0
        self._seen[key] = [now, 0]
        self._seen.move_to_end(key)
        while len(self._seen) > self._max_keys:
            self._seen.popitem(last=False)
        if held_back:
            try:
                message = record.getMessage()
            except Exception:
                message = str(record.msg)
            since = f"{self.window:.0f}s" if entry is None else f"{now - entry[0]:.0f}s"
            record.msg = f"{message} [and {held_back} more like it in the last {since}]"
            record.args = None
        return True


RATE_LIMITER_LOGGER = "telegram.ext.AIORateLimiter"


class RetriesAreWarnings(logging.Filter):
    """PTB's rate limiter reports a RetryAfter it obeys at INFO; operators want a WARNING."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING and str(record.msg).startswith("Rate limit hit"):
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def configure_logging(level: str, secrets: Iterable[str] = ()) -> None:
    """Log to stderr at `level`; quiet the HTTP client, whose lines carry the token in URLs.

    Every line passes FoldRepeats, RedactPersonalData and RedactSecrets (see the module doc).
    """
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(FoldRepeats())
    handler.addFilter(RedactPersonalData())
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    limiter = logging.getLogger(RATE_LIMITER_LOGGER)
    for old_filter in list(limiter.filters):
        if isinstance(old_filter, RetriesAreWarnings):
            limiter.removeFilter(old_filter)
    limiter.addFilter(RetriesAreWarnings())
    if root.level <= logging.WARNING:
        # Let the retry notices through the logger's level check so they can be promoted.
        limiter.setLevel(min(root.level, logging.INFO))
