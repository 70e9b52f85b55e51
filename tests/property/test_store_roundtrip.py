"""Any record written to a store reads back equal."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.ingest.document import document_id
from dossier.models import AnnotatedDocument, Claim, Document, Geo, Mention, Place, Published, Quote, Speaker, Timex
from dossier.store import MemoryStore, SQLiteStore

words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
maybe = lambda s: st.none() | s  # noqa: E731
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


@st.composite
def records(draw: st.DrawFn) -> AnnotatedDocument:
    text = draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=5, max_size=200))
    n = len(text)

    def span() -> tuple[int, int, str]:
        a = draw(st.integers(0, n - 1))
        b = draw(st.integers(a + 1, n))
        return a, b, text[a:b]

    speaker = maybe(st.builds(Speaker, words, maybe(st.integers(0, n)), maybe(st.integers(0, n)), maybe(words)))
    doc = Document(
        id=document_id(text), path=draw(words), text=text, title=draw(maybe(words)), kind="news",
        published=Published(draw(maybe(st.just("2022-11-11"))), "metadata", draw(st.text(max_size=20))),
        meta={"k": draw(st.lists(st.integers(), max_size=3))},
    )
    return AnnotatedDocument(
        document=doc,
        mentions=tuple(Mention(*span(), "PERSON", "PERSON") for _ in range(draw(st.integers(0, 3)))),
        timexes=tuple(Timex(*span(), "DATE", draw(maybe(words)), draw(maybe(st.just("APPROX"))), "dct", draw(maybe(words)))
                      for _ in range(draw(st.integers(0, 3)))),
        places=tuple(Place(*span(), "GPE", draw(maybe(st.builds(Geo, st.floats(-90, 90), st.floats(-180, 180), words, words))),
                           draw(maybe(words)), draw(st.booleans())) for _ in range(draw(st.integers(0, 2)))),
        claims=tuple(Claim(*span(), value=draw(maybe(finite)), low=draw(maybe(finite)), unit=draw(maybe(words)),
                           attributed_to=draw(speaker), hedged=draw(st.booleans())) for _ in range(draw(st.integers(0, 2)))),
        quotes=tuple(Quote(*span(), draw(speaker), draw(maybe(words))) for _ in range(draw(st.integers(0, 2)))),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(record=records())
def test_sqlite_round_trip(tmp_path: Path, record: AnnotatedDocument) -> None:
    path = tmp_path / f"{record.document.id}.db"
    path.unlink(missing_ok=True)
    with SQLiteStore(path) as store:
        store.write_batch([record])
        assert list(store.iter_records()) == [record]


@settings(max_examples=60, deadline=None)
@given(record=records())
def test_memory_round_trip(record: AnnotatedDocument) -> None:
    store = MemoryStore()
    store.write_batch([record])
    assert list(store.iter_records()) == [record]
