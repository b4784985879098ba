"""Web archives, saved feeds and bundles: one article per page, entry or member, with its
URL, the date the article itself states (never the crawl date), and its origin in errors."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile

import pytest
from typer.testing import CliRunner

from bilateral.cli import app

runner = CliRunner()

BODY = ("<p>Товарооборот между Казахстаном и Россией в 2023 году составил 27,8 млрд долларов, "
        "сообщили в министерстве торговли и интеграции республики.</p>"
        "<p>Стороны обсудили развитие транспортных коридоров и промышленной кооперации, "
        "а также подготовку очередного заседания межправительственной комиссии.</p>")


def page(title: str, head: str = "", body: str = BODY) -> bytes:
    return (f"<html><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>"
            f"<nav>Главная | Новости</nav><article><h1>{title}</h1>{body}</article>"
            "<footer>© 2019 Пример Новости</footer></body></html>").encode()


PAGES = [  # (url, page, the date the page states)
    ("https://example.kz/ru/news/tovarooborot-2023.html",
     page("Товарооборот за 2023 год",
          '<meta property="article:published_time" content="2024-03-12T01:30:00+06:00">'),
     "2024-03-12"),
    ("https://example.kz/ru/news/koridory",
     page("Транспортные коридоры", body="<time datetime='2024-02-01'>1 февраля 2024</time>"
          + BODY), "2024-02-01"),
    ("https://example.kz/ru/news/bez-daty",  # no date but the footer's year: none is taken
     page("Без даты"), None),
]


def build_warc(path, pages=PAGES) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    crawled = {"WARC-Date": "2025-06-01T12:00:00Z"}
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))

        def response(url, status, ctype, payload):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=headers,
                warc_headers_dict=crawled))

        for url, html, _ in pages:
            request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            writer.write_record(writer.create_warc_record(url, "request", payload=request))
            response(url, "200 OK", "text/html; charset=utf-8", html)
        response("https://example.kz/old", "301 Moved Permanently", "text/html", b"moved")
        response("https://example.kz/logo.png", "200 OK", "image/png", b"\x89PNG....")


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Пример Новости</title><link>https://example.kz/</link>
<item><title>Товарооборот вырос</title><link>https://example.kz/ru/news/rss-1</link>
  <pubDate>Tue, 12 Mar 2024 01:30:00 +0600</pubDate>
  <description>Кратко.</description>
  <content:encoded><![CDATA[<p>Товарооборот между Казахстаном и Россией в 2023 году составил
  27,8 млрд долларов.</p><p>Об этом сообщили в министерстве.</p>]]></content:encoded></item>
<item><title>Премьеры встретились</title><link>https://example.kz/ru/news/rss-2</link>
  <pubDate>Mon, 11 Mar 2024 18:00:00 GMT</pubDate>
  <description>Премьер-министры Казахстана и России провели переговоры в Москве.</description>
</item>
<item><title>Без даты</title><link>https://example.kz/ru/news/rss-3</link>
  <description>Стороны обсудили кооперацию в промышленности.</description></item>
</channel></rss>"""


def _ingest(db, *paths) -> tuple[int, str, list[dict]]:
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", str(db)])
    docs = runner.invoke(app, ["export", "documents", "--db", str(db)]).stdout
    return result.exit_code, result.output, [json.loads(x) for x in docs.splitlines()]


def test_a_web_archive_gives_one_article_per_page_with_its_own_date(tmp_path):
    pytest.importorskip("warcio")
    warc = tmp_path / "crawl.warc.gz"
    build_warc(warc)
    code, output, docs = _ingest(tmp_path / "t.db", warc)
    assert code == 0, output
    by_url = {d["url"]: d for d in docs}
    assert sorted(by_url) == sorted(url for url, _, _ in PAGES)  # no redirect, no picture
    for url, _, stated in PAGES:
        assert by_url[url]["published"] == stated, url  # never the crawl date, 2025-06-01
        assert "27,8 млрд долларов" in by_url[url]["text"]
    assert by_url[PAGES[0][0]]["doc_id"].startswith("tovarooborot-2023-")
    assert by_url[PAGES[0][0]]["title"] == "Товарооборот за 2023 год"


def test_a_saved_rss_feed_gives_one_article_per_entry(tmp_path):
    pytest.importorskip("feedparser")
    feed = tmp_path / "news.rss"
    feed.write_text(RSS, "utf-8")
    code, output, docs = _ingest(tmp_path / "t.db", feed)
    assert code == 0, output
    assert [(d["url"], d["published"]) for d in sorted(docs, key=lambda d: d["url"])] == [
        ("https://example.kz/ru/news/rss-1", "2024-03-12"),  # its own day, not UTC's 11th
        ("https://example.kz/ru/news/rss-2", "2024-03-11"),
        ("https://example.kz/ru/news/rss-3", None)]
    first = next(d for d in docs if d["url"].endswith("rss-1"))
    assert first["source"] == "Пример Новости" and first["title"] == "Товарооборот вырос"
    assert "27,8 млрд долларов" in first["text"] and "Кратко" not in first["text"]


def test_an_atom_entry_is_dated_by_published_not_updated(tmp_path):
    pytest.importorskip("feedparser")
    feed = tmp_path / "news.atom"
    feed.write_text("""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:x</id>
<updated>2025-01-01T00:00:00Z</updated>
<entry><title>A</title><id>urn:a</id><link href="https://example.org/a"/>
  <published>2024-05-02T09:00:00+05:00</published><updated>2024-12-30T00:00:00Z</updated>
  <content type="html">&lt;p&gt;Товарооборот вырос на 5%.&lt;/p&gt;</content></entry>
<entry><title>B</title><id>urn:b</id><link href="https://example.org/b"/>
  <updated>2024-12-30T00:00:00Z</updated><summary>Стороны встретились.</summary></entry>
</feed>""", "utf-8")
    code, output, docs = _ingest(tmp_path / "t.db", feed)
    assert code == 0, output
    assert sorted((d["url"], d["published"]) for d in docs) == [
        ("https://example.org/a", "2024-05-02"), ("https://example.org/b", None)]


def test_bundles_read_every_supported_member_and_name_it_in_errors(tmp_path):
    pytest.importorskip("warcio")
    pytest.importorskip("feedparser")
    warc = tmp_path / "crawl.warc.gz"
    build_warc(warc)
    members = {
        "folder/a.html": page("Страница из архива",
                              '<meta name="date" content="2024-04-01">'),
        "folder/b.txt": "Товарооборот между Казахстаном и Россией вырос на 5%.".encode(),
        "rows.jsonl": json.dumps({"id": "row-1", "text": "Премьеры встретились в Астане."},
                                 ensure_ascii=False).encode() + b"\n{broken\n",
        "folder/empty.txt": b"",
        "logo.png": b"\x89PNG....",
        "news.rss": RSS.encode(),
        "crawl.warc.gz": warc.read_bytes(),
    }
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    code, output, docs = _ingest(tmp_path / "zip.db", bundle)
    assert code == 1  # the empty file and the broken row, each named with its place
    assert "bundle.zip:folder/empty.txt: empty document" in output
    assert "bundle.zip:rows.jsonl:2: malformed JSON" in output
    ids = {d["doc_id"] for d in docs}
    assert {"a", "b", "row-1"} <= ids
    assert len(docs) == 3 + 3 + 3  # a, b, row-1; three feed entries; three archived pages
    assert next(d for d in docs if d["doc_id"] == "a")["published"] == "2024-04-01"

    tgz = tmp_path / "bundle.tar.gz"
    with tarfile.open(tgz, "w:gz") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    _, _, from_tar = _ingest(tmp_path / "tar.db", tgz)
    assert sorted(d["doc_id"] for d in from_tar) == sorted(ids)


def test_broken_archives_are_named_with_their_reason(tmp_path):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip at all")
    warc = tmp_path / "bad.warc.gz"
    warc.write_bytes(b"\x1f\x8b\x08\x00garbage")
    feed = tmp_path / "notes.xml"
    feed.write_text("<config><item>1</item></config>", "utf-8")
    blank = tmp_path / "blank.warc.gz"  # warcinfo, request, then the blank page: record 3
    build_warc(blank, [("https://example.kz/blank", b"<html><body></body></html>", None)])
    code, output, docs = _ingest(tmp_path / "t.db", bad, warc, feed, blank)
    assert code == 1 and docs == []
    assert "bad.zip: not a readable zip bundle" in output
    assert "bad.warc.gz: not a readable web archive" in output
    assert "notes.xml: not an RSS or Atom feed" in output
    assert "blank.warc.gz#record-3: " in output
