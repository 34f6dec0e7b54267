"""zhili motion proxy: the written authorisations (委托书) a proxy's ballot counts under."""

from __future__ import annotations

from typing import Optional

import typer

from zhili_cli.i18n import t

app = typer.Typer(help=t("cmd.motion.proxy"), no_args_is_help=True, add_completion=False)

JSON = typer.Option(False, "--json", help=t("opt.json"))
REF = typer.Argument(..., help=t("arg.motion"))
UNIT = typer.Option(..., "--unit", help=t("opt.proxy_unit"))


@app.command("add", help=t("cmd.motion.proxy.add"))
def add(ctx: typer.Context, ref: str = REF, unit: str = UNIT,
        proxy: str = typer.Option(..., "--proxy", help=t("opt.proxy_name")),
        document: str = typer.Option(..., "--document", help=t("opt.proxy_document")),
        signed: Optional[str] = typer.Option(None, "--signed", help=t("opt.proxy_signed")),
        json_out: bool = JSON) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import vote_proxies

    g = globals_of(ctx)
    with g.write("motion proxy add") as tx:
        out = vote_proxies.add(tx, g.rules_obj(), ref, unit=unit, proxy=proxy, document=document, signed=signed)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(out)
        return
    typer.echo(t("proxy_added", number=out["motion"], room=out["unit"], document=out["document"]))


@app.command("revoke", help=t("cmd.motion.proxy.revoke"))
def revoke(ctx: typer.Context, ref: str = REF, unit: str = UNIT,
           reason: str = typer.Option(..., "--reason", help=t("opt.correction_reason")),
           json_out: bool = JSON) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import vote_proxies

    g = globals_of(ctx)
    with g.write("motion proxy revoke") as tx:
        out = vote_proxies.revoke(tx, ref, unit=unit, reason=reason)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(out)
        return
    typer.echo(t("proxy_revoked", number=out["motion"], room=out["unit"], document=out["document"]))


@app.command("list", help=t("cmd.motion.proxy.list"))
def list_(ctx: typer.Context, ref: str = REF, json_out: bool = JSON) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import vote_proxies

    g = globals_of(ctx)
    out = vote_proxies.list_rows(g.conn(), g.rules_obj(), ref)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(out)
        return
    from zhili_cli.cli.output import table

    table(t("proxies_title", number=out["motion"], limit=out["limit"]),
          [t("col.room"), t("col.proxy"), t("col.document"), t("col.signed_on"), t("col.status"),
           t("col.ballots"), t("col.reason")],
          [(r["unit"], r["proxy"], r["document"], r["signed_on"] or "", t(f"proxy_status.{r['status']}"),
            r["ballots"], r["revoke_reason"] or "") for r in out["proxies"]], drop=(6, 3, 5))
