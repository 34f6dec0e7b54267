"""zhili household import|list|show."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from zhili_cli.cli import imports
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
    from zhili_cli.cli.imports import parse_map, run
    from zhili_cli.services import households

    mapping = parse_map(map_)
    run(ctx, "household import", file.name,
        lambda tx, g, **kw: households.import_file(tx, file, encoding=encoding, sheet=sheet, mapping=mapping,
                                                   strict=strict, **kw),
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


def _public(row: dict, *, full: bool = False) -> dict:
    from zhili_cli.domain.privacy import mask_name, mask_phone

    out = {
        "id": row["id"], "building": row["building"], "unit": row["unit"], "room": row["room"],
        "area_m2": _area(row["area_x100"]),
        "owner": mask_name(row["owner"]), "phone": mask_phone(row["phone"]),
        "residents": row["residents"], "building_lead": bool(row["building_lead"]),
        "developer_unsold": bool(row["developer_unsold"]),
    }
    if full:
        out["flags"] = row["flags"]
    return out


def _area(x100: int) -> str:
    return f"{x100 // 100}.{x100 % 100:02d}"


@app.command("list", help=t("cmd.household.list"))
def list_(
    ctx: typer.Context,
    building: Optional[str] = typer.Option(None, "--building", help=t("opt.building")),
    limit: int = typer.Option(100, "--limit", min=0, help=t("opt.limit")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.output import emit_json, table
    from zhili_cli.domain.buildings import key
    from zhili_cli.services import households

    g = globals_of(ctx)
    rows = [_public(r) for r in households.list_rows(g.conn(), key(building), limit or None)]
    if json_out:
        emit_json(rows)
        return
    table(t("households_title"), [t("col.building"), t("col.unit"), t("col.room"), t("col.area"),
          t("col.owner"), t("col.phone"), t("col.residents")],
          [(r["building"], r["unit"], r["room"], r["area_m2"], r["owner"], r["phone"], r["residents"]) for r in rows])


@app.command("show", help=t("cmd.household.show"))
def show(
    ctx: typer.Context,
    room: str = typer.Argument(..., help=t("arg.room")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.output import emit_json, kv
    from zhili_cli.services.registry import find_household

    g = globals_of(ctx)
    row = _public(find_household(g.conn(), room), full=True)
    if json_out:
        emit_json(row)
        return
    kv(t("household_title"), [(t(f"col.{k}") if k not in ("id",) else "id", v) for k, v in row.items()])
