"""Golden test on the seeds: timex value F1 >= 0.90 and the NBC article dated 2022-11-11."""

from __future__ import annotations

import pytest

from dossier.link.dates import infer_published, reanchor_all
from tests.temporal.seeds import NBC, WIKI, seed_documents, timex_value_f1


@pytest.fixture(scope="module")
def seed_result() -> tuple[
    dict[str, object], dict[str, tuple[list[tuple[int, int, str, str | None]], str, str]]
]:
    from dossier.annotate import annotate, build_pipeline

    nlp = build_pipeline(components=("dossier_timex",))
    records = list(annotate(seed_documents(), nlp))
    published = infer_published(records)
    out = {}
    for r in records:
        timexes = reanchor_all(r, published[r.document.id]) if r.document.id in published else r.timexes
        out[r.document.path] = (
            [(t.start, t.end, t.type, t.value) for t in timexes],
            r.document.text,
            r.document.id,
        )
    return dict(published), out


@pytest.mark.slow
def test_nbc_date_is_inferred_from_the_wikipedia_article(seed_result) -> None:  # type: ignore[no-untyped-def]
    published, _ = seed_result
    assert set(published) == {"nbc"}
    p = published["nbc"]
    assert (p.value, p.basis) == ("2022-11-11", "inferred")  # type: ignore[attr-defined]
    assert "Friday" in p.explanation and "11 November" in p.explanation  # type: ignore[attr-defined]


@pytest.mark.slow
def test_seed_timex_value_f1(seed_result) -> None:  # type: ignore[no-untyped-def]
    _, out = seed_result
    assert set(out) == {NBC, WIKI}
    scores = timex_value_f1(out)
    assert scores["f1"] >= 0.90, scores
    assert scores["found"] >= 0.95, scores
