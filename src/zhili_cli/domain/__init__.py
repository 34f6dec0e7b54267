"""Domain rules in plain Python: no typer, rich or SQL here."""
