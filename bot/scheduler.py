"""The follow-up sweeper: the database is the queue, this loop empties it.

Every `sweep_interval_seconds` the sweeper claims a batch of due check-ins with
`Store.claim_due` (one atomic UPDATE ... RETURNING: a claimed row is `sending` under a lease,
so a second sweeper, or this one after a restart, cannot take it while the lease lasts),
sends each, and records the result:

- delivered -> `mark_sent` (with the Telegram message id);
- network error, connect timeout, 5xx (certainly not delivered) -> `mark_retry` with
  exponential backoff, until `max_send_attempts` -> `mark_failed`;
- no answer within the read timeout after the request was written (`MaybeDelivered`: Telegram,
  slow but working, may have delivered it) -> `mark_maybe_delivered`: the row stays `sending`
  and is not sent again while its lease lasts (counted from now), so a slow Telegram does not
  get the check-in twice; if the user answers it, it is done, else it goes out once the lease
  ends (at-least-once: a check-in whose request hung is not lost);
- RetryAfter (429) that survived PTB's AIORateLimiter retries -> back to the queue at
  now + retry_after, not counted as an attempt, and the whole sweeper pauses that long;
- Forbidden (the user blocked the bot), "chat not found" -> `mark_blocked`: the user is
  marked blocked, their open check-ins end, this row ends `blocked`.

Delivery is at-least-once, and a crash repeats at most the sends in flight. A row is marked
only after Telegram accepted the message, so a crash between claim and send loses nothing
(the lease runs out, the row is claimed again). A crash after a send has gone out but before
its `mark_sent` is committed sends that check-in a second time once its lease has expired
(Telegram has no idempotency key for sendMessage, so exactly-once is not possible;
at-most-once would lose check-ins instead). At most `concurrency` sends (8) are in flight at
once, so one crash repeats at most 8 check-ins; a send counts as in flight only from the
moment its HTTP request starts (the pacer's slot is taken there), so at the 30/s ceiling,
where senders mostly wait for a slot, a crash repeats 0 or 1 in practice
(`python -m bench.crash` measures the distribution over many kills; bench/README.md).

Pacing happens where the HTTP request starts: each sender sets the pacer as its task's send
gate (bot/pacing.py), and the request object passes it after every other wait (PTB's rate
limiter, the connection pool), so the receiver sees at most `rate` sends in any window.

Nothing per user is held in memory: a million pending check-ins cost disk, not RAM. The
first sweep runs immediately at start, so check-ins that fell due while the bot was down go
out straight away. The sweeper knows nothing of handlers: it only needs the Store, the clock
and a Bot. Business time (due dates, leases) comes from `services.now()`, the injected
clock; the send rate is paced on the real monotonic clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
import warnings
from collections import deque
from collections.abc import Callable, Sequence
from datetime import timedelta

from telegram import Bot, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.keyboards import checkin_keyboard
from bot.messaging import NO_PREVIEW
from bot.pacing import SendCancelled, paced
from bot.retrying_request import MaybeDelivered
from bot.services import Services
from bot.storage import Followup, StoreError
from knowledge.checkin_texts import checkin_message
from knowledge.i18n import choose_language

log = logging.getLogger(__name__)

BACKOFF_BASE_SECONDS = 60
BACKOFF_CAP_SECONDS = 6 * 3600
STOP_TIMEOUT_SECONDS = 10.0
DEFAULT_CONCURRENCY = 8
# The sweeper allows `rate` sends per (1 + margin) seconds, so that jitter of up to 20 ms
# between a request starting (where the slot is taken) and its arrival at Telegram cannot
# push a 1 s window over. (Evenly spaced sends were tried: they reach the ceiling too, but a
# short stall bunches the sends in flight and a 1 s window at the receiver went over.)
RATE_SAFETY_MARGIN = 0.02
# Waits shorter than this are a plain sleep (the spreading bucket waits ~1/rate per send);
# longer ones also wake up when the sweeper stops.
SHORT_WAIT_SECONDS = 0.1
# BadRequest descriptions that mean the chat is gone for good (treated like a block).
_CHAT_GONE = ("chat not found", "peer_id_invalid", "user not found")


def backoff_seconds(attempts: int) -> int:
    """Delay before the next try after `attempts` failed ones: 60 s, 120 s, 240 s, ... 6 h."""
    exponent = max(0, attempts - 1)
    if exponent >= 20:
        return BACKOFF_CAP_SECONDS
    return int(min(BACKOFF_BASE_SECONDS * 2**exponent, BACKOFF_CAP_SECONDS))


DB_BACKOFF_CAP_SECONDS = 60.0


def db_backoff_seconds(interval: float, failures: int) -> float:
    """Pause before the next sweep after `failures` database errors in a row: the sweep
    interval, doubled each time, up to a minute (never less than the interval)."""
    if failures <= 0:
        return interval
    grown = interval * 2.0 ** min(failures, 30)
    return max(interval, min(grown, DB_BACKOFF_CAP_SECONDS))


def retry_after_seconds(exc: RetryAfter) -> float:
    """RetryAfter.retry_after is an int or a timedelta depending on PTB_TIMEDELTA."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)
    return max(seconds, 0.0)


def chat_is_gone(exc: BadRequest) -> bool:
    text = str(exc).lower()
    return any(marker in text for marker in _CHAT_GONE)


class RatePacer:
    """At most `limit` sends start in any sliding window of `window` seconds, spread out.

    AIORateLimiter (configured in bot/app.py) is a leaky bucket: it lets a burst of
    `rate` through on top of the steady rate, so over a sliding second it can reach twice
    the ceiling. The sweeper keeps its own strict sliding-window log on top of it (memory:
    `limit` timestamps), taken at the moment each request starts (see `Sweeper`), so
    scheduled traffic never exceeds the ceiling in any 1 s window.

    Starts are also spread out: a token bucket refilled at `rate`, holding at most a small
    burst (2 sends, or 50 ms worth at high rates). The window alone would let the first
    `limit` sends of each second go at once, so all senders would be in flight together (a
    crash then repeats up to all of them); spread, a send usually ends before the next
    starts, and the window still caps any second. The small burst absorbs timer overshoot
    and short stalls without losing rate, and bounds how many sends a stall can bunch.
    """

    def __init__(
        self,
        rate: float,
        *,
        margin: float = RATE_SAFETY_MARGIN,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        if rate >= 1:
            self.limit, window = int(rate), 1.0
        else:
            self.limit, window = 1, 1.0 / rate
        self.window = window * (1.0 + margin)
        self.rate = rate
        self.burst = max(2.0, rate * 0.05)
        self._monotonic = monotonic
        self._starts: deque[float] = deque()
        self._tokens = 1.0  # the spreading bucket; starts with one send, not a burst
        self._refilled_at = monotonic()
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        """Send nothing for `seconds` (Telegram asked us to wait)."""
        self._paused_until = max(self._paused_until, self._monotonic() + seconds)

    @property
    def paused_for(self) -> float:
        return max(0.0, self._paused_until - self._monotonic())

    def _wait_needed(self, now: float) -> float:
        """Seconds until a send may start (0: now)."""
        starts = self._starts
        while starts and now - starts[0] >= self.window:
            starts.popleft()
        self._tokens = min(self.burst, self._tokens + (now - self._refilled_at) * self.rate)
        self._refilled_at = now
        wait = self._paused_until - now
        if self._tokens < 1.0:
            wait = max(wait, (1.0 - self._tokens) / self.rate)
        if len(starts) >= self.limit:
            wait = max(wait, starts[0] + self.window - now)
        return wait

    async def acquire(self, stopping: asyncio.Event) -> bool:
        """Wait for a free slot; False (without taking one) if `stopping` is set first."""
        async with self._lock:
            while not stopping.is_set():
                now = self._monotonic()
                wait = self._wait_needed(now)
                if wait <= 0:
                    self._starts.append(now)
                    self._tokens -= 1.0
                    return True
                if wait < SHORT_WAIT_SECONDS:
                    await asyncio.sleep(wait)  # cheap; `stopping` is checked right after
                    continue
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stopping.wait(), timeout=wait)
            return False


class Sweeper:
    """Sends due check-ins from the database. Knows nothing of handlers."""

    def __init__(
        self,
        services: Services,
        bot: Bot,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        stop_timeout: float = STOP_TIMEOUT_SECONDS,
    ) -> None:
        self._services = services
        self._bot = bot
        self._concurrency = max(1, concurrency)
        self._stop_timeout = stop_timeout
        self._pacer = RatePacer(services.settings.rate_limit_per_second)
        # Set once a send went out without passing the send gate (see `_send`).
        self._gate_missing = False
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> None:
        """Begin sweeping in the background; the first sweep runs at once."""
        if self._task is not None and not self._task.done():
            return
        self._stopping = asyncio.Event()
        self._task = asyncio.create_task(self._run(), name="followup-sweeper")

    async def stop(self) -> None:
        """Stop claiming, let the rows being sent finish (bounded wait), then return.

        Claimed rows not yet tried go back to the queue. If a send hangs past the bounded
        wait, the task is cancelled: that row stays `sending` and its lease brings it back.
        """
        task, self._task = self._task, None
        if task is None:
            return
        self._stopping.set()
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout=self._stop_timeout)
        except TimeoutError:
            log.warning("the sweeper did not stop within %.1fs; cancelling it", self._stop_timeout)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        except Exception:  # pragma: no cover - _run catches everything itself
            log.exception("the sweeper failed while stopping")

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done() and not self._stopping.is_set()

    def __repr__(self) -> str:
        return f"Sweeper(running={self.running})"

    # -- the loop ----------------------------------------------------------------------

    @property
    def _batch_size(self) -> int:
        """A batch must be sent well within its lease, or another claim could take it."""
        settings = self._services.settings
        sendable = int(settings.rate_limit_per_second * settings.lease_seconds / 2)
        return max(1, min(settings.sweep_batch_size, sendable))

    async def _run(self) -> None:
        interval = self._services.settings.sweep_interval_seconds
        failures = 0  # database errors in a row
        while not self._stopping.is_set():
            try:
                claimed = await self.sweep_once()
            except (StoreError, sqlite3.Error) as exc:
                # Locked or full: nothing was claimed, so nothing is lost; wait longer each
                # time so a stuck database is not hammered (and the log not flooded).
                failures += 1
                claimed = 0
                log.warning(
                    "follow-up sweep: database unavailable (%s: %s); trying again in %.1fs",
                    type(exc).__name__,
                    exc,
                    db_backoff_seconds(interval, failures),
                )
            except Exception:
                failures = 0
                log.exception("follow-up sweep failed; trying again in %.1fs", interval)
                claimed = 0
            else:
                failures = 0
            if claimed >= self._batch_size and not self._pacer.paused_for:
                continue  # a full batch: more may be due right now
            delay = max(db_backoff_seconds(interval, failures), self._pacer.paused_for)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=delay)

    async def sweep_once(self) -> int:
        """Claim one batch of due check-ins and deliver it; returns how many were claimed."""
        if self._stopping.is_set():
            return 0
        settings = self._services.settings
        rows = await self._services.store.claim_due(
            self._services.now(), self._batch_size, round(settings.lease_seconds)
        )
        if rows:
            await self._deliver_batch(rows)
        return len(rows)

    async def _deliver_batch(self, rows: Sequence[Followup]) -> None:
        # Telegram also allows only about one message a second per chat. A user has at most
        # one open check-in (a unique index on followups.user_id), and check-ins go to the
        # user's private chat, so one sweep never sends two messages to the same chat.
        queue = deque(rows)

        async def worker() -> None:
            while queue and not self._stopping.is_set() and not self._pacer.paused_for:
                # Take the row before the slot: a worker never spends a send slot on an
                # empty queue, so the next batch starts without a gap.
                row = queue.popleft()
                if self._gate_missing and not await self._pacer.acquire(self._stopping):
                    queue.appendleft(row)  # stopping: it is handed back below
                    return
                if not await self._deliver(row):
                    queue.appendleft(row)
                    return

        workers = [worker() for _ in range(min(self._concurrency, len(queue)))]
        for result in await asyncio.gather(*workers, return_exceptions=True):
            if isinstance(result, BaseException):
                if isinstance(result, asyncio.CancelledError):
                    raise result
                log.error("a check-in sender failed", exc_info=result)
        if queue:
            # Stopping, or Telegram asked us to wait: hand the untried rows back.
            due = self._services.now() + int(self._pacer.paused_for + 0.999)
            await self._services.store.release_claims([row.id for row in queue], due)

    async def _checkin_text(self, row: Followup) -> str:
        """The check-in's text, recalling what the quiz pointed to when its outcome is kept."""
        outcome = None
        lang = choose_language(row.language, None)  # chosen, else their Telegram app's
        if row.outcome_id is not None:
            outcome = await self._services.store.get_outcome(row.outcome_id)
        if outcome is None:
            return checkin_message(row.reminder_count, lang=lang)
        return checkin_message(
            row.reminder_count,
            outcome_code=outcome.outcome_code,
            quiz_at=outcome.created_at,
            now=self._services.now(),
            lang=lang,
        )

    async def _send(self, row: Followup, text: str) -> Message:
        """send_message, with a pacer slot taken right where its HTTP request starts.

        The slot is the send gate of this task (bot/pacing.py), passed by the request object
        after PTB's rate limiter and the connection pool. A Bot whose request object does not
        pass gates (a test stub, another client) is paced before the call instead, from then on.
        """
        gate_reached = False

        async def slot() -> None:
            # Called once per HTTP attempt: a retry of the same send (PTB's rate limiter after
            # a 429, a retrying request) is another request at the receiver, another slot.
            nonlocal gate_reached
            gate_reached = True
            if not await self._pacer.acquire(self._stopping):
                raise SendCancelled("the sweeper is stopping")

        with paced(slot):
            try:
                return await self._bot.send_message(
                    chat_id=row.chat_id,
                    text=text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=checkin_keyboard(row.id, choose_language(row.language, None)),
                    link_preview_options=NO_PREVIEW,
                )
            finally:
                if not gate_reached and not self._gate_missing:
                    self._gate_missing = True
                    log.warning(
                        "the HTTP client does not pass the send gate; pacing check-ins "
                        "before each call instead"
                    )

    async def _deliver(self, row: Followup) -> bool:
        """Send one check-in and record the outcome; False if it was not tried (stopping)."""
        store = self._services.store
        settings = self._services.settings
        try:
            if row.attempts > settings.max_send_attempts:
                # Claimed again and again without ever being marked: a crash loop. Give up.
                await store.mark_failed(row.id, "too many attempts")
                return True
            text = await self._checkin_text(row)
            try:
                message = await self._send(row, text)
            except SendCancelled:
                return False  # stopping before the request went out: nothing was sent
            except RetryAfter as exc:
                # AIORateLimiter already retried it max_retries times; wait as asked, and
                # do not count it as a failed attempt.
                seconds = retry_after_seconds(exc)
                self._pacer.pause(seconds)
                log.warning("Telegram flood control: pausing check-ins for %.1fs", seconds)
                retry_at = self._services.now() + max(1, int(seconds + 0.999))
                await store.mark_retry(row.id, str(exc), retry_at, count_attempt=False)
            except MaybeDelivered as exc:
                hold = self._services.now() + round(settings.lease_seconds)
                log.warning(
                    "check-in %d: no answer from Telegram in time (%s); it may have been "
                    "delivered, so it is not sent again before its lease ends",
                    row.id,
                    exc,
                )
                await store.mark_maybe_delivered(row.id, f"{type(exc).__name__}: {exc}", hold)
            except Forbidden as exc:
                log.info("check-in %d: the user blocked the bot (%s)", row.id, exc)
                await store.mark_blocked(row.user_id, self._services.now())
            except BadRequest as exc:
                if chat_is_gone(exc):
                    log.info("check-in %d: the chat is gone (%s)", row.id, exc)
                    await store.mark_blocked(row.user_id, self._services.now())
                else:
                    # Telegram refused this very message; sending it again will not help.
                    log.error("check-in %d was refused by Telegram: %s", row.id, exc)
                    await store.mark_failed(row.id, f"BadRequest: {exc}")
            except Exception as exc:
                # Network errors, timeouts and 5xx (PTB raises NetworkError/TimedOut), and
                # anything unexpected: try again later, then give up.
                await self._retry_or_fail(row, exc)
            else:
                if not await store.mark_sent(row.id, self._services.now(), message.message_id):
                    # Cancelled, erased by /forget or answered while we were sending.
                    log.debug("check-in %d was no longer sending when it was delivered", row.id)
        except (StoreError, sqlite3.Error) as exc:
            # The row stays `sending`; its lease brings it back (at-least-once).
            log.warning("check-in %d: could not record the result: %s", row.id, exc)
        return True

    async def _retry_or_fail(self, row: Followup, exc: BaseException) -> None:
        store = self._services.store
        error = f"{type(exc).__name__}: {exc}"
        if row.attempts >= self._services.settings.max_send_attempts:
            log.warning("check-in %d: giving up after %d attempts: %s", row.id, row.attempts, error)
            await store.mark_failed(row.id, error)
            return
        delay = backoff_seconds(row.attempts)
        log.info("check-in %d: %s; retrying in %ds", row.id, error, delay)
        await store.mark_retry(row.id, error, self._services.now() + delay)
