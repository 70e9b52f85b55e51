"""Predicates from a dependency parse: the event words of a document and their arguments.

``from_parse(doc)`` reads a parsed document (anything shaped like a spaCy ``Doc``: tokens
with ``pos_``, ``dep_``, ``lemma_``, ``morph``, ``head``, ``children``, ``idx``) and returns
plain ``Predicate`` records: every full verb, and every noun that names an event (a
nominalisation: "release", "reduction", "acquisition"), with its subject, object, oblique
and possessor arguments and the span of its clause. ``annotate/convert.py`` calls it for
every parsed document and the records travel on ``AnnotatedDocument.predicates`` to the
store and the link stage (``link.events.event_mentions``), which never sees spaCy.

Why a hand-written walk rather than a library: the dependency parse is the library's
(spaCy); what is left is choosing which relations count as participants, a few lines that
depend on our record types.
"""

from __future__ import annotations

import re
from typing import Any

from dossier.models import Argument, Predicate

#: Dependency relations of a verb's participants, mapped onto the record's roles.
VERB_ROLES = {
    "nsubj": "subj", "nsubjpass": "subj", "csubj": "subj", "expl": "subj",
    "dobj": "obj", "attr": "obj", "dative": "obj", "oprd": "obj",
    "agent": "obl", "prep": "obl", "npadvmod": "obl",
}

#: Relations of an eventive noun's participants ("Apple's release of the iPhone").
NOUN_ROLES = {"poss": "poss", "compound": "mod", "prep": "obl", "nmod": "mod", "amod": "mod"}

#: Endings of nouns that name events (nominalisations). A noun qualifies when it has one
#: and is at least six letters long ("station" and "nation" are filtered by the
#: participant requirement downstream, not here).
EVENT_NOUN = re.compile(r"(?:tion|sion|ment|ure|ance|ence|sal|val|ing|age|ery|cy)s?$")

#: Nouns that name events without a nominal suffix (common in news).
_EVENT_NOUN_WORDS = """
attack war deal sale sales launch release cut cuts loss losses gain gains rise fall drop
crash strike talks visit trip flight order orders bid merger takeover buyout lawsuit
suit ruling vote election protest raid fire explosion crisis recall delay debut
unveiling keynote offer purchase increase decrease decline growth profit profits deficit
surplus rally slump plunge surge jump tumble collapse bailout bankruptcy dispute fight
battle shooting arrest trial hearing meeting summit agreement contract program project
plan plans investigation probe death birth leave return move speech address surgery
illness interview win defeat victory rescue transplant funeral wedding resignation
"""
EVENT_NOUNS = frozenset(_EVENT_NOUN_WORDS.split())

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
_MODAL_AUX = frozenset({"would", "could", "should", "may", "might", "must", "can", "ca"})


def _subtree_span(tok: Any) -> tuple[int, int]:
    left, right = tok.left_edge, tok.right_edge
    return left.idx, right.idx + len(right.text)


def tense(tok: Any) -> str | None:
    """past | present | future | None of a verb, from its auxiliaries and morphology."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if words & _MODAL_AUX:
        return None
    if tok.lower_ == "going" and any(c.dep_ == "xcomp" for c in tok.children):
        return "future"
    for a in auxes:
        t = a.morph.get("Tense")
        if t:
            return "past" if t[0] == "Past" else "present"
    if tok.tag_ in ("VBD",):
        return "past"
    if tok.tag_ in ("VBZ", "VBP"):
        return "present"
    if tok.tag_ == "VBN" and tok.dep_ in ("ROOT", "conj", "ccomp") and not auxes:
        return "past"
    return None


def _role_args(
    tok: Any, roles: dict[str, str], through: tuple[str, ...], objects: tuple[str, ...]
) -> list[tuple[Any, str]]:
    """The children of ``tok`` that ``roles`` names, with their roles; a preposition (a
    ``through`` dependency) gives its ``objects`` instead of itself."""
    args: list[tuple[Any, str]] = []
    for c in tok.children:
        role = roles.get(c.dep_)
        if role is None:
            continue
        if c.dep_ in through:
            args.extend((p, role) for p in c.children if p.dep_ in objects)
        else:
            args.append((c, role))
    return args


def _verb_args(tok: Any) -> list[tuple[Any, str]]:
    args = _role_args(tok, VERB_ROLES, ("prep", "agent"), ("pobj", "pcomp"))
    if not any(r == "subj" for _, r in args):
        # a conjoined or controlled verb shares the subject of the verb it depends on
        head = tok.head
        if tok.dep_ in ("conj", "xcomp", "advcl", "acl", "relcl") and head.i != tok.i:
            subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if tok.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
                subj = [head]
            args.extend((s, "subj") for s in subj[:1])
    return args


def _noun_args(tok: Any) -> list[tuple[Any, str]]:
    args = _role_args(tok, NOUN_ROLES, ("prep",), ("pobj",))
    # "Airbus announced job cuts": the noun's verb's subject takes part in it
    if tok.dep_ in ("dobj", "nsubjpass", "attr") and tok.head.pos_ == "VERB":
        args.extend((s, "subj") for s in tok.head.children if s.dep_ == "nsubj")
    return args


def is_event_noun(tok: Any) -> bool:
    """Whether a common noun names an event (a nominalisation or a known event noun)."""
    lemma = tok.lemma_.lower()
    if lemma in EVENT_NOUNS or tok.lower_ in EVENT_NOUNS:
        return True
    return len(lemma) >= 6 and bool(EVENT_NOUN.search(lemma))


#: Dependencies that leave an argument's phrase: a relative clause, apposition, clause,
#: punctuation or conjunction hanging off it (and everything below them).
_OUTSIDE_PHRASE = frozenset({"relcl", "acl", "appos", "advcl", "ccomp", "punct", "cc"})


class _Tree:
    """A parsed document's tokens as index arrays: each token's part of speech, dependency,
    children and character span. Read in one go: a spaCy ``Token`` is a view made afresh
    on every access (``head``, ``subtree``), and an argument's phrase walks many of them."""

    __slots__ = ("children", "deps", "ends", "pos", "starts")

    def __init__(self, doc: Any) -> None:
        heads: list[int]
        if hasattr(doc, "to_array"):  # a spaCy Doc: its attribute columns, no Token made
            table = doc.to_array(["HEAD", "DEP", "POS", "IDX", "LENGTH"]).tolist()
            strings = doc.vocab.strings
            names: dict[int, str] = {}

            def name(key: int) -> str:
                if key not in names:
                    names[key] = strings[key]
                return names[key]

            # a head is stored as the offset to it (an unsigned 64-bit two's complement)
            heads = [i + (h - (1 << 64) if h >= 1 << 63 else h) for i, (h, *_) in enumerate(table)]
            self.deps = [name(row[1]) for row in table]
            self.pos = [name(row[2]) for row in table]
            self.starts = [row[3] for row in table]
            self.ends = [row[3] + row[4] for row in table]
        else:
            tokens = list(doc)
            heads = [t.head.i for t in tokens]
            self.deps = [t.dep_ for t in tokens]
            self.pos = [t.pos_ for t in tokens]
            self.starts = [t.idx for t in tokens]
            self.ends = [t.idx + len(t.text) for t in tokens]
        self.children: list[list[int]] = [[] for _ in heads]
        for i, head in enumerate(heads):
            if head != i:
                self.children[head].append(i)


def _argument(tok: Any, role: str, tree: _Tree) -> Argument:
    """An argument's phrase: its subtree, but not a relative clause or apposition hanging
    off it (nor anything below one)."""
    root = tok.i
    first = last = root
    deps, children = tree.deps, tree.children
    stack = [root]
    while stack:
        for k in children[stack.pop()]:
            if deps[k] not in _OUTSIDE_PHRASE:
                first, last = min(first, k), max(last, k)
                stack.append(k)
    return Argument(tree.starts[first], tree.ends[last], role, tree.starts[root], tree.ends[root])


def from_parse(doc: Any) -> tuple[Predicate, ...]:
    """The predicates of a parsed document, in text order.

    Args:
        doc: a parsed document shaped like a spaCy ``Doc`` (its text is the document's text).

    Returns:
        One ``Predicate`` per full verb and per eventive noun; auxiliaries, copulas and
        proper nouns are not predicates.
    """
    out: list[Predicate] = []
    tree = _Tree(doc)
    # a noun the document also uses as a verb names that action ("the attack", "attacked")
    verbs = {doc[i].lemma_.lower() for i, p in enumerate(tree.pos) if p == "VERB"}
    for i, p in enumerate(tree.pos):
        if p == "VERB":
            tok = doc[i]
            pos, args, t = "VERB", _verb_args(tok), tense(tok)
        elif p == "NOUN" and (is_event_noun(tok := doc[i]) or tok.lemma_.lower() in verbs):
            pos, args, t = "NOUN", _noun_args(tok), None
        else:
            continue
        clause = _subtree_span(tok)
        out.append(
            Predicate(
                start=tok.idx,
                end=tok.idx + len(tok.text),
                text=tok.text,
                lemma=tok.lemma_.lower(),
                pos=pos,
                tense=t,
                args=tuple(_argument(a, role, tree) for a, role in args if a.pos_ != "PUNCT"),
                clause_start=clause[0],
                clause_end=clause[1],
            )
        )
    return tuple(out)
