"""Parquet files of the record (pyarrow) for data tools (pandas, polars, DuckDB, Spark).

A file holds the JSON records of one kind as they are, nesting kept: "period" is a struct
of two dates, "parties" a list of strings, a claim's "sources" a list of structs. Dates are
dates, numbers numbers; a field the record leaves out is null.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bilateral.export.records import Records
from bilateral.export.shapes import BOOL, DATE, FLOAT, INT, SHAPES, STR


def arrow_type(t: object):
    import pyarrow as pa

    if isinstance(t, dict):
        return pa.struct([(name, arrow_type(sub)) for name, sub in t.items()])
    if isinstance(t, list):
        return pa.list_(arrow_type(t[0]))
    return {STR: pa.string(), FLOAT: pa.float64(), INT: pa.int64(), BOOL: pa.bool_(),
            DATE: pa.date32()}[t]


def schema(kind: str):
    import pyarrow as pa

    return pa.schema([(name, arrow_type(t)) for name, t in SHAPES[kind].items()])


def typed(value: object, t: object) -> object:
    """A JSON value with its dates made dates, following the shape."""
    if value is None:
        return None
    if isinstance(t, dict):
        return {name: typed(value.get(name), sub) for name, sub in t.items()}
    if isinstance(t, list):
        return [typed(v, t[0]) for v in value]
    if t == DATE:
        return date.fromisoformat(value)
    return value


def write_parquet(path: Path, kind: str, records: Records) -> int:
    """One kind to one file; returns the number of records."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    shape = SHAPES[kind]
    rows = [typed(r, shape) for r in records.of(kind)]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema(kind)), path)
    return len(rows)
