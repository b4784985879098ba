"""Honest timelines: a part of a year is never joined to full years, each value stands at the
period it covers, and a figure with no period stays off the lines."""

from __future__ import annotations

import json
import warnings

import pytest
from typer.testing import CliRunner

from bilateral.cli import app

runner = CliRunner()

# a full year, nine months of the next year, that full year, and a figure with no period
ARTICLES = [
    {"id": "tt-2022", "published": "2023-02-01", "lang": "ru",
     "text": "Товарооборот между Казахстаном и Россией по итогам 2022 года составил "
             "26 млрд долларов."},
    {"id": "tt-9m-2023", "published": "2023-11-01", "lang": "ru",
     "text": "За девять месяцев 2023 года товарооборот между Казахстаном и Россией составил "
             "19,5 млрд долларов."},
    {"id": "tt-2023", "published": "2024-02-01", "lang": "ru",
     "text": "Товарооборот между Казахстаном и Россией в 2023 году составил 27,8 млрд "
             "долларов."},
    {"id": "tt-undated", "lang": "ru",
     "text": "Товарооборот между Казахстаном и Россией составил 25 млрд долларов."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("timeline")
    path = folder / "in.jsonl"
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES), "utf-8")
    db = folder / "t.db"
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_nine_months_are_a_series_of_their_own(db, tmp_path):
    chart = tmp_path / "tt.svg"
    result = runner.invoke(app, ["timeline", "trade_turnover", "--db", str(db), "--format",
                                 "json", "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    tl = json.loads(result.stdout)
    assert [(s["key"]["span"], [p["value"] for p in s["points"]]) for s in tl["series"]] == [
        ("year", [26e9, 27.8e9]), ("Jan–Sep", [19.5e9])]
    # each point stands in the middle of the period it covers, which it carries
    full, part = tl["series"]
    assert [(p["start"], p["at"], p["end"]) for p in full["points"]] == [
        ("2022-01-01", "2022-07-02", "2022-12-31"), ("2023-01-01", "2023-07-02", "2023-12-31")]
    assert [(p["start"], p["at"], p["end"]) for p in part["points"]] == [
        ("2023-01-01", "2023-05-17", "2023-09-30")]
    # the figure with no period is listed beside the lines, not on them
    assert [(u["value"], [s["doc_id"] for s in u["sources"]]) for u in tl["unplaced"]] == [
        (25e9, ["tt-undated"])]
    svg = chart.read_text("utf-8")
    assert "full year" in svg and "Jan–Sep" in svg and "not placed in time" in svg


def test_the_table_and_csv_name_each_series(db):
    table = runner.invoke(app, ["timeline", "trade_turnover", "--db", str(db)],
                          env={"COLUMNS": "100"}).stdout
    assert "value · KZ–RU · full year" in table and "value · KZ–RU · Jan–Sep" in table
    assert "not placed in time" in table and "tt-undated" in table
    rows = runner.invoke(app, ["timeline", "trade_turnover", "--db", str(db), "--format",
                               "csv"]).stdout.splitlines()
    assert rows[0].startswith("indicator,measure,unit,status,parties,series,period")
    assert [r.split(",")[5] for r in rows[1:]] == ["year", "year", "Jan–Sep", ""]


def test_the_api_and_the_page_keep_the_series_apart(db):
    pytest.importorskip("fastapi")
    with warnings.catch_warnings():  # starlette's TestClient warns about its httpx dependency
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from bilateral.web import create_app

    client = TestClient(create_app(str(db)))
    body = client.get("/api/timeline/trade_turnover").json()
    assert [s["key"]["span"] for s in body["series"]] == ["year", "Jan–Sep"]
    assert [u["value"] for u in body["unplaced"]] == [25e9]
    page = client.get("/indicators/trade_turnover", params={"lang": "ru"}).text
    assert 'data-traces="2"' in page
    assert "полные годы" in page and "янв–сен" in page and "Без периода" in page
