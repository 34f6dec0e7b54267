"""A reprinted disclosure carries the head that was posted, and says when the books no longer
match it; `--out` never replaces something that is not a regular file."""

from __future__ import annotations

import json
import os
import sqlite3
import sys

import pytest

from tests.test_publication import Q4_END, books, publish_q4  # noqa: F401  (the fixture)


def _reprint(cli) -> dict:
    return json.loads(cli.ok("report", "quarterly", "2024Q4", "--format", "json", env=Q4_END).stdout)


def test_a_reprint_prints_the_posted_head_not_the_current_one(books):  # noqa: F811
    posted = publish_q4(books)
    books.ok("ledger", "income", "add", "--amount", "20", "--source", "地面停车费", env=Q4_END)  # later work
    now = books.json("audit", "verify", env=Q4_END)["head"]
    assert now != posted
    again = _reprint(books)
    assert again["audit_head"]["hash"] == posted
    assert posted[:12] in again["audit_head"]["command"]
    assert "公示时" not in (again.get("status_note") or "")  # nothing posted changed: no warning


def test_a_reprint_says_when_the_books_no_longer_match_the_posted_head(books):  # noqa: F811
    posted = publish_q4(books)
    conn = sqlite3.connect(books.db)
    conn.execute("UPDATE ledger SET amount_fen = amount_fen + 100 WHERE on_date LIKE '2024-11%'")
    conn.commit()
    conn.close()
    again = _reprint(books)
    assert again["audit_head"]["hash"] == posted
    assert "不一致" in again["status_note"] and "audit verify --head" in again["status_note"]
    md = books.ok("report", "quarterly", "2024Q4", "--format", "md", env=Q4_END).stdout
    assert "不一致" in md


def test_an_unpublished_quarter_prints_the_current_head(books):  # noqa: F811
    report = _reprint(books)
    assert report["audit_head"]["hash"] == books.json("audit", "verify", env=Q4_END)["head"]


@pytest.mark.skipif(sys.platform == "win32" or not os.path.exists("/dev/null"), reason="a POSIX device")
def test_out_refuses_a_device_even_with_force(books):  # noqa: F811
    err = books.fails("report", "quarterly", "2024Q4", "--format", "md", "--out", "/dev/null", "--force",
                      env=Q4_END)
    assert "不是普通文件" in err
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_out_refuses_a_fifo(books, tmp_path):  # noqa: F811
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    err = books.fails("report", "quarterly", "2024Q4", "--format", "md", "--out", str(fifo), "--force", env=Q4_END)
    assert "不是普通文件" in err


def test_out_still_replaces_a_regular_file_with_force(books, tmp_path):  # noqa: F811
    target = tmp_path / "q4.md"
    target.write_text("旧")
    books.ok("report", "quarterly", "2024Q4", "--format", "md", "--out", str(target), "--force", env=Q4_END)
    assert "公示" in target.read_text("utf-8")
