"""Wire the Application: handlers, start-up and shutdown hooks."""

from __future__ import annotations

import importlib.util
import logging
from typing import Any

from telegram.ext import Application, ApplicationBuilder, BaseHandler

from bot import privacy_log, webhook
from bot.aiohttp_request import build_requests
from bot.config import RunMode, Settings
from bot.handlers import (
    admin,
    commands,
    deeplinks,
    errors,
    fallback,
    followups,
    freetext,
    language,
    privacy,
    quiz,
    summary,
    tracking,
)
from bot.health import HealthServer
from bot.metered import MeteredRateLimiter, metered_sweeper_services
from bot.metrics import Metrics
from bot.profile import set_profile
from bot.resilient_updates import ResilientApplicationBuilder
from bot.retrying_request import RetryingRequest, retries_disabled
from bot.scheduler import Sweeper
from bot.services import SERVICES_KEY, Clock, Services, services_of, system_clock
from bot.storage import Store
from bot.update_log import LoggingApplication
from bot.update_processor import PerChatOrderedProcessor

log = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
SWEEPER_KEY = "sweeper"
HEALTH_KEY = "health_server"


def feature_handlers() -> list[BaseHandler[Any, Any, Any]]:
    """Every feature's handlers in priority order; the fallbacks come last."""
    return [
        *deeplinks.handlers(),  # /start quiz, /start doctor ... before plain /start
        *commands.handlers(),
        *quiz.handlers(),
        *followups.handlers(),
        *summary.handlers(),
        *privacy.handlers(),
        *language.handlers(),
        *admin.handlers(),
        *freetext.handlers(),
        *fallback.handlers(),
    ]


async def _post_init(application: AnyApplication) -> None:
    services = services_of(application)
    await services.store.open()
    await set_profile(application.bot)
    if services.settings.metrics_port is not None:
        health = HealthServer(
            application, services.settings.metrics_host, services.settings.metrics_port
        )
        await health.start()
        application.bot_data[HEALTH_KEY] = health
    sweeper = Sweeper(metered_sweeper_services(services), application.bot)
    application.bot_data[SWEEPER_KEY] = sweeper
    # Check-ins have their own durable retry (back to the queue): no in-request retries.
    with retries_disabled():
        sweeper.start()
    log.info("bot started as @%s", application.bot.username)


async def _post_stop(application: AnyApplication) -> None:
    sweeper = application.bot_data.pop(SWEEPER_KEY, None)
    if isinstance(sweeper, Sweeper):
        await sweeper.stop()
    health = application.bot_data.pop(HEALTH_KEY, None)
    if isinstance(health, HealthServer):
        await health.stop()


async def _post_shutdown(application: AnyApplication) -> None:
    await _post_stop(application)  # in case the application was never started
    await services_of(application).store.close()


def build_application(
    settings: Settings,
    *,
    clock: Clock = system_clock,
    store: Store | None = None,
) -> AnyApplication:
    """Build the bot. Nothing touches the network or the database until it is initialised."""
    privacy_log.install()  # what people type never reaches a log line
    if settings.mode is RunMode.WEBHOOK and importlib.util.find_spec("tornado") is not None:
        webhook.install()  # 400 for malformed bodies, no update content in the log
    request, get_updates_request = build_requests(settings)
    metrics = Metrics()  # one per application, served by bot/health.py
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        ResilientApplicationBuilder()  # one unreadable update cannot wedge polling
        .application_class(LoggingApplication)
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        # Replies, edits and answers are retried through network errors, timeouts and 5xx
        # (bot/retrying_request.py); getUpdates has PTB's own retry loop.
        .request(RetryingRequest(request, deadline_seconds=settings.reply_retry_seconds))
        .get_updates_request(get_updates_request)
        .concurrent_updates(PerChatOrderedProcessor(settings.update_concurrency))
        .rate_limiter(
            MeteredRateLimiter(  # AIORateLimiter, counting calls and errors for /metrics
                metrics,
                overall_max_rate=settings.rate_limit_per_second,
                overall_time_period=1,
                max_retries=3,
            )
        )
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
    )
    application = builder.build()
    application.bot_data[SERVICES_KEY] = Services(
        settings=settings,
        store=store if store is not None else Store(settings.database_location),
        clock=clock,
        metrics=metrics,
    )
    application.add_handlers(tracking.handlers(), group=tracking.GROUP)
    application.add_handlers(feature_handlers())
    application.add_error_handler(errors.on_error)
    return application
