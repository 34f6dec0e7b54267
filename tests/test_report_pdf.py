"""The PDF: printed by WeasyPrint from the HTML, Chinese in a real CJK font, read back as text."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.report_data import fill


def _pdf_ready() -> str | None:
    """Why PDF tests cannot run here, or None when they can."""
    try:
        import weasyprint  # noqa: F401
    except Exception as exc:  # not installed, or pango missing
        return f"WeasyPrint unavailable ({type(exc).__name__}): pip install -e '.[pdf]' and the pango library"
    if not shutil.which("fc-list"):
        return "fontconfig's fc-list not found: install fontconfig and fonts-noto-cjk"
    found = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip()
    if not found:
        return "no CJK font installed (fc-list :lang=zh is empty): apt-get install fonts-noto-cjk"
    return None


REASON = _pdf_ready()
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")


def test_pdf_has_chinese_text_in_a_cjk_font(cli, tmp_path):
    from pypdf import PdfReader

    fill(cli)
    path = tmp_path / "m.pdf"
    cli.ok("report", "monthly", "2024-02", "--out", str(path))
    assert path.read_bytes().startswith(b"%PDF")
    reader = PdfReader(str(path))
    text = "".join(page.extract_text() for page in reader.pages)
    for words in ("测试小区", "月度工作报告", "2024年2月", "诉求来源与分类", "办结率"):
        assert words in text, words
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    assert any("CJK" in f or "Han" in f or "WenQuanYi" in f or "Hei" in f or "Song" in f for f in fonts), fonts
    assert len(reader.pages) >= 2  # a page break between sections


def test_pdf_without_out_goes_to_a_named_file(cli, tmp_path):
    fill(cli)
    result = cli.ok("report", "quarterly", "2024Q1", "--format", "pdf")
    assert (tmp_path / "disclosure-2024Q1.pdf").is_file()
    assert "disclosure-2024Q1.pdf" in result.stderr
