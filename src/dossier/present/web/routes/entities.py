"""``/api/entities`` and ``/api/places``: people, organisations and places with aliases and mentions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from dossier.errors import NotFound
from dossier.models import ENTITY_TYPES
from dossier.present.web.deps import ViewDep

router = APIRouter(tags=["entities"])


@router.get("/entities", summary="Entities, most mentioned first; filter with ?type=PERSON")
def list_entities(
    view: ViewDep, type: str | None = Query(None, description=", ".join(ENTITY_TYPES))
) -> list[dict[str, Any]]:  # noqa: A002
    items = [e for g in view["entity_groups"] for e in g["entities"]]
    if type is not None:
        items = [e for e in items if e["type"] == type.upper()]
    return sorted(items, key=lambda e: (-len(e["mentions"]), e["name"]))


@router.get("/entities/{entity_id}", summary="One entity with its mentions")
def get_entity(entity_id: str, view: ViewDep) -> dict[str, Any]:
    for g in view["entity_groups"]:
        for e in g["entities"]:
            if e["id"] == entity_id:
                return e  # type: ignore[no-any-return]
    raise NotFound(f"no entity with id {entity_id!r}")


@router.get("/places", summary="Places resolved to coordinates, with mentions and the events there")
def list_places(view: ViewDep) -> list[dict[str, Any]]:
    return view["places"]  # type: ignore[no-any-return]
