"""zhili member add|list: committee members, party representatives, grid workers."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from zhili_cli.cli import imports
from zhili_cli.cli import listing
from zhili_cli.i18n import t

app = typer.Typer(help=t("cmd.member"), no_args_is_help=True, add_completion=False)


@app.command("add", help=t("cmd.member.add"))
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help=t("arg.name")),
    role: str = typer.Option(..., "--role", help=t("opt.role")),
    party: Optional[str] = typer.Option(None, "--party", help=t("opt.party")),
    phone: Optional[str] = typer.Option(None, "--phone", help=t("opt.phone")),
    term_start: Optional[str] = typer.Option(None, "--term-start", help=t("opt.term_start")),
    term_end: Optional[str] = typer.Option(None, "--term-end", help=t("opt.term_end")),
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import members

    g = globals_of(ctx)
    with g.write("member add") as tx:
        row = members.add(tx, g.rules_obj(), name=name, role=role, party=party, phone=phone,
                          term_start=term_start, term_end=term_end)
    typer.echo(t("member_added", name=row["name"], role=t(f"role.{row['role']}")))


@app.command("list", help=t("cmd.member.list"))
def list_(
    ctx: typer.Context,
    role: Optional[str] = typer.Option(None, "--role", help=t("opt.role")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
    out_file: Optional[str] = listing.OUT,
    force: bool = listing.FORCE,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.output import emit_json, table
    from zhili_cli.domain import vocab
    from zhili_cli.domain.privacy import mask_phone
    from zhili_cli.services import members

    g = globals_of(ctx)
    rows = members.list_rows(g.conn(), vocab.role(role) if role else None)
    out = [{"id": r["id"], "name": r["name"], "role": r["role"], "party": r["party"],
            "phone": mask_phone(r["phone"]), "term_start": r["term_start"], "term_end": r["term_end"]}
           for r in rows]
    if json_out:
        emit_json(out)
        return
    listing.out_or(ctx, out_file, force, table)(t("members_title"), [t("col.name"), t("col.role"), t("col.party"), t("col.phone"), t("col.term")],
          [(r["name"], t(f"role.{r['role']}"), t(f"party.{r['party']}"), r["phone"],
            f"{r['term_start'] or ''}–{r['term_end'] or ''}") for r in out])


@app.command("import", help=t("cmd.member.import"))
def import_(
    ctx: typer.Context,
    file: Path = imports.FILE,
    encoding: Optional[str] = imports.ENCODING,
    sheet: Optional[str] = imports.SHEET,
    map_: Optional[list[str]] = imports.MAP,
    dry_run: bool = imports.DRY_RUN,
    quiet: bool = imports.QUIET,
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
) -> None:
    from zhili_cli.cli.imports import parse_map
    from zhili_cli.cli.imports import run
    from zhili_cli.services import members

    mapping = parse_map(map_)
    run(ctx, "member import", file.name,
        lambda tx, g, **kw: members.import_file(tx, g.rules_obj(), file, encoding=encoding, sheet=sheet,
                                                mapping=mapping, **kw),
        dry_run=dry_run, quiet=quiet, json_out=json_out)
