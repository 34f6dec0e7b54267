"""Tables of the money area (none yet)."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations.money_names import NAMES, SET

migrations = Migrations(SET)
