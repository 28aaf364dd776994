"""A first run never shows a traceback: one clear line for each way it can go wrong.

Each test runs the real `python -m bot` (what `kneebot`, systemd and Docker run) as a child
process, against the emulator or an address where nothing listens, and reads its output.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import signal
import socket
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from telegram.error import Conflict

from bot.config import PLACEHOLDER_TOKEN, is_placeholder_token, live_token_configured
from bot.startup import (
    StartupError,
    api_host,
    backoff,
    check_database,
    describe_network_error,
    quiet_telegram_tracebacks,
)
from playground.emulator import FakeBotApi
from tests.botprocess import ROOT, bot_env, bot_process, free_port, run_to_end, spawn
from tests.harness import TOKEN, make_settings

CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)


async def wait_for_text(read: object, needle: str, timeout: float) -> str:  # noqa: ASYNC109
    """Poll `read()` (a callable returning the output so far) until `needle` shows."""
    assert callable(read)
    deadline = time.monotonic() + timeout
    while True:
        text = str(read())
        if needle in text or time.monotonic() > deadline:
            return text
        await asyncio.sleep(0.1)


SYSFS = Path("/sys/kernel").is_dir()
"""Linux's /sys: a folder that exists, passes os.access as root, and refuses new files."""


async def run_kneebot(tmp_path: Path, env: dict[str, str], *args: str) -> tuple[int, str]:
    """Run `python -m bot ARGS` in tmp_path to its end: its exit code and everything printed."""
    code, out, err = await run_to_end(tmp_path, env, *args)
    return code, out + err


def closed_port() -> int:
    port = free_port()  # bound and released: nothing listens there now
    return port


# ------------------------------------------------------------------------- unit level


def test_placeholder_token_is_recognised() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert f"TELEGRAM_BOT_TOKEN={PLACEHOLDER_TOKEN}\n" in example
    assert is_placeholder_token(PLACEHOLDER_TOKEN)
    assert not is_placeholder_token(TOKEN)


def test_live_token_configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    env = tmp_path / ".env"
    assert not live_token_configured(env)  # no file
    shutil.copyfile(ROOT / ".env.example", env)
    assert not live_token_configured(env)
    env.write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\n")
    assert live_token_configured(env)
    env.write_text("TELEGRAM_BOT_TOKEN=12345:typo\n")
    assert live_token_configured(env)  # meant to go live: show what is wrong with it


def test_auto_runs_the_live_bot_only_with_a_real_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.__main__ as cli

    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    chosen: list[str] = []
    monkeypatch.setattr(cli, "_run_command", lambda args: chosen.append("live") or 0)
    monkeypatch.setattr(cli, "_playground_command", lambda args: chosen.append("playground") or 0)
    env = tmp_path / ".env"
    assert cli.main(["--env-file", str(env), "auto"]) == 0  # no .env at all
    shutil.copyfile(ROOT / ".env.example", env)
    assert cli.main(["--env-file", str(env), "auto"]) == 0
    env.write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\n")
    assert cli.main(["--env-file", str(env), "auto"]) == 0
    assert chosen == ["playground", "playground", "live"]


def test_telegram_errors_logged_by_the_library_are_one_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    quiet_telegram_tracebacks()
    try:
        raise Conflict("Conflict: terminated by other getUpdates request")
    except Conflict:
        logging.getLogger("asyncio").exception("Task exception was never retrieved\nfuture: <T>")
        logging.getLogger("telegram.ext.Updater").exception("Error while getting Updates")
    try:
        raise ValueError("a bug of ours")
    except ValueError:
        logging.getLogger("telegram.ext.Updater").exception("something else")
    folded, other = caplog.records[:2], caplog.records[2]
    assert [r.getMessage() for r in folded] == [
        "Task exception was never retrieved (Conflict: terminated by other getUpdates request)",
        "Error while getting Updates (Conflict: terminated by other getUpdates request)",
    ]
    assert all(r.exc_info is None for r in folded)
    assert other.exc_info is not None  # our own bugs keep their traceback


def test_network_errors_are_named_in_a_few_words() -> None:
    dns = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    wrapped = RuntimeError("httpx.ConnectError: [Errno -2] Name or service not known")
    wrapped.__cause__ = dns
    assert describe_network_error(wrapped).startswith("DNS lookup failed")
    refused = RuntimeError("httpx.ConnectError: All connection attempts failed")
    refused.__cause__ = ConnectionRefusedError(111, "Connection refused")
    assert describe_network_error(refused) == "connection refused"
    assert describe_network_error(TimeoutError()) == "timed out"
    proxy = type("ProxyError", (Exception,), {})("407 Proxy Authentication Required")
    assert describe_network_error(proxy).startswith("proxy error")
    assert api_host("https://api.telegram.org/bot") == "api.telegram.org"
    assert api_host("http://127.0.0.1:9/bot") == "127.0.0.1:9"
    assert [backoff(n) for n in (1, 2, 3, 6, 7, 50)] == [2, 4, 8, 60, 60, 60]


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    database.write_text("this is not a database\n" * 100)
    settings = make_settings(tmp_path, "http://127.0.0.1:9/bot", database_path=database)
    with pytest.raises(StartupError, match=r"cannot open the database at .*not a database"):
        check_database(settings)
    fresh = make_settings(tmp_path, "http://127.0.0.1:9/bot", database_path=tmp_path / "n/b.db")
    check_database(fresh)  # a missing file in a creatable folder is fine ...
    assert not (tmp_path / "n" / "b.db").exists()  # ... and is left to the Store to create


# ------------------------------------------------------------------------- the process


async def test_unreachable_telegram_is_one_warning_line_per_try_and_no_traceback(
    tmp_path: Path,
) -> None:
    port = closed_port()
    env = bot_env(tmp_path, f"http://127.0.0.1:{port}/bot")
    async with bot_process(tmp_path, env) as bot:
        log = await wait_for_text(bot.log, "retrying in 4s", timeout=15)
        assert bot.running, log
        code, _ = await bot.stop(signal.SIGTERM)
    log = bot.log()
    assert "Traceback" not in log, log
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    assert warnings, log
    assert f"cannot reach Telegram at 127.0.0.1:{port}: connection refused" in warnings[0]
    assert all("cannot reach Telegram" in line for line in warnings), warnings
    assert TOKEN not in log
    assert code == 0, log


async def test_a_rejected_token_is_one_line_and_exit_2(tmp_path: Path) -> None:
    async with FakeBotApi("987654321:ThisTokenIsNotTheOneTheServerKnows_xyz") as fake:
        env = bot_env(tmp_path, fake.base_url, log_level="WARNING")
        async with bot_process(tmp_path, env) as bot:
            code = await asyncio.wait_for(bot.process.wait(), 15)
        log = bot.log()
        assert [call.method for call in fake.calls] == ["getMe"]  # no restart loop
    assert code == 2, log
    lines = log.strip().splitlines()
    assert len(lines) == 1, log
    assert "401" in lines[0] and "@BotFather" in lines[0]
    assert "Traceback" not in log and TOKEN not in log


async def test_another_instance_polling_is_one_clear_line(tmp_path: Path) -> None:
    async with FakeBotApi(TOKEN) as fake:
        fake.fail_next("getUpdates", 409, CONFLICT, times=10_000)
        env = bot_env(tmp_path, fake.base_url)
        async with bot_process(tmp_path, env) as bot:
            log = await wait_for_text(bot.log, "another instance", timeout=15)
            assert bot.running, log
            for _ in range(2):  # PTB retries ...
                await fake.wait_for("getUpdates", after=fake.mark(), timeout=10)
            code, _ = await bot.stop(signal.SIGTERM)
        log = bot.log()
    assert "Traceback" not in log, log
    conflict = [line for line in log.splitlines() if "another instance" in line]
    assert len(conflict) == 1 and "409 Conflict" in conflict[0], log  # ... the line is once
    assert code == 0, log


@pytest.mark.parametrize("kind", ["parent is a file", "path is a folder", "folder refuses files"])
async def test_an_unopenable_database_is_one_line_and_exit_2(tmp_path: Path, kind: str) -> None:
    if kind == "parent is a file":
        (tmp_path / "not-a-folder").write_text("x")
        database = tmp_path / "not-a-folder" / "bot.sqlite3"
    elif kind == "folder refuses files":
        if not SYSFS:
            pytest.skip("no sysfs here: /sys is the folder that refuses new files")
        database = Path("/sys/kneebot.sqlite3")  # exists, passes os.access as root, refuses
    else:
        database = tmp_path / "a-folder"
        database.mkdir()
    async with FakeBotApi(TOKEN) as fake:
        env = bot_env(tmp_path, fake.base_url, database_path=str(database), log_level="WARNING")
        async with bot_process(tmp_path, env) as bot:
            code = await asyncio.wait_for(bot.process.wait(), 15)
        log = bot.log()
        assert fake.calls == []  # checked before anything talks to Telegram
    assert code == 2, log
    lines = log.strip().splitlines()
    assert len(lines) == 1, log
    assert "cannot open the database" in lines[0] and "DATABASE_PATH" in lines[0]
    assert "Traceback" not in log


async def test_the_example_token_is_refused_with_one_line(tmp_path: Path) -> None:
    shutil.copyfile(ROOT / ".env.example", tmp_path / ".env")
    env = bot_env(tmp_path, "http://127.0.0.1:9/bot")
    del env["TELEGRAM_BOT_TOKEN"]
    async with bot_process(tmp_path, env) as bot:
        code = await asyncio.wait_for(bot.process.wait(), 15)
    log = bot.log()
    assert code == 2, log
    lines = log.strip().splitlines()
    assert len(lines) == 1, log
    assert "example" in lines[0] and "@BotFather" in lines[0] and "playground" in lines[0]
    assert "Traceback" not in log


# ------------------------------------------------------------------------- scripts/run


def fresh_clone(tmp_path: Path, *, env_example: bool) -> Path:
    """A folder with scripts/run and the already installed .venv, and nothing else."""
    clone = tmp_path / "clone"
    (clone / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "run", clone / "scripts" / "run")
    shutil.copy2(ROOT / "pyproject.toml", clone / "pyproject.toml")
    venv = Path(sys.prefix)
    (clone / ".venv").symlink_to(venv, target_is_directory=True)
    if env_example:
        shutil.copyfile(ROOT / ".env.example", clone / ".env")
    return clone


@pytest.mark.parametrize("env_example", [False, True], ids=["no .env", ".env.example copied"])
async def test_scripts_run_without_a_token_serves_the_playground(
    tmp_path: Path, env_example: bool
) -> None:
    if not (Path(sys.prefix) / "bin" / "kneebot").exists():
        pytest.fail("kneebot is not installed in this venv; run ./scripts/test")
    clone = fresh_clone(tmp_path, env_example=env_example)
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "WEBHOOK_", "PLAYGROUND_", "DATABASE_"))
    }
    env.update(KNEEBOT_SKIP_INSTALL="1", PLAYGROUND_PORT=str(port), PYTHONUNBUFFERED="1")
    log_path = tmp_path / "run.log"
    started = time.monotonic()
    with log_path.open("wb") as log_file:
        process = await asyncio.create_subprocess_exec(
            "bash",
            str(clone / "scripts" / "run"),
            cwd=tmp_path,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log_file,
            stderr=asyncio.subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        status = 0
        async with aiohttp.ClientSession() as http:
            while time.monotonic() - started < 90 and process.returncode is None:
                try:
                    async with http.get(url) as response:
                        status = response.status
                        body = await response.text()
                        break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.2)
        log = await wait_for_text(log_path.read_text, url, timeout=5)
        assert status == 200, log
        assert "nothing is sent to Telegram" in body
        assert (clone / ".playground" / "kneebot.sqlite3").exists()
        lines = log.strip().splitlines()
        assert len(lines) == 1, log
        assert url in lines[0] and "Put your token from @BotFather in .env" in lines[0]
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 20)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = log_path.read_text()
    assert "Traceback" not in log, log
    assert code == 0, log


async def test_playground_port_taken_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = bot_env(tmp_path, "http://127.0.0.1:9/bot")
        code, text = await run_kneebot(tmp_path, env, "playground", "--port", str(port))
    assert code == 2, text
    lines = text.strip().splitlines()
    assert len(lines) == 1 and f"port {port}" in lines[0] and "in use" in lines[0], text


@pytest.mark.parametrize("port", ["99999", "0", "http"])
async def test_a_bad_port_on_the_command_line_is_one_line_and_exit_2(
    tmp_path: Path, port: str
) -> None:
    env = bot_env(tmp_path, "http://127.0.0.1:9/bot")
    code, text = await run_kneebot(tmp_path, env, "playground", "--port", port)
    assert code == 2, text
    assert "Traceback" not in text
    error = [line for line in text.strip().splitlines() if "--port" in line and "error" in line]
    assert len(error) == 1 and ("1 to 65535" in error[0]), text


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("FOLLOWUP_DELAY_HOURS", "abc"),
        ("LOG_LEVEL", "verbose"),
        ("ADMIN_IDS", "bob"),
    ],
)
async def test_a_bad_setting_in_the_playground_names_the_setting_in_one_line(
    tmp_path: Path, setting: str, value: str
) -> None:
    env = bot_env(tmp_path, "http://127.0.0.1:9/bot")
    env[setting] = value
    code, text = await run_kneebot(tmp_path, env, "playground", "--port", str(free_port()))
    assert code == 2, text
    lines = text.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in text, text
    assert setting in lines[0] and "1 validation error" not in lines[0], text


async def test_a_bad_env_line_is_warned_about_once(tmp_path: Path) -> None:
    """.env is read twice at start-up (is a token set? then the settings): one warning."""
    (tmp_path / ".env").write_text("this is not a setting\nLOG_LEVEL=INFO\n", encoding="utf-8")
    env = bot_env(tmp_path, f"http://127.0.0.1:{closed_port()}/bot")
    process = await spawn(
        tmp_path, env, "auto", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    seen: list[bytes] = []
    try:
        # Until the settings have been read and the bot tries Telegram (not a fixed sleep: on
        # a busy machine the interpreter alone can take seconds to start).
        assert process.stdout is not None
        while not any(b"cannot reach Telegram" in line for line in seen):
            line = await asyncio.wait_for(process.stdout.readline(), 60)
            if not line:
                break
            seen.append(line)
    finally:
        process.send_signal(signal.SIGTERM)
        out, _ = await asyncio.wait_for(process.communicate(), 30)
    text = b"".join(seen).decode() + out.decode()
    warned = [line for line in text.splitlines() if "could not parse" in line]
    assert len(warned) == 1, text
    assert "Traceback" not in text
