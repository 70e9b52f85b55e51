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

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

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


@Language.component(
    "dossier_sentences",
    assigns=["token.is_sent_start"],
)
def set_sentence_starts(doc: Doc) -> Doc:
    """Preset sentence starts at line breaks and keep clock times whole."""
    text = doc.text
    for token in doc[1:]:
        if token.is_space:
            continue
        if _follows_line_break(token, text):
            token.is_sent_start = True
        elif doc[token.i - 1].lower_ in _MERIDIEM and _continues_time(doc, token.i):
            token.is_sent_start = False
    return doc
