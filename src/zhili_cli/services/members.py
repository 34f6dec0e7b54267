"""People and roles: a committee of the right size, one chair, terms within the limit."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from zhili_cli import clock
from zhili_cli.domain import vocab
from zhili_cli.errors import Term, UserError
from zhili_cli.store import members as store
from zhili_cli.store.tx import Tx


def add(tx: Tx, rules: Any, *, name: str, role: str, party: str | None = None, phone: str | None = None,
        term_start: str | None = None, term_end: str | None = None, basis: str | None = None,
        basis_date: str | None = None) -> dict[str, Any]:
    """A person joins in a role. Committee members and party representatives only with their
    basis (the election, the appointment: see `members_basis`), kept in their history."""
    from zhili_cli.services import members_basis

    if not name.strip():
        raise UserError("name_required")
    role_key = vocab.role(role)
    party_key = vocab.party(party) if party else vocab.ROLE_PARTY.get(role_key)
    if party_key is None:
        raise UserError("member_needs_party", role=role)
    start, end = clock.user_date(term_start), clock.user_date(term_end)
    if start and end:
        if end < start:
            raise UserError("term_reversed")
        if role_key in vocab.COMMITTEE_ROLES:
            limit = rules.committee.term_max_years
            try:
                latest = start.replace(year=start.year + limit)
            except ValueError:  # 29 February
                latest = start.replace(year=start.year + limit, day=28)
            if end > latest:
                raise UserError("term_too_long", years=limit)
    why = members_basis.joining(tx.conn, role_key, basis=basis, basis_date=clock.user_date(basis_date),
                                start=start, today=tx.at.date())
    if store.find(tx.conn, name.strip(), role_key):
        raise UserError("member_exists", name=name, role=role)
    today = tx.at.date().isoformat()
    if role_key == "chair":
        for other in store.committee(tx.conn, today):
            if other["role"] == "chair":
                raise UserError("chair_exists", name=other["name"])
    if role_key in vocab.COMMITTEE_ROLES:
        size = len(store.committee(tx.conn, today))
        if size + 1 > rules.committee.size_max:
            raise UserError("committee_full", size=rules.committee.size_max)
    row_id = store.add(tx, {
        "name": name.strip(), "role": role_key, "party": party_key, "phone": phone,
        "term_start": start.isoformat() if start else None, "term_end": end.isoformat() if end else None,
    })
    row = store.get(tx.conn, row_id)
    if why:
        _record_basis(tx, row_id, row, why)  # type: ignore[arg-type]
    return row  # type: ignore[return-value]


def _record_basis(tx: Tx, member_id: int, row: dict[str, Any], why: dict[str, Any]) -> None:
    """The basis of joining, in the member's audited history."""
    store.add_change(tx, {"member_id": member_id, "action": "add", "at": tx.at_iso, "actor": tx.actor,
                          "reason": why["basis"], "before": "{}",
                          "after": json.dumps({"term_start": row["term_start"], "term_end": row["term_end"], **why},
                                              ensure_ascii=False)})


def import_file(tx: Tx | None, rules: Any, path: Any, *, encoding: str | None = None, sheet: str | None = None,
                mapping: dict[str, str] | None = None, dry_run: bool = False, conn: Any = None,
                progress: Any = None) -> dict[str, Any]:
    """All-or-nothing import of people and roles, keyed by (name, role): new people are
    added, changed phone/party/terms updated. Terms keep within committee.term_max_years;
    after the file, the committee has at most one chair and committee.size_max members."""
    from zhili_cli.errors import RowError
    from zhili_cli.importing.members import MEMBERS
    from zhili_cli.importing.progress import ticking
    from zhili_cli.importing.reader import read_rows
    from zhili_cli.importing.spec import column_of, map_headers, records

    from zhili_cli.services import members_basis

    headers, rows = read_rows(path, encoding, sheet)
    columns = map_headers(MEMBERS, headers, path, mapping)
    counts = {"new": 0, "unchanged": 0, "changed": 0, "rows": 0}
    problems: list[str] = []
    db = tx.conn if tx is not None else conn
    from zhili_cli import clock

    today = (tx.at if tx is not None else clock.now()).date()
    seen: dict[tuple[str, str], int] = {}
    chairs: list[tuple[int, str]] = []
    committee_lines: list[int] = []
    limit = rules.committee.term_max_years

    def problem(err: RowError) -> None:
        if not dry_run:
            raise err
        problems.append(err.message())

    for line, rec in records(MEMBERS, path, headers, ticking(rows, progress), columns,
                             problems if dry_run else None):
        key = (rec["name"], rec["role"])
        if key in seen:
            problem(RowError(str(path), line, column_of(headers, columns, "name"), "import_duplicate_row",
                             other=seen[key]))
            continue
        seen[key] = line
        start, end = rec["term_start"], rec["term_end"]
        if start and end and rec["role"] in vocab.COMMITTEE_ROLES:
            try:
                latest = start.replace(year=start.year + limit)
            except ValueError:  # 29 February
                latest = start.replace(year=start.year + limit, day=28)
            if end > latest:
                problem(RowError(str(path), line, column_of(headers, columns, "term_end"), "term_too_long",
                                 years=limit))
                continue
        serving = (start is None or start <= today) and (end is None or end >= today)
        if rec["role"] in vocab.COMMITTEE_ROLES and serving:
            committee_lines.append(line)
            if rec["role"] == "chair":
                if chairs:
                    problem(RowError(str(path), line, column_of(headers, columns, "role"), "import_chair_twice",
                                     other=chairs[0][0]))
                    continue
                chairs.append((line, rec["name"]))
        existing = store.find(db, rec["name"], rec["role"]) if db is not None else []
        why = None
        if not existing and db is not None:
            try:
                why = members_basis.joining(db, rec["role"], basis=rec.get("basis"), basis_date=rec.get("basis_date"),
                                            start=start, today=today)
            except UserError as err:
                problem(RowError(str(path), line, column_of(headers, columns, "basis"), err.key, **err.params))
                continue
        counts["rows"] += 1
        row = {"name": rec["name"], "role": rec["role"], "party": rec["party"], "phone": rec["phone"],
               "term_start": start.isoformat() if start else None, "term_end": end.isoformat() if end else None}
        if not existing:
            counts["new"] += 1
            if tx is not None and not dry_run:
                row_id = store.add(tx, row)
                if why:
                    _record_basis(tx, row_id, row, why)
            continue
        changes = {k: v for k, v in row.items() if existing[0].get(k) != v
                   and (k in columns or k not in ("term_start", "term_end", "phone"))}  # a column not in the file
        moved = _term_moved(existing[0], changes, today) if rec["role"] in vocab.SPEAKING_ROLES else None
        if moved:
            problem(RowError(str(path), line, column_of(headers, columns, moved), "reps.import_term_change",
                             name=rec["name"], role=Term(f"role.{rec['role']}")))
            continue
        if not changes:
            counts["unchanged"] += 1
            continue
        counts["changed"] += 1
        if tx is not None and not dry_run:
            tx.update("members", existing[0]["id"], changes)
    if db is not None and (problems == [] or dry_run):
        _check_committee(db, tx, rules, path, today, chairs, committee_lines, seen, problem, dry_run,
                         column_of(headers, columns, "role"))
    return {"counts": counts, "problems": problems}


def _term_moved(member: dict[str, Any], changes: dict[str, Any], today: date) -> str | None:
    """The term column an import may not change for someone who speaks for a body (joining and
    leaving need their basis: `member add`, `member end-term`): any new start, and any new end
    but a first one not before today."""
    if "term_start" in changes:
        return "term_start"
    if "term_end" in changes:
        new = changes["term_end"]
        if member["term_end"] is None and new is not None and new >= today.isoformat():
            return None
        return "term_end"
    return None


def _check_committee(db: Any, tx: Tx | None, rules: Any, path: Any, today: date, chairs: list[tuple[int, str]],
                     lines: list[int], seen: dict[tuple[str, str], int], problem: Any, dry_run: bool,
                     column: str) -> None:
    """One chair, at most size_max members serving today, counting people already stored."""
    from zhili_cli.errors import RowError

    stored = store.committee(db, today.isoformat())
    if tx is None or dry_run:  # the file's rows are not stored yet: count the others
        others = [m for m in stored if (m["name"], m["role"]) not in seen]
        size = len(others) + len(lines)
        stored_chairs = [m for m in others if m["role"] == "chair"]
    else:
        size = len(stored)
        stored_chairs = [m for m in stored if m["role"] == "chair" and (m["name"], "chair") not in seen]
    if chairs and stored_chairs:
        problem(RowError(str(path), chairs[0][0], column, "import_chair_exists", name=stored_chairs[0]["name"]))
    if size > rules.committee.size_max:
        where = lines[-1] if lines else 1
        problem(RowError(str(path), where, column, "import_committee_full", size=rules.committee.size_max))


TERM_WARNING_DAYS = 90


def even_committee(conn: Any, rules: Any, today: date | None = None) -> int | None:
    """The number of committee members in office today when `committee.size_odd` wants an odd
    number and it is even (Guiding rules 2009 art. 31: 5–11 members, an odd number); None
    otherwise. An even committee still decides (a vacancy is filled by a by-election, art. 33):
    the commands that change or list the roster warn."""
    if not rules.committee.size_odd:
        return None
    size = len(store.committee(conn, (today or clock.now().date()).isoformat()))
    return size if size and size % 2 == 0 else None


def list_rows(conn: Any, role: str | None = None, today: date | None = None,
              within: int = TERM_WARNING_DAYS) -> list[dict[str, Any]]:
    """The roster; each row says whether its term ends within `within` days (`term_ends_soon`,
    `days_left`), so an election can be prepared before the chair's approvals stop."""
    today = today or clock.now().date()
    out = []
    for r in store.list_(conn, role):
        left = _days_left(r, today)
        out.append({**r, "days_left": left, "term_ends_soon": left is not None and 0 <= left <= within})
    return out


def _days_left(member: dict[str, Any], today: date) -> int | None:
    if not member["term_end"]:
        return None
    return (date.fromisoformat(member["term_end"][:10]) - today).days


def terms_ending(conn: Any, today: date, days: int = TERM_WARNING_DAYS) -> list[dict[str, Any]]:
    """People in office whose term ends within `days` days of `today`, soonest first, with
    `days_left` (for `zhili today` and the monthly report)."""
    until = today + timedelta(days=days)
    return [{**m, "days_left": _days_left(m, today)}
            for m in store.terms_ending(conn, today.isoformat(), until.isoformat())]


def find_one(conn: Any, name: str, role: str | None = None) -> dict[str, Any]:
    """One person by name (and role, when the name is held by several records)."""
    rows = store.find(conn, (name or "").strip(), vocab.role(role) if role else None)
    if not rows:
        raise UserError("member_not_found", name=name)
    if len(rows) > 1:
        raise UserError("member_ambiguous", name=name, roles="、".join(vocab.ROLE_ZH[r["role"]] for r in rows))
    return rows[0]


def end_term(tx: Tx, name: str, *, on: date | None, reason: str | None, role: str | None = None,
             kind: str | None = None, doc: str | None = None) -> dict[str, Any]:
    """A member leaves office: the term ends on `on` (default today; in office through that day).
    Only earlier than recorded, never in the future; a committee member or representative only
    for a reason of a known kind with its document (`members_basis.leaving`). The change, its
    reason and the term before are kept in the member's history."""
    from zhili_cli.services import members_basis

    member = find_one(tx.conn, name, role)
    today = tx.at.date()
    end = on or today
    if end > today:
        raise UserError("member_end_future", date=end.isoformat())
    if member["term_start"] and end.isoformat() < member["term_start"][:10]:
        raise UserError("member_end_before_start", date=end.isoformat(), start=member["term_start"])
    if member["term_end"] and member["term_end"][:10] < today.isoformat():
        raise UserError("member_term_ended", name=member["name"], role=Term(f"role.{member['role']}"),
                        date=member["term_end"][:10])
    if member["term_end"] and end.isoformat() > member["term_end"][:10]:
        raise UserError("member_end_after_term", date=end.isoformat(), end=member["term_end"])
    ended = members_basis.leaving(tx.conn, member["role"], kind=kind, doc=doc)
    why = (reason or "").strip() or (members_basis.END_KINDS[ended["kind"]][0] if ended["kind"] else "")
    if not why:
        raise UserError("correction_reason_required")
    before = {"term_end": member["term_end"]}
    row = store.update(tx, member["id"], {"term_end": end.isoformat()})
    store.add_change(tx, {"member_id": member["id"], "action": "end_term", "at": tx.at_iso, "actor": tx.actor,
                          "reason": why, "before": json.dumps(before, ensure_ascii=False),
                          "after": json.dumps({"term_end": row["term_end"],
                                               **{k: v for k, v in ended.items() if v}}, ensure_ascii=False)})
    return row


def detail(conn: Any, name: str, role: str | None = None) -> dict[str, Any]:
    from zhili_cli.domain.privacy import mask_phone

    member = find_one(conn, name, role)
    today = clock.now().date()
    left = _days_left(member, today)
    return {"name": member["name"], "role": member["role"], "party": member["party"],
            "phone": mask_phone(member["phone"]), "term_start": member["term_start"],
            "term_end": member["term_end"], "days_left": left,
            "term_ends_soon": left is not None and 0 <= left <= TERM_WARNING_DAYS,
            "history": [{"action": c["action"], "at": c["at"], "by": c["actor"], "reason": c["reason"],
                         "before": json.loads(c["before"] or "{}"), "after": json.loads(c["after"] or "{}")}
                        for c in store.changes(conn, member["id"])]}
