"""Household register use cases: import, add, edit, the owners (counting base) of the register.

Who an owner is (Civil Code art. 278 counts heads): the certificate or ID number on the
register when there is one (kept privately, never printed), else the name together with the
phone, else the unit alone. Two units are one owner only when that identity matches."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from zhili_cli.domain.keys import normalize_key
from zhili_cli.errors import RowError, UserError
from zhili_cli.store import households as store
from zhili_cli.store.tx import Tx

def room_key(building: str, unit: str, room: str) -> tuple[str, str, str]:
    """Rooms compare as people mean them: `101`, `１０１` and `101\u200b` are one room; `3幢` and
    `三幢` are building 3."""
    from zhili_cli.domain import buildings

    return (buildings.key(building) or "", normalize_key(unit).removesuffix("单元"),
            normalize_key(room).removesuffix("室"))


class Register:
    """The register in memory, keyed by the normalised room."""

    def __init__(self, conn: Any):
        self.rows: dict[tuple[str, str, str], dict[str, Any]] = {}
        if conn is not None:
            for row in store.list_(conn):
                self.rows.setdefault(room_key(row["building"], row["unit"], row["room"]), row)
        self.identities = store.identities(conn) if conn is not None else {}

    def find(self, building: str, unit: str, room: str) -> dict[str, Any] | None:
        return self.rows.get(room_key(building, unit, room))


def import_file(tx: Tx | None, path: Path, *, encoding: str | None = None, sheet: str | None = None,
                mapping: dict[str, str] | None = None, dry_run: bool = False, conn: Any = None,
                strict: bool = False,
                progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """All-or-nothing import keyed by building/unit/room: new rows are added, rows that
    differ are updated. With dry_run, every problem is collected and nothing written; give
    `conn` then so the summary can tell new rows from unchanged and changed ones.

    Warnings (never silent): every column that was not mapped to a field (an error with
    `strict`), and every name shared by units whose identity differs (namesakes, counted as
    different owners), with the lines."""
    from zhili_cli.domain.votes import identity_key, name_key
    from zhili_cli.importing.households import HOUSEHOLDS
    from zhili_cli.importing.progress import ticking
    from zhili_cli.importing.reader import read_rows
    from zhili_cli.importing.spec import column_of, map_headers, records

    headers, rows = read_rows(path, encoding, sheet)
    columns = map_headers(HOUSEHOLDS, headers, path, mapping)
    warnings: list[str] = []
    unmapped = [h for i, h in enumerate(headers) if h.strip() and i not in columns.values()]
    if unmapped:
        if strict:
            raise UserError("household_unmapped_strict", path=str(path), columns="、".join(unmapped))
        warnings.append(_msg("household_unmapped", path=str(path), columns="、".join(unmapped)))
    counts = {"new": 0, "unchanged": 0, "changed": 0, "rows": 0}
    problems: list[str] = []
    seen: dict[tuple[str, str, str], int] = {}
    errors = problems if dry_run else None
    room_column = column_of(headers, columns, "room")
    db = tx.conn if tx is not None else conn
    register = Register(db)
    by_name: dict[str, dict[str, list[int]]] = {}
    for line, rec in records(HOUSEHOLDS, path, headers, ticking(rows, progress), columns, errors):
        key = room_key(rec["building"], rec["unit"], rec["room"])
        if key in seen:
            err = RowError(str(path), line, room_column, "import_duplicate_row", other=seen[key])
            if not dry_run:
                raise err
            problems.append(err.message())
            continue
        seen[key] = line
        counts["rows"] += 1
        name = name_key(rec["owner"])
        if name and not rec["developer_unsold"]:
            who = identity_key(rec["owner"], rec["phone"], rec["identity"]) or f"u:{key}"
            by_name.setdefault(name, {}).setdefault(who, []).append(line)
        row = {
            "building": rec["building"], "unit": rec["unit"], "room": rec["room"],
            "area_x100": rec["area"], "owner": rec["owner"], "phone": rec["phone"],
            "residents": rec["residents"], "flags": rec["flags"] or "",
            "building_lead": int(bool(rec["building_lead"])),
            "developer_unsold": int(bool(rec["developer_unsold"])),
        }
        existing = register.find(*key)
        identity = rec["identity"] or None
        if existing is None:
            counts["new"] += 1
            if tx is not None and not dry_run:
                hid = store.insert(tx, row)
                store.set_identity(tx, hid, identity)
            continue
        changes = {k: v for k, v in row.items() if k not in ("building", "unit", "room") and existing.get(k) != v}
        same_identity = register.identities.get(existing["id"]) == identity or identity is None
        if not changes and same_identity:
            counts["unchanged"] += 1
            continue
        counts["changed"] += 1
        if tx is not None and not dry_run:
            if "owner" in changes or not same_identity:
                store.add_past_owner(tx, {"household_id": existing["id"], "owner": existing["owner"],
                                          "phone": existing["phone"], "until": tx.at.date().isoformat(),
                                          "reason": _msg("household_owner_by_import", path=path.name)})
            if changes:
                store.update(tx, existing["id"], changes)
            if identity is not None:
                store.set_identity(tx, existing["id"], identity)
    warnings += _namesakes(path, by_name)
    return {"counts": counts, "problems": problems, "warnings": warnings}


def _namesakes(path: Path, by_name: dict[str, dict[str, list[int]]]) -> list[str]:
    """One warning per name shared by units of different owners, with their lines."""
    from zhili_cli.domain.privacy import mask_name

    out = []
    for name, owners in by_name.items():
        if len(owners) < 2:
            continue
        lines = sorted(line for group in owners.values() for line in group)
        shown = "、".join(str(n) for n in lines[:20]) + ("…" if len(lines) > 20 else "")
        out.append(_msg("household_namesakes", path=str(path), name=mask_name(name), lines=shown,
                        owners=len(owners)))
    return out


def _msg(key: str, **params: Any) -> str:
    from zhili_cli.i18n import t

    return t(key, **params)


def owners(conn: Any, rules: Any) -> dict[str, Any]:
    """The counting base of an owners' vote: each owner with their units, head and area."""
    from zhili_cli.domain import votes as tally
    from zhili_cli.domain.privacy import mask_name
    from zhili_cli.store import votes as vote_store

    groups: dict[str, dict[str, Any]] = {}
    developer_as_one = rules.owners_vote.developer_unsold_as_one_owner
    for hid, b, u, r, area, owner, dev, phone, identity in vote_store.register_units(conn):
        label = f"{b}-{u}-{r}" if u else f"{b}-{r}"
        unit = tally.Unit(label, area, owner, bool(dev), phone, identity)
        key = tally.owner_key(unit, developer_as_one)
        basis = ("developer" if key == tally.DEVELOPER else "identity" if key.startswith("i:")
                 else "name_phone" if key.startswith("p:") else "unit")
        g = groups.setdefault(key, {"owner": mask_name(owner) if owner else "", "basis": basis,
                                    "units": [], "heads": 1, "area_x100": 0})
        g["units"].append(label)
        g["area_x100"] += area
    listed = sorted(groups.values(), key=lambda g: (-len(g["units"]), g["units"][0]))
    total = sum(g["area_x100"] for g in listed)
    return {"owners": len(listed), "heads": len(listed), "units": sum(len(g["units"]) for g in listed),
            "area": tally.area_number(total),
            "list": [{"owner": g["owner"], "basis": g["basis"], "units": g["units"], "heads": 1,
                      "area": tally.area_number(g["area_x100"])} for g in listed]}


def list_rows(conn: Any, building: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    return store.list_(conn, building, limit)


def _cell(parse: Any, value: str, option: str) -> Any:
    from zhili_cli.importing.cells import CellError

    try:
        return parse(value)
    except CellError as exc:
        raise UserError("household_bad_value", option=option, value=value) from exc


def add(tx: Tx, *, building: str, unit: str = "", room: str, area: str, owner: str | None = None,
        phone: str | None = None, identity: str | None = None, residents: str | None = None,
        flags: list[str] | None = None, developer_unsold: bool = False) -> dict[str, Any]:
    """`household add`: one unit, refused when the register already has it (by normalised key)."""
    from zhili_cli.importing.cells import parse_area, parse_count, parse_phone
    from zhili_cli.importing.households import _building, _identity, _room, _unit

    b, u, r = _building(building), _unit(unit or ""), _room(room)
    if not b or not r:
        raise UserError("bad_room", value=f"{building}-{unit}-{room}")
    existing = Register(tx.conn).find(b, u, r)
    if existing is not None:
        raise UserError("household_exists", room=_label(existing))
    row = {"building": b, "unit": u, "room": r, "area_x100": _cell(parse_area, area, "--area"),
           "owner": (owner or "").strip() or None,
           "phone": _cell(parse_phone, phone, "--phone") if phone else None,
           "residents": _cell(parse_count, residents, "--residents") if residents else None,
           "flags": "、".join(f.strip() for f in flags or [] if f.strip()),
           "building_lead": 0, "developer_unsold": int(developer_unsold)}
    hid = store.insert(tx, row)
    if identity:
        store.set_identity(tx, hid, _identity(identity))
    store.add_event(tx, hid, "add", "{}", None)
    return store.get(tx.conn, hid)  # type: ignore[return-value]


def edit(tx: Tx, text: str, *, reason: str, owner: str | None = None, phone: str | None = None,
         identity: str | None = None, area: str | None = None, residents: str | None = None,
         flags: list[str] | None = None, since: str | None = None, building: str | None = None,
         unit: str | None = None, room: str | None = None) -> dict[str, Any]:
    """`household edit B-U-R … --reason`: a correction with who, when, why and before/after. A new
    owner (过户) keeps the previous one in the unit's history, until `since` (default today).
    `building`/`unit`/`room` move a unit entered under the wrong number (the same record: its
    visits, votes and history stay with it); a move onto a unit the register has is refused."""
    import json

    from zhili_cli import clock
    from zhili_cli.importing.cells import parse_area, parse_count, parse_phone
    from zhili_cli.importing.households import _identity
    from zhili_cli.services.registry import find_household

    if not (reason or "").strip():
        raise UserError("correction_reason_required")
    row = find_household(tx.conn, text)
    changes: dict[str, Any] = {}
    if owner is not None:
        changes["owner"] = owner.strip() or None
    if phone is not None:
        changes["phone"] = _cell(parse_phone, phone, "--phone") if phone.strip() else None
    if area is not None:
        changes["area_x100"] = _cell(parse_area, area, "--area")
    if residents is not None:
        changes["residents"] = _cell(parse_count, residents, "--residents")
    if flags is not None:
        changes["flags"] = "、".join(f.strip() for f in flags if f.strip())
    changes.update(_moved(tx, row, building, unit, room))
    changes = {k: v for k, v in changes.items() if row.get(k) != v}
    new_identity = _identity(identity) if identity else None
    old_identity = store.identities(tx.conn).get(row["id"])
    identity_changed = identity is not None and new_identity != old_identity
    if not changes and not identity_changed:
        raise UserError("household_no_change", room=_label(row))
    if "owner" in changes or identity_changed:
        until = clock.user_date(since) if since else tx.at.date()
        if until > tx.at.date():
            raise UserError("household_since_future", day=until.isoformat())
        store.add_past_owner(tx, {"household_id": row["id"], "owner": row["owner"], "phone": row["phone"],
                                  "until": until.isoformat(), "reason": reason.strip()})
    if changes:
        store.update(tx, row["id"], changes)
    if identity_changed:
        store.set_identity(tx, row["id"], new_identity)
    shown = {k: {"from": _shown(k, row.get(k)), "to": _shown(k, v)} for k, v in changes.items()}
    if identity_changed:
        shown["identity"] = {"from": "***" if old_identity else None, "to": "***" if new_identity else None}
    action = "owner_change" if "owner" in changes else "move" if {"building", "unit", "room"} & set(changes) else "edit"
    store.add_event(tx, row["id"], action,
                    json.dumps(shown, ensure_ascii=False, sort_keys=True), reason.strip())
    return store.get(tx.conn, row["id"])  # type: ignore[return-value]


def _moved(tx: Tx, row: dict[str, Any], building: str | None, unit: str | None,
           room: str | None) -> dict[str, Any]:
    """The new building/unit/room of a unit moved by a correction, checked: a number that
    reads as nothing is refused, and so is a move onto a unit the register already has."""
    from zhili_cli.importing.households import _building, _room, _unit

    if building is None and unit is None and room is None:
        return {}
    b = _building(building) if building is not None else row["building"]
    u = _unit(unit) if unit is not None else row["unit"]
    r = _room(room) if room is not None else row["room"]
    if not b or not r:
        raise UserError("bad_room", value=f"{building or row['building']}-{unit if unit is not None else row['unit']}-"
                                          f"{room or row['room']}")
    other = Register(tx.conn).find(b, u, r)
    if other is not None and other["id"] != row["id"]:
        raise UserError("household_move_taken", room=_label(row), target=_label(other))
    return {"building": b, "unit": u, "room": r}


def _shown(key: str, value: Any) -> Any:
    """Before/after as the history shows them: names and phones masked."""
    from zhili_cli.domain.privacy import mask_name, mask_phone

    if key == "owner":
        return mask_name(value)
    if key == "phone":
        return mask_phone(value)
    return value


def _label(row: dict[str, Any]) -> str:
    return "-".join(p for p in (row["building"], row["unit"], row["room"]) if p)


def history(conn: Any, row: dict[str, Any]) -> dict[str, Any]:
    """The unit's previous owners (masked) and its corrections."""
    import json

    from zhili_cli.domain.privacy import mask_name, mask_phone

    past = [{"owner": mask_name(p["owner"]), "phone": mask_phone(p["phone"]), "until": p["until"],
             "reason": p["reason"]} for p in store.past_owners(conn, row["id"])]
    events = [{**e, "changes": json.loads(e["changes"] or "{}")} for e in store.events(conn, row["id"])]
    return {"previous_owners": past, "history": events}
