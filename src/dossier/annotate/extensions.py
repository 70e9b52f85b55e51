"""Every ``Doc._`` / ``Span._`` attribute dossier uses, registered once at import time."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

#: The ``Document`` record being annotated (publication date, kind, title): set before the
#: pipeline runs, read by components that need the document's context (e.g. the DCT).
Doc.has_extension("dossier_document") or Doc.set_extension("dossier_document", default=None)


def doc_text(doc: Doc) -> str:
    """``doc.text`` without rebuilding it.

    spaCy joins every token's text on each ``Doc.text`` (and ``Span.text``) access. A Doc
    is made from its document's text and tokenization keeps every character, so when
    ``doc._.dossier_document`` is set (``annotate`` sets it to the document the Doc was
    made from) its text is the Doc's; a length check guards against a mismatched record.
    """
    document = doc._.dossier_document
    if document is not None:
        text: str = document.text
        if len(doc) == 0:
            if not text:
                return text
        elif doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
            return text
    return str(doc.text)


def span_text(span: Span, text: str) -> str:
    """``span.text`` sliced from its Doc's ``text`` (``Span.text`` also rebuilds the string)."""
    return text[span.start_char : span.end_char]


def _record_key(span: Span) -> tuple[str, int, int, str, int]:
    return ("dossier_record", span.start_char, span.end_char, span.label_, span.id)


def _get_record(span: Span) -> Any:
    return span.doc.user_data.get(_record_key(span))


def _set_record(span: Span, value: Any) -> None:
    span.doc.user_data[_record_key(span)] = value


#: The finished record (Timex, Place, Claim, Quote) a component made for one of its spans.
#: Keyed by offsets, label *and span id*: spaCy keys plain span extensions by offsets alone,
#: so a duration ("45 days") and a quantity over the same characters would overwrite each
#: other, and so would two records inside one token ("2022" and "23" of "2022/23"), which a
#: component tells apart by giving their spans distinct ids.
Span.has_extension("dossier_record") or Span.set_extension(
    "dossier_record", getter=_get_record, setter=_set_record
)

#: The span keys of ``doc.spans`` each component writes to (defaults of their factories).
SPANS_KEYS = {
    "timexes": "dossier_timex",
    "places": "dossier_places",
    "claims": "dossier_quantities",
    "quotes": "dossier_quotes",
}
