"""End to end: walk every screen of the bot, as a new user would, and check each fits a phone.

tests/screens.py records every reply of every command, menu button, quiz answer and check-in
answer through the fake Bot API server (the real Application over real HTTP). This test then
asserts what issue 14 asks of every screen. ``python -m tests.screen_figures`` prints the same
walk's figures.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from knowledge.catalog import COMMANDS
from knowledge.checkin_texts import NONE_OF_THESE
from knowledge.content import TOPICS
from knowledge.quiz_render import QUIZ_CANCELLED
from knowledge.render import render_topic
from knowledge.texts import BOT_DESCRIPTION, BOT_SHORT_DESCRIPTION, DISCLAIMER, EMERGENCY_LINE
from knowledge.tiers import TIERS
from knowledge.triage import parse_outcome_code
from tests.fakebot import FakeBotApi, parse_html
from tests.harness import ManualClock, make_settings
from tests.screens import Screen, Walker, walk

LIMIT = 1000
CHECKIN_ANSWERS = ("🙂 Better", "😐 About the same", "😣 Worse", "⏰ Remind me later")
DISCLAIMER_TEXT = parse_html(DISCLAIMER)[0]

# Replies that end a step with no button, each for a stated reason. Everything else must
# offer a way onward.
ALLOWED_DEAD_ENDS = {
    # The emergency screen: the number first and nothing to distract (bot/outcomes.py).
    "emergency": lambda s: s.plain.startswith("🚨") and EMERGENCY_LINE in s.plain,
}


def _is_quiz_question(screen: Screen) -> bool:
    return any("cancel" in label.lower() for label in screen.buttons)


def _is_outcome(screen: Screen) -> bool:
    """A quiz's result: the edit that replaced the last question."""
    return (
        screen.flow == "/quiz"
        and screen.method == "editMessageText"
        and not _is_quiz_question(screen)
        and screen.html != QUIZ_CANCELLED
        and screen.path[-1][0] == "press"
    )


@pytest.fixture
def settings(tmp_path: Path, fake: FakeBotApi) -> Settings:
    # The walker waits for a sentinel user's reply to know that everything pushed before it
    # was handled: that needs updates handled one at a time, in arrival order (with the
    # default, other chats run alongside; each chat stays in order).
    return make_settings(tmp_path, fake.base_url, update_concurrency=1)


@pytest.fixture
async def walked(fake: FakeBotApi, bot: Any, clock: ManualClock, settings: Settings) -> Walker:
    walker = await walk(fake, clock, settings.followup_delay_seconds)
    assert walker.runs < walker.max_runs, "the walk was cut short"
    return walker


async def test_walk_every_screen(walked: Walker, fake: FakeBotApi, settings: Settings) -> None:
    screens = walked.screens
    # It really walked everything: every command, every quiz tier, every check-in answer.
    flows = {s.flow for s in screens}
    assert {f"/{info.command}" for info in COMMANDS} <= flows
    with sqlite3.connect(settings.database_path) as db:
        codes = [code for (code,) in db.execute("SELECT outcome_code FROM quiz_outcomes")]
    assert {parse_outcome_code(code).tier for code in codes} == set(TIERS)
    checkin_steps = {arg for s in screens if "check-in" in s.flow for _, arg in s.path}
    assert set(CHECKIN_ANSWERS) | {NONE_OF_THESE} <= checkin_steps
    (start,) = [s for s in screens if s.flow == "/start" and len(s.path) == 1]
    assert len(start.callback_data) == len(TOPICS) + 1  # every topic and the quiz
    assert set(start.callback_data) <= walked.navigated  # each pressed (somewhere, once)

    # No message over 1,000 visible characters, except /sources.
    over = [(s.flow, s.visible_chars, s.plain[:60]) for s in screens if s.visible_chars > LIMIT]
    assert [o for o in over if o[0] != "/sources"] == []

    # Every message that ends a step offers a way onward.
    dead = [
        (s.flow, s.plain[:60])
        for s in screens
        if s.ends_step
        and not s.buttons
        and not any(allowed(s) for allowed in ALLOWED_DEAD_ENDS.values())
    ]
    assert dead == []

    # No time zone in anything the user reads.
    assert [s.plain[:60] for s in screens if "UTC" in s.plain] == []

    # The disclaimer never twice in a message; once on each topic page and each outcome.
    assert [s.plain[:60] for s in screens if s.plain.count(DISCLAIMER_TEXT) > 1] == []
    for topic in TOPICS:
        (page,) = {s.plain for s in screens if s.html == render_topic(topic)[0]}
        assert page.count(DISCLAIMER_TEXT) == 1, topic.key
    outcomes = [s for s in screens if _is_outcome(s)]
    assert len(outcomes) >= len(TIERS)
    for outcome in outcomes:
        assert outcome.plain.count(DISCLAIMER_TEXT) == 1, outcome.plain[:80]

    # The bot's profile is filled in.
    assert fake.descriptions[""] == BOT_DESCRIPTION
    assert fake.short_descriptions[""] == BOT_SHORT_DESCRIPTION

    # Telegram accepted every call.
    assert [c for c in fake.calls if not c.ok and c.method != "getUpdates"] == []
