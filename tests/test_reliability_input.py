"""Bad input, generated: whatever is typed, the answer is a result or one clear line (exit 1 or 2),
never a traceback; SQL-looking text and very long strings are stored literally or refused cleanly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Cli
from zhili_cli.domain import vocab
from zhili_cli.domain.keys import clean_text
from zhili_cli.errors import UserError
from zhili_cli.rules.load import default_text

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# text a person could type: any character a shell argument can carry (no NUL, no lone surrogate)
typed = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
SQLISH = ["'; DROP TABLE petitions; --", "\" OR 1=1 --", "Robert'); DELETE FROM audit_log;--",
          "%' UNION SELECT * FROM households --", "NULL", "0x00", "1; ATTACH DATABASE 'x' AS y"]
tricky = st.one_of(typed, st.sampled_from(SQLISH), st.sampled_from(["", " ", "-", "--", "-1", "0", "1e9",
                                                                     "２０２４-０３-０５", "\u202e", "🏠" * 5]))
dates = st.one_of(tricky, st.dates().map(str), st.sampled_from(["2024-02-30", "2024/3/5", "2024年3月5日",
                                                               "2024-03-05T25:00", "9999-12-31", "0001-01-01"]))


def _word(table: dict) -> st.SearchStrategy[str]:
    return st.sampled_from([names[0] for names in table.values()] + list(table))


def check_outcome(result, allowed=(0, 1, 2)) -> None:
    """Exit 0, or exit 1/2 with exactly one line on stderr; no exception escaped."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in allowed, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    if result.exit_code:
        err = result.stderr.strip()
        assert err and len(err.splitlines()) == 1, f"want one line on stderr, got: {err!r}"


def _cli(tmp: Path) -> Cli:
    cli = Cli(tmp / "fuzz.db")
    if not cli.db.exists():
        cli.ok("init", "--name", "输入测试")
        cli.ok("petition", "add", "--title", "已有诉求", "--source", "信箱")
    return cli


def _stored_titles(db: Path) -> list[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = [r[0] for r in conn.execute("SELECT title FROM petitions ORDER BY id")]
    conn.close()
    return rows


@SETTINGS
@given(title=tricky, source=st.one_of(_word(vocab.SOURCES), tricky), text=tricky,
       kind=st.one_of(st.none(), _word(vocab.KINDS), tricky), building=st.one_of(st.none(), tricky),
       reporter=st.one_of(st.none(), tricky), phone=st.one_of(st.none(), tricky),
       received=st.one_of(st.none(), dates))
def test_petition_add_any_options(tmp_path, title, source, text, kind, building, reporter, phone, received):
    cli = _cli(tmp_path)
    args = ["petition", "add", "--title", title, "--source", source, "--text", text, "--json"]
    for flag, value in (("--kind", kind), ("--building", building), ("--reporter", reporter),
                        ("--phone", phone), ("--received", received)):
        if value is not None:
            args += [flag, value]
    before = len(_stored_titles(cli.db))
    result = cli(*args)
    check_outcome(result)
    titles = _stored_titles(cli.db)
    if result.exit_code == 0:
        # stored literally, but for control and invisible characters, which are never stored
        assert len(titles) == before + 1 and titles[-1] == clean_text(title).strip()
    else:
        assert len(titles) == before  # refused: nothing written


@SETTINGS
@given(status=st.lists(st.one_of(st.sampled_from(["received", "done", "verified"]), tricky), max_size=2),
       kind=st.one_of(st.none(), _word(vocab.KINDS), tricky), source=st.one_of(st.none(), tricky),
       building=st.one_of(st.none(), tricky), month=st.one_of(st.none(), tricky, st.just("2024-3")),
       limit=st.one_of(st.none(), tricky, st.integers(-5, 10**12).map(str)), overdue=st.booleans(),
       json_out=st.booleans())
def test_petition_list_any_filters(tmp_path, status, kind, source, building, month, limit, overdue, json_out):
    cli = _cli(tmp_path)
    args = ["petition", "list"]
    for s in status:
        args += ["--status", s]
    for flag, value in (("--kind", kind), ("--source", source), ("--building", building),
                        ("--month", month), ("--limit", limit)):
        if value is not None:
            args += [flag, value]
    args += ["--overdue"] * overdue + ["--json"] * json_out
    check_outcome(cli(*args))


@SETTINGS
@given(ref=st.one_of(tricky, st.sampled_from(["P2024-001", "p2024-1", "1", "P2024-999999999999", "99999999999999999999"])),
       date_from=st.one_of(st.none(), dates), date_to=st.one_of(st.none(), dates))
def test_petition_show_and_stats_any_input(tmp_path, ref, date_from, date_to):
    cli = _cli(tmp_path)
    check_outcome(cli("petition", "show", ref))
    check_outcome(cli("petition", "show", ref, "--json"))
    args = ["petition", "stats", "--json"]
    if date_from is not None:
        args += ["--from", date_from]
    if date_to is not None:
        args += ["--to", date_to]
    check_outcome(cli(*args))


def _csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


cells = st.one_of(tricky, st.sampled_from(["", "118.32", "-5", "0", "1e400", "１２０", "120㎡", "是", "否", "nan", "inf"]))


@SETTINGS
@given(rows=st.lists(st.tuples(cells, cells, cells, cells, cells, cells, cells), min_size=1, max_size=4),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_household_import_any_cells(tmp_path, rows, encoding):
    cli = _cli(tmp_path)
    lines = ["楼栋,单元,房号,面积,业主,电话,人数"] + [",".join(_csv_cell(c) for c in row) for row in rows]
    path = tmp_path / "h.csv"
    try:
        path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    except UnicodeEncodeError:
        path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    check_outcome(cli("household", "import", str(path), "-q"))
    dry = cli("household", "import", str(path), "-q", "--dry-run")  # lists every problem, one a line
    assert dry.exception is None or isinstance(dry.exception, SystemExit), repr(dry.exception)
    assert dry.exit_code in (0, 1, 2) and "Traceback" not in dry.output


@SETTINGS
@given(amount=st.one_of(tricky, st.decimals(allow_nan=True, allow_infinity=True).map(str),
                        st.floats().map(str), st.integers().map(str),
                        st.sampled_from(["5,000.00元", "¥5000", "1.2万", "0.001", "1e3", "-0", "3亿", "万"])))
def test_amounts_parse_or_refuse(tmp_path, amount):
    from zhili_cli.domain.money import MAX_FEN, parse_yuan

    try:
        fen = parse_yuan(amount)
    except UserError:
        pass
    else:
        assert isinstance(fen, int) and 0 < fen <= MAX_FEN
    cli = _cli(tmp_path)
    check_outcome(cli("expense", "check", "--", amount) if amount.startswith("-") else cli("expense", "check", amount))


_RULE_LINES = [i for i, line in enumerate(default_text().splitlines())
               if ":" in line and not line.lstrip().startswith("#")]


@SETTINGS
@given(line=st.sampled_from(_RULE_LINES),
       value=st.one_of(tricky, st.integers(-10**6, 10**6).map(str),
                       st.sampled_from(["[1, 2", "{a: b}", "~", "true", "1/0", "3/2", "'x'", "- a", "&a *a"])),
       mode=st.sampled_from(["value", "insert", "delete"]))
def test_rules_file_edits_refused_with_a_line(tmp_path, line, value, mode):
    cli = _cli(tmp_path)
    lines = default_text().splitlines()
    original = lines[line]
    if mode == "value":
        key = original.split(":", 1)[0]
        lines[line] = f"{key}: {value}"
    elif mode == "insert":
        lines.insert(line, value)
    else:
        del lines[line]
    rules = tmp_path / "zhili.yaml"
    rules.write_text("\n".join(lines) + "\n", "utf-8")
    try:
        for args in (("rules", "check"), ("petition", "list"), ("petition", "add", "--title", "x", "--source", "信箱")):
            result = cli(*args)
            check_outcome(result, allowed=(0, 1))
            if result.exit_code:
                assert result.stderr.startswith("zhili.yaml"), result.stderr
                break
    finally:
        rules.write_text(default_text(), "utf-8")


def test_sql_looking_text_is_stored_literally(cli):
    for i, text in enumerate(SQLISH):
        number = cli.json("petition", "add", "--title", text, "--source", "信箱", "--reporter", text,
                          "--location", text, "--text", text)["number"]
        shown = cli.json("petition", "show", number)
        assert shown["title"] == text.strip() and shown["location"] == text and shown["text"] == text
    assert len(cli.json("petition", "list", "--limit", "0")) == len(SQLISH)
    cli.ok("audit", "verify")


@pytest.mark.slow
def test_ten_megabyte_strings(cli, tmp_path):
    big = "长" * (10 * 1024 * 1024)
    result = cli("petition", "add", "--title", big, "--source", "信箱", "--json")
    check_outcome(result)
    if result.exit_code == 0:
        with sqlite3.connect(cli.db) as conn:
            assert conn.execute("SELECT length(title) FROM petitions").fetchone()[0] == len(big)
        conn.close()
    check_outcome(cli("petition", "show", big))
    check_outcome(cli("petition", "list", "--building", big, "--json"))
    # a 10 MB cell in an imported file
    path = tmp_path / "big.csv"
    path.write_text("楼栋,单元,房号,面积,业主\n1,1,101,100," + "x" * (10 * 1024 * 1024) + "\n", "utf-8")
    result = cli("household", "import", str(path), "-q")
    check_outcome(result)
    cli.ok("audit", "verify")


@pytest.mark.parametrize("args", [
    ["petition", "list", "--limit", "abc"], ["petition", "add"], ["petition", "add", "--title"],
    ["nonsense"], ["petition", "frobnicate"], ["household", "import"], ["backup"],
    ["petition", "list", "--unknown-flag"], ["audit", "verify", "--head"],
])
def test_usage_errors_are_one_line(cli, args):
    cli.fails(*args, code=2)


ROLES = ["主任", "副主任", "委员", "居委会代表", "物业代表", "业主代表", "网格员", "楼道长", "chair"]
PARTIES = ["居委会", "业委会", "物业", "property"]


@SETTINGS
@given(name=tricky, role=st.one_of(st.sampled_from(ROLES), tricky), party=st.one_of(st.none(), st.sampled_from(PARTIES), tricky),
       phone=st.one_of(st.none(), tricky), start=st.one_of(st.none(), dates), end=st.one_of(st.none(), dates))
def test_member_add_any_options(tmp_path, name, role, party, phone, start, end):
    cli = _cli(tmp_path)
    args = ["member", "add", name, "--role", role, "--basis", "任职文件1号", "--basis-date", "2019-01-01"]
    for flag, value in (("--party", party), ("--phone", phone), ("--term-start", start), ("--term-end", end)):
        if value is not None:
            args += [flag, value]
    check_outcome(cli(*args) if not name.startswith("-") else cli(*args[:2], "--", *args[2:]))
    check_outcome(cli("member", "list", "--json"))


@SETTINGS
@given(room=st.one_of(tricky, st.sampled_from(["1-1-101", "3幢2单元501", "1-101", "--", "0-0-0"])),
       building=st.one_of(st.none(), tricky), limit=st.one_of(st.none(), tricky, st.integers(-3, 10**15).map(str)),
       key=st.one_of(tricky, st.sampled_from(["expenses.tiers", "expenses.tiers[1].max", "petitions", "x.y.z", "[0]"])),
       table=st.one_of(st.none(), tricky, st.sampled_from(["petitions", "households", "audit_log"])))
def test_lookups_any_input(tmp_path, room, building, limit, key, table):
    cli = _cli(tmp_path)
    check_outcome(cli("household", "show", room) if not room.startswith("-") else cli("household", "show", "--", room))
    args = ["household", "list", "--json"]
    if building is not None:
        args += ["--building", building]
    if limit is not None:
        args += ["--limit", limit]
    check_outcome(cli(*args))
    check_outcome(cli("rules", "explain", key) if not key.startswith("-") else cli("rules", "explain", "--", key))
    args = ["audit", "log", "--json"]
    if table is not None:
        args += ["--table", table]
    if limit is not None:
        args += ["--limit", limit]
    check_outcome(cli(*args))
