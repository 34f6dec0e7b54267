"""typer at arm's length: its internals are touched in cli/typer_glue.py only, each hook falls
back to typer's own behaviour when those internals change; help screens in the user's words;
shell completion on request, at no cost to other commands."""

from __future__ import annotations

import importlib
import re

import pytest
import typer
from typer.testing import CliRunner

from tests.test_reliability_support import run_zhili
from zhili_cli.cli import typer_glue
from zhili_cli.cli.main import COMMANDS, app
from zhili_cli.i18n import set_lang

PYTHON_TYPES = re.compile(r"<(str|bool|int|float|list|path|Path|datetime|text|integer)[^>]*>|\{[a-z_]+\}|\[x[<>]=|"
                          r"PosixPath|WindowsPath|default: False|默认：False|<[a-z]+ range>|\. / zhili")


def test_every_hook_is_installed_on_this_typer():
    """If this fails, typer's internals changed: zhili still works (typer's own behaviour, see
    the next test) but is slower or shows typer's own help words; adapt cli/typer_glue.py."""
    assert typer_glue.INSTALLED == {"coercion": True, "help_words": True, "metavars": True}


@pytest.mark.slow
def test_without_the_hooks_typer_alone_still_runs_zhili(tmp_path):
    env = {"ZHILI_PLAIN_TYPER": "1"}
    db = tmp_path / "z.db"
    assert run_zhili("--db", db, "init", cwd=tmp_path, env=env).returncode == 0
    added = run_zhili("--db", db, "petition", "add", "--title", "灯坏了", "--source", "信箱", cwd=tmp_path, env=env)
    assert added.returncode == 0, added.stderr
    listed = run_zhili("--db", db, "petition", "list", "--limit", "5", cwd=tmp_path, env=env)
    assert "灯坏了" in listed.stdout
    bad = run_zhili("--db", db, "petition", "list", "--limit", "abc", cwd=tmp_path, env=env)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
    assert run_zhili("petition", "add", "--help", cwd=tmp_path, env=env).returncode == 0


def test_hooks_give_way_when_internals_are_missing(monkeypatch):
    from typer.core import TyperArgument

    monkeypatch.delattr(TyperArgument, "_usage_display_name")
    assert typer_glue._install_metavars() is False
    import typer.core as typer_core

    monkeypatch.delattr(typer_core, "build_runtime_param")
    assert typer_glue._install_coercion() is False


def _all_command_paths():
    paths = [[]]
    for name, module in COMMANDS.items():
        paths.append([name])
        group = typer.main.get_command(importlib.import_module(module).app)
        for sub, command in (getattr(group, "commands", None) or {}).items():
            paths.append([name, sub])
            paths += [[name, sub, s] for s in (getattr(command, "commands", None) or {})]
    return paths


def _help(lang, *path):
    set_lang(None)
    result = CliRunner().invoke(app, ["--lang", lang, *path, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, (path, result.output)
    return result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_help_screen_shows_python_type_names(lang):
    paths = _all_command_paths()
    assert len(paths) > 60
    for path in paths:
        for line in _help(lang, *path).splitlines():
            assert not PYTHON_TYPES.search(line), (lang, path, line)


def test_help_shows_what_the_user_types_and_flags_show_nothing():
    zh = _help("zh", "petition", "show")
    assert "petition show [OPTIONS] 编号" in zh
    assert re.search(r"--json\s+以 JSON 输出", zh)  # a flag: no type between name and help
    en = _help("en", "expense", "request")
    assert re.search(r"--amount\s+AMOUNT", en) and re.search(r"--motion\s+REF", en)
    assert re.search(r"--out\s+(-o\s+)?FILE", _help("en", "report", "monthly"))
    assert re.search(r"--received\s+日期", _help("zh", "petition", "add"))
    assert re.search(r"--limit\s+NUMBER", _help("en", "petition", "list"))
    root = _help("zh")
    assert "当前文件夹里的" in root and ". / zhili" not in root and "--show-completion" in root


@pytest.mark.parametrize("shell,marker", [("bash", "complete -o default -F"), ("zsh", "#compdef zhili"),
                                          ("fish", "complete --command zhili"), ("powershell", "Register-ArgumentCompleter")])
def test_show_completion_prints_a_script_for_each_shell(shell, marker):
    result = CliRunner().invoke(app, ["--show-completion", shell])
    assert result.exit_code == 0
    assert marker in result.stdout and "_ZHILI_COMPLETE" in result.stdout


def test_completion_refuses_an_unknown_shell_in_one_line():
    result = CliRunner().invoke(app, ["--show-completion", "tcsh"])
    assert result.exit_code == 2 and "tcsh" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_the_installed_script_completes_commands_and_options(tmp_path):
    assert "complete -o default" in run_zhili("--show-completion", "bash", cwd=tmp_path).stdout
    env = {"_ZHILI_COMPLETE": "complete_bash", "COMP_WORDS": "zhili pet", "COMP_CWORD": "1"}
    assert run_zhili(cwd=tmp_path, env=env).stdout.split() == ["petition"]
    env.update(COMP_WORDS="zhili petition list --sta", COMP_CWORD="3")
    assert run_zhili(cwd=tmp_path, env=env).stdout.split() == ["--status"]


def test_the_root_help_is_in_the_language_asked_for(tmp_path):
    en = run_zhili("--lang", "en", "--help", cwd=tmp_path, env={"COLUMNS": "80"}).stdout
    assert "Governance paperwork" in en and "who is acting" in en and "SHELL" in en
    assert "操作人" not in en
    zh = run_zhili("--help", cwd=tmp_path, env={"COLUMNS": "80", "ZHILI_LANG": ""}).stdout
    assert "操作人" in zh and "终端" in zh


def test_a_long_chinese_help_text_wraps_instead_of_being_cut(tmp_path):
    """rich breaks lines at spaces only: a Chinese sentence wider than its column is folded
    onto the next line, never cut with "…" (in English it wraps at its spaces)."""
    root = _help("zh")
    assert "…" not in root and "任期、走访" in root  # the end of `today`'s summary
    listing = _help("zh", "petition", "list")
    assert "…" not in listing and "须都出" in listing
    # (in its own process: this one built the petition commands' texts in Chinese)
    en = run_zhili("--lang", "en", "petition", "list", "--help", cwd=tmp_path, env={"COLUMNS": "80"}).stdout
    assert "…" not in en and "(everywordmustappear)" in re.sub(r"[\s│]", "", en)


def test_an_argument_of_several_values_is_marked_once():
    find = _help("zh", "household", "find")
    assert "文字…" in find and "…..." not in find and "文字..." in find  # usage, then the arguments panel
