"""zhili audit log|verify: the hash-chained record of every change."""

from __future__ import annotations

from typing import Optional

import typer

from zhili_cli.i18n import t

app = typer.Typer(help=t("cmd.audit"), no_args_is_help=True, add_completion=False)


@app.command("log", help=t("cmd.audit.log"))
def log(
    ctx: typer.Context,
    limit: int = typer.Option(50, "--limit", min=0, help=t("opt.limit")),
    table_name: Optional[str] = typer.Option(None, "--table", help=t("opt.table")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.output import emit_json, table
    from zhili_cli.services.audit import count_recent, recent

    g = globals_of(ctx)
    from zhili_cli.cli import listing

    rows, total = listing.page(lambda n: recent(g.conn(), n, table_name), limit or None,
                               lambda: count_recent(g.conn(), table_name))
    if json_out:
        emit_json(rows)
        listing.note_cut(len(rows), total)
        return
    table(t("audit_title"), ["#", t("col.at"), t("col.actor"), t("col.command"), t("col.table"), t("col.row"),
                             t("col.action"), t("col.hash")],
          [(r["id"], r["at"][:19].replace("T", " "), r["actor"], r["command"], table_word(r["table_name"]), r["row_id"],
            action_word(r["action"]), r["hash"][:12]) for r in rows], drop=(7, 5))
    listing.note_cut(len(rows), total)


def table_word(name: str | None) -> str:
    """A table as a person reads it: its Chinese name with the stored one (petitions → 诉求（petitions）),
    the stored name alone in English or when it has no name in the catalogue."""
    from zhili_cli.i18n import catalogue, lang

    if not name:
        return ""
    entry = catalogue().get(f"table.{name}")
    return name if entry is None or lang() == "en" else f"{entry[0]}（{name}）"


def action_word(action: str) -> str:
    """An audited change as a person reads it (insert → 新增); an unknown one as stored."""
    from zhili_cli.i18n import catalogue

    return t(f"audit_action.{action}") if f"audit_action.{action}" in catalogue() else action


@app.command("verify", help=t("cmd.audit.verify"))
def verify(
    ctx: typer.Context,
    head: Optional[str] = typer.Option(None, "--head", help=t("opt.head")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.output import emit_json
    from zhili_cli.services import audit

    g = globals_of(ctx)
    result = audit.verify(g.conn(), head)
    problems = result["problems"]
    if json_out:
        emit_json({k: result[k] for k in ("ok", "entries", "head", "problems")})
    elif not problems:
        typer.echo(t("audit_ok", count=result["entries"], head=result["head"]))
    if problems:
        first = problems[0]
        typer.echo(t(f"audit_{first['kind']}", table=table_word(first["table"]), row=first["row_id"],
                     audit=first["audit_id"],
                     period=first["period"] or "", head=head or "", more=len(problems) - 1), err=True)
        raise typer.Exit(1)
