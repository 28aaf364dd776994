"""End to end in Spanish, Portuguese and Russian: the real bot over HTTP against the emulator.

A person whose Telegram app is set to ``es``, ``pt-br`` or ``ru`` sees every screen in that
language from /start to the check-in; /language switches (and survives a restart), names the
country's one emergency number, and /forget erases the choice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.language import Speaker
from bot.outcomes import outcome_screen
from knowledge.checkin_texts import ACCEPT_DONE, ANSWER_LABELS, BETTER_REPLY
from knowledge.content import TOPICS_BY_KEY
from knowledge.emergency import call_now_line, country_name
from knowledge.i18n import LANGUAGES, translate
from knowledge.render import render_help, render_start, render_topic
from knowledge.texts import (
    BUTTON_CHECKIN_YES,
    BUTTON_ERASE,
    BUTTON_QUIZ,
    FREE_TEXT_OTHER_LANGUAGE,
    LANGUAGE_CHOOSE,
    SAFETY_NET,
)
from tests.fakebot import FakeBotApi, SentMessage
from tests.harness import ManualClock, make_settings, run_bot
from tests.test_e2e_followups import RUNNER, finish_real_quiz

USER = 7070
DAY = 86_400
APPS = [("es", "es"), ("pt-br", "pt"), ("ru", "ru")]
"""(what the Telegram app sends as language_code, the language the bot answers in)"""


def english_labels() -> set[str]:
    """Every English button label the bot uses, to check none is left on other screens."""
    from knowledge import texts

    return {
        value
        for name, value in vars(texts).items()
        if name.startswith("BUTTON_") and isinstance(value, str)
    } | set(ANSWER_LABELS.values())


async def say(fake: FakeBotApi, text: str, app_language: str) -> SentMessage:
    await fake.send_and_wait(USER, text, language_code=app_language)
    return fake.last_message(USER)


async def tap(fake: FakeBotApi, msg: SentMessage, label: str, expect: str) -> None:
    """Press `label` and wait until the bot has made the `expect` call it leads to."""
    mark = fake.mark()
    fake.press(msg, label, user_id=USER)
    await fake.wait_for(expect, predicate=lambda c: c.ok, after=mark)


@pytest.mark.parametrize(("app_language", "lang"), APPS)
async def test_every_screen_in_the_apps_language_from_start_to_the_checkin(
    fake: FakeBotApi, bot: Any, clock: ManualClock, app_language: str, lang: str
) -> None:
    english = english_labels()
    start = await say(fake, "/start", app_language)
    assert start.text == render_start(lang)
    labels = [label for label, _ in fake.buttons(start)]
    assert translate(lang, BUTTON_QUIZ) in labels and not set(labels) & english

    cramps = TOPICS_BY_KEY["cramps"]
    await tap(fake, start, translate(lang, cramps.menu_label), "sendMessage")
    page = fake.last_message(USER)
    assert page.text == render_topic(cramps, lang)[0]

    help_msg = await say(fake, "/help", app_language)
    assert help_msg.text == render_help(lang)

    outcome = await finish_real_quiz(fake, USER, RUNNER, app_language)
    shown = fake.last_message(USER)
    assert shown.text == outcome_screen(outcome, checkin_offer_id=1, speaker=Speaker(lang)).text
    outcome_labels = [label for label, _ in fake.buttons(shown)]
    assert not set(outcome_labels) & english, outcome_labels

    await tap(fake, shown, translate(lang, BUTTON_CHECKIN_YES), "sendMessage")
    confirmation = fake.last_message(USER)
    before_when = translate(lang, ACCEPT_DONE).split("{when}")[0]
    assert confirmation.text.startswith(before_when) and "check on you" not in confirmation.text

    mark = fake.mark()
    clock.advance(2 * DAY)
    call = await fake.wait_for(
        "sendMessage",
        predicate=lambda c: c.params.get("chat_id") == USER and "reply_markup" in c.params,
        after=mark,
    )
    checkin = fake.message(USER, call.result["message_id"])
    answers = [label for label, _ in fake.buttons(checkin)]
    assert answers == [
        translate(lang, ANSWER_LABELS[key]) for key in ("better", "same", "worse", "later")
    ]
    await tap(fake, checkin, translate(lang, ANSWER_LABELS["better"]), "sendMessage")
    assert fake.last_message(USER).text == translate(lang, BETTER_REPLY)


@pytest.mark.parametrize(("app_language", "lang"), APPS)
async def test_the_command_menu_and_descriptions_are_in_the_apps_language(
    fake: FakeBotApi, bot: Any, app_language: str, lang: str
) -> None:
    menu = await bot.bot.get_my_commands(language_code=lang)
    assert [c.description for c in menu][:3] == [
        translate(lang, text)
        for text in (
            "Start here: what this bot does",
            "List everything I can do",
            "Quick symptom check with buttons",
        )
    ]
    description = await bot.bot.get_my_description(language_code=lang)
    assert description.description and "not a diagnosis" not in description.description


async def test_language_switches_names_the_countrys_number_survives_a_restart_and_is_forgotten(
    fake: FakeBotApi, tmp_path: Path, clock: ManualClock
) -> None:
    settings: Settings = make_settings(tmp_path, fake.base_url)
    async with run_bot(settings, clock):
        chooser = await say(fake, "/language", "en")
        assert chooser.text == LANGUAGE_CHOOSE
        assert [label for label, _ in fake.buttons(chooser)] == [
            language.name for language in LANGUAGES.values()
        ]
        await tap(fake, chooser, "Русский", "editMessageText")
        shown = fake.message(USER, chooser.message_id)
        await tap(fake, shown, country_name("KZ", "ru"), "editMessageText")
        after = fake.message(USER, chooser.message_id)
        assert call_now_line("KZ", "ru").replace("<b>", "").replace("</b>", "") in after.plain_text
        # This chat's own menu is now Russian.
        (chat_menu,) = [c for c in fake.calls_of("setMyCommands") if "scope" in c.params]
        assert '"chat_id": 7070' in str(chat_menu.params["scope"]).replace("'", '"')

    async with run_bot(settings, clock):  # a restart: the choice is kept
        start = await say(fake, "/start", "en")
        assert start.text == render_start("ru")
        await fake.send_and_wait(USER, "/doctor", language_code="en")
        assert "103" in fake.last_message(USER).plain_text.split("\n\n")[1]

        forget = await say(fake, "/forget", "en")
        await tap(fake, forget, translate("ru", BUTTON_ERASE), "editMessageText")
        assert any(c.method == "deleteMyCommands" and "scope" in c.params for c in fake.calls)
        start = await say(fake, "/start", "en")
        assert start.text == render_start("en")  # the choice went with everything else


TYPED = {
    # (an ordinary message, a message with warning signs, that language)
    "es": (
        "me duele detrás de la rodilla cuando corro",
        "no puedo respirar y tengo la pierna hinchada",
    ),
    "pt": ("tenho dor atrás do joelho quando corro", "não consigo respirar e a perna está inchada"),
    "ru": ("болит под коленом после бега", "не могу дышать и нога опухла"),
}
LOCAL_NUMBERS = {"es": "112", "pt": "192", "ru": "103"}


@pytest.mark.parametrize(("app_language", "lang"), APPS)
async def test_typed_messages_are_read_and_answered_in_the_language(
    fake: FakeBotApi, bot: Any, app_language: str, lang: str
) -> None:
    ordinary, warning = TYPED[lang]
    net = translate(lang, SAFETY_NET)
    reply = await say(fake, ordinary, app_language)
    assert net in reply.text and SAFETY_NET not in reply.text
    assert translate(lang, BUTTON_QUIZ) in [label for label, _ in fake.buttons(reply)]

    mark = fake.mark()
    fake.push_message(USER, warning, language_code=app_language)
    first = await fake.wait_for("sendMessage", predicate=lambda c: c.ok, after=mark)
    emergency = fake.message(USER, first.result["message_id"])
    first_line = emergency.plain_text.splitlines()[0]
    assert LOCAL_NUMBERS[lang] in first_line and "999" not in first_line
    assert emergency.reply_markup is None  # the number, nothing to distract from it


async def test_a_spanish_message_from_an_english_phone_is_answered_in_spanish(
    fake: FakeBotApi, bot: Any
) -> None:
    reply = await say(fake, TYPED["es"][0], "en")
    assert translate("es", SAFETY_NET) in reply.text


@pytest.mark.parametrize(("app_language", "lang"), APPS)
async def test_a_language_the_bot_cannot_read_gets_the_numbers_in_the_users_language(
    fake: FakeBotApi, bot: Any, app_language: str, lang: str
) -> None:
    reply = await say(fake, "J'ai très mal au genou depuis hier soir", app_language)
    assert reply.text.startswith(translate(lang, FREE_TEXT_OTHER_LANGUAGE).split("\n")[0])
    assert "112" in reply.plain_text
    labels = [label for label, _ in fake.buttons(reply)]
    assert translate(lang, BUTTON_QUIZ) in labels
