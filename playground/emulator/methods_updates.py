"""Bot API: getting updates (getUpdates, long polling) and the webhook methods."""

from __future__ import annotations

import asyncio

from playground.emulator.records import ApiError, JsonDict, as_int, as_json, bad
from playground.emulator.state import EmulatorState

WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use "
    "deleteWebhook to delete the webhook first"
)


class UpdateMethods(EmulatorState):
    """getUpdates, setWebhook, deleteWebhook, getWebhookInfo."""

    async def _get_updates(self, params: JsonDict) -> list[JsonDict]:
        if self.webhook_url:
            raise ApiError(409, WEBHOOK_CONFLICT)
        offset = as_int(params.get("offset")) or 0
        limit = as_int(params.get("limit"))
        limit = 100 if limit is None or limit <= 0 else min(limit, 100)
        timeout_raw = params.get("timeout", 0)
        try:
            timeout = max(float(timeout_raw), 0.0)
        except (TypeError, ValueError):
            raise bad("invalid timeout specified") from None
        allowed = as_json(params.get("allowed_updates"))
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(str(a) for a in allowed) if allowed else None
        if offset < 0:
            del self._updates[: max(len(self._updates) + offset, 0)]
        elif offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]

        # A newer getUpdates supersedes an older one still waiting (e.g. the one PTB
        # abandons when its polling task is cancelled): the older one answers [].
        self._poll_generation += 1
        generation = self._poll_generation
        self._new_updates.fire()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(timeout, self.long_poll_cap)
        self._polls_in_flight += 1
        try:
            while True:
                if self._closing or generation != self._poll_generation:
                    return []
                if self._updates:
                    return self._updates[:limit]
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return []
                await self._new_updates.wait(remaining)
        finally:
            self._polls_in_flight -= 1
            self._poll_done.fire()

    def _delete_webhook(self, params: JsonDict) -> bool:
        self.webhook_url = None
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        return True

    def _set_webhook(self, params: JsonDict) -> bool:
        url = params.get("url")
        if not url:
            self.webhook_url = None
            return True
        if not isinstance(url, str) or not url.startswith("https://"):
            raise bad("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook_url = url
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        return True

    def _get_webhook_info(self, params: JsonDict) -> JsonDict:
        info: JsonDict = {
            "url": self.webhook_url or "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self._allowed_updates is not None:
            info["allowed_updates"] = sorted(self._allowed_updates)
        return info
