"""The web application: JSON API, dashboard and API docs over one store, working offline.

Every asset is served from installed packages: the dashboard's own files from
`bilateral/web/static`, plotly.js from the `plotly` package, Swagger UI from
`swagger-ui-bundle-v2`; nothing is fetched from a CDN, so the app works on a closed network.
"""

from __future__ import annotations

import importlib.util
from contextlib import asynccontextmanager
from pathlib import Path

from anyio import to_thread
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from bilateral.store.db import Store
from bilateral.web import api, pages
from bilateral.web.state import WebState

STATIC = Path(__file__).with_name("static")
VENDOR_CACHE = {"Cache-Control": "public, max-age=86400"}


def _vendor_file(package: str, *parts: str) -> Path | None:
    """A file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)
    return path if path.exists() else None


def _swagger_dir() -> Path | None:
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return None
    path = Path(str(swagger_ui_path))
    return path if (path / "swagger-ui-bundle.js").is_file() else None


def _wants_json(request: Request) -> bool:
    return (request.url.path.startswith("/api") or request.url.path == "/openapi.json"
            or "text/html" not in request.headers.get("accept", "text/html"))


def _describe(e: dict) -> tuple[str, str]:
    """(parameter, message) of one validation error, e.g. ("limit", "limit: Input should
    be a valid integer (got 'banana')")."""
    loc = [str(x) for x in e.get("loc", ())]
    if loc and loc[0] in ("query", "path", "body", "header", "cookie"):
        loc = loc[1:]
    name = ".".join(loc) or "request"
    got = e.get("input")
    shown = f" (got {repr(got)[:60]})" if isinstance(got, str | int | float) else ""
    return name, f"{name}: {e.get('msg', 'invalid value')}{shown}"


async def validation_error(request: Request, exc: RequestValidationError) -> Response:
    """A bad parameter is the client's mistake: 422 with a plain message that names it."""
    described = [_describe(e) for e in exc.errors()]
    detail = "; ".join(msg for _, msg in described)
    if _wants_json(request):
        return JSONResponse({"detail": detail, "errors": [
            {"param": name, "message": msg} for name, msg in described]}, 422)
    return pages.page(request, "error.html", status=422, code=422, message=detail)


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
    response = pages.page(request, "error.html", status=exc.status_code, code=exc.status_code,
                          message=exc.detail)
    for k, v in (exc.headers or {}).items():
        response.headers[k] = v
    return response


def _pool_size(store: Store) -> int:
    size = getattr(store.engine.pool, "size", None)
    return max(4, size()) if callable(size) else 8


def create_app(db: str | None = None, allow_ingest: bool = False, token: str | None = None,
               max_upload_bytes: int = 2_000_000) -> FastAPI:
    """The app over the store at `db` (a SQLite file or database URL; default as the CLI).

    Read-only unless `allow_ingest` and `token` are both given; then POST /api/documents and
    /upload accept articles of at most `max_upload_bytes` from holders of the token.
    """
    if allow_ingest and not token:
        raise ValueError("allow_ingest needs a token: writes are only accepted with one")
    store = Store(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        # As many request threads as the store keeps pooled connections: more threads only
        # open and close overflow connections (each a new SQLite handle) on every request.
        to_thread.current_default_thread_limiter().total_tokens = _pool_size(store)
        yield
        store.close()

    app = FastAPI(
        title="bilateral",
        description="Kazakhstan–Russia relations in Kazakh and Russian news: documents, "
                    "figures (facts), claims and conflicts across sources, meetings, "
                    "entities, timelines and search. Records follow DESIGN.md.",
        version="0.1.0", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.web = WebState(store, allow_ingest, token, max_upload_bytes)
    app.add_middleware(HeadAsGet)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.include_router(api.router)
    app.include_router(pages.router)

    swagger = _swagger_dir()

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if swagger is None:  # without the package the page needs the CDN (online only)
            return get_swagger_ui_html(openapi_url="/openapi.json", title="bilateral API")
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="bilateral API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg")

    @app.get("/static/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        """plotly.js from the installed `plotly` package (no copy in this repository)."""
        path = _vendor_file("plotly", "package_data", "plotly.min.js")
        if path is None:
            raise HTTPException(404, "plotly.js is not installed: pip install plotly")
        return FileResponse(path, media_type="text/javascript", headers=VENDOR_CACHE)

    if swagger is not None:
        app.mount("/static/vendor/swagger-ui", StaticFiles(directory=swagger),
                  name="swagger-ui")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


class HeadAsGet:
    """HEAD answered as GET without the body, on every page and endpoint (monitors and link
    checkers ask HEAD /; FastAPI routes declared for GET alone answered 405)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        ended = False

        async def headers_only(message) -> None:
            nonlocal ended
            if message["type"] == "http.response.body":
                if ended:
                    return
                ended = True
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def app_from_env() -> FastAPI:
    """The app for uvicorn's worker processes, which import it by name: settings come from
    the environment `bilateral serve --workers N` sets (BILATERAL_DB, BILATERAL_TOKEN, ...)."""
    import os

    return create_app(os.environ.get("BILATERAL_DB"),
                      allow_ingest=os.environ.get("BILATERAL_ALLOW_INGEST") == "1",
                      token=os.environ.get("BILATERAL_TOKEN") or None,
                      max_upload_bytes=int(os.environ.get("BILATERAL_MAX_UPLOAD", "2000000")))
