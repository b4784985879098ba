"""Document ids: a file name or a JSON Lines "id" as DESIGN.md says, and never one document
for two different inputs. A collision changes the later id, deterministically, and says so."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.ingest.batch import ingest
from bilateral.model import RawDocument
from conftest import EXAMPLES, SEEDS

runner = CliRunner()
A = "Товарооборот Казахстана и России в 2023 году составил 28 млрд долларов."
B = "Инвестиции России в Казахстан в 2023 году составили 5 млрд долларов."


def _texts(store) -> dict[str, str]:
    return {d["doc_id"]: d["text"] for d in store.documents()}


def test_two_files_with_one_name_in_two_folders_are_two_documents(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    shutil.copy(next(SEEDS.glob("002_*.txt")), tmp_path / "x" / "article.txt")
    shutil.copy(next(SEEDS.glob("003_*.txt")), tmp_path / "y" / "article.txt")
    db = str(tmp_path / "d.db")
    args = ["ingest", str(tmp_path / "x"), str(tmp_path / "y"), "--db", db]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "stored 2" in result.output
    assert "y/article.txt: id 'article' is already" in result.output
    assert "x/article.txt's" in result.output
    docs = runner.invoke(app, ["export", "documents", "--db", db]).stdout.splitlines()
    ids = [json.loads(line)["doc_id"] for line in docs]
    assert ids[0] == "article" and ids[1].startswith("article~")
    again = runner.invoke(app, args)  # the same batch finds the same ids
    assert "unchanged 2" in again.output and "stored 0" in again.output


def test_a_text_and_a_page_with_one_stem_are_two_documents(tmp_path, store):
    shutil.copy(EXAMPLES / "ru_page.html", tmp_path / "report.html")
    (tmp_path / "report.txt").write_text(A, "utf-8")
    summary = ingest([str(tmp_path)], store)
    assert len(summary.stored) == 2 and not summary.failed
    assert sorted(summary.stored)[0] == "report"
    (note,) = summary.notes
    assert "report.txt" in note and "report.html" in note


def test_rows_of_one_jsonl_with_one_id(tmp_path, store):
    rows = [{"id": "dup", "text": A}, {"id": "dup", "text": B}, {"id": "dup", "text": A}]
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    summary = ingest([str(path)], store)
    texts = _texts(store)
    assert sorted(texts.values()) == sorted([A, B])
    assert texts["dup"] == A
    assert len(summary.notes) == 2
    assert summary.notes[0].startswith(f"{path}:2: id 'dup' is already {path}:1's; "
                                       "stored as 'dup~")
    assert summary.notes[1] == f"{path}:3: same text as {path}:1 under id 'dup'; stored once"


def test_a_file_from_elsewhere_never_replaces_a_stored_one(tmp_path, store):
    for name, text in (("x", A), ("y", B)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "article.txt").write_text(text, "utf-8")
    ingest([str(tmp_path / "x")], store)
    later = ingest([str(tmp_path / "y")], store)
    assert sorted(_texts(store).values()) == sorted([A, B])
    assert "is already" in later.notes[0] and str(tmp_path / "x" / "article.txt") in later.notes[0]
    # the same file changed is the same document: it replaces its old version
    (tmp_path / "x" / "article.txt").write_text(A + " Второе предложение.", "utf-8")
    changed = ingest([str(tmp_path / "x")], store)
    assert changed.stored == ["article"] and not changed.notes
    assert _texts(store)["article"].endswith("Второе предложение.")
    # and the same text from elsewhere is that document, stored once
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "article.txt").write_text(A + " Второе предложение.", "utf-8")
    assert ingest([str(tmp_path / "z")], store).unchanged == ["article"]
    assert len(_texts(store)) == 2


def test_a_row_naming_a_stored_id_replaces_that_document(store):
    from bilateral.ingest.ids import assign

    first = RawDocument("r1", A, "a.jsonl:1", named=True)
    (same,), notes = assign([first], {"r1": "b.jsonl:7"}, lambda doc_id: B)
    assert same.doc_id == "r1" and not notes


def test_seed_ids_are_their_file_names(seeds, store):
    ingest([str(seeds)], store)
    assert sorted(_texts(store)) == sorted(p.stem for p in seeds.glob("*.txt"))
