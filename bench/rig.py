"""The test rig on the benchmark side: a fake Bot API that reports replies, and the bot process.

The fake runs in this (the driver's) process; the bot runs in a child process
(`bench.botproc`), so the bot's CPU and memory are its own and the two use separate cores.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import cpu_seconds, rss_mib
from bot.metrics import CHAT_METHODS
from tests.fakebot import ApiCall, FakeBotApi, JsonDict
from tests.harness import TOKEN

ROOT = Path(__file__).resolve().parent.parent
# Every call the bot makes in answer to a user (anything aimed at a chat or a query).
REPLY_METHODS = CHAT_METHODS


class BenchFake(FakeBotApi):
    """FakeBotApi that hands every reply to a listener and can skip the costly checks.

    With ``validate_html`` off, message text is taken as is (no HTML parse): the benchmark then
    measures the bot, not the fake's pure-Python HTML parser. The calibration pass keeps it on.
    With ``keep_calls`` off, calls are not kept in ``calls`` (memory stays flat on long runs).
    """

    def __init__(self) -> None:
        super().__init__(TOKEN)
        self.validate_html = True
        self.keep_calls = True
        self.on_reply: Callable[[int, ApiCall], None] | None = None
        self.errors: list[ApiCall] = []
        self.reply_count = 0

    def chat_of(self, call: ApiCall) -> int | None:
        if call.method == "answerCallbackQuery":
            query = self._callbacks.get(str(call.params.get("callback_query_id") or ""))
            return query.chat_id if query else None
        raw = call.params.get("chat_id")
        try:
            return int(raw) if raw is not None else None
        except (TypeError, ValueError):
            return None

    def _record(self, call: ApiCall) -> None:
        if self.keep_calls:
            super()._record(call)
        if call.method not in REPLY_METHODS:
            return
        self.reply_count += 1
        if not call.ok:
            self.errors.append(call)
        listener = self.on_reply
        if listener is not None:
            chat = self.chat_of(call)
            if chat is not None:
                listener(chat, call)

    def _parse_text(self, params: JsonDict) -> tuple[str, str | None, str, list[JsonDict]]:
        if self.validate_html:
            return super()._parse_text(params)
        text = str(params.get("text") or "")
        mode = params.get("parse_mode")
        return text, (str(mode) if mode else None), text, []

    def add_chats(self, chat_ids: range) -> None:
        """Make private chats known, as if each user had written to the bot once."""
        self.known_chats.update(chat_ids)

    def forget_messages(self, chat_id: int) -> None:
        """Drop what the fake keeps for a chat (driver memory on long runs)."""
        self._sent.pop(chat_id, None)
        self._user_messages.pop(chat_id, None)


class BotProcess:
    """`python -m bench.botproc` as a child process."""

    def __init__(
        self,
        base_url: str,
        db: Path,
        *,
        rate: float = 100_000.0,
        sweep_interval: float = 5.0,
        sweep_batch: int = 50,
        extra: list[str] | None = None,
        log_path: Path | None = None,
        module: str = "bench.botproc",
        root: Path = ROOT,
    ) -> None:
        """`module` is bench.botproc (this bot) or bench.bare (the bare PTB echo bot); `root`
        is the checkout it runs from (another one measures another version side by side)."""
        self.log_path = log_path if log_path is not None else db.with_suffix(".log")
        self.root = root
        self.args = [
            # KNEEBENCH_BOT_PYTHON: run the bot under another environment's Python, e.g. one
            # installed as a deployment is (`pip install .`, no test or webhook extras).
            os.environ.get("KNEEBENCH_BOT_PYTHON") or sys.executable,
            "-m",
            module,
            "--base-url",
            base_url,
            "--db",
            str(db),
            "--rate",
            str(rate),
            "--sweep-interval",
            str(sweep_interval),
            "--sweep-batch",
            str(sweep_batch),
            *(extra or []),
        ]
        self.proc: asyncio.subprocess.Process | None = None
        self.started_at = 0.0

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    async def start(self, timeout: float = 30.0) -> None:  # noqa: ASYNC109
        env = {**os.environ, "PYTHONPATH": str(self.root), "PTB_TIMEDELTA": "true"}
        with self.log_path.open("ab") as log:  # the bot's log lines, as journald would get
            self.proc = await asyncio.create_subprocess_exec(
                *self.args, cwd=self.root, env=env, stdout=asyncio.subprocess.PIPE, stderr=log
            )
        self.started_at = time.monotonic()
        assert self.proc.stdout is not None
        line = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
        if not line.startswith(b"READY"):
            await self.stop()
            raise RuntimeError(f"bot process did not start; its log:\n{self.log_tail()}")

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def rss(self) -> float:
        return rss_mib(self.pid)

    def cpu(self) -> float:
        return cpu_seconds(self.pid)

    async def stop(self, timeout: float = 20.0) -> int:  # noqa: ASYNC109
        proc = self.proc
        if proc is None:
            return 0
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(proc.wait(), timeout)
            except TimeoutError:
                proc.kill()
                await proc.wait()
        self.proc = None
        return proc.returncode if proc.returncode is not None else -1

    async def __aenter__(self) -> BotProcess:
        await self.start()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.stop()


async def wait_until(
    predicate: Callable[[], bool],
    timeout: float,  # noqa: ASYNC109
    interval: float = 0.01,
) -> bool:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(interval)
    return True
