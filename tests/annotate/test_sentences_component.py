"""``dossier_sentences`` looks only at candidate tokens: the same boundaries as a full scan."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from dossier.annotate.components import sentences

NLP = spacy.blank("en")
PIECES = ["He left", "at 5 a.m.", "a.m.", "p.m.", "PM", "am", "Moscow", "time", "UTC", "Eastern",
          "Standard", "Time", "(", ",", "the", "Next", "42", "\n", "\n\n", "  ", "\t", "\r\n", " \n ",
          ".", "–"]  # fmt: skip


def _full_scan(doc: Doc) -> Doc:
    """The component's former loop over every token (the reference)."""
    text = doc.text
    for token in doc[1:]:
        if token.is_space:
            continue
        if sentences._follows_line_break(token, text):
            token.is_sent_start = True
        elif doc[token.i - 1].lower_ in sentences._MERIDIEM and sentences._continues_time(doc, token.i):
            token.is_sent_start = False
    return doc


def _starts(doc: Doc) -> list[bool | None]:
    return [t.is_sent_start for t in doc]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=25))
def test_candidates_give_the_full_scan_boundaries(pieces: list[str]) -> None:
    text = " ".join(pieces)
    fast = sentences.set_sentence_starts(NLP.make_doc(text))
    slow = _full_scan(NLP.make_doc(text))
    assert _starts(fast) == _starts(slow)


def test_line_breaks_and_clock_times() -> None:
    doc = sentences.set_sentence_starts(
        NLP.make_doc("Background\n\nAt 5 a.m. Moscow time the strike began.\nNext")
    )
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Background", "At", "Next"]
    assert doc[5].text == "Moscow" and doc[5].is_sent_start is False
