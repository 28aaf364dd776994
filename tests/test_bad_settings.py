"""Every invalid setting, in every mode (polling, webhook, playground, backup, purge), is one
line naming the setting, and exit code 2.

In-process: `bot.__main__.main` as `kneebot` runs it, with a .env holding one bad value and
everything else valid. Nothing starts (the settings are refused first), so no server, no
Telegram and no database are needed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.__main__ import main
from tests.harness import TOKEN

BAD_VALUES = [
    ("FOLLOWUP_DELAY_HOURS", "abc"),
    ("ADMIN_IDS", "bob"),
    ("LOG_LEVEL", "verbose"),
    ("SWEEP_INTERVAL_SECONDS", "abc"),
    ("SWEEP_BATCH_SIZE", "0"),
    ("MAX_SEND_ATTEMPTS", "many"),
    ("LEASE_SECONDS", "-1"),
    ("MAX_REMINDERS", "99"),
    ("RATE_LIMIT_PER_SECOND", "0"),
    ("REQUEST_TIMEOUT_SECONDS", "abc"),
    ("REPLY_RETRY_SECONDS", "-5"),
    ("HTTP_CLIENT", "curl"),
    ("HTTP_POOL_SIZE", "1"),
    ("UPDATE_CONCURRENCY", "0"),
    ("UVLOOP", "maybe"),
    ("MODE", "carrier-pigeon"),
    ("WEBHOOK_PORT", "99999"),
    ("TELEGRAM_PROXY_URL", "not a url"),
]
MODES = ["run", "webhook", "playground", "backup", "purge"]
COMMANDS = {
    "run": ["run"],
    "webhook": ["run"],
    "playground": ["playground"],
    "backup": ["backup", "copy.sqlite3"],
    "purge": ["purge", "--older-than", "90"],
}


def env_file(tmp_path: Path, mode: str, setting: str, value: str) -> Path:
    lines = [f"TELEGRAM_BOT_TOKEN={TOKEN}", f"DATABASE_PATH={tmp_path / 'bot.sqlite3'}"]
    lines.append(f"PLAYGROUND_DATABASE_PATH={tmp_path / 'playground.sqlite3'}")
    if mode == "webhook":
        lines += ["MODE=webhook", "WEBHOOK_URL=https://example.org/hook", "WEBHOOK_SECRET=s3cret"]
    lines.append(f"{setting}={value}")
    path = tmp_path / ".env"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("setting", "value"), BAD_VALUES, ids=[s for s, _ in BAD_VALUES])
def test_a_bad_setting_is_one_line_naming_it_and_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    mode: str,
    setting: str,
    value: str,
) -> None:
    for name in [s for s, _ in BAD_VALUES] + ["TELEGRAM_BOT_TOKEN", "MODE", "WEBHOOK_URL"]:
        monkeypatch.delenv(name, raising=False)
    path = env_file(tmp_path, mode, setting, value)
    code = main(["--env-file", str(path), *COMMANDS[mode]])
    out, err = capsys.readouterr()
    lines = (out + err).strip().splitlines()
    assert code == 2, lines
    assert len(lines) == 1 and "Traceback" not in out + err, lines
    assert setting in lines[0] and "see .env.example" in lines[0], lines[0]
    assert "validation error" not in lines[0]
    assert TOKEN not in lines[0] and "s3cret" not in lines[0]


@pytest.mark.parametrize("command", [["backup", "copy.sqlite3"], ["purge", "--older-than", "90"]])
def test_an_unreadable_env_file_stops_maintenance_commands_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = tmp_path / ".env"
    path.write_bytes(b"DATABASE_PATH=\xff\xfe.sqlite3\n")  # not UTF-8
    code = main(["--env-file", str(path), *command])
    out, err = capsys.readouterr()
    lines = (out + err).strip().splitlines()
    assert code == 2 and len(lines) == 1 and "Traceback" not in out + err, lines


README = Path(__file__).resolve().parent.parent / "README.md"


def readme_example(problem: str) -> str:
    """The quoted example line of README's first-run table row starting with `problem`."""
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"| {problem}"):
            quoted = line.split("|")[2].split("`")[1]
            return quoted.split("...")[0].strip()
    raise AssertionError(f"README has no row for {problem!r}")


def test_readme_table_rows_for_settings_match_what_is_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("FOLLOWUP_DELAY_HOURS", raising=False)
    path = tmp_path / ".env"
    path.write_text("FOLLOWUP_DELAY_HOURS=abc\n", encoding="utf-8")
    for command in (["backup", "copy.sqlite3"], ["purge", "--older-than", "90"], ["playground"]):
        assert main(["--env-file", str(path), *command]) == 2
        printed = capsys.readouterr()
        assert readme_example("a bad value in `.env`") in printed.out + printed.err
    with pytest.raises(SystemExit) as stop:
        main(["playground", "--port", "99999"])
    printed = capsys.readouterr()
    assert stop.value.code == 2
    assert readme_example("a bad `--port`") in printed.out + printed.err
