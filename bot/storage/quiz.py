"""Quizzes in progress: one row per user, moved on by compare-and-set, ended by an outcome."""

from __future__ import annotations

from bot.storage.connection import Connection
from bot.storage.rows import QuizSession


class QuizMixin(Connection):
    """The `quiz_sessions` table (and the outcome a finished quiz records)."""

    async def start_quiz(
        self, user_id: int, chat_id: int, nonce: str, state: str, now: int
    ) -> None:
        """Begin (or restart) the user's quiz; an older quiz in progress is replaced."""
        await self._execute(
            "INSERT INTO quiz_sessions "
            "(user_id, chat_id, nonce, message_id, state, started_at, updated_at) "
            "VALUES (?, ?, ?, NULL, ?, ?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET chat_id = excluded.chat_id, "
            "nonce = excluded.nonce, message_id = NULL, state = excluded.state, "
            "started_at = excluded.started_at, updated_at = excluded.updated_at",
            (user_id, chat_id, nonce, state, now, now),
        )

    async def get_quiz(self, user_id: int) -> QuizSession | None:
        row = await self._fetchone(
            "SELECT user_id, chat_id, nonce, message_id, state, started_at, updated_at "
            "FROM quiz_sessions WHERE user_id = ?",
            (user_id,),
        )
        return QuizSession(*row) if row else None

    async def set_quiz_message(self, user_id: int, nonce: str, message_id: int) -> bool:
        changed = await self._execute(
            "UPDATE quiz_sessions SET message_id = ? WHERE user_id = ? AND nonce = ?",
            (message_id, user_id, nonce),
        )
        return changed == 1

    async def advance_quiz(
        self, user_id: int, nonce: str, old_state: str, new_state: str, now: int
    ) -> bool:
        """Compare-and-set the quiz state; False when another press got there first."""
        changed = await self._execute(
            "UPDATE quiz_sessions SET state = ?, updated_at = ? "
            "WHERE user_id = ? AND nonce = ? AND state = ?",
            (new_state, now, user_id, nonce, old_state),
        )
        return changed == 1

    async def finish_quiz(
        self,
        user_id: int,
        nonce: str,
        old_state: str,
        outcome_code: str,
        now: int,
        *,
        answers: str | None = None,
    ) -> int | None:
        """End the quiz and record its outcome code (and, when given, the finished quiz's
        encoded answers); returns the outcome id, or None if stale. Durable: the check-in
        scheduled next recalls this outcome."""
        async with self._transaction(durable=True) as tx:
            deleted = await tx.execute(
                "DELETE FROM quiz_sessions WHERE user_id = ? AND nonce = ? AND state = ?",
                (user_id, nonce, old_state),
            )
            if deleted != 1:
                return None
            row = await tx.fetchone(
                "INSERT INTO quiz_outcomes (user_id, outcome_code, created_at, answers) "
                "VALUES (?, ?, ?, ?) RETURNING id",
                (user_id, outcome_code, now, answers),
            )
            return None if row is None else int(row[0])

    async def cancel_quiz(self, user_id: int, nonce: str | None = None) -> bool:
        if nonce is None:
            changed = await self._execute("DELETE FROM quiz_sessions WHERE user_id = ?", (user_id,))
        else:
            changed = await self._execute(
                "DELETE FROM quiz_sessions WHERE user_id = ? AND nonce = ?", (user_id, nonce)
            )
        return changed == 1
