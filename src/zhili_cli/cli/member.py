"""zhili member add|list|show|end-term|import: committee members, party representatives, grid workers."""

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
    basis: Optional[str] = typer.Option(None, "--basis", help=t("opt.member_basis")),
    basis_date: Optional[str] = typer.Option(None, "--basis-date", help=t("opt.member_basis_date")),
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import members

    g = globals_of(ctx)
    with g.write("member add") as tx:
        row = members.add(tx, g.rules_obj(), name=name, role=role, party=party, phone=phone,
                          term_start=term_start, term_end=term_end, basis=basis, basis_date=basis_date)
    typer.echo(t("member_added", name=row["name"], role=t(f"role.{row['role']}")))
    _warn_even(g)


def _warn_even(g) -> None:
    """On stderr (a --json output stays clean): the committee in office is even in number while
    the rules want it odd (committee.size_odd)."""
    from zhili_cli.services import members

    size = members.even_committee(g.conn(), g.rules_obj())
    if size:
        typer.echo(t("reps.committee_even", size=size), err=True)


@app.command("list", help=t("cmd.member.list"))
def list_(
    ctx: typer.Context,
    role: Optional[str] = typer.Option(None, "--role", help=t("opt.role")),
    ending: Optional[int] = typer.Option(None, "--ending-within", min=0, help=t("opt.ending_within")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
    out_file: Optional[str] = listing.OUT,
    force: bool = listing.FORCE,
) -> None:
    """Terms ending within 90 days are marked (`term_ends_soon`); `--ending-within N` lists only those."""
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.output import emit_json, say, table
    from zhili_cli.domain import vocab
    from zhili_cli.domain.privacy import mask_phone
    from zhili_cli.services import members

    g = globals_of(ctx)
    within = members.TERM_WARNING_DAYS if ending is None else ending
    rows = members.list_rows(g.conn(), vocab.role(role) if role else None, within=within)
    if ending is not None:
        rows = [r for r in rows if r["term_ends_soon"]]
    out = [{"id": r["id"], "name": r["name"], "role": r["role"], "party": r["party"],
            "phone": mask_phone(r["phone"]), "term_start": r["term_start"], "term_end": r["term_end"],
            "days_left": r["days_left"], "term_ends_soon": r["term_ends_soon"]}
           for r in rows]
    if not out_file:
        _warn_even(g)
    if json_out:
        emit_json(out)
        return
    listing.out_or(ctx, out_file, force, table, [{k: v for k, v in r.items() if k != "id"} for r in out],
                   {"role": lambda v: t(f"role.{v}"), "party": lambda v: t(f"party.{v}")})(
        t("members_title"),
        [t("col.name"), t("col.role"), t("col.party"), t("col.phone"), t("col.term"), t("col.term_left")],
        [(r["name"], t(f"role.{r['role']}"), t(f"party.{r['party']}"), r["phone"],
          f"{r['term_start'] or ''}–{r['term_end'] or ''}",
          f"{t('member_ending_soon')} {t('member_days_left', days=r['days_left'])}" if r["term_ends_soon"] else "")
         for r in out], drop=(5, 3, 2))
    soon = sum(1 for r in out if r["term_ends_soon"])
    if soon and not out_file:
        say(t("members_terms_warning", count=soon, days=within))


@app.command("end-term", help=t("cmd.member.end_term"))
def end_term(
    ctx: typer.Context,
    name: str = typer.Argument(..., help=t("arg.name")),
    on: Optional[str] = typer.Option(None, "--date", help=t("opt.end_date")),
    reason: Optional[str] = typer.Option(None, "--reason", help=t("opt.correction_reason")),
    role: Optional[str] = typer.Option(None, "--role", help=t("opt.role_pick")),
    kind: Optional[str] = typer.Option(None, "--kind", help=t("opt.end_kind")),
    doc: Optional[str] = typer.Option(None, "--doc", help=t("opt.end_doc")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.clock import user_date
    from zhili_cli.services import members

    g = globals_of(ctx)
    with g.write("member end-term") as tx:
        row = members.end_term(tx, name, on=user_date(on), reason=reason, role=role, kind=kind, doc=doc)
    _warn_even(g)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(members.detail(g.conn(), row["name"], row["role"]))
        return
    typer.echo(t("member_term_ended", name=row["name"], role=t(f"role.{row['role']}"), date=row["term_end"]))


@app.command("show", help=t("cmd.member.show"))
def show(
    ctx: typer.Context,
    name: str = typer.Argument(..., help=t("arg.name")),
    role: Optional[str] = typer.Option(None, "--role", help=t("opt.role_pick")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.output import emit_json, kv, table
    from zhili_cli.services import members

    g = globals_of(ctx)
    d = members.detail(g.conn(), name, role)
    if json_out:
        emit_json(d)
        return
    kv(d["name"], [(t("col.role"), t(f"role.{d['role']}")), (t("col.party"), t(f"party.{d['party']}")),
                   (t("col.phone"), d["phone"]), (t("col.term"), f"{d['term_start'] or ''}–{d['term_end'] or ''}")])
    if d["history"]:
        table(t("col.history"), [t("col.date"), t("col.name"), t("col.history"), t("col.reason")],
              [(h["at"][:16].replace("T", " "), h["by"], _change_text(h), h["reason"]) for h in d["history"]])


def _change_text(h: dict) -> str:
    """One line of a member's history: joining (term and basis date) or the end of a term."""
    a = h["after"]
    if h["action"] == "add":
        when = f"（{a['basis_date']}）" if a.get("basis_date") else ""
        return f"{t('history.add')}：{a.get('term_start') or '—'} – {a.get('term_end') or '—'}{when}"
    what = f"{t('history.' + h['action'])}：{h['before'].get('term_end') or '—'} → {a.get('term_end')}"
    if a.get("kind"):
        what += f"（{t('end_kind.' + a['kind'])}，{a.get('doc') or '—'}）"
    return what


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
    from zhili_cli.services import members

    imports.run(ctx, "member import", file, map_,
                lambda tx, g, **kw: members.import_file(tx, g.rules_obj(), file, encoding=encoding, sheet=sheet, **kw),
                dry_run=dry_run, quiet=quiet, json_out=json_out)
