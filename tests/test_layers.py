"""The layers: domain → store → services → cli and report. The command line never reaches the
store (it goes through a service); each layer imports only what is below it; no module is long."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import zhili_cli

ROOT = Path(zhili_cli.__file__).parent
CLI = ROOT / "cli"


def _imports_of(path: Path, banned: tuple[str, ...]) -> list[str]:
    """Each import in `path` of a module in `banned` (a name or any of its submodules)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        hit = next((n for n in names for b in banned if n == b or n.startswith(b + ".")), None)
        if hit:
            found.append(f"{path.parent.name}/{path.name}:{node.lineno}: {hit}")
    return found


def _store_imports(path: Path) -> list[str]:
    return _imports_of(path, ("zhili_cli.store",))


def test_no_cli_module_imports_the_store():
    modules = sorted(CLI.rglob("*.py"))
    assert len(modules) > 10  # the scan really looks at the command modules
    offenders = [hit for m in modules for hit in _store_imports(m)]
    assert offenders == []


def test_the_scan_catches_every_form_of_import(tmp_path):
    forms = ["from zhili_cli.store import db\n", "import zhili_cli.store.db\n",
             "def f():\n    from zhili_cli.store.tx import Tx\n",
             "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from zhili_cli.store.tx import Tx\n",
             "from zhili_cli import store\n"]
    for i, text in enumerate(forms):
        p = tmp_path / f"m{i}.py"
        p.write_text(text, "utf-8")
        assert _store_imports(p), text
    ok = tmp_path / "ok.py"
    ok.write_text("from zhili_cli.services import storefront\nimport zhili_cli.storage\n", "utf-8")
    assert _store_imports(ok) == []


LAYERS = {
    # rules, state machines, tallies, tiers: plain Python, no storage, no terminal
    "domain": ("zhili_cli.store", "zhili_cli.services", "zhili_cli.cli", "zhili_cli.report",
               "sqlite3", "sqlite_utils", "typer", "click", "rich"),
    # all SQL, no use cases and no terminal
    "store": ("zhili_cli.services", "zhili_cli.cli", "zhili_cli.report", "typer", "click", "rich"),
    # one use case per command: no command line, no rendering to a terminal
    "services": ("zhili_cli.cli", "typer", "click", "rich"),
    # one model built from the store's queries, many renderers: no command line
    "report": ("zhili_cli.cli", "typer", "click"),
}


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_each_layer_imports_only_what_is_below_it(layer):
    modules = sorted((ROOT / layer).rglob("*.py"))
    assert modules
    offenders = [hit for m in modules for hit in _imports_of(m, LAYERS[layer])]
    assert offenders == []


def test_no_module_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in ROOT.rglob("*.py")
            if (n := len(p.read_text("utf-8").splitlines())) > 400}
    assert long == {}
