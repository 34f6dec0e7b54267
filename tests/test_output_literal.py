"""Stored text is printed literally: rich markup in a title or a name is text, not markup, and
control characters (ANSI escapes included) are shown visibly instead of reaching the terminal."""

from __future__ import annotations

from zhili_cli.cli.output import visible


def test_markup_in_a_title_is_printed_as_written(cli):
    cli.ok("petition", "add", "--title", "[urgent] 电梯坏了", "--source", "信箱")
    cli.ok("petition", "add", "--title", "[link=http://evil.example]点我[/link] [bold]x[/bold] :smile:", "--source", "信箱")
    cli.ok("petition", "add", "--title", "[/] 括号", "--source", "信箱")
    listed = cli.ok("petition", "list").stdout
    assert "[urgent] 电梯坏了" in listed
    assert "[/] 括号" in listed
    shown = cli.ok("petition", "show", "P2024-001").stdout
    assert "[urgent] 电梯坏了" in shown
    linked = cli.ok("petition", "show", "P2024-002").stdout
    assert "[link=http://evil.example]点我[/link]" in linked and "[bold]x[/bold]" in linked
    assert ":smile:" in linked and "\x1b]8;" not in linked  # no hidden hyperlink, no emoji


def test_an_actor_named_like_markup_does_not_break_the_audit_log(cli):
    cli.ok("--as", "[/]", "petition", "add", "--title", "灯坏了", "--source", "信箱")
    cli.ok("--as", "[red]王[/red]", "petition", "add", "--title", "灯又坏了", "--source", "信箱")
    out = cli.ok("audit", "log", "--limit", "0", env={"COLUMNS": "200"}).stdout
    assert "[/]" in out and "[red]王[/red]" in out
    cli.ok("audit", "log")  # and it keeps working afterwards


def test_ansi_escapes_and_control_characters_are_shown_visibly(cli):
    cli.ok("petition", "add", "--title", "\x1b[31m红字\x1b[0m\x07铃", "--source", "信箱")
    out = cli.ok("petition", "list").stdout + cli.ok("petition", "show", "P2024-001").stdout
    assert "\x1b" not in out and "\x07" not in out
    # control characters are never stored (keys.clean_text): what remains is printed literally
    assert "[31m红字[0m铃" in out


def test_visible_keeps_ordinary_text_and_escapes_the_rest():
    assert visible("电梯 [urgent]\t第二行\n") == "电梯 [urgent]\t第二行\n"
    assert visible("a\x00b\x1bc\x7f\x9b\u202e") == "a\\x00b\\x1bc\\x7f\\x9b\\u202e"
    assert visible(None) == "" and visible(12) == "12"


def test_reports_in_the_terminal_print_stored_text_literally(tmp_path):
    from tests.conftest import Cli

    c = Cli(tmp_path / "r.db")
    c.ok("init", "--name", "[red]龙湫湾[/red]\x1b[2J")
    c.ok("petition", "add", "--title", "[urgent] 电梯坏了", "--source", "信箱", "--kind", "大")
    out = c.ok("report", "monthly", "2024-03", env={"COLUMNS": "200"}).stdout
    assert "[red]龙湫湾[/red]\\x1b[2J" in out and "\x1b" not in out
