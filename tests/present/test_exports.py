"""Every export format, parsed back: JSON against its schema, GeoJSON checked for validity,
CSV round-tripped, TimelineJS's required fields, Markdown's footnotes — on a hand-built
dossier with hostile text, and on the seeds."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import weakref
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

import dossier
from dossier.api import Dossier
from dossier.errors import ConfigError
from dossier.models import AnnotatedDocument
from dossier.present.export import build_export, validate_export, write_export
from dossier.present.exports.csv import COLUMNS, csv_of, event_date, time_precision
from dossier.present.exports.markdown import md_escape
from dossier.present.exports.timelinejs import timeline_date
from dossier.present.renderers import formats
from dossier.present.view import build_view, date_label
from dossier.store import MemoryStore
from tests.present.builders import DOC_A, DOC_B, EVIL_TITLE, fill, find

FORMATS = ["json", "geojson", "csv", "timelinejs", "markdown"]


class Tracked(AnnotatedDocument):
    """A record that can be weakly referenced (the slotted dataclass cannot)."""


@pytest.fixture
def small() -> Dossier:
    return Dossier(fill(MemoryStore()))


# -- validators ------------------------------------------------------------------------


def check_geojson(data: dict[str, Any]) -> None:
    """RFC 7946 for what we emit: a FeatureCollection of Point features, [lon, lat] in range."""
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    assert isinstance(data["features"], list)
    ids = set()
    for f in data["features"]:
        assert f["type"] == "Feature"
        assert isinstance(f["properties"], dict)
        assert isinstance(f.get("id"), (str, int))
        ids.add(f["id"])
        geometry = f["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert isinstance(lon, (int, float)) and isinstance(lat, (int, float))
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert len(ids) == len(data["features"])


def check_timelinejs(data: dict[str, Any]) -> None:
    """TimelineJS3's required fields: events[], each with start_date.year (a number) and
    text or media; unique ids; the title slide has text."""
    assert isinstance(data["events"], list) and data["events"]
    assert data["title"]["text"]["headline"]
    ids = [e["unique_id"] for e in data["events"]]
    assert len(ids) == len(set(ids))
    for e in data["events"]:
        start = e["start_date"]
        assert isinstance(start["year"], int)
        for key in ("month", "day", "hour", "minute"):
            assert key not in start or isinstance(start[key], int)
        assert e.get("text", {}).get("headline") or e.get("media")
        if "end_date" in e:
            assert isinstance(e["end_date"]["year"], int)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def html_tags(fragment: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(fragment)
    return parser.tags


def check_markdown(text: str) -> None:
    """Footnote references all defined, definitions all used; no raw HTML survives."""
    refs = set(re.findall(r"\[\^(\d+)\](?!:)", text))
    defs = set(re.findall(r"^\[\^(\d+)\]:", text, re.M))
    assert refs and refs == defs
    tokens = MarkdownIt("commonmark").parse(text)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or [])}
    assert "html_block" not in kinds and "html_inline" not in kinds
    assert "<script" not in MarkdownIt("commonmark").render(text)


# -- the hand-built dossier -------------------------------------------------------------


def test_exports_every_format_is_registered() -> None:
    assert set(FORMATS) <= set(formats())


def test_exports_json_follows_the_contract(small: Dossier) -> None:
    data = json.loads(small.render("json"))
    validate_export(data)
    assert find(data["documents"], id=DOC_A)["title"] == EVIL_TITLE


def test_exports_geojson_places_and_events_with_sources(small: Dossier) -> None:
    data = json.loads(small.render("geojson"))
    check_geojson(data)
    place = find(data["features"], id="e-springfield")
    assert place["geometry"]["coordinates"] == [-83.8088, 39.9242]
    assert place["properties"]["kind"] == "place" and place["properties"]["mention_count"] == 2
    assert {s["doc"] for s in place["properties"]["sources"]} == {DOC_A, DOC_B}
    event = find(data["features"], id="ev-collapse")
    assert event["properties"]["date"] == "2023-03-14" and event["properties"]["source_count"] == 2
    assert event["geometry"] == place["geometry"]
    assert "conflict" in event["properties"]["badges"]
    assert event["properties"]["sources"][0]["text"].startswith("SPRINGFIELD, Ohio")


def test_exports_csv_round_trips_in_conflict_event_columns(small: Dossier) -> None:
    text = small.render("csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0].keys()) == COLUMNS
    assert COLUMNS[:12] == (
        "event_date",
        "time_precision",
        "notes",
        "actors",
        "location",
        "admin1",
        "country",
        "latitude",
        "longitude",
        "geo_precision",
        "sources",
        "source_count",
    )
    collapse = find(rows, event_id="ev-collapse")
    assert collapse["event_date"] == "2023-03-14" and collapse["time_precision"] == "1"
    assert collapse["notes"] == "The old bridge over the Mad River collapsed."
    assert collapse["actors"] == "Jane Roe"
    assert (collapse["location"], collapse["admin1"], collapse["country"]) == (
        "Springfield",
        "Ohio",
        "United States",
    )
    assert float(collapse["latitude"]) == 39.9242 and float(collapse["longitude"]) == -83.8088
    assert collapse["geo_precision"] == "1" and collapse["source_count"] == "2"
    assert collapse["sources"] == f"{EVIL_TITLE}; b.txt"  # quotes and commas survive the round trip
    inspect = find(rows, event_id="ev-inspect")
    assert (inspect["event_date"], inspect["time_precision"], inspect["date_value"]) == (
        "2023-03-01",
        "3",
        "2023-03",
    )
    # evidence offsets point at the sentence in the document
    doc_id, span = inspect["evidence"].split(":")
    start, end = map(int, span.split("-"))
    record = next(r for r in small.records() if r.document.id == doc_id)
    assert record.document.text[start:end].startswith("Engineers from Columbus")


def test_exports_csv_cells_never_start_a_spreadsheet_formula(small: Dossier) -> None:
    view = build_view(small.records(), small.export(), small.store.counts())
    find(view["events"], id="ev-inspect")["summary"] = '=HYPERLINK("http://x")'
    rows = list(csv.DictReader(io.StringIO(csv_of(view))))
    assert find(rows, event_id="ev-inspect")["notes"] == '\'=HYPERLINK("http://x")'


def test_exports_timelinejs_has_required_fields_and_escapes_html(small: Dossier) -> None:
    data = json.loads(small.render("timelinejs"))
    check_timelinejs(data)
    slide = find(data["events"], unique_id="ev-collapse")
    assert slide["start_date"] == {"year": 2023, "month": 3, "day": 14}
    inspect = find(data["events"], unique_id="ev-inspect")
    assert inspect["start_date"] == {"year": 2023, "month": 3}
    for fragment in [
        data["title"]["text"]["text"],
        *(e["text"]["text"] for e in data["events"]),
        *(e["text"]["headline"] for e in data["events"]),
    ]:
        assert {t for t, _ in html_tags(fragment)} <= {"p", "ul", "li", "em"}, fragment
    assert "&lt;script&gt;" in inspect["text"]["headline"]


def test_exports_markdown_brief_with_footnoted_sources(small: Dossier) -> None:
    text = small.render("markdown")
    check_markdown(text)
    assert "## Timeline" in text and "## Sources" in text
    line = re.search(
        r"The old bridge over the Mad River collapsed\.((?:\[\^\d+\])+) \(2 sources\) \*\(conflict\)\*", text
    )
    assert line, text
    notes = re.findall(r"\d+", line.group(1))
    assert len(notes) == 3
    assert re.search(
        rf"^\[\^{notes[2]}\]: \*b\.txt\* \(docbbbbbbbbbbbb2, characters 0–63\): “The Mad River bridge",
        text,
        re.M,
    )
    assert "**Conflict — people hurt**" in text


def test_exports_unknown_format_lists_the_formats(small: Dossier) -> None:
    with pytest.raises(ConfigError, match="available: csv, geojson, json, markdown, timelinejs"):
        small.render("xml")


@pytest.mark.parametrize(
    ("value", "precision", "day", "code"),
    [
        ("2022-11-11", "day", "2022-11-11", 1),
        ("2022-11-11T03:00", "time", "2022-11-11", 1),
        ("2022-11", "month", "2022-11-01", 3),
        ("2022", "year", "2022-01-01", 3),
        ("2022-11-09/2022-11-11", "interval", "2022-11-09", 2),
        ("2022-09-01/2022-11-11", "interval", "2022-09-01", 3),
    ],
)
def test_exports_csv_dates_and_precision_codes(value: str, precision: str, day: str, code: int) -> None:
    assert event_date(value) == day
    assert time_precision(value, precision) == code


def test_exports_timeline_dates_and_labels() -> None:
    assert timeline_date("2022-11-11T03:00") == {"year": 2022, "month": 11, "day": 11, "hour": 3, "minute": 0}
    assert timeline_date("2022-W45") == {"year": 2022, "month": 11, "day": 7}
    assert timeline_date("PAST_REF") is None
    assert date_label("2022-11-09/2022-11-11") == "9 November 2022 – 11 November 2022"
    assert date_label("2022-11-10TEV") == "10 November 2022, evening"
    assert md_escape("<b>*x*</b> [a](javascript:b)") == r"\<b\>\*x\*\</b\> \[a\](javascript:b)"


# -- the seeds --------------------------------------------------------------------------


@pytest.mark.slow
def test_exports_of_the_seeds_parse_back(seeds_db: Path) -> None:
    with dossier.open(seeds_db) as d:
        out = {fmt: d.render(fmt) for fmt in FORMATS}
        events = d.export()["events"]
    validate_export(json.loads(out["json"]))
    geo = json.loads(out["geojson"])
    check_geojson(geo)
    kinds = [f["properties"]["kind"] for f in geo["features"]]
    assert kinds.count("place") >= 10 and kinds.count("event") >= 10
    kherson = [f for f in geo["features"] if f["properties"].get("name") == "Kherson"]
    assert kherson and abs(kherson[0]["geometry"]["coordinates"][1] - 46.63) < 0.2
    rows = list(csv.DictReader(io.StringIO(out["csv"])))
    assert len(rows) == len(events) and all(r["event_date"][:4].isdigit() for r in rows)
    assert any(r["event_date"] == "2022-11-11" and int(r["source_count"]) >= 2 for r in rows)
    check_timelinejs(json.loads(out["timelinejs"]))
    check_markdown(out["markdown"])
    assert "11 November 2022" in out["markdown"]


# -- the JSON contract written as it is made -------------------------------------------------


def _streamed(store: Any) -> str:
    buf = io.StringIO()
    write_export(store, buf)
    return buf.getvalue()


def test_exports_json_written_as_made_is_the_same_text(small: Dossier) -> None:
    assert _streamed(small.store) == small.render("json")
    empty = MemoryStore()
    assert _streamed(empty) == json.dumps(build_export(empty), ensure_ascii=False, indent=1)
    assert json.loads(_streamed(empty))["documents"] == []


def test_exports_json_written_as_made_holds_one_record_at_a_time(small: Dossier) -> None:
    store = small.store
    first = next(store.iter_records())
    store.write_batch([dataclasses.replace(first, document=dataclasses.replace(
        first.document, id=f"copy{i}", path=f"copy{i}.txt")) for i in range(4)])
    real = store.iter_records
    refs: list[weakref.ref[Any]] = []
    most = 0

    def tracked(**kwargs: Any) -> Any:
        nonlocal most
        for r in real(**kwargs):
            fresh = Tracked(**{f.name: getattr(r, f.name) for f in dataclasses.fields(r)})
            refs.append(weakref.ref(fresh))
            most = max(most, sum(ref() is not None for ref in refs))
            yield fresh
            del fresh

    expected = small.render("json")
    store.iter_records = tracked  # type: ignore[method-assign]
    assert _streamed(store) == expected
    assert len(store.document_ids()) == 6 and most <= 2


@pytest.mark.slow
def test_exports_json_of_the_seeds_written_as_made(seeds_db: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dossier.cli import app

    out = tmp_path / "e.json"
    out.write_text("an earlier export")
    with dossier.open(seeds_db) as d:
        expected = d.render("json") + "\n"
    assert CliRunner().invoke(app, ["export", "--db", str(seeds_db), "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == expected
    assert not list(tmp_path.glob("*.partial"))


def test_exports_json_that_fails_keeps_the_earlier_file(small: Dossier, tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    import dossier.present.export as export
    from dossier.cli import app
    from dossier.store import SQLiteStore

    db = tmp_path / "d.db"
    with SQLiteStore(db) as store:  # a real database, with the small dossier's documents
        store.write_batch(list(small.store.iter_records()))

    def broken(store: Any, out: Any) -> None:
        out.write('{"schema": ')
        raise OSError("disk full")

    monkeypatch.setattr(export, "write_export", broken)
    target = tmp_path / "e.json"
    target.write_text("an earlier export")
    result = CliRunner().invoke(app, ["export", "--db", str(db), "-o", str(target)])
    assert result.exit_code != 0
    assert target.read_text() == "an earlier export"
    assert not list(tmp_path.glob("*.partial"))
