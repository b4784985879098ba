"""The web app against a hostile client: parameters that would grow its memory or overflow its
queries, NUL bytes, two files in one upload, HEAD; and what it tells about where files were."""

from __future__ import annotations

import warnings

import pytest

pytest.importorskip("fastapi")
with warnings.catch_warnings():  # starlette's TestClient warns about its httpx dependency
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from bilateral.web import create_app  # noqa: E402

TOKEN = "s3cret-token"
TEXT = "Товарооборот между Казахстаном и Россией в 2023 году составил 28 млрд долларов."
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def writer(tmp_path) -> TestClient:
    return TestClient(create_app(str(tmp_path / "w.db"), allow_ingest=True, token=TOKEN))


@pytest.fixture
def stored(writer) -> TestClient:
    assert writer.post("/api/documents", json={"id": "d1", "text": TEXT},
                       headers=AUTH).status_code == 201
    return writer


@pytest.mark.parametrize("url", [
    "/api/timeline/" + "x" * 500, "/api/claims?indicator=nope", "/api/conflicts?indicator=nope",
    "/indicators/nope",
])
def test_an_indicator_outside_the_vocabulary_is_404(stored, url):
    r = stored.get(url)
    assert r.status_code == 404
    assert "trade_turnover" in r.text  # the answer lists the known ones


@pytest.mark.parametrize("url", ["/api/timeline/trade_turnover?measure=bogus",
                                 "/indicators/trade_turnover?measure=bogus"])
def test_a_measure_outside_the_vocabulary_is_422(stored, url):
    assert stored.get(url).status_code == 422


def test_distinct_parameters_do_not_grow_the_cache(stored):
    state = stored.app.state.web
    assert stored.get("/api/timeline/trade_turnover").status_code == 200
    for k in range(100):
        stored.get(f"/api/timeline/trade_turnover-{k}")
        stored.get("/api/claims", params={"indicator": f"i{k}"})
        stored.get(f"/indicators/x{k}")
    for measure in ("value", "count", "jobs", "growth_pct", "share_pct"):
        assert stored.get("/api/timeline/trade_turnover", params={"measure": measure}).json()[
            "measure"] == measure
    assert len(state._memo) <= 10


@pytest.mark.parametrize("url", ["/documents?p=184467440737095518",
                                 "/api/documents?offset=9223372036854775808",
                                 "/api/facts?offset=9223372036854775807",
                                 "/api/search?q=x&offset=99999999999999"])
def test_huge_pages_and_offsets_are_422_not_500(stored, url):
    assert stored.get(url).status_code == 422


def test_nul_bytes_through_the_api_never_reach_the_store(stored):
    r = stored.post("/api/documents", headers=AUTH,
                    json={"id": "n1", "title": "За\u0000головок", "text": "Ну\u0000ль. " + TEXT})
    assert r.status_code == 201
    doc = stored.get("/api/documents/n1").json()["document"]
    assert "\x00" not in doc["text"] + doc["title"]
    assert doc["text"].startswith("Нуль.")


def test_the_api_never_shows_the_server_s_paths(stored, tmp_path):
    r = stored.post("/upload", data={"token": TOKEN},
                    files={"file": ("report.txt", TEXT.encode(), "text/plain")})
    assert r.status_code == 200
    doc = stored.get("/api/documents/report").json()["document"]
    assert doc["origin"] == "report.txt"
    assert stored.get("/api/documents/d1").json()["document"]["origin"] == "upload.jsonl:1"


def test_an_absolute_path_given_to_the_cli_shows_as_its_file_name(tmp_path):
    from bilateral.ingest.batch import ingest
    from bilateral.store.db import Store

    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    db = str(tmp_path / "c.db")
    store = Store(db)
    ingest([str(tmp_path / "a.txt")], store)
    store.close()
    doc = TestClient(create_app(db)).get("/api/documents/a").json()["document"]
    assert doc["origin"] == "a.txt"


def test_an_upload_of_several_files_keeps_them_all(stored):
    other = "Инвестиции России в Казахстан в 2023 году составили 5 млрд долларов."
    files = [("file", ("a.txt", TEXT.encode(), "text/plain")),
             ("file", ("b.txt", other.encode(), "text/plain")),
             ("file", ("a.txt", other.encode(), "text/plain"))]
    r = stored.post("/upload", data={"token": TOKEN}, files=files)
    assert r.status_code == 200
    ids = [d["doc_id"] for d in stored.get("/api/documents").json()["items"]]
    assert "a" in ids and "b" in ids
    (renamed,) = [d for d in ids if d.startswith("a~")]
    assert f"stored as &#39;{renamed}&#39;" in r.text or f"stored as '{renamed}'" in r.text


@pytest.mark.parametrize("url", ["/", "/api/facts", "/documents", "/static/favicon.svg"])
def test_head_answers_like_get_without_a_body(stored, url):
    r = stored.head(url)
    assert r.status_code == 200
    assert r.content == b""
    assert r.headers["content-type"] == stored.get(url).headers["content-type"]
