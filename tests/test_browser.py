"""The dashboard in a real browser: overview, chart, a click to the source sentence, language.

Debian's Chromium (/usr/bin/chromium) driven by Playwright against the app served by uvicorn
on a free loopback port. Screenshots go to tests/artifacts/. Skipped where Playwright or
Chromium is missing (`apt-get install chromium`; Playwright's own browser download is not
used and cannot work offline).
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextmanager
def _serving(path: str):
    """The app on a store, served by uvicorn on a free loopback port."""
    uvicorn = pytest.importorskip("uvicorn")
    from bilateral.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(path), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def _store_of(paths: list[str], path: str) -> str:
    from bilateral.ingest.batch import ingest
    from bilateral.store.db import Store

    store = Store(path)
    summary = ingest(paths, store)
    store.close()
    assert summary.ok, [str(f) for f in summary.failed]
    return path


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    pytest.importorskip("uvicorn")
    path = _store_of([str(SEEDS)], str(tmp_path_factory.mktemp("browser") / "seeds.db"))
    with _serving(path) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def test_from_the_chart_to_the_source_sentence(base_url, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    offsite: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((base_url, "data:", "blob:"))
            else offsite.append(r.url))

    page.goto(f"{base_url}/?lang=en")
    assert page.locator("h1").first.inner_text().startswith("Kazakhstan")
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)

    page.click('a[data-indicator="trade_turnover"]')
    page.wait_for_url(re.compile(r"/indicators/trade_turnover"))
    page.wait_for_selector("#chart-0 .scatterlayer .point", timeout=20_000)
    page.screenshot(path=str(ARTIFACTS / "chart.png"), full_page=True)

    # a real click on the first point: plotly turns it into plotly_click -> its source
    point = page.locator("#chart-0 .scatterlayer .point").first
    box = point.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"/documents/.+#fact-"), timeout=10_000)
    fact_id = page.url.rsplit("#", 1)[1]

    fact = page.locator(f"#{fact_id}")
    fact.wait_for(state="visible")
    assert "active" in (fact.get_attribute("class") or "")
    assert fact.evaluate("el => el.closest('.mark-sentence').classList.contains('active')")
    top = fact.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top <= page.viewport_size["height"], "the figure is scrolled into view"
    assert re.search(r"\d", fact.inner_text())
    page.screenshot(path=str(ARTIFACTS / "document.png"))

    fact.click()
    popover = page.locator("#popover")
    popover.wait_for(state="visible")
    assert fact_id.removeprefix("fact-") in popover.inner_text()
    page.screenshot(path=str(ARTIFACTS / "record.png"))

    # every point is also a link under its chart: the 2018 turnover leads to "18,5 млрд"
    page.go_back()
    page.wait_for_url(re.compile(r"/indicators/trade_turnover"))
    page.locator(".point-link", has_text="18.5 bn USD").first.click()
    page.wait_for_url(re.compile(r"/documents/.+#fact-"))
    linked = page.locator("#" + page.url.rsplit("#", 1)[1])
    linked.wait_for(state="visible")
    assert "18,5" in linked.inner_text()
    assert "active" in (linked.get_attribute("class") or "")

    page.click('.langs a[data-lang="kk"]')
    page.wait_for_url(re.compile(r"lang=kk"))
    assert "Шолу" in page.locator("header nav").inner_text()
    assert page.locator("html").get_attribute("lang") == "kk"
    page.screenshot(path=str(ARTIFACTS / "document_kk.png"))
    page.goto(f"{base_url}/events")  # the choice is remembered
    assert "Кездесулер" in page.locator("h1").inner_text()
    page.screenshot(path=str(ARTIFACTS / "events_kk.png"), full_page=True)

    assert not errors, errors
    assert not offsite, f"requests left the server: {offsite}"
    page.close()


def test_api_docs_render_offline(base_url, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    offsite: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((base_url, "data:", "blob:"))
            else offsite.append(r.url))
    page.goto(f"{base_url}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert "/api/facts" in page.locator(".swagger-ui").inner_text()
    page.screenshot(path=str(ARTIFACTS / "api_docs.png"))
    assert not offsite, f"requests left the server: {offsite}"
    page.close()


def test_nine_months_and_full_years_are_two_lines_on_the_chart(browser, tmp_path):
    from test_timeline import ARTICLES

    rows = tmp_path / "timeline.jsonl"
    rows.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES), "utf-8")
    path = _store_of([str(rows)], str(tmp_path / "timeline.db"))
    ARTIFACTS.mkdir(exist_ok=True)
    with _serving(path) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{url}/indicators/trade_turnover?lang=en")
        chart = page.locator("#chart-0")
        chart.locator(".legend .traces").first.wait_for(timeout=20_000)
        legend = chart.locator(".legend .traces .legendtext").all_text_contents()
        assert legend == ["full years", "Jan–Sep"]
        # plotly's own record of what it drew: two lines of markers, one per part of a year
        drawn = chart.evaluate("el => el.data.filter(t => t.mode === 'lines+markers')"
                               ".map(t => [t.name, t.y])")
        assert drawn == [["full years", [26e9, 27.8e9]], ["Jan–Sep", [19.5e9]]]
        assert chart.locator(".scatterlayer .point").count() == 3
        unplaced = page.locator("section.unplaced")
        assert "25 bn USD" in unplaced.inner_text() and "tt-undated" in unplaced.inner_text()
        page.screenshot(path=str(ARTIFACTS / "timeline_two_series.png"), full_page=True)
        assert not errors, errors
        page.close()
