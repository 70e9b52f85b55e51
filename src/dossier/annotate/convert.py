"""The boundary of the annotate stage: a spaCy ``Doc`` becomes an ``AnnotatedDocument``.

This is the only module that reads ``doc.spans`` and ``._`` attributes; nothing past it sees
spaCy.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from dossier.annotate.extensions import SPANS_KEYS, doc_text, span_text
from dossier.annotate.predicates import from_parse
from dossier.models import AnnotatedDocument, Claim, Document, Mention, Place, Quote, Sentence, Timex

#: spaCy NER labels kept as entity mentions, mapped onto the export's entity types. Numbers,
#: dates and money are not entities: they become timexes and claims.
LABEL_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "FAC",
    "NORP": "NORP",
    "EVENT": "EVENT",
    "WORK_OF_ART": "OTHER",
    "LAW": "OTHER",
    "PRODUCT": "OTHER",
    "LANGUAGE": "OTHER",
}


PART_TYPES: dict[str, type[Any]] = {"timexes": Timex, "places": Place, "claims": Claim, "quotes": Quote}


def doc_to_record(doc: Doc, document: Document) -> AnnotatedDocument:
    """Turn an annotated ``Doc`` into the plain record the later stages read.

    Args:
        doc: the processed document; its text must be ``document.text``.
        document: the document the ``Doc`` was made from.

    Returns:
        The document with its sentences, entity mentions, every component's records and the
        predicates of its parse (event words with their arguments).
    """
    # a Doc made from the document by ``annotate`` carries it: its text is the document's
    made_from = doc._.dossier_document is document and doc_text(doc) is document.text
    if not made_from and doc.text != document.text:
        raise ValueError(f"{document.path}: the Doc's text is not the document's text")
    text = document.text
    sentences = (
        tuple(
            Sentence(s.start_char, s.end_char, part)
            for s in doc.sents
            if (part := span_text(s, text)).strip()
        )
        if doc.has_annotation("SENT_START")
        else ()
    )
    mentions = tuple(
        Mention(e.start_char, e.end_char, span_text(e, text), LABEL_TYPES[e.label_], e.label_)
        for e in doc.ents
        if e.label_ in LABEL_TYPES
    )
    parts: dict[str, Any] = {}
    for part, key in SPANS_KEYS.items():
        records = [span._.dossier_record for span in doc.spans.get(key, [])]
        parts[part] = tuple(r for r in records if isinstance(r, PART_TYPES[part]))
    predicates = from_parse(doc) if doc.has_annotation("DEP") else ()
    return AnnotatedDocument(
        document=document, sentences=sentences, mentions=mentions, predicates=predicates, **parts
    )
