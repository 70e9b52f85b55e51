"""Plain text, typically a web page flattened to text: boilerplate goes, paragraphs stay."""

from __future__ import annotations

import re
from collections.abc import Iterator

from dossier.errors import IngestError
from dossier.ingest.boilerplate import strip_boilerplate
from dossier.ingest.document import guess_kind, make_document
from dossier.ingest.options import IngestOptions
from dossier.models import Document, Source
from dossier.registry import readers

# a first line this short with no sentence end is a headline
_TITLE_MAX = 200


@readers.register("text")
def read_text(text: str, source: Source, options: IngestOptions) -> Iterator[Document | IngestError]:
    """Read plain text: unwrap hard-wrapped paragraphs, strip web boilerplate, find the title."""
    body = unwrap(text)
    body, removed = strip_boilerplate(body)
    yield make_document(
        source,
        body,
        options,
        fmt="text",
        kind=guess_kind(source.path),
        title=find_title(body),
        meta={"removed": [{"line": r.line, "text": r.text, "why": r.why} for r in removed]}
        if removed
        else {},
    )


def find_title(text: str) -> str | None:
    """The first line, when it reads as a headline (short, no final full stop)."""
    first = text.strip().split("\n", 1)[0].strip()
    if first and len(first) <= _TITLE_MAX and not first.endswith((".", ":", ";", ",")):
        return first
    return None


_WRAP_MIN_LINES = 8


def unwrap(text: str) -> str:
    """Join hard-wrapped lines (e-mail style, ~60–80 columns) back into paragraphs.

    Text counts as hard-wrapped when most non-empty lines fill nearly the same width;
    scraped web text (one paragraph per line) is left as it is.
    """
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < _WRAP_MIN_LINES:
        return text
    widths = sorted(len(line) for line in lines)
    width = widths[int(len(widths) * 0.8)]
    full = sum(1 for w in widths if width - 15 <= w <= width)
    if not (40 <= width <= 100 and full / len(lines) > 0.6):
        return text
    paragraphs = re.split(r"\n\s*\n", text)
    return "\n\n".join(re.sub(r"[ \t]*\n[ \t]*", " ", p.strip()) for p in paragraphs if p.strip())
