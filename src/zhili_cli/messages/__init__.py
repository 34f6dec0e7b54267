"""The message catalogue's data: one JSON file an area, {key: [zh, en]} (read by zhili_cli.i18n)."""
