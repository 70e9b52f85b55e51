"""TimelineJS3's JSON format: load it as is with ``new TL.Timeline(id, data)``.

TimelineJS renders ``headline`` and ``text`` as HTML, so every piece of document text is
HTML-escaped here; the only markup is our own (paragraphs, a list of sources).
"""

from __future__ import annotations

import json
import re
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from dossier.registry import renderers

if TYPE_CHECKING:
    from dossier.api import Dossier

_DATE = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?:T(?P<hour>\d{2}):(?P<minute>\d{2}))?"
)
_WEEK = re.compile(r"^(?P<year>\d{4})-W(?P<week>\d{2})")
#: headline length TimelineJS lays out well on one slide
_HEADLINE_CHARS = 110


def timeline_date(value: str) -> dict[str, Any] | None:
    """A TimelineJS date object for a TIMEX3 date (year, month, day, hour, minute), or None."""
    week = _WEEK.match(value)
    if week:
        d = date.fromisocalendar(int(week["year"]), int(week["week"]), 1)
        return {"year": d.year, "month": d.month, "day": d.day}
    m = _DATE.match(value)
    if not m:
        return None
    out = {"year": int(m["year"])}
    for key in ("month", "day", "hour", "minute"):
        if m[key] is not None:
            out[key] = int(m[key])
    return out


def timelinejs_of(view: dict[str, Any]) -> dict[str, Any]:
    """The TimelineJS3 data object: a title slide and one slide per dated event.

    Args:
        view: from ``dossier.present.view.build_view``.
    """
    events = []
    for e in view["events"]:
        slide = _slide(e)
        if slide:
            events.append(slide)
    sources = "".join(f"<li>{escape(d['label'])} ({escape(d['date_label'])})</li>" for d in view["documents"])
    return {
        "title": {
            "text": {
                "headline": escape(view["title"]),
                "text": f"<p>{len(events)} dated events from:</p><ul>{sources}</ul>",
            }
        },
        "events": events,
    }


def _slide(e: dict[str, Any]) -> dict[str, Any] | None:
    start, _, end = e["date"].partition("/")
    start_date = timeline_date(start)
    if start_date is None:
        return None
    slide: dict[str, Any] = {
        "unique_id": e["id"],
        "start_date": start_date,
        "display_date": escape(e["date_label"]),
        "text": {"headline": escape(_headline(e["summary"])), "text": _body(e)},
        "group": escape(e["place"]["name"]) if e["place"] else "",
    }
    end_date = timeline_date(end) if end else None
    if end_date:
        slide["end_date"] = end_date
    return slide


def _headline(summary: str) -> str:
    if len(summary) <= _HEADLINE_CHARS:
        return summary
    return summary[: _HEADLINE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _body(e: dict[str, Any]) -> str:
    badges = ", ".join(escape(b["label"]) for b in e["badges"] if b["kind"] != "sources")
    items = "".join(
        f"<li><em>{escape(x['label'])}</em>: {escape((x['text'] or '').strip())}</li>" for x in e["evidence"]
    )
    meta = f"{e['sources']} source{'' if e['sources'] == 1 else 's'}" + (f" · {badges}" if badges else "")
    return f"<p>{escape(e['summary'])}</p><p>{meta}</p><ul>{items}</ul>"


@renderers.register("timelinejs")
def render_timelinejs(dossier: Dossier) -> str:
    """Dated events as TimelineJS3 JSON."""
    from dossier.present.view import view_of_store

    return json.dumps(timelinejs_of(view_of_store(dossier.store)), ensure_ascii=False, indent=1)
