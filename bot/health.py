"""GET /metrics and GET /healthz on a small aiohttp server of their own (METRICS_PORT).

``/metrics``: every `bot.metrics.Metrics` series in Prometheus' text format.

``/healthz``: ``200 ok`` when the bot is healthy, else ``503`` with one reason a line:

* the bot is running and receiving updates: the update loop is alive and the updater is
  polling (or serving the webhook) without failing to reach Telegram again and again. An idle
  bot whose polls succeed is healthy: no update is needed to prove it;
* the check-in sweeper ran within twice SWEEP_INTERVAL_SECONDS (at least 1 s);
* the database answers a trivial query within 2 s, and its file is still where it was opened
  (a database file moved or deleted under a running bot would lose every later write).

Nothing in either answer names a user, a chat, the token or a message: the reasons are fixed
sentences. The server listens on METRICS_HOST (127.0.0.1 by default) and is started in the
Application's post_init and stopped in post_stop / post_shutdown (bot/app.py).
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from aiohttp import web
from telegram.ext import Application

from bot.metrics import CONTENT_TYPE, Metrics
from bot.ptb_internals import update_fetcher_task
from bot.services import services_of
from bot.startup import StartupError

__all__ = ["HealthServer", "health_problems"]

log = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

DATABASE_TIMEOUT_SECONDS = 2.0
# getUpdates failures in a row (each retried within 2 s, bot/resilient_updates.py) after
# which the bot counts as cut off from Telegram: about 3.5 s of failing polls.
POLL_FAILURES_UNHEALTHY = 3
SWEEP_GRACE_MIN_SECONDS = 1.0


def sweep_grace_seconds(interval: float) -> float:
    """How long the sweeper may stay silent before /healthz says so."""
    return max(2.0 * interval, SWEEP_GRACE_MIN_SECONDS)


def _update_problems(application: AnyApplication) -> list[str]:
    if not application.running:
        return ["the bot is not running"]
    problems = []
    task = update_fetcher_task(application)
    if getattr(application, "update_loop_failed", False) or (task is not None and task.done()):
        problems.append("the update loop has stopped")
    updater = application.updater
    if updater is not None and not updater.running:
        problems.append("not receiving updates from Telegram")
    failures = getattr(application.bot, "_poll_failures", 0)
    if isinstance(failures, int) and failures >= POLL_FAILURES_UNHEALTHY:
        problems.append("cannot reach Telegram for updates")
    return problems


def _sweeper_problems(metrics: Metrics, interval: float) -> list[str]:
    since = metrics.seconds_since_sweep()
    if since is None:
        return ["the check-in sweeper has not run yet"]
    if since > sweep_grace_seconds(interval):
        return [f"the check-in sweeper has not run for {since:.0f} s"]
    return []


def _file_present(path: str) -> bool:
    """Whether the database file is still where it was opened (":memory:" always is)."""
    return path == ":memory:" or path.startswith("file:") or Path(path).is_file()


async def _database_problems(application: AnyApplication) -> list[str]:
    store = services_of(application).store
    if not store.is_open:
        return ["the database is not open"]
    if not store.is_postgres and not _file_present(store.path):
        return ["the database file is missing"]
    try:
        await asyncio.wait_for(store.schema_version(), timeout=DATABASE_TIMEOUT_SECONDS)
    except TimeoutError:
        return [f"the database did not answer within {DATABASE_TIMEOUT_SECONDS:.0f} s"]
    except Exception as exc:
        return [f"the database does not answer ({type(exc).__name__})"]
    return []


async def health_problems(application: AnyApplication) -> list[str]:
    """What is wrong with the running bot, one fixed sentence each; empty when healthy."""
    services = services_of(application)
    problems = _update_problems(application)
    problems += await _database_problems(application)
    problems += _sweeper_problems(services.metrics, services.settings.sweep_interval_seconds)
    return problems


class HealthServer:
    """The /metrics and /healthz server of one Application."""

    def __init__(self, application: AnyApplication, host: str, port: int) -> None:
        self._application = application
        self.host = host
        self._requested_port = port
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/metrics", self._metrics)
        app.router.add_get("/healthz", self._healthz)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self._requested_port).start()
        except OSError as exc:
            await runner.cleanup()
            raise StartupError(
                f"cannot serve metrics on {self.host}:{self._requested_port}: "
                f"{exc.strerror or type(exc).__name__} (check METRICS_HOST and METRICS_PORT)"
            ) from None
        self._runner = runner
        address = runner.addresses[0]
        self.port = int(address[1])
        log.info("metrics and health on http://%s:%d/metrics and /healthz", self.host, self.port)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def _metrics(self, request: web.Request) -> web.Response:
        body = services_of(self._application).metrics.render()
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})

    async def _healthz(self, request: web.Request) -> web.Response:
        problems = await health_problems(self._application)
        if problems:
            return web.Response(status=503, text="\n".join(problems) + "\n")
        return web.Response(text="ok\n")
