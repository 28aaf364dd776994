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

Two kinds of failure, told apart by the request object (bot/aiohttp_request.py):

- certainly not delivered: the connection was refused, the name did not resolve, the connect
  or the pool timed out, Telegram answered 5xx (or 429, left to the rate limiter). Nothing
  reached Telegram's processing, so these are retried as often as the deadline allows.
- maybe delivered (`MaybeDelivered`): the request was written and its answer did not come
  within the read timeout. Telegram may have processed it: when it is slow but working, it
  does, ~10 s late (issue 24). The Bot API has no idempotency key, so each resend may be a
  copy the user sees. The read timeout is sized to Telegram's real latency
  (`Settings.read_timeout_seconds`, 25 s) and such a send is repeated at most
  `MAYBE_DELIVERED_RESENDS` (1) time: a reply is still not lost to one hung request, and a
  slow Telegram shows the user at most two copies instead of five.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.ptb_internals import ODVInput

log = logging.getLogger(__name__)

# Bot API methods whose failures are retried: the bot's replies and their housekeeping.
RETRIED_PREFIXES = ("send", "edit", "answer", "delete", "setmy")
# Never retried by this wrapper, whatever their name (PTB retries these itself).
NEVER_RETRIED = frozenset({"getupdates", "setwebhook", "deletewebhook"})

DEFAULT_DEADLINE_SECONDS = 30.0
FIRST_DELAY_SECONDS = 0.25
MAX_DELAY_SECONDS = 4.0
# How many times a send whose request was written but not answered in time is sent again.
MAYBE_DELIVERED_RESENDS = 1

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


class MaybeDelivered(TimedOut):
    """The request was written to Telegram and its answer did not come in time: Telegram may
    have processed it (a sent message the user already sees). A `TimedOut`, so PTB and every
    handler treat it as one; the retry policy, the error handler and the check-in sweeper
    look for this subclass so as not to repeat it blindly."""

    def __init__(self, message: str = "Timed out waiting for Telegram's answer") -> None:
        super().__init__(message)


def maybe_delivered(error: BaseException | None) -> bool:
    """True if `error` (or one of its causes) is a send that may have reached Telegram."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, MaybeDelivered):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


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
        maybe_delivered_resends: int = MAYBE_DELIVERED_RESENDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.inner = inner
        self.deadline_seconds = max(0.0, deadline_seconds)
        self._first_delay = FIRST_DELAY_SECONDS if first_delay is None else first_delay
        self._max_delay = MAX_DELAY_SECONDS if max_delay is None else max_delay
        self.maybe_delivered_resends = max(0, maybe_delivered_resends)
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
        maybe_resent = 0  # resends of a try that may have been delivered
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
                if isinstance(exc, MaybeDelivered):
                    if maybe_resent >= self.maybe_delivered_resends:
                        log.warning(
                            "%s timed out after it was sent %d time(s); it may have been "
                            "delivered, so it is not sent again",
                            api_method(url),
                            attempt,
                        )
                        raise
                    maybe_resent += 1
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
