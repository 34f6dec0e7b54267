"""One message catalogue, Chinese by default, English with --lang en or ZHILI_LANG=en.

Messages are data: `zhili_cli/messages/*.json`, one file an area of the tool, each
{key: [zh, en]}, read as package data on first use (straight from the package's folder,
or through importlib.resources when it is not one) and merged. A key may stand in one
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


# The package's own folder of messages; read straight from it when it is one (an installed
# or checked-out package), which spares every start importlib.resources and its imports.
MESSAGES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "messages")


def message_texts() -> list[tuple[str, str]]:
    """(file name, text) of every messages/*.json, in name order: from the folder, or through
    importlib.resources when the package is not a folder (a zip)."""
    if os.path.isdir(MESSAGES):
        texts = []
        for name in sorted(os.listdir(MESSAGES)):
            if name.endswith(".json"):
                with open(os.path.join(MESSAGES, name), "rb") as file:
                    texts.append((name, file.read().decode("utf-8")))
        return texts
    from importlib import resources

    files = sorted((f for f in resources.files("zhili_cli.messages").iterdir() if f.name.endswith(".json")),
                   key=lambda f: f.name)
    return [(f.name, f.read_text(encoding="utf-8")) for f in files]


def load_catalogue() -> dict[str, tuple[str, str]]:
    """Every messages/*.json merged; refuses a key given twice, in one file or across files."""
    import json

    merged: dict[str, tuple[str, str]] = {}
    where: dict[str, str] = {}
    for file_name, text in message_texts():
        def pairs(items: list[tuple[str, object]], name: str = file_name) -> dict[str, object]:
            seen: dict[str, object] = {}
            for key, value in items:
                if key in seen:
                    raise ValueError(f"messages/{name}: key {key!r} given twice")
                seen[key] = value
            return seen

        for key, value in json.loads(text, object_pairs_hook=pairs).items():
            if not isinstance(key, str) or not isinstance(value, list) or len(value) != 2:
                raise ValueError(f"messages/{file_name}: {key!r} must be [zh, en]")
            if key in merged:
                raise ValueError(f"messages/{file_name}: key {key!r} already in messages/{where[key]}")
            merged[key] = (value[0], value[1])
            where[key] = file_name
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
