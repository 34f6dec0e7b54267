"""Search: petitions by words (FTS5 trigram, short words by LIKE), households by owner/phone/room."""

from __future__ import annotations

import sqlite3

from tests.conftest import write_csv

HOUSEHOLDS = "楼栋,单元,房号,面积,业主,电话,人数,标记\n" \
             "3,2,501,118,张三,13812341234,1,独居老人\n" \
             "3,2,502,90,张三丰,139-0000-1111,2,\n" \
             "5,1,301,100,欧阳娜娜,13700005678,2,独居老人、残疾人\n"


def add(cli, title, text="", **kw):
    args = ["petition", "add", "--title", title, "--source", "信箱", "--text", text]
    for k, v in kw.items():
        args += [f"--{k}", v]
    return cli.json(*args)["number"]


def numbers(cli, *args):
    return [r["number"] for r in cli.json("petition", "list", *args)]


def test_chinese_substrings_long_and_short_words(cli):
    a = add(cli, "3号楼电梯故障困人", "春天以来电梯多次停运", location="3幢2单元")
    b = add(cli, "路灯不亮", "北门路灯坏了")
    c = add(cli, "楼道堆物", "电瓶车停在楼道", location="5幢")
    assert numbers(cli, "--search", "电梯故障") == [a]          # ≥ 3 characters: the index
    assert numbers(cli, "--search", "电梯") == [a]              # 2 characters: LIKE, same answer
    assert set(numbers(cli, "--search", "楼道")) == {c}
    assert numbers(cli, "--search", "北门路灯") == [b]
    assert numbers(cli, "--search", "5幢") == [c]               # location
    assert numbers(cli, "--search", "电梯 春天") == [a]         # every word must appear
    assert numbers(cli, "--search", "电梯 路灯") == []
    assert numbers(cli, "--search", "没有这回事") == []
    assert cli.fails("petition", "list", "--search", "  ", code=2)


def test_index_follows_edits_feedback_and_filters(cli):
    a = add(cli, "水管漏水", "厨房漏水")
    cli.ok("petition", "triage", a, "--kind", "小")
    assert numbers(cli, "--search", "已更换阀门") == []
    cli.ok("petition", "close", a, "--feedback", "已更换阀门")
    assert numbers(cli, "--search", "已更换阀门") == [a]        # feedback is searched once written
    assert numbers(cli, "--search", "漏水", "--status", "done") == [a]
    assert numbers(cli, "--search", "漏水", "--status", "received") == []


def test_search_finds_imported_petitions(cli, tmp_path):
    f = write_csv(tmp_path / "p.csv", "收到日期,来源,标题,内容\n2024-01-05,信箱,地下车库渗水严重,B2层\n"
                                      "2024-01-06,走访,垃圾分类,桶不够\n")
    cli.ok("petition", "import", str(f))
    assert [r["title"] for r in cli.json("petition", "list", "--search", "车库渗水")] == ["地下车库渗水严重"]
    cli.ok("audit", "verify")  # the index is derived, not an audited table


def test_search_special_characters_are_words_not_syntax(cli):
    a = add(cli, 'A "quoted" title 100%_done')
    assert numbers(cli, "--search", '"quoted"') == [a]
    assert numbers(cli, "--search", "100%") == [a]
    assert numbers(cli, "--search", "0%_") == [a]
    assert numbers(cli, "--search", "OR") == []               # no FTS operator leaks through
    assert numbers(cli, "--search", "quo*") == []


def test_household_find_owner_phone_digits_room(cli, tmp_path):
    cli.ok("household", "import", str(write_csv(tmp_path / "h.csv", HOUSEHOLDS)))
    rooms = lambda *w: [r["room"] for r in cli.json("household", "find", *w)]  # noqa: E731
    assert rooms("张三") == ["501", "502"]                     # namesakes and prefixes both found
    assert rooms("张三丰") == ["502"]
    assert rooms("00001111") == ["502"]                        # digits of 139-0000-1111
    assert rooms("139-0000-1111") == ["502"]
    assert rooms("1234") == ["501"]
    assert rooms("301") == ["301"]
    assert rooms("3-2-501") == ["501"]
    assert rooms("欧阳") == ["301"]
    assert rooms("李四") == []
    found = cli.json("household", "find", "张三丰")[0]
    assert found["owner"] == "张**" and found["phone"] == "139****1111"  # masked unless --reveal


def test_household_index_follows_reimport(cli, tmp_path):
    cli.ok("household", "import", str(write_csv(tmp_path / "h.csv", HOUSEHOLDS)))
    changed = HOUSEHOLDS.replace("张三丰,139-0000-1111", "王五,13600002222")
    cli.ok("household", "import", str(write_csv(tmp_path / "h2.csv", changed)))
    assert cli.json("household", "find", "张三丰") == []
    assert [r["room"] for r in cli.json("household", "find", "王五")] == ["502"]
    assert [r["room"] for r in cli.json("household", "find", "36000")] == ["502"]


def test_search_without_trigram_index_falls_back_to_like(cli):
    a = add(cli, "3号楼电梯故障困人")
    conn = sqlite3.connect(cli.db)
    for name in ("search_petitions", "search_households"):
        conn.execute(f"DROP TABLE {name}")
    conn.commit()
    conn.close()
    assert numbers(cli, "--search", "电梯故障") == [a]


def _index_intact(db) -> None:
    conn = sqlite3.connect(db)
    # FTS5 compares the index with the petitions table itself; raises if they differ
    conn.execute("INSERT INTO search_petitions (search_petitions, rank) VALUES ('integrity-check', 1)")
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'search_petitions_ai'").fetchone()[0] == 1
    conn.close()


def test_batch_import_indexes_every_row_and_a_failed_one_nothing(cli, tmp_path):
    lines = "".join(f"2024-01-{1 + i % 28:02d},信箱,{i}号事项电梯维修,内容{i}\n" for i in range(2500))
    cli.ok("petition", "import", str(write_csv(tmp_path / "p.csv", "收到日期,来源,标题,内容\n" + lines)))
    assert len(cli.json("petition", "list", "--search", "号事项电梯", "--limit", "0")) == 2500
    assert [r["title"] for r in cli.json("petition", "list", "--search", "2499号事项")] == ["2499号事项电梯维修"]
    _index_intact(cli.db)
    bad = "".join(f"2024-02-{1 + i % 28:02d},信箱,{i}号坏批次,x\n" for i in range(2100)) + "2024-02-30,信箱,坏日期,x\n"
    cli.fails("petition", "import", str(write_csv(tmp_path / "bad.csv", "收到日期,来源,标题,内容\n" + bad)))
    assert cli.json("petition", "list", "--search", "号坏批次") == []
    _index_intact(cli.db)
    a = cli.json("petition", "add", "--title", "单条登记的路灯", "--source", "信箱")["number"]
    assert numbers(cli, "--search", "单条登记") == [a]                 # the trigger still indexes one row
    _index_intact(cli.db)


def test_corrected_title_is_found_by_its_new_words_only(cli):
    a = add(cli, "楼道灯不亮了")
    cli.ok("petition", "edit", a, "--reason", "记错了", "--title", "地下车库排风扇坏了")
    assert numbers(cli, "--search", "排风扇") == [a]
    assert numbers(cli, "--search", "楼道灯") == []
    _index_intact(cli.db)
