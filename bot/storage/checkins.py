"""Check-ins (the `followups` table): scheduled, claimed by the sweeper with a lease, sent,
answered, retried or given up. The table is the queue: nothing per user is held in memory."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.storage.connection import BACKGROUND_BUSY_TIMEOUT_MS, Connection
from bot.storage.rows import FOLLOWUP_COLUMNS, Followup, followup_from_row
from bot.storage.schema import CANCELLED, FAILED, OPEN_STATES, PENDING, SENDING, SENT

_OPEN_FOLLOWUP = f"SELECT {FOLLOWUP_COLUMNS} FROM followups WHERE user_id = ? AND state IN (?, ?)"

# The claim. SQLite: the write lock (BEGIN IMMEDIATE) makes it atomic. PostgreSQL: rows other
# sweepers (replicas) are claiming right now are skipped, not waited for.
_CLAIM_SQLITE = (
    "UPDATE followups SET state = ?, attempts = attempts + 1, lease_until = ?, "
    "due_at = ? WHERE id IN ("
    "  SELECT id FROM followups WHERE state = ? AND due_at <= ? "
    "  UNION ALL "
    "  SELECT id FROM followups WHERE state = ? AND due_at <= ? "
    "  LIMIT ?"
    f") RETURNING {FOLLOWUP_COLUMNS}"
)
_CLAIM_POSTGRES = (
    "UPDATE followups SET state = ?, attempts = attempts + 1, lease_until = ?, "
    "due_at = ? WHERE id IN ("
    "  SELECT id FROM followups WHERE state IN (?, ?) AND due_at <= ? "
    "  ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED"
    f") RETURNING {FOLLOWUP_COLUMNS}"
)


class CheckinsMixin(Connection):
    """Scheduling, claiming and recording check-ins."""

    async def schedule_followup(
        self,
        user_id: int,
        chat_id: int,
        due_at: int,
        now: int,
        *,
        outcome_id: int | None = None,
        reminder_count: int = 0,
    ) -> tuple[Followup, bool]:
        """Create the user's open check-in, or return the one already open.

        Returns (row, created). A user has at most one open check-in (a unique index enforces it).
        Durable: once this returns, the check-in survives a power cut.
        """
        async with self._transaction(durable=True) as tx:
            existing = await tx.fetchone(_OPEN_FOLLOWUP, (user_id, *OPEN_STATES))
            if existing is not None:
                return followup_from_row(existing), False
            # Another process (a second replica) may insert the user's open check-in between
            # the lookup and this insert: the unique index refuses it, and that row is theirs.
            row = await tx.fetchone(
                "INSERT INTO followups (user_id, chat_id, outcome_id, created_at, due_at, state, "
                "reminder_count) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (user_id) WHERE state IN ('pending', 'sending') DO NOTHING "
                f"RETURNING {FOLLOWUP_COLUMNS}",
                (user_id, chat_id, outcome_id, now, due_at, PENDING, reminder_count),
            )
            if row is not None:
                return followup_from_row(row), True
            existing = await tx.fetchone(_OPEN_FOLLOWUP, (user_id, *OPEN_STATES))
            assert existing is not None
            return followup_from_row(existing), False

    async def get_followup(self, followup_id: int) -> Followup | None:
        row = await self._fetchone(
            f"SELECT {FOLLOWUP_COLUMNS} FROM followups WHERE id = ?", (followup_id,)
        )
        return followup_from_row(row) if row else None

    async def open_followup(self, user_id: int) -> Followup | None:
        row = await self._fetchone(
            f"SELECT {FOLLOWUP_COLUMNS} FROM followups WHERE user_id = ? AND state IN (?, ?)",
            (user_id, *OPEN_STATES),
        )
        return followup_from_row(row) if row else None

    async def cancel_followups(self, user_id: int, *, followup_id: int | None = None) -> int:
        """Cancel the user's pending check-ins (or just one); returns how many. Durable."""
        sql = "UPDATE followups SET state = ?, lease_until = NULL WHERE user_id = ? AND state = ?"
        params: list[Any] = [CANCELLED, user_id, PENDING]
        if followup_id is not None:
            sql += " AND id = ?"
            params.append(followup_id)
        return await self._execute(sql, params, durable=True)

    async def claim_due(self, now: int, limit: int, lease_seconds: int) -> list[Followup]:
        """Atomically claim up to `limit` due check-ins for sending.

        A claimed row is `sending` with a lease; a row whose lease ran out (its sender crashed)
        is due again. Both lookups are range scans of the (state, due_at) index: a leased row's
        `due_at` is moved to its lease expiry while it is being sent. On PostgreSQL, rows
        another process is claiming at this moment are skipped (`FOR UPDATE SKIP LOCKED`).
        """
        lease_until = now + lease_seconds
        if self.is_postgres:
            sql = _CLAIM_POSTGRES
            params: tuple[Any, ...] = (
                SENDING,
                lease_until,
                lease_until,
                SENDING,
                PENDING,
                now,
                limit,
            )
        else:
            sql = _CLAIM_SQLITE
            params = (SENDING, lease_until, lease_until, SENDING, now, PENDING, now, limit)
        async with self._transaction(BACKGROUND_BUSY_TIMEOUT_MS) as tx:
            rows = await tx.fetchall(sql, params)
        return sorted((followup_from_row(r) for r in rows), key=lambda f: f.id)

    async def mark_maybe_delivered(self, followup_id: int, error: str, hold_until: int) -> bool:
        """The check-in's send timed out after its request was written: Telegram may have
        delivered it (slow but working), and the Bot API has no idempotency key.

        The row stays `sending` and its lease is extended to `hold_until`, so `claim_due`
        does not send it again before then; `last_error` starts with "maybe delivered". If the
        user answers the message meanwhile (`record_answer`), it is done; otherwise it is
        claimed and sent again once the lease ends (at-least-once, never lost).
        """
        changed = await self._execute(
            "UPDATE followups SET lease_until = ?, due_at = ?, last_error = ? "
            "WHERE id = ? AND state = ?",
            (hold_until, hold_until, f"maybe delivered: {error}"[:500], followup_id, SENDING),
        )
        return changed == 1

    async def mark_sent(self, followup_id: int, now: int, message_id: int | None) -> bool:
        changed = await self._execute(
            "UPDATE followups SET state = ?, sent_at = ?, message_id = ?, lease_until = NULL, "
            "last_error = NULL WHERE id = ? AND state = ?",
            (SENT, now, message_id, followup_id, SENDING),
        )
        return changed == 1

    async def mark_retry(
        self, followup_id: int, error: str, retry_at: int, *, count_attempt: bool = True
    ) -> bool:
        """Sending failed for a passing reason: try again at `retry_at`.

        With `count_attempt=False` (Telegram said "retry after N seconds": a flood wait, not a
        failure) the attempt taken by `claim_due` is given back.
        """
        refund = 0 if count_attempt else 1
        changed = await self._execute(
            "UPDATE followups SET state = ?, due_at = ?, lease_until = NULL, last_error = ?, "
            f"attempts = {self._greatest}(attempts - ?, 0) WHERE id = ? AND state = ?",
            (PENDING, retry_at, error[:500], refund, followup_id, SENDING),
        )
        return changed == 1

    async def release_claims(self, followup_ids: Sequence[int], due_at: int) -> int:
        """Hand claimed rows that were never tried back to the queue (a sweeper stopping).

        They are due again at `due_at` and the attempt taken by `claim_due` is given back.
        Returns how many rows were released.
        """
        released = 0
        for start in range(0, len(followup_ids), 500):
            chunk = list(followup_ids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            released += await self._execute(
                "UPDATE followups SET state = ?, due_at = ?, lease_until = NULL, "
                f"attempts = {self._greatest}(attempts - 1, 0) WHERE state = ? AND id IN ({marks})",
                (PENDING, due_at, SENDING, *chunk),
            )
        return released

    async def mark_failed(self, followup_id: int, error: str) -> bool:
        """Give up on this check-in."""
        changed = await self._execute(
            "UPDATE followups SET state = ?, lease_until = NULL, last_error = ? "
            "WHERE id = ? AND state = ?",
            (FAILED, error[:500], followup_id, SENDING),
        )
        return changed == 1

    async def record_answer(
        self, followup_id: int, user_id: int, answer: str, now: int
    ) -> Followup | None:
        """Store the user's answer to a sent check-in, once. None if stale or not theirs.

        A row still open (`sending`, or `pending` again after a timeout) can be answered too:
        Telegram delivered the message but its sender crashed or timed out before `mark_sent`.
        Only the message carries the row's id, so the answer proves delivery: the row becomes
        `sent` and is not sent a second time.
        """
        row = await self._fetchone(
            "UPDATE followups SET answer = ?, answered_at = ?, state = ?, "
            "sent_at = COALESCE(sent_at, ?), lease_until = NULL "
            "WHERE id = ? AND user_id = ? AND state IN (?, ?, ?) AND answer IS NULL "
            f"RETURNING {FOLLOWUP_COLUMNS}",
            (answer, now, SENT, now, followup_id, user_id, SENT, *OPEN_STATES),
        )
        return followup_from_row(row) if row else None
