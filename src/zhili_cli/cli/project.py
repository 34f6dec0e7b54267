"""zhili project: 民生实事 — milestones, each verified by all three parties (seed 002)."""

from __future__ import annotations

from typing import Optional

import typer

from zhili_cli.cli import listing
from zhili_cli.i18n import t

app = typer.Typer(help=t("cmd.project"), no_args_is_help=True, add_completion=False)

JSON = typer.Option(False, "--json", help=t("opt.json"))


def _today():
    from zhili_cli import clock

    return clock.now().date()


@app.command("add", help=t("cmd.project.add"))
def add(
    ctx: typer.Context,
    title: str = typer.Option(..., "--title", help=t("opt.title")),
    motion: Optional[str] = typer.Option(None, "--motion", help=t("opt.motion")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import write
    from zhili_cli.services import projects

    row = write(ctx, "project add", lambda tx, g: projects.add(tx, title=title, motion=motion))
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json({k: v for k, v in row.items() if k not in ("id", "year", "seq")})
        return
    typer.echo(t("project.added", number=row["number"], title=row["title"]))


@app.command("milestone", help=t("cmd.project.milestone"))
def milestone(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help=t("arg.project")),
    title: str = typer.Option(..., "--title", help=t("opt.title")),
    due: Optional[str] = typer.Option(None, "--due", help=t("opt.due_date")),
    party: Optional[str] = typer.Option(None, "--party", help=t("opt.responsible_party")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import write
    from zhili_cli.cli.ledger import day
    from zhili_cli.services import projects

    row = write(ctx, "project milestone",
                lambda tx, g: projects.add_milestone(tx, ref, title=title, due=day(due), party=party))
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(row)
        return
    typer.echo(t("project.milestone_added", number=row["project"], seq=row["seq"], title=row["title"]))


@app.command("verify", help=t("cmd.project.verify"))
def verify(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help=t("arg.milestone")),
    party: str = typer.Option(..., "--party", help=t("opt.party_verify")),
    by: Optional[str] = typer.Option(None, "--by", help=t("opt.by")),
    note: Optional[str] = typer.Option(None, "--note", help=t("opt.note")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import write
    from zhili_cli.services import projects

    row = write(ctx, "project verify", lambda tx, g: projects.verify(tx, ref, party=party, by=by, note=note))
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(row)
        return
    typer.echo(t("project.verified", ref=row["ref"], party=t(f"party.{row['party']}"), count=row["count"]))
    if row["done"]:
        typer.echo(t("project.milestone_done", ref=row["ref"]))


def _verified(parties: list[str]) -> str:
    return t("list_sep").join(t(f"party.{p}") for p in parties)


@app.command("list", help=t("cmd.project.list"))
def list_(ctx: typer.Context, json_out: bool = JSON, out: Optional[str] = listing.OUT,
          force: bool = listing.FORCE) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import projects

    g = globals_of(ctx)
    rows = projects.all_details(g.conn(), _today())
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(rows)
        return
    from zhili_cli.cli.expense import wide_table as table

    def milestones(items: list[dict]) -> str:
        return "；".join(f"{m['ref']} {m['title']}（{m['due'] or ''}，"
                        f"{t('word.yes') if m['done'] else t('word.no')}）" for m in items)

    listing.out_or(ctx, out, force, table, rows, {"milestones": milestones},
                   {"number": t("col.p_number"), "title": t("col.p_title"), "motion": t("col.p_motion"),
                    "overdue": t("col.p_overdue"), "milestones": t("sheet.milestones"), "done": t("sheet.p_done"),
                    "total": t("sheet.p_total"), "progress": t("sheet.p_progress")})(t("projects_title"),
          [t("col.p_number"), t("col.p_title"), t("col.p_motion"), t("col.p_progress"), t("col.p_overdue")],
          [(r["number"], r["title"], r["motion"] or "", f"{r['done']}/{r['total']} ({r['progress']:.1f}%)",
            ", ".join(r["overdue"])) for r in rows], drop=(2, 4))


@app.command("show", help=t("cmd.project.show"))
def show(ctx: typer.Context, ref: str = typer.Argument(..., help=t("arg.project")), json_out: bool = JSON) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import projects

    g = globals_of(ctx)
    conn = g.conn()
    data = projects.detail(conn, projects.load(conn, ref), _today())
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(data)
        return
    from zhili_cli.cli.expense import wide_table as table

    def state(m: dict) -> str:
        return t("mstate.done") if m["done"] else t("mstate.overdue") if m["overdue"] else t("mstate.open")

    table(f"{data['number']} {data['title']} — {data['done']}/{data['total']} ({data['progress']:.1f}%)",
          [t("col.m_ref"), t("col.m_title"), t("col.m_due"), t("col.m_party"), t("col.m_verified"), t("col.m_state")],
          [(m["ref"], m["title"], m["due"] or "", t(f"party.{m['party']}") if m["party"] else "",
            _verified(m["verified_by"]), state(m)) for m in data["milestones"]])
