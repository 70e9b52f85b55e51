"""Arbitrary text through ingest: a document with valid text, or one clear refusal."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.errors import IngestError
from dossier.ingest import IngestOptions, read_source
from dossier.ingest.boilerplate import strip_boilerplate
from dossier.models import Source

NO_LANG = IngestOptions(check_language=False)
formats = st.sampled_from(["a.txt", "a.md", "a.html", "a.jsonl", "noext"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.binary(max_size=2000), name=formats)
def test_any_bytes_give_documents_or_refusals(content: bytes, name: str) -> None:
    for result in read_source(Source(name, content), NO_LANG):
        if isinstance(result, IngestError):
            assert result.path.startswith(name) and result.reason
        else:
            assert result.text.strip() and result.path.startswith(name)
            assert "\x00" not in result.text


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=3000), name=formats)
def test_any_text_gives_documents_or_refusals(text: str, name: str) -> None:
    for result in read_source(Source(name, text.encode("utf-8", "surrogatepass")), NO_LANG):
        assert isinstance(result, IngestError) or result.text.strip()


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000))
def test_boilerplate_removal_only_removes_whole_lines(text: str) -> None:
    cleaned, removed = strip_boilerplate(text)
    original_lines = {line.strip() for line in text.split("\n")}
    assert all(line.strip() in original_lines for line in cleaned.split("\n") if line.strip())
    assert all(r.text in text for r in removed)
