"""The installed `zhili` console script as a real process: output, exit codes, one-line errors,
and the heavy libraries a fast path must not import."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.test_reliability_support import one_line_error, run_zhili


def test_help_lists_commands():
    result = run_zhili("--help")
    assert result.returncode == 0 and not result.stderr
    for name in ("petition", "household", "audit", "backup", "rules"):
        assert name in result.stdout


def test_group_without_subcommand_shows_its_help():
    result = run_zhili("petition")
    assert result.returncode == 0 and "list" in result.stdout


@pytest.mark.slow
def test_round_trip_as_a_real_process(tmp_path):
    db = tmp_path / "z.db"
    assert run_zhili("--db", db, "init", "--name", "进程测试", cwd=tmp_path).returncode == 0
    added = run_zhili("--db", db, "petition", "add", "--title", "电梯异响", "--source", "热线",
                      "--phone", "13812345678", "--json", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    number = json.loads(added.stdout)["number"]
    listing = run_zhili("petition", "list", "--json", "--db", db, cwd=tmp_path)  # global option after
    rows = json.loads(listing.stdout)
    assert [r["number"] for r in rows] == [number]
    shown = json.loads(run_zhili("--db", db, "petition", "show", number, "--json", cwd=tmp_path).stdout)
    assert shown["reporter_phone"] in (None, "138****5678")
    stats = json.loads(run_zhili("--db", db, "petition", "stats", "--json", cwd=tmp_path).stdout)
    assert stats["overall"]["received"] == 1
    verify = run_zhili("--db", db, "audit", "verify", "--json", cwd=tmp_path)
    assert verify.returncode == 0 and json.loads(verify.stdout)["ok"]


@pytest.mark.parametrize("args, code", [
    (["petition", "list"], 1),  # no database here
    (["petition", "list", "--limit", "abc"], 2),
    (["petition", "add", "--title", "x"], 2),
    (["no-such-command"], 2),
    (["--lang"], 2),
])
def test_errors_are_one_line(tmp_path, args, code):
    result = run_zhili("--db", tmp_path / "none.db", *args, cwd=tmp_path)
    assert result.returncode == code
    one_line_error(result)


def test_english_errors(tmp_path):
    result = run_zhili("--lang", "en", "--db", tmp_path / "none.db", "petition", "list", cwd=tmp_path)
    assert "zhili init" in one_line_error(result)


def test_python_dash_m(tmp_path):
    result = subprocess.run([sys.executable, "-m", "zhili_cli", "--help"], capture_output=True, text=True,
                            cwd=tmp_path, timeout=60)
    assert result.returncode == 0 and "petition" in result.stdout


PROBE = r"""
import json, os, sys
sys.argv = ["zhili", *json.loads(os.environ["PROBE_ARGS"])]
from zhili_cli.cli.main import run
try:
    run()
except SystemExit:
    pass
with open(os.environ["PROBE_OUT"], "w") as fh:
    json.dump(sorted(sys.modules), fh)
"""



def _imported(tmp_path, *args: str) -> set[str]:
    out = tmp_path / "modules.json"
    env = {"PROBE_ARGS": json.dumps(list(args)), "PROBE_OUT": str(out)}
    import os

    result = subprocess.run([sys.executable, "-c", PROBE], env={**os.environ, **env}, cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return set(json.loads(out.read_text("utf-8")))


@pytest.mark.slow
def test_fast_paths_leave_heavy_libraries_alone(tmp_path):
    db = tmp_path / "z.db"
    assert run_zhili("--db", db, "init", cwd=tmp_path).returncode == 0
    assert run_zhili("--db", db, "petition", "add", "--title", "a", "--source", "信箱", cwd=tmp_path).returncode == 0
    for args in (["petition", "list", "--limit", "20", "--json"], ["petition", "stats", "--json"]):
        modules = _imported(tmp_path, "--db", str(db), *args)
        assert "zhili_cli.store.petitions" in modules  # the command did run
        loaded = {m for m in modules if m.split(".")[0] in ("sqlite_utils", "yaml", "rich", "pydantic")}
        loaded |= {m for m in modules if m == "zhili_cli.rules.model"}
        assert not loaded, f"{args}: {sorted(loaded)}"
    modules = _imported(tmp_path, "--help")
    assert not {m for m in modules if m.split(".")[0] in ("sqlite_utils", "yaml", "sqlite3")}
    assert not {m for m in modules if m.startswith("zhili_cli.store") or m == "zhili_cli.rules.model"}


def _assert_agrees_with_typer(light_class, annotation, values) -> None:
    """Each value: zhili's light coercion gives what typer's own (pydantic) one gives, or both refuse."""
    from pydantic import TypeAdapter
    from typer.core import _click
    from typer.models import OptionInfo

    light = light_class(parameter_info=OptionInfo(), annotation=annotation)
    adapter = TypeAdapter(annotation)
    for value in values:
        try:
            expected = adapter.validate_python(value)
        except Exception:
            expected = "refused"
        try:
            got = light._coerce_value(value, param=None, ctx=None)
        except _click.exceptions.BadParameter:
            got = "refused"
        assert got == expected, (annotation, value)


def test_light_int_coercion_accepts_what_typer_would():
    """The whole-number coercion zhili gives typer agrees with typer's own (pydantic) one."""
    from zhili_cli.cli import typer_glue

    _assert_agrees_with_typer(typer_glue._light_coercions()[2], int, [
        "3", " 7", "+3", "00", "3.0", "1_000", "-0", "-12", "٣", "1e3", "３", "", "3.5", "3.00", "\t3\n", "1_000.0",
        "1__0", "_1", "abc", "0x10", "9" * 30, "3.", ".5", "+-3", " ", "1 000"])


def test_light_flag_and_text_coercions_agree_with_typer():
    from zhili_cli.cli import typer_glue

    text, _, _, flag = typer_glue._light_coercions()
    _assert_agrees_with_typer(flag, bool, [True, False, "true", "False", "1", "0", "yes", "No", "on", "OFF", "t", "f",
                                           "y", "n", "", "maybe", "2", " true", "是"])
    _assert_agrees_with_typer(text, str, ["", "x", " 空格 ", "'; DROP TABLE x; --", "\u202e"])


def test_help_screens_speak_the_users_language():
    zh = run_zhili("expense", "import", "--help").stdout
    for words in ("显示本帮助并退出", "[必填]", "参数", "选项", "[默认："):
        assert words in zh, words
    assert "Show this message" not in zh and "[required]" not in zh and "Options" not in zh
    en = run_zhili("--lang", "en", "expense", "import", "--help").stdout
    for words in ("Show this message and exit.", "[required]", "Arguments", "Options", "[default:"):
        assert words in en, words
    assert "命令" in run_zhili("--help").stdout


@pytest.mark.slow
def test_output_into_a_closed_pipe_is_no_traceback():
    """`zhili … | head`: once the reader has gone, zhili stops without a traceback."""
    import os

    from tests.test_reliability_support import zhili_exe

    for args in ([], ["--help"], ["rules", "show"]):
        read_end, write_end = os.pipe()
        os.close(read_end)  # nobody will read: the first write fails
        try:
            result = subprocess.run([zhili_exe(), *args], stdout=write_end, stderr=subprocess.PIPE, text=True)
        finally:
            os.close(write_end)
        assert result.stderr == "", (args, result.stderr)
        assert result.returncode == 1


@pytest.mark.slow
def test_demo_on_the_real_clock_then_a_write_today(tmp_path):
    """`make demo` runs with no ZHILI_NOW: the example is set up and built on its own clock,
    verifies, and the secretary can then record today's work in it."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "ZHILI_NOW"}
    db = tmp_path / "demo.db"
    done = subprocess.run([sys.executable, "-m", "zhili_cli", "--db", str(db), "demo"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for args in (["audit", "verify"], ["petition", "add", "--title", "今天的诉求", "--source", "信箱"]):
        step = subprocess.run([sys.executable, "-m", "zhili_cli", "--db", str(db), *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)
        assert step.returncode == 0, step.stderr
