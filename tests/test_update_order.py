"""Per-chat order with concurrent updates: the real Application, real HTTP, the fake Bot API."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import SimpleUpdateProcessor

import bot.app
from bot.update_processor import PerChatOrderedProcessor, order_key
from knowledge.content import TOPICS
from knowledge.render import render_topic
from tests.fakebot import FakeBotApi
from tests.harness import ManualClock, make_settings, run_bot

CHATS = range(9001, 9021)  # 20 chats
PER_CHAT = 5
SLOW_SECONDS = 0.4


def script(chat: int) -> list[Any]:
    """Each chat asks for 5 topics, in an order of its own."""
    return [TOPICS[(chat + i) % len(TOPICS)] for i in range(PER_CHAT)]


def expected_texts(chat: int) -> list[str]:
    return [chunk for topic in script(chat) for chunk in render_topic(topic)]


async def run_interleaved(fake: FakeBotApi, tmp_path: Path) -> tuple[dict[int, list[str]], float]:
    """Push every chat's updates interleaved (chat by chat, round by round), with the first
    reply of every chat held back by the fake; return the texts each chat got, in arrival order,
    and the seconds it took."""
    settings = make_settings(tmp_path, fake.base_url, update_concurrency=8)
    # Every reply to the first update of a chat is slow: a later update of the same chat
    # would overtake it if the chat's updates were not kept in order.
    fake.slow_next("sendMessage", SLOW_SECONDS, times=len(CHATS))
    expected_total = sum(len(expected_texts(c)) for c in CHATS)
    async with run_bot(settings, ManualClock()):
        mark = fake.mark()
        started = time.monotonic()
        for i in range(PER_CHAT):
            for chat in CHATS:
                fake.push_message(chat, f"/{script(chat)[i].command}")
        for _ in range(400):
            if len([c for c in fake.calls[mark:] if c.method == "sendMessage"]) >= expected_total:
                break
            await asyncio.sleep(0.05)
        elapsed = time.monotonic() - started
    got: dict[int, list[str]] = {chat: [] for chat in CHATS}
    for call in fake.calls[mark:]:
        if call.method == "sendMessage" and call.ok:
            got[int(call.params["chat_id"])].append(str(call.params["text"]))
    return got, elapsed


async def test_each_chat_gets_its_replies_in_order(fake: FakeBotApi, tmp_path: Path) -> None:
    got, elapsed = await run_interleaved(fake, tmp_path)
    for chat in CHATS:
        assert got[chat] == expected_texts(chat), f"chat {chat} got its replies out of order"
    # Chats ran alongside each other: 20 slow first replies one after another would take
    # 20 x 0.4 = 8 s; with 8 at a time they take about 3 x 0.4 s.
    assert elapsed < len(CHATS) * SLOW_SECONDS / 2


async def test_without_per_chat_order_replies_overtake(
    fake: FakeBotApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above has teeth: PTB's plain concurrent processing reorders a chat's replies."""
    monkeypatch.setattr(bot.app, "PerChatOrderedProcessor", SimpleUpdateProcessor)
    got, _ = await run_interleaved(fake, tmp_path)
    assert any(got[chat] != expected_texts(chat) for chat in CHATS)
    assert all(sorted(got[chat]) == sorted(expected_texts(chat)) for chat in CHATS)


async def test_concurrency_is_bounded() -> None:
    processor = PerChatOrderedProcessor(3)
    running = 0
    peak = 0

    async def work() -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1

    await asyncio.gather(*(processor.process_update(object(), work()) for _ in range(20)))
    assert peak == 3
    assert processor.chats_in_flight == 0


async def test_a_failing_update_does_not_stall_its_chat() -> None:
    from telegram import Chat, Message, Update, User

    processor = PerChatOrderedProcessor(4)
    user = User(1, "A", is_bot=False)
    chat = Chat(77, "private")

    def update(n: int) -> Update:
        message = Message(n, date=None, chat=chat, from_user=user, text="x")  # type: ignore[arg-type]
        return Update(n, message=message)

    done: list[int] = []

    async def fail() -> None:
        raise RuntimeError("boom")

    async def ok(n: int) -> None:
        done.append(n)

    first = asyncio.ensure_future(processor.process_update(update(1), fail()))
    second = asyncio.ensure_future(processor.process_update(update(2), ok(2)))
    with pytest.raises(RuntimeError):
        await first
    await second
    assert done == [2]
    assert order_key(update(3)) == 77
    assert processor.chats_in_flight == 0
