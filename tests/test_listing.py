"""Listings a person reads in a terminal: one line per record at any width, the evidence cut
to fit and whole with --wide, and JSON or CSV from every listing command."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from bilateral import cli
from bilateral.cli import app
from bilateral.display import fact_value

runner = CliRunner()


@pytest.fixture(scope="module")
def db(examples_db):
    return examples_db


@pytest.fixture
def width(monkeypatch):
    """The CLI's console at a given width, as a terminal of that size would make it."""
    def set_width(n: int) -> None:
        monkeypatch.setattr(cli, "out", Console(width=n))
    return set_width


def _records(db, what: str) -> list[dict]:
    result = runner.invoke(app, [what, "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_facts_in_80_columns_one_line_each(db):
    env = {**os.environ, "COLUMNS": "80"}
    run = subprocess.run([sys.executable, "-c", "from bilateral.cli import main; main()",
                          "facts", "--db", str(db)], env=env, capture_output=True, text=True,
                         timeout=120, check=True)
    lines = run.stdout.splitlines()
    facts = _records(db, "facts")
    assert len(facts) > 10
    assert len(lines) == 1 + len(facts) + 1, run.stdout  # header, a line per fact, the count
    assert lines[-1] == f"{len(facts)} facts"
    assert all(cell_len(line) <= 80 for line in lines)
    for fact, line in zip(facts, lines[1:], strict=False):
        assert line.startswith(fact_value(fact))  # the value with its qualifier, never cut
        assert fact["evidence"]["sentence"][:8] in line  # the evidence, cut to the width
    assert "almost 20 bn USD" in run.stdout and "2024 Jan–Sep" in run.stdout
    assert "…" in run.stdout


def test_wide_prints_the_whole_sentence(db, width):
    width(80)
    facts = _records(db, "facts")
    out = runner.invoke(app, ["facts", "--db", str(db), "--wide"]).stdout
    joined = " ".join(line.strip() for line in out.splitlines())
    for fact in facts:
        assert fact["evidence"]["sentence"] in joined
    width(200)
    wide = runner.invoke(app, ["facts", "--db", str(db)]).stdout
    assert facts[0]["evidence"]["sentence"] in wide  # room enough: nothing is cut


@pytest.mark.parametrize("what", ["events", "claims", "conflicts", "entities", "docs",
                                  "check"])
def test_other_listings_fit_80_columns(db, width, what):
    width(80)
    rows = _records(db, what)
    out = runner.invoke(app, [what, "--db", str(db)]).stdout.splitlines()
    assert len(out) == len(rows) + 2
    assert all(cell_len(line) <= 80 for line in out)


def test_claims_and_conflicts_lines_show_values_periods_and_sources(db, width):
    width(100)
    out = runner.invoke(app, ["claims", "--db", str(db), "--indicator", "trade_turnover"]).stdout
    line = next(x for x in out.splitlines() if x.startswith("19.8 bn USD"))
    assert "2024 Jan–Sep" in line and "KZ–RU" in line and "ru_meeting_footer" in line
    disputed = next(x for x in out.splitlines() if x.startswith("≠"))
    assert "2023" in disputed and " 2 conflict-2023=26.5 bn USD, kk_trade_om" in disputed
    width(140)
    (conflict,) = runner.invoke(app, ["conflicts", "--db", str(db)]).stdout.splitlines()[1:-1]
    assert "trade_turnover" in conflict and "2023" in conflict
    assert "26.5 bn USD: conflict-2023" in conflict and "27.8 bn USD: kk_trade_omsk" in conflict


@pytest.mark.parametrize("what", ["docs", "facts", "events", "entities", "claims",
                                  "conflicts", "check"])
def test_every_listing_gives_csv_with_the_json_records(db, what):
    rows = _records(db, what)
    result = runner.invoke(app, [what, "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(table) == len(rows)
    for row, record in zip(table, rows, strict=True):
        assert list(row) == list(record)
        first = next(iter(record))
        assert row[first] == str(record[first])
