"""Property tests: the link result does not depend on input order; ids are stable."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.link import link
from dossier.models import LinkResult

from link_builders import claim_in, geo, make_record

NAMES = {"Volodymyr Zelenskyy": "PERSON", "Zelenskyy": "PERSON", "Volodomyr Zelenskyy": "PERSON",
         "Kherson": "GPE", "Kherson Oblast": "GPE", "Dnieper River": "LOC", "Dnipro": "LOC",
         "Russian": "NORP", "Ukrainian": "NORP", "John Smith": "PERSON", "Smith": "PERSON"}
SENTENCES = [
    "Ukrainian forces entered Kherson on 11 November as Russian troops left.",
    "President Volodymyr Zelenskyy called it a historic day on 11 November.",
    "Zelenskyy visited Kherson Oblast on 14 November with soldiers.",
    "Russian troops crossed the Dnieper River on 10 November at night.",
    "Soldiers drowned in the Dnipro while crossing on 10 November.",
    "Volodomyr Zelenskyy called the liberation a historic day for Ukrainian people.",
    "John Smith reported from Kherson on 12 November about the damage.",
    "Smith said the bridge over the Dnipro was destroyed on 11 November.",
    "About 30,000 soldiers crossed the river, the ministry said on 11 November.",
    "The minister said 40,000 soldiers crossed the river on 11 November.",
]
DATES = {"11 November": "2022-11-11", "10 November": "2022-11-10", "14 November": "2022-11-14",
         "12 November": "2022-11-12"}


def build(choices: list[list[int]]):
    records = []
    for n, picks in enumerate(choices):
        text = " ".join(SENTENCES[i] for i in picks)
        claims = []
        for i in picks:
            s = SENTENCES[i]
            if "30,000" in s:
                claims.append(claim_in(text, s, 30000, "soldiers", "soldiers", who="the ministry"))
            if "40,000" in s:
                claims.append(claim_in(text, s, 40000, "soldiers", "soldiers", who="the minister"))
        places = {"Kherson": geo("geonames:706448")} if n % 2 else None
        records.append(make_record(f"d{n:02d}", text, names=NAMES, places=places, dates=DATES, claims=claims))
    return records


def canon(result: LinkResult) -> tuple:
    return (result.entities, result.events, result.conflicts)


docs = st.lists(st.lists(st.integers(0, len(SENTENCES) - 1), min_size=1, max_size=5, unique=True),
                min_size=1, max_size=5)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs, st.randoms(use_true_random=False))
def test_result_is_invariant_under_input_order(choices, rnd: random.Random) -> None:
    records = build(choices)
    shuffled = list(records)
    rnd.shuffle(shuffled)
    assert canon(link(records)) == canon(link(shuffled))


@settings(max_examples=20, deadline=None)
@given(docs)
def test_ids_are_stable_and_unique(choices) -> None:
    records = build(choices)
    first, second = link(records), link(list(reversed(records)))
    assert [e.id for e in first.entities] == [e.id for e in second.entities]
    assert len({e.id for e in first.entities}) == len(first.entities)
    assert len({e.id for e in first.events}) == len(first.events)
    assert len({c.id for c in first.conflicts}) == len(first.conflicts)
    ids = {e.id for e in first.entities}
    for event in first.events:
        assert set(event.participants) <= ids
        assert event.place is None or event.place in ids
        assert 1 <= event.sources <= len({x.doc for x in event.evidence})


# -- the linear-time value comparisons equal the pairwise ones ---------------------------------

_CLAIM_VALUES = st.one_of(
    st.none(),
    st.integers(-50, 50),
    st.tuples(st.integers(0, 50), st.integers(0, 50)),
)
_QUALIFIERS = st.sampled_from([None, "about", "more than", "at most", "nearly", ""])


def _ref(i: int, value, qualifier, hedged: bool):
    from dataclasses import replace

    from dossier.link.conflicts import ClaimRef
    from dossier.models import Claim, Speaker

    if isinstance(value, tuple):
        claim = Claim(i, i + 1, "s", low=float(value[0]), high=float(value[1]), qualifier=qualifier, hedged=hedged)
    else:
        claim = Claim(i, i + 1, "s", value=None if value is None else float(value), qualifier=qualifier,
                      hedged=hedged)
    if i % 4:  # figures attributed to parties, within one source or across them
        claim = replace(claim, attributed_to=Speaker(("the ministry", "the army", "Ministry")[i % 4 - 1]))
    return ClaimRef(f"c{i}", "d", i, claim, frozenset(), f"s{i % 3}", frozenset(), frozenset(), frozenset(), None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_CLAIM_VALUES, _QUALIFIERS, st.booleans()), max_size=8))
def test_clashing_and_all_agree_equal_the_pairwise_tests(items) -> None:
    from dossier.link.conflicts import _all_agree, _clashing, agree, opposable

    group = [_ref(i, v, q, h) for i, (v, q, h) in enumerate(items)]
    pairwise = sorted({r.id for a in group for b in group
                       if a is not b and opposable(a, b) and agree(a, b) is False for r in (a, b)})
    assert _clashing(group) == pairwise
    if len(group) >= 2:
        assert _all_agree(group) == all(agree(a, b) for a in group for b in group if a is not b)


@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-()kmilKMILoetrsnwhfaxy")), max_size=80))
@settings(max_examples=400, deadline=None)
def test_sentences_skipped_by_the_unit_hint_hold_no_distance(text: str) -> None:
    """The distance check skips sentences without a unit word: none it skips has a phrase."""
    from dossier.geo.distance import find_distances
    from dossier.link.geocheck import UNIT_HINT

    if find_distances(text):
        assert UNIT_HINT.search(text)


@given(st.sampled_from(["55 miles west of", "20km to the west", "fifteen kilometers northwest of",
                        "3 mi from", "a dozen Kilometres east", "10-mile"]),
       st.text(alphabet="abcxyz ,.;", max_size=30), st.text(alphabet="0123456789 ,.;", max_size=30))
def test_real_distance_phrases_pass_the_unit_hint(phrase: str, left: str, right: str) -> None:
    from dossier.geo.distance import find_distances
    from dossier.link.geocheck import UNIT_HINT

    text = f"{left} {phrase} {right}"
    assert find_distances(text) and UNIT_HINT.search(text)
