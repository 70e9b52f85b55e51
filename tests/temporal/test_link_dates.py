"""Cross-document publication dates (``dossier.link.dates``) on hand-made records, no spaCy."""

from __future__ import annotations

import re

from dossier.link.dates import infer_published, reanchor_all
from dossier.models import AnnotatedDocument, Document, Published, Sentence
from dossier.temporal import tag


def _record(doc_id: str, text: str, kind: str, published: str | None = None) -> AnnotatedDocument:
    document = Document(id=doc_id, path=f"{doc_id}.txt", text=text, kind=kind,
                        published=Published(published, "metadata" if published else "unknown"))  # fmt: skip
    sentences = tuple(Sentence(m.start(), m.end(), m.group()) for m in re.finditer(r"[^.]+\.", text))
    timexes = tuple(tag(text, published, kind))
    return AnnotatedDocument(document=document, sentences=sentences, timexes=timexes)


UNDATED = _record(
    "report",
    "Rebel fighters captured the northern port of Valdora on Tuesday after a long siege. "
    "The mayor said on Monday that the harbour was mined.",
    "news",
)
NARRATIVE = _record(
    "history",
    "The siege of Valdora lasted from 2 to 9 March 2031. On 11 March 2031, rebel fighters captured the port "
    "of Valdora after the siege.",
    "encyclopedia",
)


def test_undated_article_gets_the_date_that_fixes_its_weekday() -> None:
    published = infer_published([UNDATED, NARRATIVE])
    assert set(published) == {"report"}
    p = published["report"]
    assert p.value == "2031-03-11" and p.basis == "inferred"  # 11 March 2031 is a Tuesday
    assert "captured the northern port of Valdora on Tuesday" in p.explanation
    assert "rebel fighters captured the port of Valdora" in p.explanation


def test_nothing_is_inferred_without_a_matching_event() -> None:
    other = _record(
        "other", "On 11 March 2031, the parliament of Ostria passed a budget law.", "encyclopedia"
    )
    assert infer_published([UNDATED, other]) == {}


def test_dated_documents_are_left_alone() -> None:
    dated = _record("dated", UNDATED.document.text, "news", "2031-03-12")
    assert infer_published([dated, NARRATIVE]) == {}


def test_a_dateline_in_the_text_wins() -> None:
    lined = _record(
        "lined", "Valdora siege ends\nMarch 12, 2031\nRebel fighters captured Valdora on Tuesday.", "news"
    )
    assert infer_published([lined, NARRATIVE])["lined"].basis == "text"
    assert infer_published([lined, NARRATIVE])["lined"].value == "2031-03-12"


def test_result_does_not_depend_on_record_order() -> None:
    assert infer_published([UNDATED, NARRATIVE]) == infer_published([NARRATIVE, UNDATED])


def test_reanchor_all_resolves_relative_timexes() -> None:
    values = [t.value for t in reanchor_all(UNDATED, Published("2031-03-11", "inferred"))]
    assert values == ["2031-03-11", "2031-03-10"]
    assert reanchor_all(UNDATED, "2031-03-11") == reanchor_all(UNDATED, Published("2031-03-11", "inferred"))
    assert [t.value for t in UNDATED.timexes] == ["XXXX-WXX-2", "XXXX-WXX-1"]


def _with_places(record: AnnotatedDocument, places: dict[str, tuple[float, float] | None]) -> AnnotatedDocument:
    from dataclasses import replace

    from dossier.models import Geo, Place

    found = []
    for name, point in places.items():
        for m in re.finditer(re.escape(name), record.document.text):
            geo = Geo(point[0], point[1], f"test:{name}", "city") if point else None
            found.append(Place(m.start(), m.end(), name, "GPE", geo))
    return replace(record, places=tuple(sorted(found, key=lambda p: p.start)))


def test_the_same_words_about_another_place_do_not_date_a_document() -> None:
    """'Taliban attacked … in Afghanistan' near Bagram is not the Helmand attack of that date."""
    far = _record("far", "Rebel fighters captured the northern port of Ostrin on Tuesday after a long siege.", "news")
    near = _record("near", "Rebel fighters captured the northern port of Valdora-Sud on Tuesday after a siege.", "news")
    narrative = _with_places(NARRATIVE, {"Valdora": (45.0, 30.0)})
    # resolved places 400 km apart: different events
    assert infer_published([_with_places(far, {"Ostrin": (48.6, 30.0)}), narrative]) == {}
    # a place 40 km away (a district of the same area): the same event
    assert set(infer_published([_with_places(near, {"Valdora-Sud": (44.7, 30.2)}), narrative])) == {"near"}
    # an unresolved place shares no distinctive name with the other sentence's places
    assert infer_published([_with_places(far, {"Ostrin": None}), narrative]) == {}
    # without place names on one side, the words decide as before
    assert set(infer_published([UNDATED, narrative])) == {"report"}


def test_same_ground_compares_points_when_both_are_resolved_and_names_otherwise() -> None:
    from dossier.link.dates import _Ground, _name_stems, same_ground

    helmand = _Ground(_name_stems("Helmand Province"), (31.0, 64.0))
    kandahar = _Ground(_name_stems("Kandahar province"), (31.6, 65.7))
    assert _name_stems("Helmand Province") == _name_stems("Helmand")
    assert not same_ground([helmand], [kandahar])  # ~170 km apart, "province" alone is not shared
    assert same_ground([helmand], [_Ground(_name_stems("Helmand"), None)])
    assert same_ground([], [kandahar]) and same_ground([helmand], [])
