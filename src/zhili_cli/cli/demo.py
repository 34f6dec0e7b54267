"""zhili demo: build the example compound into a fresh database and print its summary."""

from __future__ import annotations

import typer

from zhili_cli.i18n import t

app = typer.Typer(add_completion=False)


@app.command("demo", help=t("cmd.demo"))
def demo(ctx: typer.Context,
         force: bool = typer.Option(False, "--force", help=t("opt.demo_force"))) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.petition import render_stats
    from zhili_cli.demo import build, examples_dir
    from zhili_cli.services import petitions, setup
    from zhili_cli import clock

    g = globals_of(ctx)
    path = g.db_path
    examples = examples_dir()
    if path.exists():
        from zhili_cli.errors import UserError
        from zhili_cli.services.session import open_database

        if not force:  # never wipe a secretary's real books by accident
            raise UserError("demo_exists", path=str(path))

        open_database(path).close()  # refuses anything that is not a zhili database
        for suffix in ("", "-wal", "-shm"):
            p = path.with_name(path.name + suffix)
            if p.exists():
                p.unlink()
    from zhili_cli.demo import use_own_rules

    written = use_own_rules(g)
    g.rules_source()
    if written is not None:
        typer.echo(t("demo_rules_written", path=str(written)))
    import os

    from zhili_cli.demo import DEMO_NOW

    os.environ.setdefault("ZHILI_NOW", DEMO_NOW)  # the compound is set up on the demo's clock too
    setup.init(path, None, name="龙湫湾小区", has_committee=True, actor=g.who)
    summary = build(g, examples)
    result = petitions.stats(g.conn(), date_from=None, date_to=None, now=clock.now())
    data = {
        "overall": result.overall.as_dict(),
        "by_kind": {k: v.as_dict() for k, v in sorted(result.by_kind.items())},
        "by_source": {k: v.as_dict() for k, v in sorted(result.by_source.items())},
    }
    # every petition the compound has: the register's and those the story logs after it
    typer.echo(t("demo_built", db=str(path), households=summary["core"]["households"],
                 petitions=data["overall"]["received"]))
    render_stats(data)
    for line in summary.get("report_lines", []):
        typer.echo(line)
    write_monthly_report(g)


def write_monthly_report(g) -> None:
    """The demo's monthly report as HTML (and PDF with the [pdf] extra), beside the database."""
    from zhili_cli import clock
    from zhili_cli.report import build_monthly
    from zhili_cli.report.render import render
    from zhili_cli.report.render.pdf import available

    now = clock.now()
    month = now.strftime("%Y-%m")
    report = build_monthly.build(g.conn(), g.rules_obj(), month, now)
    folder = g.db_path.resolve().parent
    paths = [folder / f"monthly-{month}.html"]
    paths[0].write_text(render(report, "html"), encoding="utf-8")
    if available():
        paths.append(folder / f"monthly-{month}.pdf")
        paths[1].write_bytes(render(report, "pdf"))
    for path in paths:
        typer.echo(t("report_demo_written", period=report.period, path=str(path)))
