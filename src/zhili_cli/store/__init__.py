"""The store: the only layer that speaks SQL. One SQLite file, one transaction per command."""
