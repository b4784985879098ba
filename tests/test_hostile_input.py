"""Inputs as they come from the wild: pages without a date, files in odd encodings, NUL bytes,
odd JSON Lines rows, link loops. Each is read right or refused by name; none is invented."""

from __future__ import annotations

import json
import os

import pytest

from bilateral.ingest.readers import ReadError, read_paths
from bilateral.model import RawDocument
from bilateral.pipeline import process

RUSSIAN = ("Алихан Смаилов и Михаил Мишустин обсудили вопросы сотрудничества. "
           "Товарооборот между Казахстаном и Россией по итогам 2022 года составил "
           "28 млрд долларов, сообщила пресс-служба правительства.\n") * 3
KAZAKH = "Қазақстан мен Ресей арасындағы сауда көлемі 20,3 млрд АҚШ долларын құрады.\n"


def _read(path) -> list:
    return list(read_paths([str(path)]))


def _one(path) -> RawDocument | ReadError:
    (item,) = _read(path)
    return item


def test_a_page_without_a_date_gets_none_and_its_periods_stay_open(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body><article><p>В 2021 году стороны подписали соглашение. "
                    "Товарооборот Казахстана и России в прошлом году составил 28 млрд долларов."
                    "</p></article></body></html>", "utf-8")
    raw = _one(page)
    assert raw.published is None  # before: 2021-01-01, the first year in the text
    (fact,) = process(raw).facts
    assert fact["value"] == 28e9 and fact["period"] is None
    assert fact["period_text"] == "в прошлом году"


def test_a_date_the_page_states_is_kept(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<html><head><meta property="article:published_time" '
                    'content="2024-03-05T09:00:00+05:00"></head><body><article><p>В 2021 году '
                    "стороны подписали соглашение. Товарооборот Казахстана и России в прошлом "
                    "году составил 28 млрд долларов.</p></article></body></html>", "utf-8")
    raw = _one(page)
    assert raw.published.isoformat() == "2024-03-05"
    (fact,) = process(raw).facts
    assert fact["period"] == {"start": "2023-01-01", "end": "2023-12-31"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [RUSSIAN, KAZAKH], ids=["ru", "kk"])
def test_utf16_is_read_with_or_without_its_bom(tmp_path, encoding, text):
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    raw = _one(path)
    assert isinstance(raw, RawDocument), raw
    assert raw.text == text


def test_a_utf16_jsonl_file_is_read_row_by_row(tmp_path):
    path = tmp_path / "rows.jsonl"
    rows = [{"id": "r1", "text": KAZAKH}, {"id": "r2", "text": RUSSIAN}]
    path.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
                     .encode("utf-16"))
    assert [(r.doc_id, r.text) for r in _read(path)] == [("r1", KAZAKH), ("r2", RUSSIAN)]


@pytest.mark.parametrize("encoding", ["iso8859_5", "mac_cyrillic"])
def test_text_that_would_decode_to_mojibake_is_refused_by_name(tmp_path, encoding):
    path = tmp_path / "old.txt"
    path.write_bytes(RUSSIAN.encode(encoding))
    item = _one(path)
    assert isinstance(item, ReadError), item.text[:80]
    assert item.origin == str(path)
    assert "not UTF-8, UTF-16, CP1251 or KOI8-R text" in item.reason


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_legacy_russian_files_still_read_exactly(tmp_path, encoding):
    path = tmp_path / "old.txt"
    path.write_bytes(RUSSIAN.encode(encoding))
    assert _one(path).text == RUSSIAN


def test_nul_bytes_never_reach_the_text(tmp_path):
    path = tmp_path / "late.txt"
    path.write_bytes((RUSSIAN * 40).encode() + b"\x00\x00" + "Конец.".encode())
    raw = _one(path)
    assert "\x00" not in raw.text and raw.text.endswith("Конец.")
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"id": "n\u0000ul", "text": "Товар\u0000ооборот вырос.",
                                "title": "За\u0000головок"}) + "\n", "utf-8")
    row = _one(rows)
    assert (row.doc_id, row.text, row.title) == ("nul", "Товарооборот вырос.", "Заголовок")


@pytest.mark.parametrize(("row", "reason"), [
    ({"id": True, "text": RUSSIAN}, "row's \"id\" true is not a string or a whole number"),
    ({"id": 12.5, "text": RUSSIAN}, "row's \"id\" 12.5 is not a string or a whole number"),
    ({"id": "a", "text": 12345}, "row 'a': \"text\" is a number, not a string"),
    ({"id": "a", "text": ["x"]}, "row 'a': \"text\" is a list, not a string"),
    ({"id": "a", "text": "  "}, "row 'a' has an empty \"text\""),
    ({"id": "a", "text": RUSSIAN, "published": "2023-01-01garbage"},
     "row 'a': published '2023-01-01garbage' is not an ISO date"),
])
def test_odd_jsonl_rows_get_the_right_reason(tmp_path, row, reason):
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", "utf-8")
    item = _one(path)
    assert isinstance(item, ReadError)
    assert item.reason == reason


def test_jsonl_ids_and_dates_that_are_right(tmp_path):
    path = tmp_path / "rows.jsonl"
    rows = [{"id": 7, "text": RUSSIAN, "published": "2023-01-01"},
            {"id": "b", "text": RUSSIAN, "published": "2023-01-01T09:30:00+05:00"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    assert [(r.doc_id, r.published.isoformat()) for r in _read(path)] == [
        ("7", "2023-01-01"), ("b", "2023-01-01")]


def test_link_loops_and_broken_links_are_named(tmp_path):
    (tmp_path / "ok.txt").write_text(RUSSIAN, "utf-8")
    os.symlink("loop.txt", tmp_path / "loop.txt")
    os.symlink("nowhere.txt", tmp_path / "broken.txt")
    items = _read(tmp_path)
    failed = {i.origin: i.reason for i in items if isinstance(i, ReadError)}
    assert failed == {str(tmp_path / "loop.txt"): "symbolic link loop",
                      str(tmp_path / "broken.txt"): "broken symbolic link (to nowhere.txt)"}
    assert [i.doc_id for i in items if isinstance(i, RawDocument)] == ["ok"]
