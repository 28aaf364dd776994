"""The database's files on disk: private to the bot's user (0600, new folders 0700)."""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

# Health-related data: only the bot's own user may read it, whatever the umask.
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
SIDE_FILES = ("-wal", "-shm", "-journal")


def make_private_dirs(folder: Path) -> None:
    """Create `folder` and any missing parents as 0700. Folders that exist are left alone
    (the database may live in a shared working directory); deploy/ sets up private ones."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        path.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
        os.chmod(path, PRIVATE_DIR_MODE)  # mkdir's mode is reduced by the umask


def make_private_file(path: Path) -> None:
    """Create `path` empty as 0600 if missing (SQLite takes an empty file as a new database),
    and make an existing one 0600. SQLite gives -wal and -shm the database file's mode."""
    make_private_dirs(path.parent)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)


def make_side_files_private(database: Path) -> None:
    """Make the database's -wal, -shm (and -journal) files 0600 if they exist."""
    for suffix in SIDE_FILES:
        side = Path(f"{database}{suffix}")
        with suppress(FileNotFoundError):
            os.chmod(side, PRIVATE_FILE_MODE)
