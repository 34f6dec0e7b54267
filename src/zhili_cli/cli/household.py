"""zhili household import|list|show|find|visit."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from zhili_cli.cli import imports, listing
from zhili_cli.i18n import t

app = typer.Typer(help=t("cmd.household"), no_args_is_help=True, add_completion=False)


@app.command("import", help=t("cmd.household.import"))
def import_(
    ctx: typer.Context,
    file: Path = imports.FILE,
    encoding: Optional[str] = imports.ENCODING,
    sheet: Optional[str] = imports.SHEET,
    map_: Optional[list[str]] = imports.MAP,
    dry_run: bool = imports.DRY_RUN,
    quiet: bool = imports.QUIET,
    strict: bool = typer.Option(False, "--strict", help=t("opt.household_strict")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
) -> None:
    from zhili_cli.services import households

    imports.run(ctx, "household import", file, map_,
                lambda tx, g, **kw: households.import_file(tx, file, encoding=encoding, sheet=sheet, strict=strict,
                                                           **kw),
                dry_run=dry_run, quiet=quiet, json_out=json_out)


@app.command("owners", help=t("cmd.household.owners"))
def owners(ctx: typer.Context, json_out: bool = typer.Option(False, "--json", help=t("opt.json"))) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.output import emit_json, say, table
    from zhili_cli.services import households

    g = globals_of(ctx)
    out = households.owners(g.conn(), g.rules_obj())
    if json_out:
        emit_json(out)
        return
    table(t("household_owners_title"), [t("col.owner"), t("col.owner_basis"), t("col.units"), t("col.heads"),
                                        t("col.area")],
          [(r["owner"], t(f"owner_basis.{r['basis']}"), "、".join(r["units"]), r["heads"], r["area"])
           for r in out["list"]])
    say(t("household_owners_total", owners=out["owners"], units=out["units"], area=out["area"]))


def _public(row: dict, *, full: bool = False, reveal: bool = False) -> dict:
    """Masked for the screen and files; `reveal` (audited by the caller) shows names and phones."""
    from zhili_cli.domain.privacy import mask_name, mask_phone

    out = {
        "id": row["id"], "building": row["building"], "unit": row["unit"], "room": row["room"],
        "area_m2": _area(row["area_x100"]),
        "owner": row["owner"] if reveal else mask_name(row["owner"]),
        "phone": row["phone"] if reveal else mask_phone(row["phone"]),
        "residents": row["residents"], "building_lead": bool(row["building_lead"]),
        "developer_unsold": bool(row["developer_unsold"]),
    }
    if full:
        out["flags"] = row["flags"]
    if "last_visit" in row:
        out["last_visit"] = row["last_visit"]
    return out


REVEAL = typer.Option(False, "--reveal", help=t("opt.reveal"))


def _reveal(ctx: typer.Context, command: str, rows: list[dict]) -> None:
    """Record in the audit log who is shown whose name and phone, before showing them."""
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import care

    g = globals_of(ctx)
    with g.write(command) as tx:
        care.record_reveal(tx, [care.unit_ref(r) for r in rows])


def _rows_out(ctx: typer.Context, rows: list[dict], json_out: bool, out: Optional[str], force: bool) -> None:
    from zhili_cli.cli import listing
    from zhili_cli.cli.output import emit_json, table

    if json_out:
        emit_json(rows)
        return
    flags = any("flags" in r for r in rows)
    visits = any("last_visit" in r for r in rows)
    listing.out_or(ctx, out, force, table, [{k: v for k, v in r.items() if k != "id"} for r in rows])(
        t("households_title"),
        [t("col.building"), t("col.unit"), t("col.room"), t("col.area"), t("col.owner"), t("col.phone"),
         t("col.residents"), *([t("col.flags")] if flags else []), *([t("col.last_visit")] if visits else [])],
        [(r["building"], r["unit"], r["room"], r["area_m2"], r["owner"], r["phone"], r["residents"],
          *([r.get("flags")] if flags else []), *([r.get("last_visit") or ""] if visits else [])) for r in rows], drop=(6, 3, 1))


def _change_name(key: str) -> str:
    """A changed column as the history table names it (the JSON keeps the stored name)."""
    return t({"area_x100": "col.area"}.get(key, f"col.{key}"))


def _change_value(key: str, value: object) -> object:
    if key == "area_x100" and isinstance(value, int):
        return _area(value)
    if isinstance(value, bool):
        return t("word.yes") if value else t("word.no")
    return "" if value is None else value


def _area(x100: int) -> str:
    return f"{x100 // 100}.{x100 % 100:02d}"


@app.command("list", help=t("cmd.household.list"))
def list_(
    ctx: typer.Context,
    building: Optional[str] = typer.Option(None, "--building", help=t("opt.building")),
    flag: Optional[str] = typer.Option(None, "--flag", help=t("opt.flag")),
    limit: int = typer.Option(100, "--limit", min=0, help=t("opt.limit")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
    reveal: bool = REVEAL,
    out: Optional[str] = listing.OUT,
    force: bool = listing.FORCE,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import care

    g = globals_of(ctx)
    from zhili_cli.domain.buildings import key

    found, total = listing.page(lambda n: care.flagged(g.conn(), flag, key(building), n),
                                listing.limit_for(ctx, out, limit))
    if reveal:
        _reveal(ctx, "household list --reveal", found)
    rows = [_public(r, full=bool(flag), reveal=reveal) for r in found]
    _rows_out(ctx, rows, json_out, out, force)
    listing.note_cut(len(rows), total)


@app.command("find", help=t("cmd.household.find"))
def find(
    ctx: typer.Context,
    words: list[str] = typer.Argument(..., help=t("arg.search_words")),
    limit: int = typer.Option(100, "--limit", min=0, help=t("opt.limit")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
    reveal: bool = REVEAL,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import search

    g = globals_of(ctx)
    found, total = listing.page(lambda n: search.households(g.conn(), words, limit=n), limit or None)
    if reveal:
        _reveal(ctx, "household find --reveal", found)
    _rows_out(ctx, [_public(r, reveal=reveal) for r in found], json_out, None, False)
    listing.note_cut(len(found), total)


@app.command("visit", help=t("cmd.household.visit"))
def visit(
    ctx: typer.Context,
    room: str = typer.Argument(..., help=t("arg.room")),
    note: str = typer.Option(..., "--note", help=t("opt.visit_note")),
    by: Optional[str] = typer.Option(None, "--by", help=t("opt.visit_by")),
    on: Optional[str] = typer.Option(None, "--date", help=t("opt.visit_date")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.output import emit_json
    from zhili_cli.clock import user_date
    from zhili_cli.services import care

    g = globals_of(ctx)
    day = user_date(on)
    with g.write("household visit") as tx:
        done = care.visit(tx, room, note=note, by=by, on=day)
    if json_out:
        emit_json(done)
        return
    typer.echo(t("visit_recorded", household=done["household"], date=done["on_date"]))


@app.command("show", help=t("cmd.household.show"))
def show(
    ctx: typer.Context,
    room: str = typer.Argument(..., help=t("arg.room")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
    reveal: bool = REVEAL,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.output import emit_json, kv, table
    from zhili_cli.services import care
    from zhili_cli.services.registry import find_household

    g = globals_of(ctx)
    found = find_household(g.conn(), room)
    if reveal:
        _reveal(ctx, "household show --reveal", [found])
    row = _public(found, full=True, reveal=reveal)
    extra = care.detail(g.conn(), found)
    from zhili_cli.services import households

    extra.update(households.history(g.conn(), found))
    if json_out:
        emit_json({**row, **extra})
        return
    kv(t("household_title"), [(t(f"col.{k}"), t("word.yes") if v is True else t("word.no") if v is False else v)
                              for k, v in row.items() if k != "id"])
    if extra["visits"]:
        table(t("visits_title"), [t("col.date"), t("col.visit_by"), t("col.note")],
              [(v["date"], v["by"], v["note"]) for v in extra["visits"]])
    if extra["petitions"]:
        table(t("petitions_title"), [t("col.number"), t("col.status"), t("col.title"), t("col.received")],
              [(p["number"], t(f"status.{p['status']}"), p["title"], (p["received_at"] or "")[:10])
               for p in extra["petitions"]])
    if extra["previous_owners"]:
        table(t("household_previous_owners"), [t("col.owner"), t("col.phone"), t("col.until"), t("col.reason")],
              [(p["owner"], p["phone"], p["until"], p["reason"]) for p in extra["previous_owners"]])
    if extra["history"]:
        table(t("household_history"), [t("col.at"), t("col.actor"), t("col.action"), t("col.changes"), t("col.reason")],
              [(e["at"][:16].replace("T", " "), e["actor"], t(f"household_action.{e['action']}"),
                "；".join(f"{_change_name(k)}: {_change_value(k, v['from'])} → {_change_value(k, v['to'])}"
                         for k, v in e["changes"].items()), e["reason"] or "")
               for e in extra["history"]])


@app.command("add", help=t("cmd.household.add"))
def add(
    ctx: typer.Context,
    building: str = typer.Option(..., "--building", help=t("opt.building")),
    unit: str = typer.Option("", "--unit", help=t("opt.hh_unit")),
    room: str = typer.Option(..., "--room", help=t("opt.hh_room")),
    area: str = typer.Option(..., "--area", help=t("opt.hh_area")),
    owner: Optional[str] = typer.Option(None, "--owner", help=t("opt.hh_owner")),
    phone: Optional[str] = typer.Option(None, "--phone", help=t("opt.hh_phone")),
    identity: Optional[str] = typer.Option(None, "--identity", help=t("opt.hh_identity")),
    residents: Optional[str] = typer.Option(None, "--residents", help=t("opt.hh_residents")),
    flag: Optional[list[str]] = typer.Option(None, "--flag", help=t("opt.hh_flag")),
    unsold: bool = typer.Option(False, "--developer-unsold", help=t("opt.hh_unsold")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
) -> None:
    from zhili_cli.cli.context import write
    from zhili_cli.cli.output import emit_json
    from zhili_cli.services import households

    row = write(ctx, "household add",
                lambda tx, g: households.add(tx, building=building, unit=unit, room=room, area=area, owner=owner,
                                             phone=phone, identity=identity, residents=residents, flags=flag,
                                             developer_unsold=unsold))
    if json_out:
        emit_json(_public(row, full=True))
        return
    typer.echo(t("household_added", room=households._label(row)))


@app.command("edit", help=t("cmd.household.edit"))
def edit(
    ctx: typer.Context,
    room: str = typer.Argument(..., help=t("arg.room")),
    reason: str = typer.Option(..., "--reason", help=t("opt.correction_reason")),
    owner: Optional[str] = typer.Option(None, "--owner", help=t("opt.hh_owner")),
    phone: Optional[str] = typer.Option(None, "--phone", help=t("opt.hh_phone")),
    identity: Optional[str] = typer.Option(None, "--identity", help=t("opt.hh_identity")),
    area: Optional[str] = typer.Option(None, "--area", help=t("opt.hh_area")),
    residents: Optional[str] = typer.Option(None, "--residents", help=t("opt.hh_residents")),
    flag: Optional[list[str]] = typer.Option(None, "--flag", help=t("opt.hh_flag")),
    since: Optional[str] = typer.Option(None, "--since", help=t("opt.hh_since")),
    building: Optional[str] = typer.Option(None, "--building", help=t("opt.hh_move_building")),
    unit: Optional[str] = typer.Option(None, "--unit", help=t("opt.hh_move_unit")),
    new_room: Optional[str] = typer.Option(None, "--room", help=t("opt.hh_move_room")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.output import emit_json
    from zhili_cli.services import households

    g = globals_of(ctx)
    with g.write("household edit") as tx:
        row = households.edit(tx, room, reason=reason, owner=owner, phone=phone, identity=identity, area=area,
                              residents=residents, flags=flag, since=since,
                              building=building, unit=unit, room=new_room)
    if json_out:
        emit_json({**_public(row, full=True), **households.history(g.conn(), row)})
        return
    typer.echo(t("household_edited", room=households._label(row)))
