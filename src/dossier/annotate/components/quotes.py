"""``dossier_quotes``: direct and reported speech, each with its speaker.

Direct quotes are the passages between quotation marks (``dossier.claims.quotemarks``:
straight, curly and single marks, quotes over several sentences, quotes split by the
attribution, partial quotes inside a sentence). Each gets a cue and a speaker:

1. the nearest verb of saying that governs the quoted words in the parse ("called it a
   “historic day”", "warned that there were still 'a lot of mines…'");
2. else the nearest verb of saying outside quotation marks in the sentences the quote
   touches ("“…,” he said", "X told Reuters: '…'");
3. else "according to X" in those sentences;
4. else the speaker of the quote just before it in the same paragraph (a quote continued
   after its attribution), or of the previous paragraph's quote when this one opens a
   paragraph.

Speakers are resolved by ``attribution``: names with their roles, pronouns to the last
speaker of their kind, surnames to the full name seen before. A short quoted phrase with no
speaker at all (a title, a song, a scare quote: at most ``MIN_WORDS_WITHOUT_SPEAKER`` - 1
words) is not a quote.

Reported speech: a reporting verb with a clausal complement outside quotation marks ("Kyiv
said its forces were taking control") is a ``Quote`` with ``direct=False``; a denial ("X
denied the episode was humiliating") is one whose ``cue`` is the denying verb, a statement
against its complement. After quotes are found, claims of ``dossier_quantities`` inside a
direct quote that had no source get the quote's speaker.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dossier.annotate.components.attribution import (
    Attributions,
    attributions,
    clear_cache,
    doc_text,
    is_cue,
    source_in_clause,
    tokens_with,
)
from dossier.claims.cues import DENIAL_VERBS, PRONOUNS, REPORTING_VERBS, STATEMENT_NOUNS
from dossier.claims.quotemarks import Quoted, find_quoted
from dossier.models import Quote, Speaker

#: A quoted passage with no speaker needs at least this many words to be kept as a quote.
MIN_WORDS_WITHOUT_SPEAKER = 8
#: A quote continuing the previous one must have at least this many words (a sentence, not
#: a scare-quoted phrase such as "Russian cities").
MIN_WORDS_CONTINUED = 3
#: Most characters between a quote and the one it continues (same paragraph).
CONTINUATION_GAP = 250
_REPORTED_LEMMAS = REPORTING_VERBS | DENIAL_VERBS


def _sentences_of(doc: Doc, start: int, end: int) -> list[Span]:
    """The sentences overlapping the characters ``start:end``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return []
    sents = [span[0].sent]
    while sents[-1].end < len(doc) and sents[-1].end_char < end:
        sents.append(doc[sents[-1].end].sent)
    return sents


def _quoted_mask(doc: Doc, quoted: list[Quoted]) -> set[int]:
    """Indices of tokens inside quotation marks (the marks included)."""
    mask: set[int] = set()
    for q in quoted:
        span = doc.char_span(q.open_at, q.close_at + 1, alignment_mode="expand")
        if span is not None:
            mask.update(range(span.start, span.end))
    return mask


def _governing_cue(span: Span, mask: set[int]) -> Token | None:
    """The nearest cue verb outside quotes among the ancestors of the quoted words."""
    best: tuple[int, Token] | None = None
    for tok in span:
        if tok.head.i in range(span.start, span.end) and tok.head is not tok:
            continue
        for depth, anc in enumerate(tok.ancestors):
            if anc.i in mask:
                continue
            if is_cue(anc):
                if best is None or depth < best[0]:
                    best = (depth, anc)
                break
    return best[1] if best else None


def _statement_owner(span: Span, mask: set[int]) -> tuple[Span, Token] | None:
    """ "the Defence Ministry's statement that '[n]ot a single piece …'": the quote is the
    owner's words whatever verb governs the sentence ("Footage suggested …, contradicting").
    The owner (a possessor named, not a pronoun) and the statement noun, if the quoted words
    hang from such a noun within two steps outside the quote."""
    for tok in span:
        if tok.head.i in range(span.start, span.end) and tok.head is not tok:
            continue
        steps = 0
        for anc in tok.ancestors:
            if anc.i in mask:
                continue
            steps += 1
            if steps > 2:
                break
            if anc.pos_ == "NOUN" and anc.lemma_.lower() in STATEMENT_NOUNS:
                for child in anc.children:
                    if child.dep_ == "poss" and child.lower_ not in PRONOUNS and child.pos_ in ("PROPN", "NOUN"):
                        owner = span.doc[child.left_edge.i : child.i + 1]
                        return owner, anc
                return None
    return None


def _nearby_cue(doc: Doc, q: Quoted, mask: set[int], sents: list[Span]) -> Token | None:
    """The cue verb outside quotes nearest to the quote in the sentences it touches."""
    cands = [t for s in sents for t in s if t.i not in mask and is_cue(t)]
    if not cands:
        return None

    def distance(t: Token) -> int:
        return t.idx - q.close_at if t.idx > q.close_at else (q.open_at - t.idx) + 1

    return min(cands, key=distance)


def _cue_after(doc: Doc, q: Quoted, mask: set[int]) -> Token | None:
    """ "“…!” Trump tweeted.": a cue opening the sentence right after a quote that ends its own."""
    span = doc.char_span(q.close_at + 1, min(len(doc_text(doc)), q.close_at + 80), alignment_mode="contract")
    if span is None or "\n" in doc_text(doc)[q.close_at : q.close_at + 2]:
        return None
    for tok in span[:6]:
        if tok.i in mask or tok.is_punct:
            return None
        if is_cue(tok):
            return tok
    return None


class _QuoteFinder:
    """Finds a document's quotes in order, remembering the last one for continuations."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.attrs: Attributions = attributions(doc)
        self.quoted = find_quoted(doc_text(doc))
        self.mask = _quoted_mask(doc, self.quoted)
        self.last: Quote | None = None
        self.last_cue: Token | None = None

    def direct(self) -> list[tuple[Quote, Span]]:
        out: list[tuple[Quote, Span]] = []
        for q in self.quoted:
            made = self._one(q)
            if made is not None:
                out.append(made)
                self.last = made[0]
        return out

    def _one(self, q: Quoted) -> tuple[Quote, Span] | None:
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not span.text.strip():
            return None
        speaker, cue_text, cue = self._attribute(q, span)
        words = len(q.text.split())
        if speaker is None and words < MIN_WORDS_WITHOUT_SPEAKER:
            return None
        end = q.end
        while end > q.start and doc_text(self.doc)[end - 1] in ",;:":
            end -= 1
        record = Quote(q.start, end, doc_text(self.doc)[q.start : end], speaker, cue_text, True)
        self.last_cue = cue
        return record, span

    def _attribute(self, q: Quoted, span: Span) -> tuple[Speaker | None, str | None, Token | None]:
        """The quote's speaker, the cue's text and the cue verb (see the module docstring)."""
        owned = _statement_owner(span, self.mask)
        if owned is not None:
            owner, noun = owned
            return Speaker(_clean_name(owner.text), owner.start_char, owner.end_char), noun.text, None
        sents = _sentences_of(self.doc, q.open_at, q.close_at + 1)
        cue = (
            _governing_cue(span, self.mask)
            or _nearby_cue(self.doc, q, self.mask, sents)
            or _cue_after(self.doc, q, self.mask)
        )
        speaker, cue_text = (self.attrs.add(cue), cue.text) if cue is not None else (None, None)
        if speaker is None and sents:
            lo, hi = sents[0].start, sents[-1].end
            speaker, cue_text = source_in_clause(self.doc, lo, hi, q.start)[0], cue_text or None
            if speaker is not None:
                cue_text = cue_text or "according to"
        if speaker is None and len(q.text.split()) >= MIN_WORDS_CONTINUED:
            speaker, continued_cue = self._continued(q)
            cue_text = cue_text or continued_cue
        return speaker, cue_text, cue

    def _continued(self, q: Quoted) -> tuple[Speaker | None, str | None]:
        """The previous quote's speaker when this quote continues it."""
        last = self.last
        if last is None or last.speaker is None:
            return None, None
        between = doc_text(self.doc)[last.end : q.open_at]
        paragraphs = between.count("\n")
        gap = self.doc.char_span(last.end, q.open_at, alignment_mode="contract")
        own_attribution = (
            gap is not None and self.last_cue is not None and gap.start <= self.last_cue.i < gap.end
        )
        surname = (last.speaker.name.split() or [""])[-1]
        if (
            gap is not None
            and not own_attribution
            and any(e.label_ in ("PERSON", "ORG") and surname not in e.text.split() for e in gap.ents)
        ):
            return None, None
        if paragraphs == 0 and len(between) <= CONTINUATION_GAP:
            return last.speaker, last.cue
        opens_paragraph = not doc_text(self.doc)[
            doc_text(self.doc).rfind("\n", 0, q.open_at) + 1 : q.open_at
        ].strip()
        if paragraphs == 1 and opens_paragraph and len(between) <= CONTINUATION_GAP:
            return last.speaker, last.cue
        return None, None

    def _clause_after(self, obj: Token, tokens: list[Token]) -> list[Token]:
        """ "denied the episode was humiliating": the object plus the predicate after it."""
        nxt = obj.right_edge.i + 1
        doc = self.doc
        if nxt >= len(doc) or doc[nxt].pos_ not in ("AUX", "VERB"):
            return tokens
        end = nxt
        sent_end = doc[nxt].sent.end
        while end + 1 < sent_end and doc[end + 1].text not in (",", ";", ".", "—", "–"):
            end += 1
        return tokens + list(doc[nxt : end + 1])

    def reported(self) -> list[tuple[Quote, Span]]:
        """Reported speech: a reporting verb's clause outside quotation marks."""
        out: list[tuple[Quote, Span]] = []
        for i in tokens_with(self.doc, lemmas=_REPORTED_LEMMAS):
            tok = self.doc[i]
            lemma = tok.lemma_.lower()
            if (
                tok.i in self.mask
                or tok.pos_ not in ("VERB", "AUX")
                or lemma not in REPORTING_VERBS | DENIAL_VERBS
            ):
                continue
            deps = ("ccomp", "xcomp", "dobj") if lemma in DENIAL_VERBS else ("ccomp",)
            comp = next((c for c in tok.children if c.dep_ in deps and c.i > tok.i), None)
            if comp is None:
                continue
            tokens = [t for t in comp.subtree]
            if comp.dep_ == "dobj" and comp.pos_ in ("NOUN", "PROPN"):
                tokens = self._clause_after(comp, tokens)
            if any(t.i in self.mask for t in tokens):
                continue
            while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
                tokens = tokens[1:]
            while tokens and tokens[-1].is_punct:
                tokens = tokens[:-1]
            if len(tokens) < 2:
                continue
            speaker = self.attrs.add(tok) if is_cue(tok) else None
            if speaker is None:
                subj = self.attrs.subject(tok)
                found = self.attrs.speaker_of_phrase(subj) if subj is not None else None
                speaker = found[0] if found else None
            if speaker is None:
                continue
            span = self.doc[tokens[0].i : tokens[-1].i + 1]
            out.append((Quote(span.start_char, span.end_char, span.text, speaker, tok.text, False), span))
        return out


def _clean_name(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", " ".join(text.split()), flags=re.I)


def _attribute_claims(doc: Doc, quotes: list[Quote], key: str) -> None:
    """Give claims inside a direct quote, with no source of their own, the quote's speaker."""
    claims = doc.spans.get(key)
    if claims is None:
        return
    for span in claims:
        claim = span._.dossier_record
        if claim is None or claim.attributed_to is not None or claim.number_start is None:
            continue
        for quote in quotes:
            if quote.direct and quote.speaker and quote.start <= claim.number_start < quote.end:
                span._.dossier_record = dataclasses.replace(claim, attributed_to=quote.speaker)
                break


def quote_records(doc: Doc) -> list[tuple[Quote, Span]]:
    """Every direct and reported quote of the document, in text order."""
    finder = _QuoteFinder(doc)
    found = finder.direct() + finder.reported()
    found.sort(key=lambda item: (item[0].start, item[0].end))
    return found


@Language.factory(
    "dossier_quotes",
    assigns=["doc.spans"],
    requires=["token.dep", "token.pos", "doc.ents", "doc.sents"],
    default_config={"spans_key": "dossier_quotes", "claims_key": "dossier_quantities"},
)
def make_quotes(nlp: Language, name: str, spans_key: str, claims_key: str) -> QuotesComponent:
    """spaCy factory of ``dossier_quotes``."""
    return QuotesComponent(spans_key, claims_key)


class QuotesComponent:
    """Writes one span per quote, its ``Quote`` in ``span._.dossier_record``."""

    def __init__(self, spans_key: str = "dossier_quotes", claims_key: str = "dossier_quantities") -> None:
        self.spans_key = spans_key
        self.claims_key = claims_key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        records = []
        for quote, span in quote_records(doc):
            span = Span(doc, span.start, span.end, label="QUOTE")
            span._.dossier_record = quote
            spans.append(span)
            records.append(quote)
        doc.spans[self.spans_key] = spans
        _attribute_claims(doc, records, self.claims_key)
        clear_cache(doc)
        return doc
