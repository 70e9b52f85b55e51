"""Markdown, with optional YAML front matter (title, author, infoboxes…).

The front matter becomes document metadata (infobox fields and their links included, as
the link stage uses them as hints); the body is rendered to plain text: one block per
paragraph, heading or list item, markup and images dropped, link texts kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import frontmatter
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from dossier.errors import IngestError, MalformedContent
from dossier.ingest.dates import is_iso_date
from dossier.ingest.decode import clean_text
from dossier.ingest.document import guess_kind, make_document
from dossier.ingest.options import IngestOptions
from dossier.models import Document, Published, Source
from dossier.registry import readers

_md = MarkdownIt("commonmark").enable("table").enable("strikethrough")

#: front matter copied past this many values is refused (see ``_plain``)
_MAX_META_VALUES = 100_000

#: front-matter keys that hold a publication date, in order of preference
_DATE_KEYS = ("published", "date", "publishDate", "pubDate", "datePublished", "published_at")


@readers.register("markdown")
def read_markdown(text: str, source: Source, options: IngestOptions) -> Iterator[Document | IngestError]:
    """Read Markdown: front matter to metadata, body to plain text."""
    try:
        post = frontmatter.loads(text)
    except (yaml.YAMLError, ValueError) as exc:
        raise MalformedContent(
            source.path, f"the YAML front matter does not parse: {_first_line(exc)}"
        ) from exc
    except RecursionError as exc:
        raise MalformedContent(source.path, "the YAML front matter is nested too deeply") from exc
    try:
        meta = _plain(post.metadata, [_MAX_META_VALUES])
    except _TooLarge as exc:
        raise MalformedContent(
            source.path, f"the YAML front matter expands to over {_MAX_META_VALUES:,} values (aliases?)"
        ) from exc
    except RecursionError as exc:
        raise MalformedContent(source.path, "the YAML front matter is nested too deeply") from exc
    body = markdown_to_text(post.content)
    author = _str(meta.get("author"))
    outlet = _str(meta.get("outlet") or meta.get("site_name") or meta.get("publisher"))
    if outlet is None and author and guess_kind(author) == "encyclopedia":
        outlet = author
    kind = guess_kind(source.path, author, outlet, _str(meta.get("url")), default="other")
    if meta.get("infoboxes"):
        kind = "encyclopedia"
    yield make_document(
        source,
        body,
        options,
        fmt="markdown",
        kind=kind,
        title=_str(meta.get("title")),
        outlet=outlet,
        url=_str(meta.get("url") or meta.get("source")),
        author=author,
        published=_published(meta),
        meta={"front_matter": meta} if meta else {},
    )


def markdown_to_text(markdown: str) -> str:
    """Render Markdown to plain text: blocks separated by blank lines, no markup.

    Table rows become one line each, cells joined by " | ".
    """
    blocks: list[str] = []
    cells: list[str] | None = None
    for token in _md.parse(markdown):
        if token.type == "tr_open":
            cells = []
        elif token.type == "tr_close" and cells is not None:
            if any(c.strip() for c in cells):
                blocks.append(" | ".join(c.strip() for c in cells))
            cells = None
        elif token.type == "inline":
            words = _inline_text(token.children or [])
            if cells is not None:
                cells.append(words)
            elif words.strip():
                blocks.append(words.strip())
        elif token.type in {"fence", "code_block"} and token.content.strip():
            blocks.append(token.content.strip())
        elif token.type == "html_block":
            stripped = re.sub(r"<[^>]+>", " ", token.content).strip()
            if stripped:
                blocks.append(re.sub(r"\s+", " ", stripped))
    return "\n\n".join(blocks)


def _inline_text(children: list[Token]) -> str:
    """Text of an inline run: link texts kept, images and markup dropped, breaks as spaces."""
    out: list[str] = []
    for child in children:
        if child.type in {"text", "code_inline"}:
            out.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            out.append(" ")
    return re.sub(r"[ \t]+", " ", "".join(out))


def _published(meta: dict[str, Any]) -> Published | None:
    for key in _DATE_KEYS:
        value = meta.get(key)
        if value:
            iso = value.isoformat()[:10] if isinstance(value, dt.date) else str(value)[:10]
            if is_iso_date(iso):
                return Published(iso, "metadata", f"front matter field {key!r}")
    return None


class _TooLarge(Exception):
    pass


def _plain(value: Any, budget: list[int]) -> Any:
    """Front matter with dates as ISO strings, so it stores as JSON.

    ``budget`` counts down the values copied: YAML aliases let a few lines stand for an
    exponential number of them ("billion laughs"), which is refused rather than expanded.
    """
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge
    if isinstance(value, dict):
        return {clean_text(str(k)): _plain(v, budget) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, budget) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return clean_text(value)  # YAML escapes ("\\ud800", "\\x00") get past the decoding
    return value


def _str(value: Any) -> str | None:
    return str(value).strip() or None if value is not None and not isinstance(value, (dict, list)) else None


def _first_line(exc: Exception) -> str:
    return str(exc).strip().split("\n", 1)[0]
