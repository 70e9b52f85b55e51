"""Arbitrary text through annotate → store → link, with the real model: every stored span's
text equals its slice of the document.

Two sources of text: raw Unicode (any code point but lone surrogates, which no reader lets
through), and news-like sentences (names, dates, numbers, quotes, attributions) spliced with
hostile characters — zero-width and bidi marks, combining marks, controls, astral
characters — so that the annotators actually find facts whose offsets can go wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.annotate import annotate
from dossier.errors import IngestError
from dossier.ingest import IngestOptions, read_source
from dossier.ingest.document import document_id
from dossier.models import Document, Source
from dossier.pipeline import relink, with_dateline
from dossier.store import SQLiteStore
from tests.trust.spans import span_problems

pytestmark = pytest.mark.slow

FRAGMENTS = (
    "The mayor of Springfield said on Tuesday that 40 homes were flooded.",
    "\u201cWe will rebuild,\u201d Jane Doe told Reuters on 3 March 2022.",
    '"Nobody was hurt," police said.',
    "At least 1,200 people fled Kherson, officials said, up from 900 a day earlier.",
    "The army retreated 15 km (9 miles) south of the Dnipro River on 11 November.",
    "According to the UN, about 3.5 million people need aid, a rise of 20%.",
    "Last week the council voted 7-2; the vote was on Friday, Nov. 4.",
    "NEW YORK (AP) \u2014 Two days later, at 5 p.m., the bridge reopened.",
    "He said: 'It was the worst since 2014.'",
    "Mr. Smith, 54, of Kyiv, was fined $2,000 in the 1990s.",
)
HOSTILE_CHARS = (
    "\u200b",
    "\u200c",
    "\u200d",
    "\ufeff",
    "\u2060",
    "\u200e",
    "\u200f",
    "\u202e",
    "\u202c",
    "\u2066",
    "\u2069",
    "\u0301",
    "\u0489",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\u0085",
    "\x0b",
    "\x07",
    "\t",
    "\n",
    "\U0001f600",
    "\U0001f468\u200d\U0001f469",
    "\u05e9",
    "\u0627",
    "\u3000",
    "\u00ad",
    "\ufffd",
    "\u201c",
    "\u201d",
    "'",
    '"',
    "(",
    ")",
    "-",
    "\u2014",
    ".",
    ",",
    "  ",
)

raw_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
news_like = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(HOSTILE_CHARS), st.text(max_size=8)),
    min_size=1,
    max_size=25,
).map(" ".join)


def _store_and_link(documents: list[Document], nlp: Any, db: Path) -> list[str]:
    """Annotate, store, read back, link; the span problems of what was stored."""
    records = list(annotate([with_dateline(d) for d in documents], nlp))
    problems = span_problems(records)
    with SQLiteStore(db) as store:
        store.write_batch(records)
        relink(store, force=True)
        problems += span_problems(list(store.iter_records()), store.read_links())
    return problems


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=st.one_of(raw_text, news_like))
def test_any_text_annotated_and_stored_keeps_every_span_equal_to_its_slice(
    nlp: Any, tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    if not text.strip():
        return
    document = Document(id=document_id(text), path="prop.txt", text=text)
    problems = _store_and_link([document], nlp, tmp_path_factory.mktemp("prop") / "p.db")
    assert not problems, problems


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    texts=st.lists(news_like, min_size=1, max_size=3),
    name=st.sampled_from(["a.txt", "a.md", "a.html", "a.jsonl"]),
)
def test_any_text_read_by_any_reader_then_annotated_keeps_every_span_equal_to_its_slice(
    nlp: Any, tmp_path_factory: pytest.TempPathFactory, texts: list[str], name: str
) -> None:
    """The same through the readers (bytes with lone surrogates too), several documents linked together."""
    documents = []
    for i, text in enumerate(texts):
        raw = text.encode("utf-8", "surrogatepass")
        for result in read_source(Source(f"{i}{name}", raw), IngestOptions(check_language=False)):
            if isinstance(result, IngestError):
                assert result.path.startswith(f"{i}{name}") and "\n" not in result.reason
            elif result.id not in {d.id for d in documents}:
                documents.append(result)
    if documents:
        problems = _store_and_link(documents, nlp, tmp_path_factory.mktemp("prop") / "p.db")
        assert not problems, problems
