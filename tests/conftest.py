"""Shared fixtures: real SQLite files in tmp dirs, the CLI through typer's CliRunner."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhili_cli.cli.main import app
from zhili_cli.i18n import set_lang

EXAMPLES = Path(__file__).resolve().parent.parent / "src" / "zhili_cli" / "examples"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Each test: its own directory, cache and clock; Chinese unless it asks otherwise."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ZHILI_CACHE", str(tmp_path / ".cache"))
    monkeypatch.setenv("ZHILI_NOW", "2024-03-05T10:00:00+08:00")
    monkeypatch.setenv("ZHILI_USER", "secretary")
    for var in ("ZHILI_DB", "ZHILI_RULES", "ZHILI_LANG"):
        monkeypatch.delenv(var, raising=False)
    set_lang(None)
    yield
    set_lang(None)


class Cli:
    """Runs `zhili ARGS` in-process; `.ok()` asserts success, `.fails()` asserts a clean refusal."""

    def __init__(self, db: Path):
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict | None = None):
        set_lang(None)
        return self.runner.invoke(app, ["--db", str(self.db), *map(str, args)], env=env)

    def ok(self, *args: str, env: dict | None = None):
        result = self(*args, env=env)
        assert result.exit_code == 0, f"exit {result.exit_code}: {result.output}{result.stderr}{result.exception!r}"
        return result

    def json(self, *args: str, env: dict | None = None):
        return json.loads(self.ok(*args, "--json", env=env).stdout)

    def adopt_rules(self, *options: str, reason: str = "业主大会修改议事规则", env: dict | None = None):
        """`rules adopt`: a changed rules file is refused for writes until it is adopted."""
        return self.ok(*options, "rules", "adopt", "--reason", reason, env=env)

    def fails(self, *args: str, code: int = 1, env: dict | None = None):
        result = self(*args, env=env)
        assert result.exit_code == code, f"exit {result.exit_code}: {result.output}{result.exception!r}"
        assert "Traceback" not in result.output
        err = result.stderr.strip()
        assert err and len(err.splitlines()) == 1, f"want one line on stderr, got: {err!r}"
        return err


@pytest.fixture
def cli(tmp_path) -> Cli:
    c = Cli(tmp_path / "zhili.db")
    c.ok("init", "--name", "测试小区", env={"ZHILI_NOW": "2020-01-01T09:00:00+08:00"})
    return c


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path
