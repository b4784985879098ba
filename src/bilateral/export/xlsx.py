"""A spreadsheet workbook of the record (openpyxl): a sheet per kind, the header row frozen
and filtered, numbers as numbers, dates as dates, each row's document a link to its article.

Nested fields become dotted columns ("period.start", "evidence.sentence"); lists of names or
numbers one cell joined with ", ". A claim has several sources: its sheet holds a row per
source (claim_id repeated, "sources.doc_id", "sources.value" ...), so every row has one
document to link to and a filter shows who said what.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from bilateral.export.records import Records
from bilateral.export.shapes import DATE, SHAPES

CELL_MAX = 32_767  # characters Excel keeps in one cell
WIDTH_MAX = 60


def columns(shape: dict, prefix: str = "") -> Iterator[tuple[str, object]]:
    """(column name, type) of the scalar fields, nested records flattened with dots."""
    for name, t in shape.items():
        if isinstance(t, dict):
            yield from columns(t, f"{prefix}{name}.")
        elif not _is_records(t):
            yield prefix + name, t


def rows(record: dict, shape: dict) -> Iterator[list]:
    """The sheet rows of one record: one, or one per element of its list of records."""
    base = list(_flat(record, shape))
    nested = [(name, t[0]) for name, t in shape.items() if _is_records(t)]
    if not nested:
        yield base
        return
    name, inner = nested[0]
    items = record.get(name) or [{}]
    for item in items:
        yield base + list(_flat(item, inner))


def write_workbook(path: Path, kinds: Iterable[str], records: Records) -> dict[str, int]:
    """Write one sheet per kind; returns the number of rows written per kind."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    written = {}
    for kind in kinds:
        shape = SHAPES[kind]
        header = [name for name, _ in columns(shape)]
        header += [f"{name}.{sub}" for name, t in shape.items() if _is_records(t)
                   for sub, _ in columns(t[0])]
        table = [row for r in records.of(kind) for row in rows(r, shape)]
        ws = wb.create_sheet(kind)
        ws.freeze_panes = "A2"
        for i, name in enumerate(header, 1):
            seen = max([len(name), *(len(_shown(row[i - 1])) for row in table[:500])])
            ws.column_dimensions[get_column_letter(i)].width = min(seen + 2, WIDTH_MAX)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(table) + 1}"
        bold = Font(bold=True)
        ws.append([_styled(WriteOnlyCell(ws, name), font=bold) for name in header])
        link_at = _link_column(header)
        for row in table:
            cells = [_cell(WriteOnlyCell, ws, v) for v in row]
            if link_at is not None and (url := records.urls.get(row[link_at])):
                cells[link_at].hyperlink = url
                cells[link_at].style = "Hyperlink"
            ws.append(cells)
        written[kind] = len(table)
    wb.save(path)
    return written


def _is_records(t: object) -> bool:
    return isinstance(t, list) and isinstance(t[0], dict)


def _flat(record: dict, shape: dict) -> Iterator[object]:
    for name, t in shape.items():
        value = record.get(name)
        if isinstance(t, dict):
            yield from _flat(value or {}, t)
        elif _is_records(t):
            continue
        elif isinstance(t, list):
            yield ", ".join(_shown(v) for v in value) if value is not None else None
        elif t == DATE and value:
            yield date.fromisoformat(value)
        else:
            yield value


def _shown(v: object) -> str:
    if isinstance(v, float):
        return f"{v:.15g}"
    return "" if v is None else str(v)


def _link_column(header: list[str]) -> int | None:
    """The column naming each row's document: its own doc_id, or its source's."""
    for name in ("doc_id", "sources.doc_id"):
        if name in header:
            return header.index(name)
    return None


def _cell(make, ws, value: object):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > CELL_MAX:
            value = value[:CELL_MAX - 1] + "…"
    cell = make(ws, value)
    if isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, float | int) and not isinstance(value, bool):
        cell.number_format = "#,##0" if float(value).is_integer() else "#,##0.0##"
    return cell


def _styled(cell, **style):
    for k, v in style.items():
        setattr(cell, k, v)
    return cell

