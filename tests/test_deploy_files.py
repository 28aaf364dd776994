"""The deployment files say what they must (parsed as text: no Docker or systemd needed)."""

from __future__ import annotations

import configparser
import fnmatch
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import TOKEN_PATTERN

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
TOKEN_SHAPE = re.compile(TOKEN_PATTERN.pattern.strip("^$"))
SECRET_NAMES = ("TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET")


# ------------------------------------------------------------------------------ Dockerfile


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with comments dropped and continuations joined."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        name, _, args = line.partition(" ")
        instructions.append((name.upper(), args.strip()))
    assert not pending, "dangling line continuation"
    return instructions


@pytest.fixture(scope="module")
def dockerfile() -> list[tuple[str, str]]:
    return dockerfile_instructions((DEPLOY / "Dockerfile").read_text())


def args_of(instructions: list[tuple[str, str]], name: str) -> list[str]:
    return [args for instr, args in instructions if instr == name]


def test_dockerfile_base_user_and_command(dockerfile: list[tuple[str, str]]) -> None:
    assert args_of(dockerfile, "FROM") == ["python:3.11-slim"]
    users = args_of(dockerfile, "USER")
    assert users, "the image must not run as root"
    final_user = users[-1].split(":")[0]
    assert final_user not in {"root", "0"}
    # the user is created in the image, and the command runs after USER
    assert any("useradd" in run and final_user in run for run in args_of(dockerfile, "RUN"))
    names = [instr for instr, _ in dockerfile]
    assert names.index("USER") < names.index("CMD")
    # the package itself, with the webhook server, so one image runs either mode
    assert any(
        re.search(r"""\bpip install ["']?\.\[webhook\]["']?(\s|$)""", run)
        for run in args_of(dockerfile, "RUN")
    )
    (cmd,) = args_of(dockerfile, "CMD")
    assert yaml.safe_load(cmd) == ["kneebot"]  # exec form: signals reach the bot directly


def test_dockerfile_keeps_the_database_on_a_volume(dockerfile: list[tuple[str, str]]) -> None:
    volumes = [v for args in args_of(dockerfile, "VOLUME") for v in yaml.safe_load(args)]
    assert "/data" in volumes
    env = " ".join(args_of(dockerfile, "ENV"))
    assert "DATABASE_PATH=/data/kneebot.sqlite3" in env.split()


def test_dockerfile_bakes_in_no_secret(dockerfile: list[tuple[str, str]]) -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    assert not TOKEN_SHAPE.search(text)
    for instr, args in dockerfile:
        if instr in {"ENV", "ARG", "LABEL"}:
            for name in SECRET_NAMES:
                assert name not in args, f"{instr} {args}"
        if instr in {"COPY", "ADD"}:
            sources = shlex.split(args)[:-1]
            assert all(not Path(s).name.startswith(".env") for s in sources), args
            for source in sources:
                if not source.startswith("--"):
                    assert (ROOT / source).exists(), f"COPY source {source} is missing"


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def ignored(path: str, patterns: list[str]) -> bool:
    """Docker's rule, simplified: the last matching pattern wins; `!` re-includes."""
    result = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        body = pattern.lstrip("!").rstrip("/").removeprefix("**/")
        parts = Path(path).parts
        if any(fnmatch.fnmatch("/".join(parts[: i + 1]), body) for i in range(len(parts))):
            result = not negate
    return result


def test_dockerignore_keeps_secrets_and_state_out_of_the_context() -> None:
    patterns = dockerignore_patterns()
    for path in (".env", ".env.production", ".venv/bin/python", "kneebot.sqlite3",
                 "kneebot.sqlite3-wal", ".git/config"):  # fmt: skip
        assert ignored(path, patterns), path
    for path in ("pyproject.toml", "README.md", "bot/app.py", "knowledge/quiz.py"):
        assert not ignored(path, patterns), path


# ------------------------------------------------------------------------------ compose


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    assert isinstance(data, dict)
    return data


def test_compose_runs_one_service_from_env_file_with_a_named_volume(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]
    assert len(services) == 1
    (service,) = services.values()
    env_files = service["env_file"]
    env_files = [env_files] if isinstance(env_files, str) else env_files
    assert env_files and all(str(f).endswith(".env") for f in env_files)
    assert (DEPLOY / env_files[0]).resolve() == ROOT / ".env"  # the one next to README.md
    assert service["restart"] == "unless-stopped"

    mounts = [str(m).split(":") for m in service["volumes"]]
    data_mounts = [m for m in mounts if m[1] == "/data"]
    assert len(data_mounts) == 1
    volume_name = data_mounts[0][0]
    assert "/" not in volume_name and volume_name in compose["volumes"]  # named, not a bind

    environment = service.get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    assert environment["DATABASE_PATH"] == "/data/kneebot.sqlite3"
    for name in SECRET_NAMES:
        assert name not in environment
    build = service["build"]
    assert (DEPLOY / build["context"] / build["dockerfile"]).resolve() == DEPLOY / "Dockerfile"
    # Published on loopback only: the reverse proxy is the way in.
    assert all(str(port).startswith("127.0.0.1:") for port in service.get("ports", []))
    assert not TOKEN_SHAPE.search((DEPLOY / "docker-compose.yml").read_text())


def test_compose_with_postgres_runs_two_replicas_under_one_ceiling() -> None:
    """Issue 23: two replicas share one PostgreSQL; Telegram's ~30/s is divided between them."""
    path = DEPLOY / "docker-compose.postgres.yml"
    compose = yaml.safe_load(path.read_text())
    services = compose["services"]
    postgres = services["postgres"]
    assert "ports" not in postgres  # reachable only on the compose network
    assert postgres["healthcheck"]["test"][1] == "pg_isready"
    assert "kneebot-postgres" in compose["volumes"]
    replicas = {name: s for name, s in services.items() if name.startswith("kneebot")}
    assert len(replicas) == 2
    ports = set()
    total_rate = 0.0
    for service in replicas.values():
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert (DEPLOY / service["env_file"]).resolve() == ROOT / ".env"
        environment = service["environment"]
        for name in (*SECRET_NAMES, "DATABASE_URL", "POSTGRES_PASSWORD"):
            assert name not in environment  # secrets come from .env only
        assert environment["MODE"] == "webhook"  # one poller per token: replicas use webhooks
        total_rate += float(environment["RATE_LIMIT_PER_SECOND"])
        (port,) = service["ports"]
        assert str(port).startswith("127.0.0.1:")
        ports.add(port)
    assert len(ports) == 2
    # Under 30 with a margin: at 15 each, arrivals bunched to 32 in a second (bench/README.md).
    assert total_rate <= 28
    assert not TOKEN_SHAPE.search(path.read_text())


# ------------------------------------------------------------------------------ systemd

UNIT = DEPLOY / "kneebot.service"


@pytest.fixture(scope="module")
def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(UNIT.read_text())
    return parser


def test_systemd_unit_essentials(unit: configparser.ConfigParser) -> None:
    service = unit["Service"]
    assert service["User"] and service["User"] not in {"root", "0"}
    assert service["EnvironmentFile"].startswith("/etc/")
    assert service["Restart"] == "on-failure"
    assert service["NoNewPrivileges"] == "yes"
    assert service["ProtectSystem"] == "strict"
    assert service["ProtectHome"] in {"yes", "read-only", "tmpfs"}
    assert service["PrivateTmp"] == "yes"
    assert service["KillSignal"] == "SIGTERM"
    assert 5 <= int(service["TimeoutStopSec"]) <= 90
    assert shlex.split(service["ExecStart"])[1:] == ["run"]
    assert shlex.split(service["ExecStart"])[0].endswith("/kneebot")

    # The database directory is the writable one.
    database = Path(service["Environment"].split("=", 1)[1])
    assert service["Environment"].startswith("DATABASE_PATH=")
    writable = [Path(p.lstrip("-")) for p in service["ReadWritePaths"].split()]
    assert database.parent in writable
    assert database.parent == Path(service["WorkingDirectory"])
    assert unit["Install"]["WantedBy"] == "multi-user.target"
    assert not TOKEN_SHAPE.search(UNIT.read_text())
    for name in SECRET_NAMES:
        assert name not in UNIT.read_text()


def test_systemd_analyze_verify(tmp_path: Path) -> None:
    tool = shutil.which("systemd-analyze")
    if tool is None:
        print("systemd-analyze not found: skipping (apt-get install systemd provides it)")
        pytest.skip("systemd-analyze is not installed on this machine")
    # `verify` insists that ExecStart exists: point it at this interpreter, keep the rest.
    text = re.sub(r"(?m)^ExecStart=\S+", f"ExecStart={sys.executable}", UNIT.read_text())
    copy = tmp_path / "kneebot.service"
    copy.write_text(text)
    result = subprocess.run(
        [tool, "verify", str(copy)], capture_output=True, text=True, timeout=60, check=False
    )
    output = result.stdout + result.stderr
    complaints = [line for line in output.splitlines() if copy.name in line]
    assert result.returncode == 0, output
    assert complaints == [], output


# ------------------------------------------------------------------------------ README


def test_deploy_readme_covers_each_way_and_data_care() -> None:
    text = (DEPLOY / "README.md").read_text()
    for needle in (
        "docker build",
        "docker compose",
        "systemctl enable",
        "proxy_pass http://127.0.0.1:8443",
        "443, 80, 88 or",
        "X-Telegram-Bot-Api-Secret-Token",
        "/forget",
        "kneebot backup",
        "kneebot purge --older-than",
        "Never stored",
    ):
        assert needle in text, needle
