"""zhili petition: the loop 收集—议事—落实—反馈—监督."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

import typer

from zhili_cli.cli import imports, listing
from zhili_cli.i18n import t

app = typer.Typer(help=t("cmd.petition"), no_args_is_help=True, add_completion=False)

JSON = typer.Option(False, "--json", help=t("opt.json"))
REF = typer.Argument(..., help=t("arg.petition"))
# The petition's own fields, declared once: `add` takes them, `edit` corrects them, `list` filters
KIND = typer.Option(None, "--kind", help=t("opt.kind"))
BUILDING = typer.Option(None, "--building", help=t("opt.building"))
LOCATION = typer.Option(None, "--location", help=t("opt.location"))
REPORTER = typer.Option(None, "--reporter", help=t("opt.reporter"))
PHONE = typer.Option(None, "--phone", help=t("opt.phone"))
RECEIVED = typer.Option(None, "--received", help=t("opt.received"))


def _when(text: str | None):
    from zhili_cli.clock import user_when

    return user_when(text)


def _public_row(row: dict[str, Any]) -> dict[str, Any]:
    """The row as scripts see it: reporter masked, phone masked."""
    from zhili_cli.domain.privacy import mask_name, mask_phone

    out = dict(row)
    if "reporter" in out:
        out["reporter"] = mask_name(out["reporter"])
    if "reporter_phone" in out:
        out["reporter_phone"] = mask_phone(out["reporter_phone"])
    return out


def _done(row: dict[str, Any], json_out: bool, key: str) -> None:
    from zhili_cli.cli.output import emit_json

    if json_out:
        emit_json(_public_row(row))
    else:
        typer.echo(t(key, number=row["number"], status=t(f"status.{row['status']}")))


def _write(ctx: typer.Context, command: str, json_out: bool, key: str,
           act: Callable[[Any, Any], dict[str, Any]]) -> None:
    """`act(tx, g)` in the command's one write transaction, then the petition's line `key`
    (or the petition as JSON)."""
    from zhili_cli.cli.context import write

    _done(write(ctx, command, act), json_out, key)


@app.command("add", help=t("cmd.petition.add"))
def add(
    ctx: typer.Context,
    title: str = typer.Option(..., "--title", help=t("opt.title")),
    source: str = typer.Option(..., "--source", help=t("opt.source")),
    text: str = typer.Option("", "--text", help=t("opt.text")),
    kind: Optional[str] = KIND,
    building: Optional[str] = BUILDING,
    location: Optional[str] = LOCATION,
    reporter: Optional[str] = REPORTER,
    phone: Optional[str] = PHONE,
    received: Optional[str] = RECEIVED,
    json_out: bool = JSON,
) -> None:
    from zhili_cli.services import petitions

    when = _when(received)
    _write(ctx, "petition add", json_out, "petition_added",
           lambda tx, g: petitions.add(tx, g.rules_obj(), title=title, source=source, text=text, kind=kind,
                                       building=building, location=location, reporter=reporter,
                                       reporter_phone=phone, received_at=when))


@app.command("triage", help=t("cmd.petition.triage"))
def triage(
    ctx: typer.Context,
    ref: str = REF,
    kind: str = typer.Option(..., "--kind", help=t("opt.kind")),
    to: Optional[str] = typer.Option(None, "--to", help=t("opt.party"), metavar=t("metavar.party")),
    due: Optional[str] = typer.Option(None, "--due", help=t("opt.due")),
    reason: Optional[str] = typer.Option(None, "--reason", help=t("opt.retriage_reason")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.services import petitions

    _write(ctx, "petition triage", json_out, "petition_moved",
           lambda tx, g: petitions.triage(tx, g.rules_obj(), ref, kind=kind, responsible=to,
                                          completion_due=_when(due), reason=reason))


@app.command("assign", help=t("cmd.petition.assign"))
def assign(
    ctx: typer.Context,
    ref: str = REF,
    to: str = typer.Option(..., "--to", help=t("opt.party"), metavar=t("metavar.party")),
    due: Optional[str] = typer.Option(None, "--due", help=t("opt.due")),
    note: Optional[str] = typer.Option(None, "--note", help=t("opt.note")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.services import petitions

    _write(ctx, "petition assign", json_out, "petition_moved",
           lambda tx, g: petitions.assign(tx, g.rules_obj(), ref, responsible=to, completion_due=_when(due),
                                          note=note))


@app.command("update", help=t("cmd.petition.update"))
def update(ctx: typer.Context, ref: str = REF,
           note: str = typer.Option(..., "--note", help=t("opt.note")), json_out: bool = JSON) -> None:
    from zhili_cli.services import petitions

    _write(ctx, "petition update", json_out, "petition_noted",
           lambda tx, g: petitions.update(tx, ref, note=note))


@app.command("close", help=t("cmd.petition.close"))
def close(ctx: typer.Context, ref: str = REF,
          feedback: str = typer.Option(..., "--feedback", help=t("opt.feedback")), json_out: bool = JSON) -> None:
    from zhili_cli.services import petitions

    _write(ctx, "petition close", json_out, "petition_moved",
           lambda tx, g: petitions.close(tx, ref, feedback=feedback))


@app.command("verify", help=t("cmd.petition.verify"))
def verify(ctx: typer.Context, ref: str = REF,
           satisfaction: str = typer.Option(..., "--satisfaction", help=t("opt.satisfaction")),
           note: Optional[str] = typer.Option(None, "--note", help=t("opt.note")), json_out: bool = JSON) -> None:
    from zhili_cli.services import petitions

    _write(ctx, "petition verify", json_out, "petition_moved",
           lambda tx, g: petitions.verify(tx, ref, satisfaction=satisfaction, note=note))


@app.command("reject", help=t("cmd.petition.reject"))
def reject(ctx: typer.Context, ref: str = REF,
           reason: str = typer.Option(..., "--reason", help=t("opt.reason")), json_out: bool = JSON) -> None:
    from zhili_cli.services import petitions

    _write(ctx, "petition reject", json_out, "petition_moved",
           lambda tx, g: petitions.reject(tx, ref, reason=reason))


@app.command("merge", help=t("cmd.petition.merge"))
def merge(ctx: typer.Context, ref: str = REF,
          into: str = typer.Option(..., "--into", help=t("opt.into")), json_out: bool = JSON) -> None:
    from zhili_cli.services import petitions

    _write(ctx, "petition merge", json_out, "petition_moved",
           lambda tx, g: petitions.merge(tx, ref, into=into))


@app.command("refer", help=t("cmd.petition.refer"))
def refer(ctx: typer.Context, ref: str = REF,
          to: str = typer.Option(..., "--to", help=t("opt.refer_to"), metavar=t("metavar.text")),
          note: Optional[str] = typer.Option(None, "--note", help=t("opt.note")), json_out: bool = JSON) -> None:
    from zhili_cli.services import petitions

    _write(ctx, "petition refer", json_out, "petition_moved",
           lambda tx, g: petitions.refer(tx, ref, to=to, note=note))


def _month(value: str | None) -> str | None:
    import re

    from zhili_cli.errors import UsageError

    if value is None:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UsageError("bad_month", value=value)
    return f"{match.group(1)}-{int(match.group(2)):02d}"


@app.command("list", help=t("cmd.petition.list"))
def list_(
    ctx: typer.Context,
    status: Optional[list[str]] = typer.Option(None, "--status", help=t("opt.status")),
    kind: Optional[str] = KIND,
    source: Optional[str] = typer.Option(None, "--source", help=t("opt.source")),
    building: Optional[str] = BUILDING,
    month: Optional[str] = typer.Option(None, "--month", help=t("opt.month")),
    overdue: bool = typer.Option(False, "--overdue", help=t("opt.overdue")),
    limit: int = typer.Option(50, "--limit", min=0, help=t("opt.limit")),
    json_out: bool = JSON,
    search: Optional[str] = typer.Option(None, "--search", help=t("opt.search")),
    reveal: bool = typer.Option(False, "--reveal", help=t("opt.reveal")),
    out: Optional[str] = listing.OUT,
    force: bool = listing.FORCE,
) -> None:
    from zhili_cli import clock
    from zhili_cli.cli.context import globals_of
    from zhili_cli.domain import buildings, vocab
    from zhili_cli.services import petitions

    g = globals_of(ctx)
    states = [vocab.status(s, usage=True) for s in status or []]
    filters = dict(
        status=states or None, kind=vocab.kind(kind) if kind else None,
        source=vocab.source(source) if source else None, building=buildings.key(building), month=_month(month),
        overdue_at=clock.iso(clock.now()) if overdue else None,
    )
    if search is not None:
        from zhili_cli.services import search as searching

        rows, total = listing.page(lambda n: searching.petitions(g.conn(), search, limit=n, **filters),
                                   listing.limit_for(ctx, out, limit),
                                   lambda: searching.count_petitions(g.conn(), search, **filters))
    else:
        rows, total = listing.page(lambda n: petitions.list_rows(g.conn(), limit=n, **filters),
                                   listing.limit_for(ctx, out, limit), lambda: petitions.count(g.conn(), **filters))
    if overdue:
        from zhili_cli.services.today import lateness

        rows = [{**r, **lateness(r, clock.now())} for r in rows]
    if reveal:
        from zhili_cli.services.today import reveal_petitions

        with g.write("petition list --reveal") as tx:
            rows = reveal_petitions(tx, rows)
    records = [{k: v for k, v in r.items() if k != "id"} for r in rows]
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(records)
        listing.note_cut(len(rows), total)
        return
    from zhili_cli.cli.output import table

    late = [t("col.due"), t("col.days_late")] if overdue else []
    who = [t("field.reporter"), t("field.reporter_phone")] if reveal else []
    listing.out_or(ctx, out, force, table, records, {
        "status": lambda v: t(f"status.{v}"), "kind": lambda v: vocab.name("kind", v),
        "source": lambda v: vocab.name("source", v), "responsible": lambda v: t(f"party.{v}"),
        "deadline": lambda v: t(f"sheet.deadline.{v}")})(
        t("petitions_title"),
        [t("col.number"), t("col.status"), t("col.kind"), t("col.title"), t("col.received"), t("col.responsible"),
         *late, *who],
        [(r["number"], t(f"status.{r['status']}"), vocab.KIND_ZH.get(r["kind"] or "", "-"), r["title"],
          (r["received_at"] or "")[:10], t(f"party.{r['responsible']}") if r["responsible"] else "",
          *((r["due"], r["days_late"]) if overdue else ()),
          *((r.get("reporter"), r.get("reporter_phone")) if reveal else ()))
         for r in rows], drop=(4, 2, 5, 1))
    listing.note_cut(len(rows), total)


@app.command("show", help=t("cmd.petition.show"))
def show(ctx: typer.Context, ref: str = REF, json_out: bool = JSON,
         reveal: bool = typer.Option(False, "--reveal", help=t("opt.reveal"))) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.petition_corrections import event_note, public_event
    from zhili_cli.services import petitions

    g = globals_of(ctx)
    conn = g.conn()
    row = petitions.load(conn, ref)
    if reveal:
        from zhili_cli.services.today import reveal_petitions

        with g.write("petition show --reveal") as tx:
            reveal_petitions(tx, [row])
    else:
        row = _public_row(row)
    history = petitions.history(conn, row)
    if not reveal:
        history = [public_event(e) for e in history]
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json({**{k: v for k, v in row.items() if k != "id"}, "history": history})
        return
    from zhili_cli.cli.output import kv, table

    skip = {"id", "year", "seq"}
    shown = dict(row)
    for field, prefix in (("status", "status"), ("kind", "kind"), ("source", "source"), ("responsible", "party")):
        if shown.get(field):
            shown[field] = t(f"{prefix}.{shown[field]}")
    from zhili_cli.cli.output import screen_when

    for field in ("response_due", "completion_due"):
        shown[field] = screen_when(shown.get(field), day=True)
    if shown.get("building"):
        from zhili_cli.domain.buildings import label

        shown["building"] = label(shown["building"])
    kv(f"{row['number']} {row['title']}",
       [(t(f"field.{k}"), v) for k, v in shown.items() if k not in skip and v not in (None, "")])
    table(t("history_title"), [t("col.at"), t("col.actor"), t("col.action"), t("col.status"), t("col.note")],
          [(e["at"][:16].replace("T", " "), e["actor"], t(f"action.{e['action']}"),
            f"{t('status.' + e['from_status']) if e['from_status'] else ''} → {t('status.' + e['to_status']) if e['to_status'] else ''}",
            event_note(e)) for e in history])


@app.command("stats", help=t("cmd.petition.stats"))
def stats(
    ctx: typer.Context,
    date_from: Optional[str] = typer.Option(None, "--from", help=t("opt.from")),
    date_to: Optional[str] = typer.Option(None, "--to", help=t("opt.to")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli import clock
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import petitions

    g = globals_of(ctx)
    lo = _when(date_from)
    hi = _when(date_to)
    if hi is not None and date_to and len(date_to.strip()) <= 11:
        from datetime import timedelta

        hi = hi + timedelta(days=1)  # --to is inclusive of that day
    result = petitions.stats(g.conn(), date_from=clock.iso(lo), date_to=clock.iso(hi), now=clock.now())
    data = {
        "from": date_from, "to": date_to,
        "overall": result.overall.as_dict(),
        "by_kind": {k: v.as_dict() for k, v in sorted(result.by_kind.items())},
        "by_source": {k: v.as_dict() for k, v in sorted(result.by_source.items())},
    }
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(data)
        return
    render_stats(data)


def render_stats(data: dict[str, Any]) -> None:
    from zhili_cli.cli.output import table
    from zhili_cli.domain import vocab

    cols = [t("col.group"), t("stat.received"), t("stat.accepted"), t("stat.done"), t("stat.completion_rate"),
            t("stat.response_in_time_rate"), t("stat.overdue"), t("stat.mean_days_to_close"),
            t("stat.mean_satisfaction")]

    def line(label: str, f: dict[str, Any]) -> tuple:
        pct = lambda v: "-" if v is None else f"{v:.1f}%"  # noqa: E731
        num = lambda v: "-" if v is None else str(v)  # noqa: E731
        return (label, f["received"], f["accepted"], f["done"], pct(f["completion_rate"]),
                pct(f["response_in_time_rate"]), f["overdue"], num(f["mean_days_to_close"]),
                num(f["mean_satisfaction"]))

    rows = [line(t("stat.overall"), data["overall"])]
    kinds = sorted(data["by_kind"].items(), key=lambda kv: list(vocab.KINDS).index(kv[0]) if kv[0] in vocab.KINDS else 9)
    sources = sorted(data["by_source"].items(), key=lambda kv: list(vocab.SOURCES).index(kv[0]))
    rows += [line(t(f"kind.{k}") if k in vocab.KINDS else t("stat.untriaged"), v) for k, v in kinds]
    rows += [line(t(f"source.{k}"), v) for k, v in sources]
    table(t("stats_title"), cols, rows)


@app.command("import", help=t("cmd.petition.import"))
def import_(
    ctx: typer.Context,
    file: Path = imports.FILE,
    encoding: Optional[str] = imports.ENCODING,
    sheet: Optional[str] = imports.SHEET,
    map_: Optional[list[str]] = imports.MAP,
    dry_run: bool = imports.DRY_RUN,
    quiet: bool = imports.QUIET,
    json_out: bool = JSON,
) -> None:
    from zhili_cli.services import petition_import

    imports.run(ctx, "petition import", file, map_,
                lambda tx, g, **kw: petition_import.import_file(tx, g.rules_obj(), file, encoding=encoding,
                                                                sheet=sheet, **kw),
                dry_run=dry_run, quiet=quiet, json_out=json_out)


from zhili_cli.cli import petition_corrections  # noqa: E402,F401  (registers edit and reopen)
