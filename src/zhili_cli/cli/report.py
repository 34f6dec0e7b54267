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
FORCE = typer.Option(False, "--force", help=t("opt.report_force"))

SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf",
            ".csv": "csv", ".json": "json"}


def _format(fmt: str | None, out: str | None) -> str:
    """The format asked for, or the one --out's suffix names. A suffix the report cannot write
    (report.xlsx), or one that names another format than --format, is refused: a file's name
    never lies about what is in it."""
    from zhili_cli.errors import UsageError

    suffix = Path(out).suffix.lower() if out else ""
    if suffix and suffix not in SUFFIXES:
        raise UsageError("report_bad_suffix", path=out, allowed=" ".join(sorted(set(SUFFIXES))))
    if fmt is None:
        return SUFFIXES[suffix] if suffix else "terminal"
    value = fmt.strip().lower()
    value = {"markdown": "md", "htm": "html", "text": "terminal"}.get(value, value)
    if value not in ("terminal", "md", "html", "pdf", "csv", "json"):
        raise UsageError("report_bad_format", value=fmt)
    if suffix and SUFFIXES[suffix] != ("md" if value == "terminal" else value):
        raise UsageError("report_suffix_mismatch", path=out, fmt=value)
    return value


def _protected(ctx: typer.Context) -> list[Path]:
    """Files an --out must never replace: the database (and its -wal/-shm) and the rules file."""
    from zhili_cli.cli.context import globals_of

    g = globals_of(ctx)
    keep = [g.db_path, Path("zhili.yaml"), g.db_path.parent / "zhili.yaml"]
    if g.rules:
        keep.append(Path(g.rules))
    return keep


def _check_out(ctx: typer.Context, out: str | None, force: bool) -> None:
    """Refuse a bad --out before any work is done."""
    if out:
        from zhili_cli.outfile import check_target

        check_target(Path(out), force=force, protected=_protected(ctx))


def emit(report: Any, fmt: str, out: str | None, default_name: str, *, ctx: typer.Context | None = None,
         force: bool = False) -> Path | None:
    """Render and write: to --out, or stdout; a PDF without --out goes to a file named for it.
    Files are written atomically and never over the database, the rules or (without --force)
    an existing file."""
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
    from zhili_cli.outfile import write_atomic

    path = Path(out)
    if isinstance(data, str):
        if fmt == "csv":
            data = "\ufeff" + data  # spreadsheet programs read UTF-8 CSV as Chinese only with the BOM
        data = data.encode("utf-8")
    write_atomic(path, data, force=force, protected=_protected(ctx) if ctx is not None else [])
    typer.echo(t("report_written", path=str(path)), err=True)
    return path


def _open(ctx: typer.Context, fmt: str | None, out: str | None, force: bool,
          with_rules: bool = False) -> tuple[str, Any, Any, Any]:
    """Every report's start: the format, and --out checked before any work; then the database
    (the rules file is checked on the way), the parsed rules only when a report reads them
    (parsing costs more than a whole monthly report), and the clock."""
    from zhili_cli import clock
    from zhili_cli.cli.context import globals_of

    kind = _format(fmt, out)
    _check_out(ctx, out, force)
    g = globals_of(ctx)
    conn = g.conn()
    return kind, conn, g.rules_obj() if with_rules else None, clock.now()


PUBLISH = typer.Option(False, "--publish", help=t("opt.publish"))


def _published(ctx: typer.Context, kind: str, period: Any, build: Any, fmt: str, out: str | None,
               name: str, force: bool) -> None:
    """Build, record the publication and write the document in one transaction: if writing the
    file fails, nothing is recorded."""
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import audit, publications

    g = globals_of(ctx)
    code = publications.period_code(kind, period.first_month)
    with g.write(f"report {kind} {code} --publish") as tx:
        report = build(tx.conn)
        entries, digest = audit.head(tx.conn)  # what the document was built from
        publications.publish(tx, kind=kind, code=code, start=period.start, end=period.end,
                             head_entries=entries, head_hash=digest, today=tx.at.date())
        emit(report, fmt, out, name, ctx=ctx, force=force)
    typer.echo(t("publish_done", period=code, head=digest[:12]), err=True)


@app.command("monthly", help=t("cmd.report.monthly"))
def monthly(ctx: typer.Context, month: str = typer.Argument(..., help=t("arg.month")),
            fmt: Optional[str] = FORMAT, out: Optional[str] = OUT, public: bool = PUBLIC,
            force: bool = FORCE, publish: bool = PUBLISH) -> None:
    from zhili_cli.report import build_common, build_monthly
    from zhili_cli.services import report_settings

    kind, conn, rules, now = _open(ctx, fmt, out, force, with_rules=public or publish)
    contact = report_settings.contact(conn)
    if publish:
        _published(ctx, "monthly", build_common.month_period(month),
                   lambda c: build_monthly.build(c, rules, month, now, public=True, contact=contact), kind, out,
                   f"monthly-{month.strip()}", force)
        return
    report = build_monthly.build(conn, rules, month, now, public=public, contact=contact)
    emit(report, kind, out, f"monthly-{month.strip()}", ctx=ctx, force=force)


@app.command("quarterly", help=t("cmd.report.quarterly"))
def quarterly(ctx: typer.Context, quarter: str = typer.Argument(..., help=t("arg.quarter")),
              fmt: Optional[str] = FORMAT, out: Optional[str] = OUT, force: bool = FORCE,
              publish: bool = PUBLISH) -> None:
    from zhili_cli.report import build_common, build_quarterly
    from zhili_cli.services import report_settings

    kind, conn, rules, now = _open(ctx, fmt, out, force, with_rules=True)
    contact = report_settings.contact(conn)
    committee = report_settings.has_owners_committee(conn)
    if publish:
        _published(ctx, "quarterly", build_common.quarter_period(quarter),
                   lambda c: build_quarterly.build(c, rules, quarter, now, contact=contact, has_committee=committee),
                   kind, out, f"disclosure-{quarter.strip().upper()}", force)
        return
    report = build_quarterly.build(conn, rules, quarter, now, contact=contact, has_committee=committee)
    emit(report, kind, out, f"disclosure-{quarter.strip().upper()}", ctx=ctx, force=force)


@app.command("annual", help=t("cmd.report.annual"))
def annual(ctx: typer.Context, year: Optional[int] = typer.Argument(None, help=t("arg.year")),
           year_from: Optional[int] = typer.Option(None, "--from", help=t("opt.year_from")),
           year_to: Optional[int] = typer.Option(None, "--to", help=t("opt.year_to")),
           fmt: Optional[str] = FORMAT, out: Optional[str] = OUT, public: bool = PUBLIC,
            force: bool = FORCE) -> None:
    from zhili_cli.errors import UsageError
    from zhili_cli.report import build_annual

    first = year_from if year_from is not None else year
    last = year_to if year_to is not None else (year if year is not None else year_from)
    if first is None or last is None:
        raise UsageError("report_need_year")
    kind, conn, rules, now = _open(ctx, fmt, out, force, with_rules=True)
    from zhili_cli.services import report_settings

    report = build_annual.build(conn, rules, first, last, now, public=public, contact=report_settings.contact(conn))
    emit(report, kind, out, f"annual-{first}" if first == last else f"annual-{first}-{last}", ctx=ctx, force=force)


@app.command("agenda", help=t("cmd.report.agenda"))
def agenda(ctx: typer.Context, meeting: str = typer.Argument(..., help=t("arg.meeting")),
           fmt: Optional[str] = FORMAT, out: Optional[str] = OUT, force: bool = FORCE) -> None:
    from zhili_cli.report import build_meeting

    kind, conn, rules, now = _open(ctx, fmt, out, force)
    from zhili_cli.services import report_settings

    report = build_meeting.agenda(conn, rules, meeting, now, contact=report_settings.contact(conn))
    emit(report, kind, out, f"agenda-{meeting.strip()}", ctx=ctx, force=force)


@app.command("minutes", help=t("cmd.report.minutes"))
def minutes(ctx: typer.Context, meeting: str = typer.Argument(..., help=t("arg.meeting")),
            fmt: Optional[str] = FORMAT, out: Optional[str] = OUT, force: bool = FORCE) -> None:
    from zhili_cli.report import build_meeting

    kind, conn, rules, now = _open(ctx, fmt, out, force)
    report = build_meeting.minutes(conn, rules, meeting, now)
    emit(report, kind, out, f"minutes-{meeting.strip()}", ctx=ctx, force=force)
