"""Events as CSV in the columns conflict-event datasets (ACLED and the like) use.

One row per dated event: ``event_date`` (ISO, the first day the date covers),
``time_precision`` (1 = the day is known, 2 = a span of a few days, 3 = only the month or
year), ``notes`` (the event summary), ``actors``, ``location``, ``admin1``, ``country``,
``latitude``, ``longitude``, ``geo_precision`` (1 = the town, 2 = near a town or part of a
region, 3 = a region or country), ``sources``, ``source_count``; then dossier's own
``event_id``, ``date_value`` (TIMEX3), ``date_precision`` and ``evidence``
(``doc:start-end`` of each source sentence).

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from dossier.registry import renderers

if TYPE_CHECKING:
    from dossier.api import Dossier

COLUMNS = (
    "event_date",
    "time_precision",
    "notes",
    "actors",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "sources",
    "source_count",
    "event_id",
    "date_value",
    "date_precision",
    "evidence",
)
#: days an interval may span and still count as "a few days" (ACLED's time_precision 2 is a week)
_FEW_DAYS = 7
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def event_rows(view: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per event, in timeline order."""
    countries = _country_names()
    return [_row(e, countries) for day in view["timeline"] for e in day["events"]]


def csv_of(view: dict[str, Any]) -> str:
    """The events table as CSV text (RFC 4180, ``\\r\\n`` line ends, a header row)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in event_rows(view):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def time_precision(value: str, precision: str) -> int:
    """ACLED's time precision code for a TIMEX3 date and dossier's precision word."""
    if precision in ("day", "time"):
        return 1
    if precision == "interval":
        from datetime import date

        try:
            a, b = (date.fromisoformat(x[:10]) for x in value.split("/", 1))
        except ValueError:
            return 3
        return 2 if (b - a).days <= _FEW_DAYS else 3
    return 3


def event_date(value: str) -> str:
    """The first day a TIMEX3 date covers: ``2022-11`` → ``2022-11-01``."""
    start = value.split("/", 1)[0].split("T", 1)[0]
    parts = start.split("-")
    if len(parts) == 1 and parts[0].isdigit() and len(parts[0]) == 4:
        return f"{parts[0]}-01-01"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{start}-01"
    return start


def _row(e: dict[str, Any], countries: dict[str, str]) -> dict[str, Any]:
    place = e["place"] or {}
    geo = place.get("geo") or {}
    labels = list(dict.fromkeys(x["label"] for x in e["evidence"]))
    return {
        "event_date": event_date(e["date"]),
        "time_precision": time_precision(e["date"], e["precision"]),
        "notes": e["summary"],
        "actors": "; ".join(
            p["name"] for p in e["participants"] if p["type"] in ("PERSON", "ORG", "NORP", "GPE")
        ),
        "location": place.get("name", ""),
        "admin1": geo.get("admin1_name") or "",
        "country": countries.get(geo.get("country") or "", geo.get("country") or ""),
        "latitude": geo.get("lat", ""),
        "longitude": geo.get("lon", ""),
        "geo_precision": geo.get("precision", ""),
        "sources": "; ".join(labels),
        "source_count": e["sources"],
        "event_id": e["id"],
        "date_value": e["date"],
        "date_precision": e["precision"],
        "evidence": " ".join(f"{x['doc']}:{x['start']}-{x['end']}" for x in e["evidence"]),
    }


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _country_names() -> dict[str, str]:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency
        return {}
    return {c.alpha_2: c.name for c in pycountry.countries}


@renderers.register("csv")
def render_csv(dossier: Dossier) -> str:
    """Dated events as CSV in conflict-event dataset columns."""
    from dossier.present.view import view_of_store

    return csv_of(view_of_store(dossier.store))
