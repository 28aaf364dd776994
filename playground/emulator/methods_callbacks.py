"""Bot API: callback queries (answerCallbackQuery): each press answered at most once."""

from __future__ import annotations

from playground.emulator.records import QUERY_INVALID, ApiError, JsonDict, bad
from playground.emulator.state import EmulatorState

MAX_ANSWER_TEXT = 200


class CallbackMethods(EmulatorState):
    """answerCallbackQuery."""

    def _answer_callback_query(self, params: JsonDict) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        query = self._callbacks.get(query_id)
        if query is None or query.answered:
            raise ApiError(400, QUERY_INVALID)
        text = params.get("text")
        if isinstance(text, str) and len(text) > MAX_ANSWER_TEXT:
            raise bad("MESSAGE_TOO_LONG")
        query.answered = True
        self.callback_answers[query_id] = dict(params)
        return True
