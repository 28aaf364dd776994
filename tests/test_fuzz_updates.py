"""Fuzz: thousands of random, odd and broken updates through the real Application.

A seeded generator builds updates of every kind Telegram sends (and some it doesn't yet): every
string field may hold invalid Unicode (lone UTF-16 surrogates), control characters, HTML, very
long text; some updates are huge, some have unknown fields or an unknown type. After each one a
probe user sends /help. The bot must:
- log no ERROR or CRITICAL (the error handler logs one for every bug it sees);
- answer every update that deserves an answer: a private message (a reply in that chat) and a
  callback query (answerCallbackQuery with its id);
- answer every probe: one bad update never stops the next from being handled.

The CI variant runs 2,000 updates; the `slow` one 10,000 (`pytest -m slow`).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.resilient_updates import ResilientBot
from tests.fakebot import FakeBotApi
from tests.harness import ManualClock, make_settings, run_bot

SEED = 20_260_412
PROBE_BASE = 9_100_000_000
COMMANDS = [
    "/start",
    "/help",
    "/quiz",
    "/stop",
    "/forget",
    "/sources",
    "/followup",
    "/stats",
    "/doctor",
    "/causes",
    "/nope",
    "/start@knee_tips_bot",
    "/start payload",
    "/",
]
CALLBACK_DATA = [
    "t:causes",
    "1t:causes",
    "1q:start",
    "1a:abcd1234:q1:y",
    "1b:abcd1234",
    "1x:abcd1234",
    "1c:1:better",
    "1f:1:yes",
    "",
    "x" * 64,
]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\ud86e", "\ud83d"]
ODD = [
    "\x00",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\U0001f9b5",
    "<b>",
    "</i>",
    "&amp;",
    "&",
    "\\",
    '"',
    "'",
    "\n",
    "\r\n",
    "%s",
    "{0}",
]


class Fuzzer:
    """Builds random updates; `deserving` maps each to what the bot must do about it."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.update_id = 1
        self.message_id = 1
        self.query_id = 1

    # -- pieces ------------------------------------------------------------------------------

    def text(self, max_len: int = 60) -> str:
        rng = self.rng
        parts: list[str] = []
        if rng.random() < 0.3:
            parts.append(rng.choice(COMMANDS))
        for _ in range(rng.randint(0, 6)):
            roll = rng.random()
            if roll < 0.35:
                parts.append(rng.choice(SURROGATES))
            elif roll < 0.6:
                parts.append(rng.choice(ODD))
            elif roll < 0.8:
                parts.append(
                    "".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(1, 8)))
                )
            else:
                parts.append(rng.choice(["knee", "swollen calf", "pain behind", "help me"]))
        if rng.random() < 0.5:  # every string field may carry a lone surrogate
            at = rng.randint(0, len(parts))
            parts.insert(at, rng.choice(SURROGATES))
        out = "".join(parts)[: max_len * 4]
        if rng.random() < 0.003:
            out = out + "x" * rng.randint(4000, 120_000)  # huge (and over Telegram's limit)
        return out

    def user(self, *, bot: bool = False) -> dict[str, Any]:
        rng = self.rng
        user: dict[str, Any] = {
            "id": rng.randint(10_000, 8_000_000_000),
            "is_bot": bot,
            "first_name": self.text(),
        }
        for key in ("last_name", "username", "language_code"):
            if rng.random() < 0.5:
                user[key] = self.text()
        if rng.random() < 0.1:
            user["is_premium"] = True
        return user

    def chat_for(self, user: dict[str, Any], kind: str) -> dict[str, Any]:
        if kind == "private":
            chat: dict[str, Any] = {"id": user["id"], "type": "private"}
            chat["first_name"] = user["first_name"]
            if "username" in user:
                chat["username"] = user["username"]
            return chat
        chat_id = -self.rng.randint(1, 10**9) - (10**12 if kind != "group" else 0)
        return {"id": chat_id, "type": kind, "title": self.text()}

    def message(self, kind: str | None = None) -> dict[str, Any]:
        rng = self.rng
        kind = kind or rng.choice(["private"] * 6 + ["group", "supergroup", "channel"])
        user = self.user(bot=rng.random() < 0.03)
        chat = self.chat_for(user, kind)
        self.message_id += 1
        message: dict[str, Any] = {
            "message_id": self.message_id,
            "date": 1_800_000_000,
            "chat": chat,
        }
        if kind != "channel" or rng.random() < 0.3:
            message["from"] = user
        body = rng.random()
        if body < 0.6:
            text = self.text()
            message["text"] = text
            if text.startswith("/") and len(text) > 1:
                length = len(text.split(" ")[0].encode("utf-16-le", "surrogatepass")) // 2
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
            elif rng.random() < 0.2:  # entities that point anywhere, even past the end
                message["entities"] = [
                    {
                        "type": rng.choice(["bold", "url", "mention", "text_link", "spoiler"]),
                        "offset": rng.randint(0, 50),
                        "length": rng.randint(0, 50),
                        "url": "https://example.org/" + self.text(10),
                    }
                ]
        elif body < 0.7:
            message["sticker"] = {
                "file_id": self.text(),
                "file_unique_id": self.text(),
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": self.text(2),
            }
        elif body < 0.78:
            message["photo"] = [
                {"file_id": self.text(), "file_unique_id": self.text(), "width": 1, "height": 1}
            ]
            message["caption"] = self.text()
        elif body < 0.84:
            message["location"] = {
                "latitude": rng.uniform(-90, 90),
                "longitude": rng.uniform(-180, 180),
            }
        elif body < 0.9:
            message["contact"] = {"phone_number": self.text(), "first_name": self.text()}
        elif body < 0.95:
            message["new_chat_members"] = [self.user()]
        else:
            message["reply_to_message"] = {
                "message_id": 1,
                "date": 1_800_000_000,
                "chat": chat,
                "text": self.text(),
            }
            message["text"] = self.text()
        if rng.random() < 0.05:
            message["future_field"] = {"nested": [self.text(), {"deeper": self.text()}]}
        return message

    def callback_query(self) -> dict[str, Any]:
        rng = self.rng
        user = self.user()
        self.query_id += 1
        query: dict[str, Any] = {
            "id": str(7_000_000_000 + self.query_id),
            "from": user,
            "chat_instance": self.text(),
        }
        roll = rng.random()
        if roll < 0.85:
            data = rng.choice(CALLBACK_DATA) if rng.random() < 0.5 else self.text(64)
            if rng.random() < 0.5:
                at = rng.randint(0, len(data))
                data = data[:at] + rng.choice(SURROGATES) + data[at:]
            query["data"] = data
        elif roll < 0.95:
            query["game_short_name"] = self.text()
        shape = rng.random()
        if shape < 0.7:
            message = self.message("private")
            message["from"] = {"id": 111, "is_bot": True, "first_name": "Knee Tips"}
            message["chat"] = self.chat_for(user, "private")
            query["message"] = message
        elif shape < 0.85:
            query["message"] = {
                "message_id": 5,
                "date": 0,
                "chat": self.chat_for(user, "private"),
            }  # inaccessible
        else:
            query["inline_message_id"] = self.text()
        return query

    # -- updates -----------------------------------------------------------------------------

    def update(self) -> tuple[dict[str, Any], str]:
        """(update, what it deserves): "reply:<chat id>", "answer:<query id>" or "none"."""
        rng = self.rng
        self.update_id += 1
        kind = rng.choices(
            [
                "message",
                "edited_message",
                "channel_post",
                "callback_query",
                "inline_query",
                "my_chat_member",
                "poll_answer",
                "message_reaction",
                "unknown",
                "empty",
                "business_message",
            ],
            weights=[40, 6, 4, 25, 4, 4, 3, 3, 5, 2, 4],
        )[0]
        update: dict[str, Any] = {}  # the fake Telegram numbers the updates
        deserves = "none"
        if kind in ("message", "edited_message", "business_message"):
            message = self.message()
            update[kind] = message
            status = "new_chat_members" in message
            sender = message.get("from") or {}
            if (
                kind == "message"
                and message["chat"]["type"] == "private"
                and not status
                and not sender.get("is_bot", True)
            ):
                deserves = f"reply:{message['chat']['id']}"
        elif kind == "channel_post":
            update[kind] = self.message("channel")
        elif kind == "callback_query":
            query = self.callback_query()
            update[kind] = query
            deserves = f"answer:{query['id']}"
        elif kind == "inline_query":
            update[kind] = {
                "id": str(self.update_id),
                "from": self.user(),
                "query": self.text(),
                "offset": self.text(),
            }
        elif kind == "my_chat_member":
            user = self.user()
            member = {"status": "member", "user": user}
            update[kind] = {
                "chat": self.chat_for(user, "private"),
                "from": user,
                "date": 1_800_000_000,
                "old_chat_member": {"status": "kicked", "user": user, "until_date": 0},
                "new_chat_member": member,
            }
        elif kind == "poll_answer":
            update[kind] = {"poll_id": self.text(), "user": self.user(), "option_ids": [0]}
        elif kind == "message_reaction":
            user = self.user()
            update[kind] = {
                "chat": self.chat_for(user, "private"),
                "message_id": 1,
                "user": user,
                "date": 1_800_000_000,
                "old_reaction": [],
                "new_reaction": [{"type": "emoji", "emoji": self.text(2)}],
            }
        elif kind == "unknown":
            update[f"future_{self.text(5).encode('ascii', 'ignore').decode() or 'thing'}"] = {
                "id": self.text(),
                "from": self.user(),
                "payload": [self.text() for _ in range(3)],
            }
        return update, deserves


async def run_fuzz(fake: FakeBotApi, tmp_path: Path, count: int, timeout: float) -> None:  # noqa: ASYNC109
    fuzzer = Fuzzer(SEED + count)
    settings = make_settings(tmp_path, fake.base_url, sweep_interval_seconds=3600)
    errors: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.ERROR:
                errors.append(record)

    collector = Collect()
    logging.getLogger().addHandler(collector)
    replies_due: set[int] = set()
    answers_due: set[str] = set()
    probes: list[int] = []
    try:
        async with run_bot(settings, ManualClock()) as app:
            for index in range(count):
                update, deserves = fuzzer.update()
                if "callback_query" in update:
                    fake.push_raw_callback(update)
                else:
                    fake.push_unfiltered(update)  # unknown types and empty ones too
                if deserves.startswith("reply:"):
                    replies_due.add(int(deserves.partition(":")[2]))
                elif deserves.startswith("answer:"):
                    answers_due.add(deserves.partition(":")[2])
                probe = PROBE_BASE + index
                probes.append(probe)
                fake.push_message(probe, "/help")
                if index % 200 == 199:
                    await asyncio.sleep(0)  # let the bot start on them

            def done() -> bool:
                chats = {
                    int(c.params["chat_id"])
                    for c in fake.calls_of("sendMessage")
                    if c.ok and "chat_id" in c.params
                }
                answered = {
                    str(c.params.get("callback_query_id"))
                    for c in fake.calls_of("answerCallbackQuery")
                    if c.ok
                }
                return set(probes) <= chats and replies_due <= chats and answers_due <= answered

            await wait_until(done, timeout)
            assert not app.update_loop_failed  # type: ignore[attr-defined]
    finally:
        logging.getLogger().removeHandler(collector)
    details = "\n".join(f"{r.name}: {r.getMessage()[:300]}" for r in errors[:10])
    assert errors == [], f"{len(errors)} ERROR/CRITICAL records, first:\n{details}"
    # The run had what it was meant to have.
    assert len(replies_due) > count // 5 and len(answers_due) > count // 6


async def wait_until(condition: Callable[[], bool], timeout: float) -> None:  # noqa: ASYNC109
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("not every update that deserved an answer got one in time")
        await asyncio.sleep(0.1)


def test_the_fuzzer_puts_surrogates_everywhere() -> None:
    fuzzer = Fuzzer(SEED)
    updates = [fuzzer.update()[0] for _ in range(500)]
    kinds = {next(iter(u)) for u in updates if u}
    assert {"message", "callback_query", "inline_query", "my_chat_member"} <= kinds
    assert any(k.startswith("future_") for k in kinds)

    def strings(value: Any) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    every = [s for u in updates for s in strings(u)]
    with_surrogate = [s for s in every if any("\ud800" <= ch <= "\udfff" for ch in s)]
    assert len(with_surrogate) > len(every) // 3
    assert any(len(s) > 4096 for s in every)


async def test_2000_random_updates_are_survived_and_answered(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    await run_fuzz(fake, tmp_path, 2000, timeout=240)


@pytest.mark.slow
async def test_10000_random_updates_are_survived_and_answered(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    await run_fuzz(fake, tmp_path, 10_000, timeout=900)


async def test_an_update_the_library_cannot_read_is_skipped_not_wedging_polling(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    """python-telegram-bot 22.8 cannot read a poll_answer without option_persistent_ids (Bot
    API 9.6); before ResilientBot, such an update made every later getUpdates fail forever."""
    settings = make_settings(tmp_path, fake.base_url, sweep_interval_seconds=3600)
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    collector = Collect(level=logging.WARNING)
    logging.getLogger().addHandler(collector)
    try:
        async with run_bot(settings, ManualClock()) as app:
            assert isinstance(app.bot, ResilientBot), "python-telegram-bot changed its builder"
            fake.push_update(
                {
                    "poll_answer": {
                        "poll_id": "p",
                        "user": {"id": 1, "is_bot": False, "first_name": "A"},
                        "option_ids": [0],
                    }
                }
            )
            fake.push_update({"poll_answer": {"poll_id": "q", "option_ids": [1], "voter_chat": {}}})
            first = await fake.send_and_wait(PROBE_BASE, "/help", timeout=10)
            second = await fake.send_and_wait(PROBE_BASE + 1, "/help", timeout=10)
            assert first.ok and second.ok
            assert fake.pending_updates == []  # all confirmed, the unreadable ones too
    finally:
        logging.getLogger().removeHandler(collector)
    assert not [r for r in records if r.levelno >= logging.ERROR]
    skipped = [r.getMessage() for r in records if "skipped" in r.getMessage()]
    assert len(skipped) == 2 and all("option" not in line for line in skipped), skipped


def test_a_mention_next_to_a_lone_surrogate_is_read_safely() -> None:
    """Found by the fuzzer: PTB's parse_entities raised on a group message like this one."""
    from telegram import Message

    from bot.handlers.freetext import addressed_to_bot

    text = "\udc00 @knee_tips_bot hi"
    message = Message.de_json(
        {
            "message_id": 1,
            "date": 1_800_000_000,
            "chat": {"id": -5, "type": "group", "title": "g"},
            "text": text,
            "entities": [{"type": "mention", "offset": 2, "length": 14}],
        },
        None,
    )
    assert message is not None
    assert addressed_to_bot(message, 111, "knee_tips_bot")
    assert not addressed_to_bot(message, 111, "other_bot")
