"""One contract, both stores (``store`` fixture is parametrized over Memory and SQLite)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dossier.errors import NotFound, QueryError, StaleView
from dossier.ingest.document import document_id
from dossier.models import (
    AnnotatedDocument,
    Claim,
    Conflict,
    DistanceCheck,
    Document,
    Entity,
    Event,
    EventDate,
    EventMention,
    Evidence,
    Geo,
    LinkPatch,
    LinkResult,
    Mention,
    Place,
    Published,
    Quote,
    Refusal,
    Sentence,
    Speaker,
    Timex,
)


def record(text: str, path: str = "a.txt") -> AnnotatedDocument:
    doc = Document(id=document_id(text), path=path, text=text, title="T", kind="news",
                   published=Published("2022-11-11", "metadata", "test"), meta={"k": [1, 2]})
    first = text.split(".")[0] + "."
    return AnnotatedDocument(
        document=doc,
        sentences=(Sentence(0, len(first), first),),
        mentions=(Mention(0, 5, text[:5], "GPE", "GPE"),),
        timexes=(Timex(0, 5, text[:5], "DATE", "2022-11-11", None, "dct", "weekday:FR:past"),),
        places=(Place(0, 5, text[:5], "GPE", Geo(46.6, 32.6, "geonames:1", "city", "UA", "Reg", "X", 1, 0.9)),),
        claims=(Claim(0, len(first), first, value=3.0, unit="people", attributed_to=Speaker("Ann", 0, 3, "mayor")),),
        quotes=(Quote(0, 5, text[:5], Speaker("Ann"), "said"),),
    )


def test_write_then_read_round_trips_every_part(store) -> None:
    r = record("Paris is calm today. Nothing else.")
    report = store.write_batch([r], [Refusal("bad.bin", "binary")])
    assert (report.added, report.skipped) == (1, 0)
    assert list(store.iter_records()) == [r]
    assert store.get_document(r.document.id) == r.document
    assert store.refusals() == [Refusal("bad.bin", "binary")]
    assert store.has_document(r.document.id)


def test_same_text_twice_is_stored_once(store) -> None:
    r = record("Paris is calm today.")
    store.write_batch([r])
    again = store.write_batch([r, replace(r, document=replace(r.document, path="b.txt"))])
    assert (again.added, again.skipped) == (0, 2)
    assert store.counts()["documents"] == 1


def test_changed_file_becomes_a_new_version(store) -> None:
    old, new = record("Paris is calm today."), record("Paris is loud today.")
    store.write_batch([old])
    report = store.write_batch([new])
    assert (report.added, report.versions) == (1, 1)
    assert [r.document.id for r in store.iter_records()] == [new.document.id]
    assert store.document_ids() == [new.document.id]
    assert store.counts()["versions"] == 1
    assert store.get_document(old.document.id).text == "Paris is calm today."


def test_unknown_document_is_not_found(store) -> None:
    with pytest.raises(NotFound):
        store.get_document("nope")


def test_links_round_trip_and_are_replaced(store) -> None:
    ev = Evidence("d1", 0, 4, "text")
    result = LinkResult(
        entities=(Entity("e1", "Paris", "GPE", ("Paris", "Paree"), (ev,), Geo(48.85, 2.35, "geonames:2988507", "city", "FR")),),
        events=(Event("v1", EventDate("2022-11-11", "day"), "It happened", (ev,), 1, "e1", ("e1",)),),
        conflicts=(Conflict("k1", "how many", "quantity", ("d1-c0", "d1-c1"), "they differ"),),
        published={"d1": Published("2022-11-11", "inferred", "because")},
        timexes={"d1": (Timex(0, 4, "text", "DATE", "2022-11-11"),)},
    )
    assert store.link_basis() == ""
    store.write_links(replace(result, basis="b1"))
    assert store.read_links() == replace(result, basis="b1") and store.link_basis() == "b1"
    store.write_links(LinkResult())
    assert store.read_links() == LinkResult() and store.link_basis() == ""


def test_a_patch_changes_only_what_it_names_and_references_follow_merged_ids(store) -> None:
    ev = Evidence("d1", 0, 4, "text")
    paris = Entity("e1", "Paris", "GPE", ("Paris",), (ev,))
    paree = Entity("e2", "Paree", "GPE", ("Paree",), (Evidence("d2", 0, 5, "Paree"),))
    rome = Entity("e3", "Rome", "GPE", ("Rome",), (Evidence("d3", 0, 4, "Rome"),))
    mention = EventMention("d2", 6, 10, "rose", "rise", (0, 20), participants=("e2", "e3"), place="e2",
                           event="v2", cluster="em-1")
    view = LinkResult(
        entities=(paris, paree, rome),
        events=(Event("v2", EventDate("2022-11-11", "day"), "two", (Evidence("d2", 0, 20, "x"),), 1, "e2"),
                Event("v1", EventDate("2022-11-12", "day"), "one", (ev,), 1, "e1")),
        conflicts=(Conflict("k1", "how many", "quantity", ("d1-c0", "d2-c0"), "they differ"),
                   Conflict("k2", "how many", "quantity", ("d3-c0", "d1-c1"), "they differ")),
        published={"d1": Published("2022-11-11", "inferred", "because")},
        distance_checks=(DistanceCheck("d3", 0, 4, "x", "e3", "e1", 1000.0, 1105.0),),
        mentions=(mention,),
        basis="b1", linked=("d1", "d2", "d3"),
    )
    store.write_links(view)
    # a new document d4 bridges Paris and Paree, and widens the first conflict
    merged = replace(paris, aliases=("Paree", "Paris"), mentions=(ev, *paree.mentions, Evidence("d4", 0, 5, "Paris")))
    patch = LinkPatch(
        entities=(merged,),
        events=(replace(view.events[1], evidence=(ev, Evidence("d4", 0, 9, "new one")), sources=2),),
        conflicts=(Conflict("k3", "how many", "quantity", ("d1-c0", "d2-c0", "d4-c0"), "wider"),),
        removed_conflicts=("k1",),
        renamed_entities={"e2": "e1"},
        mentions=(EventMention("d4", 0, 5, "fell", "fall", (0, 9), participants=("e1",), cluster="em-2"),),
        published={"d4": Published("2022-11-13", "inferred", "why")},
        distance_checks=(DistanceCheck("d4", 0, 4, "x", "e1", "e3", 1000.0, 1105.0),),
        base="b1", basis="b2", linked=("d1", "d2", "d3", "d4"), incremental=("d4",),
    )
    with pytest.raises(StaleView):  # made from another view: refused, and nothing changes
        store.patch_links(replace(patch, base="b0"))
    assert store.read_links() == view
    store.patch_links(patch)
    got = store.read_links()
    assert got == patch.apply(view)
    assert [e.id for e in got.entities] == ["e1", "e3"] and got.entities[0] == merged
    assert [c.id for c in got.conflicts] == ["k2", "k3"]
    assert [e.id for e in got.events] == ["v2", "v1"] and got.events[0].place == "e2"  # changed entries come whole
    assert got.mentions[0].participants == ("e1", "e3") and got.mentions[0].place == "e1"
    assert [m.doc for m in got.mentions] == ["d2", "d4"]
    assert set(got.published) == {"d1", "d4"} and [d.doc for d in got.distance_checks] == ["d3", "d4"]
    assert (got.basis, got.linked, got.incremental) == ("b2", patch.linked, ("d4",))
    assert store.link_coverage() == (4, ("d4",))
    assert store.read_links(mentions_of=["d4"]).mentions == patch.mentions
    assert store.read_event_mentions(["d2"]) == got.mentions[:1]


def test_search_finds_sentences_and_rejects_bad_queries(store) -> None:
    store.write_batch([record("Paris is calm today. More.")])
    hits = store.search("calm")
    assert [h.text for h in hits] == ["Paris is calm today."]
    assert store.search("absent") == []
    with pytest.raises(QueryError):
        store.search('"unbalanced')


def test_relink_runs_only_when_the_documents_changed(store) -> None:
    from dossier.pipeline import relink

    store.write_batch([record("Paris is calm today. More.")])
    assert relink(store) is True
    assert store.read_links().basis
    assert relink(store) is False
    # deciding that nothing changed reads no document
    reads = []
    real = store.iter_records
    store.iter_records = lambda: (reads.append(1), real())[1]  # type: ignore[method-assign]
    assert relink(store) is False and reads == []
    del store.iter_records
    store.write_batch([record("Rome is calm today. More.", path="b.txt")])
    assert relink(store) is True
    assert relink(store, force=True) is True


def test_records_read_by_id_and_only_the_parts_asked_for(store) -> None:
    first, second = record("Rome is calm today. More.", path="r.txt"), record("Paris is calm today. More.")
    store.write_batch([first, second])
    assert [r.document.id for r in store.iter_records()] == [first.document.id, second.document.id]
    chosen = [second.document.id, first.document.id]
    assert list(store.iter_records(ids=chosen)) == [second, first]
    only = list(store.iter_records(ids=chosen, parts={"sentences", "claims"}))
    assert [r.document for r in only] == [second.document, first.document]
    assert [(r.sentences, r.claims) for r in only] == [(r.sentences, r.claims) for r in (second, first)]
    assert all(r.sentences and r.claims for r in only)
    assert all(not (r.mentions or r.timexes or r.places or r.quotes) for r in only)
    # a fixed set of ids is read as it is, whatever is added meanwhile
    store.write_batch([record("Oslo is calm today. More.", path="o.txt")])
    assert [r.document.id for r in store.iter_records(ids=chosen)] == chosen
