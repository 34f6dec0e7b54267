"""People and roles: a committee of the right size, one chair, terms within the limit."""

from __future__ import annotations

from datetime import date
from typing import Any

from zhili_cli import clock
from zhili_cli.domain import vocab
from zhili_cli.errors import UserError
from zhili_cli.store import members as store
from zhili_cli.store.tx import Tx


def add(tx: Tx, rules: Any, *, name: str, role: str, party: str | None = None, phone: str | None = None,
        term_start: str | None = None, term_end: str | None = None) -> dict[str, Any]:
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
    return store.get(tx.conn, row_id)  # type: ignore[return-value]


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
        counts["rows"] += 1
        row = {"name": rec["name"], "role": rec["role"], "party": rec["party"], "phone": rec["phone"],
               "term_start": start.isoformat() if start else None, "term_end": end.isoformat() if end else None}
        existing = store.find(db, rec["name"], rec["role"]) if db is not None else []
        if not existing:
            counts["new"] += 1
            if tx is not None and not dry_run:
                store.add(tx, row)
            continue
        changes = {k: v for k, v in row.items() if existing[0].get(k) != v}
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


def list_rows(conn: Any, role: str | None = None) -> list[dict[str, Any]]:
    return store.list_(conn, role)
