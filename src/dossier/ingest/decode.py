"""Bytes to clean Unicode text, or a clear refusal."""

from __future__ import annotations

import gzip
import os
import unicodedata

import ftfy
from charset_normalizer import from_bytes

from dossier.errors import BinaryContent, EmptyDocument, MalformedContent, TooLarge, UndecodableContent

#: default ceiling on one source's size (issue 2: 20 MB, configurable)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: default ceiling on one document's cleaned text, in characters: spaCy's own ``nlp.max_length``
#: (its parser and NER refuse longer texts, and take minutes and gigabytes just below it)
DEFAULT_MAX_CHARS = 1_000_000

# control characters other than tab/newline/carriage return/form feed: a share above this in
# the first 8 KiB marks binary content (text files seen in the wild stay far below 1%)
_BINARY_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}
# mojibake repair only: curly quotes stay curly (quote extraction tells opening from closing
# marks) and the source's characters are otherwise left as they are
_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, normalization="NFC"
)


def check_size(path: str, size: int, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse a source larger than ``max_bytes``."""
    if size > max_bytes:
        raise TooLarge(path, f"{size:,} bytes is over the size limit of {max_bytes:,} bytes (--max-bytes)")


def read_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes; a gzipped one (``page.html.gz``) decompressed, its limit on what it holds.

    Raises:
        TooLarge: the file, or what a gzipped one decompresses to, is over ``max_bytes`` (a
            small file that would inflate without end is stopped there).
        MalformedContent: a ``.gz`` file that is not gzip, or is cut short.
        OSError: the file cannot be read.
    """
    if not path.lower().endswith(".gz"):
        check_size(path, os.path.getsize(path), max_bytes)
        with open(path, "rb") as fh:
            return fh.read()
    try:
        with gzip.open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except (gzip.BadGzipFile, EOFError) as exc:
        raise MalformedContent(path, f"not a readable gzip file: {exc}") from exc
    if len(data) > max_bytes:
        raise TooLarge(path, f"it decompresses to over the size limit of {max_bytes:,} bytes (--max-bytes)")
    return data


def decode(path: str, content: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode a source's bytes to text, fixing mojibake.

    Args:
        path: for error messages.
        content: the raw bytes.
        max_bytes: size limit.

    Raises:
        TooLarge, EmptyDocument, BinaryContent, UndecodableContent.
    """
    check_size(path, len(content), max_bytes)
    if not content.strip():
        raise EmptyDocument(path, "the file is empty")
    if b"\x00" in content[:8192] and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryContent(path, "binary content (NUL bytes), not a text document")
    text = _to_str(path, content)
    head = text[:8192]
    controls = sum(1 for ch in head if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    if head and controls / len(head) > _BINARY_CONTROL_SHARE:
        raise BinaryContent(path, f"binary content ({controls} control characters in the first {len(head)})")
    text = clean_text(ftfy.fix_text(text, _FTFY))
    if not text.strip():
        raise EmptyDocument(path, "no text left after decoding")
    return text


def clean_text(text: str) -> str:
    """Drop control characters (but tab and line breaks) and lone surrogates; newlines as ``\\n``.

    ``decode`` does this to every source; readers call it again on strings that escapes
    can smuggle past it (``"\\ud800"`` or ``"\\u0000"`` in JSON, YAML front matter).
    """
    text = "".join(
        ch for ch in text if ch in _ALLOWED_CONTROLS or unicodedata.category(ch) not in {"Cc", "Cs"}
    )
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


_WESTERN = ("cp1252", "iso8859_15", "latin_1")
# charset-normalizer's "chaos" (mess ratio) above which a Western decoding is rejected
_MAX_CHAOS = 0.1
# share of undecodable bytes up to which a file still counts as UTF-8 (0.5%: a few broken
# characters in an article; a legacy-encoded file has one in every accented word)
_MAX_BAD_UTF8 = 0.005


def _to_str(path: str, content: bytes) -> str:
    """UTF-8 (with or without BOM) first; otherwise the encoding charset-normalizer finds."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few broken bytes (a truncated multi-byte character, a stray Latin-1 byte
    # pasted in) stays UTF-8: the bad bytes become U+FFFD instead of the whole file refused
    # (a legacy-encoded file has no valid multi-byte characters at all, so it goes on below)
    lenient = content.decode("utf-8-sig", errors="replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for ch in lenient if ord(ch) > 127) - bad
    if bad <= max(1, len(lenient) * _MAX_BAD_UTF8) and good >= bad:
        return lenient
    # English text in a legacy encoding is most often Windows-1252/Latin-1, and
    # charset-normalizer's unrestricted guess on short English samples picks Baltic or DOS
    # code pages (measured: "Café … Zürich" came out as cp775); try the Western ones first
    western = from_bytes(content, cp_isolation=list(_WESTERN)).best()
    if western is not None and western.chaos <= _MAX_CHAOS:
        return str(western)
    best = from_bytes(content).best()
    if best is None:
        raise UndecodableContent(
            path, "the text encoding could not be detected (not UTF-8 nor a known charset)"
        )
    return str(best)
