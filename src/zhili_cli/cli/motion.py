"""zhili motion: propose, vote stage by stage, advance; owners' ballots singly or from a file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Optional

import typer

from zhili_cli.cli import imports
from zhili_cli.cli import listing
from zhili_cli.cli import motion_proxy
from zhili_cli.domain.vocab import typed  # a default as help shows it: the word people type
from zhili_cli.i18n import t


app = typer.Typer(help=t("cmd.motion"), no_args_is_help=True, add_completion=False)
ballots_app = typer.Typer(help=t("cmd.motion.ballots"), no_args_is_help=True, add_completion=False)
app.add_typer(ballots_app, name="ballots")
app.add_typer(motion_proxy.app, name="proxy")

JSON = typer.Option(False, "--json", help=t("opt.json"))
REF = typer.Argument(..., help=t("arg.motion"))


def _stage_name(key: str) -> str:
    name = t(f"stage.{key}")
    return name if name != f"stage.{key}" else t(f"stage_body.{key}")


def _emit(g: Any, ref: str, json_out: bool, key: str, **params: Any) -> None:
    from zhili_cli.services import motions

    d = motions.detail(g.conn(), ref)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(d)
        return
    typer.echo(t(key, number=d["number"], cls=t(f"class.{d['vote_class']}"),
                 stage=_stage_name(d["stage"]) if d["stage"] else "", **params))


@app.command("propose", help=t("cmd.motion.propose"))
def propose(
    ctx: typer.Context,
    title: str = typer.Option(..., "--title", help=t("opt.motion_title")),
    text: str = typer.Option("", "--text", help=t("opt.motion_text")),
    matter: str = typer.Option("other", "--matter", help=t("opt.matter"),
                                show_default=typed("matter", "other")),
    origin: Optional[list[str]] = typer.Option(None, "--origin", help=t("opt.origin")),
    subject: Optional[str] = typer.Option(None, "--subject", help=t("opt.subject")),
    only: Optional[str] = typer.Option(None, "--only", help=t("opt.only_body")),
    scope: Optional[list[str]] = typer.Option(None, "--scope", help=t("opt.motion_scope")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import motions

    g = globals_of(ctx)
    with g.write("motion propose") as tx:
        row = motions.propose(tx, g.rules_obj(), title=title, text=text, matter=matter, origins=origin or [],
                              subject=subject, only_body=only, scopes=scope or [])
    _emit(g, row["number"], json_out, "motion_proposed")


@app.command("vote", help=t("cmd.motion.vote"))
def vote(
    ctx: typer.Context,
    ref: str = REF,
    more: Optional[list[str]] = typer.Argument(None, hidden=True),
    member: Optional[list[str]] = typer.Option(None, "--member", help=t("opt.member_vote")),
    position: Optional[list[str]] = typer.Option(None, "--position", help=t("opt.position")),
    ballot: Optional[list[str]] = typer.Option(None, "--ballot", help=t("opt.ballot")),
    result: Optional[str] = typer.Option(None, "--result", help=t("opt.vote_result")),
    meeting: Optional[str] = typer.Option(None, "--meeting", help=t("opt.meeting_ref")),
    subject: Optional[str] = typer.Option(None, "--subject", help=t("opt.subject")),
    start: Optional[str] = typer.Option(None, "--from", help=t("opt.vote_from")),
    end: Optional[str] = typer.Option(None, "--to", help=t("opt.vote_to")),
    announced: Optional[str] = typer.Option(None, "--announced", help=t("opt.vote_announced")),
    json_out: bool = JSON,
) -> None:
    """`motion vote REF …` records votes; `motion vote open REF --from --to` opens an owners'
    vote and `motion vote close REF` closes it."""
    from zhili_cli.cli.context import globals_of
    from zhili_cli.errors import UsageError
    from zhili_cli.services import motions

    g = globals_of(ctx)
    action = {"open": "open", "开启": "open", "close": "close", "结束": "close"}.get(ref.strip())
    if action:
        if len(more or []) != 1:
            raise UsageError("motion_vote_ref_missing", action=ref)
        ref = (more or [""])[0]
        if action == "open":
            return _open(g, ref, start, end, announced, meeting, subject, json_out)
        return _close(g, ref, json_out)
    if more:
        raise UsageError("motion_vote_extra", extra=" ".join(more))
    if start or end or announced:
        raise UsageError("motion_vote_window_only_open")
    with g.write("motion vote") as tx:
        out = motions.vote(tx, g.rules_obj(), ref, members=member, positions=position, ballots=ballot,
                           result=result, meeting=meeting, subject=subject)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json({"motion": out["motion"]["number"], "stage": out["stage"], **out["tally"]})
        return
    _say_result(out["motion"]["number"], out["stage"], out["tally"])


def _open(g: Any, ref: str, start: str | None, end: str | None, announced: str | None, meeting: str | None,
          subject: str | None, json_out: bool) -> None:
    from zhili_cli.errors import UsageError
    from zhili_cli.services import owner_votes

    if not start or not end:
        raise UsageError("motion_vote_window_needed")
    with g.write("motion vote open") as tx:
        out = owner_votes.open_vote(tx, g.rules_obj(), ref, start=start, end=end, announced=announced,
                                    meeting=meeting, subject=subject)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json({"motion": out["motion"], "meeting": out["meeting"], "announced": out["announced_on"],
                   "from": out["window_from"], "to": out["window_to"], **out["tally"]})
        return
    typer.echo(t("vote_opened", number=out["motion"], start=out["window_from"], end=out["window_to"],
                 announced=out["announced_on"], owners=out["tally"]["owners"], area=out["tally"]["area"]))


def _close(g: Any, ref: str, json_out: bool) -> None:
    from zhili_cli.services import motions, owner_votes

    with g.write("motion vote close") as tx:
        out = owner_votes.close_vote(tx, g.rules_obj(), ref)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json({"motion": out["motion"], **out["tally"]})
        return
    typer.echo(t("vote_closed", number=out["motion"]))
    _say_result(out["motion"], motions.detail(g.conn(), ref)["stage"], out["tally"])


def _say_result(number: str, stage: str, tally: dict[str, Any]) -> None:
    if tally.get("final") is False:
        typer.echo(t("vote_provisional", number=number, end=tally.get("window_to") or ""))
    else:
        result = t("motion_pass") if tally["passed"] else t("motion_fail")
        typer.echo(t("motion_voted", number=number, stage=_stage_name(stage), result=result))
        if tally["passed"]:  # a stage ends by a deliberate step: say which
            typer.echo(t("motion_next_advance", number=number))
    if "owners_short_quorum" in tally:
        from zhili_cli.cli.output import say

        common = dict(owners=tally["owners"], area=tally["area"], voted_owners=tally["voted_owners"],
                      voted_area=tally["voted_area"], agree_owners=tally["agree_owners"],
                      agree_area=tally["agree_area"])
        if tally["quorum_met"]:
            say(t("vote_quorum_met", **common))
        else:
            say(t("vote_quorum_short", owners_short=tally["owners_short_quorum"],
                  area_short=tally["area_short_quorum"], **common))
        if tally.get("final") is False:
            pass  # provisional: counts only, no verdict
        elif tally["passed"]:
            say(t("vote_passes", **common))
        elif tally["owners_short_pass"] or tally["area_short_pass"]:
            say(t("vote_fails", owners_short=tally["owners_short_pass"], area_short=tally["area_short_pass"],
                  **common))


@ballots_app.command("import", help=t("cmd.motion.ballots.import"))
def ballots_import(
    ctx: typer.Context,
    ref: str = REF,
    file: Path = typer.Argument(..., help=t("arg.ballot_file")),
    encoding: Optional[str] = imports.ENCODING,
    sheet: Optional[str] = imports.SHEET,
    map_: Optional[list[str]] = imports.MAP,
    subject: Optional[str] = typer.Option(None, "--subject", help=t("opt.subject")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.imports import parse_map
    from zhili_cli.services import motions

    g = globals_of(ctx)
    with g.write("motion ballots import") as tx:
        out = motions.import_ballots(tx, g.rules_obj(), ref, file, encoding=encoding, sheet=sheet,
                                     mapping=parse_map(map_), subject=subject)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json({"motion": out["motion"], "count": out["count"], "unchanged": out.get("unchanged", 0),
                   **out["tally"]})
        return
    typer.echo(t("ballots_imported", number=out["motion"], count=out["count"]))
    if out.get("unchanged"):
        typer.echo(t("ballots_already", count=out["unchanged"]))
    d = motions.detail(g.conn(), ref)
    _say_result(out["motion"], d["stage"], out["tally"])


@app.command("advance", help=t("cmd.motion.advance"))
def advance(
    ctx: typer.Context,
    ref: str = REF,
    reject: bool = typer.Option(False, "--reject", help=t("opt.reject_motion")),
    note: Optional[str] = typer.Option(None, "--note", help=t("opt.outcome_note")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import motions

    g = globals_of(ctx)
    with g.write("motion advance") as tx:
        row = motions.advance(tx, ref, reject=reject, note=note)
    if row["status"] == "carried":
        _emit(g, row["number"], json_out, "motion_finished")
    elif row["status"] == "rejected":
        _emit(g, row["number"], json_out, "motion_closed", status=t("motion_status.rejected"))
    else:
        _emit(g, row["number"], json_out, "motion_advanced")


@app.command("withdraw", help=t("cmd.motion.withdraw"))
def withdraw(ctx: typer.Context, ref: str = REF,
             reason: str = typer.Option(..., "--reason", help=t("opt.correction_reason")),
             json_out: bool = JSON) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import motions

    g = globals_of(ctx)
    with g.write("motion withdraw") as tx:
        row = motions.withdraw(tx, ref, reason=reason)
    _emit(g, row["number"], json_out, "motion_withdrawn")


@app.command("amend", help=t("cmd.motion.amend"))
def amend(ctx: typer.Context, ref: str = REF,
          text: Optional[str] = typer.Option(None, "--text", help=t("opt.motion_text")),
          title: Optional[str] = typer.Option(None, "--title", help=t("opt.motion_title")),
          reason: str = typer.Option(..., "--reason", help=t("opt.correction_reason")),
          json_out: bool = JSON) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import motions

    g = globals_of(ctx)
    with g.write("motion amend") as tx:
        row = motions.amend(tx, ref, text=text, title=title, reason=reason)
    _emit(g, row["number"], json_out, "motion_amended", version=len(motions.detail(g.conn(), ref)["versions"]))


@app.command("show", help=t("cmd.motion.show"))
def show(ctx: typer.Context, ref: str = REF, json_out: bool = JSON) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import motions

    g = globals_of(ctx)
    d = motions.detail(g.conn(), ref)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(d)
        return
    from zhili_cli.cli.output import kv, table

    kv(f"{d['number']} {d['title']}", [
        (t("col.status"), t(f"motion_status.{d['status']}")),
        (t("col.class"), f"{t('class.' + d['vote_class'])}（{t('matter.' + d['matter'])}）"),
        (t("col.stage"), _stage_name(d["stage"]) if d["status"] == "open" else ""),
        (t("motion_field.origin"), "、".join(d["origin"])), (t("motion_field.subject"), d["subject"]),
        (t("motion_field.text"), d["text"]),
    ])
    table(t("motion_stages_title"), [t("col.stage"), t("col.body"), t("col.status"), t("col.outcome")],
          [(_stage_name(s["key"]), t(f"stage_body.{s['body']}"), t(f"stage_status.{s['status']}"),
            "" if s["vote"] is None else t("vote_result.awaiting_close") if s["vote"].get("awaiting_close")
            else t(f"vote_result.{s['vote']['result']}"))
           for s in d["stages"]])
    for s in d["stages"]:
        tally = (s["vote"] or {}).get("tally") or {}
        if s["vote"] is not None and s["vote"]["ballots"] and "proxy_ballots" in tally:
            typer.echo(t("vote_proxy_count", ballots=s["vote"]["ballots"], proxy=tally["proxy_ballots"],
                         paper=tally.get("paper_ballots", 0)))
        if s["vote"] is not None and s["vote"].get("awaiting_close"):
            typer.echo(t("vote_awaiting_close", number=d["number"], end=s["vote"]["window_to"]))
    if len(d["versions"]) > 1:
        table(t("motion_versions_title"), [t("col.version"), t("col.at"), t("col.title"), t("col.reason")],
              [(f"v{v['version']}", v["at"][:16].replace("T", " "), v["title"], v["reason"] or "")
               for v in d["versions"]])
    table(t("motion_history_title"), [t("col.at"), t("col.actor"), t("col.action"), t("col.stage"), t("col.note")],
          [(e["at"][:16].replace("T", " "), e["actor"], t(f"motion_action.{e['action']}"),
            _stage_name(e["stage"]) if e["stage"] else "", _note(e["note"])) for e in d["history"]])


def _note(note: str | None) -> str:
    if note in ("passed", "failed", "open", "withdrawn"):
        return t(f"vote_result.{note}")
    if note and note.endswith(" ballots") and note.split(" ")[0].isdigit():
        return t("ballots_imported_note", count=note.split(" ")[0])
    opened = re.fullmatch(r"(\S+) (\d{4}-\d{2}-\d{2}) (\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", note or "")
    if opened:  # an owners' vote opened: "written|M2026-001 announced from..to", as stored
        how, announced, start, end = opened.groups()
        how = t("vote_opened_written") if how == "written" else how
        return t("vote_opened_note", how=how, announced=announced, start=start, end=end)
    return note or ""


@app.command("list", help=t("cmd.motion.list"))
def list_(ctx: typer.Context,
          status: Optional[str] = typer.Option(None, "--status", help=t("opt.motion_status")),
          json_out: bool = JSON, out: Optional[str] = listing.OUT, force: bool = listing.FORCE) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import motions

    g = globals_of(ctx)
    conn = g.conn()
    from zhili_cli.domain import vocab

    rows = motions.list_rows(conn, vocab.parse("motion_status", status, usage=True) if status else None)
    data = []
    for r in rows:
        stages = motions.stages(conn, r["id"])
        data.append({**{k: v for k, v in r.items() if k not in ("id", "year", "seq")},
                     "stage": stages[r["stage_position"]]["key"] if stages else None})
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(data)
        return
    from zhili_cli.cli.output import table

    listing.out_or(ctx, out, force, table, data,
                   {"matter": lambda v: t(f"matter.{v}"), "vote_class": lambda v: t(f"class.{v}"),
                    "status": lambda v: t(f"motion_status.{v}"), "stage": _stage_name},
                   {"number": t("col.number"), "title": t("col.title"), "vote_class": t("col.class"),
                    "stage": t("col.stage"), "status": t("col.status"), "closed_at": t("sheet.motion_closed_at")})(
        t("motions_title"), [t("col.number"), t("col.title"), t("col.class"), t("col.stage"), t("col.status")],
          [(r["number"], r["title"], t(f"class.{r['vote_class']}"),
            _stage_name(r["stage"]) if r["status"] == "open" else "", t(f"motion_status.{r['status']}"))
           for r in data], drop=(3, 2))
