"""A published period is closed for money; a printed head can be checked by its short code;
entries recorded after a head that change what was printed at it are reported."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import Cli

Q4_END = {"ZHILI_NOW": "2025-01-06T09:00:00+08:00"}


@pytest.fixture
def books(cli):
    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    env = {"ZHILI_NOW": "2024-10-02T09:00:00+08:00"}
    cli.ok("ledger", "opening", "--amount", "8000", "--date", "2024-10-01", env=env)
    cli.ok("ledger", "income", "add", "--amount", "1500", "--source", "商铺租金", "--date", "2024-11-10",
           env={"ZHILI_NOW": "2024-11-10T09:00:00+08:00"})
    return cli


def publish_q4(cli: Cli) -> str:
    result = cli.ok("report", "quarterly", "2024Q4", "--publish", "--format", "json", env=Q4_END)
    import json

    return json.loads(result.stdout)["audit_head"]["hash"]


def test_publish_closes_the_quarter_for_income_and_payments(books):
    head = publish_q4(books)
    err = books.fails("ledger", "income", "add", "--amount", "20", "--source", "地面停车费", "--date", "2024-11-15",
                      env=Q4_END)
    assert "2024Q4" in err and "已公示" in err
    # back-dating the clock does not get round it either
    err = books.fails("ledger", "income", "add", "--amount", "20", "--source", "地面停车费",
                      env={"ZHILI_NOW": "2024-11-15T10:00:00+08:00"})
    assert "2024Q4" in err
    # a payment dated inside the quarter is refused; dated today it works
    num = books.json("expense", "request", "--amount", "300", "--payee", "平湖五金店", "--purpose", "灯泡",
                     env=Q4_END)["number"]
    books.ok("expense", "approve", num, "--by", "金建国", env=Q4_END)
    assert "2024Q4" in books.fails("expense", "pay", num, "--date", "2024-12-30", env=Q4_END)
    assert books.json("expense", "pay", num, env=Q4_END)["status"] == "paid"
    books.ok("ledger", "income", "add", "--amount", "20", "--source", "地面停车费", env=Q4_END)
    # nothing dated in the quarter changed: the head still verifies, by its 12-character code
    books.ok("audit", "verify", "--head", head[:12], env=Q4_END)


def test_an_unfinished_period_cannot_be_published_nor_one_published_twice(books):
    err = books.fails("report", "quarterly", "2024Q4", "--publish", "--format", "json",
                      env={"ZHILI_NOW": "2024-12-20T09:00:00+08:00"})
    assert "尚未结束" in err
    publish_q4(books)
    assert "已于" in books.fails("report", "quarterly", "2024Q4", "--publish", "--format", "json", env=Q4_END)
    # reprinting without --publish is fine
    books.ok("report", "quarterly", "2024Q4", "--format", "json", env=Q4_END)


def test_monthly_publication_closes_only_that_month(books):
    books.ok("report", "monthly", "2024-11", "--publish", "--format", "json", env=Q4_END)
    assert "2024-11" in books.fails("ledger", "income", "add", "--amount", "5", "--source", "地面停车费",
                                    "--date", "2024-11-30", env=Q4_END)
    books.ok("ledger", "income", "add", "--amount", "5", "--source", "地面停车费", "--date", "2024-12-01", env=Q4_END)


def test_a_failed_publication_records_nothing(books, tmp_path):
    books.fails("report", "quarterly", "2024Q4", "--publish", "--format", "md",
                "--out", str(tmp_path / "missing" / "q4.md"), env=Q4_END)
    # not recorded: the quarter is still open
    books.ok("ledger", "income", "add", "--amount", "20", "--source", "地面停车费", "--date", "2024-11-15", env=Q4_END)


def test_head_code_forms_typos_and_ambiguity(books):
    head = books.json("audit", "verify")["head"]
    for code in (head, head[:8], head[:12].upper(), f"{head[:4]} {head[4:8]} {head[8:12]}", f"{head[:6]}-{head[6:12]}"):
        books.ok("audit", "verify", "--head", code)
    typo = ("0" if head[0] != "0" else "1") + head[1:12]
    err = books.fails("audit", "verify", "--head", typo)
    assert "抄错" in err and "改动" not in err
    assert "至少 8 位" in books.fails("audit", "verify", "--head", head[:7])
    assert "至少 8 位" in books.fails("audit", "verify", "--head", "xyz12345")


def test_backdated_entry_after_a_head_is_refused_and_reported(books):
    """A document printed at head H; then income dated in November with the clock set back.
    The write is refused; were it slipped in anyway, `verify --head H` names it."""
    books.ok("ledger", "income", "add", "--amount", "10", "--source", "地面停车费", "--date", "2025-01-02",
             env=Q4_END)
    books.ok("report", "quarterly", "2024Q4", "--format", "json", env=Q4_END)  # printed, not published
    head = books.json("audit", "verify", env=Q4_END)["head"]
    err = books.fails("ledger", "income", "add", "--amount", "4900", "--source", "广告", "--date", "2024-11-15",
                      env={"ZHILI_NOW": "2024-11-15T10:00:00+08:00"})
    assert "时钟早于" in err
    _bypass_income(books, "2024-11-15")
    books.ok("audit", "verify")  # the chain itself is intact
    assert "2024-11" in books.fails("audit", "verify", "--head", head[:12])
    # an entry dated in the head's own month (late paperwork) changes no period printed at H
    later = books.json("audit", "verify", env=Q4_END)["head"]
    books.ok("ledger", "income", "add", "--amount", "10", "--source", "地面停车费", "--date", "2025-01-03",
             env=Q4_END)
    books.ok("audit", "verify", "--head", later[:12], env=Q4_END)


def _bypass_income(books, day: str) -> None:
    """Income written past every refusal, as a modified copy of zhili could."""
    from zhili_cli.store.db import open_db
    from zhili_cli.store.tx import Tx

    conn = open_db(books.db)
    conn.execute("BEGIN IMMEDIATE")
    tx = Tx(conn, "someone", "bypass")
    tx._closed = []
    tx.backdating_allowed = True
    tx.insert("ledger", {"fund": "public_revenue", "kind": "income", "source": "advertising", "amount_fen": 490000,
                         "on_date": day, "recorded_by": "someone", "recorded_at": tx.at_iso})
    conn.execute("COMMIT")
    conn.close()


def test_a_request_or_approval_backdated_into_a_published_quarter_is_refused(books):
    publish_q4(books)
    err = books.fails("expense", "request", "--amount", "3000", "--payee", "X", "--purpose", "p",
                      env={"ZHILI_NOW": "2024-12-15T10:00:00+08:00"})
    assert "2024Q4" in err


def test_no_write_is_dated_before_the_last_entry(books):
    """The finding: with a vote's window over, ballots were slipped in by setting the clock back
    between the window's end and the last entry. No write may precede what is recorded."""
    books.ok("ledger", "income", "add", "--amount", "1", "--source", "地面停车费", env=Q4_END)
    err = books.fails("petition", "add", "--title", "补记", "--source", "信箱",
                      env={"ZHILI_NOW": "2025-01-05T18:00:00+08:00"})
    assert "时钟早于" in err


def test_entry_touching_a_published_period_after_its_head_is_named(books):
    """Defence in depth: were the closed-period refusal ever bypassed, verify still names it."""
    head = publish_q4(books)
    _bypass_income(books, "2024-11-15")
    books.ok("audit", "verify")
    err = books.fails("audit", "verify", "--head", head[:12], env=Q4_END)
    assert "公示后记录被改动" in err and "2024Q4" in err


def test_rewritten_chain_after_publication_is_named_not_called_a_typo(books):
    head = publish_q4(books)
    conn = sqlite3.connect(books.db)
    # a forger rewrites the whole chain consistently (new hashes); the publication record keeps H
    from zhili_cli.store import audit

    rows = conn.execute("SELECT id, at, actor, command, table_name, row_id, action, before, after, recorded_at "
                        "FROM audit_log ORDER BY id").fetchall()
    prev = audit.GENESIS
    for (aid, at, actor, command, table, row_id, action, before, after, recorded) in rows:
        actor = "forger" if aid == 2 else actor
        digest = audit.entry_hash(prev, at, actor, command, table, row_id, action, before, after, recorded)
        conn.execute("UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?", (actor, prev, digest, aid))
        prev = digest
    conn.commit()
    conn.close()
    err = books.fails("audit", "verify", "--head", head[:12])
    assert "公示后记录被改动" in err


def test_real_time_of_writes_is_recorded_and_must_not_go_backwards(books, monkeypatch):
    conn = sqlite3.connect(books.db)
    times = [r[0] for r in conn.execute("SELECT recorded_at FROM audit_log ORDER BY id")]
    conn.close()
    assert all(times) and times == sorted(times)
    from datetime import datetime, timedelta

    from zhili_cli import clock

    monkeypatch.setattr(clock, "real_now", lambda: datetime.now(clock.TZ) - timedelta(days=3))
    books.ok("ledger", "income", "add", "--amount", "1", "--source", "地面停车费", env=Q4_END)
    assert "时钟被拨回" in books.fails("audit", "verify")


def test_published_period_survives_in_json_and_english(books):
    publish_q4(books)
    err = books.fails("--lang", "en", "ledger", "income", "add", "--amount", "20", "--source", "地面停车费",
                      "--date", "2024-12-01", env=Q4_END)
    assert "2024Q4" in err and "published" in err


def test_correction_of_a_published_quarter_goes_into_the_open_one_and_names_it(books):
    publish_q4(books)
    entry = books.json("ledger", "list", env=Q4_END)
    nov = next(e for e in entry if e["on_date"].startswith("2024-11-10"))
    books.ok("ledger", "reverse", nov["entry"], "--reason", "重复登记", env=Q4_END)
    q1 = books.ok("report", "quarterly", "2025Q1", "--format", "md",
                  env={"ZHILI_NOW": "2025-04-02T09:00:00+08:00"}).stdout
    assert "调整已公示的 2024Q4" in q1 and "重复登记" in q1
    # the posted quarter is unchanged when printed again
    q4 = books.ok("report", "quarterly", "2024Q4", "--format", "md", env=Q4_END).stdout
    assert "冲销" not in q4
    books.ok("audit", "verify")


def test_a_later_cancellation_does_not_change_a_posted_quarter(books):
    """An item approved but unpaid at the quarter's end stays listed so in every reprint, even
    after it is cancelled in the next quarter."""
    num = books.json("expense", "request", "--amount", "300", "--payee", "平湖五金店", "--purpose", "灯泡",
                     env={"ZHILI_NOW": "2024-12-20T10:00:00+08:00"})["number"]
    books.ok("expense", "approve", num, "--by", "金建国", env={"ZHILI_NOW": "2024-12-20T11:00:00+08:00"})
    first = books.ok("report", "quarterly", "2024Q4", "--format", "json", env=Q4_END).stdout
    books.ok("expense", "cancel", num, "--reason", "改由物业承担", env={"ZHILI_NOW": "2025-01-08T10:00:00+08:00"})
    again = books.ok("report", "quarterly", "2024Q4", "--format", "json",
                     env={"ZHILI_NOW": "2025-01-09T10:00:00+08:00"}).stdout
    import json

    assert json.loads(first)["sections"] == json.loads(again)["sections"]
    assert num in first
