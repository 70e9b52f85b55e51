"""``attribution.tokens_with`` finds, from token arrays, the tokens a full walk would."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from dossier.annotate.components.attribution import tokens_with

VOCAB = spacy.blank("en").vocab
WORDS = ["Said", "said", "says", "According", "according", "citing", "Citing", "told", "the", "Deny", "x", ""]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(WORDS[:-1]) | st.text(min_size=1, max_size=4), st.sampled_from(WORDS)),
        max_size=20,
    )
)
def test_same_as_a_full_walk(pairs: list[tuple[str, str]]) -> None:
    words = [w for w, _ in pairs]
    doc = (
        Doc(VOCAB, words=words, lemmas=[lemma or w for w, lemma in pairs]) if pairs else Doc(VOCAB, words=[])
    )
    lemmas, lowers = frozenset({"say", "said", "deny"}), frozenset({"according", "citing"})
    expected = [t.i for t in doc if t.lemma_.lower() in lemmas or t.lower_ in lowers]
    assert tokens_with(doc, lemmas=lemmas, words=lowers) == expected


def test_finds_verbs_of_saying() -> None:
    doc = Doc(VOCAB, words=["He", "Said", "so", ",", "according", "to", "them"],
              lemmas=["he", "Say", "so", ",", "accord", "to", "they"])  # fmt: skip
    assert tokens_with(doc, lemmas={"say"}) == [1]
    assert tokens_with(doc, lemmas={"say"}, words={"according"}) == [1, 4]
    assert tokens_with(doc, words={"so"}) == [2]
