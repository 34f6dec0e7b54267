"""zhili report: monthly, quarterly disclosure, annual/cumulative, agenda, minutes."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from zhili_cli.i18n import t

app = typer.Typer(help=t("cmd.report"), no_args_is_help=True, add_completion=False)

FORMAT = typer.Option(None, "--format", "-f", help=t("opt.format"))
OUT = typer.Option(None, "--out", "-o", help=t("opt.out"))
PUBLIC = typer.Option(False, "--public", help=t("opt.public"))

SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf",
            ".csv": "csv", ".json": "json"}


def _format(fmt: str | None, out: str | None) -> str:
    from zhili_cli.errors import UsageError

    if fmt is None:
        return SUFFIXES.get(Path(out).suffix.lower(), "terminal") if out else "terminal"
    value = fmt.strip().lower()
    value = {"markdown": "md", "htm": "html", "text": "terminal"}.get(value, value)
    if value not in ("terminal", "md", "html", "pdf", "csv", "json"):
        raise UsageError("report_bad_format", value=fmt)
    return value


def emit(report: Any, fmt: str, out: str | None, default_name: str) -> Path | None:
    """Render and write: to --out, or stdout; a PDF without --out goes to a file named for it."""
    if fmt == "terminal" and not out:
        from zhili_cli.report.render.terminal import show

        show(report)
        return None
    if fmt == "terminal":
        fmt = "md"
    from zhili_cli.report.render import render

    data = render(report, fmt)
    if fmt == "pdf" and not out:
        out = f"{default_name}.pdf"
    if out is None:
        import sys

        sys.stdout.write(data if isinstance(data, str) else data.decode("latin-1"))
        return None
    path = Path(out)
    if isinstance(data, str):
        if fmt == "csv":
            data = "\ufeff" + data  # spreadsheet programs read UTF-8 CSV as Chinese only with the BOM
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    typer.echo(t("report_written", path=str(path)), err=True)
    return path


def _open(ctx: typer.Context, with_rules: bool = False) -> tuple[Any, Any, Any]:
    """The database (the rules file is checked on the way), the parsed rules only when a report
    reads them (parsing costs more than a whole monthly report), and the clock."""
    from zhili_cli import clock
    from zhili_cli.cli.context import globals_of

    g = globals_of(ctx)
    conn = g.conn()
    return conn, g.rules_obj() if with_rules else None, clock.now()


@app.command("monthly", help=t("cmd.report.monthly"))
def monthly(ctx: typer.Context, month: str = typer.Argument(..., help=t("arg.month")),
            fmt: Optional[str] = FORMAT, out: Optional[str] = OUT, public: bool = PUBLIC) -> None:
    from zhili_cli.report import build_monthly

    kind = _format(fmt, out)
    conn, rules, now = _open(ctx)
    report = build_monthly.build(conn, rules, month, now, public=public)
    emit(report, kind, out, f"monthly-{month.strip()}")


@app.command("quarterly", help=t("cmd.report.quarterly"))
def quarterly(ctx: typer.Context, quarter: str = typer.Argument(..., help=t("arg.quarter")),
              fmt: Optional[str] = FORMAT, out: Optional[str] = OUT) -> None:
    from zhili_cli.report import build_quarterly

    kind = _format(fmt, out)
    conn, rules, now = _open(ctx)
    report = build_quarterly.build(conn, rules, quarter, now)
    emit(report, kind, out, f"disclosure-{quarter.strip().upper()}")


@app.command("annual", help=t("cmd.report.annual"))
def annual(ctx: typer.Context, year: Optional[int] = typer.Argument(None, help=t("arg.year")),
           year_from: Optional[int] = typer.Option(None, "--from", help=t("opt.year_from")),
           year_to: Optional[int] = typer.Option(None, "--to", help=t("opt.year_to")),
           fmt: Optional[str] = FORMAT, out: Optional[str] = OUT, public: bool = PUBLIC) -> None:
    from zhili_cli.errors import UsageError
    from zhili_cli.report import build_annual

    first = year_from if year_from is not None else year
    last = year_to if year_to is not None else (year if year is not None else year_from)
    if first is None or last is None:
        raise UsageError("report_need_year")
    kind = _format(fmt, out)
    conn, rules, now = _open(ctx, with_rules=True)
    report = build_annual.build(conn, rules, first, last, now, public=public)
    emit(report, kind, out, f"annual-{first}" if first == last else f"annual-{first}-{last}")


@app.command("agenda", help=t("cmd.report.agenda"))
def agenda(ctx: typer.Context, meeting: str = typer.Argument(..., help=t("arg.meeting")),
           fmt: Optional[str] = FORMAT, out: Optional[str] = OUT) -> None:
    from zhili_cli.report import build_meeting

    kind = _format(fmt, out)
    conn, rules, now = _open(ctx)
    report = build_meeting.agenda(conn, rules, meeting, now)
    emit(report, kind, out, f"agenda-{meeting.strip()}")


@app.command("minutes", help=t("cmd.report.minutes"))
def minutes(ctx: typer.Context, meeting: str = typer.Argument(..., help=t("arg.meeting")),
            fmt: Optional[str] = FORMAT, out: Optional[str] = OUT) -> None:
    from zhili_cli.report import build_meeting

    kind = _format(fmt, out)
    conn, rules, now = _open(ctx)
    report = build_meeting.minutes(conn, rules, meeting, now)
    emit(report, kind, out, f"minutes-{meeting.strip()}")
