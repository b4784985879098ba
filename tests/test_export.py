"""Exports a spreadsheet or a data tool opens: the workbook and the Parquet files of the
bundled examples read back as the same records as the JSON Lines export."""

from __future__ import annotations

import json
from datetime import date, datetime
from itertools import groupby

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.export.records import ALL
from bilateral.export.shapes import DATE, FLOAT, SHAPES

runner = CliRunner()


@pytest.fixture(scope="module")
def db(examples_db):
    return examples_db


def _jsonl(db, kind: str) -> list[dict]:
    result = runner.invoke(app, ["export", kind, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _normal(v, cell: bool = True):
    """Dates as text; with `cell`, an empty list as none (one cell cannot tell them apart)."""
    if isinstance(v, dict):
        return {k: _normal(x, cell) for k, x in v.items()}
    if isinstance(v, list):
        return [_normal(x, cell) for x in v] or (None if cell else [])
    return v.isoformat() if isinstance(v, date) else v


def _export_to(db, fmt: str, path, *kind: str) -> None:
    result = runner.invoke(app, ["export", *kind, "--db", str(db), "--format", fmt,
                                 "--output", str(path)])
    assert result.exit_code == 0, result.output


def _from_cells(row: dict, shape: dict, prefix: str = "") -> dict | None:
    """A record back from its sheet row, read by the documented layout: dotted columns for
    nested fields, lists joined with ", ", dates as dates."""
    out = {}
    for name, t in shape.items():
        column = prefix + name
        if isinstance(t, dict):
            out[name] = _from_cells(row, t, column + ".")
        elif isinstance(t, list) and isinstance(t[0], dict):
            continue
        elif isinstance(t, list):
            cell = row[column]
            out[name] = None if cell in (None, "") else [
                float(x) if t[0] == FLOAT else x for x in str(cell).split(", ")]
        elif t == DATE and row[column] is not None:
            assert isinstance(row[column], datetime), (column, row[column])
            out[name] = row[column].date().isoformat()
        else:
            out[name] = row[column]
    return out if any(v is not None for v in out.values()) or not prefix else None


def test_workbook_reads_back_as_the_jsonl_records(db, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "record.xlsx"
    _export_to(db, "xlsx", path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(ALL)
    urls = {d["doc_id"]: d["url"] for d in _jsonl(db, "documents")}
    for kind in ALL:
        ws = wb[kind]
        assert ws.freeze_panes == "A2", kind
        header = [c.value for c in ws[1]]
        cells = list(ws.iter_rows(min_row=2))
        rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in cells]
        shape = SHAPES[kind]
        nested = [(n, t[0]) for n, t in shape.items() if isinstance(t, list)
                  and isinstance(t[0], dict)]
        if nested:  # a row per source: the record's own columns repeat
            (name, inner), = nested
            own = [h for h in header if not h.startswith(name + ".")]
            records = []
            for _, group in groupby(rows, key=lambda r: [r[h] for h in own]):
                group = list(group)
                rec = _from_cells(group[0], shape)
                rec[name] = [_from_cells(r, inner, name + ".") for r in group]
                records.append({k: rec[k] for k in shape})
        else:
            records = [_from_cells(r, shape) for r in rows]
        expected = _jsonl(db, kind)
        assert records == [_normal(r) for r in expected], kind
        # every row's document links to its article where the article has a URL
        link = "doc_id" if "doc_id" in header else "sources.doc_id" if nested else None
        if link:
            at = header.index(link)
            for r in cells:
                url = urls.get(r[at].value)
                assert (r[at].hyperlink.target if r[at].hyperlink else None) == url
    facts = wb["facts"]
    header = [c.value for c in facts[1]]
    linked = next(r for r in facts.iter_rows(min_row=2)
                  if r[header.index("doc_id")].value == "conflict-2023")
    assert linked[header.index("doc_id")].hyperlink.target == "https://example.org/conflict-2023"
    assert linked[header.index("value")].value == 26.5e9
    assert linked[header.index("period.start")].is_date
    assert linked[header.index("period.start")].number_format == "yyyy-mm-dd"
    conflict_rows = [r for r in wb["conflicts"].iter_rows(min_row=2, values_only=True)]
    assert len(conflict_rows) == 2  # one conflict, a row for each of its two sources


def test_parquet_reads_back_as_the_jsonl_records(db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    folder = tmp_path / "record"
    _export_to(db, "parquet", folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{k}.parquet" for k in ALL)
    for kind in ALL:
        table = pq.read_table(folder / f"{kind}.parquet")
        assert [_normal(r, cell=False) for r in table.to_pylist()] == _jsonl(db, kind), kind
    facts = pq.read_table(folder / "facts.parquet").schema
    assert facts.field("value").type == pa.float64()
    assert facts.field("period").type.field("start").type == pa.date32()
    assert facts.field("parties").type == pa.list_(pa.string())
    single = tmp_path / "sentences.parquet"
    _export_to(db, "parquet", single, "sentences")
    assert pq.read_table(single).to_pylist() == _jsonl(db, "sentences")


def test_formats_that_need_a_kind_or_a_file_say_so(db):
    result = runner.invoke(app, ["export", "--db", str(db)])
    assert result.exit_code == 2 and "jsonl holds one kind" in result.output
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "xlsx"])
    assert result.exit_code == 2 and "xlsx needs --output" in result.output
