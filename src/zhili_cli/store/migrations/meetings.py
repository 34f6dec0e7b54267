"""Tables of the meetings area (none yet)."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations.meetings_names import NAMES, SET

migrations = Migrations(SET)
