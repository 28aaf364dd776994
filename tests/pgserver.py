"""A throwaway PostgreSQL server for the tests, from the system's binaries (one per session).

`initdb`, `pg_ctl` are looked up on PATH, then in /usr/lib/postgresql/<version>/bin (where
Debian's `postgresql` package puts them). PostgreSQL refuses to run as root: as root (here and
in CI) the server runs as the `postgres` system user (created if missing) through `runuser`,
its data in a temporary folder owned by it. It listens on 127.0.0.1 on a free port (and a unix
socket in that folder), with fsync off: a test server, thrown away at the end.

Without the binaries the PostgreSQL tests skip with one line, unless `CI` is set: then they
fail (.ci/run installs the binaries).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

SERVER_USER = "postgres"
MISSING = (
    "PostgreSQL binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin: "
    "PostgreSQL tests skipped (apt-get install postgresql)"
)


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl (the newest version if several), or None."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent

    def version(folder: str) -> tuple[int, ...]:
        name = Path(folder).parent.name
        return tuple(int(p) for p in name.split(".") if p.isdigit())

    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def skip_or_fail(reason: str) -> None:
    """Skip (locally) or fail (CI set) the PostgreSQL tests."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI is set, so this fails instead of skipping", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _server_user() -> str | None:
    """Who runs the server: None (this user) unless root; then `postgres`, made if missing."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SERVER_USER,
            ],
            check=True,
            capture_output=True,
        )
    return SERVER_USER


@dataclass
class PostgresServer:
    """A running server: `url(name)` for a database on it."""

    bindir: Path
    folder: Path
    port: int
    user: str | None
    durable: bool = False  # fsync on (benchmarks); off for the tests

    @property
    def admin_url(self) -> str:
        return self.url("postgres")

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = list(args)
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        data = self.folder / "data"
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
        options += "-c max_connections=200"
        if not self.durable:
            options += " -c fsync=off -c full_page_writes=off"
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        )

    def stop(self) -> None:
        try:
            self._run(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "immediate",
                "stop",
            )
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_server(*, durable: bool = False) -> PostgresServer:
    """Start a throwaway server (skips or fails, by CI, when the binaries are missing);
    `durable`: fsync on, as a real server (benchmarks)."""
    bindir = find_binaries()
    if bindir is None:
        skip_or_fail(MISSING)
        raise AssertionError("unreachable")
    user = _server_user()
    folder = Path(tempfile.mkdtemp(prefix="kneebot-pg-"))
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    os.chmod(folder, 0o700)
    server = PostgresServer(bindir, folder, free_port(), user, durable)
    try:
        server.start()
    except subprocess.CalledProcessError as exc:
        log = (folder / "server.log").read_text() if (folder / "server.log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr} {log}") from None
    return server
