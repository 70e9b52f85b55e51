"""A readable brief in Markdown: timeline, places, claims and conflicts, quotes, with
footnoted sources (``[^n]``, each naming the document and quoting the sentence).

Document text is escaped for Markdown: characters that would start markup or raw HTML
(``\\ ` * _ [ ] < > # | !``) get a backslash, so the brief renders the words as written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from dossier.registry import renderers

if TYPE_CHECKING:
    from dossier.api import Dossier

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|!~])")
#: quotes and claims listed per section before "and N more"
_MAX_ITEMS = 40


def md_escape(text: str) -> str:
    """``text`` with Markdown and HTML syntax characters backslash-escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


class _Footnotes:
    """Numbers each distinct source sentence once."""

    def __init__(self) -> None:
        self.notes: dict[tuple[str, int, int], int] = {}
        self.lines: list[str] = []

    def cite(self, ref: dict[str, Any]) -> str:
        key = (ref["doc"], ref["start"], ref["end"])
        if key not in self.notes:
            n = self.notes[key] = len(self.notes) + 1
            text = md_escape((ref.get("text") or "").strip())
            self.lines.append(
                f"[^{n}]: *{md_escape(ref['label'])}* ({ref['doc']}, characters "
                f"{ref['start']}–{ref['end']}): “{text}”"
            )
        return f"[^{self.notes[key]}]"


def markdown_of(view: dict[str, Any]) -> str:
    """The brief as Markdown text.

    Args:
        view: from ``dossier.present.view.build_view``.
    """
    notes = _Footnotes()
    parts = [f"# {md_escape(view['title'])}", "", _counts(view), ""]
    parts += _timeline(view, notes) + _places(view, notes) + _claims(view, notes) + _quotes(view, notes)
    parts += _sources(view)
    parts += ["## Notes", "", *notes.lines, ""]
    return "\n".join(parts)


def _counts(view: dict[str, Any]) -> str:
    c = view["counts"]
    names = ("documents", "events", "entities", "claims", "quotes", "conflicts")
    return " · ".join(f"{c.get(name, 0)} {name}" for name in names)


def _timeline(view: dict[str, Any], notes: _Footnotes) -> list[str]:
    out = ["## Timeline", ""]
    for day in view["timeline"]:
        for e in day["events"]:
            cites = "".join(notes.cite(x) for x in e["evidence"])
            badges = "".join(f" *({b['label']})*" for b in e["badges"] if b["kind"] != "sources")
            where = f" — {md_escape(e['place']['name'])}" if e["place"] else ""
            out.append(
                f"- **{md_escape(day['label'])}**{where}: {md_escape(e['summary'])}{cites} "
                f"({e['sources']} source{'' if e['sources'] == 1 else 's'}){badges}"
            )
    return [*out, ""] if view["timeline"] else ["## Timeline", "", "No dated events.", ""]


def _places(view: dict[str, Any], notes: _Footnotes) -> list[str]:
    out = ["## Places", ""]
    for p in view["places"]:
        where = ", ".join(x for x in (p["admin1"], p["country"]) if x)
        cite = notes.cite(p["mentions"][0]) if p["mentions"] else ""
        kind = md_escape(p["feature"] or "place") + (", " + md_escape(where) if where else "")
        where_text = f"{kind}; {p['lat']:.4f}, {p['lon']:.4f}"
        out.append(f"- **{md_escape(p['name'])}** ({where_text}) — {len(p['mentions'])} mentions{cite}")
    return [*out, ""]


def _claims(view: dict[str, Any], notes: _Footnotes) -> list[str]:
    out = ["## Who claimed what", ""]
    for k in view["conflicts"]:
        sides = "; ".join(
            f"{md_escape(s['who'] or 'the source itself')}: {md_escape(s['value_label'] or s['text'])}"
            + notes.cite(s["ref"])
            for s in k["sides"]
        )
        out.append(f"- **Conflict — {md_escape(k['about'])}**: {sides}. {md_escape(k['explanation'])}")
    for c in view["claims"][:_MAX_ITEMS]:
        hedge = " *(hedged)*" if c["hedged"] else ""
        out.append(
            f"- {md_escape(c['value_label'])} {md_escape(c['unit'] or '')} — "
            f"{md_escape(c['who'] or 'the source itself')}{hedge}{notes.cite(c['ref'])}"
        )
    if len(view["claims"]) > _MAX_ITEMS:
        out.append(f"- … and {len(view['claims']) - _MAX_ITEMS} more claims")
    return [*out, ""]


def _quotes(view: dict[str, Any], notes: _Footnotes) -> list[str]:
    out = ["## Quotes", ""]
    for g in view["speakers"]:
        out.append(f"### {md_escape(g['speaker'] or 'Unknown speaker')}")
        out.append("")
        for q in g["quotes"][:_MAX_ITEMS]:
            out.append(f"> “{md_escape(q['text'])}”{notes.cite(q['ref'])}")
            out.append("")
    return out


def _sources(view: dict[str, Any]) -> list[str]:
    out = ["## Sources", ""]
    for d in view["documents"]:
        pub = d["published"]
        how = f" — {md_escape(pub['explanation'])}" if pub.get("explanation") else ""
        out.append(
            f"- *{md_escape(d['label'])}* ({md_escape(d['outlet'] or d['kind'])}), published "
            f"{md_escape(d['date_label'])} ({pub['basis']}{how}); id {d['id']}"
        )
    return [*out, ""]


@renderers.register("markdown")
def render_markdown(dossier: Dossier) -> str:
    """A readable brief with footnoted sources."""
    from dossier.present.view import view_of_store

    return markdown_of(view_of_store(dossier.store))
