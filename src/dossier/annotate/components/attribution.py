"""Who says so: speakers of cue verbs, resolved through names, pronouns and descriptions.

Shared by ``dossier_quantities`` and ``dossier_quotes`` (it registers no component). For a
document, ``Attributions`` walks its cue verbs in order and keeps a history of speakers, so
"he said" resolves to the last person who spoke, "it said" to the last organisation, and
"Tuck said" to the "Christopher Tuck" named before. A speaker is:

- a named person or organisation: the entity the verb's subject belongs to, with the title
  or role the text gives it ("Ukrainian Defence Minister", or an apposition such as
  "spokesperson for the … Administration");
- else a description: the subject's noun phrase ("a senior U.S. defense official",
  "Satellite images from Maxar Technologies"), without relative clauses.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from dossier.annotate import extensions
from dossier.claims.cues import (
    EVIDENCE_VERBS,
    NEEDS_CLAUSE,
    NEEDS_COMPLEMENT,
    PERSON_NOUNS,
    POSSESSIVE_SOURCE,
    PRONOUNS,
    SPEECH_VERBS,
    TITLE_WORDS,
    pronoun_kind,
)
from dossier.models import Speaker

#: spaCy NER labels a speaker may be named by, and the pronoun kind that refers back to it.
#: A nationality ("the 21-year-old ethnic Chechen", "Ukrainians") describes, it does not name.
SPEAKER_LABELS = {"PERSON": "person", "ORG": "thing", "GPE": "thing"}
#: Dependency labels of a verb's subject (active and inverted "said Smith").
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
#: Children left out of a described speaker's phrase.
_DROP_DEPS = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"}
_USER_KEY = "dossier_attributions"
_ENTS_KEY = "dossier_ents"


_TEXT_KEY = "dossier_text"
CACHE_KEYS = (_USER_KEY, _ENTS_KEY, _TEXT_KEY)
"""``doc.user_data`` keys this module caches under; components drop them when done."""


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached on the ``Doc`` (spaCy joins every token on each access)."""
    cached = doc.user_data.get(_TEXT_KEY)
    if not isinstance(cached, str):
        cached = extensions.doc_text(doc)
        doc.user_data[_TEXT_KEY] = cached
    return cached


def clear_cache(doc: Doc) -> None:
    """Drop what this module cached on the ``Doc`` (it is not serialisable)."""
    for key in CACHE_KEYS:
        doc.user_data.pop(key, None)


def ents_of(doc: Doc, *, refresh: bool = False) -> tuple[Span, ...]:
    """``doc.ents``, cached on the ``Doc`` (spaCy rebuilds the tuple on every access)."""
    cached = doc.user_data.get(_ENTS_KEY)
    if refresh or not isinstance(cached, tuple):
        cached = tuple(doc.ents)
        doc.user_data[_ENTS_KEY] = cached
    return cached


def _ent_at(token: Token) -> Span | None:
    """The entity covering ``token`` (None outside entities)."""
    if not token.ent_type_:
        return None
    for ent in ents_of(token.doc):
        if ent.start <= token.i < ent.end:
            return ent
    return None


_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)


@dataclass
class _Said:
    at: int
    speaker: Speaker
    kind: str


@dataclass
class Attributions:
    """The speakers of one document's cue verbs, resolved in reading order."""

    doc: Doc
    by_verb: dict[int, Speaker | None] = field(default_factory=dict)
    history: list[_Said] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)

    # -- names ---------------------------------------------------------------------------

    def _full_name(self, name: str, at: int) -> str:
        """ "Tuck" -> "Christopher Tuck" when a longer name ending so was seen before ``at``."""
        if " " in name:
            return name
        for said in reversed(self.history):
            if said.speaker.name.split()[-1:] == [name] and said.at < at:
                return said.speaker.name
        for ent in ents_of(self.doc):
            if ent.start_char >= at:
                break
            if ent.label_ == "PERSON" and len(ent) > 1 and ent.text.split()[-1] == name:
                return ent.text
        return name

    def resolve_pronoun(self, word: str, at: int) -> Speaker | None:
        """The speaker a pronoun at char ``at`` refers to: the last one of its kind."""
        kind = pronoun_kind(word)
        if kind is None:
            return None
        for said in reversed(self.history):
            if said.at < at and (said.kind == kind or kind == "group" and said.kind == "thing"):
                return said.speaker
        wanted = {"person": ("PERSON",), "thing": ("ORG", "GPE"), "group": ("NORP", "ORG")}[kind]
        ents = [e for e in ents_of(self.doc) if e.end_char <= at and e.label_ in wanted]
        if ents:
            ent = ents[-1]
            return Speaker(_clean(ent.text), ent.start_char, ent.end_char, self.roles.get(_clean(ent.text)))
        return None

    def speaker_of_phrase(self, head: Token) -> tuple[Speaker, str] | None:
        """The speaker named by the noun phrase headed by ``head`` and its pronoun kind."""
        if not any(ch.isalpha() for ch in head.text):
            return None
        if head.lower_ in PRONOUNS:
            speaker = self.resolve_pronoun(head.lower_, head.idx)
            return (speaker, pronoun_kind(head.lower_) or "thing") if speaker else None
        if head.lower_ in ("we", "i", "you", "who", "which", "that", "what", "whom"):
            return None
        ent = _entity_of(head)
        if (
            ent is not None
            and ent.label_ != "PERSON"
            and any(c.dep_ == "amod" and not (ent.start <= c.i < ent.end) for c in head.children)
        ):
            ent = None  # "the 21-year-old ethnic Chechen": a description, not an organisation's name
        if ent is None and head.pos_ == "PROPN":
            ent = _person_in_phrase(head)
        if ent is None:  # "the charity's director, Omar Haddad, said"
            person = next((c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            if person is not None and (named := _ent_at(person)) is not None:
                speaker, kind = self._named(person, named)
                role = speaker.role or _clean(doc_text(self.doc)[head.left_edge.idx : head.idx + len(head)])
                return Speaker(speaker.name, speaker.start, speaker.end, role), kind
        if ent is not None:
            return self._named(head, ent)
        if head.pos_ == "PROPN":
            known = self._known_person(head.text, head.idx)
            if known is not None:
                return known, "person"
        if head.tag_ in ("NNS", "NNPS"):
            kind = "group"
        else:
            kind = "person" if head.lemma_.lower() in PERSON_NOUNS else "thing"
        return self._described(head), kind

    def _known_person(self, name: str, at: int) -> Speaker | None:
        """A person named before ``at`` whose name ends with ``name`` ("Zelenskyy")."""
        full = self._full_name(name, at)
        if full == name:
            return None
        return Speaker(full, None, None, self.roles.get(full))

    def _named(self, head: Token, ent: Span) -> tuple[Speaker, str]:
        if ent.label_ == "PERSON":
            ent = _extend_name(ent)
        kind = SPEAKER_LABELS[ent.label_]
        name = _clean(ent.text)
        if ent.label_ != "PERSON" and len(ent) == 1:
            known = self._known_person(name, ent.start_char)  # "Zelenskyy" tagged ORG
            if known is not None:
                return Speaker(known.name, ent.start_char, ent.end_char, known.role), "person"
        if ent.label_ == "PERSON":
            name = self._full_name(name, ent.start_char)
        role = _role(head, ent) or self.roles.get(name)
        if role:
            self.roles[name] = role
        return Speaker(name, ent.start_char, ent.end_char, role), kind

    def _described(self, head: Token) -> Speaker:
        tokens = _phrase(head)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        text = doc_text(self.doc)[start:end]
        return Speaker(_clean(text), start, end, None)

    # -- verbs ---------------------------------------------------------------------------

    def subject(self, verb: Token) -> Token | None:
        """The verb's subject, climbing through "adding", "saying" and conjoined verbs.

        A participle with no subject of its own ("…, adding that", "…, calling it") takes the
        subject of the nearest verb of saying above it, else of the verb it hangs from.
        """
        own = _own_subject(verb)
        if own is not None:
            return own
        if verb.tag_ == "VBG":
            for anc in verb.ancestors:
                if anc.i != verb.i and is_cue(anc):
                    subj = _own_subject(anc)
                    if subj is not None:
                        return subj
        current: Token | None = verb
        for _ in range(4):
            if current is None:
                return None
            subj = next(
                (
                    c
                    for c in current.children
                    if c.dep_ in SUBJECT_DEPS and c.dep_ != "csubj" and any(ch.isalpha() for ch in c.text)
                ),
                None,
            ) or _name_before(current)
            if subj is not None:
                return subj
            if current.dep_ in ("advcl", "conj", "xcomp", "ccomp", "acl") and current.head is not current:
                current = current.head
            else:
                return None
        return None

    def add(self, verb: Token) -> Speaker | None:
        """Resolve (once) and remember the speaker of a cue verb."""
        if verb.i in self.by_verb:
            return self.by_verb[verb.i]
        subj = self.subject(verb)
        if subj is not None and subj.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            subj = verb.head  # "Putin, who said …"
        found = self.speaker_of_phrase(subj) if subj is not None else None
        speaker = found[0] if found else None
        self.by_verb[verb.i] = speaker
        if found:
            self.history.append(_Said(verb.idx, found[0], found[1]))
        return speaker

    def according_to(self, token: Token) -> Speaker | None:
        """The source named after "according to" / "citing" (``token`` is its noun)."""
        found = self.speaker_of_phrase(token)
        if found:
            self.history.append(_Said(token.idx, found[0], found[1]))
        return found[0] if found else None


def _clean(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:–—-")
    text = re.sub(r"^[^\w\[(]+", "", text)
    text = re.sub(r"(?:’s|'s)$", "", text)
    return _LEADING.sub("", text)


def _entity_of(token: Token) -> Span | None:
    """The speaker-like entity the token belongs to (or, for a compound head, names)."""
    ent = _ent_at(token)
    if ent is not None and ent.label_ in SPEAKER_LABELS:
        return ent
    # "President Zelenskyy" parsed with "President" as head: a PERSON compound child
    if token.pos_ == "PROPN":
        for child in token.children:
            if child.dep_ in ("compound", "appos", "nmod") and child.ent_type_ == "PERSON":
                return _entity_of(child)
    return None


def _own_subject(verb: Token) -> Token | None:
    """The verb's own subject child (or a name right before it), if any."""
    return next(
        (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and any(ch.isalpha() for ch in c.text)),
        None,
    ) or _name_before(verb)


def _name_before(verb: Token) -> Token | None:
    """A PERSON/ORG name ending right before the verb when the parser found no subject."""
    if verb.i == 0 or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    prev = verb.doc[verb.i - 1]
    if prev.ent_type_ in ("PERSON", "ORG") and prev.dep_ not in ("pobj", "dobj"):
        return prev
    return None


def _person_in_phrase(head: Token) -> Span | None:
    """The last PERSON named inside a title phrase ("Governor of X Vitalii Kim")."""
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    people = [e for e in ents_of(head.doc) if e.label_ == "PERSON" and lo <= e.start and e.end <= hi]
    return people[-1] if people else None


def _extend_name(ent: Span) -> Span:
    """Take in capitalised given names the tagger left out ("Valerii" + "Zaluzhnyi")."""
    start = ent.start
    while start > 0 and ent.start - start < 2:
        tok = ent.doc[start - 1]
        if (
            tok.pos_ == "PROPN"
            and tok.is_title
            and tok.lower_ not in TITLE_WORDS
            and tok.dep_ == "compound"
            and ent.start <= tok.head.i < ent.end
        ):
            start -= 1
            if tok.ent_type_:  # the tagger gave the given name to the entity before: take it only
                break
        else:
            break
    return ent if start == ent.start else Span(ent.doc, start, ent.end, label=ent.label_)


def _role(head: Token, ent: Span) -> str | None:
    """A title or role given with a name: an apposition, or title words right before it."""
    anchor = head if ent.start <= head.i < ent.end else ent.root
    if anchor.i < ent.start or anchor.i >= ent.end:
        anchor = ent.root
    for child in anchor.children:
        if child.dep_ == "appos" and not (ent.start <= child.i < ent.end):
            tokens = _phrase(child)
            return _clean(doc_text(head.doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]) or None
    # title words before the name inside the subject phrase: "Ukrainian Defence Minister X"
    if not (ent.start <= head.i < ent.end) and head.i < ent.start:
        text = _clean(_after_quote(doc_text(head.doc)[head.left_edge.idx : ent.start_char]))
        return text or None
    left = [t for t in anchor.subtree if t.i < ent.start]
    if left and left[-1].i == ent.start - 1 and any(t.pos_ in ("NOUN", "PROPN") for t in left):
        text = _clean(_after_quote(doc_text(head.doc)[left[0].idx : ent.start_char]))
        if text and text.lower() not in ("the", "a"):
            return text
    return None


def _after_quote(text: str) -> str:
    """The part of a title phrase after any quotation mark or comma ("…,” lead researcher")."""
    return re.split(r"[\"“”‘’,]", text)[-1]


def _phrase(head: Token) -> list[Token]:
    """The noun phrase of a described speaker, without clauses and appositions."""
    keep: list[Token] = []

    def walk(tok: Token) -> None:
        keep.append(tok)
        for child in tok.children:
            if child.dep_ not in _DROP_DEPS:
                walk(child)

    walk(head)
    keep.sort(key=lambda t: t.i)
    # a contiguous run around the head
    run = [t for t in keep if abs(t.i - head.i) <= 12]
    return run or [head]


def is_cue(token: Token) -> bool:
    """Is the token a verb of saying or of evidence that can carry a speaker?"""
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    lemma = token.lemma_.lower()
    if lemma not in SPEECH_VERBS and lemma not in EVIDENCE_VERBS:
        return False
    if lemma in NEEDS_CLAUSE:
        return any(c.dep_ == "ccomp" for c in token.children)
    if lemma in NEEDS_COMPLEMENT:
        return any(
            c.dep_ in ("ccomp", "oprd", "dobj", "attr") for c in token.children
        )  # not "continued to rise"
    return True


_CUE_LEMMAS = SPEECH_VERBS | EVIDENCE_VERBS
_ACCORDING = frozenset({"according", "citing"})


def tokens_with(doc: Doc, *, lemmas: Collection[str] = (), words: Collection[str] = ()) -> list[int]:
    """Indices, in order, of the tokens whose lower-cased lemma is in ``lemmas`` or whose
    lower-cased text is in ``words``.

    Read from token arrays: making a ``Token`` for every word costs more than the rest of a
    walk that only needs the few verbs of saying.
    """
    if not len(doc):
        return []
    strings = doc.vocab.strings
    table = doc.to_array([LEMMA, LOWER])
    kinds, which = numpy.unique(table[:, 0], return_inverse=True)
    wanted = numpy.array([bool(lemmas) and strings[h].lower() in lemmas for h in kinds.tolist()], dtype=bool)
    hit = wanted[which.reshape(-1)]
    if words:
        hit |= numpy.isin(table[:, 1], numpy.array([strings[w] for w in words], dtype=numpy.uint64))
    return [int(i) for i in numpy.flatnonzero(hit)]


def attributions(doc: Doc) -> Attributions:
    """The document's attributions, computed once and cached on the ``Doc``."""
    cached = doc.user_data.get(_USER_KEY)
    if isinstance(cached, Attributions) and cached.doc is doc:
        return cached
    ents_of(doc, refresh=True)
    result = Attributions(doc)
    for i in tokens_with(doc, lemmas=_CUE_LEMMAS, words=_ACCORDING):
        token = doc[i]
        if is_cue(token):
            result.add(token)
        elif token.lower_ == "according" or token.lower_ == "citing":
            noun = _according_noun(token)
            if noun is not None:
                result.according_to(noun)
    doc.user_data[_USER_KEY] = result
    return result


def _according_noun(token: Token) -> Token | None:
    """The noun after "according to" (or "according" without "to", or "citing")."""
    for child in token.children:
        if child.dep_ == "prep":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        if child.dep_ in ("pobj", "dobj", "npadvmod"):
            return child
    # parser attached the source elsewhere: the first noun to the right in the clause
    for tok in token.doc[token.i + 1 : token.i + 8]:
        if tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.dep_ not in ("compound", "amod", "poss"):
            return tok
        if tok.is_punct:
            break
    return None


#: ", analysts at IDC estimate." - a trailing attribution the parser missed (it read the verb
#: as a noun). Verb forms: the reporting verbs of ``cues`` most often found closing a sentence.
_TRAILING = re.compile(
    r",\s+(?P<who>[^,;:\"“”‘’()]{2,80}?)\s+(?:said|says|say|estimate|estimates|estimated|reported|"
    r"reports|report|claimed|claims|claim|stated|states|added|wrote|believe|believes|told\s+\S+(?:\s+\S+)?)"
    r"\s*[.!]?[\"”’]?\s*$"
)


def trailing_source(doc: Doc, sent: Span) -> Speaker | None:
    """The source named by a trailing ", X said." / ", X estimate." the parse did not attach."""
    m = _TRAILING.search(sent.text)
    if not m:
        return None
    start = sent.start_char + m.start("who")
    phrase = doc.char_span(start, start + len(m.group("who")), alignment_mode="expand")
    if phrase is None or not any(t.pos_ in ("NOUN", "PROPN") for t in phrase):
        return None
    found = attributions(doc).speaker_of_phrase(phrase.root)
    return found[0] if found else None


def source_in_clause(doc: Doc, lo: int, hi: int, at: int) -> tuple[Speaker | None, str | None]:
    """An "according to X" / "by his estimate" source in the clause ``lo:hi`` (token indices).

    Args:
        doc: the document.
        lo: first token of the clause.
        hi: one past its last token.
        at: char offset of the claim (for pronoun resolution).

    Returns:
        (speaker, cue) or (None, None).
    """
    attrs = attributions(doc)
    for token in doc[lo:hi]:
        if token.lower_ in ("according", "citing"):
            noun = _according_noun(token)
            if noun is not None and noun.i < hi:
                found = attrs.speaker_of_phrase(noun)
                if found:
                    return found[0], "according to" if token.lower_ == "according" else "citing"
    text = doc[lo:hi].text if hi > lo else ""
    m = POSSESSIVE_SOURCE.search(text)
    if m:
        pos = doc[lo].idx + m.start()
        speaker = attrs.resolve_pronoun(m.group("who"), pos)
        if speaker is not None:
            return speaker, m.group().lower()
    return None, None
