"""The web app in-process: API records, parameter errors, pages, language switch, search,
writes behind a token, and article text always escaped."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("jinja2")
with warnings.catch_warnings():  # starlette's TestClient warns about its httpx dependency
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from bilateral.web import create_app  # noqa: E402
from bilateral.web.highlight import Mark, render  # noqa: E402
from bilateral.web.i18n import LANGS, strings  # noqa: E402
from conftest import BACKENDS, fresh_db  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
TOKEN = "s3cret-token"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE = {
    "id": "hostile-1", "lang": "ru", "published": "2024-03-01", "source": "<b>Evil</b>",
    "title": f"{SCRIPT} Товарооборот", "url": "javascript:alert(1)",
    "text": "Товарооборот между Казахстаном и Россией в 2023 году составил 28 млрд долларов, "
            f"сообщил Алихан Смаилов. Читатель оставил {SCRIPT} и {IMG} в комментарии "
            "к новости о товарообороте.",
}


@pytest.fixture(scope="module", params=BACKENDS)
def seed_db(request, tmp_path_factory) -> Iterator[str]:
    """The seeds in a store on each backend in turn."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    from bilateral.ingest.batch import ingest
    from bilateral.store.db import Store

    with fresh_db(request.param, tmp_path_factory.mktemp("web")) as url:
        store = Store(url)
        summary = ingest([str(SEEDS)], store)
        store.close()
        assert summary.ok, [str(f) for f in summary.failed]
        yield url


@pytest.fixture(scope="module")
def client(seed_db) -> TestClient:
    return TestClient(create_app(seed_db))


@pytest.fixture
def writer(db) -> TestClient:
    return TestClient(create_app(db, allow_ingest=True, token=TOKEN, max_upload_bytes=50_000))


# --- API ------------------------------------------------------------------------------------

def test_facts_of_an_indicator_are_the_seed_figures(client):
    r = client.get("/api/facts", params={"indicator": "trade_turnover"})
    assert r.status_code == 200
    page = r.json()
    assert page["total"] == len(page["items"]) > 0
    assert {f["indicator"] for f in page["items"]} == {"trade_turnover"}
    assert 18_500_000_000 in {f["value"] for f in page["items"]}
    order = [(f["doc_id"], f["evidence"]["start"], f["fact_id"]) for f in page["items"]]
    assert order == sorted(order)
    assert set(page["items"][0]) >= {"fact_id", "doc_id", "kind", "measure", "value", "unit",
                                     "period", "evidence"}


def test_fact_filters_and_pages_agree_with_the_whole(client):
    whole = client.get("/api/facts", params={"limit": 1000}).json()
    ids = [f["fact_id"] for f in whole["items"]]
    page = client.get("/api/facts", params={"limit": 3, "offset": 2}).json()
    assert page["total"] == whole["total"] and [f["fact_id"] for f in page["items"]] == ids[2:5]
    for name, value, test in [
        ("lang", "kk", lambda f: f["evidence"]["lang"] == "kk"),
        ("kind", "target", lambda f: f["kind"] == "target"),
        ("measure", "growth_pct", lambda f: f["measure"] == "growth_pct"),
        ("period_from", "2019-01-01", lambda f: f["period"] and f["period"]["start"]
         >= "2019-01-01"),
        ("period_to", "2018-12-31", lambda f: f["period"] and f["period"]["end"]
         <= "2018-12-31"),
    ]:
        got = client.get("/api/facts", params={name: value, "limit": 1000}).json()
        assert got["total"] == sum(map(bool, map(test, whole["items"]))), name
        assert all(test(f) for f in got["items"]), name
    doc = whole["items"][0]["doc_id"]
    source = client.get(f"/api/documents/{doc}").json()["document"]["source"]
    by_source = client.get("/api/facts", params={"source": source, "limit": 1000}).json()
    assert by_source["total"] > 0
    assert client.get("/api/facts", params={"indicator": "no_such"}).json() == {
        "total": 0, "limit": 100, "offset": 0, "items": []}


@pytest.mark.parametrize("params, name", [
    ({"limit": "banana"}, "limit"), ({"limit": 0}, "limit"), ({"limit": 1001}, "limit"),
    ({"offset": -1}, "offset"), ({"period_from": "2023-13-01"}, "period_from"),
    ({"period_to": "yesterday"}, "period_to"), ({"kind": "rumour"}, "kind"),
    ({"lang": "de"}, "lang"),
])
def test_a_bad_parameter_is_a_4xx_naming_it(client, params, name):
    r = client.get("/api/facts", params=params)
    assert 400 <= r.status_code < 500
    assert name in r.json()["detail"]


def test_other_bad_parameters_name_themselves(client):
    r = client.get("/api/search", params={"q": ""})
    assert r.status_code == 422 and "q" in r.json()["detail"]
    r = client.get("/api/documents", params={"limit": "x"})
    assert r.status_code == 422 and "limit" in r.json()["detail"]
    r = client.get("/api/documents/no-such-doc")
    assert r.status_code == 404 and "doc_id" in r.json()["detail"]


def test_documents_list_has_no_text_and_detail_has_everything(client):
    docs = client.get("/api/documents").json()
    assert docs["total"] == 5 and all("text" not in d for d in docs["items"])
    doc_id = docs["items"][0]["doc_id"]
    detail = client.get(f"/api/documents/{doc_id}").json()
    assert set(detail) == {"document", "sentences", "facts", "events", "mentions"}
    assert detail["document"]["text"] and detail["sentences"]
    text = detail["document"]["text"]
    for f in detail["facts"]:
        assert text[f["evidence"]["start"]:f["evidence"]["end"]]


def test_timeline_claims_conflicts_events(client):
    r = client.get("/api/timeline/trade_turnover")
    assert r.status_code == 200
    body = r.json()
    assert body["indicator"] == "trade_turnover" and body["series"]
    assert all(p["sources"] for s in body["series"] for p in s["points"])
    values = client.get("/api/timeline/trade_turnover", params={"measure": "value"}).json()
    assert {s["key"]["measure"] for s in values["series"]} == {"value"}
    claims = client.get("/api/claims", params={"indicator": "trade_turnover"}).json()
    assert claims["total"] > 0 and {c["indicator"] for c in claims["items"]} == {"trade_turnover"}
    assert 18_500_000_000 in {c["value"] for c in claims["items"]}
    conflicts = client.get("/api/conflicts").json()
    assert all(c["conflict"] for c in conflicts["items"])
    merged = client.get("/api/events").json()
    per_doc = client.get("/api/events", params={"per_document": "true"}).json()
    assert 0 < merged["total"] <= per_doc["total"]
    assert all("sources" in e for e in merged["items"])
    assert all("doc_id" in e for e in per_doc["items"])


def test_entities_and_a_person_with_roles_meetings_and_documents(client):
    people = client.get("/api/entities", params={"type": "person"}).json()["items"]
    assert people and {e["type"] for e in people} == {"person"}
    assert client.get("/api/entities", params={"type": "alien"}).status_code == 422
    r = client.get("/api/entities/person:Alikhan_Smailov")
    assert r.status_code == 200
    smailov = r.json()
    assert smailov["entity"]["name"] == "Alikhan Smailov"
    assert smailov["roles"] and {"role", "country", "start", "end"} <= set(smailov["roles"][0])
    assert smailov["events"] and all("Alikhan Smailov" in e["participants"]
                                     for e in smailov["events"])
    assert {d["lang"] for d in smailov["documents"]} == {"kk", "ru"}
    assert set(smailov["aliases_by_lang"]) == {"kk", "ru"}
    assert client.get("/api/entities/person:Nobody").status_code == 404


# --- search ---------------------------------------------------------------------------------

def test_search_tolerates_inflection(client):
    r = client.get("/api/search", params={"q": "товарооборот"})
    assert r.status_code == 200
    texts = [h["text"] for h in r.json()["items"]]
    assert any("товарооборота" in t for t in texts)
    for h in r.json()["items"]:
        for a, b in h["matches"]:
            assert h["start"] <= a < b <= h["end"]


@pytest.mark.parametrize("q", ["Smailov", "Смаилов", "Смайылов"])
def test_search_finds_a_persons_mentions_in_both_languages(client, q):
    body = client.get("/api/search", params={"q": q}).json()
    assert "person:Alikhan_Smailov" in {e["entity_id"] for e in body["entities"]}
    langs = {h["lang"] for h in body["items"] if "person:Alikhan_Smailov" in h["entities"]}
    assert langs == {"kk", "ru"}


# --- pages ----------------------------------------------------------------------------------

def test_pages_render(client):
    home = client.get("/", params={"lang": "en"})
    assert home.status_code == 200 and "text/html" in home.headers["content-type"]
    assert "Latest meetings" in home.text and "/indicators/trade_turnover" in home.text
    facts = client.get("/api/facts", params={"indicator": "trade_turnover"}).json()["items"]
    fact = next(f for f in facts if f["value"] == 18_500_000_000)
    page = client.get(f"/documents/{fact['doc_id']}")
    assert page.status_code == 200
    assert f'id="fact-{fact["fact_id"]}"' in page.text
    surface = page.text.split(f'id="fact-{fact["fact_id"]}"', 1)[1]
    assert "18,5" in surface.split("</span>", 1)[0]
    chart = client.get("/indicators/trade_turnover")
    assert chart.status_code == 200
    assert "/static/vendor/plotly.min.js" in chart.text and 'class="point-link"' in chart.text
    data = json.loads(re.search(r'id="chart-data">(.*?)</script>', chart.text, re.S).group(1))
    assert all(p["href"].startswith("/documents/") and "#fact-" in p["href"]
               for c in data for tr in c["traces"] for p in tr["points"])
    # the seeds' full years and their eight- and eleven-month figures: three lines, one chart
    (values,) = [c for c in data if c["name"] == "value · KZ–RU"]
    assert [tr["span"] for tr in values["traces"]] == ["year", "Jan–Aug", "Jan–Nov"]
    assert [tr["name"] for tr in values["traces"]] == ["full years", "Jan–Aug", "Jan–Nov"]
    for url in ("/events", "/entities", "/entities/person:Alikhan_Smailov", "/documents",
                "/search?q=Смаилов"):
        r = client.get(url)
        assert r.status_code == 200, url
    missing = client.get("/documents/nope", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]


def test_language_switch_changes_the_interface_and_is_remembered(seed_db):
    c = TestClient(create_app(seed_db))
    en = c.get("/", params={"lang": "en"})
    assert "Overview" in en.text and '<html lang="en">' in en.text
    kk = c.get("/", params={"lang": "kk"})
    assert "Шолу" in kk.text and "Соңғы кездесулер" in kk.text and "Overview" not in kk.text
    assert c.cookies.get("ui_lang") == "kk"
    again = c.get("/events")  # no ?lang=: the cookie decides
    assert '<html lang="kk">' in again.text and "Кездесулер" in again.text
    ru = c.get("/events", params={"lang": "ru"})
    assert "Встречи" in ru.text and c.cookies.get("ui_lang") == "ru"
    fresh = TestClient(create_app(seed_db))
    assert "Обзор" in fresh.get("/", headers={"accept-language": "ru-RU,ru;q=0.9"}).text


def test_every_interface_string_exists_in_all_three_languages():
    table = strings()
    assert set(table) == set(LANGS)
    keys = set(table["en"])
    for lang in LANGS:
        assert set(table[lang]) == keys, lang
        assert all(v.strip() for v in table[lang].values()), lang


def test_assets_are_served_locally(client):
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()
    assert client.get("/openapi.json").json()["paths"]["/api/facts"]
    pytest.importorskip("swagger_ui_bundle")
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/app.js").status_code == 200
    pytest.importorskip("plotly")
    js = client.get("/static/vendor/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000


# --- writes ---------------------------------------------------------------------------------

def test_writes_are_off_by_default(client):
    assert client.post("/api/documents", json=HOSTILE).status_code == 403
    assert client.post("/upload", data={"token": TOKEN, "id": "x", "text": "y"}).status_code \
        == 403
    assert client.get("/upload").status_code == 403
    assert client.put("/api/documents", json=HOSTILE).status_code == 405
    assert client.delete("/api/documents/anything").status_code == 405
    with pytest.raises(ValueError):
        create_app(None, allow_ingest=True, token=None)


def test_a_document_another_process_replaced_shows_within_the_fingerprint_ttl(
        db, tmp_path, monkeypatch):
    """The same number of rows, other values: the cached claims must still notice."""
    from bilateral.ingest.batch import ingest
    from bilateral.store.db import Store
    from bilateral.web import state

    monkeypatch.setattr(state, "FINGERPRINT_TTL", 0.0)
    path = tmp_path / "a.txt"

    def write(value: str) -> None:  # as `bilateral ingest` in another process would
        path.write_text(f"Товарооборот между Казахстаном и Россией в 2023 году составил "
                        f"{value} млрд долларов.", "utf-8")
        other = Store(db)
        assert ingest([str(path)], other).stored == ["a"]
        other.close()

    def values(client) -> list[float]:
        return [c["value"] for c in client.get("/api/claims").json()["items"]]

    write("28")
    client = TestClient(create_app(db))
    assert values(client) == [28e9]
    write("29")
    assert values(client) == [29e9]


def test_writes_need_the_token(writer):
    assert writer.post("/api/documents", json=HOSTILE).status_code == 401
    bad = writer.post("/api/documents", json=HOSTILE,
                      headers={"Authorization": "Bearer wrong"})
    assert bad.status_code == 401
    ok = writer.post("/api/documents", json=HOSTILE,
                     headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201 and ok.json()["stored"] == ["hostile-1"]
    stored = writer.get("/api/documents/hostile-1").json()
    assert stored["document"]["source"] == "<b>Evil</b>"
    assert any(f["indicator"] == "trade_turnover" for f in stored["facts"])
    facts = writer.get("/api/facts", params={"indicator": "trade_turnover"}).json()
    assert facts["total"] == 1  # the cache saw the write
    again = writer.post("/api/documents", json=HOSTILE,
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.status_code == 200 and again.json()["unchanged"] == ["hostile-1"]


def test_bad_rows_and_large_bodies_are_refused(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = writer.post("/api/documents", json={"id": "a"}, headers=auth)
    assert r.status_code == 422 and "text" in r.json()["detail"]
    r = writer.post("/api/documents", json={**HOSTILE, "lang": "de"}, headers=auth)
    assert r.status_code == 422 and "lang" in r.json()["detail"]
    r = writer.post("/api/documents", content=b"{" + b" " * 60_000 + b"}", headers=auth)
    assert r.status_code == 413


def test_upload_form(writer):
    form = writer.get("/upload")
    assert form.status_code == 200 and 'name="token"' in form.text
    text = "Товарооборот Казахстана и России в 2021 году составил 24 млрд долларов."
    denied = writer.post("/upload", data={"token": "wrong", "id": "f1", "text": text})
    assert denied.status_code == 401
    typed = writer.post("/upload", data={"token": TOKEN, "id": "f1", "text": text})
    assert typed.status_code == 200 and "/documents/f1" in typed.text
    sent = writer.post("/upload", data={"token": TOKEN},
                       files={"file": ("../../etc/news one.txt", text.encode())})
    assert sent.status_code == 200 and "/documents/news_one" in sent.text
    ids = {d["doc_id"] for d in writer.get("/api/documents").json()["items"]}
    assert ids == {"f1", "news_one"}


def test_article_markup_is_shown_as_text(writer):
    writer.post("/api/documents", json=HOSTILE, headers={"Authorization": f"Bearer {TOKEN}"})
    for url in ("/documents/hostile-1", "/search?q=alert", "/search?q=" + SCRIPT, "/",
                "/documents", "/api/../documents/hostile-1"):
        html = writer.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert "<b>Evil" not in html and 'href="javascript:' not in html, url
    page = writer.get("/documents/hostile-1").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    found = writer.get("/search", params={"q": "alert"}).text  # "alert" itself is marked
    assert "&lt;script&gt;" in found and "&lt;img src=x onerror=" in found


# --- highlighting ---------------------------------------------------------------------------

def test_overlapping_marks_nest_and_escape():
    text = "a <b> c d e"
    marks = [Mark(0, 11, "sentence", "s-0"), Mark(2, 7, "fact", "fact-1", record={"x": "<"}),
             Mark(4, 9, "mention", "m-0")]
    html = str(render(text, marks))
    assert html.count("<span") == html.count("</span>") == 4  # the name is cut in two
    assert html.count('id="m-0"') == 1 and "&lt;b" in html and "<b>" not in html
    assert re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">") == text
