"""Every message the code asks for is in the catalogue, with the placeholders it fills.

A key missing from the catalogue would be shown to the user as the key itself ("col.foo"), and
a placeholder left unfilled would show its braces: both are found here, before a user sees them.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import zhili_cli
from zhili_cli import i18n

ROOT = Path(zhili_cli.__file__).parent
KEY_ARG = {"t": 0, "UserError": 0, "UsageError": 0, "Term": 0, "RowError": 3}


def placeholders(text: str) -> set[str]:
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(text) if field}


def message_calls(tree: ast.AST):
    """(line, key node, explicit keyword names or None when **params are passed) of each call."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else (
            node.func.attr if isinstance(node.func, ast.Attribute) else None)
        if name not in KEY_ARG:
            continue
        keywords = {k.arg for k in node.keywords}
        key = next((k.value for k in node.keywords if k.arg == "key"), None)
        if key is None and len(node.args) > KEY_ARG[name]:
            key = node.args[KEY_ARG[name]]
        if key is not None:
            yield node.lineno, key, (None if None in keywords else keywords - {"key"})


def problems_in(path: Path, catalogue: dict[str, tuple[str, str]], root: Path = ROOT) -> list[str]:
    found = []
    for line, key, given in message_calls(ast.parse(path.read_text("utf-8"), str(path))):
        where = f"{path.relative_to(root)}:{line}"
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            if key.value not in catalogue:
                found.append(f"{where}: no message {key.value!r}")
            elif given is not None:
                missing = placeholders(catalogue[key.value][0]) - given
                if missing:
                    found.append(f"{where}: {key.value!r} needs {sorted(missing)}")
        elif isinstance(key, ast.JoinedStr) and key.values and isinstance(key.values[0], ast.Constant):
            prefix = key.values[0].value
            if not any(k.startswith(prefix) for k in catalogue):
                found.append(f"{where}: no message starts with {prefix!r}")
    return found


def test_every_message_asked_for_exists_with_its_placeholders():
    catalogue = i18n.load_catalogue()
    modules = sorted(ROOT.rglob("*.py"))
    problems = [p for m in modules for p in problems_in(m, catalogue)]
    assert problems == []


def test_the_scan_finds_a_missing_key_and_an_unfilled_placeholder(tmp_path):
    catalogue = {"greet": ("你好 {name}", "hello {name}")}
    module = tmp_path / "probe.py"
    cases = {
        't("gret")\n': "no message 'gret'",
        't("greet", who=1)\n': "needs ['name']",
        'raise UserError("gret")\n': "no message 'gret'",
        'RowError("f", 1, "c", "gret")\n': "no message 'gret'",
        't(f"grx.{a}")\n': "no message starts with 'grx.'",
    }
    for text, problem in cases.items():
        module.write_text(text, "utf-8")
        assert any(problem in p for p in problems_in(module, catalogue, tmp_path)), text
    module.write_text('t("greet", name=1)\nt("greet", **params)\n', "utf-8")
    assert problems_in(module, catalogue, tmp_path) == []
