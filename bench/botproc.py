"""Run the real bot in its own process against a (fake) Bot API, for the benchmarks.

    python -m bench.botproc --base-url URL --db PATH [--rate 100000] [--concurrent-updates N]

Builds the Application with `bot.app.build_application` and runs it the way `run_polling`
does (initialize, post_init, start polling, start; the same in reverse on SIGTERM/SIGINT),
with the production logging set-up. Prints ``READY <pid>`` on stdout once it polls.

The ``--concurrent-updates`` and ``--skip-touch`` switches are experiments only: they patch
the builder / the tracking handler in this process to measure what a change to the bot would
buy, without editing bot/.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import cProfile
import os
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from telegram.ext import ApplicationBuilder, BaseHandler

from bot.config import Settings
from bot.fastloop import use_fast_event_loop
from bot.logging_setup import configure_logging
from bot.services import system_clock
from tests.harness import TOKEN, run_bot, slot_recorder


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--database-url", help="PostgreSQL instead of --db (DATABASE_URL)")
    parser.add_argument("--rate", type=float, default=100_000.0, help="rate_limit_per_second")
    parser.add_argument("--sweep-interval", type=float, default=5.0)
    parser.add_argument("--sweep-batch", type=int, default=50)
    parser.add_argument("--log-level", default="INFO")
    parser.add_argument("--lease", type=float, default=120.0, help="lease_seconds")
    parser.add_argument("--max-attempts", type=int, default=5, help="max_send_attempts")
    parser.add_argument(
        "--concurrent-updates", type=int, default=0, help="experiment: builder.concurrent_updates"
    )
    parser.add_argument(
        "--skip-touch", action="store_true", help="experiment: no per-update users upsert"
    )
    parser.add_argument(
        "--stub-sniffio",
        action="store_true",
        help="experiment: make httpcore's per-request `import sniffio` fail fast",
    )
    parser.add_argument(
        "--sweeper-concurrency", type=int, default=0, help="experiment: Sweeper(concurrency=N)"
    )
    parser.add_argument("--http-client", default="aiohttp", choices=["aiohttp", "httpx"])
    parser.add_argument("--update-concurrency", type=int, default=16)
    parser.add_argument(
        "--loop", default="asyncio", choices=["asyncio", "uvloop"], help="uvloop: if installed"
    )
    parser.add_argument("--profile", type=Path, help="write cProfile stats here at exit")
    parser.add_argument(
        "--record-slots",
        type=Path,
        help="write the time.monotonic() of every check-in send's pacer slot (where its HTTP "
        "request starts) here at exit, one per line",
    )
    return parser.parse_args(argv)


def apply_experiments(args: argparse.Namespace) -> None:
    if args.stub_sniffio:
        # httpcore runs `import sniffio` on every lock set-up (several per request); when the
        # package is not installed each one is a full, failing search of sys.path. A None entry
        # in sys.modules makes it fail at once, as cheap as having sniffio installed.
        sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]
    if args.concurrent_updates > 0:
        original = ApplicationBuilder.build
        count = args.concurrent_updates

        def build(self: ApplicationBuilder[Any, Any, Any, Any, Any, Any]) -> Any:
            self.concurrent_updates(count)
            return original(self)

        ApplicationBuilder.build = build  # type: ignore[method-assign]
    if args.sweeper_concurrency > 0:
        from bot.scheduler import Sweeper

        defaults = Sweeper.__init__.__kwdefaults__ or {}
        Sweeper.__init__.__kwdefaults__ = {**defaults, "concurrency": args.sweeper_concurrency}
    if args.record_slots is not None:
        record_slots(args.record_slots)
    if args.skip_touch:
        from bot.handlers import tracking

        def no_handlers() -> list[BaseHandler[Any, Any, Any]]:
            return []

        tracking.handlers = no_handlers


def record_slots(path: Path) -> None:
    """Note when each pacer slot is taken (`tests.harness.slot_recorder`), written at exit."""
    from bot.scheduler import RatePacer

    slots: list[float] = []
    RatePacer.acquire = slot_recorder(slots)  # type: ignore[method-assign,assignment]
    atexit.register(lambda: path.write_text("".join(f"{t!r}\n" for t in slots)))


async def serve(settings: Settings) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with run_bot(settings, clock=system_clock):
        print(f"READY {os.getpid()}", flush=True)
        await stop.wait()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    apply_experiments(args)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=SecretStr(TOKEN),
        database_path=args.db,
        database_url=SecretStr(args.database_url) if args.database_url else None,
        telegram_api_base_url=args.base_url,
        rate_limit_per_second=args.rate,
        sweep_interval_seconds=args.sweep_interval,
        sweep_batch_size=args.sweep_batch,
        lease_seconds=args.lease,
        max_send_attempts=args.max_attempts,
        log_level=args.log_level,
        http_client=args.http_client,
        update_concurrency=args.update_concurrency,
        uvloop=args.loop == "uvloop",
    )
    configure_logging(settings.log_level, [settings.telegram_bot_token.get_secret_value()])
    use_fast_event_loop(settings.uvloop)
    profiler = cProfile.Profile(time.thread_time) if args.profile else None
    if profiler is not None:
        profiler.enable()
    try:
        asyncio.run(serve(settings))
    finally:
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(str(args.profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
