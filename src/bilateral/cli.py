"""The `bilateral` command: a thin layer over the library (ingest, store, export)."""

from __future__ import annotations

import csv
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

from bilateral.display import describe_event, describe_fact, format_value
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


class What(StrEnum):
    documents = "documents"
    sentences = "sentences"
    facts = "facts"
    events = "events"
    entities = "entities"
    claims = "claims"


class View(StrEnum):
    table = "table"
    json = "json"


class SeriesView(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


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
    max_chars: MaxChars = DEFAULT_MAX_CHARS,
    max_seconds: MaxSeconds = DEFAULT_MAX_SECONDS,
) -> None:
    """Read articles, clean them, and store documents, sentences and their records."""
    from bilateral.ingest.batch import ingest as run

    when = _parse_date(published)
    store = _store(db)
    with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}"), console=err, transient=True) as bar:
        task = bar.add_task("", total=None)
        summary = run(paths, store, lang=lang.value if lang else None, published=when,
                      limits=Limits.from_env(max_chars, max_seconds),
                      on_total=lambda n: bar.update(task, total=n),
                      on_item=lambda doc_id: bar.update(task, advance=1, description=doc_id))
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
    what: What,
    db: DbOption = None,
    format: Annotated[Format, typer.Option("--format")] = Format.jsonl,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Write records as JSON Lines (default, to standard output) or CSV."""
    store = _store(db)
    rows = {"documents": store.documents, "sentences": store.sentences,
            "facts": store.facts, "events": store.events, "entities": store.entities,
            "claims": lambda: (c.record() for c in _corpus(store).claims)}[what.value]()
    if output and output.is_dir():
        _fail(f"{output}: is a folder; --output takes a file name")
    try:
        fh = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    except OSError as e:
        _fail(f"{output}: cannot write: {e.strerror}")
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


@app.command()
def facts(
    db: DbOption = None,
    indicator: Annotated[str | None, typer.Option(help="Only this indicator")] = None,
    doc: Annotated[str | None, typer.Option(help="Only this document")] = None,
    lang: Annotated[Lang | None, typer.Option(help="Only facts stated in this language")] = None,
) -> None:
    """The figures and targets in the store, as a table."""
    rows = list(_store(db).facts(indicator=indicator, doc_id=doc,
                                 lang=lang.value if lang else None))
    table = Table("doc", "kind", "indicator", "measure", "value", "unit", "approx", "status",
                  "parties / direction", "period", "deadline", "evidence")
    for f in rows:
        period = f["period"]
        when = f"{period['start']}..{period['end']}" if period else (
            f"? {f['period_text']}" if f["period_text"] else "")
        who = "→".join(f["direction"]) if f["direction"] else "–".join(f["parties"] or [])
        ev = f["evidence"]
        table.add_row(f["doc_id"][:14], f["kind"], f["indicator"], f["measure"],
                      format_value(f["value"]), f["unit"], f["approx"], f["status"] or "", who,
                      when, f["deadline"] or "", ev["sentence"][:70])
    out.print(table)
    out.print(f"{len(rows)} facts")


class EntityType(StrEnum):
    person = "person"
    place = "place"
    org = "org"
    country = "country"


@app.command()
def entities(
    db: DbOption = None,
    type: Annotated[EntityType | None, typer.Option("--type", help="Only this type")] = None,
) -> None:
    """People, places, countries and bodies, each once, with the forms seen in both languages."""
    table = Table("type", "name", "wikidata", "aliases", "docs")
    rows = list(_store(db).entities(type.value if type else None))
    for e in rows:
        table.add_row(e["type"], e["name"], e["wikidata"] or "", ", ".join(e["aliases"])[:80],
                      str(len(e["docs"])))
    out.print(table)
    out.print(f"{len(rows)} entities")


@app.command()
def events(db: DbOption = None, doc: Annotated[str | None, typer.Option()] = None) -> None:
    """Meetings, sessions, visits and forums, held or planned."""
    table = Table("doc", "type", "status", "date", "place", "participants", "framework",
                  "signed")
    rows = list(_store(db).events(doc))
    for e in rows:
        when = e["date"]
        table.add_row(e["doc_id"][:14], e["type"], e["status"],
                      (when["start"] if when["start"] == when["end"]
                       else f"{when['start']}..{when['end']}") if when else "",
                      e["place"] or "", ", ".join(e["participants"]), e["framework"] or "",
                      ", ".join(e.get("signed") or []))
    out.print(table)
    out.print(f"{len(rows)} events")


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option(help="Folder with PREFIX.facts.jsonl (and .events, "
                                            ".persons)")],
    prefix: Annotated[str, typer.Option(help="Gold file name prefix, e.g. seeds")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
) -> None:
    """Precision, recall and F1 of the store against gold files."""
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
        out.print_json(json.dumps(_report_json(report), ensure_ascii=False, default=str))
        return
    _print_report(report)


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


def _print_report(report: dict) -> None:
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
        out.print("event attributes on matches: " + ", ".join(
            f"{k} {v:.2f}" for k, v in ev["attributes"].items()))
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


def _when(r: dict) -> str:
    if r.get("period"):
        return f"{r['period']['start']}..{r['period']['end']}"
    if r.get("as_of"):
        return f"as of {r['as_of']}"
    return f"by {r['deadline']}" if r.get("deadline") else ""


@app.command()
def claims(
    db: DbOption = None,
    indicator: Annotated[str | None, typer.Option(help="Only this indicator")] = None,
    format: Annotated[View, typer.Option("--format")] = View.table,
) -> None:
    """Facts of all documents merged into claims, each with every source."""
    rows = [c.record() for c in _corpus(_store(db), indicator).claims]
    if format is View.json:
        _print_json(rows)
        return
    table = Table("indicator", "measure", "kind", "when", "status", "parties / direction",
                  "value", "sources", "conflict")
    for r in rows:
        who = "→".join(r["direction"]) if r["direction"] else "–".join(r["parties"] or [])
        table.add_row(r["indicator"], r["measure"], r["kind"], _when(r), r["status"] or "", who,
                      f"{format_value(r['value'])} {r['unit']}",
                      ", ".join(f"{x['doc_id'][:12]}={format_value(x['value'])}"
                                for x in r["sources"]),
                      "yes" if r["conflict"] else "")
    out.print(table)
    out.print(f"{len(rows)} claims")


@app.command()
def conflicts(
    db: DbOption = None,
    indicator: Annotated[str | None, typer.Option(help="Only this indicator")] = None,
    format: Annotated[View, typer.Option("--format")] = View.table,
) -> None:
    """Claims whose sources disagree, with each value and the documents that give it."""
    rows = [c.record() for c in _corpus(_store(db), indicator).claims if c.conflict]
    if format is View.json:
        _print_json(rows)
        return
    table = Table("indicator", "measure", "when", "parties / direction", "values")
    for r in rows:
        who = "→".join(r["direction"]) if r["direction"] else "–".join(r["parties"] or [])
        by_value: dict[float, list[str]] = {}
        for x in r["sources"]:
            by_value.setdefault(x["value"], []).append(
                f"{x['doc_id']} ({x['published'] or 'undated'})")
        table.add_row(r["indicator"], r["measure"], _when(r), who, "\n".join(
            f"{format_value(v)} {r['unit']}: {', '.join(d)}" for v, d in by_value.items()))
    out.print(table)
    out.print(f"{len(rows)} conflicts")


@app.command()
def check(
    db: DbOption = None,
    format: Annotated[View, typer.Option("--format")] = View.table,
) -> None:
    """Arithmetic across the figures: growth against levels, parts against wholes, partial
    against full year, targets against the latest figures."""
    rows = [k.record() for k in _corpus(_store(db)).checks]
    if format is View.json:
        _print_json(rows)
        return
    table = Table("check", "status", "documents", "explanation")
    for r in rows:
        table.add_row(r["name"], Text(r["status"], style="green" if r["status"] == "pass"
                                      else "red"), ", ".join(r["doc_ids"]), r["explanation"])
    out.print(table)
    failed = sum(r["status"] == "fail" for r in rows)
    out.print(f"{len(rows)} checks, {failed} failed")


@app.command()
def timeline(
    indicator: Annotated[str, typer.Argument(help="e.g. trade_turnover, coop_projects")],
    db: DbOption = None,
    measure: Annotated[str | None, typer.Option(help="value, count, jobs, growth_pct, ...")]
    = None,
    format: Annotated[SeriesView, typer.Option("--format")] = SeriesView.table,
    chart: Annotated[Path | None, typer.Option(help="Draw it to FILE.png or FILE.svg")] = None,
) -> None:
    """An indicator's values over time, each point with its sources and a conflict mark."""
    from bilateral.resolve.timeline import draw, label, series

    all_series = series(_corpus(_store(db), indicator).claims, indicator, measure)
    if chart:
        if chart.suffix.lower() not in (".png", ".svg"):
            raise typer.BadParameter("the chart file must end in .png or .svg")
        draw(all_series, str(chart))
        err.print(f"chart written to {chart}")
    if format is SeriesView.json:
        _print_json(all_series)
        return
    if format is SeriesView.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(["indicator", "measure", "unit", "status", "parties", "period", "value",
                         "conflict", "values", "sources"])
        for s_ in all_series:
            k = s_["key"]
            for p in s_["points"]:
                writer.writerow([k["indicator"], k["measure"], k["unit"], k["status"] or "",
                                 "-".join(k["parties"] or k["direction"] or []), label(p),
                                 p["value"], p["conflict"], " ".join(map(str, p["values"])),
                                 " ".join(x["doc_id"] for x in p["sources"])])
        return
    for s_ in all_series:
        k = s_["key"]
        who = "→".join(k["direction"]) if k["direction"] else "–".join(k["parties"] or [])
        table = Table("period", "value", "sources", "conflict",
                      title=f"{indicator} · {k['measure']} · {k['status'] or ''} · {who}")
        for p in s_["points"]:
            table.add_row(label(p), f"{format_value(p['value'])} {k['unit']}"
                          + (f" ({', '.join(p['approx'])})" if p["approx"] != ["exact"] else ""),
                          ", ".join(x["doc_id"] for x in p["sources"]),
                          "CONFLICT " + " / ".join(format_value(v) for v in p["values"])
                          if p["conflict"] else "")
        out.print(table)


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
