"""Settings: defaults, validation, and the one-line errors a person sees at start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, RunMode, load_settings
from tests.harness import TOKEN

ROOT = Path(__file__).resolve().parents[1]


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.pop("MODE", None)
    env["PYTHONPATH"] = str(ROOT)
    return env


def run_bot_process(cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_missing_token_exits_2_with_one_clear_line(tmp_path: Path) -> None:
    result = run_bot_process(tmp_path, clean_env())
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "BotFather" in lines[0] and ".env" in lines[0]
    assert "Traceback" not in result.stderr


def test_malformed_token_is_refused_without_echoing_it(tmp_path: Path) -> None:
    bad = "12345:this-is-not-a-real-token"
    (tmp_path / ".env").write_text(f"TELEGRAM_BOT_TOKEN={bad}\n")
    result = run_bot_process(tmp_path, clean_env())
    assert result.returncode == 2
    assert "BotFather" in result.stderr
    assert bad not in result.stderr and bad not in result.stdout
    assert "Traceback" not in result.stderr


def test_malformed_env_file_gives_a_clear_error(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_bytes(f"TELEGRAM_BOT_TOKEN={TOKEN}\nFOLLOWUP_DELAY_HOURS=soon\n".encode())
    with pytest.raises(ConfigError, match="FOLLOWUP_DELAY_HOURS"):
        load_settings(env_file)
    env_file.write_bytes(b"\xff\xfe\x00garbage")
    result = run_bot_process(tmp_path, clean_env())
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_defaults_and_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith(("TELEGRAM_", "WEBHOOK_", "ADMIN_")) or key == "MODE":
            monkeypatch.delenv(key)
    env_file = tmp_path / ".env"
    env_file.write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\nADMIN_IDS=1, 2 3\nlog_level=debug\n")
    settings = load_settings(env_file)
    assert settings.telegram_bot_token.get_secret_value() == TOKEN
    assert TOKEN not in repr(settings) and TOKEN not in str(settings.model_dump())
    assert settings.admin_ids == frozenset({1, 2, 3})
    assert settings.log_level == "DEBUG"
    assert settings.followup_delay_seconds == 48 * 3600
    assert settings.database_path == Path("kneebot.sqlite3")
    assert settings.mode is RunMode.POLLING


def test_webhook_mode_needs_a_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith(("TELEGRAM_", "WEBHOOK_")) or key == "MODE":
            monkeypatch.delenv(key)
    env_file = tmp_path / ".env"
    env_file.write_text(
        f"TELEGRAM_BOT_TOKEN={TOKEN}\nMODE=webhook\nWEBHOOK_URL=https://example.org/hook\n"
    )
    with pytest.raises(ConfigError, match="WEBHOOK_SECRET"):
        load_settings(env_file)
