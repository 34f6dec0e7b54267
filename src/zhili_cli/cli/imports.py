"""Shared ending of every import command: the summary, or the list of problems."""

from __future__ import annotations

from typing import Any

import typer

from zhili_cli.i18n import t


def finish(result: dict[str, Any], *, dry_run: bool, json_out: bool) -> None:
    from zhili_cli.cli.output import emit_json

    problems = result.get("problems", [])
    if json_out:
        emit_json({**result["counts"], "problems": problems, "dry_run": dry_run})
    else:
        for line in problems:
            typer.echo(line, err=True)
        c = result["counts"]
        key = "import_dry_summary" if dry_run else "import_summary"
        typer.echo(t(key, rows=c["rows"], new=c["new"], unchanged=c["unchanged"], changed=c["changed"]))
    if problems:
        raise typer.Exit(1)
