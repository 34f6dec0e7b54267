"""The layers: the command line never reaches the store (it goes through a service)."""

from __future__ import annotations

import ast
from pathlib import Path

import zhili_cli

CLI = Path(zhili_cli.__file__).parent / "cli"


def _store_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            if name == "zhili_cli.store" or name.startswith("zhili_cli.store."):
                found.append(f"{path.name}:{node.lineno}: {name}")
                break
    return found


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
