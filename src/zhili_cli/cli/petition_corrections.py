"""zhili petition edit | reopen: corrections with a reason, and how corrections read in the history.

(`petition triage` on a triaged petition re-classifies it: see cli/petition.py.)"""

from __future__ import annotations

from typing import Any, Optional

import typer

from zhili_cli.cli.petition import (BUILDING, JSON, KIND, LOCATION, PHONE, RECEIVED, REF, REPORTER, _when,
                                    _write, app)
from zhili_cli.i18n import t


@app.command("edit", help=t("cmd.petition.edit"))
def edit(
    ctx: typer.Context,
    ref: str = REF,
    reason: str = typer.Option(..., "--reason", help=t("opt.correction_reason")),
    title: Optional[str] = typer.Option(None, "--title", help=t("opt.title")),
    text: Optional[str] = typer.Option(None, "--text", help=t("opt.text")),
    kind: Optional[str] = KIND,
    building: Optional[str] = BUILDING,
    location: Optional[str] = LOCATION,
    reporter: Optional[str] = REPORTER,
    phone: Optional[str] = PHONE,
    received: Optional[str] = RECEIVED,
    json_out: bool = JSON,
) -> None:
    from zhili_cli.services import petitions

    _write(ctx, "petition edit", json_out, "petition_corrected",
           lambda tx, g: petitions.edit(tx, g.rules_obj(), ref, reason=reason, title=title, text=text, kind=kind,
                                        building=building, location=location, reporter=reporter, phone=phone,
                                        received=_when(received)))


@app.command("reopen", help=t("cmd.petition.reopen"))
def reopen(ctx: typer.Context, ref: str = REF,
           reason: str = typer.Option(..., "--reason", help=t("opt.correction_reason")),
           json_out: bool = JSON) -> None:
    from zhili_cli.services import petitions

    _write(ctx, "petition reopen", json_out, "petition_moved",
           lambda tx, g: petitions.reopen(tx, g.rules_obj(), ref, reason=reason))


def public_event(event: dict[str, Any]) -> dict[str, Any]:
    """A history entry as shown: the reporter and phone a correction changed are masked too."""
    from zhili_cli.domain.privacy import mask_name, mask_phone

    changes = event.get("changes")
    if not changes:
        return event
    masks = {"reporter": mask_name, "reporter_phone": mask_phone}
    return {**event, "changes": {k: [masks[k](v) if k in masks and v else v for v in pair] if k in masks else pair
                                 for k, pair in changes.items()}}


def event_note(event: dict[str, Any]) -> str:
    """The note in the reader's words: the route of a triage, a correction's reason and changes."""
    from zhili_cli.domain.buildings import label

    note = event.get("note") or ""
    if event["action"] == "triage" and note:
        return t(f"route.{note}")
    if not event.get("changes"):
        return note

    def shown(field: str, value: Any) -> str:
        if value in (None, ""):
            return "—"
        if field in ("kind", "responsible", "status"):
            prefix = "party" if field == "responsible" else field
            return t(f"{prefix}.{value}")
        if field == "building":
            return label(value)
        if field.endswith(("_at", "_due")):
            return str(value)[:16].replace("T", " ")
        return str(value)

    parts = [f"{t('field.' + k)}：{shown(k, a)} → {shown(k, b)}" for k, (a, b) in event["changes"].items()
             if k != "status"]
    return "；".join([t("correction_reason", reason=event.get("reason") or note), *parts])
