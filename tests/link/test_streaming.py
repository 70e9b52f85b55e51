"""The link stage streams its records: passes over a reader, never all of them held at once."""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Iterator

from link_builders import make_record

from dossier.link import LINK_PASSES, link
from dossier.models import AnnotatedDocument, Claim, Geo, Speaker
from dossier.pipeline import relink
from dossier.store import SQLiteStore

NAMES = {"Kherson": "GPE", "Mykolaiv": "GPE", "Zelenskyy": "PERSON", "Ukrainian": "NORP"}
KHERSON = Geo(46.64, 32.61, "geonames:706448", "city", "UA")


class Tracked(AnnotatedDocument):
    """A record that can be weakly referenced (the slotted dataclass cannot)."""


def corpus() -> list[AnnotatedDocument]:
    """Six documents with something for every pass: dates, aliases, events, claims, copies."""
    body = "Ukrainian forces entered the city of Kherson on Friday, officials said, after weeks of fighting."
    texts = [
        body,
        body + " Updated.",
        "Officials said 40 people were killed in Kherson on 11 November as Ukrainian soldiers entered.",
        "President Zelenskyy called the liberation of Kherson a historic day on 11 November.",
        "Following the liberation, President Zelenskyy called it a historic day. Mykolaiv was shelled.",
        "Officials said 52 people were killed in Kherson on 11 November.",
    ]
    dates = {"Friday": "2022-11-11", "11 November": "2022-11-11"}
    out = []
    for i, text in enumerate(texts):
        claims = []
        for number in ("40", "52"):
            at = text.find(number + " people")
            if at >= 0:
                end = at + len(number) + 7
                claims.append(Claim(at, end, text[at:end], value=float(number), unit="people",
                                    attributed_to=Speaker("Officials")))
        out.append(make_record(f"d{i}", text, names=NAMES, places={"Kherson": KHERSON, "Mykolaiv": None},
                               dates=dates, claims=claims, published=None if i == 4 else "2022-11-12"))
    return out


def test_a_reader_gives_the_same_view_as_a_list_and_is_read_in_three_passes() -> None:
    records = corpus()
    calls = []

    def read(parts: frozenset[str]) -> Iterator[AnnotatedDocument]:
        calls.append(parts)
        return iter(sorted(records, key=lambda r: r.document.id))

    streamed, held = link(read), link(list(reversed(records)))
    assert streamed == held
    assert len(calls) == 3
    assert held.entities and held.events and held.conflicts  # every pass had work to do


def test_no_pass_holds_the_records_it_has_read() -> None:
    records = corpus()
    refs: list[weakref.ref[AnnotatedDocument]] = []
    most = 0

    def read(parts: frozenset[str]) -> Iterator[AnnotatedDocument]:
        nonlocal most
        for r in sorted(records, key=lambda r: r.document.id):
            fresh = Tracked(**{f.name: getattr(r, f.name) for f in dataclasses.fields(r)})
            refs.append(weakref.ref(fresh))
            most = max(most, sum(ref() is not None for ref in refs))
            yield fresh
            del fresh

    assert link(read) == link(records)
    # the record being read and, until the loop moves on, the one before it: never all six
    assert most <= 2


def test_relink_streams_a_stored_dossier(tmp_path) -> None:
    records = corpus()
    with SQLiteStore(tmp_path / "d.db") as store:
        store.write_batch(records)
        started, read = [], []
        assert relink(store, on_start=started.append, on_record=lambda: read.append(1))
        stored = store.read_links()
    # the progress the CLI shows: every document read once in each pass
    assert started == [len(records)] and len(read) == LINK_PASSES * len(records)
    assert dataclasses.replace(stored, basis="", linked=()) == link(records)


def test_a_document_added_while_the_link_stage_reads_is_left_for_the_next_link(tmp_path) -> None:
    records = corpus()
    late = make_record("d9", "Mykolaiv was shelled on 12 November.", names=NAMES,
                       dates={"12 November": "2022-11-12"})
    with SQLiteStore(tmp_path / "d.db") as store:
        store.write_batch(records)
        real = store.iter_records
        passes = []

        def reading(**kwargs):  # a writer adds a document once the first pass has begun
            passes.append(kwargs)
            if len(passes) == 1:
                store.write_batch([late])
            return real(**kwargs)

        store.iter_records = reading  # type: ignore[method-assign]
        assert relink(store)
        del store.iter_records
        first = store.read_links()
        assert len(passes) == LINK_PASSES
        # every pass read the same documents: the view is the view of the first six
        assert dataclasses.replace(first, basis="", linked=()) == link(records)
        assert first.linked == tuple(sorted(r.document.id for r in records))
        assert relink(store)  # the seventh is linked next time (with the ones it touches)
        assert store.link_coverage()[0] == 7
        relink(store, full=True)  # exact, whichever way it was linked
        assert dataclasses.replace(store.read_links(), basis="", linked=()) == link([*records, late])
