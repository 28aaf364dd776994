"""Webhook mode: refuse malformed bodies with 400 (not 500) and never log update content.

PTB's webhook server (tornado) answers 500 to an empty or malformed JSON body, and Telegram
re-sends an update that got a 5xx; an update PTB cannot read is logged whole at CRITICAL (10 MB
on one line). PTB has no hook for this, so `install()` swaps in a subclass of its request
handler (through bot/ptb_internals.py): the body is checked before anything else, a bad one
gets 400 and one WARNING line with its size only. A request without the JSON content type or
the secret header gets 403 and one WARNING line too (PTB logs each refusal with a traceback
at DEBUG, and the wrong secret itself).
A test fails if a PTB upgrade moves the handler.
"""

from __future__ import annotations

import hmac
import json
import logging
from http import HTTPStatus
from typing import Any

from telegram import Update
from telegram.ext import ExtBot

from bot.ptb_internals import install_webhook_handler, webhook_handler_class

log = logging.getLogger(__name__)


def parse_update_body(body: bytes) -> dict[str, Any] | None:
    """The update object of a webhook body, or None when it is not one (empty, not UTF-8,
    not JSON, not an object, no integer update_id)."""
    if not body.strip():
        return None
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    update_id = data.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        return None
    return data


SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def refusal(content_type: str | None, secret: str | None, expected: str | None) -> str | None:
    """Why a webhook request is refused before its body is read (None: accepted): it must be
    JSON and, when the bot has a secret, carry it (compared in constant time, never logged)."""
    if content_type != "application/json":
        return "not JSON"
    if expected is None:
        return None
    if not secret:
        return "no secret token"
    if not hmac.compare_digest(secret.encode(), expected.encode()):
        return "wrong secret token"
    return None


def safe_handler_class() -> type[Any]:
    """A subclass of PTB's TelegramHandler that refuses bad bodies with 400, quietly."""
    import tornado.web

    class SafeTelegramHandler(webhook_handler_class()):  # type: ignore[misc]
        async def post(self) -> None:
            refused = refusal(
                self.request.headers.get("Content-Type"),
                self.request.headers.get(SECRET_HEADER),
                self.secret_token,
            )
            if refused is not None:
                log.warning("webhook: refused a request: %s (403)", refused)
                raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN, reason=refused)
            body: bytes = self.request.body
            data = parse_update_body(body)
            if data is None:
                log.warning("webhook: refused a malformed update (%d bytes)", len(body))
                raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST, reason="Malformed update")
            try:
                update = Update.de_json(data, self.bot)
            except Exception as exc:
                log.warning(
                    "webhook: refused an update that could not be read (%d bytes): %s",
                    len(body),
                    type(exc).__name__,
                )
                raise tornado.web.HTTPError(
                    HTTPStatus.BAD_REQUEST, reason="Update could not be processed"
                ) from None
            self.set_status(HTTPStatus.OK)
            if isinstance(self.bot, ExtBot):
                self.bot.insert_callback_data(update)
            await self.update_queue.put(update)

        def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
            """A refusal (HTTPError) has its one line already; anything else is one line
            too, never a traceback per request (PTB logs each with its traceback)."""
            if isinstance(value, tornado.web.HTTPError):
                return
            log.error("webhook: a request failed: %s", type(value).__name__)

    return SafeTelegramHandler


def install() -> type[Any]:
    """Make PTB's webhook server use SafeTelegramHandler; returns the class installed."""
    current = webhook_handler_class()
    if getattr(current, "__name__", "") == "SafeTelegramHandler":
        return current
    handler = safe_handler_class()
    install_webhook_handler(handler)
    return handler
