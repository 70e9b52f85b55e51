"""Every ``Doc._`` / ``Span._`` attribute dossier uses, registered once at import time."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

#: The ``Document`` record being annotated (publication date, kind, title): set before the
#: pipeline runs, read by components that need the document's context (e.g. the DCT).
Doc.has_extension("dossier_document") or Doc.set_extension("dossier_document", default=None)


def _record_key(span: Span) -> tuple[str, int, int, str]:
    return ("dossier_record", span.start_char, span.end_char, span.label_)


def _get_record(span: Span) -> Any:
    return span.doc.user_data.get(_record_key(span))


def _set_record(span: Span, value: Any) -> None:
    span.doc.user_data[_record_key(span)] = value


#: The finished record (Timex, Place, Claim, Quote) a component made for one of its spans.
#: Keyed by offsets *and label*: spaCy keys plain span extensions by offsets alone, so a
#: duration ("45 days") and a quantity over the same characters would overwrite each other.
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
