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
