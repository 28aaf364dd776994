"""Where the metrics are counted without the counted code knowing: two thin wrappers.

* `MeteredRateLimiter`: PTB's AIORateLimiter, which every Bot API call but getUpdates passes
  through (after PTB's own retries on 429); it counts each call Telegram accepted, by method,
  and each failure, by error class.
* `metered_sweeper_services`: the Services the check-in sweeper gets, with a store that counts
  what the sweeper claims and records (due, sent, retry, failed, blocked), how late the most
  overdue claimed check-in was, and when the sweeper last did anything (for /healthz).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import Any, cast

from telegram.error import TelegramError
from telegram.ext import AIORateLimiter

from bot.metrics import Metrics
from bot.ptb_internals import JSONDict
from bot.services import SERVICES_KEY, Services
from bot.storage import Store

__all__ = [
    "MeteredRateLimiter",
    "SweeperStoreProbe",
    "metered_sweeper_services",
    "record_error",
]


def record_error(bot_data: Mapping[str, Any], error: object, *, database: bool) -> None:
    """Count an error that reached the error handler: database, telegram or other."""
    services = bot_data.get(SERVICES_KEY)
    if not isinstance(services, Services):
        return
    kind = "database" if database else "telegram" if isinstance(error, TelegramError) else "other"
    services.metrics.handler_error(kind)


class MeteredRateLimiter(AIORateLimiter):
    """AIORateLimiter that counts the Bot API calls it passes, and their errors."""

    def __init__(self, metrics: Metrics, **options: Any) -> None:
        super().__init__(**options)
        self.metrics = metrics

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        try:
            result = await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        except TelegramError as exc:
            self.metrics.api_error(exc)
            raise
        self.metrics.api_call(endpoint)
        return result


class SweeperStoreProbe:
    """The sweeper's view of the Store: every call passes through; a few are also counted."""

    def __init__(self, store: Store, metrics: Metrics) -> None:
        self._store = store
        self._metrics = metrics
        self._drained_at: int | None = None

    def lag(self, now: int, claimed: int, limit: int) -> float:
        """At most how late the check-ins just claimed are (seconds, on the bot's clock).

        A claimed row's due time is replaced by its lease (the Store's RETURNING shows the
        lease), so lateness is bounded instead: a claim of fewer rows than `limit` took every
        row due at that moment, so whatever a later claim takes fell due after it. The lag is
        the time since the last such "drained" claim before this one: about the sweep
        interval when the sweeper keeps up, growing while it works through a backlog.
        """
        drained_at = self._drained_at
        if claimed < limit:
            self._drained_at = now
        if claimed == 0 or drained_at is None:
            return 0.0
        return float(max(0, now - drained_at))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    async def claim_due(self, now: int, limit: int, lease_seconds: int) -> Sequence[Any]:
        rows = await self._store.claim_due(now, limit, lease_seconds)
        self._metrics.checkin("due", len(rows))
        self._metrics.sweeper_ran(self.lag(now, len(rows), limit))
        return rows

    async def mark_sent(self, *args: Any, **kwargs: Any) -> Any:
        result = await self._store.mark_sent(*args, **kwargs)
        self._recorded("sent")
        return result

    async def mark_retry(self, *args: Any, **kwargs: Any) -> Any:
        result = await self._store.mark_retry(*args, **kwargs)
        self._recorded("retry")
        return result

    async def mark_failed(self, *args: Any, **kwargs: Any) -> Any:
        result = await self._store.mark_failed(*args, **kwargs)
        self._recorded("failed")
        return result

    async def mark_blocked(self, *args: Any, **kwargs: Any) -> Any:
        result = await self._store.mark_blocked(*args, **kwargs)
        self._recorded("blocked")
        return result

    def _recorded(self, event: str) -> None:
        self._metrics.checkin(event)
        self._metrics.sweeper_ran()  # sending a long batch is running too


def metered_sweeper_services(services: Services) -> Services:
    """`services` with the store the sweeper should use: the same store, counted."""
    probe = SweeperStoreProbe(services.store, services.metrics)
    return dataclasses.replace(services, store=cast(Store, probe))
