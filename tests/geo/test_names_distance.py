"""Name keys, distance phrases and geodesics."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.geo.distance import (
    bearing_deg,
    compass,
    directions_agree,
    find_distances,
    haversine_km,
    parse_number,
)
from dossier.geo.names import adjective_stems, fold, skeleton, split_generic


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tyahynka", "Tiahynka"),
        ("Mykolaiv", "Mykolayiv"),
        ("Kharkiv", "Harkiv"),
        ("Zaporizhzhia", "Zaporizhia"),
    ],
)
def test_transliteration_variants_share_a_skeleton(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


def test_different_names_have_different_skeletons() -> None:
    assert skeleton("Kherson") != skeleton("Kharkiv")


def test_fold_drops_case_accents_and_punctuation() -> None:
    assert fold("  São-Paulo’s ") == "sao paulos"
    assert fold("Kyïv") == "kyiv"


def test_split_generic() -> None:
    assert split_generic("Kherson Oblast") == ("Kherson", "region")
    assert split_generic("Dnieper River") == ("Dnieper", "river")
    assert split_generic("Lake Erie") == ("Erie", "lake")
    assert split_generic("Kherson") == ("Kherson", None)


def test_adjective_stems() -> None:
    assert "Crimea" in adjective_stems("Crimean")
    assert "Europe" in adjective_stems("European")
    assert adjective_stems("Oslo") == []


def test_haversine_and_bearing() -> None:
    # Kherson -> Mykolaiv: about 60 km, to the west-northwest.
    d = haversine_km(46.64, 32.61, 46.97, 31.99)
    assert 55 < d < 65
    assert compass(bearing_deg(46.64, 32.61, 46.97, 31.99)) in {"northwest", "west"}
    assert haversine_km(0, 0, 0, 180) == pytest.approx(20015, rel=0.01)


def test_distance_phrases() -> None:
    (p,) = find_distances("about 55 miles west of Kherson city")
    assert p.km == pytest.approx(88.5, abs=0.1) and p.direction == "west" and p.anchored
    (p,) = find_distances("Kyselivka, fifteen kilometers northwest of Kherson.")
    assert p.km == 15 and p.direction == "northwest" and p.anchored
    (p,) = find_distances("it lies 20 kilometres to the west")
    assert p.km == 20 and p.direction == "west" and not p.anchored
    assert find_distances("no numbers here") == []


def test_parse_number_and_directions() -> None:
    assert parse_number("twenty-five") == 25
    assert parse_number("1,200") == 1200
    assert parse_number("many") is None
    assert directions_agree("west", "northwest") and not directions_agree("west", "east")


@given(st.text(max_size=200))
def test_distance_parsing_never_raises_and_offsets_are_valid(text: str) -> None:
    for p in find_distances(text):
        assert 0 <= p.start < p.end <= len(text)
        assert p.km > 0


@given(st.text(max_size=60))
def test_keys_never_raise(text: str) -> None:
    assert isinstance(fold(text), str) and isinstance(skeleton(text), str)


def test_dotted_abbreviations() -> None:
    from dossier.geo.names import is_abbreviation_of

    assert is_abbreviation_of("Calif.", "California")
    assert is_abbreviation_of("Ky.", "Kentucky")
    assert is_abbreviation_of("W.Va.", "West Virginia")
    assert not is_abbreviation_of("Ky.", "Ohio")
    assert not is_abbreviation_of("Ga.", "Alabama")


def test_plural_demonyms() -> None:
    assert "Palestine" in adjective_stems("Palestinians")
    assert "Ohio" in adjective_stems("Ohioans")
