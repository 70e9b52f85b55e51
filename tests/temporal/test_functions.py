"""Unit tests of the pure temporal functions: arithmetic, grammar extents, rules, datelines."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.models import Timex
from dossier.temporal import find_dateline, normalise, reanchor, reanchor_sequence, tag
from dossier.temporal.grammar import duration_value
from dossier.temporal.parse import Parse, from_rule, to_rule
from dossier.temporal.resolve import add_months, fmt, weekday_near


@pytest.mark.parametrize(
    ("ref", "weekday", "direction", "expected"),
    [
        ("2022-11-11", 5, "past", "2022-11-11"),
        ("2022-11-11", 5, "last", "2022-11-04"),
        ("2022-11-11", 5, "next", "2022-11-18"),
        ("2022-11-11", 5, "future", "2022-11-11"),
        ("2022-11-11", 1, "this", "2022-11-07"),
        ("2022-11-11", 6, "nearest", "2022-11-12"),
        ("2022-11-11", 2, "nearest", "2022-11-08"),
    ],
)
def test_weekday_near(ref: str, weekday: int, direction: str, expected: str) -> None:
    assert weekday_near(dt.date.fromisoformat(ref), weekday, direction).isoformat() == expected


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 1, 31), 1) == dt.date(2023, 2, 28)
    assert add_months(dt.date(2022, 12, 15), 1) == dt.date(2023, 1, 15)


@pytest.mark.parametrize(
    ("gran", "expected"),
    [
        ("D", "2021-01-03"),
        ("W", "2020-W53"),
        ("M", "2021-01"),
        ("Q", "2021-Q1"),
        ("Y", "2021"),
        ("DE", "202"),
        ("CE", "20"),
    ],
)
def test_fmt_granularities(gran: str, expected: str) -> None:
    assert fmt(dt.date(2021, 1, 3), gran) == expected


@pytest.mark.parametrize(
    ("n", "unit", "expected"),
    [
        (3, "D", "P3D"),
        (24, "H", "PT24H"),
        (None, "M", "PXM"),
        (1.5, "Y", "P1Y6M"),
        (0.5, "Y", "P6M"),
        (5.5, "H", "PT5H30M"),
        (1.5, "D", "P1DT12H"),
        (1.5, "W", "P10D"),
        (2, "DE", "P20Y"),
        (90, "MIN", "PT90M"),
    ],
)
def test_duration_value(n: float | None, unit: str, expected: str) -> None:
    assert duration_value(n, unit) == expected


def test_rule_round_trip() -> None:
    p = Parse(wd=5, dir="past", pod="MO", rel=None)
    assert to_rule(from_rule(to_rule(p))) == to_rule(p) == "wd=5;pod=MO;dir=past"
    q = Parse(rel=("D", -1), ana=True)
    assert from_rule(to_rule(q)).rel == ("D", -1) and from_rule(to_rule(q)).ana


def test_rule_rejects_garbage() -> None:
    with pytest.raises(ValueError):
        from_rule("bogus=1")


def test_extents_leave_prepositions_out() -> None:
    texts = [
        t.text
        for t in tag(
            "They arrived on Friday and stayed for months, within 24 hours of the call.", "2022-11-11", "news"
        )
    ]
    assert texts == ["Friday", "months", "24 hours"]


def test_modifiers_are_inside_the_extent_with_their_mod() -> None:
    (t,) = tag("It happened at the end of September.", "2022-11-11", "news")
    assert (t.text, t.value, t.mod) == ("the end of September", "2022-09", "END")


def test_a_year_inside_a_name_is_not_a_timex() -> None:
    assert tag("It was part of the 2022 Ukrainian southern counteroffensive.", None, "encyclopedia") == []
    assert [t.value for t in tag("In 2014 Russia annexed Crimea.", None, "encyclopedia")] == ["2014"]


def test_a_year_opening_a_name_in_news_is_a_timex() -> None:
    # TimeML (and TBAQ-cleaned, 4 of 4) marks the year of "the 1996 Olympic bombing" in news.
    found = tag("He is charged in the 1996 Olympic bombing that killed one.", "1999-05-06", "news")
    assert [(t.text, t.value) for t in found] == [("1996", "1996")]


def test_a_quoted_title_is_not_a_timex() -> None:
    text = "Baker said on ABC's \"This Week With David Brinkley\" that the film ``High Noon'' helped today."
    assert [t.text for t in tag(text, "1991-02-25", "news")] == ["today"]
    assert [t.text for t in tag('"Today we won," he said.', "1991-02-25", "news")] == ["Today"]


def test_month_with_this_next_or_last_year_is_one_expression() -> None:
    found = tag("It began in February this year and ends in April next year.", "1998-12-03", "news")
    assert [(t.text, t.value) for t in found] == [
        ("February this year", "1998-02"),
        ("April next year", "1999-04"),
    ]


def test_lower_case_may_is_not_a_month() -> None:
    assert tag("Officials may march on the capital.", "2022-11-11", "news") == []
    assert [t.value for t in tag("It opened on 3 May 2021.", None, "news")] == ["2021-05-03"]


def test_time_zone_is_kept_in_the_extent() -> None:
    (t,) = tag("claimed on 11 November 2022 5 a.m. Moscow time that", None, "encyclopedia")
    assert (
        t.text == "11 November 2022 5 a.m. Moscow time" and t.value == "2022-11-11T05:00" and t.type == "TIME"
    )


def test_undated_news_keeps_relative_values_open() -> None:
    values = [(t.value, t.anchor) for t in tag("Troops left on Friday, nine months ago.", None, "news")]
    assert values == [("XXXX-WXX-5", "dct"), ("XXXX-XX", "dct")]


def test_reanchor_resolves_a_weekday_once_the_dct_is_known() -> None:
    (t,) = tag("Troops entered the city on Friday.", None, "news")
    assert reanchor(t, "2022-11-14").value == "2022-11-11"
    assert reanchor(t, "2022-11-11").value == "2022-11-11"


def test_reanchor_leaves_absolute_ones_alone() -> None:
    t = Timex(0, 4, "2014", "DATE", "2014", None, "absolute", None)
    assert reanchor(t, "2022-11-11") is t


def test_reanchor_sequence_follows_anaphora() -> None:
    ts = tag("Troops entered on Friday. The previous day was calm.", None, "news")
    assert [t.value for t in reanchor_sequence(ts, "2022-11-12")] == ["2022-11-11", "2022-11-10"]


def test_the_dct_never_defaults_to_today() -> None:
    assert normalise("yesterday", None, "news").value == "XXXX-XX-XX"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Headline here\nNov. 11, 2022, 4:32 AM EST\nMYKOLAIV, Ukraine — Forces entered Kherson.",
            "2022-11-11",
        ),
        ("Title\nPublished 11 November 2022\n\nBody text about an event.", "2022-11-11"),
        ("Updated: 2023-03-05\nSome story.", "2023-03-05"),
    ],
)
def test_find_dateline(text: str, expected: str) -> None:
    found = find_dateline(text)
    assert found is not None and found[0] == expected and found[1]


def test_no_dateline_in_a_story_that_only_mentions_dates() -> None:
    text = (
        "Ukrainian forces swept into the key southern city of Kherson on Friday after Russia said its military "  # noqa: E501
        "had completed a rapid retreat, months after the invasion that began on 24 February 2022 and that "
        "many analysts had long predicted would end differently; the war goes on."
    )
    assert find_dateline(text) is None
    assert find_dateline("No dates here at all.") is None


def test_comparative_modifiers_are_inside_a_duration_and_only_is_not() -> None:
    found = tag("It took at least 72 hours, less than a decade, only 45 days.", "2000-04-01", "news")
    assert [(t.text, t.mod) for t in found] == [
        ("at least 72 hours", "EQUAL_OR_MORE"),
        ("less than a decade", "LESS_THAN"),
        ("45 days", None),
    ]


def test_a_span_of_years_is_two_timexes_as_in_timeml() -> None:
    found = tag("The 2012-13 season and the 1990–1995 boom.", "2013-03-22", "news")
    assert [(t.text, t.value) for t in found] == [
        ("2012", "2012"),
        ("13", "2013"),
        ("1990", "1990"),
        ("1995", "1995"),
    ]


def test_that_year_and_the_following_month_follow_the_last_mention() -> None:
    text = (
        "On Jan. 5 he spoke. He came in June 1998 and returned later that year. In March 1989 it failed; "
        "the following month it was sold. Sales fell 5% from a year earlier."
    )
    found = [(t.text, t.value) for t in tag(text, "2000-01-28", "news")]
    assert ("later that year", "1998") in found
    assert ("the following month", "1989-04") in found
    assert ("a year earlier", "1999") in found  # a report's comparison: from the DCT


def test_the_before_a_count_of_units_is_inside_the_extent() -> None:
    text = "Profit rose in the nine months ended Sept. 30 after the four days of talks."
    found = tag(text, "1989-10-27", "news")
    assert [(t.text, t.value) for t in found][0] == ("the nine months", "P9M")
    assert ("the four days", "P4D") in [(t.text, t.value) for t in found]


def test_around_before_a_possessive_date_is_not_a_modifier() -> None:
    (t,) = tag("They looked for ways to get around Wednesday's ruling.", "2000-01-15", "news")
    assert (t.text, t.mod) == ("Wednesday", None)
    (t,) = tag("It came around Wednesday.", "2000-01-15", "news")
    assert (t.text, t.mod) == ("around Wednesday", "APPROX")
