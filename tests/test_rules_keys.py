"""Every rules key has an effect: some module outside rules/ reads it. Keys that do not yet are
listed here by name, so the list can only shrink; a new key without an effect fails this test."""

from __future__ import annotations

import re
from pathlib import Path

import zhili_cli
from zhili_cli.rules import model

# Read by nothing yet (a gap to close, or a key to retire with a migration of users' files):
# none today.
WITHOUT_EFFECT: set[str] = set()


def _fields():
    out = set()
    for value in vars(model).values():
        # a Threshold's more_than/at_least are read by its own methods (met, needed_count)
        if isinstance(value, type) and issubclass(value, model.Strict) and value not in (model.Strict, model.Threshold):
            out |= {(value.__name__, name) for name in value.model_fields}
    return out


def _sources() -> str:
    root = Path(zhili_cli.__file__).parent
    return "\n".join(p.read_text("utf-8") for p in root.rglob("*.py")
                     if "rules" not in p.relative_to(root).parts[:1] and "messages" not in p.parts)


def test_every_rules_key_is_read_somewhere():
    text = _sources()
    unread = {name for _, name in _fields()
              if name != "version" and not re.search(rf"(\.{name}\b|[\"']{name}[\"'])", text)}
    assert unread <= WITHOUT_EFFECT, f"rules keys with no effect: {sorted(unread - WITHOUT_EFFECT)}"
    assert WITHOUT_EFFECT <= unread, f"these have an effect now; drop them from the list: {sorted(WITHOUT_EFFECT - unread)}"
