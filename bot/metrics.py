"""The bot's metrics: one `Metrics` object per Application, on its own Prometheus registry.

Every name starts with ``kneebot_``. Labels only ever take values from small fixed sets (the
kind of an update, a Bot API method the bot calls, an error class, a tier, a language code the
bot speaks): never a user id, a chat id, the token or anything a person typed. Whatever does
not fit a set is counted as "other", so a forged update cannot create new series.

The object is created by `bot.app.build_application` and handed to the rest of the bot through
`bot.services.Services.metrics`; `bot.health` serves it on ``GET /metrics``. Nothing uses
prometheus_client's global default registry, so two applications in one process (the tests,
the playground's reset) never share or collide on counters.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from knowledge.i18n import LANGUAGES
from knowledge.tiers import TIERS

__all__ = ["CONTENT_TYPE", "UPDATE_KINDS", "Metrics", "update_kind"]

CONTENT_TYPE = CONTENT_TYPE_LATEST

UPDATE_KINDS = ("message", "command", "callback", "other")
CHAT_METHODS = frozenset(
    {
        "sendMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "answerCallbackQuery",
        "deleteMessage",
        "sendChatAction",
    }
)
"""Every call the bot makes in answer to a user (anything aimed at a chat or a query)."""
# Bot API methods the bot calls; anything else is counted as "other".
REPLY_METHODS = CHAT_METHODS | frozenset(
    {
        "getMe",
        "setMyCommands",
        "setMyDescription",
        "setMyShortDescription",
        "deleteWebhook",
        "setWebhook",
    }
)
# python-telegram-bot's error classes (telegram.error), by name.
API_ERROR_KINDS = frozenset(
    {
        "BadRequest",
        "Forbidden",
        "RetryAfter",
        "TimedOut",
        "NetworkError",
        "Conflict",
        "InvalidToken",
        "ChatMigrated",
        "EndPointNotFound",
        "PassportDecryptionError",
        "TelegramError",
    }
)
HANDLER_ERROR_KINDS = ("database", "telegram", "other")
CHECKIN_EVENTS = ("due", "sent", "retry", "failed", "blocked")
OUTCOME_SOURCES = ("quiz", "freetext")
NO_TIER = "none"
OTHER = "other"
# Handler latency buckets (seconds): most updates take a few milliseconds.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def update_kind(description: str) -> str:
    """message / command / callback / other, from `bot.update_log.describe_update`'s text."""
    if description.startswith("/"):
        return "command"
    if description.startswith("callback:"):
        return "callback"
    if description in ("text", "message"):
        return "message"
    return "other"


def _one_of(value: str, allowed: frozenset[str] | tuple[str, ...]) -> str:
    return value if value in allowed else OTHER


def _language(code: str | None) -> str:
    """A language the bot speaks ("en", "es" ...), else "other"."""
    if not code:
        return OTHER
    short = code.strip().lower().replace("_", "-").split("-", 1)[0]
    return short if short in LANGUAGES else OTHER


class Metrics:
    """Counters, gauges and a histogram for one Application, on a registry of their own."""

    def __init__(self, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry
        self.updates = Counter(
            "kneebot_updates_total",
            "Updates handled, by kind (message, command, callback, other).",
            ["kind"],
            registry=registry,
        )
        self.handler_latency = Histogram(
            "kneebot_handler_latency_seconds",
            "Time from taking an update to finishing its handlers, by kind.",
            ["kind"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.replies = Counter(
            "kneebot_telegram_requests_total",
            "Bot API calls that Telegram accepted (replies, edits, answers ...), by method.",
            ["method"],
            registry=registry,
        )
        self.api_errors = Counter(
            "kneebot_telegram_api_errors_total",
            "Bot API calls that failed, by error kind (BadRequest, Forbidden, TimedOut ...).",
            ["kind"],
            registry=registry,
        )
        self.handler_errors = Counter(
            "kneebot_handler_errors_total",
            "Errors that reached the error handler, by kind (database, telegram, other).",
            ["kind"],
            registry=registry,
        )
        self.outcomes = Counter(
            "kneebot_outcomes_total",
            "Triage outcomes shown, by source (quiz, freetext), tier and language.",
            ["source", "tier", "language"],
            registry=registry,
        )
        self.checkins = Counter(
            "kneebot_checkins_total",
            "Check-in events: due (claimed for sending), sent, retry, failed, blocked.",
            ["event"],
            registry=registry,
        )
        self.sweeper_lag = Gauge(
            "kneebot_sweeper_lag_seconds",
            "At most how late the check-ins claimed by the last sweep were (0: none claimed).",
            registry=registry,
        )
        self.sweeper_last_run = Gauge(
            "kneebot_sweeper_last_run_timestamp_seconds",
            "Unix time the check-in sweeper last ran.",
            registry=registry,
        )
        self.last_update = Gauge(
            "kneebot_last_update_timestamp_seconds",
            "Unix time the last update was handled.",
            registry=registry,
        )
        # Create every series up front: a dashboard shows 0 rather than "no data".
        for kind in UPDATE_KINDS:
            self.updates.labels(kind)
            self.handler_latency.labels(kind)
        for event in CHECKIN_EVENTS:
            self.checkins.labels(event)
        for handler_kind in HANDLER_ERROR_KINDS:
            self.handler_errors.labels(handler_kind)
        self.update_seen_at: float | None = None
        """`monotonic()` when the last update was handled (None: none yet)."""
        self.sweeper_ran_at: float | None = None
        """`monotonic()` when the sweeper last claimed or recorded a check-in."""

    # -- updates and replies ---------------------------------------------------------------

    def observe_update(self, description: str, seconds: float) -> None:
        kind = update_kind(description)
        self.updates.labels(kind).inc()
        self.handler_latency.labels(kind).observe(max(0.0, seconds))
        self.update_seen_at = self._monotonic()
        self.last_update.set_to_current_time()

    def api_call(self, method: str) -> None:
        self.replies.labels(_one_of(method, REPLY_METHODS)).inc()

    def api_error(self, error: BaseException) -> None:
        self.api_errors.labels(_one_of(type(error).__name__, API_ERROR_KINDS)).inc()

    def handler_error(self, kind: str) -> None:
        self.handler_errors.labels(_one_of(kind, HANDLER_ERROR_KINDS)).inc()

    # -- outcomes ----------------------------------------------------------------------------

    def outcome(self, source: str, tier: str | None, language: str | None) -> None:
        """A triage outcome shown to someone: `tier` None when nothing was recognised."""
        tier_label = NO_TIER if tier is None else _one_of(str(tier), tuple(TIERS))
        self.outcomes.labels(
            _one_of(source, OUTCOME_SOURCES), tier_label, _language(language)
        ).inc()

    # -- check-ins ---------------------------------------------------------------------------

    def checkin(self, event: str, count: int = 1) -> None:
        if count > 0:
            self.checkins.labels(_one_of(event, CHECKIN_EVENTS)).inc(count)

    def sweeper_ran(self, lag_seconds: float | None = None) -> None:
        """The sweeper did its work; `lag_seconds` is set after a claim (see SweeperStoreProbe)."""
        self.sweeper_ran_at = self._monotonic()
        self.sweeper_last_run.set_to_current_time()
        if lag_seconds is not None:
            self.sweeper_lag.set(max(0.0, lag_seconds))

    def seconds_since_sweep(self) -> float | None:
        if self.sweeper_ran_at is None:
            return None
        return self._monotonic() - self.sweeper_ran_at

    # -- exposition --------------------------------------------------------------------------

    def render(self) -> bytes:
        """Everything in Prometheus' text format."""
        return generate_latest(self.registry)
