from __future__ import annotations

import pytest

from dossier.annotate import DEFAULT_MODELS, annotate, load_model
from dossier.errors import ConfigError
from dossier.ingest import read_path
from dossier.models import Document, Published
from tests.conftest import NBC_SEED, WIKI_SEED


def doc(text: str) -> Document:
    return Document(id="t", path="t.txt", text=text, kind="news", published=Published("2022-11-11", "metadata", ""))


def test_unknown_model_names_the_installed_ones() -> None:
    with pytest.raises(ConfigError) as caught:
        load_model("xx_no_such_pipeline")
    assert "xx_no_such_pipeline is not installed" in str(caught.value)
    assert any(m in str(caught.value) for m in DEFAULT_MODELS)


def test_a_blank_pipeline_gets_sentences_too() -> None:
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.add_pipe("dossier_sentences", before="sentencizer")
    parsed = blank("Heading\nFirst sentence here. Second one")
    assert [s.text.strip() for s in parsed.sents] == ["Heading", "First sentence here.", "Second one"]


@pytest.mark.slow
def test_headings_do_not_run_into_paragraphs(nlp) -> None:
    text = "It ended in a counteroffensive.\n\nBackground\n\nAfter the invasion of the country, forces surrounded the city."
    (record,) = annotate([doc(text)], nlp)
    assert [s.text.strip() for s in record.sentences] == [
        "It ended in a counteroffensive.",
        "Background",
        "After the invasion of the country, forces surrounded the city.",
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry claimed on 11 November 5 a.m. Moscow time (2 a.m. UTC) that all soldiers had left.",
        "The strike came just after 3 a.m. on an apartment block in the city, officials said.",
        "Trading opens at 9 a.m. EST and closes at 4 p.m. EST on most days.",
    ],
)
def test_clock_times_do_not_end_sentences(nlp, sentence: str) -> None:
    (record,) = annotate([doc(f"{sentence} Then the day went on.")], nlp)
    assert record.sentences[0].text.strip() == sentence


@pytest.mark.slow
def test_a_real_sentence_end_after_am_still_ends(nlp) -> None:
    (record,) = annotate([doc("They left at 5 a.m. The next day was quiet.")], nlp)
    assert [s.text.strip() for s in record.sentences] == ["They left at 5 a.m.", "The next day was quiet."]


@pytest.mark.slow
def test_seed_offsets_are_exact_and_sentences_cover_the_text(nlp) -> None:
    docs = [read_path(NBC_SEED), read_path(WIKI_SEED)]
    for record in annotate(docs, nlp):
        text = record.document.text
        assert record.sentences and record.mentions
        for part in (record.sentences, record.mentions, record.timexes, record.places, record.claims, record.quotes):
            for item in part:
                assert text[item.start : item.end] == item.text
        starts = [s.start for s in record.sentences]
        assert starts == sorted(starts)
        assert all("\n\n" not in s.text.strip() for s in record.sentences)


def test_records_on_spans_with_the_same_offsets_do_not_overwrite_each_other() -> None:
    import spacy
    from spacy.tokens import Span

    from dossier.annotate.convert import doc_to_record
    from dossier.models import Claim, Timex

    d = doc("It lasted 45 days in all.")
    parsed = spacy.blank("en")(d.text)
    timex, claim = Span(parsed, 2, 4, label="DURATION"), Span(parsed, 2, 4, label="QUANTITY")
    timex._.dossier_record = Timex(10, 17, "45 days", "DURATION", "P45D")
    claim._.dossier_record = Claim(0, 25, d.text, value=45.0, unit="days")
    parsed.spans["dossier_timex"] = [timex]
    parsed.spans["dossier_quantities"] = [claim]
    record = doc_to_record(parsed, d)
    assert [t.value for t in record.timexes] == ["P45D"]
    assert [c.value for c in record.claims] == [45.0]
