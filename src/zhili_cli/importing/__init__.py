"""Batch import of registers kept in spreadsheets: read, map headers, parse cells, validate rows."""
