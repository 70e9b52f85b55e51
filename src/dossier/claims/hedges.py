"""Hedges and verification notes: what makes a claim less than asserted.

Pure helpers. ``find_hedges`` returns the hedge cues in a text with their offsets;
``VERIFICATION_NOTE`` recognises an outlet's note that it has not verified "the figures" (it
hedges the figures stated before it in the same paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Hedge cue pattern -> the cue reported. Source: epistemic hedges of news and OSINT writing
#: (reportedly/allegedly, appearance verbs, verification disclaimers, unnamed sources, denials).
_HEDGES: tuple[tuple[str, str], ...] = (
    (
        r"could\s+not\s+(?:be\s+)?(?:immediately\s+|independently\s+)*(?:verif(?:y|ied)|confirm(?:ed)?)",
        "could not be verified",
    ),
    (
        r"(?:has|have|had)\s+not\s+(?:been\s+)?(?:immediately\s+|independently\s+)*(?:verified|confirmed)",
        "has not verified",
    ),
    (
        r"(?:was|were|is|are)\s+not\s+(?:immediately\s+|independently\s+)*(?:verified|confirmed)",
        "not verified",
    ),
    (
        r"(?:un(?:able|willing)\s+to|cannot|can't)\s+(?:independently\s+)?(?:verify|confirm)",
        "could not be verified",
    ),
    (r"unverified", "unverified"),
    (r"unconfirmed", "unconfirmed"),
    (r"reportedly", "reportedly"),
    (r"allegedly", "allegedly"),
    (r"purportedly", "purportedly"),
    (r"apparently", "apparently"),
    (r"(?:appear(?:s|ed|ing)?|seem(?:s|ed|ing)?)\s+to", "appeared to"),
    (r"claim(?:s|ed|ing)?", "claimed"),
    (r"unidentified", "unidentified"),
    (r"unnamed", "unnamed"),
    (r"anonymous", "anonymous"),
    (r"den(?:y|ies|ied|ying)", "denied"),
    (r"(?:is|are|was|were)\s+(?:said|believed|thought)\s+to", "said to"),
    (r"rumou?r(?:s|ed)?", "rumoured"),
)
_HEDGE = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(f"(?P<h{i}>{p})" for i, (p, _) in enumerate(_HEDGES)) + r")(?![A-Za-z])",
    re.I,
)
#: An outlet's note that it has not verified what was just reported ("NBC News has not
#: verified the figures", "the claims could not be independently verified").
VERIFICATION_NOTE = re.compile(
    r"(?:(?:has|have|had)\s+not\s+(?:been\s+able\s+to\s+)?(?:independently\s+)?(?:verif|confirm)\w*"
    r"|could\s+not\s+(?:be\s+)?(?:immediately\s+|independently\s+)*(?:verif|confirm)\w*"
    r"|(?:were|was|are|is)\s+not\s+(?:immediately\s+|independently\s+)*(?:verified|confirmed))"
    r"(?:[^.\n]{0,40}?\b(?:the|these|those|this|that|such)\s+(?:figures?|numbers?|claims?|reports?|"
    r"tolls?|counts?|accounts?|details?|statements?|casualt\w+))?",
    re.I,
)
_ANAPHORIC = re.compile(
    r"\b(?:the|these|those|this|that|such)\s+(?:figures?|numbers?|claims?|reports?|tolls?|counts?|"
    r"accounts?|details?|statements?|casualt\w+)\b|^\s*(?:it|this|that|they|these|those)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Hedge:
    start: int
    end: int
    cue: str


def find_hedges(text: str) -> list[Hedge]:
    """Every hedge cue in ``text`` with its offsets, left to right."""
    out: list[Hedge] = []
    for m in _HEDGE.finditer(text):
        for i, (_, cue) in enumerate(_HEDGES):
            if m.group(f"h{i}") is not None:
                out.append(Hedge(m.start(), m.end(), cue))
                break
    return out


def is_verification_note(sentence: str) -> bool:
    """Does the sentence disclaim figures stated before it ("… has not verified the figures")?"""
    m = VERIFICATION_NOTE.search(sentence)
    if not m:
        return False
    return bool(_ANAPHORIC.search(sentence))
