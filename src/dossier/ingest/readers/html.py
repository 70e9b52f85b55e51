"""HTML pages: trafilatura finds the article body, htmldate the publication date."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from urllib.parse import urlparse

import trafilatura
from htmldate import find_date

from dossier.errors import EmptyDocument, IngestError
from dossier.ingest.boilerplate import strip_boilerplate
from dossier.ingest.document import guess_kind, make_document
from dossier.ingest.options import IngestOptions
from dossier.models import Document, Published, Source
from dossier.registry import readers

# trafilatura logs its own errors for pages it cannot parse; the reader refuses those pages
# with one line naming the file, so its log lines would only repeat that without the name
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


@readers.register("html")
def read_html(text: str, source: Source, options: IngestOptions) -> Iterator[Document | IngestError]:
    """Read an HTML page: main text, title, author, outlet, URL and publication date."""
    url = source.path if source.path.startswith(("http://", "https://")) else None
    extracted = trafilatura.bare_extraction(
        text,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=True,
    )
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or not body.strip():
        raise EmptyDocument(source.path, "no article text found in the HTML page")
    body, removed = strip_boilerplate(_paragraphs(body))
    url = getattr(extracted, "url", None) or url
    outlet = getattr(extracted, "sitename", None) or (urlparse(url).hostname if url else None)
    yield make_document(
        source,
        body,
        options,
        fmt="html",
        kind=guess_kind(url, outlet, source.path),
        title=getattr(extracted, "title", None),
        outlet=outlet,
        url=url,
        author=getattr(extracted, "author", None),
        published=_published(text, url),
        meta={"removed": [{"line": r.line, "text": r.text, "why": r.why} for r in removed]}
        if removed
        else {},
    )


def _paragraphs(body: str) -> str:
    """trafilatura separates paragraphs by single newlines; use blank lines as the other readers do."""
    return "\n\n".join(line.strip() for line in body.split("\n") if line.strip())


def _published(html: str, url: str | None) -> Published | None:
    """The page's publication date from its markup (htmldate, original date, no guessing from today)."""
    value = find_date(html, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    return Published(value, "metadata", "htmldate: the page's own date markup") if value else None
