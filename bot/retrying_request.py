"""Retry the bot's replies through short network trouble, within an overall deadline.

`RetryingRequest` wraps any `telegram.request.BaseRequest` (PTB's HTTPXRequest, or another
HTTP client) and retries `do_request` when Telegram could not be reached, did not answer in
time, or answered with a 5xx status: with bounded, jittered exponential backoff, and never past
an overall deadline, after which the last error (or 5xx answer) is handed to PTB as usual.

What is never retried here:
- 4xx answers: Telegram understood the request and refused it; sending it again won't help.
- 429 (flood control): PTB's AIORateLimiter already waits and retries as Telegram asks.
- getUpdates and the webhook set-up: PTB's updater has its own retry loop for them.
- Uploads (multipart requests): their file objects may not be readable twice.
- Requests made where `retries_disabled()` is active: the check-in sweeper has its own,
  durable retry (back to the database queue with a longer backoff).

A retry after a timeout can, rarely, send a reply twice: Telegram may have delivered the
message and only its answer got lost. Telegram's Bot API has no idempotency key, so the only
alternative is silence; for a health bot a duplicated tip is far better than a lost one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from telegram._utils.types import ODVInput
from telegram.error import BadRequest, NetworkError
from telegram.request import BaseRequest, RequestData

log = logging.getLogger(__name__)

# Bot API methods whose failures are retried: the bot's replies and their housekeeping.
RETRIED_PREFIXES = ("send", "edit", "answer", "delete", "setmy")
# Never retried by this wrapper, whatever their name (PTB retries these itself).
NEVER_RETRIED = frozenset({"getupdates", "setwebhook", "deletewebhook"})

DEFAULT_DEADLINE_SECONDS = 30.0
FIRST_DELAY_SECONDS = 0.25
MAX_DELAY_SECONDS = 4.0

_retries_enabled: ContextVar[bool] = ContextVar("kneebot_request_retries", default=True)


@contextlib.contextmanager
def retries_disabled() -> Iterator[None]:
    """Requests made in this context, and in tasks created inside it, are not retried."""
    token = _retries_enabled.set(False)
    try:
        yield
    finally:
        _retries_enabled.reset(token)


def api_method(url: str) -> str:
    """The Bot API method of a request URL, lower-cased: ".../bot<token>/sendMessage" -> ..."""
    return url.rstrip("/").rpartition("/")[2].partition("?")[0].lower()


def is_retried_method(url: str) -> bool:
    method = api_method(url)
    return method not in NEVER_RETRIED and method.startswith(RETRIED_PREFIXES)


def is_transient(error: BaseException) -> bool:
    """A failure to reach Telegram or to hear back in time (not a refusal)."""
    if isinstance(error, BadRequest):
        return False
    return isinstance(error, NetworkError | OSError | TimeoutError)


def backoff_delays(
    first: float = FIRST_DELAY_SECONDS,
    cap: float = MAX_DELAY_SECONDS,
    rand: Callable[[], float] = random.random,
) -> Iterator[float]:
    """0.25 s, 0.5 s, 1 s, 2 s, 4 s, 4 s, ... each with up to 25% jitter either way."""
    delay = first
    while True:
        yield delay * (0.75 + 0.5 * rand())
        delay = min(delay * 2, cap)


class RetryingRequest(BaseRequest):
    """A BaseRequest that retries transient failures of the inner one until a deadline."""

    def __init__(
        self,
        inner: BaseRequest,
        *,
        deadline_seconds: float = DEFAULT_DEADLINE_SECONDS,
        first_delay: float | None = None,
        max_delay: float | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.inner = inner
        self.deadline_seconds = max(0.0, deadline_seconds)
        self._first_delay = FIRST_DELAY_SECONDS if first_delay is None else first_delay
        self._max_delay = MAX_DELAY_SECONDS if max_delay is None else max_delay
        self._monotonic = monotonic
        self.retries = 0  # retried attempts since start, for tests and metrics

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        timeouts: dict[str, ODVInput[float]] = {
            "read_timeout": read_timeout,
            "write_timeout": write_timeout,
            "connect_timeout": connect_timeout,
            "pool_timeout": pool_timeout,
        }
        if (
            self.deadline_seconds <= 0
            or not _retries_enabled.get()
            or not is_retried_method(url)
            or (request_data is not None and request_data.contains_files)
        ):
            return await self.inner.do_request(url, method, request_data, **timeouts)

        deadline = self._monotonic() + self.deadline_seconds
        delays = backoff_delays(self._first_delay, self._max_delay)
        attempt = 1
        while True:
            try:
                code, payload = await self.inner.do_request(
                    url,
                    method,
                    request_data,
                    **timeouts,
                )
            except Exception as exc:
                if not is_transient(exc):
                    raise
                outcome: BaseException | tuple[int, bytes] = exc
                reason = type(exc).__name__
            else:
                if code < 500:
                    return code, payload
                outcome = (code, payload)
                reason = f"HTTP {code}"
            delay = next(delays)
            if self._monotonic() + delay >= deadline:
                log.warning(
                    "%s failed %d time(s) (%s); giving up after %.0fs",
                    api_method(url),
                    attempt,
                    reason,
                    self.deadline_seconds,
                )
                if isinstance(outcome, BaseException):
                    raise outcome
                return outcome
            log.info(
                "%s failed (%s); retrying in %.2fs (attempt %d)",
                api_method(url),
                reason,
                delay,
                attempt + 1,
            )
            self.retries += 1
            attempt += 1
            await asyncio.sleep(delay)
