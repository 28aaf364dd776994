"""Fault injection: error answers, slow answers, hung requests, dropped connections and an
outage.

Two ways Telegram is slow (issue 24): *slow but processing* (``slow_next``: every request is
handled, its answer comes late) and *slow and dropped* (``hang_next``: the request gets no
answer and is never handled, however long the client waits)."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from playground.emulator.records import ApiError
from playground.emulator.state import EmulatorState


@dataclass
class _Failure:
    status: int
    description: str
    retry_after: int | None
    times: int


@dataclass
class _Slowness:
    seconds: float
    times: int


class FaultInjection(EmulatorState):
    """What a test asks to go wrong with the next calls to a method, or with the server."""

    _failures: dict[str, list[_Failure]]
    _slow: dict[str, list[_Slowness]]
    _drops: dict[str, int]  # method -> how many calls get no answer at all
    _hangs: dict[str, int]  # method -> how many calls hang unanswered and unhandled
    gone: bool  # an outage is on (go_away)

    def _clear_session(self) -> None:
        super()._clear_session()
        self._failures = {}
        self._slow = {}
        self._drops = {}
        self._hangs = {}
        self.gone = False

    def fail_next(
        self,
        method: str,
        status: int,
        description: str,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """The next ``times`` calls to ``method`` fail with this status/description.

        With ``retry_after`` the error carries ``"parameters": {"retry_after": N}`` (PTB
        raises telegram.error.RetryAfter for it).
        """
        queue = self._failures.setdefault(self._method_name(method), [])
        queue.append(_Failure(status, description, retry_after, times))

    def slow_next(self, method: str, seconds: float, times: int = 1) -> None:
        """The next ``times`` calls to ``method`` wait ``seconds`` before they are handled.

        The request is still handled after the wait (as Telegram may do when its answer is
        late): a client that gave up meanwhile is recorded with status 499.
        """
        self._slow.setdefault(self._method_name(method), []).append(_Slowness(seconds, times))

    def drop_next(self, method: str, times: int = 1) -> None:
        """The next ``times`` calls to ``method`` get no answer: the connection is closed."""
        name = self._method_name(method)
        self._drops[name] = self._drops.get(name, 0) + times

    def hang_next(self, method: str, times: int = 1) -> None:
        """The next ``times`` calls to ``method`` hang: no answer comes, and the request is
        never handled (no message is sent), until the client gives up and closes the
        connection. Recorded with status 499 and the description "hung"."""
        name = self._method_name(method)
        self._hangs[name] = self._hangs.get(name, 0) + times

    def stop_hanging(self, method: str | None = None) -> None:
        """Calls to ``method`` (every method if None) no longer hang; those hanging stay so."""
        if method is None:
            self._hangs.clear()
        else:
            self._hangs.pop(self._method_name(method), None)

    async def go_away(self) -> None:
        """An outage: stop listening (new connections are refused) and drop every request
        that arrives on a connection already open, without an answer."""
        self.gone = True
        if self._site is not None:
            await self._site.stop()
            self._site = None

    async def come_back(self) -> None:
        """End the outage: listen again on the same port."""
        self.gone = False
        if self._runner is not None and self._site is None:
            site = web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True)
            await site.start()
            self._site = site

    # ---------------------------------------------------------------- used by the server

    def _take_slowness(self, method: str) -> float:
        queue = self._slow.get(method)
        if not queue:
            return 0.0
        entry = queue[0]
        entry.times -= 1
        if entry.times <= 0:
            queue.pop(0)
        return entry.seconds

    def _take_hang(self, method: str) -> bool:
        left = self._hangs.get(method, 0)
        if left <= 0:
            return False
        self._hangs[method] = left - 1
        return True

    def _take_drop(self, method: str) -> bool:
        left = self._drops.get(method, 0)
        if left <= 0:
            return False
        self._drops[method] = left - 1
        return True

    def _take_failure(self, method: str) -> ApiError | None:
        queue = self._failures.get(method)
        if not queue:
            return None
        failure = queue[0]
        failure.times -= 1
        if failure.times <= 0:
            queue.pop(0)
        parameters = (
            {"retry_after": failure.retry_after} if failure.retry_after is not None else None
        )
        return ApiError(failure.status, failure.description, parameters)
