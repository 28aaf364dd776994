"""Finished quizzes' outcomes: codes (and encoded answers), never free text."""

from __future__ import annotations

from bot.storage.connection import Connection
from bot.storage.rows import OutcomeRow, SavedAnswers


class OutcomesMixin(Connection):
    """The `quiz_outcomes` table."""

    async def get_outcome(self, outcome_id: int) -> OutcomeRow | None:
        row = await self._fetchone(
            "SELECT id, user_id, outcome_code, created_at FROM quiz_outcomes WHERE id = ?",
            (outcome_id,),
        )
        return OutcomeRow(int(row[0]), int(row[1]), str(row[2]), int(row[3])) if row else None

    async def latest_outcome(self, user_id: int) -> OutcomeRow | None:
        row = await self._fetchone(
            "SELECT id, user_id, outcome_code, created_at FROM quiz_outcomes "
            "WHERE user_id = ? ORDER BY id DESC LIMIT 1",
            (user_id,),
        )
        return OutcomeRow(int(row[0]), int(row[1]), str(row[2]), int(row[3])) if row else None

    async def save_outcome_answers(self, outcome_id: int, user_id: int, answers: str) -> bool:
        """Keep the finished quiz's encoded answers with its outcome (once); False if not theirs."""
        changed = await self._execute(
            "UPDATE quiz_outcomes SET answers = ? WHERE id = ? AND user_id = ? AND answers IS NULL",
            (answers, outcome_id, user_id),
        )
        return changed == 1

    async def outcome_answers(self, outcome_id: int) -> SavedAnswers | None:
        row = await self._fetchone(
            "SELECT user_id, outcome_code, created_at, answers FROM quiz_outcomes WHERE id = ?",
            (outcome_id,),
        )
        if row is None:
            return None
        answers = None if row[3] is None else str(row[3])
        return SavedAnswers(int(row[0]), str(row[1]), int(row[2]), answers)
