"""The corpus stage: claims across sources and languages, conflicts, checks, timelines."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.resolve.stage import run
from bilateral.resolve.values import agree, value_range
from bilateral.store.db import Store

runner = CliRunner()


def store_of(tmp_path, rows: list[dict]) -> Store:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    db = tmp_path / "t.db"
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return Store(str(db))


def claims_for(store: Store, indicator: str, measure: str = "value") -> list[dict]:
    return [c.record() for c in run(store).claims
            if c.facts[0]["indicator"] == indicator and c.facts[0]["measure"] == measure]


def test_rounding_and_qualifiers_decide_agreement():
    assert agree(value_range(18.5e9, "exact", "18,5 млрд"), value_range(18.55e9, "exact",
                                                                          "18,55 млрд"))
    assert not agree(value_range(18.5e9, "exact", "18,5 млрд"),
                     value_range(19.1e9, "exact", "19,1 млрд"))
    assert agree(value_range(20e9, "almost", "20 млрд"), value_range(19.6e9, "exact",
                                                                     "19,6 млрд"))
    assert not agree(value_range(20e9, "over", "20 млрд"), value_range(19.6e9, "exact",
                                                                       "19,6 млрд"))


def test_same_figure_in_kazakh_and_russian_is_one_claim_with_both_sources(tmp_path):
    store = store_of(tmp_path, [
        {"id": "kk1", "published": "2024-02-10", "text": "2023 жылы Қазақстан мен Ресей "
         "арасындағы тауар айналымы 27,8 млрд долларды құрады. Екі ел арасында жаңа көлік "
         "дәліздері ашылады."},
        {"id": "ru1", "published": "2024-02-12", "text": "По итогам 2023 года товарооборот "
         "между Казахстаном и Россией составил 27,8 млрд долларов. Министры обсудили "
         "модернизацию пограничной инфраструктуры."},
    ])
    (claim,) = claims_for(store, "trade_turnover")
    assert {s["doc_id"] for s in claim["sources"]} == {"kk1", "ru1"}
    assert {s["lang"] for s in claim["sources"]} == {"kk", "ru"}
    assert claim["conflict"] is False and claim["value"] == 27.8e9


def test_different_values_for_one_period_are_a_conflict_naming_both(tmp_path):
    store = store_of(tmp_path, [
        {"id": "a", "published": "2024-02-10", "text": "В 2023 году товарооборот между "
         "Казахстаном и Россией составил 26,4 млрд долларов."},
        {"id": "b", "published": "2024-03-01", "text": "В 2023 году товарооборот между "
         "Казахстаном и Россией составил 27,3 млрд долларов."},
    ])
    (claim,) = claims_for(store, "trade_turnover")
    assert claim["conflict"] is True
    assert sorted((s["doc_id"], s["value"]) for s in claim["sources"]) == [
        ("a", 26.4e9), ("b", 27.3e9)]
    result = runner.invoke(app, ["conflicts", "--db", str(tmp_path / "t.db"),
                                 "--format", "json"])
    rows = json.loads(result.stdout)
    assert len(rows) == 1 and {s["doc_id"] for s in rows[0]["sources"]} == {"a", "b"}


def test_growth_that_does_not_match_its_levels_fails_and_names_its_document(tmp_path):
    store = store_of(tmp_path, [
        {"id": "levels", "published": "2024-02-10", "text": "В 2022 году товарооборот "
         "составил 20 млрд долларов. В 2023 году товарооборот составил 25 млрд долларов."},
        {"id": "growth", "published": "2024-02-11", "text": "В 2023 году товарооборот "
         "вырос на 5% по сравнению с 2022 годом."},
    ])
    checks = [k for k in run(store).checks if k.name == "growth_against_levels"]
    assert [k.status for k in checks] == ["fail"]
    assert "growth" in checks[0].doc_ids and "levels" in checks[0].doc_ids
    assert "does not add up" in checks[0].explanation


def test_parts_against_whole_and_partial_against_full_year(tmp_path):
    store = store_of(tmp_path, [
        {"id": "p", "published": "2024-05-01", "text": "Всего в портфеле 100 совместных "
         "проектов. Реализовано 60 совместных проектов. Реализуются 30 совместных проектов. "
         "Еще 40 проектов находятся в проработке."},
        {"id": "y", "published": "2024-10-01", "text": "За 8 месяцев 2023 года товарооборот "
         "составил 30 млрд долларов. В 2023 году товарооборот составил 27 млрд долларов."},
    ])
    checks = {k.name: k for k in run(store).checks}
    assert checks["parts_against_whole"].status == "fail"
    assert "exceed" in checks["parts_against_whole"].explanation
    assert checks["partial_against_full_year"].status == "fail"


def test_a_copied_article_counts_once(tmp_path):
    text = ("В 2023 году товарооборот между Казахстаном и Россией составил 27,8 млрд долларов. "
            "Министры обсудили транзит, модернизацию пунктов пропуска и новые проекты в "
            "машиностроении, энергетике и сельском хозяйстве двух стран.")
    store = store_of(tmp_path, [
        {"id": "orig", "published": "2024-02-10", "text": text},
        {"id": "copy", "published": "2024-02-11", "text": text + " Подписывайтесь на нас."},
    ])
    (claim,) = claims_for(store, "trade_turnover")
    assert len(claim["sources"]) == 2 and claim["independent_sources"] == 1
    assert run(store).copies == {"copy": "orig"}


def test_a_translation_is_found_and_counts_once(tmp_path):
    store = store_of(tmp_path, [
        {"id": "ru", "published": "2024-02-10", "text": "В 2023 году товарооборот между "
         "Казахстаном и Россией составил 27,8 млрд долларов. Он вырос на 4,5%. Министры "
         "обсудили развитие транспортных коридоров."},
        {"id": "kk", "published": "2024-02-10", "text": "2023 жылы Қазақстан мен Ресей "
         "арасындағы тауар айналымы 27,8 млрд долларды құрады. Ол 4,5 пайызға өсті. "
         "Министрлер көлік дәліздерін дамытуды талқылады."},
    ])
    assert run(store).copies == {"ru": "kk"}


def test_one_meeting_reported_in_two_languages_is_one_event(tmp_path):
    store = store_of(tmp_path, [
        {"id": "ru", "published": "2025-01-30", "text": "Олжас Бектенов и Михаил Мишустин "
         "провели переговоры в Астане."},
        {"id": "kk", "published": "2025-01-31", "text": "Астанада Олжас Бектенов пен Михаил "
         "Мишустиннің кездесуі өтті."},
    ])
    (event,) = run(store).events
    assert {s["doc_id"] for s in event["sources"]} == {"ru", "kk"}
    assert event["place"] == "Astana"


def test_seed_timeline_and_growth_check(seeds, tmp_path):
    db = tmp_path / "t.db"
    runner.invoke(app, ["ingest", str(seeds), "--db", str(db)], catch_exceptions=False)
    result = runner.invoke(app, ["timeline", "trade_turnover", "--db", str(db), "--measure",
                                 "value", "--format", "json", "--chart",
                                 str(tmp_path / "tt.png")])
    assert result.exit_code == 0, result.output
    tl = json.loads(result.stdout)
    # full years form one line; eight and eleven months each stand apart, never joined to it
    points = {s["key"]["span"]: [(p["period"]["start"], p["period"]["end"], p["value"])
                                 for p in s["points"]] for s in tl["series"]}
    assert points == {"year": [("2017-01-01", "2017-12-31", 16.4e9),
                               ("2018-01-01", "2018-12-31", 18.5e9)],
                      "Jan–Aug": [("2019-01-01", "2019-08-31", 12.2e9)],
                      "Jan–Nov": [("2024-01-01", "2024-11-30", 24.2e9)]}
    assert all(p["sources"] for s in tl["series"] for p in s["points"])
    assert (tmp_path / "tt.png").stat().st_size > 10_000
    checks = json.loads(runner.invoke(app, ["check", "--db", str(db), "--format",
                                            "json"]).stdout)
    growth = [c for c in checks if c["name"] == "growth_against_levels"]
    assert [c["status"] for c in growth] == ["pass"]
    coop = json.loads(runner.invoke(app, ["timeline", "coop_projects", "--db", str(db),
                                          "--measure", "count", "--format", "json"]).stdout)
    implemented = next(x for x in coop["series"] if x["key"]["status"] == "implemented")
    assert [(p["as_of"], p["value"]) for p in implemented["points"]] == [
        ("2023-02-03", 26), ("2025-01-30", 99)]


def test_examples_give_claims_and_keep_a_regional_figure_apart(tmp_path):
    from conftest import EXAMPLES

    db = tmp_path / "t.db"
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["claims", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)
    assert all(c["sources"] for c in claims)
    regional = [c for c in claims if c["parties"] == ["Akmola Region", "Omsk Oblast"]]
    assert [c["value"] for c in regional] == [1.2e9]
    national = [c for c in claims if c["indicator"] == "trade_turnover"
                and c["parties"] == ["KZ", "RU"] and c["measure"] == "value"]
    assert 1.2e9 not in [c["value"] for c in national]
