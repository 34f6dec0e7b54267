"""The Jinja2 environment over the package's templates/, with the shared text filters."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from zhili_cli.report.render.text import cell, figure


_MD_SPECIAL = re.compile(r"([\\`\[\]|])")


def _md(value: Any) -> str:
    """Stored text printed literally in Markdown: HTML tags, links, emphasis and table pipes are
    escaped, so `<script>` or `[x](javascript:…)` in a title stays text wherever it is shown."""
    text = cell(value).replace("\r", " ").replace("\n", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("javascript:", "javascript&#58;")


def _css(value: Any) -> Any:
    """A CSS string literal (for @page margin boxes inside <style>, which is not HTML-escaped)."""
    from markupsafe import Markup

    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    return Markup(f'"{text}"')


_NUMBER = re.compile(r"-?[\d,]+(\.\d+)?")


def _numeric(value: Any) -> bool:
    """Money and counts given as text (12,345.00) line up on the right like numbers."""
    return isinstance(value, str) and _NUMBER.fullmatch(value) is not None


def _t(key: str) -> str:
    from zhili_cli.i18n import t

    return t(key)


def _num(value: Any) -> str:
    """A chart value as the tables print numbers: 26,000."""
    from zhili_cli.report.render.charts import number

    return number(value) if isinstance(value, (int, float)) else cell(value)


def _tr(key: str, **kw: Any) -> str:
    from zhili_cli.i18n import t

    return t(key, **kw)


@lru_cache(maxsize=2)
def environment(escape: bool) -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("zhili_cli", "templates"),
        autoescape=escape, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["cell"] = cell
    env.filters["figure"] = figure
    env.filters["md"] = _md
    env.filters["id"] = id
    env.filters["t"] = _t
    env.filters["css"] = _css
    env.filters["numeric"] = _numeric
    env.globals["tr"] = _tr
    env.filters["num"] = _num
    return env
