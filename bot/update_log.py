"""One INFO line per handled update, and a watchdog on the update loop.

Each handled update logs what kind it was, a hashed user id, and how long it took.

The line never carries message text, names or raw user ids. A user id is shown as the first
10 hex digits of sha256(salt + id), with a random salt per process: lines of one run can be
correlated, but not matched back to a Telegram account or across restarts.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import time
from asyncio import Task
from typing import Any

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.keyboards import parse_callback
from bot.ptb_internals import update_fetcher_task
from bot.services import SERVICES_KEY, Services

log = logging.getLogger("bot.updates")

_SALT = secrets.token_bytes(16)
_COMMAND_RE = re.compile(r"/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]{1,64})?(?:\s|$)")
UNKNOWN_COMMAND_KIND = "/unknown"


def hash_user_id(user_id: int) -> str:
    """A short, per-process pseudonym for a Telegram user id."""
    return hashlib.sha256(_SALT + str(user_id).encode()).hexdigest()[:10]


def describe_update(update: object, known_commands: frozenset[str]) -> str:
    """The kind of an update, safe to log: "/start", "callback:QuizAnswer", "text", ...

    A command is named only when the bot knows it (anything else a user types after a slash
    could be private); callback data is reduced to the decoded action's type.
    """
    if not isinstance(update, Update):
        return type(update).__name__
    if update.callback_query is not None:
        action = parse_callback(update.callback_query.data)
        return "callback:invalid" if action is None else f"callback:{type(action).__name__}"
    message = update.message
    if message is not None:
        text = message.text
        if text is None:
            return "message"
        match = _COMMAND_RE.match(text)
        if match is None:
            return "text"
        command = match.group(1).lower()
        return f"/{command}" if command in known_commands else UNKNOWN_COMMAND_KIND
    for name, value in update.to_dict().items():
        if name != "update_id" and value is not None:
            return name
    return "empty"


def _user_of(update: object) -> str:
    user = update.effective_user if isinstance(update, Update) else None
    return "-" if user is None else hash_user_id(user.id)


def registered_commands(application: Application[Any, Any, Any, Any, Any, Any]) -> frozenset[str]:
    """Every command some CommandHandler of the application answers."""
    names: set[str] = set()
    for group in application.handlers.values():
        for handler in group:
            if isinstance(handler, CommandHandler):
                names.update(handler.commands)
    return frozenset(names)


class LoggingApplication(Application[Any, Any, Any, Any, Any, Any]):
    """An Application that logs one line per processed update and watches its update loop.

    If the loop that processes updates ever ends while the application is running, the bot
    would go on fetching and confirming updates without handling any: every later message
    would be lost in silence. The watchdog logs it as CRITICAL, stops the application, and
    `update_loop_failed` tells `kneebot` to exit non-zero so systemd or Docker restarts it.
    """

    _known_commands: frozenset[str] | None = None
    update_loop_failed: bool = False

    async def start(self) -> None:
        await super().start()
        task = update_fetcher_task(self)
        if task is None:
            log.warning("cannot watch the update loop: python-telegram-bot has changed")
        else:
            task.add_done_callback(self._on_update_loop_done)

    def _on_update_loop_done(self, task: Task[Any]) -> None:
        if not self.running:
            return  # a normal stop
        self.update_loop_failed = True
        reason = "cancelled" if task.cancelled() else repr(task.exception())
        log.critical("the update loop stopped (%s); stopping the bot so it can restart", reason)
        self.stop_running()

    async def process_update(self, update: object) -> None:
        started = time.perf_counter()
        try:
            await super().process_update(update)
        finally:
            # Observing must never stop processing: whatever goes wrong here is logged and
            # dropped, so the update loop always goes on to the next update.
            try:
                self._log_update(update, (time.perf_counter() - started) * 1000)
            except Exception:
                log.exception("could not describe an update for the log")

    def _log_update(self, update: object, elapsed_ms: float) -> None:
        services = self.bot_data.get(SERVICES_KEY)
        if not isinstance(services, Services) and not log.isEnabledFor(logging.INFO):
            return
        known = self._known_commands
        if known is None:
            known = self._known_commands = registered_commands(self)
        description = describe_update(update, known)
        if isinstance(services, Services):  # counted for /metrics (bot/metrics.py)
            services.metrics.observe_update(description, elapsed_ms / 1000)
        if not log.isEnabledFor(logging.INFO):
            return
        log.info(
            "update %s user=%s %.1f ms",
            description,
            _user_of(update),
            elapsed_ms,
        )
