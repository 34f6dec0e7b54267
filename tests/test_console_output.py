"""What a command says when its output fails: a console that cannot show a character never
crashes a command, and a failure after the write has landed never claims nothing was changed."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.test_reliability_support import zhili_exe


def run(tmp_path, encoding: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "ZHILI_NOW": "2024-03-05T10:00:00+08:00"}
    return subprocess.run([zhili_exe(), "--db", str(tmp_path / "z.db"), *args], cwd=tmp_path, env=env,
                          capture_output=True, timeout=120)


@pytest.mark.slow
def test_an_ascii_console_gets_escapes_and_one_hint_never_a_crash(tmp_path):
    assert run(tmp_path, "utf-8", "init", "--name", "编码小区").returncode == 0
    added = run(tmp_path, "ascii", "petition", "add", "--title", "电梯异响", "--source", "热线")
    assert added.returncode == 0, added.stderr
    assert b"P2024-001" in added.stdout  # the confirmation, escaped or as UTF-8 (click's choice), never lost
    assert added.stderr.decode("ascii").count("PYTHONIOENCODING=utf-8") == 1
    listed = run(tmp_path, "ascii", "petition", "list")
    assert listed.returncode == 0
    assert b"\\u7535\\u68af" in listed.stdout or "电梯".encode() in listed.stdout
    rows = json.loads(run(tmp_path, "utf-8", "petition", "list", "--json").stdout)
    assert [r["title"] for r in rows] == ["电梯异响"]


@pytest.mark.slow
def test_a_gbk_console_shows_chinese_and_escapes_what_gbk_lacks(tmp_path):
    """A Windows console redirected to a file writes cp936: an emoji in a petition must not crash."""
    assert run(tmp_path, "utf-8", "init", "--name", "编码小区").returncode == 0
    added = run(tmp_path, "gbk", "petition", "add", "--title", "楼道灯坏了🙂", "--source", "热线", "--json")
    number = json.loads(added.stdout.decode("gbk"))["number"]
    shown = run(tmp_path, "gbk", "petition", "show", number)
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout.decode("gbk")
    assert "楼道灯坏了" in text and "\\U0001f642" in text
    assert shown.stderr == b""  # gbk shows Chinese: no hint


def test_a_failure_after_the_write_says_the_change_was_saved(cli, monkeypatch):
    from zhili_cli.cli import petition

    def broken_output(*args, **kwargs):
        raise RuntimeError("render failed")

    monkeypatch.setattr(petition, "_done", broken_output)
    err = cli.fails("petition", "add", "--title", "电梯异响", "--source", "热线")
    assert "更改已保存" in err and "数据未改动" not in err
    assert [r["title"] for r in cli.json("petition", "list")] == ["电梯异响"]


def test_a_failure_before_the_write_lands_still_says_nothing_changed(cli, monkeypatch):
    from zhili_cli.services import petitions

    def broken_service(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(petitions, "add", broken_service)
    err = cli.fails("petition", "add", "--title", "电梯异响", "--source", "热线")
    assert "数据未改动" in err and "更改已保存" not in err
    assert cli.json("petition", "list") == []
