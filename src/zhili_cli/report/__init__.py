"""Printable reports: builders turn the store into one model (model.py); renderers in
render/ turn the model into terminal, Markdown, HTML, PDF, CSV or JSON."""
