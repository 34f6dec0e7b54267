"""One message catalogue, Chinese by default, English with --lang en or ZHILI_LANG=en.

Messages are data: `zhili_cli/messages/*.json`, one file an area of the tool, each
{key: [zh, en]}, read as package data on first use and merged. A key may stand in one
file only; a repeated key is an error, never a silent override.
"""

from __future__ import annotations

import os

_lang: str | None = None
_catalogue: dict[str, tuple[str, str]] | None = None



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
        _catalogue = load_catalogue()
    return _catalogue


def load_catalogue() -> dict[str, tuple[str, str]]:
    """Every messages/*.json merged; refuses a key given twice, in one file or across files."""
    import json
    from importlib import resources

    merged: dict[str, tuple[str, str]] = {}
    where: dict[str, str] = {}
    files = sorted((f for f in resources.files("zhili_cli.messages").iterdir() if f.name.endswith(".json")),
                   key=lambda f: f.name)
    for file in files:
        def pairs(items: list[tuple[str, object]], name: str = file.name) -> dict[str, object]:
            seen: dict[str, object] = {}
            for key, value in items:
                if key in seen:
                    raise ValueError(f"messages/{name}: key {key!r} given twice")
                seen[key] = value
            return seen

        for key, value in json.loads(file.read_text(encoding="utf-8"), object_pairs_hook=pairs).items():
            if not isinstance(key, str) or not isinstance(value, list) or len(value) != 2:
                raise ValueError(f"messages/{file.name}: {key!r} must be [zh, en]")
            if key in merged:
                raise ValueError(f"messages/{file.name}: key {key!r} already in messages/{where[key]}")
            merged[key] = (value[0], value[1])
            where[key] = file.name
    return merged


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
