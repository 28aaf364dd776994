"""Check-ins committed before a power cut are still there after it (issue 24, item 1).

A small ext4 image is loop-mounted and the real Store runs on it in a child process: it
finishes a quiz and schedules a check-in for each of N users, printing each check-in's id once
`schedule_followup` has returned (committed, as far as the bot knows). Then the file system is
shut down without flushing anything (FS_IOC_SHUTDOWN with FSOP_GOING_FLAGS_NOLOGFLUSH: what
the disk holds at that instant is all that is left, as after a power cut), the child is killed,
and the image is unmounted and mounted again. Every check-in the bot was told was committed
must be in the database, with the quiz outcome it recalls.

The "normal" case is the bot before this change (synchronous=NORMAL for every commit): it must
lose check-ins, which shows the shutdown really drops what was not synced (were it not so,
the other cases could not fail).

Needs root, loop devices, mkfs.ext4 and mount. Without them the test skips with one line,
except under CI (the CI variable set), where it fails: .ci/run installs e2fsprogs and mount.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.storage import Store

ROOT = Path(__file__).resolve().parent.parent
CHECKINS = 10
FORGOTTEN = 999  # a user with a synced row before the cut, erased by /forget just before it
FS_IOC_SHUTDOWN = 0x8004587D  # _IOR('X', 125, __u32)
FSOP_GOING_FLAGS_NOLOGFLUSH = 2  # drop the journal's unwritten commits and every dirty page
NOW = 1_800_000_000
DAY = 86_400

CHILD = """
import asyncio, sys
from bot.storage import Store

async def main(path: str, durability: str, n: int, forgotten: int, start: int) -> None:
    store = Store(path, durability=durability)
    await store.open()
    await store.forget_user(forgotten)
    print("forgotten", flush=True)
    for i in range(n):
        user = 1000 + i
        now = start + i
        await store.start_quiz(user, user, f"n{i}", "q1", now)
        outcome = await store.finish_quiz(user, f"n{i}", "q1", "self_care", now)
        row, created = await store.schedule_followup(
            user, user, now + 86_400, now, outcome_id=outcome
        )
        assert created
        print("committed", row.id, outcome, flush=True)
    print("done", flush=True)
    sys.stdin.read()  # wait here, the connection open, until killed

path, durability, *numbers = sys.argv[1:]
asyncio.run(main(path, durability, *map(int, numbers)))
"""


def _missing() -> str | None:
    """Why this machine cannot run the test, or None."""
    if not sys.platform.startswith("linux"):
        return "not Linux"
    if os.geteuid() != 0:
        return "not root (loop mounts need root)"
    for tool in ("mkfs.ext4", "mount", "umount", "losetup"):
        if shutil.which(tool) is None:
            return f"{tool} not installed (apt-get install e2fsprogs mount)"
    if not Path("/dev/loop-control").exists():
        return "no loop devices (/dev/loop-control)"
    return None


def _run(*cmd: str | Path) -> None:
    subprocess.run([str(c) for c in cmd], check=True, capture_output=True, timeout=60)


def _mount(image: Path, mount_point: Path) -> None:
    try:
        # commit=600: ext4 commits its journal (writing the data of newly allocated blocks) only
        # when a file is synced, not every 5 s: on a slow machine the cut still finds the
        # unsynced commits unwritten (the before-case stays a fair measurement).
        _run("mount", "-o", "loop,commit=600", image, mount_point)
    except subprocess.CalledProcessError as exc:
        reason = f"cannot loop-mount an ext4 image: {exc.stderr.decode(errors='replace')}"
        _unavailable(reason.strip())


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"power-cut test cannot run under CI: {reason}")
    pytest.skip(f"power-cut test needs root, loop devices and mkfs.ext4: {reason}")


def _umount(mount_point: Path) -> None:
    with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
        _run("umount", mount_point)
        return
    with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
        _run("umount", "-l", mount_point)


@pytest.fixture
def ext4(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(image, mount point): a fresh 32 MiB ext4 file system, mounted."""
    reason = _missing()
    if reason is not None:
        _unavailable(reason)
    image, mount_point = tmp_path / "disk.img", tmp_path / "mnt"
    mount_point.mkdir()
    _run("truncate", "-s", "32M", image)
    _run("mkfs.ext4", "-q", image)
    _mount(image, mount_point)
    try:
        yield image, mount_point
    finally:
        if os.path.ismount(mount_point):
            _umount(mount_point)


def power_cut(mount_point: Path) -> None:
    """Shut the file system down at once: unsynced pages and journal commits are dropped."""
    fd = os.open(mount_point, os.O_RDONLY)
    try:
        flags = FSOP_GOING_FLAGS_NOLOGFLUSH.to_bytes(4, sys.byteorder)
        fcntl.ioctl(fd, FS_IOC_SHUTDOWN, flags)
    finally:
        os.close(fd)


async def _prepare(database: Path) -> None:
    """The bot's database as it was before: the schema, and a user with a check-in, synced."""
    async with Store(database) as store:
        await store.touch_user(FORGOTTEN, "en", NOW - DAY)
        await store.schedule_followup(FORGOTTEN, FORGOTTEN, NOW + DAY, NOW - DAY)
    os.sync()


def cut_power_while_scheduling(
    image: Path, mount_point: Path, durability: str
) -> tuple[list[tuple[int, int]], set[int], set[int], bool]:
    """Run the child on the mounted image, cut the power after its N check-ins, remount.

    Returns (check-ins committed as (id, outcome id), check-in ids found afterwards, outcome
    ids found afterwards, whether the forgotten user is still there)."""
    database = mount_point / "kneebot.sqlite3"
    asyncio.run(_prepare(database))
    args = (database, durability, CHECKINS, FORGOTTEN, NOW)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, *map(str, args)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    committed: list[tuple[int, int]] = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            words = line.split()
            if words[0] == "committed":
                committed.append((int(words[1]), int(words[2])))
            elif words[0] == "done":
                break
        else:
            assert child.stderr is not None
            pytest.fail(f"the child stopped early: {child.stderr.read()}")
        power_cut(mount_point)
    finally:
        child.kill()
        child.communicate(timeout=30)
    _umount(mount_point)
    _mount(image, mount_point)
    with contextlib.closing(sqlite3.connect(database)) as db:
        checkins = {r[0] for r in db.execute("SELECT id FROM followups WHERE user_id >= 1000")}
        outcomes = {r[0] for r in db.execute("SELECT id FROM quiz_outcomes")}
        forgotten = db.execute(
            "SELECT (SELECT COUNT(*) FROM users WHERE user_id = ?) "
            "+ (SELECT COUNT(*) FROM followups WHERE user_id = ?)",
            (FORGOTTEN, FORGOTTEN),
        ).fetchone()[0]
    return committed, checkins, outcomes, forgotten > 0


@pytest.mark.parametrize("durability", ["critical", "full"])
def test_no_committed_checkin_is_lost_in_a_power_cut(
    ext4: tuple[Path, Path], durability: str
) -> None:
    committed, checkins, outcomes, forgotten_back = cut_power_while_scheduling(*ext4, durability)
    assert len(committed) == CHECKINS
    lost = [checkin for checkin, _ in committed if checkin not in checkins]
    print(f"\n{durability}: {len(lost)} of {CHECKINS} committed check-ins lost in a power cut")
    assert lost == []
    assert {outcome for _, outcome in committed} <= outcomes  # what each check-in recalls
    assert not forgotten_back  # /forget's erasure holds too


def test_at_synchronous_normal_a_power_cut_loses_checkins(ext4: tuple[Path, Path]) -> None:
    """The bot before: commits not synced. Losing some shows the cut drops unsynced pages."""
    committed, checkins, _, _ = cut_power_while_scheduling(*ext4, "normal")
    assert len(committed) == CHECKINS
    lost = [checkin for checkin, _ in committed if checkin not in checkins]
    print(f"\nnormal: {len(lost)} of {CHECKINS} committed check-ins lost in a power cut")
    assert lost, "a power cut lost nothing at synchronous=NORMAL: the cut did not cut"
