"""Text used as a key (rooms, buildings, payees, names) compared as people mean it.

`１０１`, `101` and `101\u200b` are one room: keys are NFKC-normalised, zero-width and
control characters removed and white space folded. The original text is kept for display;
only the key is compared.
"""

from __future__ import annotations

import re
import unicodedata

# zero-width and formatting characters that are invisible when printed
_INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Stored text: NFC, invisible and control characters (except newline and tab) removed."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def normalize_key(text: str | None) -> str:
    """The comparable form of a key: NFKC, no invisible or control characters, one space."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))
    return _SPACES.sub(" ", text).strip()


# -- payees ----------------------------------------------------------------------------------
# Words that say what kind of business a payee is, not who: ignored at the end of the name,
# longest first, repeatedly (平湖五金店有限公司 → 平湖五金), never down to nothing. A shop's
# branch (分店, 总店) is the same shop; 分公司 (a branch company, registered on its own) stays.
PAYEE_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "个体工商户", "个体户", "经营部", "工作室",
                  "分店", "总店", "门市部", "商店", "商行", "公司", "店")
# Who signs for the payee, written before or after the name (法人 李四, 李四（法定代表人）):
# the same person.
PAYEE_SIGNATORIES = ("法定代表人", "法人代表", "负责人", "经营者", "法人", "店主", "老板")
_BRACKETED = re.compile(r"[（(【\[［〔]([^（()）【】\[\]［］〔〕]*)[)）】\]］〕]")


def payee_key(text: str | None) -> str:
    """A payee as people mean it, for comparing two payees (split detection): `ＡＢＣ五金`,
    `A.B.C.五金商店`, `abc 五金店` are one; `某某五金商店(分店)` is `某某五金商店`; `法人 李四` and
    `李四（法定代表人）` are `李四`. NFKC, case folded; a bracketed signatory or branch word,
    a leading signatory word, punctuation, symbols, spaces and business suffixes ignored."""
    key = normalize_key(text).casefold()
    qualifiers = PAYEE_SIGNATORIES + PAYEE_SUFFIXES

    def drop(m: re.Match[str]) -> str:
        inner = "".join(ch for ch in m.group(1) if not unicodedata.category(ch).startswith(("P", "S", "Z")))
        return "" if inner in qualifiers else m.group(0)

    key = _BRACKETED.sub(drop, key)
    key = "".join(ch for ch in key if not unicodedata.category(ch).startswith(("P", "S", "Z")))
    for word in PAYEE_SIGNATORIES:
        if key.startswith(word) and len(key) - len(word) >= 2:
            key = key[len(word):]
            break
    for word in PAYEE_SIGNATORIES:
        if key.endswith(word) and len(key) - len(word) >= 2:
            key = key[: -len(word)]
            break
    stripped = True
    while stripped:
        stripped = False
        for suffix in PAYEE_SUFFIXES:
            if key.endswith(suffix) and len(key) - len(suffix) >= 2 and not key.endswith("分" + suffix):
                key = key[: -len(suffix)]
                stripped = True
                break
    return key
