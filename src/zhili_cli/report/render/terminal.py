"""The report in the terminal: rich tables, key figures in a grid, charts as bars and sparklines."""

from __future__ import annotations

from typing import Any

from zhili_cli.i18n import t

from zhili_cli.report.render.charts import bar, sparkline
from zhili_cli.report.render.text import cell, figure
from zhili_cli.visible import literal  # stored text is shown as written, never as markup

# Long listings are cut in the terminal (the files carry every row): rich tables are slow to draw.
TERMINAL_ROWS = 15


def show(report: Any, console: Any = None) -> None:
    from rich.console import Console
    from rich.table import Table

    con = console or Console()
    if report.internal_mark:
        con.print(literal(f" {report.internal_mark} ", "bold reverse"))
    con.print(literal(f"{report.compound} · {report.title}", "bold"))
    dates = f"（{report.dates}）" if report.dates else ""
    con.print(literal(f"{report.period}{dates}    {t('rep.as_of')} {report.as_of}"))
    if report.status_note:
        con.print(literal(report.status_note, "bold"))
    for section in report.sections:
        con.print()
        con.rule(literal(section.title, "bold"))
        for block in section.blocks:
            if block.kind == "paragraph":
                # a command is printed whole on one line, so it can be copied
                con.print(literal(block.text), highlight=False, soft_wrap=block.text.startswith("zhili "))
            elif block.kind == "figures":
                grid = Table(show_header=False, box=None, pad_edge=False)
                for _ in range(3):
                    grid.add_column(style="bold", no_wrap=True)
                    grid.add_column(justify="right")
                row: list[str] = []
                for fig in block.items:
                    row += [literal(fig.label), literal(figure(fig))]
                    if len(row) == 6:
                        grid.add_row(*row)
                        row = []
                if row:
                    grid.add_row(*(row + [""] * (6 - len(row))))
                con.print(grid)
            elif block.kind == "table":
                if not block.rows:
                    if block.title:
                        con.print(literal(block.title, "bold"))
                    con.print(literal(block.empty or "—"))
                    continue
                _table(con, block)
                if len(block.rows) > TERMINAL_ROWS:
                    con.print(t("rep.more_rows", n=len(block.rows) - TERMINAL_ROWS), highlight=False)
            elif block.kind == "chart":
                _chart(con, block)
            elif block.kind == "signatures":
                for party in block.parties:
                    con.print(literal(f"{party}  ____________    {block.date_label} __________"), highlight=False)
    if report.public:
        _closing(con, report)
    if report.footer:
        con.print()
        con.print(literal(report.footer, "dim"))


def _table(con: Any, block: Any) -> None:
    """A table fitted to the terminal as the lists are (zhili_cli/fit.py): amounts, dates and
    reference numbers never split, text wrapped; columns that cannot fit are left out (the
    table's least important first, then from the right) and named under the table (the files carry them all)."""
    from zhili_cli.fit import fitted_table

    tbl, left_out = fitted_table(block.columns, [[cell(v) for v in values] for values in block.rows[:TERMINAL_ROWS]],
                                 con.width, title=block.title or None, drop=block.drop, title_justify="left")
    con.print(tbl)
    if left_out:
        con.print(literal(t("rep.columns_left_out", columns=t("table_columns_sep").join(left_out)), "dim"),
                  highlight=False)


def _closing(con: Any, report: Any) -> None:
    """The 公示 frame's end: verification code, 公示期, contact, issuing bodies and date."""
    con.print()
    if report.audit_head:
        con.print(literal(f"{t('rep.verify_title')}：{report.audit_head.short}", "bold"))
        con.print(literal(report.audit_head.command), highlight=False, soft_wrap=True)
    for line in (report.posted, report.contact):
        if line:
            con.print(literal(line), highlight=False)
    for party in report.issuers:
        con.print(literal(f"{party}  ____________"), highlight=False)
    if report.issue_date:
        con.print(literal(report.issue_date), highlight=False)


def _chart(con: Any, chart: Any) -> None:
    from rich.table import Table

    con.print(literal(chart.title, "bold"))
    if chart.style == "line" or len(chart.labels) > 6:
        width = max((len(s.name) for s in chart.series), default=0)
        for series in chart.series:
            values = [v or 0 for v in series.values]
            con.print(literal(f"  {series.name:<{width}}  {sparkline(values)}  "
                              f"{cell(values[0]) if values else ''} → {cell(values[-1]) if values else ''}"
                              "  " + t("rep.chart_max", n=cell(max(values) if values else 0))), highlight=False)
        if chart.labels:
            con.print(literal(f"  {'':<{width}}  {chart.labels[0]} … {chart.labels[-1]}"), highlight=False)
        return
    top = max((v or 0 for s in chart.series for v in s.values), default=0)
    tbl = Table(show_header=False, box=None, pad_edge=False)
    tbl.add_column(no_wrap=True)
    tbl.add_column(no_wrap=True)
    tbl.add_column(justify="right")
    tbl.add_column(no_wrap=True)
    for i, label in enumerate(chart.labels):
        for j, series in enumerate(chart.series):
            value = series.values[i] or 0
            tbl.add_row(literal(label if j == 0 else ""), literal(series.name), cell(value), bar(value, top))
    con.print(tbl)
