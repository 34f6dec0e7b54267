"""`zhili vote check`: the PRODUCT.md §8 examples through the command line."""

from __future__ import annotations

BASE = ["vote", "check", "--owners", "1000", "--area", "100000", "--voted-owners", "700",
        "--voted-area", "70000"]


def check(cli, cls, agree_owners, agree_area, *extra):
    return cli.json(*BASE, "--class", cls, "--agree-owners", str(agree_owners),
                    "--agree-area", str(agree_area), *extra)


def test_ordinary_351_passes_350_fails(cli):
    ok = check(cli, "ordinary", 351, 35001)
    assert ok["quorum_met"] is True and ok["passed"] is True
    assert ok["owners_short_pass"] == 0 and ok["area_short_pass"] == 0
    fail = check(cli, "ordinary", 350, 35001)
    assert fail["quorum_met"] is True and fail["passed"] is False
    assert fail["owners_short_pass"] == 1 and fail["area_short_pass"] == 0


def test_special_525_passes_524_fails(cli):
    assert check(cli, "special", 525, 52500)["passed"] is True
    fail = check(cli, "special", 524, 52500)
    assert fail["passed"] is False and fail["owners_short_pass"] == 1


def test_area_decimals_and_exact_half(cli):
    fail = check(cli, "ordinary", 400, "35000")
    assert fail["passed"] is False and fail["area_short_pass"] == 0.01
    assert check(cli, "ordinary", 400, "35000.01")["passed"] is True


def test_quorum_short(cli):
    res = cli.json("vote", "check", "--class", "ordinary", "--owners", "1000", "--area", "100000",
                   "--voted-owners", "600", "--voted-area", "60000", "--agree-owners", "600",
                   "--agree-area", "60000")
    assert res["quorum_met"] is False and res["passed"] is False
    assert res["owners_short_quorum"] == 67
    assert res["area_short_quorum"] == 6666.67  # 2/3 of 100 000 m² is 66 666.67 (rounded up)


def test_text_output_chinese_and_english(cli):
    out = cli.ok(*BASE, "--class", "ordinary", "--agree-owners", "350", "--agree-area", "35001").stdout
    assert "达到" in out and "不通过" in out and "1 人" in out
    out = cli.ok("--lang", "en", *BASE, "--class", "special", "--agree-owners", "525",
                 "--agree-area", "52500").stdout
    assert "quorum met" in out and "passes" in out


def test_works_without_a_database(tmp_path):
    import json

    from typer.testing import CliRunner

    from zhili_cli.cli.main import app

    result = CliRunner().invoke(app, ["--db", str(tmp_path / "none.db"), *BASE, "--class", "special",
                                      "--agree-owners", "525", "--agree-area", "52500", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["passed"] is True


def test_bad_input_refused(cli):
    assert "面积" in cli.fails(*BASE, "--agree-owners", "1", "--agree-area", "1.234", code=2)
    assert "abc" in cli.fails(*BASE, "--agree-owners", "abc", "--agree-area", "1", code=2)
    assert "特别" in cli.fails(*BASE, "--class", "huge", "--agree-owners", "1", "--agree-area", "1", code=2)
    cli.fails(*BASE, "--agree-owners", "701", "--agree-area", "1")
    cli.fails("vote", "check", "--owners", "0", "--area", "0", "--voted-owners", "0", "--voted-area", "0",
              "--agree-owners", "0", "--agree-area", "0")
