"""Event mentions and timeline clustering on hand-built records."""

from __future__ import annotations

import dataclasses

from dossier.link import link
from dossier.link.events import dates_compatible, parse_value, summary_line
from dossier.models import Published

from link_builders import make_record

NAMES = {"Ukrainian": "NORP", "Kherson": "GPE", "Russia": "GPE", "Zelenskyy": "PERSON",
         "Mykolaiv": "GPE", "Russian": "NORP"}


def test_parse_value_precisions() -> None:
    assert parse_value("2022-11-11") == ("2022-11-11", "day")
    assert parse_value("2022-11") == ("2022-11", "month")
    assert parse_value("2022") == ("2022", "year")
    assert parse_value("2022-11-11T03:00") == ("2022-11-11T03:00", "time")
    assert parse_value("2022-11-10TEV") == ("2022-11-10", "day")
    assert parse_value("2022-11-09/2022-11-11") == ("2022-11-09/2022-11-11", "interval")
    for bad in (None, "PAST_REF", "P3D", "XXXX-WXX-5", "2022-W45", "17"):
        assert parse_value(bad) is None


def test_dates_compatible_nests_and_separates() -> None:
    assert dates_compatible("2022-11", "2022-11-11")
    assert dates_compatible("2022-11-09/2022-11-11", "2022-11-10")
    assert not dates_compatible("2022-11-10", "2022-11-11")
    assert not dates_compatible("2022-10", "2022-11-11")


def test_same_event_in_two_outlets_is_one_entry_with_two_sources() -> None:
    a = make_record("a", "Ukrainian forces entered the city of Kherson on Friday after a Russian retreat. "
                         "Heavy shelling hit the port of Mykolaiv on Thursday night.",
                    names=NAMES, dates={"Friday": "2022-11-11", "Thursday": "2022-11-10"})
    b = make_record("b", "Ukrainian forces entered Kherson on 11 November as Russian troops retreated.",
                    names=NAMES, dates={"11 November": "2022-11-11"})
    result = link([a, b])
    entry = [e for e in result.events if {x.doc for x in e.evidence} == {"a", "b"}]
    assert len(entry) == 1
    assert entry[0].date.value == "2022-11-11" and entry[0].date.precision == "day"
    assert entry[0].sources == 2
    kherson = next(e.id for e in result.entities if e.name == "Kherson")
    assert entry[0].place == kherson
    other = [e for e in result.events if e is not entry[0]]
    assert [e.date.value for e in other] == ["2022-11-10"]
    for e in result.events:
        for x in e.evidence:
            doc = a if x.doc == "a" else b
            assert doc.document.text[x.start:x.end] == x.text


def test_different_days_never_share_an_entry() -> None:
    a = make_record("a", "Ukrainian forces entered the city of Kherson on 11 November.", names=NAMES,
                    dates={"11 November": "2022-11-11"})
    b = make_record("b", "Ukrainian forces entered the city of Kherson on 12 November.", names=NAMES,
                    dates={"12 November": "2022-11-12"})
    result = link([a, b])
    assert len(result.events) == 2
    assert all(e.sources == 1 for e in result.events)


def test_unrelated_same_day_reports_stay_apart() -> None:
    a = make_record("a", "Ukrainian forces entered the city of Kherson on Friday.", names=NAMES,
                    dates={"Friday": "2022-11-11"})
    b = make_record("b", "A missile strike destroyed an apartment block in Mykolaiv on 11 November.", names=NAMES,
                    dates={"11 November": "2022-11-11"})
    assert len(link([a, b]).events) == 2


def test_wire_copies_count_as_one_source() -> None:
    body = ("Ukrainian forces entered the city of Kherson on Friday after weeks of fighting along the river, "
            "officials said, as residents gathered in the central square to greet the soldiers and wave flags.")
    a = make_record("a", body, names=NAMES, dates={"Friday": "2022-11-11"})
    b = make_record("b", body + " Updated.", names=NAMES, dates={"Friday": "2022-11-11"})
    c = make_record("c", "Ukrainian soldiers entered Kherson on 11 November, greeted by residents waving flags.",
                    names=NAMES, dates={"11 November": "2022-11-11"})
    result = link([a, b, c])
    (entry,) = [e for e in result.events if len({x.doc for x in e.evidence}) == 3]
    assert entry.sources == 2


def test_undated_sentence_joins_an_entry_dated_by_another_source() -> None:
    a = make_record("a", "President Zelenskyy called the liberation of Kherson a historic day on 11 November.",
                    names=NAMES, dates={"11 November": "2022-11-11"})
    b = make_record("b", "Following the liberation, President Zelenskyy called it a historic day.", names=NAMES)
    result = link([a, b])
    (entry,) = result.events
    assert {x.doc for x in entry.evidence} == {"a", "b"}
    assert entry.date.value == "2022-11-11"


def test_undated_sentence_stays_within_the_years_its_document_tells_of() -> None:
    a = make_record("a", "President Zelenskyy called the liberation of Kherson a historic day on 11 November.",
                    names=NAMES, dates={"11 November": "2022-11-11"})
    filler = "The museum keeps its maps. Visitors walk the walls. Guides tell its story. Schools come often. "
    old = ("The old fort of Kherson was rebuilt in 1950. " + filler +
           "Following the liberation, President Zelenskyy called it a historic day.")
    b = make_record("b", old, names=NAMES, dates={"1950": "1950"})
    entry = next(e for e in link([a, b]).events if e.date.value == "2022-11-11")
    assert {x.doc for x in entry.evidence} == {"a"}  # a document about 1950 does not reach 2022
    recent = old.replace("1950", "2021")
    b = make_record("b", recent, names=NAMES, dates={"2021": "2021"})
    entry = next(e for e in link([a, b]).events if e.date.value == "2022-11-11")
    assert {x.doc for x in entry.evidence} == {"a", "b"}  # a year away: it may


def test_undated_sentence_alone_is_not_an_event() -> None:
    b = make_record("b", "Following the liberation, President Zelenskyy called it a historic day.", names=NAMES)
    assert link([b]).events == ()


def test_news_sentence_takes_the_publication_date_only_with_corroboration() -> None:
    text = "President Zelenskyy called the liberation of Kherson a historic day in a video."
    a = make_record("a", text, names=NAMES, published="2022-11-11")
    a = dataclasses.replace(a, document=dataclasses.replace(a.document, kind="news"))
    assert link([a]).events == ()
    b = make_record("b", "Zelenskyy called the liberation of Kherson a historic day, in a video message.",
                    names=NAMES, published="2022-11-11")
    b = dataclasses.replace(b, document=dataclasses.replace(b.document, kind="news",
                                                            published=Published("2022-11-11", "metadata")))
    (entry,) = link([a, b]).events
    assert entry.date.value == "2022-11-11" and entry.sources == 2


def test_period_bounds_do_not_date_the_event_when_a_narrative_date_exists() -> None:
    text = ("On 10 November, Ukrainian forces retook Kyselivka near Kherson. "
            "The commander said forces had taken back 41 settlements since 1 October.")
    a = make_record("a", text, names=NAMES, dates={"10 November": "2022-11-10", "1 October": "2022-10-01"})
    values = {e.date.value for e in link([a]).events}
    assert "2022-10-01" not in values


def test_summary_is_one_line_and_short() -> None:
    line = summary_line("**Bold**  text\nacross lines " + "word " * 100)
    assert "\n" not in line and "*" not in line and len(line) <= 201
