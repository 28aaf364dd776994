"""A `telegram.request.BaseRequest` on aiohttp: the bot's HTTP client for every Bot API call.

python-telegram-bot's default client is httpx (`HTTPXRequest`). Measured on this bot
(bench/README.md), the httpx stack (httpx, httpcore, h11, anyio) is the largest share of the
bot's CPU; the same requests through aiohttp cost less than half. `HTTP_CLIENT=httpx` switches
back to PTB's own client (`build_requests`).

Timeouts, per request kind (PTB passes them per call; the defaults are the constructor's):

- pool: waiting for a free connection of the pool (`connection_pool_size`). When it runs
  out, `TimedOut` says so and the request was *not* sent.
- connect: opening the TCP (and TLS) connection.
- read: waiting for each chunk of the answer. getUpdates gets PTB's read timeout plus its
  long-poll `timeout`, so a long poll is never cut short.
- write: aiohttp has no separate write timeout. A request is small, so the write is bounded
  together with the rest: the whole request (connect + send + answer) may take at most
  connect + write + read seconds.

Errors map onto PTB's: any timeout -> `telegram.error.TimedOut`, and one that came after the
request was written (no answer within the read timeout, or the whole request ran out of time
once connected) -> its subclass `bot.retrying_request.MaybeDelivered`: Telegram may have
processed it, so it is not repeated blindly (a pool or connect timeout: it was not sent); a
refused, reset or dropped connection, a broken answer -> `telegram.error.NetworkError` (the
text names the aiohttp error, never the URL: it holds the bot token). Status codes and the
JSON body are left to `BaseRequest.post`, as for httpx.

A proxy (`http://` or `https://` URL, from the `TELEGRAM_PROXY_URL` setting) is used for
every request; aiohttp does not read proxy environment variables here (`trust_env=False`), so
what is configured is what is used.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Final

import aiohttp
import httpx
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.config import HttpClient, Settings
from bot.pacing import pass_send_gate
from bot.ptb_internals import DefaultValue, ODVInput
from bot.retrying_request import MaybeDelivered

log = logging.getLogger(__name__)

JSON_CONTENT_TYPE: Final = "application/json"
# getUpdates: one long poll at a time, plus one spare for the moment PTB replaces a poll.
POLLING_POOL_SIZE: Final = 2


def _given(value: ODVInput[float], default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value


class AiohttpRequest(BaseRequest):
    """Bot API requests over one aiohttp session with a bounded connection pool."""

    __slots__ = (
        "_connect_timeout",
        "_media_write_timeout",
        "_pool",
        "_pool_size",
        "_pool_timeout",
        "_proxy",
        "_read_timeout",
        "_session",
        "_write_timeout",
    )

    def __init__(
        self,
        *,
        connection_pool_size: int = 64,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
        proxy: str | None = None,
    ) -> None:
        if connection_pool_size < 1:
            raise ValueError("connection_pool_size must be at least 1")
        if proxy is not None and not proxy.startswith(("http://", "https://")):
            raise ValueError("the proxy must be an http:// or https:// URL")
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._proxy = proxy
        self._session: aiohttp.ClientSession | None = None
        self._pool = asyncio.Semaphore(connection_pool_size)

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout; PTB adds getUpdates' long-poll timeout to it."""
        return self._read_timeout

    @property
    def pool_size(self) -> int:
        return self._pool_size

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(
                connector=connector,
                trust_env=False,
                headers={"User-Agent": self.USER_AGENT},
                # Timeouts are set per request in do_request.
                timeout=aiohttp.ClientTimeout(total=None),
            )

    async def shutdown(self) -> None:
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        has_files = request_data is not None and request_data.contains_files
        read = _given(read_timeout, self._read_timeout)
        connect = _given(connect_timeout, self._connect_timeout)
        pool = _given(pool_timeout, self._pool_timeout)
        write = _given(
            write_timeout, self._media_write_timeout if has_files else self._write_timeout
        )
        parts = (connect, write, read)
        total = None if any(p is None for p in parts) else sum(p for p in parts if p is not None)
        timeout = aiohttp.ClientTimeout(total=total, sock_connect=connect, sock_read=read)

        data: Any = None
        headers: dict[str, str] | None = None
        if request_data is not None:
            if has_files:
                data = _multipart(request_data)
            else:
                # A JSON body, not a form: the Bot API reads both the same way (a string value
                # is taken as it is, e.g. reply_markup's JSON text), and json.dumps runs in C
                # where urllib's form encoding quotes byte by byte in Python (8% of the bot's
                # CPU, bench/README.md).
                data = request_data.json_payload
                headers = {"Content-Type": JSON_CONTENT_TYPE}

        try:
            async with asyncio.timeout(pool):
                await self._pool.acquire()
        except TimeoutError:
            raise TimedOut(
                "Pool timeout: all connections in the pool are busy; the request was not sent"
            ) from None
        try:
            # A paced sender (the check-in sweeper) takes its send slot here, at the moment
            # the request really starts, so the receiver sees the pace that was allowed.
            await pass_send_gate()
            async with session.request(
                method, url, data=data, headers=headers, timeout=timeout, proxy=self._proxy
            ) as response:
                return response.status, await response.read()
        except aiohttp.ConnectionTimeoutError as exc:
            # Not connected in time: nothing was sent.
            raise TimedOut(f"Timed out ({type(exc).__name__})") from exc
        except TimeoutError as exc:  # aiohttp's SocketTimeoutError (read) is one too
            # Connected, written, no answer in time: Telegram may have processed it.
            raise MaybeDelivered(f"Timed out ({type(exc).__name__})") from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {_safe(exc, url)}") from exc
        finally:
            self._pool.release()


def _safe(exc: BaseException, url: str) -> str:
    """The error's text without the request URL (it holds the bot token)."""
    text = str(exc)
    base = url.rpartition("/")[0]
    return text.replace(base, "<api>") if base else text


def _multipart(request_data: RequestData) -> aiohttp.FormData:
    form = aiohttp.FormData(quote_fields=False)
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, part in request_data.multipart_data.items():
        filename, content, *rest = part
        content_type = rest[0] if rest else None
        form.add_field(name, content, filename=filename, content_type=content_type)
    return form


class PacedHTTPXRequest(HTTPXRequest):
    """PTB's httpx request, with the same send gate as AiohttpRequest (HTTP_CLIENT=httpx)."""

    __slots__ = ()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        await pass_send_gate()
        try:
            return await super().do_request(
                url,
                method,
                request_data,
                read_timeout,
                write_timeout,
                connect_timeout,
                pool_timeout,
            )
        except TimedOut as exc:
            # httpx names the phase that timed out; only a read timeout comes after the
            # request was written (a pool, connect or write timeout: not processed).
            if isinstance(exc.__cause__, httpx.ReadTimeout):
                raise MaybeDelivered(f"Timed out ({type(exc.__cause__).__name__})") from exc
            raise


def build_requests(settings: Settings) -> tuple[BaseRequest, BaseRequest]:
    """(request for every call but getUpdates, request for getUpdates), per HTTP_CLIENT."""
    proxy = settings.telegram_proxy_url
    timeout = settings.request_timeout_seconds  # getUpdates keeps its long-poll timeouts
    # Waiting for an answer is sized to Telegram's real latency, not to the connect timeout:
    # a send that times out there may have been delivered (bot/retrying_request.py).
    read = settings.read_timeout_seconds
    if settings.http_client is HttpClient.HTTPX:
        return (
            PacedHTTPXRequest(
                connection_pool_size=settings.http_pool_size,
                proxy=proxy,
                connect_timeout=timeout,
                read_timeout=read,
                write_timeout=timeout,
            ),
            HTTPXRequest(connection_pool_size=1, proxy=proxy),
        )
    return (
        AiohttpRequest(
            connection_pool_size=settings.http_pool_size,
            proxy=proxy,
            connect_timeout=timeout,
            read_timeout=read,
            write_timeout=timeout,
        ),
        AiohttpRequest(connection_pool_size=POLLING_POOL_SIZE, proxy=proxy),
    )
