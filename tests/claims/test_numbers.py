"""Numbers in digits and words (``dossier.claims.numbers``)."""

from __future__ import annotations

import pytest

from dossier.claims.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("6", 6),
        ("20,000", 20000),
        ("4.5", 4.5),
        ("0.5k", 500),
        ("€10M"[1:], 10_000_000),
        ("1.2 million", 1_200_000),
        ("six", 6),
        ("Two", 2),
        ("fifteen", 15),
        ("twenty-one", 21),
        ("a hundred and two", 102),
        ("one thousand", 1000),
        ("2 1/2", 2.5),
        ("1/4", 0.25),
        ("½", 0.5),
        ("two thirds", 2 / 3),
        ("one sixth", 1 / 6),
        ("10 000", 10000),
        ("-18", -18),
        ("three million, two hundred & forty", 3_000_240),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "bridge", "a", "the key", "1/0", "hundreds"])
def test_parse_number_refuses_non_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("from 4,000 to 7,000 rounds", [("4,000", 4000), ("7,000", 7000)]),
        ("4,000–7,000 troops", [("4,000", 4000), ("7,000", 7000)]),
        ("nine months and six days", [("nine", 9), ("six", 6)]),
        ("two and a half miles", [("two and a half", 2.5)]),
        ("approximately one-half miles", [("one-half", 0.5)]),
        ("a two-year maintenance period", [("two", 2)]),
        ("4e14 per second", [("4e14", 4e14)]),
        ("several hundred residents", []),
        ("L2", []),
    ],
)
def test_find_numbers(text: str, found: list[tuple[str, float]]) -> None:
    got = [(n.text, n.value) for n in find_numbers(text)]
    assert [g[0] for g in got] == [f[0] for f in found]
    assert [g[1] for g in got] == pytest.approx([f[1] for f in found])


def test_find_numbers_offsets_point_into_the_text() -> None:
    text = "At least six people, and 1,200 more, fled twenty-one towns."
    for n in find_numbers(text):
        assert text[n.start : n.end] == n.text
