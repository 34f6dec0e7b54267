"""Public outputs carry no personal data and no private petitions; internal ones mask."""

from __future__ import annotations

import re

import pytest

from tests.report_data import NAMES, PHONES, PRIVATE_TITLE, fill
from zhili_cli.domain.privacy import mask_name, mask_phone

FORMATS = ("md", "html", "csv", "json")


@pytest.fixture
def data(cli):
    fill(cli)
    return cli


def _render(cli, tmp_path, *args):
    texts = [cli.ok("report", *args).stdout]
    for fmt in FORMATS:
        path = tmp_path / f"out.{fmt}"
        cli.ok("report", *args, "--format", fmt, "--out", str(path))
        texts.append(path.read_text(encoding="utf-8-sig"))
    # the chain head (64 hex digits) may contain a phone's last four digits by chance
    return [re.sub(r"\b[0-9a-f]{64}\b", "<head>", text) for text in texts]


def test_disclosure_carries_no_personal_data(data, tmp_path):
    for text in _render(data, tmp_path, "quarterly", "2024Q1"):
        for name in NAMES:
            assert name not in text and mask_name(name) not in text
        for phone in PHONES:
            assert phone not in text and mask_phone(phone) not in text and phone[-4:] not in text
        assert PRIVATE_TITLE not in text
        assert "私" not in text.replace("私事", "").replace("大难急小私", "")  # no private kind row


def test_public_monthly_carries_no_personal_data(data, tmp_path):
    for text in _render(data, tmp_path, "monthly", "2024-03", "--public"):
        for name in NAMES:
            assert name not in text and mask_name(name) not in text
        for phone in PHONES:
            assert phone not in text and mask_phone(phone) not in text
        assert PRIVATE_TITLE not in text


def test_internal_report_masks(data, tmp_path):
    for text in _render(data, tmp_path, "monthly", "2024-03"):
        for name in NAMES:
            assert name not in text
        for phone in PHONES:
            assert phone not in text
    md = data.ok("report", "monthly", "2024-03", "--format", "md").stdout
    assert mask_phone(PHONES[0]) in md or mask_phone(PHONES[1]) in md or mask_phone(PHONES[2]) in md
    assert any(mask_name(n) in md for n in NAMES)


def test_disclosure_prints_the_chain_head(data):
    import json

    report = json.loads(data.ok("report", "quarterly", "2024Q1", "--format", "json").stdout)
    head = report["audit_head"]["hash"]
    assert report["public"] is True and len(head) == 64
    assert report["audit_head"]["command"] == f"zhili audit verify --head {head[:12]}"
    assert report["audit_head"]["short"] == " ".join((head[:4], head[4:8], head[8:12]))
    data.ok("audit", "verify", "--head", head)
    data.ok("audit", "verify", "--head", head[:12])  # the code printed for residents to copy
