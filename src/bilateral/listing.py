"""Listings that fit the terminal: one line per record, however narrow the terminal.

A listing is a few short columns (a value, an indicator, a period, a document) and one long
one (the evidence sentence, the sources, the aliases). The short columns keep their width
where the line has room and give it up in a stated order where it has not; the long column
takes what is left and is cut with "…". `wide` prints the long column whole, wrapped under
its record, instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text

from bilateral.display import fact_value, parties, show_value, when

GAP = 1  # spaces between columns


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    cap: int = 24  # the widest it grows to
    least: int = 6  # the narrowest it shrinks to when the line is short of room
    style: str = ""
    shrink: int = 0  # between two equally wide columns, the lower gives up room first
    long: bool = False  # the one column that takes the rest of the line


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell with its own style (a conflict in red), where the column's is not enough."""

    text: str
    style: str = ""


LONG_LEAST = 12  # the long column shrinks to this before any short column gives up room


def widths(columns: Sequence[Column], rows: Sequence[Sequence[str | Cell]], width: int,
           wide: bool = False) -> list[int]:
    """Each column's width so that header and rows fit `width` cells."""
    natural = []
    for i, col in enumerate(columns):
        seen = max([cell_len(col.name), *(cell_len(_text(r[i])) for r in rows)])
        natural.append(seen if col.long else min(seen, col.cap))
    short = [i for i, c in enumerate(columns) if not c.long]
    longs = [] if wide else [i for i, c in enumerate(columns) if c.long]  # wide: beneath
    room = width - GAP * (len(short) + len(longs) - 1)
    want = sum(natural[i] for i in short) + sum(min(natural[i], LONG_LEAST) for i in longs)
    out = list(natural)
    while want > room:  # the widest column that may still shrink gives up a cell
        can = [i for i in short if out[i] > columns[i].least]
        if not can:
            break
        i = max(can, key=lambda i: (out[i], -columns[i].shrink))
        out[i] -= 1
        want -= 1
    left = room - sum(out[i] for i in short)
    for i, c in enumerate(columns):
        if c.long:
            out[i] = 0 if wide else max(0, min(natural[i], left))
    return out


def lines(columns: Sequence[Column], rows: Sequence[Sequence[str | Cell]], width: int,
          wide: bool = False) -> Iterator[RenderableType]:
    """The header, then one line per row (with `wide`, the long column whole beneath it)."""
    sizes = widths(columns, rows, width, wide)
    shown = [i for i, c in enumerate(columns) if not (wide and c.long) and sizes[i] > 0]
    yield _line([Cell(columns[i].name, "bold") for i in shown], [sizes[i] for i in shown])
    for row in rows:
        cells = [row[i] if isinstance(row[i], Cell) else Cell(row[i], columns[i].style)
                 for i in shown]
        yield _line(cells, [sizes[i] for i in shown])
        if wide:
            for i, c in enumerate(columns):
                if c.long and _text(row[i]):
                    yield Padding(Text(_text(row[i]), style="dim"), (0, 0, 0, 4), expand=False)


def _line(cells: list[Cell], sizes: list[int]) -> Text:
    line = Text(no_wrap=True, overflow="ellipsis")
    for n, (cell, size) in enumerate(zip(cells, sizes, strict=True)):
        text = Text(cell.text.replace("\n", " "), style=cell.style)
        last = n == len(cells) - 1
        text.truncate(size, overflow="ellipsis", pad=not last)
        if n:
            line.append(" " * GAP)
        line.append_text(text)
    return line


def _text(cell: str | Cell) -> str:
    return cell.text if isinstance(cell, Cell) else cell


# --- the listings of each record kind --------------------------------------------------------

FACTS = (Column("value", cap=20, least=20, style="cyan", shrink=5),
         Column("indicator", cap=26, least=10, shrink=2),
         Column("period", cap=18, least=7, shrink=3),
         Column("parties", cap=16, least=5, shrink=1),
         Column("doc", cap=20, least=8, style="dim", shrink=4),
         Column("evidence", long=True))


def fact_row(f: dict) -> list[str]:
    period = f"by {f['deadline']}" if f["kind"] == "target" and f["deadline"] else when(f)
    return [fact_value(f), indicator(f), period or "–", parties(f), f["doc_id"],
            f["evidence"]["sentence"]]


def indicator(r: dict) -> str:
    """The indicator with the project status it counts ("coop_projects implemented")."""
    return f"{r['indicator']} {r['status']}" if r.get("status") else r["indicator"]


EVENTS = (Column("date", cap=21, least=10, shrink=4),
          Column("event", cap=26, least=10, style="magenta", shrink=2),
          Column("place", cap=18, least=6, shrink=1),
          Column("participants", cap=40, least=10, shrink=0),
          Column("doc", cap=20, least=8, style="dim", shrink=3),
          Column("evidence", long=True))


def event_row(e: dict) -> list[str]:
    return [when(e) or "undated", f"{e['type']} {e['status']}", e["place"] or "",
            ", ".join(e["participants"]), e["doc_id"], e["evidence"]["sentence"]]


CLAIMS = (Column("value", cap=20, least=20, style="cyan", shrink=5),
          Column("indicator", cap=26, least=10, shrink=2),
          Column("period", cap=18, least=7, shrink=3),
          Column("parties", cap=16, least=5, shrink=1),
          Column("n", cap=3, least=1, shrink=4),
          Column("sources", long=True))


def claim_row(c: dict) -> list[str | Cell]:
    value = fact_value(c)
    sources = ", ".join(f"{x['doc_id']}={show_value(x['value'], c['unit'])}"
                        for x in c["sources"])
    return [Cell("≠ " + value, "bold red") if c["conflict"] else value, indicator(c),
            when(c) or "–", parties(c), str(c["independent_sources"]), sources]


CONFLICTS = (Column("indicator", cap=26, least=10, shrink=2),
             Column("measure", cap=10, least=5, shrink=1),
             Column("period", cap=18, least=7, shrink=3),
             Column("parties", cap=16, least=5, shrink=0),
             Column("values and their sources", long=True, style="red"))


def conflict_row(c: dict) -> list[str]:
    by_value: dict[float, list[str]] = {}
    for x in c["sources"]:
        by_value.setdefault(x["value"], []).append(
            f"{x['doc_id']} ({x['published'] or 'undated'})")
    values = " · ".join(f"{show_value(v, c['unit'])}: {', '.join(d)}"
                        for v, d in by_value.items())
    return [indicator(c), c["measure"], when(c) or "–", parties(c), values]


DOCS = (Column("doc", cap=30, least=10, shrink=3),
        Column("lang", cap=4, least=2, shrink=0),
        Column("date", cap=10, least=10, shrink=4),
        Column("source", cap=16, least=6, shrink=1),
        Column("sent", cap=5, least=3, shrink=2),
        Column("title", long=True))


def doc_row(d: dict) -> list[str]:
    return [d["doc_id"], d["lang"] or "", d["published"] or "", d["source"] or "",
            str(d["sentences"]), d["title"] or ""]


ENTITIES = (Column("type", cap=7, least=4, shrink=1),
            Column("name", cap=36, least=12, style="green", shrink=3),
            Column("wikidata", cap=10, least=4, shrink=0),
            Column("docs", cap=5, least=2, shrink=2),
            Column("aliases", long=True))


def entity_row(e: dict) -> list[str]:
    return [e["type"], e["name"], e["wikidata"] or "", str(len(e["docs"])),
            ", ".join(e["aliases"])]


CHECKS = (Column("check", cap=28, least=10, shrink=1),
          Column("status", cap=6, least=4, shrink=2),
          Column("documents", cap=30, least=8, shrink=0),
          Column("explanation", long=True))


def check_row(k: dict) -> list[str | Cell]:
    return [k["name"], Cell(k["status"], "green" if k["status"] == "pass" else "red"),
            ", ".join(k["doc_ids"]), k["explanation"]]


POINTS = (Column("period", cap=20, least=8, shrink=3),
          Column("value", cap=22, least=10, style="cyan", shrink=4),
          Column("sources", long=True))


def point_row(p: dict, unit: str) -> list[str | Cell]:
    value = show_value(p["value"], unit) + (
        f" ({', '.join(p['approx'])})" if p["approx"] != ["exact"] else "")
    if p["conflict"]:
        value = Cell(f"≠ {' / '.join(show_value(v, unit) for v in p['values'])}", "bold red")
    return [when(p), value, ", ".join(x["doc_id"] for x in p["sources"])]
