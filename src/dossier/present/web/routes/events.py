"""``/api/timeline`` and ``/api/events``: dated events, grouped by date, with their sources."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from dossier.errors import NotFound
from dossier.present.web.deps import ViewDep

router = APIRouter(tags=["timeline"])


@router.get("/timeline", summary="The timeline: events grouped by date, in date order")
def timeline(view: ViewDep) -> list[dict[str, Any]]:
    return view["timeline"]  # type: ignore[no-any-return]


@router.get("/events/{event_id}", summary="One event with its evidence sentences")
def get_event(event_id: str, view: ViewDep) -> dict[str, Any]:
    for e in view["events"]:
        if e["id"] == event_id:
            return e  # type: ignore[no-any-return]
    raise NotFound(f"no event with id {event_id!r}")
