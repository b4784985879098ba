"""Exports of the record: JSON Lines and CSV of one kind, a spreadsheet workbook of all kinds,
Parquet for data tools. `shapes.py` says what each record holds and of what type, so every
format writes numbers as numbers and dates as dates."""
