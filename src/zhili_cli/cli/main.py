"""The `zhili` command tree. Sub-commands are imported only when used, so `zhili --help`
and every single command stay fast; every user error leaves through one exit path."""

from __future__ import annotations

import os
import sys
from typing import Any, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from zhili_cli.i18n import set_lang, t

# command name → module holding `app` (a Typer); listed in help in this order.
COMMANDS: dict[str, str] = {
    "init": "zhili_cli.cli.init",
    "demo": "zhili_cli.cli.demo",
    "today": "zhili_cli.cli.today",
    "household": "zhili_cli.cli.household",
    "member": "zhili_cli.cli.member",
    "volunteer": "zhili_cli.cli.volunteer",
    "petition": "zhili_cli.cli.petition",
    "meeting": "zhili_cli.cli.meeting",
    "motion": "zhili_cli.cli.motion",
    "vote": "zhili_cli.cli.vote",
    "expense": "zhili_cli.cli.expense",
    "ledger": "zhili_cli.cli.ledger",
    "fund": "zhili_cli.cli.fund",
    "project": "zhili_cli.cli.project",
    "report": "zhili_cli.cli.report",
    "rules": "zhili_cli.cli.rules",
    "audit": "zhili_cli.cli.audit",
    "backup": "zhili_cli.cli.backup",
}


def _scan_lang(args: list[str]) -> None:
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            set_lang("en" if args[i + 1].lower().startswith("en") else "zh")
        elif arg.startswith("--lang="):
            set_lang("en" if arg.split("=", 1)[1].lower().startswith("en") else "zh")


# The root's own help texts are built below, at import: the language must be known before.
_scan_lang(sys.argv[1:])

GLOBAL_OPTIONS = ("--db", "--rules", "--as", "--lang")

# Every character str.splitlines() breaks on, shown escaped so an error stays on one line
# even when it quotes what the user typed.
_LINE_BREAKS = {ord(c): repr(c)[1:-1] for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def one_line(text: str) -> str:
    return text.strip().translate(_LINE_BREAKS)


def hoist_globals(args: list[str]) -> list[str]:
    """Global options may be written anywhere (`zhili petition list --db x.db`): move them first."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg in GLOBAL_OPTIONS and i + 1 < len(args):
            front += [arg, args[i + 1]]
            i += 2
            continue
        if arg.split("=", 1)[0] in GLOBAL_OPTIONS and "=" in arg:
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


from zhili_cli.cli import typer_glue  # noqa: E402  typer's internals, in one module

typer_glue.install()


class LazyGroup(TyperGroup):
    """Root group: resolves sub-commands by importing their module on demand."""

    _resolving = False

    def list_commands(self, ctx: Any) -> list[str]:
        # Every command module lives beside this file: a stat each, not an import-system search.
        here = os.path.dirname(os.path.abspath(__file__))
        return [name for name, mod in COMMANDS.items()
                if os.path.exists(os.path.join(here, mod.rsplit(".", 1)[1] + ".py"))]

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in COMMANDS:
            return None
        if not self._resolving:  # help listing: a stub with the catalogue's summary
            return TyperCommand(name=name, help=t(f"cmd.{name}"), callback=None)
        import importlib

        try:
            module = importlib.import_module(COMMANDS[name])
        except ModuleNotFoundError:
            return None
        return typer.main.get_command(module.app)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        self._resolving = True
        try:
            return super().resolve_command(ctx, args)
        finally:
            self._resolving = False

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _scan_lang(args)
        return super().parse_args(ctx, hoist_globals(args))

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """Click's own usage errors (a missing argument, `--limit abc`) leave in one line too."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        from typer.core import _click as click  # the click copy typer runs on

        argv = [str(a) for a in args] if args is not None else sys.argv[1:]
        asked = typer_glue.completion_flag(argv, GLOBAL_OPTIONS)
        if asked:  # before click parses anything: `zhili --show-completion bash` prints the script
            _scan_lang(argv)
            from zhili_cli.errors import UserError

            try:
                code, text = typer_glue.completion(*asked)
            except UserError as exc:
                typer.echo(one_line(exc.message()), err=True)
                sys.exit(exc.exit_code)
            typer.echo(text)
            sys.exit(code)
        typer_glue.prepare_completion()
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:  # `zhili petition`: the group's help
            typer.echo(exc.format_message())
            sys.exit(0)
        except click.exceptions.ClickException as exc:
            command = exc.ctx.command_path if getattr(exc, "ctx", None) else (prog_name or "zhili")
            error = " ".join(exc.format_message().split())
            typer.echo(one_line(t("usage_error", command=command, error=error)), err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo(t("interrupted"), err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) and not isinstance(rv, bool) else 0)

    def invoke(self, ctx: Any) -> Any:
        from zhili_cli.errors import UserError

        try:
            return super().invoke(ctx)
        except UserError as exc:
            typer.echo(one_line(exc.message()), err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo(t("interrupted_after_commit" if _committed(ctx) else "interrupted"), err=True)
            raise typer.Exit(130) from None
        except Exception as exc:  # a bug, or an OS failure: still one line
            import sqlite3

            if hasattr(exc, "exit_code") or isinstance(exc, BrokenPipeError):  # typer's own; see run()
                raise

            if os.environ.get("ZHILI_DEBUG"):
                raise
            from zhili_cli.services.session import explain_failure

            known = explain_failure(exc)
            if known is not None:
                typer.echo(one_line(known.message()), err=True)
            elif isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                typer.echo(t("db_busy", path=""), err=True)
            elif isinstance(exc, OSError):
                typer.echo(one_line(t("os_error", error=exc.strerror or str(exc), path=exc.filename or "")), err=True)
            else:
                key = "internal_error_after_commit" if _committed(ctx) else "internal_error"
                typer.echo(one_line(t(key, error=f"{type(exc).__name__}: {exc}")), err=True)
            raise typer.Exit(1) from None


def _committed(ctx: Any) -> bool:
    """Whether this command's write had already landed when it failed (its output is what failed)."""
    return bool(getattr(ctx.find_root().obj, "committed", False))


def guard_console(stream: Any = None) -> None:
    """A console that cannot show every character must not crash a command after its write.

    Windows consoles redirected to a file or pipe use the ANSI code page (cp936 has no emoji and
    some rare characters), and a POSIX locale may be ASCII: characters the encoding lacks are
    written as \\uXXXX instead of failing, and when not even Chinese can be shown, one line says
    how to fix the console.
    """
    streams = [stream] if stream is not None else [sys.stdout, sys.stderr]
    for out in streams:
        encoding = (getattr(out, "encoding", None) or "").lower().replace("_", "-")
        if encoding in ("utf-8", "utf8", "utf-16", "utf-32") or not hasattr(out, "reconfigure"):
            continue
        out.reconfigure(errors="backslashreplace")
        try:
            "中文".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            if out is sys.stderr or stream is not None:
                print(f"zhili: this console's encoding ({encoding}) cannot show Chinese: "
                      "set PYTHONIOENCODING=utf-8 (or use --lang en, or --out FILE)", file=out)


app = typer.Typer(
    cls=LazyGroup,
    help=t("app.help"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def main(
    ctx: typer.Context,
    db: Optional[str] = typer.Option(None, "--db", envvar="ZHILI_DB", show_envvar=False, help=t("opt.db"), show_default=False),
    rules: Optional[str] = typer.Option(None, "--rules", envvar="ZHILI_RULES", help=t("opt.rules")),
    actor: Optional[str] = typer.Option(None, "--as", envvar="ZHILI_USER", show_envvar=False, help=t("opt.as")),
    lang: Optional[str] = typer.Option(None, "--lang", envvar="ZHILI_LANG", show_envvar=False, help=t("opt.lang")),
    # handled before parsing (LazyGroup.main); declared here for the help screen
    show_completion: Optional[str] = typer.Option(None, "--show-completion", metavar=t("metavar.shell"),
                                                  help=t("opt.show_completion")),
    install_completion: Optional[str] = typer.Option(None, "--install-completion", metavar=t("metavar.shell"),
                                                     help=t("opt.install_completion")),
) -> None:
    from zhili_cli.cli.context import Globals

    if lang:
        if lang.lower()[:2] not in ("zh", "en"):
            from zhili_cli.errors import UsageError

            raise UsageError("bad_lang", value=lang)
        set_lang("en" if lang.lower().startswith("en") else "zh")
    ctx.obj = Globals(db=db, rules=rules, actor=actor)


def run() -> None:
    _scan_lang(sys.argv[1:])
    guard_console()
    try:
        app(prog_name="zhili")
    except BrokenPipeError:  # `zhili … | head`: the reader has gone; leave quietly, as cat does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
