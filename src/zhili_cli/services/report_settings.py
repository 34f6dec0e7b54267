"""What public documents print about the compound beyond its name: the contact for objections
(监督电话 and the place where objections are received), set by `zhili init --contact`."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from zhili_cli.domain.keys import clean_text
from zhili_cli.store import reports as store

_PHONE = re.compile(r"\+?[\d（）()\- ]{7,}\d")


def parse_contact(text: str) -> tuple[str, str]:
    """'0573-85123456 社区居委会一楼' → ('0573-85123456', '社区居委会一楼'): the first run of
    digits that reads as a phone number, and the rest as the place."""
    value = clean_text(text or "").strip()
    m = _PHONE.search(value)
    if not m:
        return "", value
    phone = m.group(0).strip()
    place = (value[:m.start()] + " " + value[m.end():]).strip(" ，,;；:：　")
    return phone, re.sub(r"\s+", " ", place)


def set_contact(tx: Any, text: str) -> dict[str, str]:
    phone, place = parse_contact(text)
    store.set_contact(tx, phone, place)
    return {"phone": phone, "place": place}


def contact(conn: sqlite3.Connection) -> dict[str, str]:
    return store.contact(conn)


def has_owners_committee(conn: sqlite3.Connection) -> bool:
    return store.has_owners_committee(conn)
