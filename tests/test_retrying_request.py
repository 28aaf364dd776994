"""RetryingRequest: which calls are retried, on what, and for how long (scripted inner)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.retrying_request import (
    MAYBE_DELIVERED_RESENDS,
    MaybeDelivered,
    RetryingRequest,
    api_method,
    backoff_delays,
    is_retried_method,
    retries_disabled,
)

URL = "http://127.0.0.1:9/bot123:abc/"


class Scripted(BaseRequest):
    """Answers each do_request with the next scripted item (an exception or (code, body))."""

    def __init__(self, script: list[Any]) -> None:
        self.script = list(script)
        self.calls: list[str] = []

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        self.calls.append(url)
        item = self.script.pop(0) if self.script else (200, b'{"ok":true,"result":true}')
        if isinstance(item, BaseException):
            raise item
        return item


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr("bot.retrying_request.asyncio.sleep", fake_sleep)
    yield slept


def test_method_names_and_which_are_retried() -> None:
    assert api_method(URL + "sendMessage") == "sendmessage"
    for method in ("sendMessage", "editMessageText", "answerCallbackQuery", "deleteMessage"):
        assert is_retried_method(URL + method), method
    for method in ("getUpdates", "setWebhook", "deleteWebhook", "getMe", "logOut"):
        assert not is_retried_method(URL + method), method


def test_backoff_grows_to_the_cap_with_bounded_jitter() -> None:
    lows = backoff_delays(0.25, 4.0, rand=lambda: 0.0)
    highs = backoff_delays(0.25, 4.0, rand=lambda: 1.0)
    assert [round(next(lows), 4) for _ in range(7)] == [0.1875, 0.375, 0.75, 1.5, 3, 3, 3]
    assert [round(next(highs), 4) for _ in range(7)] == [0.3125, 0.625, 1.25, 2.5, 5, 5, 5]


async def test_5xx_network_errors_and_timeouts_are_retried_until_success() -> None:
    inner = Scripted([(500, b"{}"), NetworkError("reset"), TimedOut(), (502, b"{}")])
    request = RetryingRequest(inner, deadline_seconds=30)
    code, _ = await request.do_request(URL + "sendMessage", "POST")
    assert code == 200
    assert len(inner.calls) == 5
    assert request.retries == 4


@pytest.mark.parametrize("code", [400, 403, 404, 409, 429])
async def test_4xx_and_flood_control_are_never_retried(code: int) -> None:
    inner = Scripted([(code, b"{}")])
    request = RetryingRequest(inner, deadline_seconds=30)
    assert (await request.do_request(URL + "sendMessage", "POST"))[0] == code
    assert len(inner.calls) == 1


async def test_getupdates_and_disabled_contexts_are_not_retried() -> None:
    inner = Scripted([NetworkError("down"), NetworkError("down")])
    request = RetryingRequest(inner, deadline_seconds=30)
    with pytest.raises(NetworkError):
        await request.do_request(URL + "getUpdates", "POST")
    with retries_disabled(), pytest.raises(NetworkError):
        await request.do_request(URL + "sendMessage", "POST")
    assert len(inner.calls) == 2


async def test_bad_request_and_unexpected_errors_are_not_retried() -> None:
    inner = Scripted([BadRequest("nope"), RuntimeError("bug")])
    request = RetryingRequest(inner, deadline_seconds=30)
    with pytest.raises(BadRequest):
        await request.do_request(URL + "sendMessage", "POST")
    with pytest.raises(RuntimeError):
        await request.do_request(URL + "sendMessage", "POST")
    assert len(inner.calls) == 2


async def test_uploads_are_not_retried() -> None:
    class WithFiles(RequestData):
        def __init__(self) -> None:
            super().__init__([])
            self.contains_files = True

    inner = Scripted([(500, b"{}")])
    request = RetryingRequest(inner, deadline_seconds=30)
    assert (await request.do_request(URL + "sendDocument", "POST", WithFiles()))[0] == 500
    assert len(inner.calls) == 1


async def test_the_deadline_bounds_the_retries(
    no_sleep: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [0.0]

    async def sleep(seconds: float) -> None:
        no_sleep.append(seconds)
        now[0] += seconds

    inner = Scripted([(503, b"{}")] * 1000)
    request = RetryingRequest(
        inner, deadline_seconds=10, first_delay=1, max_delay=2, monotonic=lambda: now[0]
    )
    monkeypatch.setattr("bot.retrying_request.asyncio.sleep", sleep)
    code, _ = await request.do_request(URL + "sendMessage", "POST")
    assert code == 503  # the last answer is handed to PTB, which raises NetworkError
    assert sum(no_sleep) < 10
    assert 4 <= len(inner.calls) <= 10
    with pytest.raises(NetworkError):
        inner.script = [NetworkError("still down")] * 1000
        now[0] = 0.0
        await request.do_request(URL + "sendMessage", "POST")


async def test_zero_deadline_means_one_try() -> None:
    inner = Scripted([(500, b"{}")])
    request = RetryingRequest(inner, deadline_seconds=0)
    assert (await request.do_request(URL + "sendMessage", "POST"))[0] == 500
    assert len(inner.calls) == 1
    assert request.read_timeout == 5.0


async def test_a_maybe_delivered_send_is_resent_at_most_once() -> None:
    """Issue 24: a try written but not answered in time may have been delivered."""
    inner = Scripted([MaybeDelivered(), MaybeDelivered(), (200, b"{}")])
    request = RetryingRequest(inner, deadline_seconds=300)
    with pytest.raises(MaybeDelivered):
        await request.do_request(URL + "sendMessage", "POST")
    assert len(inner.calls) == 1 + MAYBE_DELIVERED_RESENDS


async def test_certain_failures_around_a_maybe_delivered_one_are_still_retried() -> None:
    inner = Scripted([NetworkError("refused"), MaybeDelivered(), (502, b"{}"), TimedOut()])
    request = RetryingRequest(inner, deadline_seconds=300)
    code, _ = await request.do_request(URL + "sendMessage", "POST")
    assert code == 200
    assert len(inner.calls) == 5
    inner = Scripted([MaybeDelivered(), (500, b"{}"), MaybeDelivered()])
    with pytest.raises(MaybeDelivered):
        await RetryingRequest(inner, deadline_seconds=300).do_request(URL + "editMessageText", "P")
    assert len(inner.calls) == 3
