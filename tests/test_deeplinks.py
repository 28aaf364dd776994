"""Links for posters: t.me/<bot>?start=quiz opens the quiz, ?start=doctor the doctor page ...

Through the real bot and the emulator, and `kneebot link` with its QR code.
"""

from __future__ import annotations

import asyncio
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
import segno

from bot.__main__ import main
from bot.keyboards import QuizAnswer, parse_callback
from bot.links import QR_BORDER, QR_SCALE, START_TARGETS, link_url, start_target
from bot.services import services_of
from knowledge.content import TOPICS, TOPICS_BY_KEY
from knowledge.render import render_start, render_topic
from tests.fakebot import FakeBotApi
from tests.harness import TOKEN

USER = 6161


def test_the_targets_are_the_quiz_and_every_topic() -> None:
    assert START_TARGETS[0] == "quiz"
    assert set(START_TARGETS) == {"quiz", *(t.key for t in TOPICS)}
    assert "doctor" in START_TARGETS
    # Telegram allows 1-64 characters of A-Z a-z 0-9 _ - in a start parameter.
    assert all(len(t) <= 64 and t.replace("_", "").isalnum() for t in START_TARGETS)


@pytest.mark.parametrize(
    "args",
    [None, [], ["QUIZ"], ["quiz", "now"], ["../doctor"], ["doctor "], ["x" * 64], ["menu"]],
)
def test_anything_else_is_no_target(args: list[str] | None) -> None:
    assert start_target(args) is None


@pytest.mark.parametrize("topic", [t.key for t in TOPICS])
async def test_a_topic_link_opens_its_page(fake: FakeBotApi, bot: Any, topic: str) -> None:
    sent = await fake.send_and_wait(USER, f"/start {topic}")
    assert sent.ok
    assert sent.params["text"] == render_topic(TOPICS_BY_KEY[topic])[0]


async def test_the_quiz_link_starts_the_quiz(fake: FakeBotApi, bot: Any) -> None:
    sent = await fake.send_and_wait(USER, "/start quiz")
    assert sent.ok
    store = services_of(bot).store
    for _ in range(100):  # the message id is stored right after the send answers
        session = await store.get_quiz(USER)
        if session is not None and session.message_id is not None:
            break
        await asyncio.sleep(0.02)
    assert session is not None and session.message_id == sent.result["message_id"]
    buttons = fake.buttons(fake.last_message(USER))
    assert any(isinstance(parse_callback(data), QuizAnswer) for _, data in buttons)


@pytest.mark.parametrize(
    "payload",
    ["evil", "QUIZ", "quiz%20x", "doctor_", "quiz extra", "<b>doctor</b>", "x" * 64, "menu"],
)
async def test_a_forged_payload_gets_the_welcome(fake: FakeBotApi, bot: Any, payload: str) -> None:
    sent = await fake.send_and_wait(USER, f"/start {payload}")
    assert sent.ok
    assert sent.params["text"] == render_start()
    assert await services_of(bot).store.get_quiz(USER) is None


async def test_plain_start_still_welcomes(fake: FakeBotApi, bot: Any) -> None:
    sent = await fake.send_and_wait(USER, "/start")
    assert sent.params["text"] == render_start()


# ------------------------------------------------------------------------------ kneebot link


def test_link_prints_the_url(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["link", "quiz", "--bot-username", "@knee_tips_bot"]) == 0
    assert capsys.readouterr().out == "https://t.me/knee_tips_bot?start=quiz\n"
    assert main(["link", "doctor", "--bot-username", "Knee_Tips_Bot"]) == 0
    assert capsys.readouterr().out == "https://t.me/Knee_Tips_Bot?start=doctor\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["link", "forged", "--bot-username", "knee_tips_bot"],
        ["link", "quiz", "--bot-username", "no"],
        ["link", "quiz", "--bot-username", "knee bot; rm -rf /"],
    ],
)
def test_link_refuses_bad_input(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert "https://" not in capsys.readouterr().out


async def test_link_asks_telegram_for_the_username(
    fake: FakeBotApi, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = tmp_path / ".env"
    env.write_text(
        f"TELEGRAM_BOT_TOKEN={TOKEN}\nTELEGRAM_API_BASE_URL={fake.base_url}\n", encoding="utf-8"
    )
    assert await asyncio.to_thread(main, ["--env-file", str(env), "link", "cyst"]) == 0
    out = capsys.readouterr().out
    assert out == f"https://t.me/{fake.bot_username}?start=cyst\n"
    assert fake.calls_of("getMe")
    assert TOKEN not in out


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of 8-bit grey pixels) of a non-interlaced greyscale or palette PNG
    with bit depth 1, 2, 4 or 8: what segno writes. Pure Python (no imaging library)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        chunks.append((kind, body))
        pos += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert colour in (0, 3) and interlace == 0 and depth in (1, 2, 4, 8)
    plte = b"".join(body for kind, body in chunks if kind == b"PLTE")
    grey = [sum(plte[i : i + 3]) // 3 for i in range(0, len(plte), 3)]
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = (width * depth + 7) // 8
    rows, previous, pos = [], bytearray(stride), 0
    scale = 255 // (2**depth - 1) if colour == 0 else 1
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1 : pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            left = line[i - 1] if i else 0
            up, corner = previous[i], previous[i - 1] if i else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 0xFF
        previous = line
        values = []
        for x in range(width):
            bit = x * depth
            byte = line[bit // 8]
            sample = (byte >> (8 - depth - bit % 8)) & (2**depth - 1)
            values.append(min(255, sample * scale) if colour == 0 else grey[sample])
        rows.append(bytes(values))
    return width, height, rows


def test_the_qr_code_holds_the_link(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    poster = tmp_path / "poster.png"
    url = link_url("knee_tips_bot", "quiz")
    assert main(["link", "quiz", "--bot-username", "knee_tips_bot", "--qr", str(poster)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == url

    width, height, rows = read_png(poster)
    code = segno.make(url, error="m", micro=False)
    modules = len(code.matrix)
    side = (modules + 2 * QR_BORDER) * QR_SCALE
    assert (width, height) == (side, side)
    assert out[1] == f"QR code: {poster} ({side}x{side} px)"
    # The picture is the matrix of the URL: one dark or light square per module.
    for y, row in enumerate(code.matrix):
        for x, dark in enumerate(row):
            pixel = rows[(y + QR_BORDER) * QR_SCALE + QR_SCALE // 2][
                (x + QR_BORDER) * QR_SCALE + QR_SCALE // 2
            ]
            assert (pixel < 128) == bool(dark), (x, y)
    # And a real decoder reads the link back from the picture.
    zxingcpp = pytest.importorskip("zxingcpp")
    image = memoryview(b"".join(rows)).cast("B", (height, width))
    found = zxingcpp.read_barcodes(image)
    assert [barcode.text for barcode in found] == [url]
