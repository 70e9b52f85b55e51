"""The ``dossier_timex`` component on a blank pipeline and on the trained model."""

from __future__ import annotations

import pytest
import spacy

from dossier.annotate import components as _components  # noqa: F401
from dossier.annotate import extensions as _extensions  # noqa: F401
from dossier.models import Document, Published, Timex

TEXT = "Troops entered the city on Friday. The same day, 11 November 2022, crowds gathered for hours."


def _doc(nlp: spacy.language.Language, text: str, document: Document | None) -> spacy.tokens.Doc:
    doc = nlp.make_doc(text)
    doc._.dossier_document = document
    return nlp(doc)


def _news(published: str, text: str = "") -> Document:
    """A news document published on ``published``."""
    return Document(id="d", path="d.txt", text=text, kind="news", published=Published(published, "metadata"))


def _blank() -> spacy.language.Language:
    """A blank English pipeline with the timex component alone (no parse, no tags)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("dossier_timex")
    return nlp


@pytest.fixture(scope="module")
def trained() -> spacy.language.Language:
    """The trained model with the timex component (tense from the parse, vetoes from tags)."""
    from dossier.annotate import build_pipeline

    return build_pipeline(components=("dossier_timex",))


def test_blank_pipeline_writes_records_with_exact_offsets() -> None:
    doc = _doc(_blank(), TEXT, _news("2022-11-12", TEXT))
    records = [span._.dossier_record for span in doc.spans["dossier_timex"]]
    assert all(isinstance(r, Timex) and doc.text[r.start : r.end] == r.text for r in records)
    assert [(r.text, r.value) for r in records] == [
        ("Friday", "2022-11-11"),
        ("The same day", "2022-11-11"),
        ("11 November 2022", "2022-11-11"),
        ("hours", "PTXH"),
    ]


def test_no_document_means_no_dct_and_no_invented_date() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("dossier_timex", config={"spans_key": "times"})
    doc = _doc(nlp, "He left on Friday.", None)
    (span,) = doc.spans["times"]
    assert span._.dossier_record.value == "XXXX-WXX-5"


@pytest.mark.slow
def test_trained_model_tense_turns_a_weekday_forward(trained: spacy.language.Language) -> None:
    document = _news("2022-11-09")
    past = _doc(trained, "The minister resigned on Monday.", document)
    future = _doc(trained, "The minister will resign on Monday.", document)
    assert past.spans["dossier_timex"][0]._.dossier_record.value == "2022-11-07"
    assert future.spans["dossier_timex"][0]._.dossier_record.value == "2022-11-14"


@pytest.mark.slow
def test_until_or_by_looks_ahead_unless_the_clause_is_past_perfect(trained: spacy.language.Language) -> None:
    document = _news("1999-05-07")
    ahead = _doc(trained, "They will wait until Thursday.", document)
    behind = _doc(trained, "Until Thursday, they had not called him a suspect.", document)
    assert ahead.spans["dossier_timex"][0]._.dossier_record.value == "1999-05-13"
    assert behind.spans["dossier_timex"][0]._.dossier_record.value == "1999-05-06"


@pytest.mark.slow
def test_trained_model_vetoes_a_count_read_as_a_year(trained: spacy.language.Language) -> None:
    doc = _doc(trained, "The army sent 1500 troops in 2014.", None)
    assert [s._.dossier_record.text for s in doc.spans["dossier_timex"]] == ["2014"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They hired 2000 workers last year.", ["last year"]),
        ("The leaders who led the 1992 protests have moved.", ["1992"]),
        ("The post-1959 politics split the families.", ["1959"]),
        ("The company's 1990 results improved.", ["1990"]),
    ],
)
def test_trained_model_tells_a_year_before_a_noun_from_a_count(
    trained: spacy.language.Language, text: str, expected: list[str]
) -> None:
    doc = _doc(trained, text, None)
    assert [s._.dossier_record.text for s in doc.spans["dossier_timex"]] == expected


def test_component_output_equals_the_pure_tagger_given_the_same_tenses() -> None:
    """The component adds only tense and vetoes: with neither, it is ``tag`` itself."""
    from dossier.temporal import tag

    text = "The bridge collapsed on 14 March 2023 and reopened six days after it collapsed, on Monday."
    doc = _doc(_blank(), text, _news("2023-03-25", text))
    assert [s._.dossier_record for s in doc.spans["dossier_timex"]] == tag(text, "2023-03-25", "news")
    assert [s._.dossier_record.value for s in doc.spans["dossier_timex"]] == [
        "2023-03-14",
        "P6D",
        "2023-03-20",
    ]


def test_two_timexes_inside_one_token_keep_their_own_records() -> None:
    """spaCy keeps "2022/23" as one token: the year and the second year are two records."""
    text = "He stays until the end of the 2022/23 season."
    doc = _doc(_blank(), text, _news("2019-11-19", text))
    records = [span._.dossier_record for span in doc.spans["dossier_timex"]]
    assert [(r.text, r.value, r.start) for r in records] == [("2022", "2022", 30), ("23", "2023", 35)]
