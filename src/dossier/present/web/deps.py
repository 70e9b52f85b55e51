"""Dependencies of the routes: the store, the settings, the current view, the write token.

Tests swap the store with ``app.dependency_overrides[get_store] = lambda: MemoryStore()``.
Every read and write of the store goes through ``StoreAccess`` so that one request's
write never interleaves with another's read on the shared SQLite connection.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Request

from dossier.present.view import view_of_store
from dossier.present.web.settings import WebSettings
from dossier.store import Store

T = TypeVar("T")


class StoreAccess:
    """Serialises access to one store and caches its view until the store changes."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._view_key: Any = None
        self._view: dict[str, Any] | None = None

    def run(self, fn: Callable[[], T]) -> T:
        with self.lock:
            return fn()

    def view(self, store: Store) -> dict[str, Any]:
        with self.lock:
            key = (id(store), tuple(sorted(store.counts().items())))
            if self._view is None or key != self._view_key:
                self._view, self._view_key = view_of_store(store), key
            return self._view

    def invalidate(self) -> None:
        with self.lock:
            self._view = None


def get_settings(request: Request) -> WebSettings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_store(request: Request) -> Store:
    """The app's store (override in tests)."""
    return request.app.state.store  # type: ignore[no-any-return]


def get_access(request: Request) -> StoreAccess:
    return request.app.state.access  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(get_store)]
AccessDep = Annotated[StoreAccess, Depends(get_access)]
SettingsDep = Annotated[WebSettings, Depends(get_settings)]


def get_view(store: StoreDep, access: AccessDep) -> dict[str, Any]:
    """The current view of the store (see ``dossier.present.view``)."""
    return access.view(store)


ViewDep = Annotated[dict[str, Any], Depends(get_view)]


def require_token(request: Request, settings: SettingsDep) -> None:
    """Let a request write only with the server's token.

    Raises:
        HTTPException: 403 when the server is read-only (started without a token), 401 when
            the request's ``Authorization: Bearer`` (or ``X-Dossier-Token``) is missing or wrong.
    """
    if not settings.writable:
        raise HTTPException(
            403, "this server is read-only: start it with --token (or DOSSIER_TOKEN) to add documents"
        )
    given = request.headers.get("x-dossier-token") or ""
    auth = request.headers.get("authorization") or ""
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    if not given or not secrets.compare_digest(given.encode(), str(settings.token).encode()):
        raise HTTPException(
            401,
            "a valid token is required: send 'Authorization: Bearer TOKEN'",
            headers={"WWW-Authenticate": "Bearer"},
        )
