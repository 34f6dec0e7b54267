"""Motion rules that are plain logic (no database): how a typed assignment is read, the
window of an owners' vote, who signed a ballot."""

from __future__ import annotations

from datetime import date, timedelta

from zhili_cli.errors import UserError

# The matters an owners' vote may decide (Civil Code art. 278): the rules file names them too.
MATTERS: tuple[str, ...] = (
    "rules", "covenant", "election", "manager", "fund_use",
    "fund_raise", "rebuild", "change_use", "other",
)


def split_assignment(value: str) -> tuple[str, str]:
    """`name=choice` (also `：` or `:`) → (name, choice)."""
    for sep in ("=", "：", ":"):
        if sep in value:
            name, _, what = value.partition(sep)
            if name.strip() and what.strip():
                return name.strip(), what.strip()
    raise UserError("motion_bad_assignment", value=value)


# ---------------------------------------------------------------------------
# The owners' vote's window (业主大会 notice and e-voting rules)


def check_window(*, announced: date, start: date, end: date, today: date, notice_days: int,
                 min_days: int, max_days: int, on_site: bool = False) -> None:
    """A vote window that respects the notice and the e-voting rules, else UserError.

    - the notice is published (announced) no later than today;
    - voting starts at least `notice_days` whole days after the announcement;
    - the window ends no earlier than it starts and is not already over;
    - it lasts `min_days`…`max_days` days counted inclusively, except an on-site vote held on
      the assembly's own day (start == end == the meeting's date)."""
    if announced > today:
        raise UserError("vote_announced_future", announced=announced.isoformat())
    if end < start:
        raise UserError("vote_window_reversed", start=start.isoformat(), end=end.isoformat())
    if end < today:
        raise UserError("vote_window_past", end=end.isoformat())
    earliest = announced + timedelta(days=notice_days)
    if start < earliest:
        raise UserError("vote_notice_short", announced=announced.isoformat(), days=notice_days,
                        earliest=earliest.isoformat(), start=start.isoformat())
    length = (end - start).days + 1
    if on_site and length == 1:
        return
    if length < min_days or length > max_days:
        raise UserError("vote_window_length", days=length, min=min_days, max=max_days)


def window_state(start: date, end: date, closed: bool, when: date) -> str:
    """before | open | ended (window over, not closed yet) | closed."""
    if closed:
        return "closed"
    if when < start:
        return "before"
    if when > end:
        return "ended"
    return "open"


# ---------------------------------------------------------------------------
# Who signed a ballot

PROXY_WORDS = ("委托", "代投", "代理", "受托", "proxy")


def ballot_text(value: str) -> tuple[str, str | None]:
    """`同意`, `同意@王伟`, `同意@委托:张三` → (choice text, signer text or None)."""
    for sep in ("@", "＠"):
        if sep in value:
            what, _, who = value.partition(sep)
            return what.strip(), who.strip() or None
    return value.strip(), None


def signer(registered: str | None, voter: str | None, proxy: bool = False) -> tuple[str, str]:
    """(kind, name) of a ballot's signature: ("owner", name) when the registered owner signed,
    ("proxy", proxy's name) for a ballot cast by a proxy named as such (委托, with the name),
    else UserError. `voter` may carry the proxy mark itself: `委托:张三`, `张三（委托）`."""
    from zhili_cli.domain.votes import name_key

    text = (voter or "").strip()
    for word in PROXY_WORDS:
        for form in (f"{word}:", f"{word}：", f"{word} ", f"（{word}）", f"({word})", word):
            if form in text:
                text = text.replace(form, " ").strip(" :：()（）")
                proxy = True
                break
    if not text:
        raise UserError("ballot_unsigned_proxy" if proxy else "ballot_unsigned")
    if proxy:
        if registered and name_key(text) == name_key(registered):
            return "owner", text
        return "proxy", text
    if registered and name_key(text) != name_key(registered):
        raise UserError("ballot_wrong_signer", name=text)
    return "owner", text


# ---------------------------------------------------------------------------
# Scope of a fund-use vote (列支范围): the owners who pay (Order 165 art. 22)

WHOLE = ("全部", "全体", "全小区", "all")


def parse_scope(text: str) -> tuple[str, str, str] | None:
    """`3幢` / `3` → building 3; `3-2` / `3幢2单元` → a stairway; `3-2-501` → one unit; `全部` → None
    (the whole register)."""
    import re

    from zhili_cli.domain.keys import normalize_key

    value = normalize_key(text)
    if not value:
        raise UserError("motion_bad_scope", value=text)
    if value.lower() in WHOLE:
        return None
    match = re.fullmatch(r"(\w+?)\s*(?:幢|栋|号楼|楼)(?:\s*(\w+?)\s*单元)?(?:\s*(\w+?)\s*室?)?", value)
    if match is None and "-" not in value and "/" not in value:
        match = re.fullmatch(r"(\w+)()()", value)
    if match:
        parts = [match.group(1), match.group(2) or "", match.group(3) or ""]
    else:
        parts = [p for p in re.split(r"[-/\s]+", value) if p]
        if not 1 <= len(parts) <= 3:
            raise UserError("motion_bad_scope", value=text)
        parts += [""] * (3 - len(parts))
    from zhili_cli.domain import buildings

    building, unit, room = parts
    building = buildings.key(building) or building
    unit = unit.removesuffix("单元")
    room = room.removesuffix("室")
    return building, unit, room


def vote_subject(motion_subject: str | None, given: str | None) -> str | None:
    """What a vote approves: the motion's own subject. A vote may name a subject only when the
    motion has none; naming another one is refused, so members never approve one thing while
    the record says they voted on another."""
    given = (given or "").strip() or None
    if given and motion_subject and given != motion_subject:
        raise UserError("vote_subject_differs", given=given, subject=motion_subject)
    return motion_subject or given
