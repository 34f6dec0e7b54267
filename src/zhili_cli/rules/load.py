"""Load zhili.yaml: YAML → pydantic, with every error tied to its line and key path.

Validation imports pydantic, which is slow to import; a file that validated before is
recognised by its content hash (a mark in the cache directory, no values kept), so commands
that do not need the rules stay fast and every command still refuses a changed, broken file.
A read that needs a few plain values (`zhili today`: some day counts) takes them from the
file itself once it is known valid (`RulesSource.plain`), and anything not written there
plainly from the validated model: the same values either way.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zhili_cli.errors import RulesError, UserError

if TYPE_CHECKING:
    from zhili_cli.rules.model import Rules

DEFAULT_NAME = "zhili.yaml"
_SCHEMA_STAMP = "rules-v2"  # bumped whenever validation gets stricter
MAX_BYTES = 1_000_000  # a rules file is a few KB; anything near this is not one


_DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "default.yaml")


def default_text() -> str:
    """The built-in defaults: from the package's folder, or through importlib.resources when the
    package is not a folder (a zip)."""
    if os.path.isfile(_DEFAULT):
        with open(_DEFAULT, encoding="utf-8") as file:  # text mode, as read_text: the same text
            return file.read()
    from importlib import resources

    return resources.files("zhili_cli.rules").joinpath("default.yaml").read_text("utf-8")


@dataclass
class RulesSource:
    """Where the rules came from and their text; `rules` validates on first use."""

    path: Path | None  # None: the built-in defaults
    text: str

    @property
    def label(self) -> str:
        return str(self.path) if self.path else "<built-in defaults>"

    @cached_property
    def text_sha256(self) -> str:
        """The SHA-256 of the text itself: the version recorded in the database (rules_versions)."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def digest(self) -> str:
        return hashlib.sha256((_SCHEMA_STAMP + self.text).encode("utf-8")).hexdigest()

    @cached_property
    def rules(self) -> "Rules":
        return validate(self.text, self.label)

    def plain(self, kinds: dict[str, str]) -> "PlainRules":
        """The values at these dotted keys (kind "int", "days_by_name": {name: days}, and for
        keys the model limits to a few words "word" or "words", a list of them) as
        attributes (`.committee.publish_within_days`), read from the text of this file, which
        must be known valid (`ensure_valid`): pydantic is not imported for them. A value not
        written plainly as that kind (left to its default, "5" as text) and any other key
        come from the validated model."""
        if "rules" in self.__dict__:  # validated in this process already
            return PlainRules({}, "", self)
        import yaml

        data = yaml.load(self.text, Loader=_loader())
        found: dict[str, Any] = {}
        for path, kind in kinds.items():
            node: Any = data
            for part in path.split("."):
                node = node.get(part) if isinstance(node, dict) else None
            if _PLAIN[kind](node):
                found[path] = node
        return PlainRules(found, "", self)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# what a value must be in the YAML to be exactly what the model would make of it
# (a file known valid holds only allowed words where the model takes one of a few words)
_PLAIN = {"int": _whole,
          "days_by_name": lambda value: isinstance(value, dict) and all(
              isinstance(k, str) and _whole(v) for k, v in value.items()),
          "word": lambda value: isinstance(value, str),
          "words": lambda value: isinstance(value, list) and all(isinstance(v, str) for v in value)}


class PlainRules:
    """Attribute access over the values `RulesSource.plain` read; the model for the rest."""

    def __init__(self, values: dict[str, Any], path: str, source: RulesSource) -> None:
        self._values, self._path, self._source = values, path, source

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        path = f"{self._path}.{name}" if self._path else name
        if path in self._values:
            return self._values[path]
        if any(key.startswith(path + ".") for key in self._values):
            return PlainRules(self._values, path, self._source)
        value: Any = self._source.rules
        for part in path.split("."):
            value = getattr(value, part)
        return value


def locate(explicit: str | None, beside: Path | None = None) -> RulesSource:
    """--rules FILE, else the zhili.yaml beside the database (`beside`: the database's folder;
    `init` writes the two together), else ./zhili.yaml, else the built-in defaults. So
    `zhili --db demo/zhili.db …` run from anywhere uses the demo compound's own rules."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise UserError("rules_missing", path=explicit)
    else:
        here = Path(DEFAULT_NAME)
        path = beside / DEFAULT_NAME if beside is not None else here
        if not path.is_file() or (here.is_file() and os.path.samefile(path, here)):
            path = here  # named as the user sees it when the database is in this folder
        if not path.is_file():
            return RulesSource(None, default_text())
    try:
        if path.stat().st_size > MAX_BYTES:
            raise UserError("rules_too_big", path=str(path), limit=MAX_BYTES // 1000)
        text = path.read_text("utf-8")
    except UnicodeDecodeError:
        raise RulesError(str(path), None, "(file)", "not UTF-8 text") from None
    except OSError as exc:
        raise UserError("rules_unreadable", path=str(path), error=exc.strerror or str(exc)) from None
    return RulesSource(path, text)


def _cache_dir() -> Path:
    base = os.environ.get("ZHILI_CACHE") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "zhili" if not os.environ.get("ZHILI_CACHE") else root


def ensure_valid(source: RulesSource) -> None:
    """Refuse a broken rules file cheaply: a digest seen valid before skips pydantic."""
    marker = _cache_dir() / f"rules-{source.digest[:32]}.ok"
    if marker.exists():
        return
    source.rules  # validates, raising RulesError with line and key
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(source.label + "\n", "utf-8")
    except OSError:
        pass  # a read-only home only costs speed


def validate(text: str, label: str) -> "Rules":
    import yaml
    from pydantic import ValidationError

    from zhili_cli.rules.model import Rules

    if len(text) > MAX_BYTES:
        raise UserError("rules_too_big", path=label, limit=MAX_BYTES // 1000)
    try:
        node = yaml.compose(text, Loader=_loader())
        data = yaml.load(text, Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RulesError(label, line, "(syntax)", problem) from None
    if not isinstance(data, dict):
        raise RulesError(label, 1, "(file)", "must be a mapping of rule sections")
    _refuse_duplicates(node, label, [])
    try:
        rules = Rules.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        message = err["msg"].removeprefix("Value error, ")
        match = re.match(r"^([\w\[\]\.]+): (.+)$", message)
        if match:
            message = match.group(2)
            for part in re.findall(r"\[\d+\]|[^.\[\]]+", match.group(1)):
                loc.append(int(part[1:-1]) if part.startswith("[") else part)
        raise RulesError(label, _line_of(node, loc), _path(loc), message) from None
    _refuse_looser_than_law(rules, node, label)
    return rules


def _refuse_looser_than_law(rules: "Rules", node: Any, label: str) -> None:
    from zhili_cli.i18n import t
    from zhili_cli.rules.floor import looser_than_law

    breaches = looser_than_law(rules)
    if breaches:
        path, key, params = breaches[0]
        loc = [int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"\[\d+\]|[^.\[\]]+", path)]
        raise RulesError(label, _line_of(node, loc), path, t(key, **params))


def _refuse_duplicates(node: Any, label: str, loc: list[Any]) -> None:
    """YAML lets a repeated key silently win; in a rules file that hides a threshold."""
    from zhili_cli.i18n import t

    if node is None:
        return
    if node.id == "mapping":
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                raise RulesError(label, key.start_mark.line + 1, _path(loc + [name]), t("rules.duplicate_key"))
            seen.add(name)
            _refuse_duplicates(value, label, loc + [name])
    elif node.id == "sequence":
        for i, item in enumerate(node.value):
            _refuse_duplicates(item, label, loc + [i])


def _loader() -> Any:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _path(loc: list[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(file)"


def _line_of(node: Any, loc: list[Any]) -> int | None:
    """Line of the deepest YAML node that the error path reaches."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child = None
        if node is not None and node.id == "mapping":
            for key, value in node.value:
                if key.value == str(part):
                    child = (key, value)
                    break
        elif node is not None and node.id == "sequence" and isinstance(part, int):
            if 0 <= part < len(node.value):
                child = (node.value[part], node.value[part])
        if child is None:
            break
        line = child[0].start_mark.line + 1
        node = child[1]
    return line


def dump_effective(rules: "Rules") -> str:
    """The effective rules as YAML (fractions as a/b, amounts as yuan)."""
    import yaml

    return yaml.safe_dump(plain(rules), allow_unicode=True, sort_keys=False)


def plain(rules: "Rules") -> Any:
    """The rules as plain data: fractions as "a/b", yuan amounts as numbers, unset keys left out."""
    from decimal import Decimal
    from fractions import Fraction

    def conv(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: conv(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [conv(v) for v in value]
        if isinstance(value, Fraction):
            return str(value)
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return value

    return conv(rules.model_dump())
