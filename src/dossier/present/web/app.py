"""``create_app``: the FastAPI application over one store (no module-level app).

Routes: the JSON API under ``/api`` (one router per resource in ``routes/``), the live
web UI at ``/`` (the report, rendered from the current store, with full-text search), the
OpenAPI description at ``/openapi.json`` and its pages at ``/docs`` and ``/redoc`` (Swagger UI
and ReDoc served by this server from the ``fastapi-offline`` package, so they work with no
network; FastAPI's own pages load them from a CDN). One exception handler
turns every ``DossierError`` into its ``status`` with the message as ``detail``.
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi_offline import FastAPIOffline

from dossier import __version__
from dossier.errors import DossierError
from dossier.present.report import content_security_policy, render_view
from dossier.present.web.deps import StoreAccess, ViewDep
from dossier.present.web.routes import ROUTERS
from dossier.present.web.settings import WebSettings
from dossier.store import Store

DESCRIPTION = """The dossier's timeline, entities, places, claims, quotes and conflicts, each fact
with its source sentence (document id and character offsets), and full-text search over
sentences. `POST /api/documents` adds a document when the server has a token."""


def create_app(store: Store | None = None, settings: WebSettings | None = None) -> FastAPI:
    """The API and UI over ``store``, or over the SQLite file ``settings.db``.

    Args:
        store: the store to serve (tests pass a ``MemoryStore``); opened from
            ``settings.db`` when None, read-only unless the server has a token.
        settings: token, size limit, model; defaults otherwise.
    """
    settings = settings or WebSettings()
    if store is None:
        store = _open(settings)
    app = FastAPIOffline(title="dossier", version=__version__, description=DESCRIPTION)
    app.state.settings = settings
    app.state.store = store
    app.state.access = StoreAccess()
    app.state.nlp = None
    for router in ROUTERS:
        app.include_router(router, prefix="/api")
    app.add_exception_handler(DossierError, _dossier_error)
    app.middleware("http")(_security_headers)
    app.add_api_route("/", _ui, methods=["GET"], response_class=HTMLResponse, include_in_schema=False)
    return app


def _open(settings: WebSettings) -> Store:
    from dossier.pipeline import open_store

    if settings.db is None:
        raise DossierError("no dossier database given: pass --db PATH")
    return open_store(settings.db, read_only=not settings.writable)


async def _dossier_error(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status", 500)
    return JSONResponse({"detail": str(exc), "error": type(exc).__name__}, status_code=status)


async def _security_headers(request: Request, call_next: Any) -> Response:
    response: Response = await call_next(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def _ui(view: ViewDep) -> HTMLResponse:
    """The report made live: rendered from the current store, with search through the API."""
    nonce = secrets.token_urlsafe(18)
    html = render_view(view, live=True, nonce=nonce)
    return HTMLResponse(html, headers={"Content-Security-Policy": content_security_policy(nonce, live=True)})


def serve(settings: WebSettings) -> None:
    """Run the app with uvicorn on ``settings.host:settings.port`` until interrupted."""
    import uvicorn

    uvicorn.run(create_app(settings=settings), host=settings.host, port=settings.port, log_level="info")
