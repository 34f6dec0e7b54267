"""zhili: governance paperwork for one residential compound (小区)."""

__version__ = "0.1.0"
