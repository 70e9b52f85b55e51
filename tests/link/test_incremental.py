"""Adding documents to a linked dossier links them with the stored documents they touch."""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from link_builders import make_record

import dossier.pipeline
from dossier.link import LINK_PASSES
from dossier.link.incremental import MAX_SHARE, PER_ENTITY, splice
from dossier.models import (
    AnnotatedDocument,
    Conflict,
    Entity,
    Event,
    EventDate,
    EventMention,
    Evidence,
    Geo,
    LinkResult,
)
from dossier.pipeline import LinkPlan, relink
from dossier.present.export import build_export, validate_export
from dossier.present.report import render_store
from dossier.store import SQLiteStore

LUTSK = Geo(50.75, 25.34, "geonames:702569", "city", "UA")
VARNA = Geo(43.21, 27.91, "geonames:726050", "city", "BG")
TUNIS = Geo(36.82, 10.17, "geonames:2464470", "city", "TN")
QUITO = Geo(-0.23, -78.52, "geonames:3652462", "city", "EC")

#: four unrelated stories, each told by three outlets: (sentence, names, place, date text → value)
STORIES = [
    (
        "Mayor Anna Kovalenko opened the Riverside Bridge in Lutsk on 3 March 2021, officials said.",
        {"Anna Kovalenko": "PERSON", "Riverside Bridge": "FAC"},
        ("Lutsk", LUTSK),
        ("3 March 2021", "2021-03-03"),
    ),
    (
        "The Harbour Authority closed the port of Varna on 9 June 2022 after a storm, the agency said.",
        {"Harbour Authority": "ORG"},
        ("Varna", VARNA),
        ("9 June 2022", "2022-06-09"),
    ),
    (
        "Farid Haddad won the chess final in Tunis on 12 August 2020, beating the champion.",
        {"Farid Haddad": "PERSON"},
        ("Tunis", TUNIS),
        ("12 August 2020", "2020-08-12"),
    ),
    (
        "The Orion Space Agency launched the Vega probe from Quito on 1 May 2019, engineers said.",
        {"Orion Space Agency": "ORG", "Vega": "OTHER"},
        ("Quito", QUITO),
        ("1 May 2019", "2019-05-01"),
    ),
]
OUTLETS = (
    "Reports from the wire:",
    "Our correspondent writes:",
    "In brief:",
    "Morning edition:",
    "Evening digest:",
    "From our desk:",
)


def story(doc_id: str, k: int, lead: str, published: str = "2023-01-02") -> AnnotatedDocument:
    sentence, names, (place, geo), (date_text, value) = STORIES[k]
    return make_record(
        doc_id,
        f"{lead} {sentence}",
        names=names,
        places={place: geo},
        dates={date_text: value},
        published=published,
    )


def base() -> list[AnnotatedDocument]:
    return [story(f"s{k}-{i}", k, lead) for k in range(len(STORIES)) for i, lead in enumerate(OUTLETS)]


def added() -> AnnotatedDocument:
    return make_record(
        "s0-new",
        "Late news: Mayor Anna Kovalenko opened the Riverside Bridge in Lutsk on 3 March 2021, at last.",
        names=STORIES[0][1],
        places={"Lutsk": LUTSK},
        dates={"3 March 2021": "2021-03-03"},
        published="2023-01-03",
    )


def linked_store(path: Path, records: list[AnnotatedDocument]) -> SQLiteStore:
    store = SQLiteStore(path)
    store.write_batch(records)
    assert relink(store)
    return store


def partition(view: LinkResult) -> tuple[set, set]:
    """The view as clusters (entities' mentions, entries' evidence), whatever their ids."""
    return ({frozenset(e.mentions) for e in view.entities}, {frozenset(ev.evidence) for ev in view.events})


def entity_named(view: LinkResult, name: str) -> Entity:
    return next(e for e in view.entities if e.name == name)


def test_a_new_document_is_linked_with_the_stored_ones_it_touches_only(tmp_path: Path) -> None:
    store = linked_store(tmp_path / "d.db", base())
    before = store.read_links()
    assert before.linked == tuple(sorted(r.document.id for r in base())) and before.incremental == ()
    store.write_batch([added()])
    plans: list[LinkPlan] = []
    read: list[int] = []
    assert relink(store, on_plan=plans.append, on_record=lambda: read.append(1))
    (plan,) = plans
    # the new document and those that tell its story (PER_ENTITY of the three), none of the
    # nine others
    assert plan.mode == "incremental" and plan.new == 1 and plan.documents == 1 + PER_ENTITY
    assert len(read) == LINK_PASSES * plan.documents
    after = store.read_links()
    assert after.incremental == ("s0-new",) and "s0-new" in after.linked

    # the mayor's entity grew by the new mention and kept its id
    mayor, mayor_before = entity_named(after, "Anna Kovalenko"), entity_named(before, "Anna Kovalenko")
    assert mayor.id == mayor_before.id
    assert {m.doc for m in mayor.mentions} == {m.doc for m in mayor_before.mentions} | {"s0-new"}
    # so did the entry of the opening, with one more source
    (opening,) = [ev for ev in after.events if ev.date.value == "2021-03-03"]
    (opening_before,) = [ev for ev in before.events if ev.date.value == "2021-03-03"]
    assert opening.id == opening_before.id and opening.sources == opening_before.sources + 1
    assert "s0-new" in {x.doc for x in opening.evidence}
    # the other stories are untouched: the same entities and entries, id for id
    others = [e for e in before.entities if not any(m.doc.startswith("s0-") for m in e.mentions)]
    assert others and all(e in after.entities for e in others)
    assert [ev for ev in before.events if ev.date.value != "2021-03-03"] == [
        ev for ev in after.events if ev.date.value != "2021-03-03"
    ]
    # and, on stories this distinct, the full link gives the same clusters
    assert relink(store, full=True)
    full = store.read_links()
    assert full.incremental == () and partition(full) == partition(after)
    store.close()


def test_the_incremental_view_does_not_depend_on_how_the_new_documents_were_written(tmp_path: Path) -> None:
    extra = [added(), story("s2-new", 2, "Sports desk:", "2023-01-04")]
    views = []
    for name, batches in (("a", [extra]), ("b", [extra[::-1][:1], extra[::-1][1:]])):
        with linked_store(tmp_path / f"{name}.db", base()) as store:
            for batch in batches:
                store.write_batch(batch)
            plans: list[LinkPlan] = []
            assert relink(store, on_plan=plans.append)
            assert [p.mode for p in plans] == ["incremental"]
            views.append(store.read_links())
    assert views[0] == views[1]


def test_many_new_documents_a_changed_one_or_another_version_link_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans: list[LinkPlan] = []
    # more than MAX_SHARE of the dossier new at once
    records = base()
    keep = int(len(records) * (1 - MAX_SHARE)) - 1
    with linked_store(tmp_path / "many.db", records[:keep]) as store:
        store.write_batch(records[keep:])
        assert relink(store, on_plan=plans.append)
        assert plans[-1].mode == "full" and "more than" in plans[-1].why
    # a stored document replaced by a new version of its path
    with linked_store(tmp_path / "changed.db", records) as store:
        old = records[0]
        new_text = old.document.text + " Corrected."
        changed = make_record(
            "s0-0-v2",
            new_text,
            names=STORIES[0][1],
            places={"Lutsk": LUTSK},
            dates={"3 March 2021": "2021-03-03"},
            published="2023-01-02",
        )
        store.write_batch(
            [
                AnnotatedDocument(
                    document=changed.document.__class__(
                        **{
                            **{
                                f: getattr(changed.document, f)
                                for f in (
                                    "id",
                                    "text",
                                    "title",
                                    "outlet",
                                    "url",
                                    "author",
                                    "kind",
                                    "language",
                                    "published",
                                    "format",
                                    "meta",
                                )
                            },
                            "path": old.document.path,
                        }
                    ),
                    sentences=changed.sentences,
                    mentions=changed.mentions,
                    timexes=changed.timexes,
                    places=changed.places,
                )
            ]
        )
        assert relink(store, on_plan=plans.append)
        assert plans[-1].mode == "full" and "replaced or removed" in plans[-1].why
    # a view another version of dossier made
    with linked_store(tmp_path / "version.db", records) as store:
        store.write_batch([added()])
        monkeypatch.setattr(dossier.pipeline, "__version__", "0.0.0-other")
        assert relink(store, on_plan=plans.append)
        assert plans[-1].mode == "full" and "another version" in plans[-1].why


def test_relink_in_full_makes_an_incremental_view_exact_and_then_has_nothing_to_do(tmp_path: Path) -> None:
    with linked_store(tmp_path / "d.db", base()) as store:
        assert relink(store, full=True) is False  # a full view of these documents already
        store.write_batch([added()])
        assert relink(store)
        assert store.link_coverage() == (25, ("s0-new",))
        assert relink(store) is False  # up to date, incrementally
        assert relink(store, full=True) is True
        assert store.link_coverage() == (25, ())
        assert relink(store, full=True) is False


def test_the_export_and_info_tell_how_the_view_was_made(tmp_path: Path) -> None:
    import dossier

    with linked_store(tmp_path / "d.db", base()) as store:
        assert build_export(store)["link"] == {"mode": "full", "documents": 24, "added_incrementally": []}
        store.write_batch([added()])
        relink(store)
        validate_export(build_export(store))
        assert build_export(store)["link"] == {
            "mode": "incremental",
            "documents": 25,
            "added_incrementally": ["s0-new"],
        }
        assert dossier.open(store).info()["link"] == {"documents": 25, "added_incrementally": 1}
        assert "1 added incrementally" in render_store(store)
        relink(store, full=True)
        assert "added incrementally" not in render_store(store)


# -- splicing, on hand-made views ------------------------------------------------------------


def ev(doc: str, start: int, text: str = "sentence") -> Evidence:
    return Evidence(doc, start, start + len(text), text)


def test_a_new_document_bridging_two_stored_entities_merges_them_and_every_reference_follows() -> None:
    dnipro = Entity("e-dnipro", "Dnipro", "LOC", ("Dnipro",), (ev("a", 0, "Dnipro"), ev("a", 40, "Dnipro")))
    dnieper = Entity("e-dnieper", "Dnieper", "LOC", ("Dnieper",), (ev("b", 0, "Dnieper"),))
    other = Entity("e-kyiv", "Kyiv", "GPE", ("Kyiv",), (ev("c", 0, "Kyiv"),))
    entry = Event(
        "ev-1",
        EventDate("2022-11-11", "day"),
        "Troops crossed the Dnieper.",
        (ev("b", 0, "Troops"),),
        1,
        "e-dnieper",
        ("e-kyiv",),
    )
    mention = EventMention(
        "b", 7, 14, "crossed", "cross", (0, 30), participants=("e-dnieper",), event="ev-1", cluster="em-old"
    )
    old = LinkResult(
        entities=(dnieper, dnipro, other), events=(entry,), mentions=(mention,), linked=("a", "b", "c")
    )
    # the partial link of the new document "n" with the touched "a" and "b" puts all three together
    bridge = Entity(
        "e-part",
        "Dnipro",
        "LOC",
        ("Dnieper", "Dnipro", "Dnipro River"),
        (ev("a", 0, "Dnipro"), ev("a", 40, "Dnipro"), ev("b", 0, "Dnieper"), ev("n", 5, "Dnipro River")),
    )
    new_entry = Event(
        "ev-part-new",
        EventDate("2022-11-12", "day"),
        "The river rose.",
        (ev("n", 0, "The river"),),
        1,
        "e-part",
        (),
    )
    part = LinkResult(entities=(bridge,), events=(new_entry,), linked=("a", "b", "n"))
    got = splice(old, part, {"n"}).apply(old)
    merged = entity_named(got, "Dnipro")
    assert merged.id == "e-dnipro"  # the larger stored entity's id
    assert {m.doc for m in merged.mentions} == {"a", "b", "n"} and "Dnipro River" in merged.aliases
    assert [e.id for e in got.entities] == ["e-dnipro", "e-kyiv"]
    stored_entry = next(e for e in got.events if e.id == "ev-1")
    assert stored_entry.place == "e-dnipro" and stored_entry.participants == ("e-kyiv",)
    added_entry = next(e for e in got.events if e.summary == "The river rose.")
    assert added_entry.place == "e-dnipro"
    assert got.mentions[0].participants == ("e-dnipro",) and got.mentions[0].event == "ev-1"


def test_two_stored_places_with_different_gazetteer_ids_are_not_merged_by_a_new_document() -> None:
    a = Entity("e-a", "Springfield", "GPE", ("Springfield",), (ev("a", 0, "Springfield"),), LUTSK)
    b = Entity(
        "e-b",
        "Springfield",
        "GPE",
        ("Springfield",),
        (ev("b", 0, "Springfield"), ev("b", 30, "Springfield")),
        VARNA,
    )
    part = LinkResult(
        entities=(
            Entity(
                "e-p",
                "Springfield",
                "GPE",
                ("Springfield",),
                (ev("a", 0, "Springfield"), ev("b", 0, "Springfield"), ev("n", 0, "Springfield")),
            ),
        )
    )
    old = LinkResult(entities=(a, b))
    got = splice(old, part, {"n"}).apply(old)
    assert {e.id: {m.doc for m in e.mentions} for e in got.entities} == {"e-a": {"a"}, "e-b": {"b", "n"}}


def test_a_new_document_joining_a_stored_entry_adds_its_evidence_and_one_source() -> None:
    entry = Event(
        "ev-1",
        EventDate("2022-11", "month"),
        "Troops entered the city.",
        (ev("a", 0), ev("b", 0)),
        2,
        None,
        (),
    )
    old = LinkResult(events=(entry,))
    part = LinkResult(
        events=(Event("ev-p", EventDate("2022-11-11", "day"), "x", (ev("a", 0), ev("n", 10)), 2),)
    )
    (got,) = splice(old, part, {"n"}).apply(old).events
    assert got.id == "ev-1" and got.sources == 3 and got.date == EventDate("2022-11-11", "day")
    assert [x.doc for x in got.evidence] == ["a", "b", "n"] and got.summary == "Troops entered the city."


def test_a_new_conflict_joins_the_stored_ones_it_overlaps_under_the_largest_id() -> None:
    old = LinkResult(
        conflicts=(
            Conflict("cf-1", "number of people", "quantity", ("a-c0", "b-c1"), "a vs b."),
            Conflict("cf-2", "number of tanks", "quantity", ("a-c2", "c-c0"), "a vs c."),
            Conflict("cf-5", "number of people", "quantity", ("d-c0", "e-c0", "f-c0"), "d, e and f."),
        )
    )
    part = LinkResult(
        conflicts=(
            # includes cf-1 and overlaps cf-5: the three become one
            Conflict(
                "cf-3", "number of people", "quantity", ("a-c0", "b-c1", "d-c0", "n-c0"), "n vs a, b, d."
            ),
            Conflict("cf-4", "number of boats", "quantity", ("a-c5", "b-c5"), "a stored pair only"),
            Conflict("cf-6", "number of ships", "quantity", ("g-c0", "n-c1"), "n vs g."),
        )
    )
    got = {c.id: c for c in splice(old, part, {"n"}).apply(old).conflicts}
    assert sorted(got) == ["cf-2", "cf-5", "cf-6"]
    assert got["cf-5"].claims == ("a-c0", "b-c1", "d-c0", "e-c0", "f-c0", "n-c0")
    assert got["cf-5"].explanation == "d, e and f. n vs a, b, d."  # cf-1's is in the new one's
    assert got["cf-2"] == old.conflicts[1]


def test_a_new_predicate_mention_joins_the_stored_cluster_of_its_partial_cluster() -> None:
    stored = EventMention("a", 0, 7, "entered", "enter", (0, 20), cluster="em-stored")
    old = LinkResult(mentions=(stored,))
    part = LinkResult(
        mentions=(
            EventMention("a", 0, 7, "entered", "enter", (0, 20), cluster="em-part"),
            EventMention("n", 3, 10, "entered", "enter", (0, 20), cluster="em-part"),
            EventMention("n", 30, 35, "fled", "flee", (21, 40), cluster="em-alone"),
        )
    )
    got = splice(old, part, {"n"}).apply(old).mentions
    assert [(m.doc, m.cluster) for m in got] == [("a", "em-stored"), ("n", "em-stored"), ("n", "em-alone")]


def test_a_view_linked_again_meanwhile_makes_the_addition_a_full_link(tmp_path: Path) -> None:
    with linked_store(tmp_path / "d.db", base()) as store:
        store.write_batch([added()])
        real = store.patch_links

        def raced(patch):  # another process relinks everything just before this patch lands
            store.write_links(dataclasses.replace(store.read_links(), basis="other"))
            real(patch)

        store.patch_links = raced  # type: ignore[method-assign]
        plans: list[LinkPlan] = []
        assert relink(store, on_plan=plans.append)
        del store.patch_links
        assert [p.mode for p in plans] == ["incremental", "full"] and "meanwhile" in plans[1].why
        assert store.link_coverage() == (25, ())


def test_a_new_entry_names_no_entity_the_spliced_view_lacks() -> None:
    kyiv = Entity("e-kyiv", "Kyiv", "GPE", ("Kyiv",), (ev("a", 0, "Kyiv"),))
    part = LinkResult(
        entities=(replace(kyiv, id="e-kyiv-part", mentions=(ev("a", 0, "Kyiv"), ev("n", 0, "Kyiv"))),),
        events=(
            Event("ev-p", EventDate("2022-11-12", "day"), "x", (ev("n", 0),), 1, "e-kyiv-part", ("e-gone",)),
        ),
    )
    old = LinkResult(entities=(kyiv,))
    (entry,) = splice(old, part, {"n"}).apply(old).events
    assert entry.place == "e-kyiv" and entry.participants == ()


# -- properties of any splice ------------------------------------------------------------------

STORY_DOCS = st.lists(
    st.tuples(st.integers(0, len(STORIES) - 1), st.sampled_from(OUTLETS)), min_size=20, max_size=26
)


@settings(max_examples=25, deadline=None)
@given(stored=STORY_DOCS, extra=st.lists(st.integers(0, len(STORIES) - 1), min_size=1, max_size=2))
def test_an_incremental_view_keeps_what_was_stored_and_refers_only_to_what_it_holds(stored, extra) -> None:
    records = [story(f"s{k}-{i}", k, lead) for i, (k, lead) in enumerate(stored)]
    added_docs = [story(f"n{k}-{i}", k, f"Update {i}:", "2023-02-01") for i, k in enumerate(extra)]
    with tempfile.TemporaryDirectory() as tmp, linked_store(Path(tmp) / "d.db", records) as store:
        before = store.read_links()
        store.write_batch(added_docs)
        plans: list[LinkPlan] = []
        assert relink(store, on_plan=plans.append)
        after = store.read_links()
    assume(plans[0].mode == "incremental")  # as it mostly is: a story touches a few of the others
    # nothing stored splits or goes missing: each stored entity and entry lies inside one of the view's
    for old_items, new_items in (
        ([set(e.mentions) for e in before.entities], [set(e.mentions) for e in after.entities]),
        ([set(e.evidence) for e in before.events], [set(e.evidence) for e in after.events]),
    ):
        for items in old_items:
            assert any(items <= grown for grown in new_items)
    # every entity mention of a new document is in exactly one entity, and ids are unique
    mentions = [m for e in after.entities for m in e.mentions]
    assert len(mentions) == len(set(mentions))
    assert len({e.id for e in after.entities}) == len(after.entities)
    assert len({e.id for e in after.events}) == len(after.events)
    # references point at what the view holds
    ids = {e.id for e in after.entities}
    for entry in after.events:
        assert set(entry.participants) <= ids and (entry.place is None or entry.place in ids)
    assert after.linked == tuple(sorted([*before.linked, *(r.document.id for r in added_docs)]))
