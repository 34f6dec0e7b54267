"""The report as JSON: the model itself, keys sorted, stable."""

from __future__ import annotations

import json as _json
from typing import Any


def render(report: Any) -> str:
    return _json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
