"""zhili rules show|check|explain."""

from __future__ import annotations

from typing import Optional

import typer

from zhili_cli.i18n import t

app = typer.Typer(help=t("cmd.rules"), no_args_is_help=True, add_completion=False)


@app.command("show", help=t("cmd.rules.show"))
def show(ctx: typer.Context, json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
         at: Optional[str] = typer.Option(None, "--at", help=t("opt.rules_at"))) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.rules.load import dump_effective

    g = globals_of(ctx)
    if at is not None:
        from zhili_cli.services.rules_record import in_force

        row = in_force(g.conn(), at)
        if json_out:
            from zhili_cli.cli.output import emit_json

            emit_json({k: row[k] for k in ("day", "first_used_at", "source", "sha256", "text")})
            return
        typer.echo(f"# {t('rules.at_header', day=row['day'], since=row['first_used_at'], source=row['source'], sha=row['sha256'][:12])}")
        typer.echo(row["text"].rstrip("\n"))
        return
    source = g.rules_source()
    if json_out:
        typer.echo(source.rules.model_dump_json(indent=2))
        return
    typer.echo(f"# {t('rules_source')}: {source.label}")
    typer.echo(dump_effective(source.rules))


@app.command("check", help=t("cmd.rules.check"))
def check(ctx: typer.Context, file: Optional[str] = typer.Argument(None, help=t("arg.rules_file"))) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.rules.load import locate, validate

    g = globals_of(ctx)
    source = locate(file or g.rules, beside=g.db_path.parent)
    validate(source.text, source.label)
    typer.echo(t("rules_ok", path=source.label))


@app.command("explain", help=t("cmd.rules.explain"))
def explain(ctx: typer.Context, key: str = typer.Argument(..., help=t("arg.rules_key"))) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services.rules_doc import explain as explain_key

    g = globals_of(ctx)
    typer.echo(explain_key(g.rules_source().rules, key))


@app.command("adopt", help=t("cmd.rules.adopt"))
def adopt(ctx: typer.Context,
          reason: str = typer.Option(..., "--reason", help=t("opt.rules_adopt_reason")),
          basis: Optional[str] = typer.Option(None, "--basis", help=t("opt.rules_adopt_basis")),
          json_out: bool = typer.Option(False, "--json", help=t("opt.json"))) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services.rules_record import ADOPT
    from zhili_cli.services.rules_record import adopt as adopt_rules

    g = globals_of(ctx)
    with g.write(ADOPT) as tx:
        done = adopt_rules(tx, g.rules_source(), reason, basis)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(done)
        return
    from zhili_cli.cli.output import say

    say(t("rules.adopted", file=done["source"], sha=done["sha256"][:12], at=done["adopted_at"]))


@app.command("history", help=t("cmd.rules.history"))
def history(ctx: typer.Context, json_out: bool = typer.Option(False, "--json", help=t("opt.json"))) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services.rules_record import history as versions

    rows = versions(globals_of(ctx).conn())
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(rows)
        return
    from zhili_cli.cli.output import table

    table(t("rules.history_title"),
          [t("col.rules_since"), t("col.rules_sha"), t("col.rules_reason"), t("col.rules_basis"), t("col.rules_source")],
          [(r["first_used_at"][:16].replace("T", " "), r["sha256"][:12], r["reason"] or t("rules.first_version"),
            r["basis"] or "", r["source"]) for r in rows], keep=2, drop=[4, 3])
