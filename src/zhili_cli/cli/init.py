"""zhili init: a new database and a commented rules file."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from zhili_cli.i18n import t

app = typer.Typer(add_completion=False)


@app.command("init", help=t("cmd.init"))
def init(
    ctx: typer.Context,
    name: str = typer.Option("", "--name", help=t("opt.compound_name")),
    no_committee: bool = typer.Option(False, "--no-committee", help=t("opt.no_committee")),
    rules_out: Optional[Path] = typer.Option(None, "--rules-out", help=t("opt.rules_out")),
    contact: Optional[str] = typer.Option(None, "--contact", help=t("opt.contact")),
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import setup

    g = globals_of(ctx)
    rules_path = rules_out or (Path(g.rules) if g.rules else g.db_path.parent / "zhili.yaml")
    result = setup.init(g.db_path, rules_path, name=name, has_committee=not no_committee, actor=g.who)
    if contact:
        from zhili_cli.services import report_settings

        with g.write("init --contact") as tx:
            report_settings.set_contact(tx, contact)
    typer.echo(t("init_done", db=str(g.db_path)))
    if result["rules_written"]:
        typer.echo(t("init_rules_written", path=str(rules_path)))
    else:
        typer.echo(t("init_rules_kept", path=str(rules_path)))
