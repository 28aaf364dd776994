"""Logging that never shows the bot token."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

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


RATE_LIMITER_LOGGER = "telegram.ext.AIORateLimiter"


class RetriesAreWarnings(logging.Filter):
    """PTB's rate limiter reports a RetryAfter it obeys at INFO; operators want a WARNING."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING and str(record.msg).startswith("Rate limit hit"):
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def configure_logging(level: str, secrets: Iterable[str] = ()) -> None:
    """Log to stderr at `level`; quiet the HTTP client, whose lines carry the token in URLs.

    Every line passes RedactSecrets (the token, the webhook secret, anything token-shaped).
    """
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
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
