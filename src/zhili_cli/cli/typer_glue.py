"""Everything zhili does with typer's (and its vendored click's) internals, in one place.

typer is the project's CLI library and stays so; these hooks change how it behaves in three
ways its public API does not offer, each guarded so that if typer's internals change the hook
is simply not installed and typer's own behaviour applies (slower or plainer, never broken).
`INSTALLED` says which took; tests/test_typer_glue.py fails when one no longer does.

1. coercion: typer builds a pydantic TypeAdapter for every parameter on first use, which
   costs more than most commands' own work. Plain `str`, `list[str]`, `int` and `bool`
   parameters get small coercions that give the same values and refuse the same input.
2. help words: the help screen's own words (panels, [default: …], [required], the help
   option) in the user's language, set as a help screen is drawn; help texts fold a word
   wider than their column (a Chinese sentence, to rich) instead of cutting it with "…".
3. help metavars: instead of Python type names (`<str>`, `<bool>`, `<list[str]>`, `<int
   range> [x>=0]`, `{ref}`), the kind of value the user types (编号 / REF, 日期 / DATE,
   金额 / AMOUNT, 文件 / FILE …); flags show none.

Shell completion (`zhili --show-completion SHELL`, `--install-completion SHELL`) uses typer's
completion scripts, loaded only when asked for, so no other command pays for it.
"""

from __future__ import annotations

import os
import re
from typing import Any

from zhili_cli.i18n import t

INSTALLED: dict[str, bool] = {"coercion": False, "help_words": False, "metavars": False}


# ---------------------------------------------------------------------------- 1. coercion
def _light_coercions() -> tuple[Any, Any, Any, Any] | None:
    """The classes add no fields, so they keep RuntimeParam's own (frozen dataclass) constructor."""
    try:
        from typer._coercion import RuntimeParam
        from typer.core import _click
    except ImportError:
        return None

    def bad(message: str, param: Any, ctx: Any) -> Exception:
        return _click.exceptions.BadParameter(message, ctx=ctx, param=param)

    class Text(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            return value if isinstance(value, str) else str(value)

    class TextList(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            return [v if isinstance(v, str) else str(v) for v in value]

    class Whole(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if isinstance(value, bool):
                raise bad(f"{value!r} is not a whole number.", param, ctx)
            if isinstance(value, int):
                number = value
            else:
                # what pydantic's lax int accepts from text: sign, digits, underscores, ".0"
                match = re.fullmatch(r"\s*([+-]?[0-9]+(?:_[0-9]+)*)(?:\.0+)?\s*", str(value))
                if not match:
                    raise bad(f"{value!r} is not a whole number.", param, ctx)
                number = int(match.group(1))
            low, high = self.parameter_info.min, self.parameter_info.max
            if (low is not None and number < low) or (high is not None and number > high):
                bounds = " and ".join(x for x in (f">= {low}" if low is not None else "",
                                                  f"<= {high}" if high is not None else "") if x)
                raise bad(f"{number} is not {bounds}.", param, ctx)
            return number

    class Flag(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if isinstance(value, bool):
                return value
            text = str(value).lower()
            if text in ("1", "true", "t", "yes", "y", "on"):
                return True
            if text in ("0", "false", "f", "no", "n", "off"):
                return False
            raise bad(f"{value!r} is not a yes/no value.", param, ctx)

    return Text, TextList, Whole, Flag


def _install_coercion() -> bool:
    import typer.core as typer_core

    original = getattr(typer_core, "build_runtime_param", None)
    if original is None:
        return False
    if getattr(original, "_zhili_light", False):
        return True
    light = _light_coercions()
    if light is None:
        return False
    text, text_list, whole, flag = light
    kinds = {str: text, int: whole, bool: flag}

    def build_runtime_param(descriptor: Any) -> Any:
        try:
            info = descriptor.parameter_info
            plain = (getattr(info, "parser", None) is None and not getattr(info, "clamp", False)
                     and not getattr(info, "count", False) and not descriptor.is_file and not descriptor.is_choice)
            annotation = descriptor.annotation
        except AttributeError:  # a descriptor of another shape: typer's own coercion
            return original(descriptor)
        if plain and isinstance(annotation, type) and annotation in kinds:
            return kinds[annotation](parameter_info=info, annotation=annotation)
        if plain and annotation == list[str]:
            return text_list(parameter_info=info, annotation=annotation)
        return original(descriptor)

    build_runtime_param._zhili_light = True  # type: ignore[attr-defined]
    typer_core.build_runtime_param = build_runtime_param
    return True


# -------------------------------------------------------------------------- 2. help words
_WORDS = (("DEFAULT_STRING", "help.default"), ("REQUIRED_LONG_STRING", "help.required"),
          ("ENVVAR_STRING", "help.envvar"), ("DEPRECATED_STRING", "help.deprecated"),
          ("ARGUMENTS_PANEL_TITLE", "help.arguments"), ("OPTIONS_PANEL_TITLE", "help.options"),
          ("COMMANDS_PANEL_TITLE", "help.commands"))


def _localize_help_words() -> None:
    from typer import rich_utils

    for name, key in _WORDS:
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, t(key))
    _fold_long_words(rich_utils)


def _fold_long_words(rich_utils: Any) -> None:
    """Help texts fold a word longer than their column instead of cutting it with "…": rich
    breaks lines at spaces only, and a Chinese sentence is one long word to it."""
    make = getattr(rich_utils, "_make_rich_text", None)
    if not callable(make) or getattr(make, "_zhili", False):
        return

    def folding(*args: Any, **kwargs: Any) -> Any:
        text = make(*args, **kwargs)
        if getattr(text, "overflow", "") is None:  # a Text left to its table's "ellipsis"
            text.overflow = "fold"
        return text

    folding._zhili = True  # type: ignore[attr-defined]
    rich_utils._make_rich_text = folding


def _install_help_words() -> bool:
    from typer.core import TyperCommand, TyperGroup

    for cls in (TyperCommand, TyperGroup):
        if not callable(getattr(cls, "format_help", None)) or not callable(getattr(cls, "get_help_option", None)):
            return False
    for cls in (TyperCommand, TyperGroup):
        if getattr(cls.format_help, "_zhili", False):
            continue
        format_help, get_help_option = cls.format_help, cls.get_help_option

        def localized_format_help(self: Any, ctx: Any, formatter: Any, _orig: Any = format_help) -> Any:
            _localize_help_words()
            return _orig(self, ctx, formatter)

        def localized_get_help_option(self: Any, ctx: Any, _orig: Any = get_help_option) -> Any:
            option = _orig(self, ctx)
            if option is not None:
                option.help = t("help.option")
            return option

        localized_format_help._zhili = True  # type: ignore[attr-defined]
        cls.format_help = localized_format_help  # type: ignore[method-assign]
        cls.get_help_option = localized_get_help_option  # type: ignore[method-assign]
    return True


# ----------------------------------------------------------------------------- 3. metavars
# parameter name (typer's python name) → the kind of value the user types: the first kind whose
# names hold it, or whose prefixes / suffixes it starts / ends with. Plain string tests, not
# regular expressions: compiling those cost every help screen more than drawing a row.
_KINDS: tuple[tuple[str, frozenset[str], tuple[str, ...], tuple[str, ...]], ...] = (
    ("date", frozenset({"from", "from_", "to", "date_from", "date_to", "received", "due", "term_start",
                        "term_end", "announced", "at", "since", "until", "start", "end"}), ("date",), ("_date",)),
    ("month", frozenset({"month"}), (), ()),
    ("period", frozenset({"period"}), (), ()),
    ("amount", frozenset({"amount", "share"}), (), ("_fen",)),
    ("area", frozenset({"area"}), (), ("_area",)),
    ("file", frozenset({"file", "files", "path", "out", "db", "rules", "rules_out", "map", "markdown"}), (),
     ("_file", "_path")),
    ("ref", frozenset({"ref", "refs", "subject", "petition", "motion", "meeting", "project", "expense",
                       "add_ref", "head"}), (), ()),
)


def _kind_of(name: str) -> str | None:
    for kind, names, prefixes, suffixes in _KINDS:
        if name in names or (prefixes and name.startswith(prefixes)) or (suffixes and name.endswith(suffixes)):
            return kind
    return None


def metavar(param: Any) -> str | None:
    """The word shown for a parameter's value on the help screen; None for a flag."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    if getattr(param, "metavar", None):
        return param.metavar
    desc = getattr(param, "type_descriptor", None)
    if desc is not None and getattr(desc, "is_choice", False) and desc.choices:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices)
    name = (param.name or "").lower()
    kind = _kind_of(name)
    if kind is None:
        annotation = getattr(desc, "annotation", None)
        kind = "number" if annotation in (int, float) else "text"
    word = t(f"metavar.{kind}")
    return word + "…" if getattr(param, "nargs", 1) != 1 else word


def _install_metavars() -> bool:
    from typer.core import TyperArgument, TyperOption

    needed = ((TyperOption, "display_type_rich"), (TyperArgument, "display_type_rich"),
              (TyperOption, "_get_number_range_help_str"), (TyperArgument, "_get_number_range_help_str"),
              (TyperArgument, "_usage_display_name"), (TyperArgument, "display_name_raw"))
    if not all(hasattr(cls, name) for cls, name in needed):
        return False

    def option_type(self: Any, ctx: Any) -> str | None:
        return metavar(self)

    def argument_type(self: Any, ctx: Any) -> str | None:
        return None  # the argument's name column already shows its metavar

    def no_range(self: Any) -> None:
        return None

    def argument_name(self: Any) -> str:
        word = metavar(self) or self.name
        if self.metavar is None and getattr(self, "nargs", 1) != 1:  # typer adds "..." itself
            return word.removesuffix("…")
        return word

    def usage_name(self: Any) -> str:
        name = metavar(self) or self.name
        return name if self.required else f"[{name}]"

    TyperOption.display_type_rich = option_type  # type: ignore[method-assign]
    TyperArgument.display_type_rich = argument_type  # type: ignore[method-assign]
    TyperOption._get_number_range_help_str = no_range  # type: ignore[method-assign]
    TyperArgument._get_number_range_help_str = no_range  # type: ignore[method-assign]
    TyperArgument.display_name_raw = property(argument_name)  # type: ignore[assignment,method-assign]
    TyperArgument._usage_display_name = usage_name  # type: ignore[method-assign]
    return True


def install() -> dict[str, bool]:
    """Install every hook that this typer still supports; the others fall back to typer.
    ZHILI_PLAIN_TYPER=1 installs none (what a changed typer would get; tests run it)."""
    import os

    if os.environ.get("ZHILI_PLAIN_TYPER"):
        return INSTALLED
    for name, hook in (("coercion", _install_coercion), ("help_words", _install_help_words),
                       ("metavars", _install_metavars)):
        try:
            INSTALLED[name] = bool(hook())
        except Exception:  # internals changed shape: typer's own behaviour applies
            INSTALLED[name] = False
    return INSTALLED


# ----------------------------------------------------------------------------- completion
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
COMPLETE_VAR = "_ZHILI_COMPLETE"
COMPLETION_FLAGS = ("--show-completion", "--install-completion")


def prepare_completion() -> None:
    """A completion request from the shell (the script sets _ZHILI_COMPLETE): register
    typer's completion classes, which typer does only when its own completion options exist."""
    if not os.environ.get(COMPLETE_VAR):
        return
    try:
        from typer._completion_classes import completion_init
    except ImportError:  # another typer: click's own completion classes answer
        return
    completion_init()


def detect_shell() -> str | None:
    try:
        import shellingham

        return str(shellingham.detect_shell()[0]).lower()
    except Exception:
        pass
    shell = os.path.basename(os.environ.get("SHELL", "")).lower()
    if shell:
        return shell
    return "powershell" if os.name == "nt" else None


def completion_flag(args: list[str], with_value: tuple[str, ...] = ()) -> tuple[str, str | None] | None:
    """(flag, shell) when the command line asks for completion before any command
    (`with_value`: the root options that take a value, skipped with it)."""
    skip = False
    for i, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if arg in with_value:
            skip = True
            continue
        flag, _, value = arg.partition("=")
        if flag in COMPLETION_FLAGS:
            if value:
                return flag, value
            nxt = args[i + 1] if i + 1 < len(args) else ""
            return flag, nxt if nxt and not nxt.startswith("-") else None
        if not arg.startswith("-"):  # a command: its own options follow
            return None
    return None


def completion(flag: str, shell: str | None, prog_name: str = "zhili") -> tuple[int, str]:
    """Print (or install) the completion script; (exit code, text for the user)."""
    from zhili_cli.errors import UsageError

    shell = (shell or detect_shell() or "").lower()
    if shell not in SHELLS:
        raise UsageError("completion.shell", shell=shell or "?", shells=", ".join(SHELLS[:4]))
    try:
        from typer.completion import get_completion_script, install
    except ImportError:
        raise UsageError("completion.unavailable") from None
    if flag == "--show-completion":
        return 0, get_completion_script(prog_name=prog_name, complete_var=COMPLETE_VAR, shell=shell)
    shell, path = install(shell=shell, prog_name=prog_name, complete_var=COMPLETE_VAR)
    return 0, t("completion.installed", shell=shell, path=str(path))
