"""Quantity expressions (``dossier.claims.extract``), units, hedges, cues and quotation marks."""

from __future__ import annotations

import pytest

from dossier.claims.cues import POSSESSIVE_SOURCE, pronoun_kind
from dossier.claims.extract import excluded, find_quantities
from dossier.claims.hedges import find_hedges, is_verification_note
from dossier.claims.numbers import find_numbers
from dossier.claims.quotemarks import find_quoted
from dossier.claims.units import display_unit, match_rate, match_unit


def one(text: str):  # noqa: ANN201
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "qualifier", "value", "low", "high"),
    [
        ("At least six people died", "at least", 6, 6, None),
        ("more than 100,000 residents", "more than", 100000, 100000, None),
        ("up to 40 drones", "up to", 40, None, 40),
        ("nearly 900 flights", "nearly", 900, None, 900),
        ("approximately 30,000 soldiers", "approximately", 30000, None, None),
        ("about 55 miles west", "about", 55, None, None),
        ("some 4,500 tonnes", "some", 4500, None, None),
    ],
)
def test_qualifiers_keep_their_bounds(
    text: str, qualifier: str, value: float, low: float | None, high: float | None
) -> None:
    q = one(text)
    assert (q.qualifier, q.value, q.low, q.high) == (qualifier, value, low, high)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Ukraine is firing from 4,000 to 7,000 rounds daily", 4000, 7000),
        ("4,000–7,000 troops", 4000, 7000),
        ("between 44 and 50 mg", 44, 50),
        ("an 8- to 16-meter telescope", 8, 16),
        ("temperatures from -18 °C to -34 °C", -18, -34),
    ],
)
def test_ranges(text: str, low: float, high: float) -> None:
    q = one(text)
    assert (q.value, q.low, q.high) == (None, low, high)


def test_range_rate_and_unit() -> None:
    q = one("firing from 4,000 to 7,000 rounds daily")
    assert q.text == "from 4,000 to 7,000"
    assert match_rate("rounds daily", len("rounds")) == (len("rounds daily"), "day")


@pytest.mark.parametrize(
    ("text", "unit", "display"),
    [
        ("about 40% of the oblast", "percentage", "percent"),
        ("fifteen kilometers northwest", "kilometre", "kilometre"),
        ("$4.2 billion", "dollar", "dollar"),
        ("15€", "euro", "euro"),
        ("20 km/h", "kilometre per hour", "kilometre per hour"),
        ("4,500 tons of grain a day", "ton", "ton per day"),
    ],
)
def test_units(text: str, unit: str, display: str) -> None:
    q = one(text)
    assert q.unit == unit
    assert q.display_unit == display


@pytest.mark.parametrize(
    "text",
    [
        "the 18th century Prince",
        "since its full-scale invasion Feb. 24",
        "just after 3 a.m. on a block",
        "occupied since 2014",
        "from 9 to 11 November 2022",
        "on 1 October",
        "in the 1960s",
        "at 10:30 on Tuesday",
        "21st-century telescopes",
        "a key bridge",
        "Flight MH17",
        "SCP 06F6",
        "B-52 bombers",
        "Special Agent Peter Taub[899], of the Air Force",
        "the agency said.[12][13] Officers",
    ],
)
def test_dates_times_ordinals_and_names_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_a_bracketed_number_after_a_space_is_still_a_count() -> None:
    assert one("they seized [12] rifles").value == 12


def test_excluded_reasons() -> None:
    text = "On Feb. 24 at 3 a.m., 2014 and the 18th"
    reasons = [excluded(text, n) for n in find_numbers(text)]
    assert reasons == ["date", "time", "year", "ordinal"]


def test_half_of_and_vague_counts() -> None:
    half = one("Officials estimated half of the soldiers had left")
    assert (half.value, half.unit, half.qualifier) == (50, "percentage", "half of")
    vague = one("tens of thousands of people fled")
    assert (vague.value, vague.low, vague.high) == (None, 20000, 99999)


def test_match_unit_refuses_ambiguous_symbols_in_running_text() -> None:
    assert match_unit("6 in Kyiv", 1) is None
    assert match_unit("2 in thick", 1) is not None
    assert display_unit("percentage", None) == "percent"
    assert display_unit("rounds", "day") == "rounds per day"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("soldiers reportedly drowned", "reportedly"),
        ("a video appearing to show the flag", "appeared to"),
        ("the figures could not be independently verified", "could not be verified"),
        ("NBC News has not verified the figures", "has not verified"),
        ("one unidentified soldier", "unidentified"),
        ("the Kremlin denied it", "denied"),
        ("the ministry claimed 30,000 had left", "claimed"),
    ],
)
def test_hedges(text: str, cue: str) -> None:
    assert cue in [h.cue for h in find_hedges(text)]


def test_verification_note_needs_an_anaphor() -> None:
    assert is_verification_note("NBC News has not verified the figures.")
    assert not is_verification_note("The ministry has not verified.")  # nothing it points back to
    assert not is_verification_note("Six people were killed.")


def test_cues() -> None:
    assert pronoun_kind("He") == "person" and pronoun_kind("it") == "thing" and pronoun_kind("the") is None
    assert POSSESSIVE_SOURCE.search("(40,000 by his estimate)").group("who") == "his"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("“We won,” he said.", ["We won,"]),
        ('"We won," he said.', ["We won,"]),
        (
            "He told Reuters: 'It's not that easy. It will take one week' to finish.",
            ["It's not that easy. It will take one week"],
        ),
        (
            '"Russia does not give up," he wrote, "and we will not give up.”',
            ["Russia does not give up,", "and we will not give up."],
        ),
        ("the occupiers’ stay in the city’s centre", []),
        ("called it a “historic day” in a video", ["historic day"]),
        ("“Unclosed quote\nnext paragraph”", []),
        (
            "She said: “We will rebuild.\n\n“We have the money,” she added.",
            ["We will rebuild.", "We have the money,"],
        ),
    ],
)
def test_find_quoted(text: str, quoted: list[str]) -> None:
    found = find_quoted(text)
    assert [q.text for q in found] == quoted
    for q in found:
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("Nearly two-thirds of voters", 66.67, "nearly"),
        ("About a third of the crop", 33.33, "about a third of"),
        ("three quarters of homes", 75.0, None),
    ],
)
def test_shares_are_percentages(text: str, value: float, qualifier: str | None) -> None:
    q = one(text)
    assert (q.value, q.unit, q.qualifier) == (value, "percentage", qualifier)


def test_money_with_m_for_million() -> None:
    assert (one("agreed to pay $5m").value, one("agreed to pay $5m").unit) == (5_000_000, "dollar")
    assert (one("a 5m wall").value, one("a 5m wall").unit) == (5, "metre")
