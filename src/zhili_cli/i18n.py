"""One message catalogue, Chinese by default, English with --lang en or ZHILI_LANG=en.

Messages live in `zhili_cli.messages.*` modules as {key: (zh, en)}; each area of the
tool keeps its own module, merged here on first use.
"""

from __future__ import annotations

import os

_lang: str | None = None
_catalogue: dict[str, tuple[str, str]] | None = None

_MODULES = ("core", "petitions", "meetings", "money", "imports", "reports", "hardening", "votes", "shell", "audit", "desk", "meeting_records")


def set_lang(lang: str | None) -> None:
    global _lang
    _lang = lang


def lang() -> str:
    if _lang:
        return _lang
    env = os.environ.get("ZHILI_LANG", "").lower()
    return "en" if env.startswith("en") else "zh"


def catalogue() -> dict[str, tuple[str, str]]:
    global _catalogue
    if _catalogue is None:
        import importlib

        merged: dict[str, tuple[str, str]] = {}
        for name in _MODULES:
            try:
                module = importlib.import_module(f"zhili_cli.messages.{name}")
            except ModuleNotFoundError:
                continue
            merged.update(module.MESSAGES)
        _catalogue = merged
    return _catalogue


def t(key: str, **params: object) -> str:
    """The message `key` in the current language, formatted with params."""
    entry = catalogue().get(key)
    if entry is None:
        text = key
    else:
        text = entry[1] if lang() == "en" else entry[0]
    if params:
        from zhili_cli.errors import Term

        params = {k: t(v) if isinstance(v, Term) else v for k, v in params.items()}
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text
