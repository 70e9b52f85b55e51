"""Files that hold many documents, streamed one record at a time (memory stays flat).

- JSON Lines (``.jsonl``, ``.ndjson``, also gzipped): one source per line, read lazily;
- WARC (``.warc``, ``.warc.gz``, via warcio): one source per HTML response record, with the
  record's target URL as its path and its WARC-Date as a fallback publication date.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path

from dossier.errors import IngestError, MalformedContent, TooLarge
from dossier.models import Source

_JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_WARC = (".warc", ".warc.gz", ".arc", ".arc.gz")


def container_kind(path: str) -> str | None:
    """'jsonl' or 'warc' for a file that holds many documents, else None."""
    name = path.lower()
    if name.endswith(_JSONL):
        return "jsonl"
    if name.endswith(_WARC):
        return "warc"
    return None


def iter_container(
    path: str, *, max_bytes: int, published: str | None = None
) -> Iterator[Source | IngestError]:
    """The sources inside a container file, one at a time.

    Args:
        path: the file.
        max_bytes: size limit for each record (not for the file).
        published: a publication date the user gave for every record.
    """
    kind = container_kind(path)
    try:
        if kind == "jsonl":
            yield from _jsonl(path, max_bytes, published)
        elif kind == "warc":
            yield from _warc(path, max_bytes, published)
    except (OSError, EOFError, gzip.BadGzipFile, ValueError) as exc:
        yield MalformedContent(path, f"the file could not be read to the end: {exc}")


def _jsonl(path: str, max_bytes: int, published: str | None) -> Iterator[Source | IngestError]:
    opener = gzip.open if path.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        for number, line in enumerate(_limited_lines(fh, max_bytes), start=1):
            where = f"{path}#L{number}"
            if line is None:
                yield TooLarge(where, f"the line is over the size limit of {max_bytes:,} bytes")
            elif line.strip():
                yield Source(where, line, format_hint="jsonl-line", published=published)


def _limited_lines(fh: io.BufferedIOBase, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of a binary stream; ``None`` for a line longer than ``max_bytes`` (skipped unread)."""
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield None
        else:
            yield line


def _warc(path: str, max_bytes: int, published: str | None) -> Iterator[Source | IngestError]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh, arc2warc=True):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in ctype:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or path
            content = record.content_stream().read(max_bytes + 1)
            if len(content) > max_bytes:
                yield TooLarge(url, f"the page is over the size limit of {max_bytes:,} bytes")
                continue
            date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
            yield Source(
                url,
                content,
                format_hint="html",
                published=published or date,
                published_note="given with --published"
                if published
                else "WARC-Date: when the page was captured",
            )


def is_container(path: str | Path) -> bool:
    return container_kind(str(path)) is not None
