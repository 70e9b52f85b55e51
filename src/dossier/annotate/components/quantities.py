"""``dossier_quantities``: numeric claims with what they count and who says so.

The numbers, ranges, qualifiers and units come from the pure ``dossier.claims.extract``;
this component adds what needs the parse:

**Policy — what is a claim.** A claim needs a countable or measurable thing:

- a unit of measure, a currency or a percentage ("about 55 miles", "$2m", "40%"), a share
  ("half of the soldiers", "two-thirds of voters": in percent);
- or a counted common noun the number modifies ("41 settlements", "20,000 artillery
  rounds"), including a partitive ("four of them"), an elided noun shared with a
  coordinated count ("six people were killed and three injured"), the noun a parenthetical
  count follows ("all soldiers (approximately 30,000)"), the object a number is put on
  ("estimated the crowd at 50,000") and a count noun ("a death toll of 75").

Small counts of concrete things ("two men") are claims too: weak ones, but a reader checking
the text wants them, and nothing principled separates them from "two spans were destroyed".

Not claims: dates, clock times, years, ordinals, centuries, decades, scores ("6-4"), ages
("Tamerlan, 26,"), numbers inside names ("Voyager 2", "Category 3 Mass Murder"), bare
numbers with nothing counted ("the answer is 42"), the article-like "one" ("one of the
biggest blows") unless a bound qualifies it ("at least one"), and time spans that place an
event in time or describe a thing rather than count ("nine months ago", "within 24 hours",
"a six-year term"); a time span is a claim when it is itself what is counted ("there have
been 45 days without shelling").

**Attribution.** In the clause of the number (a sentence split at semicolons): the subject
of the nearest verb of saying or evidence ("said", "told", "estimated", "showed"…) that
governs the number, resolved through pronouns; else "according to X", "by his estimate";
else a trailing ", X said." the parser left unattached. A relative location ("about 55
miles west of X") is the writer's own gloss and stays with the outlet; a number is never its
own source ("51 percent say"). Otherwise the claim is the outlet's own (``attributed_to``
None). ``dossier_quotes`` later gives claims inside a direct quote the quote's speaker.

**Hedges.** A hedge cue in the clause ("reportedly", "claimed", "appeared to", "could not be
verified", "denied"…), an unnamed source ("an unidentified official said"), or a later
verification note in the same paragraph ("NBC News has not verified the figures") sets
``hedged`` and ``hedge``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dossier.annotate.components.attribution import (
    attributions,
    clear_cache,
    doc_text,
    ents_of,
    is_cue,
    source_in_clause,
    trailing_source,
)
from dossier.annotate.extensions import span_text
from dossier.claims.extract import Quantity, find_quantities
from dossier.claims.hedges import find_hedges, is_verification_note
from dossier.claims.units import TIME_UNITS, display_unit, match_rate
from dossier.models import Claim, Speaker

#: NER labels of names: a number inside one is part of the name, not a quantity.
NAME_LABELS = {
    "PERSON",
    "ORG",
    "FAC",
    "PRODUCT",
    "WORK_OF_ART",
    "LAW",
    "EVENT",
    "GPE",
    "LOC",
    "NORP",
    "LANGUAGE",
}
#: Dependencies under which a time span is itself counted (not a time adverbial).
COUNTED_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "appos", "conj"}
#: Dependencies of a bare number that may borrow the noun counted just before it.
BORROW_DEPS = {"nsubj", "nsubjpass", "dobj", "conj"}
#: "Tamerlan, 26," / "Maria Santos, 54, whose…": an age set off by commas after a name.
_AGE_BEFORE = re.compile(r"[A-Z][\w'’.-]*,\s*$")
_AGE_AFTER = re.compile(r"\s*(?:[,;)]|\.(?:\s|$)|$)")
#: Nouns that name a count: "a toll of 75" counts what the toll counts.
COUNT_NOUNS = {"figure", "toll", "total", "number", "count", "tally", "estimate", "sum", "amount"}
#: Qualifiers that make "one" a claim ("at least one was killed").
_BOUND_KINDS = {
    "at least",
    "more than",
    "over",
    "up to",
    "as many as",
    "nearly",
    "almost",
    "fewer than",
    "less than",
    "at most",
    "no more than",
    "only",
    "about",
    "approximately",
    "some",
}
_DIRECTION = re.compile(
    r"\s*(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern|ward)?|northeast|northwest|southeast|"
    r"southwest|from|outside|away|off|of|inland|offshore|to\s+the\s+(?:north|south|east|west))\b",
    re.I,
)
_PERSON_HEDGES = {"unidentified", "unnamed", "anonymous"}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _in_name(doc: Doc, q: Quantity, offset: int) -> bool:
    span = (offset + q.number_start, offset + q.number_end)
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    return tokens is not None and any(t.ent_type_ in NAME_LABELS for t in tokens)


def _timex_spans(doc: Doc) -> list[tuple[int, int, str]]:
    spans = [(e.start_char, e.end_char, e.text) for e in ents_of(doc) if e.label_ in ("DATE", "TIME")]
    spans += [(s.start_char, s.end_char, s.text) for s in doc.spans.get("dossier_timex", [])]
    return spans


def _number_tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _counted_noun(num: Span) -> Token | None:
    """The noun a number counts; a singular proper noun ("Category 3 Mass Murder") counts nothing."""
    noun = _counted_token(num)
    if noun is not None and noun.tag_ == "NNP":
        return None
    return noun


def _counted_token(num: Span) -> Token | None:
    """The noun a number counts: its ``nummod`` head, a partitive "of" object, an appos head."""
    last = num[-1]
    head = last.head
    if (
        last.dep_ in ("nummod", "quantmod", "amod", "compound")
        and head.pos_ in ("NOUN", "PROPN")
        and head.i >= last.i
    ):
        return _head_noun(head)
    if last.dep_ == "appos" and head.pos_ == "NOUN" and head.tag_ == "NNS":  # "seven bridges, four of them"
        return head
    # "estimated the crowd at 50,000": the object the verb puts a number on
    if last.dep_ == "pobj" and head.lower_ == "at" and head.head.pos_ == "VERB":
        obj = next((c for c in head.head.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.pos_ in ("NOUN", "PRON"):
            return obj
    # "a death toll of 75", "the casualty figure of 75": the noun naming the count
    if last.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in COUNT_NOUNS:
        return head.head
    for child in last.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("NOUN", "PRON"):
                return pobj
    # a number tagged as the noun itself ("six victims" parsed oddly): next token a plural noun
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.head.i != last.i:
        return _head_noun(nxt)
    return None


def _noun_phrase(noun: Token) -> str:
    """The counted noun with the compounds right before it ("artillery rounds")."""
    words = [noun.text]
    i = noun.i - 1
    while i >= 0 and noun.doc[i].dep_ == "compound" and noun.doc[i].head.i == noun.i and len(words) < 3:
        words.insert(0, noun.doc[i].text)
        i -= 1
    return " ".join(words)


def _head_noun(noun: Token) -> Token:
    """Climb from a compound modifier to the noun it modifies ("artillery" -> "rounds")."""
    while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    return noun


def _about(noun: Token, num: Span) -> str:
    """What is counted: the noun's phrase without the number, determiners and clauses."""
    skip: set[int] = set(range(num.start, num.end))
    for child in noun.children:
        if child.dep_ in ("relcl", "acl", "appos", "advcl", "conj", "cc"):
            skip.update(t.i for t in child.subtree)
    lowest = num.end if num.start < noun.i else 0  # "41 settlements near X": nothing before the number
    keep = [
        t
        for t in noun.subtree
        if t.i not in skip
        and t.i >= lowest
        and t.dep_ not in ("det", "predet", "punct", "nummod", "quantmod", "advmod")
    ]
    return " ".join(t.text for t in keep[:10])


#: Dependencies of an amount that name what it measures when they are a common noun.
_MEASURED_DEPS = ("dobj", "nsubjpass", "nsubj")


def _measured_thing(expr: Span) -> str | None:
    """What an amount (a price, a size, a rate) measures, from the parse: the noun it
    modifies ("a $500 million loan"), the noun after it ("$6.5 billion in debt"), the object
    or subject of the verb that puts it ("sold gloves at $29", "the damage was put at $2
    billion", "the damage reached $5 billion", "inflation rose to 7.5 percent"). The noun's
    lemma, or None when the parse names no common noun."""
    root = expr.root
    head = root.head
    if root.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod") and head.pos_ == "NOUN" and head.i > root.i:
        return _head_noun(head).lemma_.lower()
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "for", "on"):
            objs = [t for t in prep.children if t.dep_ == "pobj" and t.pos_ == "NOUN"]
            if objs:
                return objs[0].lemma_.lower()
    verb = head.head if root.dep_ == "pobj" and head.dep_ == "prep" else head
    if verb.pos_ not in ("VERB", "AUX") or verb.i == root.i:
        return None
    for dep in _MEASURED_DEPS:
        for t in verb.children:
            if t.dep_ == dep and t.pos_ == "NOUN" and t.i not in range(expr.start, expr.end):
                return _head_noun(t).lemma_.lower()
    return None


class _Sentence:
    """The claims of one sentence, built in order (a later count may borrow an earlier noun)."""

    def __init__(
        self, doc: Doc, sent: Span, timexes: list[tuple[int, int, str]], notes: list[tuple[int, int, str]]
    ) -> None:
        self.doc, self.sent, self.timexes, self.notes = doc, sent, timexes, notes
        self.last_noun: Token | None = None
        self.last_unit: str | None = None

    def claim(self, q: Quantity) -> tuple[Claim, Span] | None:
        off = self.sent.start_char
        n_start, n_end = off + q.number_start, off + q.number_end
        num = _number_tokens(self.doc, n_start, n_end)
        if num is None or _in_name(self.doc, q, off):
            return None
        noun = _counted_noun(num)
        if not self._is_claim(q, num, noun):
            return None
        expr = self.doc.char_span(off + q.start, off + q.end, alignment_mode="expand") or num
        unit, about = self._unit_and_about(q, expr, noun)
        if unit is None and about is None:
            return None
        speaker, hedge = attribute(self.doc, self.sent, num, q, off, self.notes)
        claim = Claim(
            start=self.sent.start_char,
            end=self.sent.end_char,
            text=span_text(self.sent, doc_text(self.doc)),
            value=q.value,
            low=q.low,
            high=q.high,
            unit=unit,
            about=about,
            qualifier=q.qualifier,
            attributed_to=speaker,
            hedged=hedge is not None,
            hedge=hedge,
            number_start=expr.start_char,
            number_end=expr.end_char,
        )
        return claim, expr

    def _is_claim(self, q: Quantity, num: Span, noun: Token | None) -> bool:
        span = (num.start_char, num.end_char)
        in_timex = [t for t in self.timexes if _overlaps(span, (t[0], t[1]))]
        time_like = q.unit in TIME_UNITS or (noun is not None and noun.lemma_.lower() in TIME_UNITS)
        hyphen = re.match(r"-[A-Za-z]", doc_text(self.doc)[num.end_char : num.end_char + 2])
        if hyphen and (time_like or q.unit is None):
            return False  # "a six-year term", "a five-link suspension": a property, not a count
        if in_timex and (q.unit is None or time_like) or time_like:
            head = noun if noun is not None else num[-1]
            if any(re.search(r"\bago\b|\blater\b|\bearlier\b", t[2], re.I) for t in in_timex):
                return False
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
            if head.dep_ not in COUNTED_DEPS - {"conj"}:
                return False
        if q.words and q.value == 1 and q.qualifier not in _BOUND_KINDS:
            return False
        if q.unit is None and noun is None and q.value is not None and q.value < 130 and not q.qualifier:
            before = doc_text(self.doc)[max(0, num.start_char - 40) : num.start_char]
            if _AGE_BEFORE.search(before) and _AGE_AFTER.match(doc_text(self.doc), num.end_char):
                return False
        return True

    def _unit_and_about(self, q: Quantity, num: Span, noun: Token | None) -> tuple[str | None, str | None]:
        if q.unit is not None:
            return q.display_unit, self._measured(q) or _measured_thing(num)
        rate = q.rate
        if noun is not None and noun.pos_ != "PRON":
            self.last_noun, self.last_unit = noun, _noun_phrase(noun)
            if rate is None:
                found = match_rate(doc_text(self.doc), noun.idx + len(noun))
                rate = found[1] if found else None
            return display_unit(_noun_phrase(noun), rate), _about(noun, num)
        # elided or pronoun-counted ("three injured", "four of them"): borrow the last noun
        if self.last_noun is None and (noun is not None or num[-1].dep_ in BORROW_DEPS):
            self.last_noun = self._plural_before(num)
            self.last_unit = _noun_phrase(self.last_noun) if self.last_noun is not None else None
        if self.last_noun is not None and (noun is not None or num[-1].dep_ in BORROW_DEPS):
            return self.last_unit, _about(self.last_noun, num)
        before = doc_text(self.doc)[
            max(self.sent.start_char, num.start_char - 30) : self.sent.start_char + q.start
        ].rstrip()
        if before.endswith("("):
            prev = self._token_before(self.sent.start_char + q.start - 1)
            if prev is not None and prev.pos_ in ("NOUN", "PROPN"):
                return _noun_phrase(prev), _about(prev, num)
            if prev is not None and prev.pos_ == "PRON":
                return None, prev.text
        return None, None

    def _measured(self, q: Quantity) -> str | None:
        """What a measure is about: "40% of X" -> X, "55 miles west of X" -> "west of X"."""
        text = doc_text(self.doc)
        after = text[self.sent.start_char + q.end : self.sent.end_char]
        if q.unit == "percentage":
            of = re.match(r"\s*(?:of\s+)?((?:the\s+)?[^,;.()]{1,60})", after) if q.vague else None
            of = of or re.match(r"\s+of\s+((?:the\s+)?[^,;.()]{1,60})", after)
            return _cut(of.group(1)) if of else None
        if q.kind == "length" and _DIRECTION.match(after):
            return _cut(after.strip(), at_prepositions=False) or None
        return None

    def _plural_before(self, num: Span) -> Token | None:
        """The nearest plural noun subject or object before the number in the sentence."""
        for tok in reversed(self.doc[self.sent.start : num.start]):
            if tok.tag_ == "NNS" and tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
                return tok
        return None

    def _token_before(self, char: int) -> Token | None:
        for tok in reversed(list(self.sent)):
            if tok.idx + len(tok) <= char and not tok.is_punct and tok.pos_ not in {"DET", "PRON", "ADV"}:
                return tok
            if tok.idx + len(tok) <= char and tok.pos_ == "PRON" and tok.lower_ not in ("all", "both"):
                return tok
        return None


# (?<!\s): a run of spaces is tried from its start only, not from each of its characters
_CUT = re.compile(
    r"(?<!\s)\s+(?:to|by|since|in|on|at|from|as|during|for|with|had|has|have|was|were|is|are|would|will)\s+"
)


def _cut(phrase: str, *, at_prepositions: bool = True) -> str:
    """A noun phrase cut before the verb or the preposition that ends it (and at a comma)."""
    phrase = re.split(r"[,;()—–]|\.(?:\s|$)", phrase)[0]
    if at_prepositions:
        phrase = _CUT.split(phrase)[0]
    return phrase.strip()


def _clause_bounds(sent: Span, tok: Token) -> tuple[int, int]:
    """Token range of the semicolon-delimited clause of ``sent`` holding ``tok``."""
    lo, hi = sent.start, sent.end
    for t in sent:
        if t.text == ";":
            if t.i < tok.i:
                lo = t.i + 1
            elif t.i > tok.i and hi == sent.end:
                hi = t.i
    return lo, hi


def attribute(
    doc: Doc, sent: Span, num: Span, q: Quantity, offset: int, notes: list[tuple[int, int, str]] | None = None
) -> tuple[Speaker | None, str | None]:
    """Who a number is attributed to, and the hedge cue on it (None, None when neither)."""
    tok = num[-1]
    lo, hi = _clause_bounds(sent, tok)
    hedge = _hedge(doc, sent, lo, hi, notes if notes is not None else verification_notes(doc))
    if q.kind == "length" and _DIRECTION.match(doc_text(doc), offset + q.end):
        return None, hedge
    attrs = attributions(doc)
    for anc in tok.ancestors:  # the nearest verb of saying that governs the number comes first
        if not (lo <= anc.i < hi):
            break
        if is_cue(anc):
            found = attrs.add(anc)
            if found is not None and not _names_itself(found, num):
                claimed = "claimed" if anc.lemma_.lower() == "claim" else None
                return found, hedge or claimed or _unnamed(found)
    speaker, _ = source_in_clause(doc, lo, hi, tok.idx)
    if speaker is None and hi == sent.end:
        speaker = trailing_source(doc, sent)
    if speaker is not None and not _names_itself(speaker, num):
        return speaker, hedge or _unnamed(speaker)
    return None, hedge


def _names_itself(speaker: Speaker, num: Span) -> bool:
    """ "51 percent of Americans say…": a number is not its own source."""
    return (
        speaker.start is not None
        and speaker.end is not None
        and (speaker.start <= num.start_char < speaker.end)
    )


def _unnamed(speaker: Speaker) -> str | None:
    """ "an unidentified official", "anonymous sources": an unnamed source hedges its claim."""
    words = set(speaker.name.lower().split())
    return next((cue for cue in sorted(_PERSON_HEDGES) if cue in words), None)


def _hedge(doc: Doc, sent: Span, lo: int, hi: int, notes: list[tuple[int, int, str]]) -> str | None:
    """The first hedge cue of the clause, or of a verification note later in the paragraph."""
    clause = doc[lo:hi]
    for h in find_hedges(clause.text):
        if h.cue not in _PERSON_HEDGES:
            return h.cue
    para_end = doc_text(doc).find("\n", sent.end_char)
    para_end = len(doc_text(doc)) if para_end < 0 else para_end
    for start, _, cue in notes:
        if sent.end_char <= start < para_end:
            return cue
    return None


def verification_notes(doc: Doc) -> list[tuple[int, int, str]]:
    """Sentences disclaiming the figures before them ("… has not verified the figures")."""
    notes = []
    text = doc_text(doc)
    for sent in doc.sents:
        sent_text = span_text(sent, text)
        if is_verification_note(sent_text):
            cues = [h.cue for h in find_hedges(sent_text) if "verif" in h.cue or "confirm" in h.cue]
            notes.append((sent.start_char, sent.end_char, cues[0] if cues else "has not verified"))
    return notes


def quantity_claims(doc: Doc) -> list[tuple[Claim, Span]]:
    """Every claim of the document with the span of its quantity expression."""
    ents_of(doc, refresh=True)
    timexes = _timex_spans(doc)
    notes = verification_notes(doc)
    out: list[tuple[Claim, Span]] = []
    text = doc_text(doc)
    for sent in doc.sents:
        sent_text = span_text(sent, text)
        if not sent_text.strip():
            continue
        builder = _Sentence(doc, sent, timexes, notes)
        for q in find_quantities(sent_text):
            made = builder.claim(q)
            if made is not None:
                out.append(made)
    return out


@Language.factory(
    "dossier_quantities",
    assigns=["doc.spans"],
    requires=["token.dep", "token.pos", "doc.ents", "doc.sents"],
    default_config={"spans_key": "dossier_quantities"},
)
def make_quantities(nlp: Language, name: str, spans_key: str) -> QuantitiesComponent:
    """spaCy factory of ``dossier_quantities``."""
    return QuantitiesComponent(spans_key)


class QuantitiesComponent:
    """Writes one span per quantity expression, its ``Claim`` in ``span._.dossier_record``."""

    def __init__(self, spans_key: str = "dossier_quantities") -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for i, (claim, span) in enumerate(quantity_claims(doc)):
            # span_id: two claims over the same tokens ("$5bn/€4bn") keep their own records
            span = Span(doc, span.start, span.end, label="QUANTITY", span_id=i)
            span._.dossier_record = claim
            spans.append(span)
        doc.spans[self.spans_key] = spans
        clear_cache(doc)
        return doc
