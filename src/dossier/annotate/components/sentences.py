"""``dossier_sentences``: sentence boundaries the parser cannot see from words alone.

It runs before the parser and presets ``Token.is_sent_start`` (the parser respects preset
boundaries):

- every line break starts a sentence: readers hand over text whose lines are paragraphs,
  headings, list items or captions (hard-wrapped text is unwrapped at ingest), so a heading
  such as "Background" never runs into the next paragraph;
- a clock time's "a.m."/"p.m." does not end a sentence when what follows continues the time
  expression ("5 a.m. Moscow time (2 a.m. UTC)") or the sentence (a lower-case word).
"""

from __future__ import annotations

import bisect
import re

from spacy.attrs import IDX, IS_SPACE, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Token

from dossier.annotate.extensions import doc_text

_MERIDIEM = {"a.m.", "p.m.", "am", "pm"}
# a word that names a time zone or clock reference right after a clock time
_ZONE = re.compile(r"^(?:[A-Z]{2,5}|[A-Z][a-z]+)$")
_ZONE_TAIL = {"time", "standard", "daylight"}


def _follows_line_break(token: Token, text: str) -> bool:
    """True when a newline stands between ``token`` and the previous non-space token.

    ``text`` is ``doc.text``, passed in: spaCy rebuilds that string on every access.
    """
    doc = token.doc
    i = token.i - 1
    while i > 0 and doc[i].is_space:
        i -= 1
    return "\n" in text[doc[i].idx + len(doc[i]) : token.idx]


def _continues_time(doc: Doc, i: int) -> bool:
    """Does the token at ``i``, right after an a.m./p.m., continue the sentence?"""
    nxt = doc[i]
    if nxt.is_lower or nxt.like_num or nxt.text in {"(", ",", ";", ":", "-", "–", "—"}:
        return True
    if nxt.is_upper and len(nxt) <= 5 and _ZONE.match(nxt.text):  # UTC, GMT, EST
        return True
    # "Moscow time", "Eastern Standard Time"
    for j in range(i, min(i + 3, len(doc))):
        if doc[j].lower_ in _ZONE_TAIL:
            return all(_ZONE.match(doc[k].text) for k in range(i, j))
    return False


def _candidates(doc: Doc, text: str) -> list[int]:
    """Indices of the only tokens ``set_sentence_starts`` can change, in order.

    The first non-space token after each line break, and every token after an a.m./p.m.:
    found from the text and from token arrays, without making a ``Token`` per word.
    """
    starts = doc.to_array([IDX, IS_SPACE, LOWER])
    idx = starts[:, 0].tolist()
    space = starts[:, 1].tolist()
    found: set[int] = set()
    at = text.find("\n")
    while at >= 0:
        i = bisect.bisect_right(idx, at)
        while i < len(idx) and space[i]:
            i += 1
        if i < len(idx):
            found.add(i)
        at = text.find("\n", at + 1)
    meridiem = {doc.vocab.strings[w] for w in _MERIDIEM}  # their hashes
    lower = starts[:, 2].tolist()
    found.update(i + 1 for i in range(len(lower) - 1) if lower[i] in meridiem)
    return sorted(i for i in found if i >= 1)


@Language.component(
    "dossier_sentences",
    assigns=["token.is_sent_start"],
)
def set_sentence_starts(doc: Doc) -> Doc:
    """Preset sentence starts at line breaks and keep clock times whole."""
    text = doc_text(doc)
    for i in _candidates(doc, text):
        token = doc[i]
        if token.is_space:
            continue
        if _follows_line_break(token, text):
            token.is_sent_start = True
        elif doc[token.i - 1].lower_ in _MERIDIEM and _continues_time(doc, token.i):
            token.is_sent_start = False
    return doc
