"""``dossier_timex``: dates, times, durations and sets with TIMEX3 values.

The grammar and the anchoring are pure functions in ``dossier.temporal``; this component
only adds what needs the parse:

- the tense of the clause around each expression (a past-tense "on Friday" is the Friday
  on or before the document date, a future one the Friday after);
- vetoes: a four-digit number the grammar read as a year but the tagger sees counting a
  noun ("1500 troops").

It reads the document's date and kind from ``doc._.dossier_document`` (may be None: the
text is then read as a narrative with no document date) and writes
``doc.spans[spans_key]`` with a ``dossier.models.Timex`` on each span's
``._.dossier_record``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dossier.annotate.extensions import doc_text
from dossier.temporal import tag

#: Auxiliaries that put a clause in the future.
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would"}
#: Verbs whose complement lies ahead ("planned to leave Thursday", "scheduled ... Friday").
_PLAN_VERBS = {"plan", "schedule", "expect", "intend", "hope", "aim", "set", "due"}
_FUTURE_BEFORE = re.compile(r"as\s+(?:soon|early)\s+as\s+$|\buntil\s+$|\bby\s+$")
_PAST_TAGS = {"VBD"}
#: Four-digit numbers read as years when a determiner stands before them (a count of
#: 1900-2039 things after "the" is rarer than a year).
_MODERN_YEAR = (1900, 2039)
_COUNTING_DET = {"all", "these", "those", "some", "any", "no"}
_YEAR_PREFIX = re.compile(r"(?:post|pre|mid)-$", re.IGNORECASE)


def _governing_verb(span: Span) -> Token | None:
    """The verb an expression hangs from (its head chain, up to the clause's verb)."""
    token = span.root
    for _ in range(8):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head is token:
            return token if token.pos_ in {"VERB", "AUX"} else None
        token = token.head
    return None


def clause_tense(span: Span, text: str | None = None) -> str | None:
    """past, present, future or None for the clause around ``span``.

    Args:
        span: the expression.
        text: ``span.doc.text`` when the caller has it (spaCy rebuilds ``Doc.text`` from
            every token on each access: per expression that is quadratic in the document).
    """
    verb = _governing_verb(span)
    if verb is None:
        return None
    if text is None:
        text = span.doc.text
    before = text[max(0, span.start_char - 16) : span.start_char].lower()
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    cue = _FUTURE_BEFORE.search(before)
    if cue and (cue.group().startswith("as") or not _past_perfect(verb, auxes)):
        # "as soon as Tuesday", "by Jan. 14"; not "until Thursday, they had not called"
        # nor "by Wednesday, two members had filed" (TBAQ-cleaned)
        return "future"
    if any(a.lower_ in _FUTURE_AUX for a in auxes) or (verb.lower_ in _FUTURE_AUX):
        return "future"
    if verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes) and verb.head.lemma_ in _PLAN_VERBS:
        return "future"  # "planned to leave on Thursday"
    if (
        verb.lemma_ in _PLAN_VERBS
        and verb.tag_ in {"VBN", "VBZ", "VBP"}
        and span.root.dep_ in {"npadvmod", "pobj"}
    ):
        return "future"  # "has scheduled a news conference Thursday"
    if any(a.lower_ == "going" for a in auxes) or any(
        c.lower_ == "going" for c in verb.subtree if c.i < verb.i
    ):
        return "future"
    if verb.tag_ in _PAST_TAGS or any(a.tag_ in _PAST_TAGS for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lower_ in {"has", "have", "had"} for a in auxes):
        return "past"
    if verb.tag_ in {"VBZ", "VBP"} or any(a.tag_ in {"VBZ", "VBP"} for a in auxes):
        return "present"
    return None


def _past_perfect(verb: Token, auxes: list[Token]) -> bool:
    """Is the clause in the past perfect ("had not called", "had filed")?"""
    return verb.tag_ == "VBN" and any(a.lower_ == "had" for a in auxes)


def _counts_a_noun(doc: Doc, start: int, end: int, text: str | None = None) -> bool:
    """A bare four-digit 'year' followed by a plural noun is a count ("1500 troops").

    Not when a determiner or "post-"/"pre-" puts a modern year before the noun ("the 1992
    protests", "post-1959 politics": years in TBAQ-cleaned).
    """
    full = doc.text if text is None else text
    surface = full[start:end]
    if not (len(surface) == 4 and surface.isdigit()):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    if not (nxt.tag_ in {"NNS", "NNPS"} and not nxt.lower_.endswith("ies")):
        return False
    if _MODERN_YEAR[0] <= int(surface) <= _MODERN_YEAR[1]:
        if _YEAR_PREFIX.search(full, max(0, start - 5), start):
            return False
        prev = doc[span.start - 1] if span.start > 0 else None
        if prev is not None and prev.tag_ in {"DT", "PRP$", "POS"} and prev.lower_ not in _COUNTING_DET:
            return False
    return True


class TimexTagger:
    """The ``dossier_timex`` component (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, spans_key: str, use_tense: bool) -> None:
        self.name = name
        self.spans_key = spans_key
        self.use_tense = use_tense

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.dossier_document
        published = document.published if document is not None else None
        dct = published.value if published is not None else None
        kind = document.kind if document is not None else "other"
        # Each of these walks every token: read once per document, never per expression.
        text = doc_text(doc)
        has_parse = self.use_tense and doc.has_annotation("DEP")
        has_tags = doc.has_annotation("TAG")

        def tense_of(start: int, end: int) -> str | None:
            span = doc.char_span(start, end, alignment_mode="expand")
            return clause_tense(span, text) if span is not None and len(span) else None

        def veto(start: int, end: int) -> bool:
            return _counts_a_noun(doc, start, end, text)

        timexes = tag(
            text, dct, kind, tense_of=tense_of if has_parse else None, veto=veto if has_tags else None
        )
        spans = []
        for i, timex in enumerate(timexes):
            # span_id: two timexes inside one token ("2022/23") get spans of the same tokens
            span = doc.char_span(timex.start, timex.end, label=timex.type, alignment_mode="expand", span_id=i)
            if span is None:
                continue
            span._.dossier_record = timex
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory(
    "dossier_timex",
    assigns=["doc.spans"],
    requires=["token.dep", "token.tag"],
    default_config={"spans_key": "dossier_timex", "use_tense": True},
)
def make_timex_tagger(nlp: Language, name: str, spans_key: str, use_tense: bool) -> TimexTagger:
    """Factory of the ``dossier_timex`` component.

    Args:
        nlp: the pipeline.
        name: the component's name.
        spans_key: the ``doc.spans`` key written.
        use_tense: read the clause's tense from the parse to direct weekdays and months.
    """
    return TimexTagger(nlp, name, spans_key, use_tense)
