"""``/api/claims``, ``/api/quotes``, ``/api/conflicts``: who says what, and where sources disagree."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from dossier.errors import NotFound
from dossier.present.web.deps import ViewDep

router = APIRouter(tags=["claims"])


@router.get("/claims", summary="Quantities claimed: value, unit, who says so, hedge, source sentence")
def list_claims(view: ViewDep) -> list[dict[str, Any]]:
    return view["claims"]  # type: ignore[no-any-return]


@router.get("/quotes", summary="Quotes grouped by speaker")
def list_quotes(view: ViewDep) -> list[dict[str, Any]]:
    return view["speakers"]  # type: ignore[no-any-return]


@router.get("/conflicts", summary="Conflicts with their claims side by side")
def list_conflicts(view: ViewDep) -> list[dict[str, Any]]:
    return view["conflicts"]  # type: ignore[no-any-return]


@router.get("/conflicts/{conflict_id}", summary="One conflict")
def get_conflict(conflict_id: str, view: ViewDep) -> dict[str, Any]:
    for k in view["conflicts"]:
        if k["id"] == conflict_id:
            return k  # type: ignore[no-any-return]
    raise NotFound(f"no conflict with id {conflict_id!r}")
