"""zhili today: what needs the secretary today and in the next days."""

from __future__ import annotations

import re

import typer

from zhili_cli.i18n import t

app = typer.Typer(add_completion=False)


@app.command("today", help=t("cmd.today"))
def today(
    ctx: typer.Context,
    days: int = typer.Option(7, "--days", min=0, max=366, help=t("opt.today_days")),
    json_out: bool = typer.Option(False, "--json", help=t("opt.json")),
) -> None:
    from zhili_cli import clock
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import today as service

    g = globals_of(ctx)
    found = service.items(g.conn(), g.rules_plain(service.RULES_READ), clock.now(), days)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(found)
        return
    if not found:
        typer.echo(t("today_nothing", days=days))
        return
    from zhili_cli.cli import fit
    from zhili_cli.cli.output import terminal_width
    from zhili_cli.visible import visible

    import os
    import sys

    # wrapped on a terminal (or at a COLUMNS the user set); a pipe or a file gets whole lines
    width = terminal_width() if sys.stdout.isatty() or os.environ.get("COLUMNS") else None
    typer.echo(t("today_title", date=clock.now().date().isoformat(), days=days))
    for i in found:
        title = i["title"]
        if i["kind"] == "term_end":
            title = f"{t('role.' + i['role'])}（{t('party.' + i['party'])}）"
        elif i["kind"] == "visit_never":
            title = t("today.never_visited", n=i["households"])
        ref = i["ref"]
        if i["kind"] == "mailbox":
            ref, title = "", t("today.mailbox_days", days=t("list_sep").join(t("weekday." + d) for d in i["weekdays"]))
        # wrapped to the terminal: a reference number or a date is never cut at the edge
        line = visible(f"{_when(i)}  {t('today.' + i['kind'])}  {ref}  {title}")
        typer.echo(fit.hang(line, width) if width else line)
        typer.echo(f"    → {_command(i['command'])}")


def _command(text: str) -> str:
    """A suggested command as the reader types it: a meeting kind by its Chinese word."""
    from zhili_cli.domain import vocab
    from zhili_cli.i18n import lang

    if lang() == "en" or not text.startswith("zhili meeting "):
        return text
    return re.sub(r"--kind (\w+)", lambda m: "--kind " + vocab.name("meeting_kind", m.group(1)), text)


def _when(item: dict) -> str:
    late = item["days_late"]
    if late is None:
        return t("today.open")
    if late > 0:
        return t("today.late", days=late, due=item["due"])
    if late == 0:
        return t("today.today", due=item["due"])
    return t("today.in_days", days=-late, due=item["due"])
