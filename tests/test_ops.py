"""Operations: the per-update log line, secrets never logged, /stats, backup and purge."""

from __future__ import annotations

import logging
import re
import signal
import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import Any

from bot.handlers.admin import render_stats
from bot.logging_setup import FoldRepeats, RedactPersonalData
from bot.storage import Stats, Store
from bot.update_log import describe_update, hash_user_id
from knowledge.content import TOPICS
from knowledge.texts import BUTTON_ERASE, ERROR, UNKNOWN_COMMAND
from tests.botprocess import ROOT, bot_env, bot_process, database_check, run_to_end, wal_size
from tests.fakebot import FakeBotApi
from tests.harness import START, TOKEN, ManualClock, make_settings, run_bot

USER = 987_654_321
PRIVATE_TEXT = "my knee story nobody else should read"
DAY = 86_400

UPDATE_LINE = re.compile(r" INFO bot\.updates: update (\S+) user=([0-9a-f]{10}) (\d+\.\d) ms$")


# ------------------------------------------------------------------------------ logging


async def drive_a_few_updates(fake: FakeBotApi, database: Path) -> None:
    """/start, a menu button, free text, an unknown command, a retried send, a refused send,
    and a handler that crashes."""
    await fake.send_and_wait(USER, "/start", timeout=30)
    mark = fake.mark()
    fake.press(fake.last_message(USER), TOPICS[0].menu_label)
    await fake.wait_for("answerCallbackQuery", after=mark)
    await fake.wait_for("sendMessage", after=mark)
    await fake.send_and_wait(USER, PRIVATE_TEXT)
    await fake.send_and_wait(USER, "/hunter2secret")
    # Telegram says "slow down": the rate limiter waits and retries (a WARNING).
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    mark = fake.mark()
    fake.push_message(USER, "/help")
    limited = await fake.wait_for("sendMessage", after=mark)
    assert limited.status == 429
    await fake.wait_for("sendMessage", predicate=lambda c: c.ok, after=mark, timeout=10)
    # A send Telegram refuses: PTB's BadRequest is a NetworkError, logged as a WARNING.
    fake.fail_next("sendMessage", 400, "Bad Request: something went wrong")
    mark = fake.mark()
    fake.push_message(USER, "/help")
    apology = await fake.wait_for("sendMessage", predicate=lambda c: c.ok, after=mark)
    assert apology.params["text"] == ERROR
    # A handler that crashes (a table vanished): an ERROR with its traceback, and the honest
    # "something went wrong on our side" (not "busy": waiting will not fix it).
    ask = await fake.send_and_wait(USER, "/forget")  # asks first; the Erase press crashes
    with closing(sqlite3.connect(database)) as db:
        db.execute("DROP TABLE quiz_outcomes")
    mark = fake.mark()
    fake.press(fake.message(USER, ask.result["message_id"]), BUTTON_ERASE)
    # on a button, the apology is the press's own answer, shown as an alert
    broken = await fake.wait_for("answerCallbackQuery", after=mark)
    assert broken.ok and broken.params["text"] == ERROR and broken.params["show_alert"]


async def test_one_info_line_per_update_without_text_or_raw_ids(
    tmp_path: Path, fake: FakeBotApi
) -> None:
    env = bot_env(tmp_path, fake.base_url, LOG_LEVEL="INFO")
    async with bot_process(tmp_path, env) as bot:
        await drive_a_few_updates(fake, Path(env["DATABASE_PATH"]))
        code, _ = await bot.stop(signal.SIGTERM)
        log = bot.log()
    assert code == 0, log

    update_lines = [line for line in log.splitlines() if " bot.updates: " in line]
    parsed = [UPDATE_LINE.search(line) for line in update_lines]
    assert all(parsed), update_lines
    kinds = [m.group(1) for m in parsed if m]
    assert kinds == [
        "/start",
        "callback:ShowTopic",
        "text",
        "/unknown",
        "/help",
        "/help",
        "/forget",
        "callback:ForgetAnswer",
    ], update_lines
    assert len({m.group(2) for m in parsed if m}) == 1  # one user, one stable pseudonym
    assert all(float(m.group(3)) >= 0 for m in parsed if m)
    # A retry is a WARNING; a failure is an ERROR with its traceback.
    assert re.search(r" WARNING telegram\.ext\.AIORateLimiter: Rate limit hit", log), log
    assert re.search(r" ERROR bot\.handlers\.errors: error while handling an update", log)
    assert "Traceback (most recent call last)" in log
    # Never the text, the raw user id or the token.
    assert PRIVATE_TEXT not in log
    assert "hunter2secret" not in log
    assert str(USER) not in log
    assert TOKEN.partition(":")[2] not in log


async def test_token_text_and_ids_never_logged_even_at_debug(
    tmp_path: Path, fake: FakeBotApi
) -> None:
    env = bot_env(tmp_path, fake.base_url, LOG_LEVEL="DEBUG")
    async with bot_process(tmp_path, env) as bot:
        await drive_a_few_updates(fake, Path(env["DATABASE_PATH"]))
        code, _ = await bot.stop(signal.SIGTERM)
        log = bot.log()
    assert code == 0, log
    assert " DEBUG " in log and "Calling Bot API endpoint" in log  # really at DEBUG
    assert "Traceback (most recent call last)" in log
    bot_id, _, secret = TOKEN.partition(":")
    assert TOKEN not in log
    assert secret not in log
    assert f"bot{bot_id}:" not in log
    assert "[redacted]" in log  # the URLs PTB logs at DEBUG were there, and were cleaned
    # DEBUG is redacted too: PTB logs whole updates and API calls there, but neither what the
    # user wrote nor their raw id reaches the log.
    assert "Webhook" in log or "getUpdates" in log
    assert PRIVATE_TEXT not in log
    assert "hunter2secret" not in log
    assert str(USER) not in log
    # the lines were there, masked (bot/privacy_log.py or RedactPersonalData)
    assert "'text': '[redacted]'" in log or "[content not logged]" in log
    assert max(len(line) for line in log.splitlines()) <= 1200  # 1 KB of message at most


def test_describe_update_names_kinds_not_contents() -> None:
    from telegram import Update

    known = frozenset({"start", "help"})

    def message(text: str | None) -> Update:
        msg: dict[str, Any] = {
            "message_id": 1,
            "date": 0,
            "chat": {"id": 7, "type": "private"},
            "from": {"id": 7, "is_bot": False, "first_name": "A"},
        }
        if text is not None:
            msg["text"] = text
        else:
            msg["sticker"] = {
                "file_id": "x",
                "file_unique_id": "y",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            }
        return Update.de_json({"update_id": 1, "message": msg}, None)

    assert describe_update(message("/start"), known) == "/start"
    assert describe_update(message("/HELP@knee_tips_bot now"), known) == "/help"
    assert describe_update(message("/password123"), known) == "/unknown"
    assert describe_update(message("hello /start"), known) == "text"
    assert describe_update(message(None), known) == "message"

    def callback(data: str) -> Update:
        query = {
            "id": "1",
            "from": {"id": 7, "is_bot": False, "first_name": "A"},
            "chat_instance": "1",
            "data": data,
        }
        return Update.de_json({"update_id": 2, "callback_query": query}, None)

    assert describe_update(callback("1q:start"), known) == "callback:StartQuiz"
    assert describe_update(callback("forged"), known) == "callback:invalid"
    assert describe_update(object(), known) == "object"
    assert re.fullmatch(r"[0-9a-f]{10}", hash_user_id(7))
    assert hash_user_id(7) == hash_user_id(7) != hash_user_id(8)


# ------------------------------------------------------------------------------ /stats

ADMIN = 1001
OTHER = 2002
BLOCKER = 3003
STRANGER = 4004


async def seed_for_stats(path: Path, now: int) -> None:
    """3 users (1 blocked), 1 finished and 1 open quiz, check-ins in every state."""
    async with Store(path) as store:
        for user in (ADMIN, OTHER, BLOCKER):
            await store.touch_user(user, "en", now)
        await store.start_quiz(OTHER, OTHER, "open1", "s", now)
        await store.start_quiz(ADMIN, ADMIN, "done1", "s", now)
        assert await store.finish_quiz(ADMIN, "done1", "s", "self_care", now) is not None
        sent, _ = await store.schedule_followup(ADMIN, ADMIN, now, now)
        failed, _ = await store.schedule_followup(STRANGER, STRANGER, now, now)
        assert len(await store.claim_due(now, 10, 60)) == 2
        assert await store.mark_sent(sent.id, now, 1)
        assert await store.mark_failed(failed.id, "gave up")
        await store.schedule_followup(BLOCKER, BLOCKER, now + 10 * DAY, now)
        await store.mark_blocked(BLOCKER, now)
        await store.schedule_followup(OTHER, OTHER, now + 10 * DAY, now)


async def test_stats_for_admins_only(tmp_path: Path, fake: FakeBotApi) -> None:
    settings = make_settings(tmp_path, fake.base_url, admin_ids=frozenset({ADMIN}))
    await seed_for_stats(settings.database_path, int(START))
    async with run_bot(settings, ManualClock()):
        call = await fake.send_and_wait(ADMIN, "/stats")
        assert call.ok and call.params["parse_mode"] == "HTML"
        expected = Stats(
            users=3,
            blocked_users=1,
            quizzes_finished=1,
            quizzes_in_progress=1,
            followups_pending=1,
            followups_sent=1,
            followups_blocked=1,
            followups_failed=1,
        )
        assert call.params["text"] == render_stats(expected)
        text = fake.last_message(ADMIN).plain_text
        assert "Users: 3 (1 blocked the bot)" in text
        assert "Quizzes: 1 finished, 1 in progress" in text
        assert "Check-ins: 1 pending, 1 sent, 1 blocked, 1 failed" in text

        unknown = await fake.send_and_wait(OTHER, "/nosuchcommand")
        refused = await fake.send_and_wait(OTHER, "/stats")
        assert refused.params["text"] == unknown.params["text"]
        assert fake.last_message(OTHER).plain_text == UNKNOWN_COMMAND
        refused_new = await fake.send_and_wait(5005, "/stats")
        assert fake.last_message(5005).plain_text == UNKNOWN_COMMAND
        assert refused_new.ok

    assert "stats" not in {c["command"] for c in fake.my_commands}


# ------------------------------------------------------------------------------ backup, purge


async def run_cli(cwd: Path, *args: str, env: dict[str, str]) -> tuple[int, str, str]:
    """`python -m bot ARGS` with only DATABASE_PATH set: no token, no .env."""
    return await run_to_end(cwd, env, *args)


def cli_env(database: Path) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "DATABASE_PATH": str(database)}


def count(path: Path, sql: str) -> int:
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute(sql).fetchone()[0])


async def test_backup_is_a_consistent_copy_while_the_database_is_in_use(tmp_path: Path) -> None:
    database = tmp_path / "live" / "kneebot.sqlite3"
    target = tmp_path / "backups" / "copy.sqlite3"
    now = int(time.time())
    # The store stays open during the backup, its latest writes still in the write-ahead log.
    async with Store(database) as store:
        for user in range(1, 51):
            await store.touch_user(user, "en", now)
        await store.schedule_followup(7, 7, now + DAY, now)
        assert (wal_size(database) or 0) > 0
        code, out, err = await run_cli(tmp_path, "backup", str(target), env=cli_env(database))
        await store.touch_user(51, "en", now)  # the live database moves on after the backup

    assert code == 0, err
    assert out.count("\n") == 1 and str(target) in out and "50 users" in out, out
    integrity, users = database_check(target)
    assert integrity == "ok"
    assert users == list(range(1, 51))
    assert count(target, "SELECT COUNT(*) FROM followups WHERE state = 'pending'") == 1
    assert [p.name for p in target.parent.iterdir()] == ["copy.sqlite3"]  # no leftovers

    # Running it again replaces the copy with a fresh one.
    code, out, err = await run_cli(tmp_path, "backup", str(target), env=cli_env(database))
    assert code == 0, err
    assert database_check(target)[1] == list(range(1, 52))


async def test_backup_of_a_missing_database_fails_clearly(tmp_path: Path) -> None:
    code, out, err = await run_cli(
        tmp_path, "backup", str(tmp_path / "copy.sqlite3"), env=cli_env(tmp_path / "none.db")
    )
    assert code == 1
    assert out == "" and "no database at" in err and "Traceback" not in err
    assert not (tmp_path / "none.db").exists()  # it did not create an empty database either


async def test_purge_deletes_old_finished_rows_and_keeps_open_ones(tmp_path: Path) -> None:
    database = tmp_path / "kneebot.sqlite3"
    now = int(time.time())
    old, recent = now - 40 * DAY, now - 1 * DAY
    async with Store(database) as store:
        # user 1: an old quiz outcome and an old check-in that was sent -> both go
        await store.start_quiz(1, 1, "aaaa", "s", old)
        await store.finish_quiz(1, "aaaa", "s", "self_care", old)
        sent, _ = await store.schedule_followup(1, 1, old, old)
        await store.claim_due(old, 10, 60)
        await store.mark_sent(sent.id, old, 5)
        # user 2: an old outcome whose check-in is still open -> both stay
        await store.start_quiz(2, 2, "bbbb", "s", old)
        kept_outcome = await store.finish_quiz(2, "bbbb", "s", "see_gp", old)
        await store.schedule_followup(2, 2, now + DAY, old, outcome_id=kept_outcome)
        # user 3: recent outcome and recent sent check-in -> stay
        await store.start_quiz(3, 3, "cccc", "s", recent)
        await store.finish_quiz(3, "cccc", "s", "self_care", recent)
        recent_sent, _ = await store.schedule_followup(3, 3, recent, recent)
        await store.claim_due(recent, 10, 60)
        await store.mark_sent(recent_sent.id, recent, 6)
        # an abandoned quiz goes, a quiz in progress stays
        await store.start_quiz(4, 4, "dddd", "s", old)
        await store.start_quiz(5, 5, "eeee", "s", recent)

    code, out, err = await run_cli(tmp_path, "purge", "--older-than", "30", env=cli_env(database))
    assert code == 0, err
    assert out.startswith("purged 3 finished rows older than 30 days") and out.count("\n") == 1

    assert count(database, "SELECT COUNT(*) FROM followups WHERE user_id = 1") == 0
    assert count(database, "SELECT COUNT(*) FROM quiz_outcomes WHERE user_id = 1") == 0
    assert count(database, "SELECT COUNT(*) FROM followups WHERE user_id = 2") == 1
    assert count(database, f"SELECT COUNT(*) FROM quiz_outcomes WHERE id = {kept_outcome}") == 1
    assert count(database, "SELECT COUNT(*) FROM followups WHERE user_id = 3") == 1
    assert count(database, "SELECT COUNT(*) FROM quiz_outcomes WHERE user_id = 3") == 1
    assert count(database, "SELECT user_id FROM quiz_sessions") == 5

    # Running it again finds nothing more to delete.
    code, out, _ = await run_cli(tmp_path, "purge", "--older-than", "30", env=cli_env(database))
    assert code == 0 and out.startswith("purged 0 ")


async def test_purge_refuses_a_zero_retention(tmp_path: Path) -> None:
    code, out, err = await run_cli(
        tmp_path, "purge", "--older-than", "0", env=cli_env(tmp_path / "x.db")
    )
    assert code == 2 and "at least 1" in err and out == ""


# ------------------------------------------------------------------ log filters, unit


def _record(name: str, level: int, msg: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, msg, args, None)


def test_repeated_warnings_are_folded_into_one_line_a_minute_with_a_count() -> None:
    now = [0.0]
    fold = FoldRepeats(60.0, clock=lambda: now[0])
    written = []
    for second in range(0, 130, 1):  # the same error every second for 130 s
        now[0] = float(second)
        record = _record("bot.scheduler", logging.WARNING, "sweep failed: %s", f"locked {second}")
        if fold.filter(record):
            written.append(record.getMessage())
    assert written == [
        "sweep failed: locked 0",
        "sweep failed: locked 60 [and 59 more like it in the last 60s]",
        "sweep failed: locked 120 [and 59 more like it in the last 60s]",
    ]
    # Other messages, and INFO lines, are not held back by it.
    assert fold.filter(_record("bot.scheduler", logging.WARNING, "another problem"))
    assert all(fold.filter(_record("bot.updates", logging.INFO, "update")) for _ in range(5))


def test_library_lines_lose_text_names_and_ids_but_the_bots_own_keep_their_hash() -> None:
    redact = RedactPersonalData()
    record = _record(
        "telegram.Bot",
        logging.DEBUG,
        "Calling Bot API endpoint `%s` with parameters `%s`",
        "sendMessage",
        {"chat_id": USER, "text": PRIVATE_TEXT, "first_name": "Ann", "username": "ann_k"},
    )
    assert redact.filter(record)
    line = record.getMessage()
    assert PRIVATE_TEXT not in line and str(USER) not in line
    assert "Ann" not in line and "ann_k" not in line
    assert "sendMessage" in line
    raw = _record(
        "telegram.ext.Updater", logging.DEBUG, '{"text": "a \\"quoted\\" word", "id": 1234567}'
    )
    redact.filter(raw)
    assert raw.getMessage() == '{"text": \'[redacted]\', "id": [id]}'
    own = _record(
        "bot.updates", logging.INFO, "update %s user=%s %.1f ms", "/start", "1234567890", 3.0
    )
    redact.filter(own)
    assert own.getMessage() == "update /start user=1234567890 3.0 ms"
    huge = _record("telegram.ext.Updater", logging.CRITICAL, "received %s", "x" * 10_000_000)
    redact.filter(huge)
    assert len(huge.getMessage()) < 1100
    assert huge.getMessage().endswith("more characters not logged]")
