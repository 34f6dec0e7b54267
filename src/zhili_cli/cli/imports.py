"""Shared ending of every import command: the summary, or the list of problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import typer

from zhili_cli.i18n import t

# The options every import command takes, declared once.
FILE = typer.Argument(..., help=t("arg.file"))
ENCODING = typer.Option(None, "--encoding", help=t("opt.encoding"))
SHEET = typer.Option(None, "--sheet", help=t("opt.sheet"))
MAP = typer.Option(None, "--map", help=t("opt.map"))
DRY_RUN = typer.Option(False, "--dry-run", help=t("opt.dry_run"))
QUIET = typer.Option(False, "--quiet", "-q", help=t("opt.quiet"))


def parse_map(values: list[str] | None) -> dict[str, str]:
    """`--map '列名=field'` options → {header: field}."""
    from zhili_cli.errors import UsageError

    out: dict[str, str] = {}
    for item in values or []:
        if "=" not in item:
            raise UsageError("bad_map", value=item)
        header, field = item.split("=", 1)
        out[header.strip()] = field.strip()
    return out


def run(ctx: typer.Context, command: str, file: Path, map_: list[str] | None, call: Callable[..., dict[str, Any]],
        *, dry_run: bool, quiet: bool, json_out: bool) -> None:
    """Run one import of `file`: in one write transaction (all or nothing), or read-only for a
    dry run; a progress bar on a terminal unless --quiet or --json. `call(tx, g, **kw)`, `kw`
    holding the `--map` options as parsed (`mapping`)."""
    from zhili_cli.cli.context import globals_of
    from zhili_cli.importing.progress import bar

    mapping = parse_map(map_)
    g = globals_of(ctx)
    with bar(t("import_progress", name=file.name), quiet=quiet or json_out) as progress:
        if dry_run:
            result = call(None, g, mapping=mapping, conn=g.conn(), dry_run=True, progress=progress)
        else:
            with g.write(command) as tx:
                result = call(tx, g, mapping=mapping, progress=progress)
    finish(result, dry_run=dry_run, json_out=json_out)


def finish(result: dict[str, Any], *, dry_run: bool, json_out: bool) -> None:
    from zhili_cli.cli.output import emit_json

    problems = result.get("problems", [])
    warnings = result.get("warnings", [])
    if json_out:
        emit_json({**result["counts"], "problems": problems, "dry_run": dry_run,
                   **({"warnings": warnings} if "warnings" in result else {})})
    else:
        for line in warnings:
            typer.echo(line, err=True)
        for line in problems:
            typer.echo(line, err=True)
        c = result["counts"]
        key = "import_dry_summary" if dry_run else "import_summary"
        typer.echo(t(key, rows=c["rows"], new=c["new"], unchanged=c["unchanged"], changed=c["changed"]))
    if problems:
        raise typer.Exit(1)
