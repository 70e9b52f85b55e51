"""Property tests: ISO values survive normalisation, intervals are ordered, nothing raises."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.temporal import normalise, reanchor_sequence, tag

DAYS = st.dates(min_value=dt.date(1600, 1, 1), max_value=dt.date(2099, 12, 31))
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]  # fmt: skip


@given(DAYS)
def test_iso_dates_normalise_to_themselves(day: dt.date) -> None:
    t = normalise(day.isoformat())
    assert t is not None and t.value == day.isoformat() and t.anchor == "absolute"


@given(DAYS)
def test_written_dates_normalise_to_iso(day: dt.date) -> None:
    t = normalise(f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}")
    assert t is not None and t.value == day.isoformat()


@given(DAYS, st.integers(min_value=1, max_value=40))
def test_intervals_are_ordered(day: dt.date, length: int) -> None:
    end = day + dt.timedelta(days=length)
    text = f"from {day.day} {MONTH_NAMES[day.month - 1]} {day.year} to {end.day} {MONTH_NAMES[end.month - 1]} {end.year}"  # noqa: E501
    t = normalise(text)
    assert t is not None and t.value is not None and "/" in t.value
    a, b = t.value.split("/")
    assert a == day.isoformat() and b == end.isoformat() and a <= b


@given(
    st.text(max_size=300),
    st.one_of(st.none(), DAYS.map(dt.date.isoformat)),
    st.sampled_from(["news", "encyclopedia", "other"]),
)
@settings(max_examples=300)
def test_tag_never_raises_and_offsets_hold(text: str, dct: str | None, kind: str) -> None:
    found = tag(text, dct, kind)
    for t in found:
        assert text[t.start : t.end] == t.text and t.start < t.end
        assert t.type in {"DATE", "TIME", "DURATION", "SET"}
    assert [t.start for t in found] == sorted(t.start for t in found)
    assert tag(text, dct, kind) == found  # deterministic


@given(DAYS, st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
def test_past_weekday_lies_in_the_week_before_the_dct(dct: dt.date, weekday: str) -> None:
    (t,) = tag(f"They met on {weekday}.", None, "news")
    (r,) = reanchor_sequence([t], dct.isoformat())
    day = dt.date.fromisoformat(r.value or "")
    assert 0 <= (dct - day).days <= 6 and day.strftime("%A") == weekday
