"""The rows the Store returns: small immutable records, one per table or query."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple


class UserRow(NamedTuple):
    """A row of `users`."""

    user_id: int
    first_seen: int
    last_seen: int
    language_code: str | None  # from the user's Telegram client ("pt-br")
    blocked: bool
    language: str | None  # the language they chose ("pt"), or None
    country: str | None  # the country they chose ("BR"), or None


class OutcomeRow(NamedTuple):
    """A finished quiz's outcome, as stored."""

    id: int
    user_id: int
    outcome_code: str
    created_at: int


class SavedAnswers(NamedTuple):
    """An outcome with the finished quiz's encoded answers (None if they were not kept)."""

    user_id: int
    outcome_code: str
    created_at: int
    answers: str | None


@dataclass(frozen=True, slots=True)
class QuizSession:
    user_id: int
    chat_id: int
    nonce: str
    message_id: int | None
    state: str
    started_at: int
    updated_at: int


@dataclass(frozen=True, slots=True)
class Followup:
    id: int
    user_id: int
    chat_id: int
    outcome_id: int | None
    created_at: int
    due_at: int
    state: str
    attempts: int
    lease_until: int | None
    last_error: str | None
    sent_at: int | None
    message_id: int | None
    answer: str | None
    answered_at: int | None
    reminder_count: int
    # The language to write the check-in in: the one the user chose, else their Telegram
    # app's language_code ("pt-br"), else None; and the country they chose, if any.
    language: str | None = None
    country: str | None = None


FOLLOWUP_COLUMNS = (
    "id, user_id, chat_id, outcome_id, created_at, due_at, state, attempts, lease_until, "
    "last_error, sent_at, message_id, answer, answered_at, reminder_count, "
    "(SELECT COALESCE(language, language_code) FROM users WHERE users.user_id = "
    "followups.user_id), "
    "(SELECT country FROM users WHERE users.user_id = followups.user_id)"
)


def followup_from_row(row: Sequence[Any]) -> Followup:
    return Followup(*row)


@dataclass(frozen=True, slots=True)
class ForgetReport:
    users: int
    quiz_sessions: int
    quiz_outcomes: int
    followups: int

    @property
    def total(self) -> int:
        return self.users + self.quiz_sessions + self.quiz_outcomes + self.followups


@dataclass(frozen=True, slots=True)
class Stats:
    users: int
    blocked_users: int
    quizzes_finished: int
    quizzes_in_progress: int
    followups_pending: int
    followups_sent: int
    followups_blocked: int
    followups_failed: int
