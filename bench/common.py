"""Small helpers shared by the benchmarks: machine facts, percentiles, /proc readings, tables."""

from __future__ import annotations

import os
import platform
import resource
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True, slots=True)
class Machine:
    nproc: int
    cpu_model: str
    ram_gib: float
    python: str
    platform: str

    def line(self) -> str:
        return (
            f"{self.nproc} CPU ({self.cpu_model}), {self.ram_gib:.1f} GiB RAM, "
            f"Python {self.python}, {self.platform}"
        )


def machine() -> Machine:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_kib = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_kib = int(line.split()[1])
                break
    except OSError:
        pass
    return Machine(
        nproc=os.cpu_count() or 1,
        cpu_model=model,
        ram_gib=ram_kib / 1024 / 1024,
        python=platform.python_version(),
        platform=f"{platform.system()} {platform.release()}",
    )


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile of `values` (pct in 0..100); NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def rss_mib(pid: int | None = None) -> float:
    """Resident set size (VmRSS) of a process, from /proc/<pid>/status."""
    path = Path(f"/proc/{pid}/status") if pid else Path("/proc/self/status")
    for line in path.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS in {path}")


def cpu_seconds(pid: int | None = None) -> float:
    """User + system CPU time of a process (its threads included)."""
    if pid is None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat.rsplit(")", 1)[1].split()
    # fields[0] is the state (field 3); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    """A plain fixed-width text table."""
    widths = [len(h) for h in header]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def say(text: str) -> None:
    """Progress lines go to stderr so stdout keeps only the figures."""
    print(text, file=sys.stderr, flush=True)


def _cpu_ticks() -> list[int]:
    """The machine's CPU time counters (all cores), in clock ticks, from /proc/stat: user,
    nice, system, idle, iowait, irq, softirq, steal."""
    return [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]


def system_busy_seconds() -> float:
    """CPU time spent by everything on the machine (all cores), from /proc/stat."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = _cpu_ticks()
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


def steal_seconds() -> float:
    """CPU time the host gave to other virtual machines instead of this one (all cores)."""
    return _cpu_ticks()[7] / CLOCK_TICKS
