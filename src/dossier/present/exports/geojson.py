"""GeoJSON (RFC 7946): the dossier's resolved places, and its dated events at their places."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from dossier.registry import renderers

if TYPE_CHECKING:
    from dossier.api import Dossier


def geojson_of(view: dict[str, Any]) -> dict[str, Any]:
    """A ``FeatureCollection``: one Point per place (``kind: place``), one per dated event
    whose place has coordinates (``kind: event``), each with its sources.

    Args:
        view: from ``dossier.present.view.build_view``.
    """
    features = [_place(p) for p in view["places"]]
    features += [_event(e) for e in view["events"] if e["place"] and e["place"].get("geo")]
    return {"type": "FeatureCollection", "features": features}


def _point(lat: float, lon: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def _source(ref: dict[str, Any]) -> dict[str, Any]:
    return {
        "doc": ref["doc"],
        "title": ref["label"],
        "start": ref["start"],
        "end": ref["end"],
        "text": ref["text"],
    }


def _place(p: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": p["id"],
        "geometry": _point(p["lat"], p["lon"]),
        "properties": {
            "kind": "place",
            "name": p["name"],
            "aliases": p["aliases"],
            "entity_type": p["type"],
            "feature": p["feature"],
            "country": p["country"],
            "admin1": p["admin1"],
            "geo_precision": p["precision"],
            "gazetteer_id": p["gazetteer_id"],
            "mention_count": len(p["mentions"]),
            "sources": [_source(m) for m in p["mentions"]],
        },
    }


def _event(e: dict[str, Any]) -> dict[str, Any]:
    geo = e["place"]["geo"]
    return {
        "type": "Feature",
        "id": e["id"],
        "geometry": _point(geo["lat"], geo["lon"]),
        "properties": {
            "kind": "event",
            "date": e["date"],
            "date_precision": e["precision"],
            "summary": e["summary"],
            "place": e["place"]["name"],
            "place_id": e["place"]["id"],
            "actors": [p["name"] for p in e["participants"]],
            "source_count": e["sources"],
            "badges": [b["kind"] for b in e["badges"]],
            "sources": [_source(x) for x in e["evidence"]],
        },
    }


@renderers.register("geojson")
def render_geojson(dossier: Dossier) -> str:
    """Places and dated events at their places, as a GeoJSON FeatureCollection."""
    from dossier.present.view import view_of_store

    return json.dumps(geojson_of(view_of_store(dossier.store)), ensure_ascii=False, indent=1)
