"""Which reader a source goes to."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

#: file name endings and the format each means
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


GZIP_MAGIC = b"\x1f\x8b"


def detect_format(path: str, head: bytes, hint: str | None = None) -> str | None:
    """The format of a source, from the hint, its name, or its first bytes.

    Args:
        path: file path or URL.
        head: the first bytes of the content.
        hint: a format the caller already knows.

    Returns:
        A format name, or None when nothing identifies it.
    """
    if hint:
        return hint
    name = path.split("?", 1)[0]
    if name.lower().endswith(".gz"):
        if head[:2] == GZIP_MAGIC:  # still compressed (a downloaded .gz): no reader takes it
            return None
        name = name[:-3]  # read decompressed: the name inside tells the format
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in EXTENSIONS:
        fmt = EXTENSIONS[suffix]
        return sniff_text(head) if fmt == "text" else fmt
    if suffix and suffix not in {".htm", ".php", ".asp", ".aspx"}:
        return None
    start = head.lstrip()[:512].lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<body" in start:
        return "html"
    if start.startswith(b"---"):
        return "markdown"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


_FRONT_MATTER = re.compile(rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n(?:[\w-]+:.*\r?\n)")
_MD_HEADING = re.compile(rb"(?m)^#{1,6} \S")


def sniff_text(head: bytes) -> str:
    """A ``.txt`` file that is really Markdown (front matter, or '#' headings) or HTML."""
    if _FRONT_MATTER.match(head):
        return "markdown"
    start = head.lstrip()[:512].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if len(_MD_HEADING.findall(head)) >= 2:
        return "markdown"
    return "text"
