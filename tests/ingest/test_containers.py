from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from dossier.errors import IngestError, MalformedContent, TooLarge
from dossier.ingest import IngestOptions, iter_sources, read_source
from dossier.models import Document
from tests.ingest.test_readers import ENGLISH


def documents(specs: list[str], options: IngestOptions | None = None) -> list[Document | IngestError]:
    out: list[Document | IngestError] = []
    for source in iter_sources(specs, options):
        out.extend([source] if isinstance(source, IngestError) else read_source(source, options))
    return out


def test_gzipped_jsonl_streams_one_document_per_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    lines = [json.dumps({"text": f"{ENGLISH} Item {i}.", "url": f"https://ex.org/{i}"}) for i in range(5)]
    lines.insert(2, "{broken")
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    results = documents([str(path)])
    docs = [r for r in results if isinstance(r, Document)]
    assert [d.url for d in docs] == [f"https://ex.org/{i}" for i in range(5)]
    (bad,) = [r for r in results if isinstance(r, IngestError)]
    assert isinstance(bad, MalformedContent) and bad.path == f"{path}#L3"


def test_an_oversized_jsonl_line_is_refused_alone(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    big = json.dumps({"text": ENGLISH * 40})
    path.write_text("\n".join([json.dumps({"text": ENGLISH}), big, json.dumps({"text": ENGLISH + " Two."})]))
    results = documents([str(path)], IngestOptions(max_bytes=2000))
    assert [type(r).__name__ for r in results] == ["Document", "TooLarge", "Document"]
    assert results[1].path.endswith("#L2")  # type: ignore[union-attr]


def test_truncated_gzip_is_one_clear_refusal_after_what_could_be_read(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress("\n".join(json.dumps({"text": f"{ENGLISH} {i}"}) for i in range(50)).encode())
    path.write_bytes(data[: len(data) // 2])
    results = documents([str(path)])
    assert isinstance(results[-1], MalformedContent) and "read to the end" in results[-1].reason
    assert all(isinstance(r, Document) for r in results[:-1])


def write_warc(path: Path, pages: list[tuple[str, str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode()), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2023-04-05T06:07:08Z"},
            )
            writer.write_record(record)
            record.raw_stream.close()  # warcio buffers the payload in a temporary file


def test_warc_html_responses_become_documents_with_url_and_capture_date(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in (ENGLISH * 2).split(".") if s.strip())
    html = f"<html><head><title>Bridge</title></head><body><article>{paragraphs}</article></body></html>"
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("https://news.example/a", "text/html; charset=utf-8", html),
                      ("https://news.example/logo.png", "image/png", "PNG"),
                      ("https://news.example/b", "text/html", html.replace("council", "assembly"))])
    docs = documents([str(path)])
    assert [d.url for d in docs] == ["https://news.example/a", "https://news.example/b"]  # type: ignore[union-attr]
    assert all(isinstance(d, Document) and d.published.value == "2023-04-05" for d in docs)
    assert "WARC-Date" in docs[0].published.explanation  # type: ignore[union-attr]


def test_an_oversized_warc_page_is_refused_by_url(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("https://news.example/big", "text/html", "<p>" + ENGLISH * 100 + "</p>")])
    (refusal,) = documents([str(path)], IngestOptions(max_bytes=1000))
    assert isinstance(refusal, TooLarge) and refusal.path == "https://news.example/big"


def test_a_gzipped_page_or_text_is_read_as_what_it_holds(tmp_path: Path) -> None:
    html = f"<html><head><title>Flood report</title></head><body><article><p>{ENGLISH}</p></article></body></html>"
    with gzip.open(tmp_path / "page.html.gz", "wt", encoding="utf-8") as fh:
        fh.write(html)
    with gzip.open(tmp_path / "note.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(ENGLISH)
    docs = [d for s in iter_sources([str(tmp_path)]) for d in read_source(s)]
    assert all(isinstance(d, Document) for d in docs), docs
    by_name = {Path(d.path).name: d for d in docs}
    assert set(by_name) == {"page.html.gz", "note.txt.gz"}
    assert by_name["page.html.gz"].title == "Flood report"
    assert ENGLISH[:40] in by_name["page.html.gz"].text and "<p>" not in by_name["page.html.gz"].text
    assert by_name["note.txt.gz"].text.strip() == ENGLISH.strip()


def test_a_gzip_that_inflates_past_the_limit_or_is_broken_is_refused_by_name(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb") as fh:
        fh.write(b"a" * 3_000_000)
    assert bomb.stat().st_size < 10_000
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(gzip.compress(b"<html><body>" + ENGLISH.encode() * 20)[:-30])
    fake = tmp_path / "fake.txt.gz"
    fake.write_bytes(b"plain text, not gzip")
    out = {Path(x.path).name: x for x in iter_sources([str(tmp_path)], IngestOptions(max_bytes=1_000_000))}
    assert isinstance(out["bomb.txt.gz"], TooLarge) and "decompresses" in out["bomb.txt.gz"].reason
    assert isinstance(out["broken.html.gz"], MalformedContent) and "gzip" in out["broken.html.gz"].reason
    assert isinstance(out["fake.txt.gz"], MalformedContent)


def test_content_still_gzipped_goes_to_no_reader() -> None:
    from dossier.models import Source

    raw = gzip.compress(b"<html><body>hello</body></html>")
    [refusal] = read_source(Source(path="https://example.org/page.html.gz", content=raw))
    assert isinstance(refusal, IngestError)
