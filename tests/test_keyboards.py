"""Keyboards: the reused, pre-serialised buttons send exactly what PTB's own buttons send."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.keyboards import (
    NHS_111_URL,
    QuizAnswer,
    ShowTopic,
    encode_callback,
    menu_keyboard,
    outcome_keyboard,
    quiz_keyboard,
)


def plain(markup: InlineKeyboardMarkup) -> InlineKeyboardMarkup:
    """The same keyboard built from PTB's own InlineKeyboardButton."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.text, callback_data=b.callback_data, url=b.url) for b in row]
            for row in markup.inline_keyboard
        ]
    )


def test_buttons_serialise_like_ptbs_own() -> None:
    markups = [
        menu_keyboard([("cyst", "Baker's cyst"), ("cramps", "Cramps")]),
        outcome_keyboard([("cyst", "Baker's cyst")], checkin_offer_id=7, nhs_111=True),
        quiz_keyboard("abcd", "where", [("back", "Behind the knee")], can_go_back=True),
    ]
    for markup in markups:
        assert markup is not None
        assert markup.to_dict() == plain(markup).to_dict()
        assert markup == plain(markup)  # equal as PTB objects too
    urls = [b.url for row in markups[1].inline_keyboard for b in row if b.url]  # type: ignore[union-attr]
    assert urls == [NHS_111_URL]


def test_each_send_gets_its_own_dict() -> None:
    markup = menu_keyboard([("cyst", "Baker's cyst")])
    first = markup.to_dict()
    first["inline_keyboard"][0][0]["text"] = "changed"
    assert markup.to_dict()["inline_keyboard"][0][0]["text"] != "changed"


def test_a_button_is_made_once_per_label_and_action() -> None:
    one = menu_keyboard([("cyst", "Baker's cyst")]).inline_keyboard[2][0]
    two = menu_keyboard([("cyst", "Baker's cyst")]).inline_keyboard[2][0]
    assert one is two and one.callback_data == encode_callback(ShowTopic("cyst"))
    answer = quiz_keyboard("abcd", "q1", [("y", "Yes")], can_go_back=False).inline_keyboard[0][0]
    assert answer.callback_data == encode_callback(QuizAnswer("abcd", "q1", "y"))
