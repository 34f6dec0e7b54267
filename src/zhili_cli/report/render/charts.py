"""Charts as SVG with pygal, made deterministic: fixed element id, no generation comments,
no script. Inline in HTML (and so in the PDF)."""

from __future__ import annotations

import re
from typing import Any

FONTS = ("'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Zen Hei', "
         "'Microsoft YaHei', 'PingFang SC', sans-serif")
# Told apart in black and white too: dark, light and middle tones; the second line is dashed
# and the second bar series hatched.
COLORS = ("#1a365d", "#f6ad55", "#9c4221", "#718096", "#c53030", "#38a169")
DASHES = (None, "8,4", "2,3", "10,3,2,3")

_UUID = re.compile(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def svg(chart: Any, width: int = 720, height: int = 300) -> str:
    import pygal
    from pygal.style import Style

    style = Style(
        font_family=FONTS, background="white", plot_background="white", foreground="#333",
        foreground_strong="#111", foreground_subtle="#ddd", colors=COLORS,
        title_font_size=15, legend_font_size=12, label_font_size=11, major_label_font_size=11,
        value_font_size=10, guide_stroke_dasharray="1,3", major_guide_stroke_dasharray="1,3",
        opacity="1", opacity_hover="1", transition="0s", value_colors=("#fff", "#000", "#fff", "#fff"),
    )
    cls = pygal.Line if chart.style == "line" else pygal.Bar
    many = len(chart.labels) > 8
    graph = cls(
        js=[], disable_xml_declaration=True, width=width, height=height, style=style,
        title=chart.title, x_label_rotation=30 if many else 0, legend_at_bottom=True,
        legend_at_bottom_columns=max(len(chart.series), 1), show_y_guides=True, print_values=not many,
        truncate_label=-1, margin=12, spacing=18 if many else 8, dots_size=3, include_x_axis=True,
        no_data_text="—", tooltip_border_radius=0, print_zeroes=False,
    )
    graph.x_labels = list(chart.labels)
    graph.y_labels = ticks(max((v or 0 for s in chart.series for v in s.values), default=0))
    graph.value_formatter = number
    for i, series in enumerate(chart.series):
        extra = {}
        if chart.style == "line" and DASHES[i % len(DASHES)]:
            extra["stroke_style"] = {"width": 2.5, "dasharray": DASHES[i % len(DASHES)]}
        graph.add(series.name, [float(v) if v is not None else None for v in series.values], **extra)
    text = graph.render(is_unicode=True)
    text = _SCRIPT.sub("", _COMMENT.sub("", text))
    cid = f"chart-{_safe(chart.chart_id)}"
    text = _UUID.sub(cid, text)
    if chart.style != "line" and len(chart.series) > 1:
        text = _hatch(text, cid)
    return text


def number(value: float | None) -> str:
    """12,345 (and 12,345.5): the thousands separators the tables use."""
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _hatch(text: str, cid: str) -> str:
    """The second bar series (and its legend key) filled with diagonal lines, so the bars are
    told apart when printed in black and white."""
    pattern = (f'<defs><pattern id="{cid}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
               f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{COLORS[1]}"/>'
               f'<line x1="0" y1="0" x2="0" y2="6" stroke="#1a202c" stroke-width="1.6"/></pattern></defs>')
    style = (f"<style>#{cid} .serie-1 .rect, #{cid} .legend .color-1 {{ fill: url(#{cid}-hatch) !important; "
             f"fill-opacity: 1 !important; stroke: #1a202c; stroke-width: .6 }}</style>")
    return text.replace(">", ">" + pattern + style, 1) if "<svg" in text[:200] else text


def ticks(top: float, count: int = 5) -> list[float]:
    """Round y-axis steps (1, 2, 5 × 10^n) from 0 to just above the largest value."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    if raw < 1:
        step = 1 if top >= 1 else next(s for s in (0.1, 0.2, 0.5, 1) if s >= raw)
    n = int(top // step) + 1 + (top % step > 0)
    return [round(i * step, 6) for i in range(n)]


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", name)


BARS = " ▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """A terminal sparkline: one block character per value, scaled to the largest."""
    top = max([v for v in values if v is not None] or [0])
    if top <= 0:
        return BARS[1] * len(values)
    return "".join(BARS[max(1, round((v or 0) / top * (len(BARS) - 1)))] for v in values)


def bar(value: float, top: float, width: int = 24) -> str:
    if top <= 0:
        return ""
    n = value / top * width
    full = int(n)
    return "█" * full + ("▌" if n - full >= 0.5 else "")
