"""The HTTP side: the aiohttp server on 127.0.0.1, reading requests, answering like Telegram."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any, Self

from aiohttp import web

from playground.emulator.faults import FaultInjection
from playground.emulator.methods_updates import UpdateMethods
from playground.emulator.records import CLIENT_GONE, GONE_TEXT, ApiCall, ApiError, JsonDict, bad

# Form fields whose value is a plain string; every other form value is JSON-decoded when it
# parses (PTB JSON-encodes all non-str values).
_STRING_PARAMS = frozenset(
    {
        "text",
        "parse_mode",
        "callback_query_id",
        "url",
        "caption",
        "action",
        "secret_token",
        "ip_address",
        "language_code",
        "inline_message_id",
        "business_connection_id",
        "message_effect_id",
        "emoji",
        "title",
        "description",
        "short_description",
        "name",
    }
)
STOP_GRACE_SECONDS = 1.0  # stop() waits this long for pending getUpdates to answer
HUNG_TEXT = "hung"
HANG_POLL_SECONDS = 0.02  # how often a hung request checks whether its client gave up


def coerce_form_value(key: str, value: str) -> Any:
    """A parameter sent as text, read as the Bot API server reads it."""
    if key in _STRING_PARAMS:
        return value
    try:
        decoded = json.loads(value, parse_constant=lambda c: c)
    except ValueError:
        return value
    if isinstance(decoded, str) and not value.startswith('"'):
        return value
    return decoded


class HttpServer(FaultInjection, UpdateMethods):
    """Serves ``/bot<token>/<method>`` on a free loopback port."""

    async def start(self) -> None:
        if self._runner is not None:
            raise RuntimeError("FakeBotApi already started")
        self._closing = False
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        try:
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self._site = site
        self.port = int(runner.addresses[0][1])
        self.base_url = f"http://127.0.0.1:{self.port}/bot"

    async def stop(self) -> None:
        """Release waiting getUpdates calls (they answer []), then shut the server down."""
        runner = self._runner
        if runner is None:
            return
        self._closing = True
        self._new_updates.fire()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + STOP_GRACE_SECONDS
        while self._polls_in_flight and (remaining := deadline - loop.time()) > 0:
            await self._poll_done.wait(remaining)
        self._runner = None
        await runner.cleanup()
        self._new_calls.fire()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def _hang(self, request: web.Request) -> None:
        """Wait, handling nothing, until the client closes the connection or we stop."""
        while not self._closing:
            transport = request.transport
            if transport is None or transport.is_closing():
                return
            await asyncio.sleep(HANG_POLL_SECONDS)

    @staticmethod
    async def _read_params(request: web.Request) -> JsonDict:
        params: JsonDict = {}
        for key, value in request.query.items():
            params[key] = coerce_form_value(key, value)
        if request.content_type == "application/json":
            raw = await request.read()
            if raw.strip():
                body = json.loads(raw)
                if not isinstance(body, dict):
                    raise ValueError("JSON body must be an object")
                # As the Bot API server reads a JSON body: a string value is read like a
                # form field (so reply_markup may come as JSON text), anything else as it is.
                for key, value in body.items():
                    params[key] = coerce_form_value(key, value) if isinstance(value, str) else value
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, field_value in form.items():
                if isinstance(field_value, web.FileField):
                    params[key] = {
                        "filename": field_value.filename,
                        "content_type": field_value.content_type,
                        "size": len(field_value.file.read()),
                    }
                elif isinstance(field_value, (bytes, bytearray)):
                    text = bytes(field_value).decode("utf-8", "replace")
                    params[key] = coerce_form_value(key, text)
                else:
                    params[key] = coerce_form_value(key, field_value)
        return params

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        at = time.monotonic()
        if self.gone and request.transport is not None:
            request.transport.close()  # the server is away: no answer at all
            return web.Response(status=503)
        method = ""
        params: JsonDict = {}
        result: Any = None
        try:
            path = request.path
            if not path.startswith("/bot"):
                raise ApiError(404, "Not Found")
            token, _, method = path[len("/bot") :].partition("/")
            try:
                params = await self._read_params(request)
            except ValueError as exc:
                raise bad(f"can't parse request: {exc}") from None
            if token != self.token:
                raise ApiError(401, "Unauthorized")
            method = self._method_name(method)
            if self._take_hang(method):
                await self._hang(request)
                self._record(ApiCall(method, params, at, CLIENT_GONE, description=HUNG_TEXT))
                return web.Response(status=504)
            delay = self._take_slowness(method)
            if delay > 0:
                await asyncio.sleep(delay)
            if self._take_drop(method) and request.transport is not None:
                self._record(ApiCall(method, params, at, CLIENT_GONE, description="dropped"))
                request.transport.close()
                return web.Response(status=500)
            failure = self._take_failure(method)
            if failure is not None:
                raise failure
            if method == "getUpdates":
                result = await self._get_updates(params)
            elif method in self._methods:
                result = self._methods[method](params)
            else:
                raise ApiError(404, "Not Found")
        except ApiError as err:
            self._record(ApiCall(method, params, at, err.status, description=err.description))
            return web.json_response(err.body(), status=err.status)
        transport = request.transport
        if transport is None or transport.is_closing():
            # The client gave up waiting (PTB cancels its pending long poll on stop): the
            # answer goes nowhere, so do not count it as delivered.
            self._record(
                ApiCall(method, params, at, CLIENT_GONE, result=result, description=GONE_TEXT)
            )
        else:
            self._record(ApiCall(method, params, at, 200, result=result))
        return web.json_response({"ok": True, "result": result})
