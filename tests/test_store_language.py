"""The language and country a user chose (issue 22): stored on the user's row, upgraded into
an old database in place, read cheaply per update, given with each due check-in, erased by
/forget."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage import MIGRATIONS, SCHEMA_VERSION, Store

NOW = 1_800_000_000


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with Store(tmp_path / "bot.sqlite3") as s:
        yield s


def user_columns(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[1] for row in db.execute("PRAGMA table_info(users)")]


async def test_a_database_of_the_previous_version_gains_the_columns_in_place(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v4.sqlite3"
    with sqlite3.connect(path) as db:  # the schema as released before issue 22, with rows
        for version, script in enumerate(MIGRATIONS[:4], start=1):
            db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
        db.execute("INSERT INTO users VALUES (7, 1, 2, 'pt-br', 0)")
        db.execute(
            "INSERT INTO followups (user_id, chat_id, created_at, due_at) VALUES (7, 7, 1, 10)"
        )
    assert "language" not in user_columns(path)
    async with Store(path) as store:
        assert await store.schema_version() == SCHEMA_VERSION == 5
        assert await store.get_user(7) == (7, 1, 2, "pt-br", False, None, None)
        assert await store.user_language(7) is None
        assert await store.set_language(7, "pt")
        assert await store.set_country(7, "BR")
        assert await store.get_user(7) == (7, 1, 2, "pt-br", False, "pt", "BR")
        [due] = await store.claim_due(NOW, 10, 60)
        assert (due.user_id, due.language) == (7, "pt")
    assert user_columns(path)[-2:] == ["language", "country"]


async def test_language_and_country_are_kept_on_the_user_row(store: Store) -> None:
    await store.touch_user(1, "es", NOW)
    assert await store.set_language(1, "ES")  # stored lower case
    assert await store.set_country(1, "ar")  # stored upper case
    row = await store.get_user(1)
    assert row is not None
    assert (row.language_code, row.language, row.country) == ("es", "es", "AR")
    assert await store.user_language(1) == "es"
    assert await store.set_language(1, None) and await store.set_country(1, None)
    assert await store.user_language(1) is None
    row = await store.get_user(1)
    assert row is not None and (row.language, row.country) == (None, None)


async def test_a_user_without_a_row_gets_nothing_stored(store: Store) -> None:
    assert not await store.set_language(404, "ru")
    assert not await store.set_country(404, "RU")
    assert await store.user_language(404) is None
    assert await store.get_user(404) is None


@pytest.mark.parametrize("language", ["", "e", "english", "pt-br", "e1", "<b>", "\ud800"])
async def test_what_is_not_a_language_code_is_refused(store: Store, language: str) -> None:
    await store.touch_user(1, "en", NOW)
    with pytest.raises(ValueError, match="language"):
        await store.set_language(1, language)
    assert await store.user_language(1) is None


@pytest.mark.parametrize("country", ["", "A", "ARG", "A1", "ÅR", "\ud800"])
async def test_what_is_not_a_country_code_is_refused(store: Store, country: str) -> None:
    await store.touch_user(1, "en", NOW)
    with pytest.raises(ValueError, match="country"):
        await store.set_country(1, country)
    row = await store.get_user(1)
    assert row is not None and row.country is None


async def test_the_per_update_lookup_reads_the_database_once(store: Store) -> None:
    await store.touch_user(1, "en", NOW)
    await store.touch_user(2, "ru", NOW)
    await store.set_language(2, "ru")
    await store.set_country(2, "KZ")
    statements: list[str] = []
    await store._conn().set_trace_callback(statements.append)
    for _ in range(5):
        assert await store.user_locale(1) == (None, None)
        assert await store.user_locale(2) == ("ru", "KZ")
        assert await store.user_language(2) == "ru"
    assert sum("SELECT language, country FROM users" in s for s in statements) == 2  # once each
    await store.set_language(1, "es")
    await store.set_country(1, "ar")
    statements.clear()
    assert await store.user_locale(1) == ("es", "AR")  # a choice is read back once, then cached
    assert await store.user_locale(1) == ("es", "AR")
    assert sum("SELECT language, country FROM users" in s for s in statements) == 1


async def test_each_due_checkin_comes_with_the_users_language(store: Store) -> None:
    for user, language in [(1, "es"), (2, None), (3, "ru")]:
        await store.touch_user(user, "pt-BR" if user == 2 else "en", NOW)
        if language:
            await store.set_language(user, language)
        await store.schedule_followup(user, user, NOW, NOW - 10)
    await store.set_country(3, "BY")
    await store.schedule_followup(4, 4, NOW, NOW - 10)  # no user row at all
    due = await store.claim_due(NOW, 10, 60)
    # The chosen language first, else the Telegram app's, and the chosen country.
    assert [(row.user_id, row.language, row.country) for row in due] == [
        (1, "es", None),
        (2, "pt-BR", None),
        (3, "ru", "BY"),
        (4, None, None),
    ]
    open_row = await store.open_followup(1)
    assert open_row is not None and open_row.language == "es"


async def test_forget_erases_language_and_country(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with Store(path) as store:
        await store.touch_user(1, "pt-br", NOW)
        await store.set_language(1, "pt")
        await store.set_country(1, "BR")
        assert await store.user_language(1) == "pt"  # cached
        report = await store.forget_user(1)
        assert report.users == 1
        assert await store.user_language(1) is None  # not from the cache
        assert await store.get_user(1) is None
        await store.touch_user(1, "pt-br", NOW + 1)  # they come back: nothing remembered
        assert await store.user_language(1) is None
        row = await store.get_user(1)
        assert row is not None and (row.language, row.country) == (None, None)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT language, country FROM users").fetchall() == [(None, None)]
