"""The `bilateral` command: a thin layer over the library (ingest, store, export)."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Kazakhstan-Russia news in Kazakh and Russian -> a verified, "
                       "source-linked record of meetings and figures.")
out = Console()
err = Console(stderr=True)

DbOption = Annotated[str | None, typer.Option("--db", help="SQLite file or database URL "
                                               "(default: $BILATERAL_DB or ./bilateral.db)")]


class Lang(StrEnum):
    kk = "kk"
    ru = "ru"


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


class What(StrEnum):
    documents = "documents"
    sentences = "sentences"
    facts = "facts"


def _store(db: str | None):
    from bilateral.store.db import Store

    return Store(db)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or - for standard input")],
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(help="Publication date for all (YYYY-MM-DD)")]
    = None,
    lang: Annotated[Lang | None, typer.Option(help="Force the document language")] = None,
) -> None:
    """Read articles, clean them, and store documents, sentences and their records."""
    from bilateral.ingest.batch import ingest as run

    when = _parse_date(published)
    store = _store(db)
    with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}"), console=err, transient=True) as bar:
        task = bar.add_task("", total=None)
        summary = run(paths, store, lang=lang.value if lang else None, published=when,
                      on_total=lambda n: bar.update(task, total=n),
                      on_item=lambda doc_id: bar.update(task, advance=1, description=doc_id))
    err.print(f"read {summary.read} · stored {len(summary.stored)} · "
              f"unchanged {len(summary.unchanged)} · failed {len(summary.failed)}")
    for failure in summary.failed:
        err.print(Text(f"failed: {failure}", style="red"), soft_wrap=True)
    if summary.stored:
        _print_docs([d for d in store.documents() if d["doc_id"] in set(summary.stored)])
    if not summary.ok:
        raise typer.Exit(1)


def _print_docs(docs: list[dict]) -> None:
    table = Table("id", "lang", "date", "source", "title", "sentences")
    for d in docs:
        table.add_row(d["doc_id"], d["lang"] or "", d["published"] or "", d["source"] or "",
                      (d["title"] or "")[:60], str(d["sentences"]))
    out.print(table)


@app.command()
def docs(db: DbOption = None) -> None:
    """List stored documents."""
    _print_docs(list(_store(db).documents()))


@app.command()
def show(doc_id: str, db: DbOption = None) -> None:
    """A document's cleaned text sentence by sentence, and what cleaning dropped."""
    store = _store(db)
    doc = store.document(doc_id)
    if doc is None:
        err.print(f"no document {doc_id!r} in {store.url}")
        raise typer.Exit(1)
    out.print(f"[bold]{doc['doc_id']}[/] {doc['lang'] or '?'} {doc['published'] or 'undated'} "
              f"{doc['source'] or ''} {doc['place'] or ''}")
    if doc["title"]:
        out.print(Text(doc["title"], style="bold"))
    for s in store.sentences(doc_id):
        repeats = f" ×{s['repeats']}" if s["repeats"] > 1 else ""
        out.print(Text.assemble((f"{s['idx'] + 1:>3} {s['lang']}{repeats} ", "dim"), s["text"]))
    if doc["dropped"]:
        out.print("[bold]dropped[/]")
        for d in doc["dropped"]:
            out.print(Text.assemble((f"  {d['reason']}: ", "yellow"), d["text"][:120]))


@app.command()
def export(
    what: What,
    db: DbOption = None,
    format: Annotated[Format, typer.Option("--format")] = Format.jsonl,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Write records as JSON Lines (default, to standard output) or CSV."""
    store = _store(db)
    rows = {"documents": store.documents, "sentences": store.sentences,
            "facts": store.facts}[what.value]()
    fh = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        write_records(rows, format, fh)
    finally:
        if output:
            fh.close()


def write_records(rows, format: Format, fh) -> None:
    if format is Format.jsonl:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    writer = None
    for r in rows:
        flat = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                for k, v in r.items()}
        if writer is None:
            writer = csv.DictWriter(fh, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)


def main() -> None:
    app()
