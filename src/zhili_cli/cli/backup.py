"""zhili backup PATH: a consistent copy of the database, taken while others may be writing."""

from __future__ import annotations

from pathlib import Path

import typer

from zhili_cli.i18n import t

app = typer.Typer(add_completion=False)


@app.command("backup", help=t("cmd.backup"))
def backup(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help=t("arg.backup_path")),
    force: bool = typer.Option(False, "--force", help=t("opt.backup_force")),
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services.backup import backup as run_backup

    g = globals_of(ctx)
    size = run_backup(g.conn(), g.db_path, path, force=force)
    typer.echo(t("backup_done", path=str(path), source=str(g.db_path), size=size))
