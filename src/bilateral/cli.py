"""The `bilateral` command: a thin layer over the library (ingest, store, export)."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from bilateral import listing
from bilateral.display import describe_event, describe_fact
from bilateral.export.records import write_lines
from bilateral.limits import DEFAULT_MAX_CHARS, DEFAULT_MAX_SECONDS, Limits

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Kazakhstan-Russia news in Kazakh and Russian -> a verified, "
                       "source-linked record of meetings and figures.")
out = Console()
err = Console(stderr=True)

DbOption = Annotated[str | None, typer.Option("--db", help="SQLite file or database URL "
                                               "(default: $BILATERAL_DB or ./bilateral.db)")]
MaxChars = Annotated[int, typer.Option(
    envvar="BILATERAL_MAX_CHARS", min=0,
    help="Largest document, in characters; a larger one fails by name (0: no bound)")]
MaxSeconds = Annotated[float, typer.Option(
    envvar="BILATERAL_MAX_SECONDS", min=0,
    help="Longest one document may take, in seconds; a slower one fails by name (0: no bound)")]


class Lang(StrEnum):
    kk = "kk"
    ru = "ru"


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"
    parquet = "parquet"


class What(StrEnum):
    documents = "documents"
    sentences = "sentences"
    facts = "facts"
    events = "events"
    entities = "entities"
    claims = "claims"
    conflicts = "conflicts"
    timeline = "timeline"


class Listing(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[Listing, typer.Option(
    "--format", help="table: one line per record, cut to the terminal; json; csv")]
WideOption = Annotated[bool, typer.Option(
    "--wide", help="Print the long column (evidence, sources, ...) whole, under each line")]


def _store(db: str | None):
    from bilateral.store.db import Store, StoreError

    try:
        return Store(db)
    except StoreError as e:
        _fail(str(e))


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
    workers: Annotated[int | None, typer.Option(
        min=1, help="Processes analysing documents (default: one per core; 1: this process "
                    "only). With --dask local: the local cluster's workers")] = None,
    dask: Annotated[str | None, typer.Option(
        metavar="SCHEDULER", help="Analyse on a dask.distributed cluster: a scheduler "
                                  "address (tcp://host:8786) or 'local'")] = None,
    max_chars: MaxChars = DEFAULT_MAX_CHARS,
    max_seconds: MaxSeconds = DEFAULT_MAX_SECONDS,
) -> None:
    """Read articles, clean them, and store documents, sentences and their records."""
    from bilateral.ingest.batch import ingest as run
    from bilateral.ingest.parallel import RunnerError, runner_for

    when = _parse_date(published)
    store = _store(db)
    runner = runner_for(workers, dask)
    try:
        with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.description}"), console=err, transient=True) as bar:
            task = bar.add_task("", total=None)
            summary = run(paths, store, lang=lang.value if lang else None, published=when,
                          runner=runner, limits=Limits.from_env(max_chars, max_seconds),
                          on_total=lambda n: bar.update(task, total=n),
                          on_item=lambda doc_id: bar.update(task, advance=1,
                                                            description=doc_id))
    except RunnerError as e:
        err.print(Text(f"error: {e}", style="red"))
        raise typer.Exit(2) from None
    finally:
        runner.close()
    err.print(f"read {summary.read} · stored {len(summary.stored)} · "
              f"unchanged {len(summary.unchanged)} · failed {len(summary.failed)}")
    for note in summary.notes:
        err.print(Text(f"note: {note}", style="yellow"), soft_wrap=True)
    for failure in summary.failed:
        err.print(Text(f"failed: {failure}", style="red"), soft_wrap=True)
    if summary.stored:
        stored = set(summary.stored)
        shown = [d for d in store.documents() if d["doc_id"] in stored][:_SHOW_STORED]
        _print_docs(shown)
        if len(stored) > len(shown):
            err.print(f"… and {len(stored) - len(shown)} more (bilateral docs lists them all)")
    if not summary.ok:
        raise typer.Exit(1)


_SHOW_STORED = 20  # a batch of thousands should not print thousands of rows


def _print_docs(docs: list[dict]) -> None:
    _list(docs, Listing.table, listing.DOCS, listing.doc_row, "documents")


@app.command()
def docs(db: DbOption = None, format: FormatOption = Listing.table,
         wide: WideOption = False) -> None:
    """List stored documents."""
    _list(list(_store(db).documents()), format, listing.DOCS, listing.doc_row, "documents",
          wide)


def _list(rows: list[dict], format: Listing, columns, row, noun: str,
          wide: bool = False, note: str = "") -> None:
    """Print records one line each (cut to the terminal), or as JSON or CSV."""
    if format is Listing.json:
        _print_json(rows)
        return
    if format is Listing.csv:
        write_lines(rows, "csv", sys.stdout)
        return
    for line in listing.lines(columns, [row(r) for r in rows], out.width, wide):
        out.print(line)
    out.print(f"{len(rows)} {noun}{note}")


@app.command()
def show(doc_id: str, db: DbOption = None) -> None:
    """A document's cleaned text sentence by sentence with its figures (cyan), entities
    (green) and events (magenta), and what cleaning dropped."""
    store = _store(db)
    doc = store.document(doc_id)
    if doc is None:
        err.print(f"no document {doc_id!r} in {store.url}")
        raise typer.Exit(1)
    out.print(f"[bold]{doc['doc_id']}[/] {doc['lang'] or '?'} {doc['published'] or 'undated'} "
              f"{doc['source'] or ''} {doc['place'] or ''}")
    if doc["title"]:
        out.print(Text(doc["title"], style="bold"))
    sentences = list(store.sentences(doc_id))

    def sentence_of(pos: int) -> int:
        return next((s["idx"] for s in sentences if s["start"] <= pos < s["end"]), -1)

    facts_by_sentence: dict[int, list[dict]] = {}
    for f in store.facts(doc_id=doc_id):
        facts_by_sentence.setdefault(sentence_of(f["evidence"]["start"]), []).append(f)
    events_by_sentence: dict[int, list[dict]] = {}
    for e in store.events(doc_id):
        events_by_sentence.setdefault(sentence_of(e["evidence"]["start"]), []).append(e)
    names = {e["entity_id"]: e["name"] for e in store.entities()}
    mentions = store.mentions(doc_id)
    for s in sentences:
        repeats = f" ×{s['repeats']}" if s["repeats"] > 1 else ""
        prefix = f"{s['idx'] + 1:>3} {s['lang']}{repeats} "
        line = Text.assemble((prefix, "dim"), s["text"])
        shift = len(prefix) - s["start"]
        for m in mentions:
            if s["start"] <= m["start"] < s["end"]:
                line.stylize("underline green", m["start"] + shift, m["end"] + shift)
        for f in facts_by_sentence.get(s["idx"], []):
            line.stylize("bold cyan", f["evidence"]["start"] + shift, f["evidence"]["end"] + shift)
        for e in events_by_sentence.get(s["idx"], []):
            line.stylize("bold magenta", e["evidence"]["start"] + shift,
                         e["evidence"]["end"] + shift)
        out.print(line)
        linked = sorted({names.get(m["entity_id"], m["entity_id"]) for m in mentions
                         if s["start"] <= m["start"] < s["end"]})
        if linked:
            out.print(Text(f"      ◦ {', '.join(linked)}", style="green"))
        for f in facts_by_sentence.get(s["idx"], []):
            out.print(Text(f"      ↳ {describe_fact(f)}", style="cyan"))
        for e in events_by_sentence.get(s["idx"], []):
            out.print(Text(f"      ★ {describe_event(e)}", style="magenta"))
    if doc["dropped"]:
        out.print("[bold]dropped[/]")
        for d in doc["dropped"]:
            out.print(Text.assemble((f"  {d['reason']}: ", "yellow"), d["text"][:120]))


@app.command()
def export(
    what: Annotated[What | None, typer.Argument(
        help="The kind of record; leave it out for a workbook or Parquet folder of all")]
    = None,
    db: DbOption = None,
    format: Annotated[Format, typer.Option("--format", help="jsonl, csv, xlsx (a workbook, "
                                           "a sheet per kind) or parquet")] = Format.jsonl,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (standard output for jsonl and csv); for "
                               "parquet of all kinds, a folder")] = None,
) -> None:
    """Write records as JSON Lines (default, to standard output), CSV, a spreadsheet workbook
    or Parquet."""
    from bilateral.export.records import ALL, Records

    if output and output.is_dir() and not (format is Format.parquet and what is None):
        _fail(f"{output}: is a folder; --output takes a file name")
    records = Records(_store(db))
    if format in (Format.jsonl, Format.csv):
        if what is None:
            raise typer.BadParameter(f"{format.value} holds one kind: name it ("
                                     f"{', '.join(w.value for w in What)})", param_hint="WHAT")
        try:
            fh = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        except OSError as e:
            _fail(f"{output}: cannot write: {e.strerror}")
        try:
            write_lines(records.of(what.value), format.value, fh)
        finally:
            if output:
                fh.close()
        return
    if output is None:
        raise typer.BadParameter(f"{format.value} needs --output", param_hint="--output")
    kinds = [what.value] if what else list(ALL)
    if format is Format.xlsx:
        from bilateral.export.xlsx import write_workbook

        counts = write_workbook(output, kinds, records)
    else:
        from bilateral.export.parquet import write_parquet

        if what is None:  # one file per kind in a folder
            output.mkdir(parents=True, exist_ok=True)
            counts = {k: write_parquet(output / f"{k}.parquet", k, records) for k in kinds}
        else:
            counts = {what.value: write_parquet(output, what.value, records)}
    err.print(f"{output}: " + ", ".join(f"{k} {n}" for k, n in counts.items()))


@app.command()
def facts(
    db: DbOption = None,
    indicator: Annotated[str | None, typer.Option(help="Only this indicator")] = None,
    doc: Annotated[str | None, typer.Option(help="Only this document")] = None,
    lang: Annotated[Lang | None, typer.Option(help="Only facts stated in this language")] = None,
    format: FormatOption = Listing.table,
    wide: WideOption = False,
) -> None:
    """The figures and targets: value, indicator, period, parties, document, evidence."""
    rows = list(_store(db).facts(indicator=indicator, doc_id=doc,
                                 lang=lang.value if lang else None))
    _list(rows, format, listing.FACTS, listing.fact_row, "facts", wide)


class EntityType(StrEnum):
    person = "person"
    place = "place"
    org = "org"
    country = "country"


@app.command()
def entities(
    db: DbOption = None,
    type: Annotated[EntityType | None, typer.Option("--type", help="Only this type")] = None,
    format: FormatOption = Listing.table,
    wide: WideOption = False,
) -> None:
    """People, places, countries and bodies, each once, with the forms seen in both languages."""
    rows = list(_store(db).entities(type.value if type else None))
    _list(rows, format, listing.ENTITIES, listing.entity_row, "entities", wide)


@app.command()
def events(db: DbOption = None, doc: Annotated[str | None, typer.Option()] = None,
           format: FormatOption = Listing.table, wide: WideOption = False) -> None:
    """Meetings, sessions, visits and forums, held or planned."""
    _list(list(_store(db).events(doc)), format, listing.EVENTS, listing.event_row, "events",
          wide)


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option(help="Folder with PREFIX.facts.jsonl (and .events, "
                                            ".persons)")],
    prefix: Annotated[str, typer.Option(help="Gold file name prefix, e.g. seeds")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
    summary: Annotated[bool, typer.Option(
        "--summary", help="Scores and attribute accuracy only, no misses or extras: for a "
                          "blind part whose errors must not be looked at")] = False,
) -> None:
    """Precision, recall and F1 of the store against gold files, accuracy of each attribute
    on the matches (period, approx, status, direction, parties; an event's date, place,
    participants, framework), then every miss, extra and wrong attribute."""
    from bilateral.evaluate import read_jsonl, score_events, score_facts, score_persons

    gold_facts = read_jsonl(gold / f"{prefix}.facts.jsonl")
    gold_events = read_jsonl(gold / f"{prefix}.events.jsonl")
    gold_persons = read_jsonl(gold / f"{prefix}.persons.jsonl")
    if not (gold_facts or gold_events or gold_persons):
        err.print(f"no gold files {prefix}.facts/events/persons.jsonl in {gold}")
        raise typer.Exit(1)
    store = _store(db)
    report: dict = {}
    if gold_facts:
        report["facts"] = score_facts(list(store.facts()), gold_facts)
    if gold_persons:
        people: dict[str, set[str]] = {}
        for e in store.entities("person"):
            for d in e["docs"]:
                people.setdefault(d, set()).add(e["name"])
        report["persons"] = score_persons(people, gold_persons)
    if gold_events:
        report["events"] = score_events(list(store.events()), gold_events)
    if as_json:
        data = _report_json(report)
        if summary:
            for part in data.values():
                for k in ("misses", "extras", "wrong"):
                    part.pop(k, None)
        out.print_json(json.dumps(data, ensure_ascii=False, default=str))
        return
    _print_report(report, summary)


def _report_json(report: dict) -> dict:
    out_: dict = {}
    if "facts" in report:
        out_["facts"] = report["facts"].as_dict()
    if "persons" in report:
        sc, misses, extras = report["persons"]
        out_["persons"] = {**sc.as_dict(), "misses": misses, "extras": extras}
    if "events" in report:
        ev = report["events"]
        out_["events"] = {**ev["score"].as_dict(), "attributes": ev["attributes"],
                          "misses": ev["misses"], "extras": ev["extras"], "wrong": ev["wrong"]}
    return out_


def _print_report(report: dict, summary: bool = False) -> None:
    table = Table("", "precision", "recall", "F1", "tp", "fp", "fn")
    rows = []
    if "facts" in report:
        rows += [("facts loose", report["facts"].loose), ("facts strict", report["facts"].strict)]
    if "persons" in report:
        rows.append(("persons", report["persons"][0]))
    if "events" in report:
        rows.append(("events", report["events"]["score"]))
    for name, sc in rows:
        table.add_row(name, f"{sc.precision:.3f}", f"{sc.recall:.3f}", f"{sc.f1:.3f}",
                      str(sc.tp), str(sc.fp), str(sc.fn))
    out.print(table)
    if "facts" in report:
        r = report["facts"]
        out.print("fact attributes on matches: " + ", ".join(
            f"{k} {v:.2f}" for k, v in r.attributes.items()))
    if "events" in report:
        out.print("event attributes on matches: " + ", ".join(
            f"{k} {v:.2f}" for k, v in report["events"]["attributes"].items()))
    if summary:
        return
    if "facts" in report:
        r = report["facts"]
        for g in r.misses:
            out.print(Text(f"miss  {g['doc_id'][:12]} {g['kind']} {g['indicator']} "
                           f"{g['measure']} {g['value']:g} {g.get('note', '')}", style="red"))
        for f in r.extras:
            out.print(Text(f"extra {f['doc_id'][:12]} {f['kind']} {f['indicator']} "
                           f"{f['measure']} {f['value']:g} | {f['evidence']['sentence'][:90]}",
                           style="yellow"))
        for w in r.wrong:
            g, f = w["gold"], w["system"]
            diffs = "; ".join(f"{a}: {f.get(a)} (gold {g.get(a)})" for a in w["differ"])
            out.print(Text(f"wrong {g['doc_id'][:12]} {g['indicator']} {g['measure']} "
                           f"{g['value']:g}: {diffs}", style="magenta"))
    if "persons" in report:
        _, misses, extras = report["persons"]
        for doc_id, names in misses:
            out.print(Text(f"person miss  {doc_id[:12]} {' / '.join(names)}", style="red"))
        for doc_id, name in extras:
            out.print(Text(f"person extra {doc_id[:12]} {name}", style="yellow"))
    if "events" in report:
        ev = report["events"]
        for g in ev["misses"]:
            out.print(Text(f"event miss  {g['doc_id'][:12]} {g['type']} {g.get('note', '')}",
                           style="red"))
        for e in ev["extras"]:
            out.print(Text(f"event extra {e['doc_id'][:12]} {e['type']} | "
                           f"{e['evidence']['sentence'][:90]}", style="yellow"))
        for w in ev["wrong"]:
            g, e = w["gold"], w["system"]
            diffs = "; ".join(f"{a}: {e.get(a)} (gold {g.get(a)})" for a in w["differ"])
            out.print(Text(f"event wrong {g['doc_id'][:12]} {g['type']}: {diffs}",
                           style="magenta"))


def _corpus(store, indicator: str | None = None):
    from bilateral.resolve.stage import run

    return run(store, indicator)


def _print_json(rows) -> None:
    out.print_json(json.dumps(rows, ensure_ascii=False, default=str))


@app.command()
def claims(
    db: DbOption = None,
    indicator: Annotated[str | None, typer.Option(help="Only this indicator")] = None,
    format: FormatOption = Listing.table,
    wide: WideOption = False,
) -> None:
    """Facts of all documents merged into claims, each with every source (≠: they disagree)."""
    rows = [c.record() for c in _corpus(_store(db), indicator).claims]
    _list(rows, format, listing.CLAIMS, listing.claim_row, "claims", wide)


@app.command()
def conflicts(
    db: DbOption = None,
    indicator: Annotated[str | None, typer.Option(help="Only this indicator")] = None,
    format: FormatOption = Listing.table,
    wide: WideOption = False,
) -> None:
    """Claims whose sources disagree, with each value and the documents that give it."""
    rows = [c.record() for c in _corpus(_store(db), indicator).claims if c.conflict]
    _list(rows, format, listing.CONFLICTS, listing.conflict_row, "conflicts", wide)


@app.command()
def check(db: DbOption = None, format: FormatOption = Listing.table,
          wide: WideOption = False) -> None:
    """Arithmetic across the figures: growth against levels, parts against wholes, partial
    against full year, targets against the latest figures."""
    rows = [k.record() for k in _corpus(_store(db)).checks]
    failed = sum(r["status"] == "fail" for r in rows)
    _list(rows, format, listing.CHECKS, listing.check_row, "checks", wide, f", {failed} failed")


@app.command()
def timeline(
    indicator: Annotated[str, typer.Argument(help="e.g. trade_turnover, coop_projects")],
    db: DbOption = None,
    measure: Annotated[str | None, typer.Option(help="value, count, jobs, growth_pct, ...")]
    = None,
    format: FormatOption = Listing.table,
    wide: WideOption = False,
    chart: Annotated[Path | None, typer.Option(help="Draw it to FILE.png or FILE.svg")] = None,
) -> None:
    """An indicator's values over time: one series per part of the year (full years, nine
    months, a half ...), each point with its sources and a conflict mark; figures with no
    period listed apart."""
    from bilateral.resolve.timeline import draw
    from bilateral.resolve.timeline import timeline as build

    if chart and chart.suffix.lower() not in (".png", ".svg"):
        raise typer.BadParameter("the chart file must end in .png or .svg", param_hint="--chart")
    tl = build(_corpus(_store(db), indicator).claims, indicator, measure)
    if chart:
        draw(tl, str(chart))
        err.print(f"chart written to {chart}")
    if format is Listing.json:
        _print_json(tl)
    elif format is Listing.csv:
        write_lines(_point_rows(tl), "csv", sys.stdout)
    else:
        for s_ in tl["series"]:
            out.print(Text(f"{indicator} · {s_['name']} · {s_['key']['unit']}", style="bold"))
            for line in listing.lines(listing.POINTS, [listing.point_row(p, s_["key"]["unit"])
                                                       for p in s_["points"]], out.width, wide):
                out.print(line)
            out.print()
        if tl["unplaced"]:
            out.print(Text(f"{indicator} · not placed in time (no period, no date)",
                           style="bold"))
            _list(tl["unplaced"], Listing.table, listing.CLAIMS, listing.claim_row, "figures",
                  wide)


def _point_rows(tl: dict):
    """One CSV row per point, its series named; the unplaced figures with an empty period."""
    for s_ in tl["series"]:
        k = s_["key"]
        for p in s_["points"]:
            yield {"indicator": k["indicator"], "measure": k["measure"], "unit": k["unit"],
                   "status": k["status"] or "", "parties": listing.parties(k),
                   "series": k["span"], "period": listing.when(p), "start": p["start"],
                   "end": p["end"], "value": p["value"], "conflict": p["conflict"],
                   "values": " ".join(map(str, p["values"])),
                   "sources": " ".join(x["doc_id"] for x in p["sources"])}
    for u in tl["unplaced"]:
        yield {"indicator": u["indicator"], "measure": u["measure"], "unit": u["unit"],
               "status": u["status"] or "", "parties": listing.parties(u), "series": "",
               "period": "", "start": "", "end": "", "value": u["value"],
               "conflict": u["conflict"], "values": " ".join(map(str, u["values"])),
               "sources": " ".join(x["doc_id"] for x in u["sources"])}


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    allow_ingest: Annotated[bool, typer.Option(
        "--allow-ingest", help="Accept articles by POST /api/documents and /upload "
                               "(needs --token)")] = False,
    token: Annotated[str | None, typer.Option(
        envvar="BILATERAL_TOKEN", help="Token writers send as 'Authorization: Bearer TOKEN' "
                                       "or in the upload form")] = None,
    max_upload: Annotated[int, typer.Option(help="Largest accepted upload, bytes")]
    = 2_000_000,
    workers: Annotated[int, typer.Option(min=1, help="Server processes (one per core serves "
                                                     "many clients best)")] = 1,
    max_chars: MaxChars = DEFAULT_MAX_CHARS,
    max_seconds: MaxSeconds = DEFAULT_MAX_SECONDS,
) -> None:
    """Serve the dashboard and the JSON API (docs at /docs); read-only unless --allow-ingest."""
    import os

    import uvicorn

    from bilateral.store.db import url_for
    from bilateral.web import create_app

    if allow_ingest and not token:
        raise typer.BadParameter("--allow-ingest needs --token (or $BILATERAL_TOKEN)",
                                 param_hint="--token")
    if token and not allow_ingest:
        err.print("--token without --allow-ingest: writing stays off")
    # uploads read their per-document bounds from the environment, in every worker process
    os.environ.update({"BILATERAL_MAX_CHARS": str(max_chars),
                       "BILATERAL_MAX_SECONDS": str(max_seconds)})
    err.print(f"serving {url_for(db)} at http://{host}:{port}/ "
              f"(API docs: /docs){' · writes on' if allow_ingest else ''}")
    if workers > 1:
        # worker processes import the app by name and read their settings from the environment
        os.environ.update({"BILATERAL_DB": db or os.environ.get("BILATERAL_DB", ""),
                           "BILATERAL_ALLOW_INGEST": "1" if allow_ingest else "",
                           "BILATERAL_TOKEN": token or "",
                           "BILATERAL_MAX_UPLOAD": str(max_upload)})
        uvicorn.run("bilateral.web.app:app_from_env", factory=True, host=host, port=port,
                    workers=workers, log_level="info")
        return
    web = create_app(db, allow_ingest=allow_ingest, token=token, max_upload_bytes=max_upload)
    uvicorn.run(web, host=host, port=port, log_level="info")


kk_ner_app = typer.Typer(help="The Kazakh named-entity tagger trained on KazNERD.")
app.add_typer(kk_ner_app, name="kk-ner")


@kk_ner_app.command("evaluate")
def kk_ner_evaluate(
    iob2_file: Annotated[Path, typer.Argument(help="Tokens and IOB2 tags, one pair a line")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON")] = False,
) -> None:
    """Per-class precision, recall, F1 and support of the shipped model on an IOB2 file."""
    from bilateral.text import kk_ner

    if not iob2_file.is_file():
        err.print(f"{iob2_file}: no such file")
        raise typer.Exit(1)
    scores = kk_ner.evaluate(iob2_file)
    if as_json:
        out.print_json(json.dumps(scores))
        return
    table = Table("class", "precision", "recall", "F1", "support")
    for name, c in sorted(scores["classes"].items()):
        table.add_row(name, f"{c['precision']:.3f}", f"{c['recall']:.3f}", f"{c['f1']:.3f}",
                      str(c["support"]))
    out.print(table)
    out.print(f"micro_f1 {scores['micro_f1']:.4f}  core_micro_f1 {scores['core_micro_f1']:.4f}")


def _fail(line: str) -> NoReturn:
    err.print(Text(line, style="red"), soft_wrap=True)
    raise typer.Exit(1)


def main() -> None:
    from bilateral.store.db import StoreError

    try:
        app()
    except StoreError as e:  # a database damaged or locked mid-command: one line, not a trace
        err.print(Text(str(e), style="red"), soft_wrap=True)
        sys.exit(1)
