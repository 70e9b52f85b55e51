"""``doc_text``/``span_text`` give what ``Doc.text``/``Span.text`` would, without rebuilding them."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.annotate.extensions import doc_text, span_text
from dossier.models import Document

NLP = spacy.blank("en")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.integers(0, 40), st.integers(0, 40))
def test_same_as_spacy(text: str, a: int, b: int) -> None:
    doc = NLP.make_doc(text)
    doc._.dossier_document = Document(id="d", path="d.txt", text=text)
    assert doc_text(doc) == doc.text
    lo, hi = sorted((min(a, len(doc)), min(b, len(doc))))
    if hi > lo:
        span = doc[lo:hi]
        assert span_text(span, doc_text(doc)) == span.text


def test_a_mismatched_document_is_not_trusted() -> None:
    doc = NLP.make_doc("Kyiv said so.")
    doc._.dossier_document = Document(id="d", path="d.txt", text="Other text, longer.")
    assert doc_text(doc) == "Kyiv said so."
    doc._.dossier_document = None
    assert doc_text(doc) == "Kyiv said so."
