"""Temporal expressions: extraction, TIMEX3 normalisation and anchoring (pure, no spaCy).

- ``tag(text, dct, kind)``: every date, time, duration and set in a text with its TIMEX3
  value, mod, anchor and re-anchoring rule;
- ``normalise(expression, dct)``: one expression's value;
- ``reanchor(timex, dct)`` / ``reanchor_sequence(timexes, dct)``: re-resolve values once a
  document's date is known (inferred across documents by ``dossier.link.dates``);
- ``find_dateline(text)``: a publication date stated near the start of a text.
"""

from __future__ import annotations

from dossier.temporal.dateline import find_dateline
from dossier.temporal.tagger import normalise, reanchor, reanchor_sequence, tag

__all__ = ["find_dateline", "normalise", "reanchor", "reanchor_sequence", "tag"]
