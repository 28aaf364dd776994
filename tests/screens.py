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
from dataclasses import dataclass, field, replace
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
    callback_data: tuple[str, ...]  # their data, in the same order
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


def _callback_data(markup: Any) -> tuple[str, ...]:
    rows = (markup or {}).get("inline_keyboard") or [] if isinstance(markup, dict) else []
    return tuple(str(b["callback_data"]) for row in rows for b in row if "callback_data" in b)


_NAVIGATION = re.compile(r"1[tmq]:[a-z0-9_]+")
"""Buttons that do the same whoever presses them, whenever: a topic, the menu, a new quiz."""


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
    navigated: set[str] = field(default_factory=set)

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
            and call.method in ("sendMessage", "editMessageText", "editMessageReplyMarkup")
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
        screens: list[Screen] = []
        message_ids: list[int] = []
        for call in calls or []:
            markup = call.params.get("reply_markup")
            if call.method == "editMessageReplyMarkup":
                # New buttons on a message this step already showed: that message, updated.
                target = int(call.params.get("message_id") or 0)
                if target in message_ids:
                    index = message_ids.index(target)
                    screens[index] = replace(
                        screens[index],
                        buttons=_labels(markup),
                        callback_buttons=_callback_labels(markup),
                        callback_data=_callback_data(markup),
                    )
                continue
            html = str(call.params.get("text", ""))
            plain, _ = parse_html(html)
            if call.method == "sendMessage":
                message_ids.append(int(call.result["message_id"]))
            else:
                message_ids.append(int(call.params.get("message_id") or 0))
            screens.append(
                Screen(
                    flow=path[0][1] + (" › check-in" if ("wait", "") in path else ""),
                    path=path,
                    method=call.method,
                    html=html,
                    plain=plain,
                    buttons=_labels(markup),
                    callback_buttons=_callback_labels(markup),
                    callback_data=_callback_data(markup),
                    ends_step=False,
                )
            )
        if screens:
            screens[-1] = replace(screens[-1], ends_step=True)
        return screens

    # -- exploring ------------------------------------------------------------------------

    @staticmethod
    def _signature(screen: Screen) -> str:
        """Question screens are told apart by their text; the rest by their buttons and the
        first words (a topic's title, the check-in's greeting)."""
        if any("cancel" in label.lower() for label in screen.buttons):
            return "Q" + _DIGITS.sub("#", screen.html)  # "Question 3" or "Question 4": one
        if not screen.buttons:
            return "T" + screen.html
        signature = "B" + _DIGITS.sub("#", "|".join(screen.buttons)) + "|" + screen.plain[:18]
        if ("wait", "") in screen.path:
            # After a check-in, the same screen may mean different things ("About the same"
            # or "Worse" before the re-check): tell them apart by the answer that led there.
            after = screen.path[screen.path.index(("wait", "")) :]
            signature += "|" + "|".join(arg for _, arg in after[1:2])
        return signature

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
            for label, data in zip(last.callback_buttons, last.callback_data, strict=True):
                if _NAVIGATION.fullmatch(data):
                    if data in self.navigated:
                        continue  # its screen is the same from anywhere: pressed once
                    self.navigated.add(data)
                queue.append((*path, ("press", label)))
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


# One person per tier, answering the quiz truthfully (knowledge.quiz's Answer.applies_to):
# the walk expands each question once, so these make sure every tier's screen is reached.
TIER_STORIES: dict[str, frozenset[str]] = {
    "emergency": frozenset({"breathless"}),
    "urgent": frozenset({"calf_swollen"}),
    "gp_soon": frozenset({"where_behind", "lump_behind", "dur_gt2w", "onset_gradual"}),
    "self_care": frozenset(
        {"where_front", "onset_overuse", "dur_3d_2w", "worse_stairs_squat", "active_runner"}
    ),
}


def quiz_path(findings: frozenset[str]) -> tuple[Step, ...] | None:
    """/quiz and the labels someone with `findings` taps; None for a quiz without applies_to."""
    from knowledge import quiz

    state = quiz.start()
    steps: list[Step] = [("send", "/quiz")]
    for _ in range(50):
        question = quiz.current(state)
        if not isinstance(question, quiz.Question):
            return tuple(steps)
        answers = [a for a in question.answers if hasattr(a, "applies_to")]
        chosen = next((a for a in answers if a.applies_to(findings)), None)
        if chosen is None:
            return None
        steps.append(("press", chosen.label))
        state = quiz.answer(state, question.id, chosen.id)
    return None


async def walk(fake: FakeBotApi, clock: ManualClock, followup_delay_seconds: int) -> Walker:
    """Walk every screen reachable from every public command."""
    from knowledge.catalog import COMMANDS

    walker = Walker(fake, clock, followup_delay_seconds)
    commands = [info.command for info in COMMANDS]
    # The quiz first, so its screens are expanded along the shortest paths.
    commands.sort(key=lambda name: name != "quiz")
    stories = [quiz_path(findings) for findings in TIER_STORIES.values()]
    starts = [path for path in stories if path is not None] + entry_paths(commands)
    await walker.explore(starts)
    return walker
