"""The report as PDF: the HTML page printed by WeasyPrint (the optional extra `[pdf]`)."""

from __future__ import annotations

from typing import Any


def available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except Exception:  # missing, or its system libraries (pango) are
        return False
    return True


def render(report: Any) -> bytes:
    from zhili_cli.errors import UserError

    try:
        import weasyprint
    except Exception:
        raise UserError("report_pdf_missing") from None
    from zhili_cli.report.render.html import render as html

    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint.HTML(string=html(report)).write_pdf()
