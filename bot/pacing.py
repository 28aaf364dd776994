"""A send gate that a paced sender sets for its own task, passed where the HTTP request starts.

The check-in sweeper must never let more than RATE_LIMIT_PER_SECOND sends reach Telegram in
any one-second window. Counting a send when the sweeper *asks* for it is not enough: between
that and the request going out sit PTB's rate limiter, retries and the HTTP client's pool, and
a send delayed there lands together with the next burst. So the sweeper sets a gate for its
sender task (`paced`), and the request object (bot/aiohttp_request.py) passes it right before
the request is written, after every other wait. Retries pass it again: each HTTP attempt
takes a slot.

A context variable carries the gate, so it follows the sender's own task through PTB (which
knows nothing of it) and nothing else: replies to users are not paced by it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from telegram.error import TelegramError

Gate = Callable[[], Awaitable[None]]

_SEND_GATE: ContextVar[Gate | None] = ContextVar("send_gate", default=None)


class SendCancelled(TelegramError):
    """The gate will not open (the sender is stopping): the request was not sent.

    A TelegramError so that PTB's request layer passes it on as it is (it wraps any other
    exception from an HTTP client into a NetworkError, which would read as a failed send).
    """


async def pass_send_gate() -> None:
    """Wait for the current task's send gate, if it has one; raises SendCancelled if closed."""
    gate = _SEND_GATE.get()
    if gate is not None:
        await gate()


@contextmanager
def paced(gate: Gate) -> Iterator[None]:
    """Within this block, every request this task makes first passes `gate`."""
    token = _SEND_GATE.set(gate)
    try:
        yield
    finally:
        _SEND_GATE.reset(token)
