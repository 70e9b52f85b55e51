"""``/api/documents``: list, read one (text and sentence anchors), add one (with the token)."""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from dossier.errors import IngestError, NotFound
from dossier.models import Document, Source
from dossier.present.web.deps import AccessDep, SettingsDep, StoreDep, ViewDep, require_token
from dossier.present.web.settings import WebSettings
from dossier.store import Store

router = APIRouter(prefix="/documents", tags=["documents"])

#: body media types -> reader format
MEDIA_FORMATS = {
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/html": "html",
}
FORMATS = ("text", "markdown", "html")


class NewDocument(BaseModel):
    """A document posted as JSON."""

    body: str = Field(description="The document: plain text, Markdown (front matter allowed) or HTML.")
    format: str = Field("text", description="text, markdown or html")
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = Field(None, description="Publication date (YYYY-MM-DD), when known.")
    kind: str | None = Field(None, description="news, encyclopedia or other")


@router.get("", summary="Every current document, without its text")
def list_documents(view: ViewDep) -> list[dict[str, Any]]:
    return [{k: v for k, v in d.items() if k not in ("text", "sentences")} for d in view["documents"]]


@router.get("/{doc_id}", summary="One document with its text and sentence anchors")
def get_document(doc_id: str, view: ViewDep) -> dict[str, Any]:
    for d in view["documents"]:
        if d["id"] == doc_id:
            return {**d, "sentences": [{"anchor": a, "start": s, "end": e} for a, s, e in d["sentences"]]}
    raise NotFound(f"no document with id {doc_id!r}")


@router.post(
    "",
    status_code=201,
    summary="Add a document (needs the token)",
    dependencies=[Depends(require_token)],
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {"schema": NewDocument.model_json_schema()},
                "text/plain": {"schema": {"type": "string"}},
                "text/markdown": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            }
        }
    },
)
async def add_document(
    request: Request,
    store: StoreDep,
    access: AccessDep,
    settings: SettingsDep,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    kind: str | None = None,
) -> dict[str, Any]:
    """Annotate, store and link one document; it then shows in the timeline.

    Send JSON (``NewDocument``) or the document itself as ``text/plain``, ``text/markdown``
    or ``text/html`` (metadata in the query string). Bodies over the server's size limit
    are refused with 413.
    """
    raw = await _read_limited(request, settings.max_post_bytes)
    media = (request.headers.get("content-type") or "text/plain").split(";")[0].strip().lower()
    if media == "application/json":
        try:
            posted = NewDocument.model_validate_json(raw)
        except ValueError as exc:
            raise HTTPException(422, f"bad JSON document: {exc}") from exc
    elif media in MEDIA_FORMATS:
        posted = NewDocument(
            body=raw.decode("utf-8", "replace"),
            format=MEDIA_FORMATS[media],
            title=title,
            url=url,
            published=published,
            kind=kind,
        )
    else:
        raise HTTPException(
            415, f"unsupported media type {media!r}; send application/json, {', '.join(MEDIA_FORMATS)}"
        )
    return await run_in_threadpool(_add, posted, store, settings, request)


async def _read_limited(request: Request, limit: int) -> bytes:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise HTTPException(413, f"the document is larger than this server's limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the document is larger than this server's limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _add(posted: NewDocument, store: Store, settings: WebSettings, request: Request) -> dict[str, Any]:
    """Read, annotate, then store and link the posted document.

    Only the store steps hold the store lock: annotation (seconds) runs beside the readers,
    one annotation at a time (the spaCy pipeline is shared).
    """
    from dossier.ingest import IngestOptions, read_source
    from dossier.pipeline import new_documents, store_and_link
    from dossier.scale.local import Annotator

    if posted.format not in FORMATS:
        raise HTTPException(422, f"unknown format {posted.format!r}; use one of {', '.join(FORMATS)}")
    if posted.kind not in (None, "news", "encyclopedia", "other"):
        raise HTTPException(422, "kind must be news, encyclopedia or other")
    content = posted.body.encode("utf-8")
    source = Source(
        path=_path_of(posted, content), content=content, format_hint=posted.format, published=posted.published
    )
    documents: list[Document] = []
    for item in read_source(source, IngestOptions(max_bytes=settings.max_post_bytes, kind=posted.kind)):
        if isinstance(item, IngestError):
            raise item
        documents.append(_with_metadata(item, posted))
    access = request.app.state.access
    fresh = access.run(lambda: new_documents(documents, store))
    with _ANNOTATING:
        records = Annotator(nlp=_nlp(request, settings)).annotate(fresh)

    def write() -> tuple[Any, dict[str, int]]:
        report = store_and_link(records, store, skipped=len(documents) - len(fresh))
        access.invalidate()
        return report, store.counts()

    report, counts = access.run(write)
    return {
        "added": report.added,
        "skipped": report.skipped,
        "documents": [{"id": d.id, "path": d.path, "title": d.title} for d in documents],
        "counts": counts,
    }


#: one annotation at a time: the server's spaCy pipeline is shared by its request threads
_ANNOTATING = threading.Lock()


def _path_of(posted: NewDocument, content: bytes) -> str:
    if posted.url:
        return posted.url
    slug = re.sub(r"[^\w-]+", "-", (posted.title or "").lower()).strip("-")[:60]
    suffix = {"text": ".txt", "markdown": ".md", "html": ".html"}[posted.format]
    return f"api/{slug or hashlib.sha256(content).hexdigest()[:12]}{suffix}"


def _with_metadata(document: Document, posted: NewDocument) -> Document:
    """The reader's document with the metadata the poster gave (theirs wins)."""
    given = {k: getattr(posted, k) for k in ("title", "url", "outlet", "author") if getattr(posted, k)}
    return replace(document, **given) if given else document


def _nlp(request: Request, settings: WebSettings) -> Any:
    """The annotation pipeline, built on the first post and kept."""
    state = request.app.state
    if getattr(state, "nlp", None) is None:
        if settings.nlp is not None:
            state.nlp = settings.nlp
        else:
            from dossier.annotate import build_pipeline

            state.nlp = build_pipeline(settings.model)
    return state.nlp
