"""Which stated lengths are distances between places, and which place they run to."""

from __future__ import annotations

import pytest

from dossier.geo.distance import find_distances
from dossier.link.geocheck import check_distances

from link_builders import geo, make_record


@pytest.mark.parametrize(
    "text",
    [
        "They studied the 1,900-mile-wide (3,100 kilometers) moon from Hawaii.",
        "Titan, with a diameter of 3,200 miles (5,150 km), is the second-biggest moon.",
        "The bridge is 2 km long and crosses the river.",
        "The crater is 10 miles across.",
        "A wall 300 kilometres in length divides the region.",
    ],
)
def test_the_size_of_a_thing_is_no_distance(text: str) -> None:
    assert find_distances(text) == []


def test_a_distance_and_its_conversion_are_one_phrase() -> None:
    (phrase,) = find_distances("Mykolaiv, about 55 miles (88 km) west of the city.")
    assert phrase.direction == "west" and phrase.anchored and round(phrase.km) == 89


def test_the_place_measured_to_is_named_just_before_the_phrase() -> None:
    text = ("He had, according to a reporter of the Springfield Gazette, killed and eaten a wild rabbit before "
            "he was taken to a hospital around 185 miles northwest of "
            "Shelbyville. The hospital in Ogdenville, 20 km north of Shelbyville, was full.")
    record = make_record("a", text, places={
        "Springfield": geo("g:1", 40.0, -89.0), "Shelbyville": geo("g:2", 39.4, -88.8),
        "Ogdenville": geo("g:3", 39.6, -88.8),
    })
    checks = check_distances(record)
    assert [(c.origin, c.target) for c in checks] == [("Shelbyville", "Ogdenville")]
