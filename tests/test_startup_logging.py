"""A Telegram error that surfaces through asyncio is one line, never a traceback."""

from __future__ import annotations

import logging

import pytest
from telegram.error import Conflict

from bot.startup import quiet_telegram_tracebacks


def test_a_late_conflict_logged_by_asyncio_is_one_line(caplog: pytest.LogCaptureFixture) -> None:
    quiet_telegram_tracebacks()
    try:
        raise Conflict("terminated by other getUpdates request")
    except Conflict as exc:
        error = exc
    with caplog.at_level(logging.ERROR, logger="asyncio"):
        logging.getLogger("asyncio").error(
            "Task exception was never retrieved", exc_info=(type(error), error, None)
        )
    (record,) = caplog.records
    assert record.exc_info is None
    assert "Conflict: terminated by other getUpdates request" in record.getMessage()
    assert "Traceback" not in caplog.text


def test_other_errors_logged_by_asyncio_keep_their_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    quiet_telegram_tracebacks()
    try:
        raise ValueError("a real bug")
    except ValueError as exc:
        error = exc
    with caplog.at_level(logging.ERROR, logger="asyncio"):
        logging.getLogger("asyncio").error(
            "Task exception was never retrieved", exc_info=(type(error), error, None)
        )
    (record,) = caplog.records
    assert record.exc_info is not None
