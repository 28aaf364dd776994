"""Part 3: the follow-up table at scale.

Creates the bot's schema (`bot.storage.MIGRATIONS`) in a fresh file, bulk-inserts N pending
check-ins (executemany in one transaction, sqlite3 directly), then opens the real `Store` on it
and times `Store.claim_due` for batches of 100 due rows. The claim's SQL is captured with a
trace callback and shown with EXPLAIN QUERY PLAN.

    python -m bench.store [--rows 1000000] [--claims 21]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.common import machine, median, percentile, say
from bot.storage import MIGRATIONS, Store

NOW = 1_800_000_000
DUE_FRACTION = 0.02  # share of rows already due when the claims run
SPREAD_SECONDS = 48 * 3600  # the rest fall due over the next two days
BATCH = 100
LEASE_SECONDS = 120


@dataclass
class StoreFigures:
    rows: int
    insert_seconds: float
    db_mib: float
    claims: int
    claim_median_ms: float
    claim_p90_ms: float
    claim_max_ms: float
    claim_sql: str
    plan: list[str]
    uses_index_range: bool


def create_schema(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    for version, script in enumerate(MIGRATIONS, start=1):
        db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")


FIRST_USER = 1_000_000_000


def rows(
    count: int, now: int, due_fraction: float, seed: int = 1
) -> Iterator[tuple[int, int, int, int, int, str]]:
    """(user_id, chat_id, outcome_id, created_at, due_at, state): one open check-in per user."""
    rng = random.Random(seed)
    for i in range(count):
        user = FIRST_USER + i
        if rng.random() < due_fraction:
            due = now - rng.randrange(1, 3600)
        else:
            due = now + rng.randrange(1, SPREAD_SECONDS)
        yield user, user, i + 1, due - SPREAD_SECONDS, due, "pending"


def bulk_insert(
    path: Path, count: int, *, now: int = NOW, due_fraction: float = DUE_FRACTION
) -> float:
    db = sqlite3.connect(path, isolation_level=None)
    try:
        create_schema(db)
        started = time.perf_counter()
        db.execute("BEGIN")
        db.executemany(
            "INSERT INTO followups (user_id, chat_id, outcome_id, created_at, due_at, state) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows(count, now, due_fraction),
        )
        db.execute("COMMIT")
        elapsed = time.perf_counter() - started
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("ANALYZE")  # what `sqlite3 ... 'PRAGMA optimize'` would do over time
    finally:
        db.close()
    return elapsed


def file_mib(path: Path) -> float:
    total = 0
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(f"{path}{suffix}")
        if candidate.exists():
            total += candidate.stat().st_size
    return total / 1024 / 1024


def explain(path: Path, sql: str) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return [str(row[3]) for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
    finally:
        db.close()


async def time_claims(path: Path, claims: int) -> tuple[list[float], str]:
    store = Store(path)
    await store.open()
    statements: list[str] = []
    try:
        # The Store's own connection: record the SQL it runs (to EXPLAIN it afterwards).
        await store._conn().set_trace_callback(statements.append)
        timings: list[float] = []
        for _ in range(claims):
            statements.clear()
            started = time.perf_counter()
            claimed = await store.claim_due(NOW, BATCH, LEASE_SECONDS)
            timings.append(time.perf_counter() - started)
            if len(claimed) != BATCH:
                raise RuntimeError(f"claimed {len(claimed)} rows, expected {BATCH}")
        await store._conn().set_trace_callback(None)  # type: ignore[arg-type]
    finally:
        await store.close()
    claim_sql = next((s for s in statements if "RETURNING" in s.upper()), statements[-1])
    return timings, claim_sql


def run(count: int, claims: int, directory: Path | None = None) -> StoreFigures:
    with tempfile.TemporaryDirectory(prefix="kneebench-store-", dir=directory) as tmp:
        path = Path(tmp) / "followups.sqlite3"
        say(f"store: inserting {count:,} pending check-ins ...")
        insert_seconds = bulk_insert(path, count)
        size = file_mib(path)
        timings, claim_sql = asyncio.run(time_claims(path, claims))
        plan = explain(path, claim_sql)
    scans = [line for line in plan if "followups" in line]
    uses_index = bool(scans) and all(
        "USING INDEX followups_due" in line or "USING COVERING INDEX followups_due" in line
        for line in scans
        if line.startswith(("SEARCH", "SCAN"))
        and "PRIMARY KEY" not in line
        and "LIST SUBQUERY" not in line
    )
    uses_index = uses_index and not any(line.strip() == "SCAN followups" for line in plan)
    ms = [t * 1000 for t in timings]
    return StoreFigures(
        rows=count,
        insert_seconds=insert_seconds,
        db_mib=size,
        claims=claims,
        claim_median_ms=median(ms),
        claim_p90_ms=percentile(ms, 90),
        claim_max_ms=max(ms),
        claim_sql=claim_sql,
        plan=plan,
        uses_index_range=uses_index,
    )


def print_report(fig: StoreFigures) -> None:
    print(f"pending check-ins: {fig.rows:,}")
    print(f"bulk insert: {fig.insert_seconds:.2f} s ({fig.rows / fig.insert_seconds:,.0f} rows/s)")
    print(f"database size: {fig.db_mib:.1f} MiB")
    print(
        f"claim_due(limit={BATCH}) x{fig.claims}: median {fig.claim_median_ms:.2f} ms, "
        f"p90 {fig.claim_p90_ms:.2f} ms, max {fig.claim_max_ms:.2f} ms"
    )
    print("claim SQL: " + " ".join(fig.claim_sql.split()))
    print("EXPLAIN QUERY PLAN:")
    for line in fig.plan:
        print(f"  {line}")
    print(f"index range scan on followups_due: {'yes' if fig.uses_index_range else 'NO'}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="follow-up store at scale")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--claims", type=int, default=21)
    args = parser.parse_args(argv)
    print(machine().line())
    print_report(run(args.rows, args.claims))
    return 0


if __name__ == "__main__":
    sys.exit(main())
