"""Sections from the other areas (meetings, motions, money, projects): shown when their tables
exist and hold rows; the agenda and the disclosure keep personal data out."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.report_data import NAMES, PHONES, PRIVATE_TITLE, fill

AT = "2024-03-02T10:00:00+08:00"


def _tables(db) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _insert(conn, table, **row):
    cols = ",".join(row)
    conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({','.join('?' for _ in row)})", list(row.values()))
    return conn.execute("SELECT last_insert_rowid()").fetchone()[0]


@pytest.fixture
def areas(cli):
    need = {"meetings", "meeting_attendance", "agenda_items", "motions", "motion_stages", "expenses",
            "expense_approvals", "ledger", "projects", "milestones", "milestone_verifications"}
    if not need <= _tables(cli.db):
        pytest.skip("the meetings and money tables are not in this build")
    fill(cli)
    conn = sqlite3.connect(cli.db)
    try:
        mid = _insert(conn, "meetings", number="M2024-001", year=2024, seq=1, kind="three_party",
                      title="三月三方协同议事会", date="2024-03-04", quorum_met=1, created_at=AT)
        for name, party in ((NAMES[0], "residents_committee"), (NAMES[1], "owners_committee"),
                            ("王五", "property"), (NAMES[2], "owners")):
            _insert(conn, "meeting_attendance", meeting_id=mid, name=name, party=party, role=None)
        _insert(conn, "agenda_items", meeting_id=mid, position=1, type="petition", ref="P2024-002",
                title="3幢屋顶漏水", decision="列入维修计划", approved=1, owner_party="property",
                decided_at=AT)
        _insert(conn, "agenda_items", meeting_id=mid, position=2, type="petition", ref="P2024-005",
                title=PRIVATE_TITLE)
        mo = _insert(conn, "motions", number="Y2024-001", year=2024, seq=1, title="更换5幢电梯", matter="lift",
                     vote_class="special", status="carried", proposed_at=AT, proposed_by="secretary",
                     closed_at="2024-03-04T12:00:00+08:00")
        _insert(conn, "motion_stages", motion_id=mo, position=1, key="party_pre", body="party",
                status="done", finished_at=AT)
        ex = _insert(conn, "expenses", number="E2024-001", year=2024, seq=1, fund="public_revenue",
                     amount_fen=1234500, payee=NAMES[2], purpose="更换路灯", tier="committee",
                     required_body="committee", status="paid", requested_by="secretary", requested_at=AT,
                     approved_at=AT, paid_at=AT)
        _insert(conn, "expense_approvals", expense_id=ex, body="committee", approver=NAMES[1], at=AT)
        _insert(conn, "ledger", fund="public_revenue", kind="opening", amount_fen=10000000, on_date="2023-12-31",
                recorded_by="s", recorded_at=AT)
        _insert(conn, "ledger", fund="public_revenue", kind="income", source="广告收入", amount_fen=500000,
                on_date="2024-01-15", note=f"{NAMES[0]} {PHONES[0]}", recorded_by="s", recorded_at=AT)
        _insert(conn, "ledger", fund="public_revenue", kind="expense", amount_fen=1234500, on_date="2024-03-02",
                expense_id=ex, recorded_by="s", recorded_at=AT)
        pj = _insert(conn, "projects", number="X2024-001", year=2024, seq=1, title="路灯改造", created_at=AT,
                     created_by="s")
        _insert(conn, "milestones", project_id=pj, seq=1, title="完工", due="2024-03-20", party="property")
        conn.commit()
    finally:
        conn.close()
    return cli


def _sections(cli, *args):
    report = json.loads(cli.ok("report", *args, "--format", "json").stdout)
    return report, {s["key"]: s for s in report["sections"]}


def test_monthly_has_the_other_areas(areas):
    _, sections = _sections(areas, "monthly", "2024-03")
    for key in ("meetings", "motions", "expenses", "funds", "projects"):
        assert key in sections, key
    meetings = sections["meetings"]["blocks"][1]["rows"]
    assert meetings[0][0] == "M2024-001" and meetings[0][3] == 4
    funds = sections["funds"]["blocks"][0]["rows"]
    assert funds[0][1:] == ["105,000.00", "0.00", "12,345.00", "92,655.00"]


def test_disclosure_item_by_item(areas, tmp_path):
    report, sections = _sections(areas, "quarterly", "2024Q1")
    money = sections["fund-public_revenue"]["blocks"]
    figures = [f["value"] for f in money[0]["items"]]
    assert figures == ["100,000.00", "5,000.00", "12,345.00", "92,655.00"]
    spending = [b for b in money if b["kind"] == "table"][-1]["rows"]
    assert spending[0][1] == "E2024-001" and spending[0][2] == "更换路灯"
    assert spending[0][3] == "李*"  # a natural person who was paid, masked on a public notice
    assert spending[0][4] == "12,345.00" and spending[0][5] == "业委会" and spending[0][6] == "2024-03-02"
    for fmt in ("md", "html", "csv", "json"):
        path = tmp_path / f"q.{fmt}"
        areas.ok("report", "quarterly", "2024Q1", "--out", str(path))
        text = path.read_text(encoding="utf-8-sig")
        for secret in (*NAMES, *PHONES, PRIVATE_TITLE):
            assert secret not in text, (fmt, secret)


def test_agenda_is_public_and_minutes_masked(areas, tmp_path):
    for fmt in ("md", "html", "json"):
        path = tmp_path / f"a.{fmt}"
        areas.ok("report", "agenda", "M2024-001", "--out", str(path))
        text = path.read_text(encoding="utf-8")
        assert "3幢屋顶漏水" in text
        for secret in (*NAMES, PRIVATE_TITLE):
            assert secret not in text, (fmt, secret)
    minutes = areas.ok("report", "minutes", "M2024-001", "--format", "md").stdout
    # officials in office named in full; a resident who attended masked
    assert "列入维修计划" in minutes and NAMES[0] in minutes and "李*" in minutes and NAMES[2] not in minutes
    assert "业主委员会（盖章）" in minutes and "主持人（签字）" in minutes and "记录人（签字）" in minutes
    assert "M2024-999" in areas.fails("report", "agenda", "M2024-999")


def test_minutes_name_the_absent_and_count_people_not_parties(areas):
    with sqlite3.connect(areas.db) as conn:
        for i, name in enumerate(("金建国", "沈丽", "陆伟", "顾敏", "钱志文")):
            _insert(conn, "members", name=name, role="chair" if i == 0 else "member", party="owners_committee",
                    term_start="2023-06-01", term_end="2028-05-31")
        mid = _insert(conn, "meetings", number="M2024-002", year=2024, seq=2, kind="committee",
                      title="三月业委会会议", date="2024-03-05", quorum_met=1, quorum_detail="5 人中 3 人出席",
                      created_at=AT)
        for name, role in (("金建国", "chair"), ("沈丽", "member"), ("陆伟", "member")):
            _insert(conn, "meeting_attendance", meeting_id=mid, name=name, party="owners_committee", role=role)
        _insert(conn, "meeting_attendance", meeting_id=mid, name="物业", party="property", role=None)
    report = json.loads(areas.ok("report", "minutes", "M2024-002", "--format", "json").stdout)
    sections = {s["key"]: s for s in report["sections"]}
    figures = {f["label"]: f["value"] for f in sections["meeting"]["blocks"][2]["items"]}
    assert figures["出席"] == "3 人（2 方）" and figures["法定人数依据"] == "5 人中 3 人出席"
    rows = {r[0]: r for r in sections["attendance"]["blocks"][0]["rows"]}
    assert rows["业委会"][1] == 3 and rows["业委会"][3] == "顾敏、钱志文"
    assert rows["物业"][1] == 0 and rows["物业"][2] == "派员出席（未记名）"
    info = dict(sections["meeting"]["blocks"][1]["rows"])
    assert info["主持人"] == "金建国" and info["记录人"].startswith("____")
