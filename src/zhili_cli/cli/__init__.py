"""Command-line layer: parse, call a service, render. No SQL and no business rules here."""
