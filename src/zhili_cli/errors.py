"""Errors a user can cause. Each carries a catalogue key so it can be told in either language."""

from __future__ import annotations


class Term(str):
    """A parameter that is itself a catalogue key (e.g. `status.done`), translated when shown."""


class UserError(Exception):
    """A problem the user can fix: printed as one line, exit 1."""

    exit_code = 1

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self) -> str:
        from zhili_cli.i18n import t

        return t(self.key, **self.params)


class UsageError(UserError):
    """The command line itself is wrong: exit 2."""

    exit_code = 2


class RowError(UserError):
    """One bad cell in an imported file: `FILE:LINE: column: problem`."""

    def __init__(self, file: str, line: int, column: str, key: str, **params: object) -> None:
        super().__init__(key, **params)
        self.file = file
        self.line = line
        self.column = column

    def message(self) -> str:
        from zhili_cli.i18n import t

        return f"{self.file}:{self.line}: {self.column}: {t(self.key, **self.params)}"


class RulesError(UserError):
    """An invalid rules file: `FILE:LINE: key.path: problem`."""

    def __init__(self, file: str, line: int | None, path: str, problem: str) -> None:
        super().__init__("rules_invalid")
        self.file = file
        self.line = line
        self.path = path
        self.problem = problem

    def message(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.problem}"
