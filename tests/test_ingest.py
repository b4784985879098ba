"""The `bilateral ingest` / `export` round trip, as a user runs it, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from bilateral.cli import app

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _export(db, what="documents") -> list[dict]:
    result = _run("export", what, "--db", str(db), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_seeds_acceptance(seeds, db):
    assert _run("ingest", str(seeds), "--db", str(db)).exit_code == 0
    docs = _export(db)
    assert [d["lang"] for d in docs] == ["kk", "kk", "ru", "ru", "ru"]
    d002 = next(d for d in docs if d["doc_id"].startswith("002"))
    assert d002["published"] == "2023-02-03"
    assert d002["source"] == "Kazinform"
    assert "Михаил Мишустин отметил" in d002["text"]
    for junk in ("Версия для печати", "Последние новости", "Все права защищены", "Реклама"):
        assert junk not in d002["text"]
    d000 = next(d for d in docs if d["doc_id"].startswith("000"))
    assert d000["text"].count("18,5 млрд долларды құрады, бұл 2017") == 1
    for d in docs:
        assert set(d) == {"doc_id", "lang", "published", "title", "source", "url", "place",
                          "text", "sentences"}
    sentences = _export(db, "sentences")
    for s in sentences:
        doc = next(d for d in docs if d["doc_id"] == s["doc_id"])
        assert doc["text"][s["start"]:s["end"]] == s["text"]


def test_mixed_folder_keeps_good_documents_names_bad_ones_and_reingests_identically(
    seeds, tmp_path, db
):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(seeds.glob("000*.txt")), folder / "seed000.txt")
    russian = next(seeds.glob("003*.txt")).read_text("utf-8")
    (folder / "legacy.txt").write_bytes(russian.encode("cp1251", errors="replace"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "rows.jsonl").write_text(
        json.dumps({"id": "row1", "text": "Товарооборот вырос на 5%.", "lang": "ru"},
                   ensure_ascii=False) + "\n{broken\n", "utf-8")
    result = _run("ingest", str(folder), "--db", str(db))
    assert result.exit_code == 1
    assert "empty.txt: empty document" in result.output
    assert "binary.txt: binary file" in result.output
    assert "rows.jsonl:2: malformed JSON" in result.output
    first = _export(db)
    assert sorted(d["doc_id"] for d in first) == ["legacy", "row1", "seed000"]
    legacy = next(d for d in first if d["doc_id"] == "legacy")
    assert "Мишустин" in legacy["text"] and legacy["lang"] == "ru"
    sentences_before = _export(db, "sentences")

    again = _run("ingest", str(folder), "--db", str(db))
    assert again.exit_code == 1
    assert "unchanged 3" in again.output
    assert _export(db) == first
    assert _export(db, "sentences") == sentences_before


def test_a_changed_document_replaces_its_old_records(tmp_path, db):
    path = tmp_path / "art.txt"
    path.write_text("Первая версия статьи о торговле.\nВторое предложение.", "utf-8")
    _run("ingest", str(path), "--db", str(db))
    path.write_text("Новая версия статьи.", "utf-8")
    _run("ingest", str(path), "--db", str(db))
    (doc,) = _export(db)
    assert doc["text"] == "Новая версия статьи."
    assert [s["text"] for s in _export(db, "sentences")] == ["Новая версия статьи."]


def test_a_failed_write_leaves_the_previous_version_whole(tmp_path, db, monkeypatch):
    from bilateral.store import db as dbmod

    path = tmp_path / "art.txt"
    path.write_text("Первая версия статьи о торговле.", "utf-8")
    _run("ingest", str(path), "--db", str(db))
    path.write_text("Вторая версия статьи о торговле.", "utf-8")
    real_insert = dbmod.insert

    def failing_insert(table):
        if table.name == "sentences":
            raise RuntimeError("disk full")
        return real_insert(table)

    monkeypatch.setattr(dbmod, "insert", failing_insert)
    result = _run("ingest", str(path), "--db", str(db))
    assert result.exit_code == 1 and "disk full" in result.output
    monkeypatch.undo()
    (doc,) = _export(db)
    assert doc["text"] == "Первая версия статьи о торговле."
    assert len(_export(db, "sentences")) == 1


def test_forced_language_and_date(tmp_path, db):
    path = tmp_path / "a.txt"
    path.write_text("Товарооборот вырос на 5% за год.", "utf-8")
    assert _run("ingest", str(path), "--db", str(db), "--lang", "kk",
                "--published", "2024-01-31").exit_code == 0
    (doc,) = _export(db)
    assert doc["lang"] == "kk" and doc["published"] == "2024-01-31"
    assert _run("ingest", str(path), "--db", str(db), "--published", "31.01.2024").exit_code == 2


def test_csv_export_and_output_file(tmp_path, db):
    path = tmp_path / "a.txt"
    path.write_text("Товарооборот вырос на 5% за год.", "utf-8")
    _run("ingest", str(path), "--db", str(db))
    out = tmp_path / "docs.csv"
    assert _run("export", "documents", "--db", str(db), "--format", "csv",
                "--output", str(out)).exit_code == 0
    header, row = out.read_text("utf-8").splitlines()[:2]
    assert header.startswith("doc_id,lang,published")
    assert row.startswith("a,ru,")


def test_docs_and_show(tmp_path, db):
    path = tmp_path / "a.txt"
    path.write_text("Товарооборот вырос на 5% за год.\nТоварооборот вырос на 5% за год.\n"
                    "Версия для печати\n", "utf-8")
    _run("ingest", str(path), "--db", str(db))
    assert "a" in _run("docs", "--db", str(db)).stdout
    shown = _run("show", "a", "--db", str(db)).stdout
    assert "×2" in shown and "repeat of sentence 1" in shown
    assert _run("show", "nope", "--db", str(db)).exit_code == 1


@pytest.mark.parametrize("env", [True, False])
def test_db_from_environment(tmp_path, monkeypatch, env):
    path = tmp_path / "a.txt"
    path.write_text("Товарооборот вырос на 5% за год.", "utf-8")
    db = tmp_path / "env.db"
    monkeypatch.chdir(tmp_path)
    if env:
        monkeypatch.setenv("BILATERAL_DB", str(db))
    else:
        monkeypatch.delenv("BILATERAL_DB", raising=False)
    _run("ingest", str(path))
    assert (db if env else tmp_path / "bilateral.db").exists()


def test_site_footer_repeated_across_pages_of_a_source_is_dropped_but_copies_survive(tmp_path, db):
    footer = "Свидетельство о регистрации СМИ № 123 выдано Министерством информации"
    folder = tmp_path / "in"
    folder.mkdir()
    bodies = ["Товарооборот между Казахстаном и Россией вырос на 5% за год.",
              "Премьер-министры встретились в Москве и обсудили кооперацию.",
              "В Омске прошел форум межрегионального сотрудничества двух стран."]
    for i, body in enumerate(bodies):
        (folder / f"p{i}.jsonl").write_text(json.dumps(
            {"id": f"p{i}", "text": f"{body}\n{footer}", "source": "Example.kz"},
            ensure_ascii=False), "utf-8")
    # the same article twice under two ids: a copy, not furniture
    for i in range(2):
        (folder / f"copy{i}.jsonl").write_text(json.dumps(
            {"id": f"copy{i}", "text": "Казахстан и Россия подписали соглашение о транзите.\n"
             "Документ подписан в Астане министрами транспорта.", "source": "Other.kz"},
            ensure_ascii=False), "utf-8")
    assert _run("ingest", str(folder), "--db", str(db)).exit_code == 0
    docs = {d["doc_id"]: d for d in _export(db)}
    for i, body in enumerate(bodies):
        assert docs[f"p{i}"]["text"] == body, docs[f"p{i}"]["text"]
    assert "соглашение о транзите" in docs["copy0"]["text"]
    assert "соглашение о транзите" in docs["copy1"]["text"]
