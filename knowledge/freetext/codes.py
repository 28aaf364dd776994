"""A compact code for a set of findings, for button data: finding ids only, never the text."""

from __future__ import annotations

import zlib
from collections.abc import Set as AbstractSet

from knowledge.findings import FINDINGS, WARNING_SIGNS, unsure

__all__ = ["decode_findings", "encode_findings"]

_CODE_VOCABULARY: tuple[str, ...] = (
    *sorted(FINDINGS),
    *sorted(unsure(sign) for sign in WARNING_SIGNS),
)
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_FINGERPRINT = "".join(
    _DIGITS[(zlib.crc32(" ".join(_CODE_VOCABULARY).encode()) >> shift) % 36] for shift in (0, 8)
)
"""Two characters that change when the vocabulary changes, so old buttons are not misread."""


def encode_findings(findings: AbstractSet[str]) -> str:
    """A short code for `findings` (base 36, at most 18 characters); unknown ids are left out."""
    mask = 0
    for index, finding in enumerate(_CODE_VOCABULARY):
        if finding in findings:
            mask |= 1 << index
    digits = ""
    while True:
        mask, digit = divmod(mask, 36)
        digits = _DIGITS[digit] + digits
        if mask == 0:
            break
    return _FINGERPRINT + digits


def decode_findings(code: str) -> frozenset[str] | None:
    """The findings of a code from `encode_findings`; None when it is forged or stale."""
    if len(code) < 3 or len(code) > 24 or not code.startswith(_FINGERPRINT):
        return None
    if any(c not in _DIGITS for c in code):
        return None
    mask = int(code[2:], 36)
    if mask >> len(_CODE_VOCABULARY):
        return None
    return frozenset(f for i, f in enumerate(_CODE_VOCABULARY) if mask >> i & 1)
