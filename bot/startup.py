"""Checks before the bot starts, so a first run fails with one clear line, never a traceback.

- The database must open (and migrate): otherwise one line, exit 2.
- Telegram must answer getMe: while it cannot be reached (DNS failure, connection refused,
  timeout, proxy error) one WARNING line names the host and the reason, and the check is
  retried with capped backoff; a rejected token (401) is one line, exit 2, no retry.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import signal
import socket
import sqlite3
import tempfile
from urllib.parse import urlsplit

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError, TimedOut
from telegram.request import HTTPXRequest

from bot.config import Settings
from bot.storage import Store, StoreError, make_private_dirs

log = logging.getLogger("bot")

BACKOFF_FIRST_SECONDS = 2.0
BACKOFF_CAP_SECONDS = 60.0
CHECK_TIMEOUT_SECONDS = 10.0


# Loggers that log Telegram errors with a traceback (the stack is PTB's, not ours). asyncio is
# one: a getUpdates still in flight when polling stops (e.g. a 409 Conflict) ends as "Task
# exception was never retrieved" with the whole stack.
PTB_LOGGERS = (
    "asyncio",
    "telegram.ext",
    "telegram.ext.Updater",
    "telegram.ext.Application",
    "telegram.ext.ExtBot",
    "telegram.Bot",
)


class TelegramErrorsOnOneLine(logging.Filter):
    """A Telegram error PTB logs with its traceback becomes one line: message: error."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, TelegramError):
            first_line = record.getMessage().splitlines()[0]
            detail = str(exc)
            if not detail.startswith(type(exc).__name__):
                detail = f"{type(exc).__name__}: {detail}"
            record.msg = f"{first_line} ({detail})"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


def quiet_telegram_tracebacks() -> None:
    """Install TelegramErrorsOnOneLine on PTB's loggers (once)."""
    for name in PTB_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, TelegramErrorsOnOneLine) for f in logger.filters):
            logger.addFilter(TelegramErrorsOnOneLine())


class StartupError(Exception):
    """The bot cannot start; the message is one line, safe to print, and ends the process."""


def api_host(base_url: str) -> str:
    """`host` or `host:port` of the Bot API server, for messages (never the token)."""
    parts = urlsplit(base_url)
    host = parts.hostname or base_url
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if port else host


def describe_network_error(exc: BaseException) -> str:
    """A few words on why a request did not reach the server, from the exception chain."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 12:
        seen.append(current)
        current = current.__cause__ or current.__context__
    for error in seen:
        if isinstance(error, socket.gaierror):
            return f"DNS lookup failed ({error.strerror or error})"
        if isinstance(error, ConnectionRefusedError):
            return "connection refused"
        if isinstance(error, TimedOut | TimeoutError):
            return "timed out"
        if type(error).__name__ == "ProxyError":
            return f"proxy error ({error})"
    text = " ".join(str(error) for error in seen).lower()
    if "name or service not known" in text or "name resolution" in text or "nodename" in text:
        return "DNS lookup failed"
    if "connection refused" in text or "all connection attempts failed" in text:
        return "connection refused"
    if "timed out" in text or "timeout" in text:
        return "timed out"
    if "proxy" in text:
        return "proxy error"
    for error in seen:
        if isinstance(error, OSError) and error.strerror:
            return error.strerror
    return str(exc).removeprefix("httpx.") or type(exc).__name__


def backoff(attempt: int) -> float:
    """2 s, 4 s, 8 s, ... at most 60 s."""
    return float(min(BACKOFF_FIRST_SECONDS * 2 ** max(attempt - 1, 0), BACKOFF_CAP_SECONDS))


def check_database(settings: Settings) -> None:
    """Check the database can be opened for writing; StartupError (one line) if not.

    Plain sqlite3, before any event loop; a missing file is not created here (the Store
    creates it in post_init, with its own file modes), only its folder is checked.
    """
    if settings.database_url is not None:
        check_postgres(settings.database_url.get_secret_value())
        return
    path = settings.database_path
    try:
        if path.is_dir():
            raise OSError(errno.EISDIR, "it is a folder, not a file")
        if path.exists():
            uri = f"{path.resolve().as_uri()}?mode=rw"
            with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=5)) as db:
                db.isolation_level = None
                db.execute("PRAGMA user_version").fetchone()
                db.execute("BEGIN IMMEDIATE")  # fails on a read-only file
                db.execute("ROLLBACK")
        else:
            make_private_dirs(path.parent)  # 0700, as the store would make it
            if not os.access(path.parent, os.W_OK | os.X_OK):
                raise OSError(errno.EACCES, "its folder is not writable")
            # root passes os.access everywhere; a file it may not create (/sys, /proc, a
            # read-only mount) shows only when one is made: a probe, removed at once
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".kneebot-probe-"):
                pass
    except (sqlite3.Error, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise StartupError(
            f"cannot open the database at {path}: {reason} (check DATABASE_PATH: its folder "
            "must exist or be creatable, and be writable by the bot)"
        ) from None


def check_postgres(url: str) -> None:
    """DATABASE_URL: connect, migrate and close (StartupError, one line without the
    password, if the server cannot be reached or refuses)."""

    async def probe() -> None:
        async with Store(url):
            pass

    try:
        asyncio.run(probe())
    except StoreError as exc:
        raise StartupError(f"{exc} (check DATABASE_URL)") from None


async def wait_for_telegram(settings: Settings, stop: asyncio.Event) -> bool:
    """Call getMe until it answers (True) or `stop` is set (False). 401 -> StartupError."""
    host = api_host(settings.telegram_api_base_url)
    attempt = 0
    while not stop.is_set():
        attempt += 1
        bot = Bot(
            settings.telegram_bot_token.get_secret_value(),
            base_url=settings.telegram_api_base_url,
            request=HTTPXRequest(
                connect_timeout=CHECK_TIMEOUT_SECONDS, read_timeout=CHECK_TIMEOUT_SECONDS
            ),
        )
        try:
            await bot.initialize()  # getMe
        except InvalidToken:
            raise StartupError(
                f"{host} refused TELEGRAM_BOT_TOKEN (401 Unauthorized): check the token with "
                "@BotFather (/mybots -> API Token) and put it in .env."
            ) from None
        except (NetworkError, TimedOut) as exc:
            delay = backoff(attempt)
            log.warning(
                "cannot reach Telegram at %s: %s; retrying in %.0fs",
                host,
                describe_network_error(exc),
                delay,
            )
        except TelegramError as exc:
            delay = backoff(attempt)
            log.warning(
                "Telegram at %s answered getMe with an error: %s; retrying in %.0fs",
                host,
                exc,
                delay,
            )
        else:
            return True
        finally:
            with contextlib.suppress(Exception):
                await bot.shutdown()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=delay)
    return False


async def _preflight(settings: Settings) -> bool:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    signals = (signal.SIGINT, signal.SIGTERM)
    for sig in signals:
        loop.add_signal_handler(sig, stop.set)
    try:
        return await wait_for_telegram(settings, stop)
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)


def preflight(settings: Settings) -> bool:
    """True when the bot may start; False if stopped by a signal meanwhile.

    Raises StartupError (one printable line) when it must not start at all.
    """
    check_database(settings)
    return asyncio.run(_preflight(settings))
