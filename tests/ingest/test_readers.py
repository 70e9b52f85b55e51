from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.errors import (
    BinaryContent,
    EmptyDocument,
    IngestError,
    MalformedContent,
    SourceNotFound,
    TooLarge,
    UnsupportedFormat,
    WrongLanguage,
)
from dossier.ingest import IngestOptions, iter_paths, read_path, read_source
from dossier.ingest.detect import detect_format
from dossier.ingest.document import document_id
from dossier.models import Source

ENGLISH = (
    "The council met on Tuesday to discuss the new bridge over the river. "
    "Officials said the work would take two years and cost more than 40 million dollars. "
    "Residents who live near the site told reporters they were worried about the noise. "
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_detect_format_by_extension_and_content() -> None:
    assert detect_format("a.html", b"") == "html"
    assert detect_format("a.md", b"") == "markdown"
    assert detect_format("a.jsonl", b"") == "jsonl"
    assert detect_format("a.txt", b"plain words") == "text"
    assert detect_format("a.txt", b"---\ntitle: X\n---\nbody") == "markdown"
    assert detect_format("a.txt", b"# One\n\ntext\n\n## Two\n") == "markdown"
    assert detect_format("page", b"<!DOCTYPE html><html>") == "html"
    assert detect_format("a.pdf", b"%PDF-1.7") is None


def test_text_reader_keeps_paragraphs_and_finds_title(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "a.txt", f"Council approves bridge\n\n{ENGLISH}\n\n{ENGLISH}"))
    assert doc.title == "Council approves bridge"
    assert doc.format == "text"
    assert doc.kind == "news"
    assert doc.text.count("Officials said") == 2
    assert doc.id == document_id(doc.text)


def test_text_reader_unwraps_hard_wrapped_paragraphs(tmp_path: Path) -> None:
    words = (ENGLISH * 3).split()
    lines, line = [], ""
    for w in words:
        if len(line) + len(w) + 1 > 70:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    doc = read_path(write(tmp_path, "wrapped.txt", "\n".join(lines)))
    assert "\n" not in doc.text
    assert "about the noise. The council" in doc.text


def test_markdown_reader_front_matter_and_plain_body(tmp_path: Path) -> None:
    md = (
        "---\ntitle: Flood of 1953\nauthor: Wikipedia\ndate: 2001-02-03\n"
        "infoboxes:\n  - place:\n      text: Zeeland\n      links:\n        - page: Zeeland\n---\n\n"
        f"The **flood** hit [Zeeland](https://x/Zeeland) hard. {ENGLISH}\n\n## Aftermath\n"
        "![a picture](https://x/p.png)\n * A list item.\n"
    )
    doc = read_path(write(tmp_path, "flood.md", md))
    assert doc.title == "Flood of 1953"
    assert doc.kind == "encyclopedia"
    assert doc.outlet == "Wikipedia"
    assert doc.published.value == "2001-02-03" and doc.published.basis == "metadata"
    assert doc.meta["front_matter"]["infoboxes"][0]["place"]["links"][0]["page"] == "Zeeland"
    assert doc.text.startswith("The flood hit Zeeland hard.")
    assert "\n\nAftermath\n\nA list item." in doc.text
    assert "**" not in doc.text and "##" not in doc.text and "png" not in doc.text


def test_markdown_reader_refuses_malformed_front_matter(tmp_path: Path) -> None:
    with pytest.raises(MalformedContent, match="front matter"):
        read_path(write(tmp_path, "bad.md", "---\ntitle: [unclosed\n---\nBody text here."))


def test_html_reader_extracts_article_and_metadata(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in (ENGLISH * 2).split(".") if s.strip())
    html = (
        "<!DOCTYPE html><html><head><title>Bridge approved | The Gazette</title>"
        '<meta property="og:site_name" content="The Gazette">'
        '<meta name="author" content="Jane Roe">'
        '<meta property="article:published_time" content="2021-05-04T10:00:00Z"></head>'
        "<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Bridge approved</h1>{paragraphs}</article>"
        "<footer>Copyright The Gazette. All rights reserved.</footer></body></html>"
    )
    doc = read_path(write(tmp_path, "page.html", html))
    assert doc.format == "html"
    assert "Officials said the work would take two years" in doc.text
    assert "Copyright" not in doc.text and "Home" not in doc.text.split("\n")[0]
    assert doc.published.value == "2021-05-04"
    assert doc.outlet == "The Gazette"
    assert doc.author == "Jane Roe"


def test_jsonl_reader_reads_each_line_and_refuses_bad_lines_alone(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": ENGLISH, "title": "One", "url": "https://ex.org/one", "published": "2022-11-11"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": ENGLISH + " Second.", "outlet": 5}),
        json.dumps({"text": ENGLISH + " Third.", "outlet": "Wire"}),
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines))
    results = read_source(Source(str(path), path.read_bytes()))
    docs = [r for r in results if not isinstance(r, IngestError)]
    errors = [r for r in results if isinstance(r, IngestError)]
    assert [d.title for d in docs] == ["One", None]
    assert docs[0].path == "https://ex.org/one" and docs[0].published.value == "2022-11-11"
    assert docs[1].path.endswith("batch.jsonl#L5") and docs[1].outlet == "Wire"
    assert [e.path.rsplit("#", 1)[1] for e in errors] == ["L2", "L3", "L4"]
    assert "not valid JSON" in errors[0].reason and "'text'" in errors[1].reason and "'outlet'" in errors[2].reason


@pytest.mark.parametrize(
    ("name", "content", "error", "words"),
    [
        ("empty.txt", b"", EmptyDocument, "empty"),
        ("blank.txt", b"  \n\n \t ", EmptyDocument, "empty"),
        ("nul.txt", b"abc\x00\x01\x02def" * 50, BinaryContent, "binary"),
        ("ctl.txt", bytes(range(1, 32)) * 40, BinaryContent, "binary"),
        ("file.docx", b"PK\x03\x04", UnsupportedFormat, "unsupported format"),
        ("french.txt", ("Les habitants de la ville ont accueilli les soldats avec des drapeaux et des chants. " * 5).encode(),
         WrongLanguage, "not English"),
    ],
)
def test_bad_inputs_are_refused_with_the_file_and_reason(
    tmp_path: Path, name: str, content: bytes, error: type[IngestError], words: str
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(error) as caught:
        read_path(path)
    assert caught.value.path == str(path)
    assert words in str(caught.value)
    assert str(path) in str(caught.value)


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", ENGLISH * 100)
    with pytest.raises(TooLarge, match="size limit of 1,000 bytes"):
        read_path(path, IngestOptions(max_bytes=1000))


def test_undecodable_legacy_encoding_is_decoded(tmp_path: Path) -> None:
    text = "Café owners in Zürich said the façade would be rebuilt. " + ENGLISH
    doc = read_path(write(tmp_path, "latin.txt", text.encode("cp1252")))
    assert "Café owners in Zürich" in doc.text


def test_mojibake_is_repaired_but_curly_quotes_stay(tmp_path: Path) -> None:
    broken = "The mayor said â€œwe will rebuildâ€\x9d and the cityâ€™s people cheered. " + ENGLISH
    doc = read_path(write(tmp_path, "moji.txt", broken))
    assert "“we will rebuild”" in doc.text and "city’s" in doc.text


def test_missing_path_and_empty_glob_are_refusals(tmp_path: Path) -> None:
    items = list(iter_paths([str(tmp_path / "nope.txt"), str(tmp_path / "*.none")]))
    assert all(isinstance(i, SourceNotFound) for i in items)
    assert "no such file" in items[0].reason and "matches no file" in items[1].reason


def test_folders_are_walked_recursively_in_order_skipping_hidden(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/c.txt", "a/b/d.md", ".git/x.txt", "a/.hidden.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(ENGLISH)
    found = [Path(p).relative_to(tmp_path).as_posix() for p in iter_paths([str(tmp_path)])]
    assert found == ["b.txt", "a/c.txt", "a/b/d.md"]
    globbed = [Path(p).name for p in iter_paths([str(tmp_path / "**" / "*.md")])]
    assert globbed == ["d.md"]


def test_impossible_dates_are_not_taken_as_publication_dates(tmp_path: Path) -> None:
    path = write(tmp_path, "d.jsonl", json.dumps({"text": ENGLISH, "published": "2023-02-30"}))
    (refusal,) = read_source(Source(str(path), path.read_bytes()))
    assert isinstance(refusal, MalformedContent) and "2023-02-30" in refusal.reason
    doc = read_path(write(tmp_path, "d.md", f"---\ntitle: T\ndate: '2023-13-45'\n---\n\n{ENGLISH}"))
    assert doc.published.value is None
    # unquoted, YAML itself cannot read it: the front matter is malformed, said as such
    with pytest.raises(MalformedContent, match="front matter"):
        read_path(write(tmp_path, "e.md", f"---\ntitle: T\ndate: 2023-13-45\n---\n\n{ENGLISH}"))


def test_utf8_with_a_few_broken_bytes_stays_utf8(tmp_path: Path) -> None:
    text = ("Zürich and São Paulo agreed on a plan. " + ENGLISH) * 5
    raw = text.encode("utf-8")
    broken = raw[:100] + b"\xff" + raw[100:]
    doc = read_path(write(tmp_path, "b.txt", broken))
    assert "Zürich and São Paulo" in doc.text and doc.text.count("\ufffd") == 1


def test_a_legacy_encoded_long_text_with_few_accents_is_not_read_as_broken_utf8(tmp_path: Path) -> None:
    text = "The café owner said so. " + ENGLISH * 20
    doc = read_path(write(tmp_path, "l.txt", text.encode("cp1252")))
    assert "The café owner" in doc.text and "\ufffd" not in doc.text


def test_a_reader_registered_after_the_first_read_is_found() -> None:
    """The registry is read once and kept; a format it does not know makes it read again."""
    from dossier.ingest import read_source
    from dossier.ingest.document import make_document
    from dossier.models import Document, Source
    from dossier.registry import readers

    first = read_source(Source(path="a.txt", content=ENGLISH.encode()))
    assert isinstance(first[0], Document)

    @readers.register("test-shouting")
    def _shouting(text, source, options):  # noqa: ANN001, ANN202
        yield make_document(source, text.upper(), options, fmt="test-shouting")

    [doc] = read_source(Source(path="b.txt", content=ENGLISH.encode(), format_hint="test-shouting"))
    assert isinstance(doc, Document) and doc.text == ENGLISH.upper()
