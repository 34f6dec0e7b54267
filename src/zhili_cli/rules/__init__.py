"""The rules file (zhili.yaml): schema, defaults and loading with line numbers."""
