"""The one stale-button guard: every callback query answered exactly once, by kind."""

from __future__ import annotations

from time import time
from types import SimpleNamespace
from typing import Any, cast

import pytest
from telegram import CallbackQuery, Update, User

from bot.handlers.routing import Press, on_press
from bot.keyboards import ShowMenu, ShowTopic, encode_callback
from bot.services import SERVICES_KEY, Services
from knowledge.texts import BUTTON_EXPIRED


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str | None, bool | None]]:
    """Every CallbackQuery.answer call, as (text, show_alert)."""
    made: list[tuple[str | None, bool | None]] = []

    async def answer(self: CallbackQuery, text: str | None = None, **kw: Any) -> bool:
        made.append((text, kw.get("show_alert")))
        return True

    monkeypatch.setattr(CallbackQuery, "answer", answer)
    return made


class _NoChoiceStore:
    """A store in which nobody has chosen a language: the guard asks it once per press."""

    async def user_locale(self, user_id: int) -> tuple[None, None]:
        return None, None


def _context() -> Any:
    services = Services(settings=cast(Any, None), store=cast(Any, _NoChoiceStore()), clock=time)
    return SimpleNamespace(application=SimpleNamespace(bot_data={SERVICES_KEY: services}))


CONTEXT = _context()


def pressed(data: str) -> Update:
    query = CallbackQuery("1", User(7, "u", False), "chat", data=data)
    return Update(1, callback_query=query)


async def test_a_handler_that_does_not_answer_is_answered_silently(answers: list[Any]) -> None:
    seen: list[ShowTopic] = []

    async def handler(press: Press[ShowTopic], context: Any) -> None:
        seen.append(press.action)

    registered = on_press(ShowTopic, handler)
    update = pressed(encode_callback(ShowTopic("cyst")))
    assert registered.check_update(update)
    await registered.callback(update, CONTEXT)  # type: ignore[arg-type]
    assert seen == [ShowTopic("cyst")] and answers == [(None, None)]


async def test_answers_after_the_first_do_nothing(answers: list[Any]) -> None:
    async def handler(press: Press[ShowTopic], context: Any) -> None:
        await press.answer("first", alert=True)
        await press.expired()
        await press.answer()

    await on_press(ShowTopic, handler).callback(pressed("1t:cyst"), CONTEXT)  # type: ignore[arg-type]
    assert answers == [("first", True)]


@pytest.mark.parametrize("data", ["1t:", "1t:Nope", "1t:cyst:x", "1t:" + "a" * 64])
async def test_garbled_data_of_the_kind_gets_the_pop_up_and_no_handler(
    answers: list[Any], data: str
) -> None:
    called = []

    async def handler(press: Press[ShowTopic], context: Any) -> None:
        called.append(press)

    registered = on_press(ShowTopic, handler)
    update = pressed(data)
    assert registered.check_update(update)  # routed by its kind ...
    await registered.callback(update, CONTEXT)  # type: ignore[arg-type]
    assert called == [] and answers == [(BUTTON_EXPIRED, None)]  # ... and stopped by the guard


def test_other_kinds_are_not_routed_there() -> None:
    async def handler(press: Press[ShowTopic], context: Any) -> None:
        raise AssertionError

    registered = on_press(ShowTopic, handler)
    for data in (encode_callback(ShowMenu()), "0t:cyst", "garbage", "t:cyst"):
        assert not registered.check_update(pressed(data))
