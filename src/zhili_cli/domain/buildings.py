"""Buildings as people write them: `3`, `3幢`, `3栋`, `3号楼`, `三幢`, `３号楼` are building 3.

The stored key is the bare number ("3"); it is shown as "3幢". A name that is not a number
(南门, 商业街) is kept as written and shown without a 幢 suffix. Buildings sort naturally:
4 before 24, numbered ones before named ones.
"""

from __future__ import annotations

import re

from zhili_cli.domain.keys import normalize_key

_SUFFIX = re.compile(r"\s*(?:号楼|号幢|号栋|幢楼|栋楼|幢|栋|楼|号)$")
_DIGITS = "零一二三四五六七八九"
_CN_NUMBER = re.compile(r"^[零〇一二两三四五六七八九十百]+$")
# a building number with an optional letter: 3, 12A, A, 3-1
_PLAIN = re.compile(r"^[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?$")


def _chinese_number(text: str) -> int | None:
    """一 … 九百九十九 (the numbers buildings carry); None when it is not one."""
    if not _CN_NUMBER.match(text):
        return None
    text = text.replace("〇", "零").replace("两", "二")
    if "十" not in text and "百" not in text:  # 一二 → 12 (digit by digit)
        return int("".join(str(_DIGITS.index(ch)) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS.index(ch)
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def key(text: str | None) -> str | None:
    """The stored, comparable form: "3" for 3/3幢/3栋/3号楼/三幢/３号楼; named buildings as written."""
    if text is None:
        return None
    value = normalize_key(text)
    if not value:
        return None
    bare = _SUFFIX.sub("", value) or value
    number = _chinese_number(bare)
    if number is not None:
        return str(number)
    if bare.isdigit():
        return str(int(bare))
    if _PLAIN.match(bare):
        return bare.upper()
    return value


def label(stored: str | None) -> str:
    """How a building is shown: "3幢" for a numbered one, a named one as written ("" for none)."""
    if not stored:
        return ""
    k = key(stored) or ""
    return f"{k}幢" if _PLAIN.match(k) else k


def sort_key(stored: str | None) -> tuple:
    """Natural order: 4 before 24, 12A after 12, numbered before named, none last."""
    if not stored:
        return (2, 0, "")
    k = key(stored) or ""
    match = re.match(r"^(\d+)(.*)$", k)
    if match:
        return (0, int(match.group(1)), match.group(2))
    return (1, 0, k)
