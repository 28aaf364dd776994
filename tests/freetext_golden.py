"""The golden snapshot of `knowledge.freetext.interpret`: messages and what it read in them.

`tests/test_freetext_golden.py` checks that `interpret` still reads every message of
``tests/freetext_golden.json.gz`` exactly as it did when the snapshot was taken, so a change made
for speed (or tidiness) cannot silently change a reading. The messages are every corpus message
plus a few thousand generated ones (seeded, so the same every time): corpus sentences mixed with
negations, past tense, hedges and typos, run-on 4096-character messages, and random Unicode
including lone surrogates.

Re-take the snapshot only when a reading is *meant* to change, and review the diff:
``python -m tests.freetext_golden --write`` (``--check`` compares without writing).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from knowledge.freetext import MAX_CHARS, Reading, interpret
from tests.freetext_corpus import CASES

GOLDEN = Path(__file__).with_name("freetext_golden.json.gz")
SEED = 20261201

_NEGATIONS = ("no ", "not ", "without any ", "never had ", "no sign of ", "i dont have ")
_PREFIXES = (
    "", "", "", "yesterday ", "last year ", "maybe ", "what if ", "i think ", "not sure but ",
    "had ", "earlier today ", "my mum says ", "right now ", "still ", "since the flight ",
)  # fmt: skip
_SUFFIXES = (
    "", "", "", ", gone now", " but its fine now", " for 3 weeks", " since monday", "??",
    " 😭😭", " lol", " at night", " after my run", " and it went down", " still", " again",
)  # fmt: skip
_SIGNS = (
    "swelling", "redness", "fever", "chest pain", "shortness of breath", "numbness",
    "swollen calf", "hot red knee", "pins and needles", "cold foot", "blood when i cough",
)  # fmt: skip
_JOINERS = (". ", ", ", " and ", " but ", "\n", "; ", " so ", " because ", " ", "! ", "... ")
_UNICODE_POOLS = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0x24F),  # Latin accents
    (0x370, 0x3FF),  # Greek
    (0x400, 0x4FF),  # Cyrillic
    (0x600, 0x6FF),  # Arabic
    (0x2000, 0x206F),  # punctuation, zero-width, bidi marks
    (0x3040, 0x30FF),  # kana
    (0x4E00, 0x4FFF),  # CJK
    (0xD800, 0xDFFF),  # lone surrogates
    (0xFB00, 0xFB4F),  # ligatures (NFKC changes them)
    (0xFF00, 0xFFEF),  # full-width forms (NFKC changes them)
    (0x1F300, 0x1F6FF),  # emoji
)


def _typo(rng: random.Random, text: str) -> str:
    """One to three small slips: a letter doubled, tripled, dropped, swapped or upper-cased."""
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        if len(chars) < 3:
            break
        i = rng.randrange(len(chars) - 1)
        how = rng.randrange(6)
        if how == 0:
            chars.insert(i, chars[i])
        elif how == 1:
            chars[i] = chars[i] * 3
        elif how == 2:
            del chars[i]
        elif how == 3:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif how == 4:
            chars[i] = chars[i].upper()
        else:
            chars[i] = rng.choice("'’-.,!?/&")
    return "".join(chars)


def _random_unicode(rng: random.Random, length: int) -> str:
    out: list[str] = []
    for _ in range(length):
        low, high = rng.choice(_UNICODE_POOLS)
        char = chr(rng.randint(low, high))
        if out and "\ud800" <= out[-1] <= "\udbff" and "\udc00" <= char <= "\udfff":
            char = " "  # a high and a low surrogate side by side would come back as one char
        out.append(char)
    return "".join(out)


def _sentence(rng: random.Random, texts: Sequence[str]) -> str:
    how = rng.randrange(10)
    if how < 4:
        sentence = rng.choice(texts)
    elif how < 6:
        sentence = rng.choice(_NEGATIONS) + rng.choice(_SIGNS)
    elif how < 8:
        sentence = rng.choice(_PREFIXES) + rng.choice(texts) + rng.choice(_SUFFIXES)
    else:
        sentence = rng.choice(_PREFIXES) + rng.choice(_SIGNS) + rng.choice(_SUFFIXES)
    if rng.random() < 0.3:
        sentence = _typo(rng, sentence)
    if rng.random() < 0.2:
        sentence = rng.choice((sentence.upper(), sentence.lower(), sentence.title()))
    return sentence


def messages() -> list[str]:
    """Every corpus message, then the generated ones (seeded: the same list every time)."""
    rng = random.Random(SEED)
    texts = [case.text for case in CASES]
    generated: list[str] = []
    for _ in range(2400):  # short mixes, like real messages
        count = rng.choice((1, 1, 2, 2, 3, 4))
        pieces = [_sentence(rng, texts) for _ in range(count)]
        message = pieces[0]
        for piece in pieces[1:]:
            message += rng.choice(_JOINERS) + piece
        generated.append(message)
    for _ in range(300):  # long run-on messages, up to and past Telegram's limit
        target = rng.choice((1000, 2500, MAX_CHARS, MAX_CHARS, MAX_CHARS + 500))
        message = _sentence(rng, texts)
        while len(message) < target:
            message += rng.choice(_JOINERS) + _sentence(rng, texts)
        generated.append(message[:target])
    for _ in range(300):  # random Unicode, alone or around a symptom
        noise = _random_unicode(rng, rng.choice((1, 5, 40, 300)))
        if rng.random() < 0.5:
            generated.append(noise)
        else:
            cut = rng.randrange(len(noise) + 1)
            generated.append(noise[:cut] + " " + _sentence(rng, texts) + " " + noise[cut:])
    generated += ["", " ", "\n", ".", "?!", "a" * MAX_CHARS, "no " * 1500, "knee " * 900]
    return texts + generated


def record(reading: Reading) -> dict[str, Any]:
    """Everything a reading holds, as plain JSON values."""
    return {
        "findings": sorted(reading.findings),
        "tier": reading.tier,
        "topics": list(reading.topics),
        "needs_check": reading.needs_check,
        "language": reading.language,
        "named_topics": list(reading.named_topics),
        "rules": list(reading.rules),
        "evidence": [[e.finding, e.status, e.start, e.end] for e in reading.evidence],
    }


def load() -> list[tuple[str, dict[str, Any]]]:
    """The snapshot: (message, recorded reading) pairs."""
    with gzip.open(GOLDEN, "rt", encoding="ascii") as f:
        rows = json.load(f)
    return [(row["text"], row["reading"]) for row in rows]


def write() -> int:
    rows = [{"text": text, "reading": record(interpret(text))} for text in messages()]
    data = json.dumps(rows, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    GOLDEN.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"wrote {len(rows)} readings to {GOLDEN.name} ({GOLDEN.stat().st_size} bytes)")
    return 0


def check() -> int:
    differing = 0
    for text, expected in load():
        got = record(interpret(text))
        if got != expected:
            differing += 1
            if differing <= 10:
                print(f"differs: {text[:80]!r}\n  was {expected}\n  now {got}")
    print(f"{differing} readings differ")
    return 1 if differing else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help="re-take the snapshot")
    group.add_argument("--check", action="store_true", help="compare without writing")
    args = parser.parse_args(argv)
    return write() if args.write else check()


if __name__ == "__main__":
    raise SystemExit(main())
