"""Walk every screen of the bot, as a new user would, through the fake Bot API server.

A *path* is a list of steps from a brand-new user: send a text, press a button by its label,
or let time pass until the next check-in is sent. The walker starts from every command (and an
unknown command and a free-text message), then presses every button of every distinct screen
it has not expanded yet, replaying the path for a fresh user each time, so every reply of every
command, menu button, quiz answer and check-in answer is recorded once.

Used by tests/test_e2e_screens.py (assertions) and tests/screen_figures.py (figures).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tests.fakebot import ApiCall, FakeBotApi, parse_html
from tests.harness import ManualClock

SENTINEL_USER = 999_000
"""A user whose /help reply tells us the bot has finished with the updates before it."""

COLLAPSED_CHARS = 120
"""What an expandable blockquote shows before it is opened: about three lines on a phone."""

_EXPANDABLE = re.compile(r"<blockquote expandable>(.*?)</blockquote>", re.DOTALL)
_DIGITS = re.compile(r"\d+")

Step = tuple[str, str]
"""("send", text) | ("press", button label) | ("wait", "")."""


@dataclass(frozen=True, slots=True)
class Screen:
    """One message as the user sees it after a step: sent, or edited in place."""

    flow: str  # the path's first step, e.g. "/quiz" or "/start"
    path: tuple[Step, ...]
    method: str  # sendMessage or editMessageText
    html: str
    plain: str
    buttons: tuple[str, ...]  # labels of callback and URL buttons
    callback_buttons: tuple[str, ...]  # labels of callback buttons only
    ends_step: bool  # the last message the step produced

    @property
    def chars(self) -> int:
        return len(self.plain)

    @property
    def visible_chars(self) -> int:
        """Characters shown before any expandable blockquote is opened."""
        hidden = 0
        for match in _EXPANDABLE.finditer(self.html):
            inner, _ = parse_html(match.group(1))
            hidden += max(0, len(inner) - COLLAPSED_CHARS)
        return len(self.plain) - hidden

    @property
    def taps(self) -> int:
        return sum(1 for kind, _ in self.path if kind == "press")


def _labels(markup: Any) -> tuple[str, ...]:
    rows = (markup or {}).get("inline_keyboard") or [] if isinstance(markup, dict) else []
    return tuple(str(button.get("text")) for row in rows for button in row)


def _callback_labels(markup: Any) -> tuple[str, ...]:
    rows = (markup or {}).get("inline_keyboard") or [] if isinstance(markup, dict) else []
    return tuple(str(b.get("text")) for row in rows for b in row if "callback_data" in b)


@dataclass
class Walker:
    fake: FakeBotApi
    clock: ManualClock
    followup_delay_seconds: int
    max_runs: int = 400
    screens: list[Screen] = field(default_factory=list)
    runs: int = 0
    _next_user: int = 500_000
    _seen: set[str] = field(default_factory=set)
    _expanded: set[str] = field(default_factory=set)

    # -- acting ---------------------------------------------------------------------------

    async def _settle(self, after: int) -> None:
        """Wait until the bot has handled everything pushed before now."""
        marker = self.fake.mark()
        self.fake.push_message(SENTINEL_USER, "/help")
        await self.fake.wait_for(
            "sendMessage",
            predicate=lambda call: (
                call.params.get("chat_id") in (SENTINEL_USER, str(SENTINEL_USER))
            ),
            after=max(after, marker),
            timeout=10.0,
        )

    def _press(self, user: int, label: str) -> bool:
        for msg in reversed(self.fake.messages(user)):
            for text, data in self.fake.buttons(msg):
                if text == label:
                    self.fake.push_callback(user, msg.message_id, data)
                    return True
        return False

    async def _step(self, user: int, step: Step) -> list[ApiCall] | None:
        kind, arg = step
        mark = self.fake.mark()
        if kind == "send":
            self.fake.push_message(user, arg)
            await self._settle(mark)
        elif kind == "press":
            if not self._press(user, arg):
                return None
            await self._settle(mark)
        else:  # wait for the next check-in
            self.clock.advance(self.followup_delay_seconds + 60)
            await self.fake.wait_for(
                "sendMessage",
                predicate=lambda call: (
                    str(call.params.get("chat_id")) == str(user) and "reply_markup" in call.params
                ),
                after=mark,
                timeout=10.0,
            )
        return [
            call
            for call in self.fake.calls[mark:]
            if call.ok
            and call.method in ("sendMessage", "editMessageText")
            and str(call.params.get("chat_id")) == str(user)
        ]

    async def run(self, path: tuple[Step, ...]) -> list[Screen] | None:
        """Replay `path` for a brand-new user; the screens of its last step (None: not possible)."""
        self.runs += 1
        self._next_user += 1
        user = self._next_user
        calls: list[ApiCall] | None = []
        for step in path:
            calls = await self._step(user, step)
            if calls is None:
                return None
        screens = []
        for index, call in enumerate(calls or []):
            html = str(call.params.get("text", ""))
            plain, _ = parse_html(html)
            screens.append(
                Screen(
                    flow=path[0][1] + (" › check-in" if ("wait", "") in path else ""),
                    path=path,
                    method=call.method,
                    html=html,
                    plain=plain,
                    buttons=_labels(call.params.get("reply_markup")),
                    callback_buttons=_callback_labels(call.params.get("reply_markup")),
                    ends_step=index == len(calls or []) - 1,
                )
            )
        return screens

    # -- exploring ------------------------------------------------------------------------

    @staticmethod
    def _signature(screen: Screen) -> str:
        """Question screens are told apart by their text; the rest by their buttons."""
        if any("cancel" in label.lower() for label in screen.buttons):
            return "Q" + screen.html
        if not screen.buttons:
            return "T" + screen.html
        return "B" + _DIGITS.sub("#", "|".join(screen.buttons)) + "|" + screen.plain[:40]

    async def explore(self, starts: Iterable[tuple[Step, ...]]) -> list[Screen]:
        queue: list[tuple[Step, ...]] = list(starts)
        while queue and self.runs < self.max_runs:
            path = queue.pop(0)
            screens = await self.run(path)
            if not screens:
                continue
            for screen in screens:
                key = screen.html + "\x00" + "|".join(screen.buttons)
                if key not in self._seen:
                    self._seen.add(key)
                    self.screens.append(screen)
            last = screens[-1]
            signature = self._signature(last)
            if signature in self._expanded:
                continue
            self._expanded.add(signature)
            queue.extend((*path, ("press", label)) for label in last.callback_buttons)
            if _schedules_checkin(last):
                queue.append((*path, ("wait", "")))
        return self.screens


def _schedules_checkin(screen: Screen) -> bool:
    text = screen.plain.lower()
    return "check on you" in text and ("i'll" in text or "i will" in text)


def entry_paths(commands: Iterable[str]) -> list[tuple[Step, ...]]:
    paths: list[tuple[Step, ...]] = [(("send", f"/{command}"),) for command in commands]
    paths.append((("send", "/nosuchcommand"),))
    paths.append((("send", "my knee hurts when I climb stairs"),))
    return paths


async def walk(fake: FakeBotApi, clock: ManualClock, followup_delay_seconds: int) -> Walker:
    """Walk every screen reachable from every public command."""
    from knowledge.catalog import COMMANDS

    walker = Walker(fake, clock, followup_delay_seconds)
    commands = [info.command for info in COMMANDS]
    # The quiz first, so its screens are expanded along the shortest paths.
    commands.sort(key=lambda name: name != "quiz")
    await walker.explore(entry_paths(commands))
    return walker
