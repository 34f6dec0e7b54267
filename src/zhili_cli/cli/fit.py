"""The lists' fitting to the terminal lives in zhili_cli/fit.py (the report's terminal renderer
uses it too); kept here for the callers that import it from the command layer."""

from zhili_cli.fit import FLOOR, SHORT, cell_len, hang, layout, min_width, natural_width, wrap  # noqa: F401
