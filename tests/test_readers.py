"""Readers: every container and encoding we promise, and a clear reason for each bad input."""

from __future__ import annotations

import io
import json
import sys

import pytest

from bilateral.ingest.readers import MAX_BYTES, ReadError, read_paths
from bilateral.model import RawDocument

RU = "Товарооборот между Казахстаном и Россией составил 27,8 млрд долларов."
KK = "Қазақстан мен Ресей арасындағы өзара сауда көлемі 18,5 млрд долларды құрады."


def _read(*paths) -> list:
    return list(read_paths([str(p) for p in paths]))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r"])
def test_russian_text_in_each_supported_encoding_reads_back_exactly(tmp_path, encoding):
    path = tmp_path / "article.txt"
    path.write_bytes(RU.encode(encoding))
    (doc,) = _read(path)
    assert isinstance(doc, RawDocument)
    assert doc.text == RU
    assert doc.doc_id == "article"


def test_kazakh_utf8_with_bom_keeps_kazakh_letters(tmp_path):
    path = tmp_path / "kk.txt"
    path.write_bytes(b"\xef\xbb\xbf" + KK.encode("utf-8"))
    (doc,) = _read(path)
    assert doc.text == KK


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty document"),
        (b"  \n\n \t ", "empty document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
        (RU.encode() + b"\xff\xfe" + RU.encode(), "invalid UTF-8 at byte"),
    ],
)
def test_bad_files_are_named_with_their_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    (err,) = _read(path)
    assert isinstance(err, ReadError)
    assert str(path) in str(err) and reason in err.reason


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    (err,) = _read(path)
    assert isinstance(err, ReadError) and "too large" in err.reason


def test_jsonl_keeps_good_rows_and_names_broken_ones_by_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    rows = [
        json.dumps({"id": "a", "text": RU, "published": "2024-03-01", "lang": "ru",
                    "source": "ТАСС", "title": "T", "url": "https://x.example/a"},
                   ensure_ascii=False),
        '{"id": "b", "text": "unterminated',
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": KK, "published": "yesterday"}, ensure_ascii=False),
        json.dumps({"id": "e", "text": KK}, ensure_ascii=False),
    ]
    path.write_text("\n".join(rows) + "\n", "utf-8")
    items = _read(path)
    good = [i for i in items if isinstance(i, RawDocument)]
    bad = {i.origin: i.reason for i in items if isinstance(i, ReadError)}
    assert [d.doc_id for d in good] == ["a", "e"]
    assert good[0].published.isoformat() == "2024-03-01" and good[0].source == "ТАСС"
    assert good[0].lang == "ru" and good[0].url == "https://x.example/a"
    assert "malformed JSON" in bad[f"{path}:2"]
    assert "no \"text\"" in bad[f"{path}:3"]
    assert "not an ISO date" in bad[f"{path}:4"]


def test_folder_is_read_recursively_and_an_empty_folder_is_reported(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text(RU, "utf-8")
    (tmp_path / "a" / "notes.md").write_text("ignored", "utf-8")
    (tmp_path / "empty").mkdir()
    (doc,) = _read(tmp_path / "a")
    assert doc.doc_id == "deep"
    (err,) = _read(tmp_path / "empty")
    assert isinstance(err, ReadError) and "no articles" in err.reason


def test_missing_path_is_reported(tmp_path):
    (err,) = _read(tmp_path / "nope.txt")
    assert isinstance(err, ReadError) and "no such file" in err.reason


def test_html_gives_main_text_title_date_and_site(tmp_path):
    html = f"""<html><head><title>Торговля растет</title>
    <meta property="og:site_name" content="Пример Новости">
    <meta property="article:published_time" content="2025-02-10T09:00:00+05:00"></head>
    <body><nav><a href="/">Главная</a> <a href="/p">Политика</a></nav>
    <article><h1>Торговля растет</h1><p>{RU} Это рекордный уровень для двух стран за всю
    историю наблюдений, отметили в министерстве торговли.</p></article>
    <footer>© 2025 Пример Новости. Все права защищены.</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, "utf-8")
    (doc,) = _read(path)
    assert isinstance(doc, RawDocument), doc
    assert RU in doc.text and "Главная" not in doc.text
    assert doc.title == "Торговля растет"
    assert doc.published.isoformat() == "2025-02-10"
    assert doc.source == "Пример Новости"


def test_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(RU.encode("cp1251"))))
    (doc,) = list(read_paths(["-"]))
    assert doc.text == RU and doc.doc_id.startswith("stdin-")
    row = json.dumps({"id": "s1", "text": KK}, ensure_ascii=False).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(row)))
    (doc,) = list(read_paths(["-"]))
    assert doc.doc_id == "s1" and doc.text == KK
