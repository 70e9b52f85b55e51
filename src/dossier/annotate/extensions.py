"""Every ``Doc._`` / ``Span._`` attribute dossier uses, registered once at import time."""

from __future__ import annotations

from spacy.tokens import Doc, Span

#: The ``Document`` record being annotated (publication date, kind, title): set before the
#: pipeline runs, read by components that need the document's context (e.g. the DCT).
Doc.has_extension("dossier_document") or Doc.set_extension("dossier_document", default=None)

#: The finished record (Timex, Place, Claim, Quote) a component made for one of its spans.
Span.has_extension("dossier_record") or Span.set_extension("dossier_record", default=None)

#: The span keys of ``doc.spans`` each component writes to (defaults of their factories).
SPANS_KEYS = {
    "timexes": "dossier_timex",
    "places": "dossier_places",
    "claims": "dossier_quantities",
    "quotes": "dossier_quotes",
}
