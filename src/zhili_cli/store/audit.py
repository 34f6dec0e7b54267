"""The hash-chained audit log (阳光账本).

Every insert, update and delete made through a transaction writes one audit row:
who, when, which command, which table and row, the row before and after (canonical
JSON). Each audit row's hash covers its content and the previous hash, so editing,
deleting or inserting audit rows breaks the chain; and `verify` also compares every
audited table with the last state the chain recorded, so a change made to the data
outside the tool (e.g. an UPDATE typed into the sqlite3 shell) is found and named.

A bulk insert (`Tx.insert_many`) writes one entry for a whole batch instead: action
`insert_batch`, row_id the first id, and as `after` the ids and the SHA-256 of each row's
values (`batch_after`). The values are hashed in their compact form, `canonical_values`: a
JSON array in the order of the sorted column names, which the C JSON encoder builds for a
100 000-row import in half the time of the keyed form (older batch entries, without
"form": "values", hashed the keyed form). The chain covers that entry like any other, and
`verify` compares each row with its hash. So `verify` keeps, per (table, id), only the
SHA-256 of the last state recorded, from either kind of entry (and in which form), and
compares it with the hash of the row.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Iterable

GENESIS = "0" * 64
# Every table is audited except these bookkeeping ones (and SQLite's own).
UNAUDITED = frozenset({"audit_log", "zhili_meta", "_sqlite_migrations"})
# The full-text search index (and its FTS5 shadow tables) is derived from audited rows by
# triggers: it is rebuilt from them, never the record itself.
DERIVED_PREFIX = "search_"


# Columns a later migration added to an audited table (ALTER TABLE … ADD COLUMN). A row recorded
# before the column existed is compared without it while it is still empty: an upgrade is not
# an alteration. Once the tool writes a value there, the chain records the whole row again; a
# value written from outside still shows. Every such migration lists its columns here
# (tests/test_audit_upgrade.py checks), in the order the migrations added them.
LATER_COLUMNS: dict[str, tuple[str, ...]] = {
    "votes": ("final", "closed_at", "window_from", "window_to", "announced_on", "base", "scope", "rules_sha256"),
    "expense_approvals": ("rules_sha256",),
    "expenses": ("rules_sha256", "scope"),
    "agenda_items": ("rules_sha256", "summary"),
    "meetings": ("place", "note_taker", "roster"),
    "ballots": ("method", "proxy_id"),
    "rules_versions": ("reason", "basis"),
}


def _earlier_forms(table: str, row: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """The row as it was before the last k later columns were added (they are listed in the
    order they were added), for every k whose columns are all still empty."""
    later = [c for c in LATER_COLUMNS.get(table, ()) if c in row]
    for k in range(1, len(later) + 1):
        dropped = later[-k:]
        if any(row[c] is not None for c in dropped):
            break
        yield {key: v for key, v in row.items() if key not in dropped}


def audited_tables(conn: sqlite3.Connection) -> list[str]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    return [n for n in names if n not in UNAUDITED and not n.startswith(("sqlite_", DERIVED_PREFIX))]


def canonical(row: dict[str, Any] | None) -> str | None:
    if row is None:
        return None
    return json.dumps(row, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


# Values as a compact JSON array: no ASCII escaping, no spaces (a tuple encodes as a list).
values_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def canonical_values(row: dict[str, Any]) -> str:
    """The row's values, in the order of its sorted column names, as a compact JSON array."""
    return values_json([row[name] for name in sorted(row)])


def entry_hash(prev: str, at: str, actor: str, command: str, table: str, row_id: int,
               action: str, before: str | None, after: str | None, recorded: str | None = None) -> str:
    """The entry's SHA-256. `recorded` (the real time written) is covered when present; entries
    written before it was recorded hash as they always did."""
    fields = [prev, at, actor, command, table, str(row_id), action, before or "", after or ""]
    if recorded is not None:
        fields.append(recorded)
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


BATCH = "insert_batch"


def batch_after(ids: list[int], hashes: list[str]) -> str:
    """The `after` of an insert_batch entry: the row ids and the SHA-256 of each row's
    `canonical_values`, in order."""
    return json.dumps({"form": "values", "ids": ids, "sha256": hashes}, separators=(",", ":"))


VALUES_MARK = "["  # before a recorded hash of the values form, in verify's last states


def state_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def head(conn: sqlite3.Connection) -> tuple[int, str]:
    row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


# a computer's clock may be corrected by a little; more than this backwards is reported
CLOCK_SLACK_SECONDS = 120


@dataclass
class Problem:
    # chain | gap | row_changed | row_added | row_deleted | head_missing | clock_backwards
    # | after_publication (an entry after the given head touches a period published at it)
    # | after_head_backdated (an entry after the given head is dated in a month that had ended)
    # | recorded_missing (an entry after the first that carries its real time carries none)
    # | dated_ahead (an entry dated later than the real time it was written)
    kind: str
    table: str
    row_id: int
    audit_id: int | None = None
    period: str | None = None


def last_effective_time(conn: sqlite3.Connection) -> str | None:
    """The effective time of the latest entry written (ISO with offset)."""
    row = conn.execute("SELECT at FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else None


def records_real_time(conn: sqlite3.Connection) -> bool:
    return any(r[1] == "recorded_at" for r in conn.execute("PRAGMA table_info(audit_log)"))


def closed_periods(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(period, first day, last day) of every published period."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'publications'").fetchone():
        return []
    return [tuple(r) for r in conn.execute("SELECT period, first_day, last_day FROM publications ORDER BY first_day")]


def resolve_head(conn: sqlite3.Connection, text: str) -> tuple[str, str | None, list[str]]:
    """A head as a resident types it: the whole hash or a prefix of ≥ 8 hex characters, spaces
    and dashes allowed. Returns (status, full hash, candidates): status is found | not_found |
    ambiguous | bad; `not_found` with the full hash of a publication that printed this code
    means the chain was rewritten."""
    code = "".join(ch for ch in text.lower() if ch not in " -_\t")
    if len(code) < 8 or any(ch not in "0123456789abcdef" for ch in code):
        return "bad", None, []
    hits = [r[0] for r in conn.execute(
        "SELECT hash FROM audit_log WHERE hash >= ? AND hash < ? ORDER BY id LIMIT 5",
        (code, code + "g"))]
    if len(hits) == 1:
        return "found", hits[0], hits
    if len(hits) > 1:
        return "ambiguous", None, hits
    published = None
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'publications'").fetchone():
        row = conn.execute("SELECT head FROM publications WHERE head >= ? AND head < ? LIMIT 1",
                           (code, code + "g")).fetchone()
        published = row[0] if row else None
    return "not_found", published, []

def verify(conn: sqlite3.Connection, expect_head: str | None = None) -> tuple[list[Problem], int, str]:
    """Check the chain and the tables against it. Returns (problems, entries, head hash)."""
    problems: list[Problem] = []
    prev = GENESIS
    expected_id = 1
    # (table, id) → SHA-256 of the last state the chain recorded; None once deleted
    last_state: dict[tuple[str, int], str | None] = {}
    from zhili_cli.store.audit_head import AfterHead

    head_seen = expect_head is None
    after_head: AfterHead | None = None
    count = 0
    last_recorded: str | None = None
    cursor = conn.execute(
        "SELECT id, at, actor, command, table_name, row_id, action, before, after, prev_hash, hash, recorded_at "
        "FROM audit_log ORDER BY id"
    )
    for row in cursor:
        count += 1
        (aid, at, actor, command, table, row_id, action, before, after, prev_hash, digest, recorded) = row
        if aid != expected_id and not any(p.kind in ("chain", "gap") for p in problems):
            problems.append(Problem("gap", table, row_id, aid))
        expected_id = aid + 1
        calc = entry_hash(prev, at, actor, command, table, row_id, action, before, after, recorded)
        if (prev_hash != prev or digest != calc) and not any(p.kind in ("chain", "gap") for p in problems):
            problems.append(Problem("chain", table, row_id, aid))
        prev = digest
        if not recorded and last_recorded:
            # written by this version yet without its real time: not written by zhili
            problems.append(Problem("recorded_missing", table, row_id, aid))
        if recorded and _seconds_between(recorded, at) > CLOCK_SLACK_SECONDS:
            problems.append(Problem("dated_ahead", table, row_id, aid))
        if recorded:
            if last_recorded and _seconds_between(recorded, last_recorded) > CLOCK_SLACK_SECONDS:
                problems.append(Problem("clock_backwards", table, row_id, aid))
            last_recorded = recorded if not last_recorded or recorded > last_recorded else last_recorded
        if after_head is not None:
            problem = after_head.check(aid, at, table, row_id, action, before, after)
            if problem:
                problems.append(problem)
        if expect_head and digest == expect_head:
            head_seen = True
            after_head = AfterHead(conn, aid, at)
        if action == BATCH:
            _record_batch(last_state, table, row_id, after)
        else:
            last_state[(table, row_id)] = None if after is None else state_hash(after)
    if not head_seen:
        problems.append(Problem("head_missing", "", 0, None))
    problems.extend(_compare_tables(conn, last_state))
    return problems, count, prev


def _record_batch(last_state: dict[tuple[str, int], str | None], table: str, row_id: int,
                  after: str | None) -> None:
    """The rows of an insert_batch entry. A malformed one (which the chain check has already
    flagged if it was altered) records what it can: its first row as unreadable."""
    try:
        batch = json.loads(after or "")
        ids, hashes = batch["ids"], batch["sha256"]
        if len(ids) != len(hashes):
            raise ValueError
    except (ValueError, TypeError, KeyError):
        last_state[(table, row_id)] = ""  # matches no row: the row is reported changed
        return
    mark = VALUES_MARK if batch.get("form") == "values" else ""
    for rid, digest in zip(ids, hashes):
        last_state[(table, rid)] = mark + digest


def _compare_tables(conn: sqlite3.Connection, last_state: dict[tuple[str, int], str | None]) -> Iterable[Problem]:
    for table in audited_tables(conn):
        seen: set[int] = set()
        cur = conn.execute(f'SELECT * FROM "{table}" ORDER BY id')
        cols = [d[0] for d in cur.description]
        for values in cur:
            row = dict(zip(cols, values))
            rid = row["id"]
            seen.add(rid)
            key = (table, rid)
            if key not in last_state or last_state[key] is None:
                yield Problem("row_added", table, rid)
            else:
                state: str = last_state[key]  # type: ignore[assignment]
                if not _matches(state, row) and not any(_matches(state, r) for r in _earlier_forms(table, row)):
                    yield Problem("row_changed", table, rid)
        for (t, rid), state in last_state.items():
            if t == table and state is not None and rid not in seen:
                yield Problem("row_deleted", table, rid)


def _matches(state: str, row: dict[str, Any]) -> bool:
    if state.startswith(VALUES_MARK):
        return state_hash(canonical_values(row)) == state[1:]
    return state_hash(canonical(row)) == state  # type: ignore[arg-type]


def _seconds_between(later: str, earlier: str) -> float:
    """How far `later` lies BEFORE `earlier`, in seconds (0 when it does not)."""
    from datetime import datetime

    try:
        return max(0.0, (datetime.fromisoformat(earlier) - datetime.fromisoformat(later)).total_seconds())
    except ValueError:
        return 0.0
