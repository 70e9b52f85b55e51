"""``/api/search``: full-text search over sentences (SQLite FTS5 query syntax)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from dossier.present.view import Sentences
from dossier.present.web.deps import AccessDep, StoreDep, ViewDep

router = APIRouter(tags=["search"])


@router.get("/search", summary="Sentences matching an FTS5 query; a malformed query is a 400 with the reason")
def search(
    store: StoreDep,
    access: AccessDep,
    view: ViewDep,
    q: str = Query(
        ..., min_length=1, max_length=500, description='FTS5 syntax: words, "phrases", AND/OR/NOT, prefix*'
    ),
    limit: int = Query(20, ge=1, le=200),
) -> dict[str, Any]:
    hits = access.run(lambda: store.search(q, limit=limit))
    sentences = _sentences(view)
    out = []
    for h in hits:
        ref = sentences.ref(h.doc, h.start, h.end, h.text.strip())
        out.append({**ref, "snippet": h.snippet})
    return {"query": q, "count": len(out), "hits": out}


def _sentences(view: dict[str, Any]) -> Sentences:
    """Sentence boundaries from the view's documents (no second pass over the store)."""
    s = Sentences(())
    for d in view["documents"]:
        s.starts[d["id"]] = [start for _, start, _ in d["sentences"]]
        s.ends[d["id"]] = [end for _, _, end in d["sentences"]]
        s.labels[d["id"]] = d["label"]
    return s
