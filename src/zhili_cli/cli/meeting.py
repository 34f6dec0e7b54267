"""zhili meeting: the monthly three-party meeting and the other bodies' meetings."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from zhili_cli.cli import listing
from zhili_cli.domain.vocab import typed  # a default as help shows it: the word people type
from zhili_cli.i18n import t


app = typer.Typer(help=t("cmd.meeting"), no_args_is_help=True, add_completion=False)

JSON = typer.Option(False, "--json", help=t("opt.json"))
REF = typer.Argument(..., help=t("arg.meeting"))


def _day(text: str | None):
    from zhili_cli.clock import user_date

    return user_date(text)


def _names(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out += [p.strip() for p in v.replace("，", ",").replace("、", ",").split(",") if p.strip()]
    return out


def _emit_meeting(g: Any, ref: str, json_out: bool, key: str, **params: Any) -> None:
    from zhili_cli.services import meetings

    d = meetings.detail(g.conn(), ref)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(d)
    else:
        typer.echo(t(key, number=d["number"], kind=t(f"meeting_kind.{d['kind']}"), date=d["date"], **params))


@app.command("schedule", help=t("cmd.meeting.schedule"))
def schedule(
    ctx: typer.Context,
    kind: str = typer.Option("three_party", "--kind", help=t("opt.meeting_kind"),
                                show_default=typed("meeting_kind", "three_party")),
    on: Optional[str] = typer.Option(None, "--date", help=t("opt.meeting_date")),
    title: Optional[str] = typer.Option(None, "--title", help=t("opt.meeting_title")),
    convener: Optional[str] = typer.Option(None, "--convener", help=t("opt.convener")),
    extraordinary: bool = typer.Option(False, "--extraordinary", help=t("opt.extraordinary")),
    announced: Optional[str] = typer.Option(None, "--announced", help=t("opt.announced")),
    place: Optional[str] = typer.Option(None, "--place", help=t("opt.meeting_place")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import meetings

    g = globals_of(ctx)
    with g.write("meeting schedule") as tx:
        row = meetings.schedule(tx, g.rules_obj(), kind=kind, on=_day(on), title=title, convener=convener,
                                extraordinary=extraordinary, announced=_day(announced), place=place)
    _emit_meeting(g, row["number"], json_out, "meeting_scheduled")


@app.command("agenda", help=t("cmd.meeting.agenda"))
def agenda(
    ctx: typer.Context,
    ref: str = REF,
    add: Optional[str] = typer.Option(None, "--add", help=t("opt.add_item")),
    add_ref: Optional[str] = typer.Option(None, "--add-ref", help=t("opt.add_ref")),
    drop: Optional[int] = typer.Option(None, "--drop", help=t("opt.drop")),
    move: Optional[str] = typer.Option(None, "--move", help=t("opt.move")),
    rebuild: bool = typer.Option(False, "--rebuild", help=t("opt.rebuild")),
    publish: bool = typer.Option(False, "--publish", help=t("opt.publish_agenda")),
    markdown: bool = typer.Option(False, "--markdown", help=t("opt.markdown")),
    json_out: bool = JSON,
) -> None:
    """With no option: the agenda, built from what is waiting the first time it is asked for."""
    from zhili_cli.cli.context import globals_of
    from zhili_cli.errors import UsageError
    from zhili_cli.services import meetings

    g = globals_of(ctx)
    conn = g.conn()
    edits = any(v is not None for v in (add, add_ref, drop, move)) or rebuild or publish
    first = meetings.agenda_never_built(conn, ref)
    if edits or first:
        with g.write("meeting agenda") as tx:
            if rebuild or (first and not edits):
                meetings.build_agenda(tx, g.rules_obj(), ref)
            if add or add_ref:
                meetings.add_item(tx, ref, title=add, item_ref=add_ref)
            if drop is not None:
                meetings.drop_item(tx, ref, drop)
            if move:
                parts = move.replace("：", ":").split(":")
                if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
                    raise UsageError("meeting_bad_move", value=move)
                meetings.move_item(tx, ref, int(parts[0]), int(parts[1]))
            if publish:
                meetings.publish_agenda(tx, ref)
    d = meetings.detail(conn, ref)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(d)
        return
    if markdown:
        from zhili_cli import clock
        from zhili_cli.report import build_meeting
        from zhili_cli.report.render import render

        typer.echo(render(build_meeting.agenda(conn, None, ref, clock.now()), "md"), nl=False)
        return
    _agenda_table(d)
    if publish:
        typer.echo(t("meeting_agenda_published", number=d["number"]))


def _agenda_table(d: dict[str, Any]) -> None:
    from zhili_cli.cli.output import say, table

    if not d["agenda"]:
        say(t("meeting_agenda_empty"))
        return
    table(t("meeting_agenda_title", number=d["number"]),
          [t("col.item"), t("col.item_type"), t("col.ref"), t("col.title"), t("col.decision"),
           t("col.item_owner"), t("col.due")],
          [(i["position"], t(f"item_type.{i['type']}"), i["ref"] or "",
            i["title"] + (t("meeting_carried_mark", times=i["carried_over"]) if i["carried_over"] else ""),
            i["decision"] or "",
            t(f"party.{i['owner_party']}") if i["owner_party"] else "", (i["due"] or "")[:10])
           for i in d["agenda"]])


@app.command("attend", help=t("cmd.meeting.attend"))
def attend(
    ctx: typer.Context,
    ref: str = REF,
    present: Optional[list[str]] = typer.Option(None, "--present", help=t("opt.present")),
    party: Optional[list[str]] = typer.Option(None, "--party", help=t("opt.party_present")),
    note_taker: Optional[str] = typer.Option(None, "--note-taker", help=t("opt.note_taker")),
    place: Optional[str] = typer.Option(None, "--place", help=t("opt.meeting_place")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import meetings

    g = globals_of(ctx)
    with g.write("meeting attend") as tx:
        meetings.record_minutes_details(tx, ref, place=place, note_taker=note_taker)
        row = meetings.attend(tx, g.rules_obj(), ref, names=_names(present), parties=_names(party))
    quorum = t("meeting_quorum_yes") if row["quorum_met"] else t("meeting_quorum_no")
    if row["quorum_detail"]:
        quorum += f"（{row['quorum_detail']}）"
    _emit_meeting(g, row["number"], json_out, "meeting_attended", quorum=quorum)


@app.command("decide", help=t("cmd.meeting.decide"))
def decide(
    ctx: typer.Context,
    ref: str = REF,
    item: int = typer.Argument(..., help=t("arg.item")),
    decision: Optional[str] = typer.Option(None, "--decision", help=t("opt.decision")),
    owner: Optional[str] = typer.Option(None, "--owner", help=t("opt.owner_party")),
    due: Optional[str] = typer.Option(None, "--due", help=t("opt.item_due")),
    reject: bool = typer.Option(False, "--reject", help=t("opt.reject_item")),
    amend: bool = typer.Option(False, "--amend", help=t("opt.amend")),
    reason: Optional[str] = typer.Option(None, "--reason", help=t("opt.correction_reason")),
    summary: Optional[str] = typer.Option(None, "--summary", help=t("opt.item_summary")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.clock import user_when as _when
    from zhili_cli.services import meeting_changes, meetings

    g = globals_of(ctx)
    with g.write("meeting decide --amend" if amend else "meeting decide") as tx:
        if amend:
            row = meeting_changes.amend(tx, ref, item, reason=reason, decision=decision, owner=owner,
                                        due=_when(due), approved=False if reject else None)
        else:
            row = meetings.decide(tx, g.rules_obj(), ref, item, decision=decision or "", owner=owner,
                                  due=_when(due), approved=not reject, summary=summary)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json({k: v for k, v in row.items() if k not in ("id", "meeting_id")})
        return
    key = "meeting_amended" if amend else "meeting_decided"
    typer.echo(t(key, number=meetings.load(g.conn(), ref)["number"], item=item))


@app.command("reschedule", help=t("cmd.meeting.reschedule"))
def reschedule(
    ctx: typer.Context,
    ref: str = REF,
    on: Optional[str] = typer.Option(None, "--date", help=t("opt.new_date")),
    reason: Optional[str] = typer.Option(None, "--reason", help=t("opt.correction_reason")),
    announced: Optional[str] = typer.Option(None, "--announced", help=t("opt.reannounced")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import meeting_changes

    g = globals_of(ctx)
    with g.write("meeting reschedule") as tx:
        row = meeting_changes.reschedule(tx, g.rules_obj(), ref, on=_day(on), reason=reason,
                                         announced=_day(announced))
    _emit_meeting(g, row["number"], json_out, "meeting_rescheduled")


@app.command("cancel", help=t("cmd.meeting.cancel"))
def cancel(
    ctx: typer.Context,
    ref: str = REF,
    reason: Optional[str] = typer.Option(None, "--reason", help=t("opt.correction_reason")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import meeting_changes

    g = globals_of(ctx)
    with g.write("meeting cancel") as tx:
        row = meeting_changes.cancel(tx, ref, reason=reason)
    _emit_meeting(g, row["number"], json_out, "meeting_cancel_done")


@app.command("publish", help=t("cmd.meeting.publish"))
def publish(ctx: typer.Context, ref: str = REF, json_out: bool = JSON) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import meetings

    g = globals_of(ctx)
    with g.write("meeting publish") as tx:
        row = meetings.publish_decisions(tx, ref)
    _emit_meeting(g, row["number"], json_out, "meeting_published")


@app.command("overdue", help=t("cmd.meeting.overdue"))
def overdue(ctx: typer.Context, json_out: bool = JSON) -> None:
    from zhili_cli import clock
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import meetings

    g = globals_of(ctx)
    rows = meetings.overdue_publications(g.conn(), g.rules_obj(), clock.now().date())
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(rows)
        return
    if not rows:
        typer.echo(t("meeting_none_overdue"))
        return
    from zhili_cli.cli.output import table

    table(t("meeting_overdue_title"), [t("col.meeting"), t("col.title"), t("col.date"), t("col.due")],
          [(r["number"], r["title"], r["date"], r["publish_due"]) for r in rows])


@app.command("minutes", help=t("cmd.meeting.minutes"))
def minutes(ctx: typer.Context, ref: str = REF,
            out: Optional[Path] = typer.Option(None, "--out", "-o", help=t("opt.minutes_out")),
            json_out: bool = JSON) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import meetings

    g = globals_of(ctx)
    from zhili_cli import clock
    from zhili_cli.report import build_meeting
    from zhili_cli.report.render import render

    report = build_meeting.minutes(g.conn(), None, ref, clock.now())
    if not json_out and not out:  # on screen: drawn for the terminal, not Markdown source
        from zhili_cli.report.render.terminal import show

        show(report)
        return
    text = render(report, "md")
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json({**meetings.detail(g.conn(), ref), "markdown": text})
        return
    if out:
        from zhili_cli.outfile import write_atomic

        write_atomic(out, text, protected=[g.db_path, Path("zhili.yaml")])
        typer.echo(t("meeting_minutes_written", path=str(out)))


@app.command("list", help=t("cmd.meeting.list"))
def list_(ctx: typer.Context,
          kind: Optional[str] = typer.Option(None, "--kind", help=t("opt.meeting_kind")),
          limit: int = typer.Option(50, "--limit", min=0, help=t("opt.limit")),
          json_out: bool = JSON, out: Optional[str] = listing.OUT, force: bool = listing.FORCE) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import meetings

    g = globals_of(ctx)
    rows, total = listing.page(lambda n: meetings.list_(g.conn(), kind, n), listing.limit_for(ctx, out, limit))
    records = [{**{k: v for k, v in r.items() if k not in ("id", "year", "seq")},
                "quorum_met": None if r["quorum_met"] is None else bool(r["quorum_met"])} for r in rows]
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(records)
        listing.note_cut(len(rows), total)
        return
    from zhili_cli.cli.output import table

    listing.out_or(ctx, out, force, table, records,
                   {"kind": lambda v: t(f"meeting_kind.{v}"), "extraordinary": listing.yes_no},
                   {"number": t("col.meeting"), "kind": t("col.meeting_kind"), "title": t("col.title"),
                    "quorum_met": t("col.quorum"), "items": t("col.items")})(t("meetings_title"),
          [t("col.meeting"), t("col.date"), t("col.meeting_kind"), t("col.title"), t("col.items"), t("col.quorum")],
          [(r["number"], r["date"], t(f"meeting_kind.{r['kind']}"),
            r["title"] + (f"（{t('meeting_state.cancelled')}）" if r["cancelled"] else ""), r["items"],
            "" if r["quorum_met"] is None else (t("meeting_quorum_yes") if r["quorum_met"] else t("meeting_quorum_no")))
           for r in rows], drop=(5, 4, 2))
    listing.note_cut(len(rows), total)


@app.command("show", help=t("cmd.meeting.show"))
def show(ctx: typer.Context, ref: str = REF, json_out: bool = JSON) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import meetings

    g = globals_of(ctx)
    d = meetings.detail(g.conn(), ref)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(d)
        return
    from zhili_cli.cli.output import kv, table

    quorum = "" if d["quorum_met"] is None else (t("meeting_quorum_yes") if d["quorum_met"] else t("meeting_quorum_no"))
    kv(f"{d['number']} {d['title']}", [
        (t("col.date"), d["date"]), (t("col.meeting_kind"), t(f"meeting_kind.{d['kind']}")),
        (t("minutes.convener"), d["convener"]), (t("col.quorum"), f"{quorum} {d['quorum_detail'] or ''}".strip()),
        (t("col.state"), t(f"meeting_state.{d['state']}")),
    ])
    if d["attendance"]:
        table(t("minutes.attendance"), [t("col.party"), t("col.name")],
              [(t(f"party.{a['party']}"), a["name"]) for a in d["attendance"]])
    _agenda_table(d)
    if d["history"]:
        table(t("col.history"), [t("col.date"), t("col.name"), t("col.item"), t("col.history"), t("col.reason")],
              [(h["at"][:16].replace("T", " "), h["by"], h["item"] or "",
                f"{t('history.' + h['action'])}：{_change_text(h)}", h["reason"]) for h in d["history"]])


def _change_text(h: dict[str, Any]) -> str:
    keys = sorted(set(h["before"]) | set(h["after"]))
    return "；".join(f"{k}: {h['before'].get(k) or '—'} → {h['after'].get(k) or '—'}" for k in keys)
