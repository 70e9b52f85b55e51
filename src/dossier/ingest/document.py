"""Building a ``Document`` record: identity, kind, language."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from dossier.errors import EmptyDocument, TooLarge, WrongLanguage
from dossier.ingest.dates import date_in_name
from dossier.ingest.options import IngestOptions
from dossier.models import Document, Published, Source

# below this many letters the language guess is noise: short texts pass unchecked
_LANGUAGE_MIN_LETTERS = 200


def document_id(text: str) -> str:
    """A stable id from the cleaned text: the same text always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_document(
    source: Source,
    text: str,
    options: IngestOptions,
    *,
    path: str | None = None,
    fmt: str,
    kind: str = "other",
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    author: str | None = None,
    published: Published | None = None,
    meta: dict[str, Any] | None = None,
) -> Document:
    """Check the cleaned text and wrap it in a ``Document``.

    Raises:
        EmptyDocument: nothing is left of the text.
        TooLarge: the text is longer than ``options.max_chars``.
        WrongLanguage: the text is not English.
    """
    where = path or source.path
    if not text.strip():
        raise EmptyDocument(where, "no text left after removing markup and boilerplate")
    if len(text) > options.max_chars:
        raise TooLarge(
            where, f"the text is {len(text):,} characters long, over the limit of {options.max_chars:,}"
        )
    if options.check_language:
        check_english(where, text)
    if source.published and (published is None or published.value is None):
        published = Published(source.published, "metadata", source.published_note)
    if published is None or published.value is None:
        named = date_in_name(url or where)
        if named is not None:
            published = Published(named[0], "metadata", named[1])
    return Document(
        id=document_id(text),
        path=where,
        text=text,
        title=title,
        outlet=outlet,
        url=url,
        author=author,
        kind=options.kind or kind,
        language="en",
        published=published or Published(),
        format=fmt,
        meta=meta or {},
    )


def check_english(path: str, text: str) -> None:
    """Refuse text that is clearly not English (py3langid on the first 5,000 characters)."""
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < _LANGUAGE_MIN_LETTERS:
        return
    import py3langid

    lang, _ = py3langid.classify(sample)
    if lang != "en":
        raise WrongLanguage(
            path, f"the text is in language {lang!r}, not English; dossier reads English only"
        )


_WIKI = re.compile(r"(?i)wikipedia|wikinews")


def guess_kind(*hints: str | None, default: str = "news") -> str:
    """'encyclopedia' when any hint (URL, outlet, author) names a wiki, else ``default``."""
    return "encyclopedia" if any(h and _WIKI.search(h) for h in hints) else default
