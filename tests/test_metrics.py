"""/metrics and /healthz: the real bot against the emulator, read over HTTP like Prometheus."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any, cast

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.__main__ import main
from bot.app import HEALTH_KEY
from bot.config import Settings
from bot.health import HealthServer
from bot.metered import SweeperStoreProbe
from bot.metrics import Metrics, update_kind
from bot.services import services_of
from bot.storage import Store
from knowledge.tiers import TIERS
from tests.fakebot import FakeBotApi
from tests.harness import TOKEN, ManualClock, make_settings, run_bot
from tests.test_deploy_files import DEPLOY, args_of, dockerfile_instructions

USER = 5151
OTHER_USER = 5252
SECRET_PARTS = (TOKEN, TOKEN.partition(":")[2])


@pytest.fixture
def settings(tmp_path: Path, fake: FakeBotApi) -> Settings:
    return make_settings(tmp_path, fake.base_url, metrics_port=0)


@pytest.fixture
async def bot(settings: Settings, clock: ManualClock) -> AsyncIterator[Any]:
    async with run_bot(settings, clock) as app:
        yield app


def base_url(app: Any) -> str:
    server = app.bot_data[HEALTH_KEY]
    assert isinstance(server, HealthServer) and server.port
    return f"http://127.0.0.1:{server.port}"


async def get(app: Any, path: str) -> tuple[int, str, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(base_url(app) + path, timeout=aiohttp.ClientTimeout(total=5)) as answer,
    ):
        return answer.status, answer.headers.get("Content-Type", ""), await answer.text()


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """{(sample name, sorted labels): value} of a /metrics answer."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(text: str, name: str, **labels: str) -> float:
    return samples(text).get((name, tuple(sorted(labels.items()))), 0.0)


async def eventually(check: Callable[[], Awaitable[bool]], seconds: float = 10.0) -> None:
    """Wait until `check()` is true (bounded)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not await check():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.05)


async def metric_reaches(app: Any, name: str, at_least: float, **labels: str) -> str:
    text = ""

    async def check() -> bool:
        nonlocal text
        _, _, text = await get(app, "/metrics")
        return value(text, name, **labels) >= at_least

    await eventually(check)
    return text


def assert_no_secret(text: str) -> None:
    for secret in SECRET_PARTS:
        assert secret not in text


# ------------------------------------------------------------------------------ /metrics


async def test_start_then_metrics_counts_the_update(fake: FakeBotApi, bot: Any) -> None:
    status, content_type, before = await get(bot, "/metrics")
    assert status == 200 and content_type.startswith("text/plain")
    assert value(before, "kneebot_updates_total", kind="command") == 0
    await fake.send_and_wait(USER, "/start")
    text = await metric_reaches(bot, "kneebot_updates_total", 1, kind="command")
    assert value(text, "kneebot_updates_total", kind="command") == 1
    assert value(text, "kneebot_updates_total", kind="message") == 0
    assert value(text, "kneebot_handler_latency_seconds_count", kind="command") == 1
    assert value(text, "kneebot_telegram_requests_total", method="sendMessage") >= 1
    assert value(text, "kneebot_last_update_timestamp_seconds") > 0
    names = {family.name for family in text_string_to_metric_families(text)}
    assert names and all(name.startswith("kneebot_") for name in names), names
    assert_no_secret(text)
    assert str(USER) not in text  # no user or chat id in any label


async def test_kinds_outcomes_and_errors_are_counted(fake: FakeBotApi, bot: Any) -> None:
    await fake.send_and_wait(USER, "my calf is swollen, red and hot and I feel breathless")
    text = await metric_reaches(bot, "kneebot_updates_total", 1, kind="message")
    freetext = {
        labels: v
        for (name, labels), v in samples(text).items()
        if name == "kneebot_outcomes_total" and ("source", "freetext") in labels
    }
    assert sum(freetext.values()) == 1, freetext
    ((labels, _),) = freetext.items()
    assert dict(labels)["tier"] in {str(t) for t in TIERS} and dict(labels)["language"] == "en"

    # A message Telegram refuses: counted by error kind, and by the error handler.
    fake.fail_next("sendMessage", 400, "Bad Request: something is wrong")
    fake.push_message(USER, "/help")
    text = await metric_reaches(bot, "kneebot_telegram_api_errors_total", 1, kind="BadRequest")
    text = await metric_reaches(bot, "kneebot_handler_errors_total", 1, kind="telegram")
    assert value(text, "kneebot_updates_total", kind="command") == 1
    assert_no_secret(text)


async def test_checkins_due_sent_and_blocked_and_the_lag(
    fake: FakeBotApi, bot: Any, clock: ManualClock
) -> None:
    store = services_of(bot).store
    for user in (USER, OTHER_USER):
        await fake.send_and_wait(user, "/start")
    now = int(clock())
    await store.schedule_followup(USER, USER, now - 90, now - 3 * 86400)
    await metric_reaches(bot, "kneebot_checkins_total", 1, event="sent")
    fake.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    await store.schedule_followup(OTHER_USER, OTHER_USER, now - 10, now - 3 * 86400)
    text = await metric_reaches(bot, "kneebot_checkins_total", 1, event="blocked")
    assert value(text, "kneebot_checkins_total", event="due") == 2
    assert value(text, "kneebot_checkins_total", event="sent") == 1
    assert value(text, "kneebot_checkins_total", event="failed") == 0
    assert value(text, "kneebot_telegram_api_errors_total", kind="Forbidden") == 1
    assert value(text, "kneebot_sweeper_last_run_timestamp_seconds") > 0
    assert value(text, "kneebot_sweeper_lag_seconds") == 0  # the manual clock stands still


class ClaimingStore:
    """Just enough of a Store for SweeperStoreProbe: claim_due hands out `sizes` in turn."""

    def __init__(self, *sizes: int) -> None:
        self.sizes = list(sizes)

    async def claim_due(self, now: int, limit: int, lease_seconds: int) -> list[object]:
        return [object()] * self.sizes.pop(0)


async def test_the_sweeper_lag_grows_while_a_backlog_is_worked_through() -> None:
    metrics = Metrics()
    probe = SweeperStoreProbe(cast(Store, ClaimingStore(0, 2, 10, 10, 10, 3, 0, 1)), metrics)

    async def lag_after_claim(now: int) -> float:
        await probe.claim_due(now, 10, 120)
        return value(metrics.render().decode(), "kneebot_sweeper_lag_seconds")

    # Idle at 1000; 2 due at 1005 (5 s late at most); a backlog from 1010: full batches at
    # 1010, 1011, 1012 (everything due since the drained claim at 1005), drained at 1013.
    assert await lag_after_claim(1000) == 0
    assert await lag_after_claim(1005) == 5
    assert [await lag_after_claim(t) for t in (1010, 1011, 1012, 1013)] == [5, 6, 7, 8]
    assert await lag_after_claim(1018) == 0  # nothing claimed: nothing late
    assert await lag_after_claim(1023) == 5
    assert value(metrics.render().decode(), "kneebot_checkins_total", event="due") == 36


def test_each_application_has_its_own_registry() -> None:
    one, two = Metrics(), Metrics()
    one.observe_update("/start", 0.01)
    assert value(one.render().decode(), "kneebot_updates_total", kind="command") == 1
    assert value(two.render().decode(), "kneebot_updates_total", kind="command") == 0


def test_labels_come_from_fixed_sets_only() -> None:
    assert [update_kind(k) for k in ("/start", "/unknown", "callback:QuizAnswer")] == [
        "command",
        "command",
        "callback",
    ]
    assert [update_kind(k) for k in ("text", "message", "edited_message", "empty")] == [
        "message",
        "message",
        "other",
        "other",
    ]
    metrics = Metrics()
    metrics.api_call(f"sendMessage{TOKEN}")
    metrics.outcome("freetext<script>", "made-up tier", "xx-" + TOKEN)
    metrics.checkin("exploded")
    text = metrics.render().decode()
    assert_no_secret(text)
    assert value(text, "kneebot_telegram_requests_total", method="other") == 1
    assert value(text, "kneebot_outcomes_total", source="other", tier="other", language="other")
    assert "exploded" not in text and "script" not in text


# ------------------------------------------------------------------------------ /healthz


async def healthz(app: Any) -> tuple[int, str]:
    status, _, body = await get(app, "/healthz")
    assert_no_secret(body)
    return status, body


async def wait_health(app: Any, status: int) -> str:
    body = ""

    async def check() -> bool:
        nonlocal body
        got, body = await healthz(app)
        return got == status

    await eventually(check)
    return body


async def test_healthz_follows_the_database(fake: FakeBotApi, bot: Any, settings: Settings) -> None:
    # Idle but polling: no update has come, and the bot is healthy.
    assert await wait_health(bot, 200) == "ok\n"
    store = services_of(bot).store

    await store.close()  # the database is gone
    status, body = await healthz(bot)
    assert status == 503 and "the database is not open" in body
    await store.open()  # and back
    assert await wait_health(bot, 200) == "ok\n"

    # The file moved away under the running bot (a volume unmounted, a clean-up script):
    # every later write would be lost at the next start.
    moved = settings.database_path.with_name("moved.sqlite3")
    shutil.move(settings.database_path, moved)
    status, body = await healthz(bot)
    assert status == 503 and body == "the database file is missing\n"
    shutil.move(moved, settings.database_path)
    assert await wait_health(bot, 200) == "ok\n"

    # Still answering /start after all that.
    await fake.send_and_wait(USER, "/start")


async def test_healthz_says_when_the_sweeper_or_the_updates_stop(
    fake: FakeBotApi, bot: Any
) -> None:
    await wait_health(bot, 200)
    await bot.bot_data["sweeper"].stop()
    body = await wait_health(bot, 503)
    assert re.fullmatch(r"the check-in sweeper has not run for \d+ s\n", body), body
    bot.bot_data["sweeper"].start()
    await wait_health(bot, 200)
    await bot.updater.stop()
    body = await wait_health(bot, 503)
    assert body == "not receiving updates from Telegram\n"


async def test_no_server_without_metrics_port(fake: FakeBotApi, tmp_path: Path) -> None:
    async with run_bot(make_settings(tmp_path, fake.base_url)) as app:
        assert HEALTH_KEY not in app.bot_data
        assert services_of(app).metrics is not None  # still counted, just not served


async def test_the_healthcheck_command_asks_healthz(
    fake: FakeBotApi, bot: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await wait_health(bot, 200)
    env = tmp_path / "probe.env"
    env.write_text(f"METRICS_PORT={bot.bot_data[HEALTH_KEY].port}\n", encoding="utf-8")
    assert await asyncio.to_thread(main, ["--env-file", str(env), "healthcheck"]) == 0
    assert capsys.readouterr().out.strip() == "ok"
    await services_of(bot).store.close()
    assert await asyncio.to_thread(main, ["--env-file", str(env), "healthcheck"]) == 1
    assert "the database is not open" in capsys.readouterr().out
    await services_of(bot).store.open()
    env.write_text("METRICS_PORT=\n", encoding="utf-8")
    assert await asyncio.to_thread(main, ["--env-file", str(env), "healthcheck"]) == 0


def test_a_taken_port_is_one_clear_line(tmp_path: Path) -> None:
    async def scenario() -> str:
        fake = FakeBotApi(TOKEN)
        await fake.start()
        try:
            async with run_bot(make_settings(tmp_path, fake.base_url, metrics_port=0)) as app:
                port = app.bot_data[HEALTH_KEY].port
                taken = make_settings(tmp_path / "b", fake.base_url, metrics_port=port)
                (tmp_path / "b").mkdir()
                with pytest.raises(Exception) as failed:
                    async with run_bot(taken):
                        pass
                return str(failed.value)
        finally:
            await fake.stop()

    message = asyncio.run(scenario())
    assert message.startswith("cannot serve metrics on 127.0.0.1:") and "METRICS_PORT" in message


# ------------------------------------------------------------------------------ deploy


def test_dockerfile_checks_health_with_healthz() -> None:
    dockerfile = dockerfile_instructions((DEPLOY / "Dockerfile").read_text())
    (check,) = args_of(dockerfile, "HEALTHCHECK")
    assert check.split("CMD", 1)[1].strip() == '["kneebot", "healthcheck"]'
    assert "--interval=" in check


def test_the_grafana_dashboard_shows_metrics_that_exist() -> None:
    dashboard = json.loads((DEPLOY / "grafana-dashboard.json").read_text(encoding="utf-8"))
    exprs = [target["expr"] for panel in dashboard["panels"] for target in panel.get("targets", [])]
    assert len(exprs) >= 8
    exported = Metrics().render().decode()
    families = list(text_string_to_metric_families(exported))
    names = {s for (s, _) in samples(exported)} | {
        f"{f.name}_total" if f.type == "counter" else f.name for f in families
    }
    used = {name for expr in exprs for name in re.findall(r"kneebot_[a-z_]+", expr)}
    assert used and used <= names, used - names
    for needed in ("updates_total", "outcomes_total", "checkins_total", "sweeper_lag_seconds"):
        assert any(needed in name for name in used), needed
