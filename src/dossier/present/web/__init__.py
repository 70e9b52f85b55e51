"""The HTTP API and the live web UI (FastAPI), over the same store and views as the report.

``create_app(store=None, settings=None)`` builds the application (there is no module-level
app); ``serve(settings)`` runs it with uvicorn. Needs the ``web`` extra:
``pip install 'dossier[web]'``.
"""

from __future__ import annotations

from dossier.present.web.settings import DEFAULT_MAX_POST_BYTES, TOKEN_ENV, WebSettings

__all__ = ["DEFAULT_MAX_POST_BYTES", "TOKEN_ENV", "WebSettings", "create_app", "serve"]


def create_app(*args, **kwargs):  # type: ignore[no-untyped-def]
    """See ``dossier.present.web.app.create_app`` (imported lazily: FastAPI is an extra)."""
    from dossier.present.web.app import create_app as _create_app

    return _create_app(*args, **kwargs)


def serve(settings: WebSettings) -> None:
    """Run the API and UI with uvicorn until interrupted."""
    from dossier.present.web.app import serve as _serve

    _serve(settings)
