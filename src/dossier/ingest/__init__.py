"""The ingest stage: sources in, cleaned ``Document`` records (or refusals) out.

``iter_sources`` expands what the user named (files, folders walked recursively, globs);
``read_source`` detects the format and hands the text to the registered reader.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dossier.errors import IngestError, SourceNotFound, UnsupportedFormat
from dossier.ingest import readers as _readers  # noqa: F401  (registers the built-in readers)
from dossier.ingest.containers import is_container, iter_container
from dossier.ingest.decode import decode, read_file
from dossier.ingest.detect import detect_format
from dossier.ingest.fetch import fetch, is_url
from dossier.ingest.options import IngestOptions
from dossier.models import Document, Source
from dossier.registry import readers

__all__ = ["IngestOptions", "iter_paths", "iter_sources", "read_path", "read_source"]

# hidden files and folders (".git", ".DS_Store") are never documents
_HIDDEN = "."


def iter_paths(specs: Iterable[str]) -> Iterator[str | IngestError]:
    """Expand files, folders (recursively, sorted) and glob patterns into file paths (URLs pass through).

    Yields:
        A path per file, or a ``SourceNotFound`` for a name that matches nothing.
    """
    for spec in specs:
        if is_url(spec):
            yield spec
            continue
        path = Path(spec)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(_HIDDEN))
                for name in sorted(files):
                    if not name.startswith(_HIDDEN):
                        yield str(Path(root) / name)
        elif path.is_file():
            yield spec
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield SourceNotFound(spec, "the pattern matches no file")
            yield from iter_paths(matches)
        else:
            yield SourceNotFound(spec, "no such file or folder")


def iter_sources(
    specs: Iterable[str], options: IngestOptions | None = None, *, published: str | None = None
) -> Iterator[Source | IngestError]:
    """Sources (path + bytes) for every file the specs name, or the refusal of each bad one."""
    options = options or IngestOptions()
    for item in iter_paths(specs):
        if isinstance(item, IngestError):
            yield item
            continue
        if is_url(item):
            try:
                yield fetch(item, max_bytes=options.max_bytes, allow_private=options.allow_private)
            except IngestError as exc:
                yield exc
            continue
        if is_container(item):
            yield from iter_container(item, max_bytes=options.max_bytes, published=published)
            continue
        try:
            yield Source(path=item, content=read_file(item, options.max_bytes), published=published)
        except IngestError as exc:
            yield exc
        except OSError as exc:
            yield SourceNotFound(item, f"cannot be read: {exc.strerror or exc}")


#: the registered readers, as last read from the registry: reading it scans the installed
#: packages' entry points (~0.4 ms), which a batch would otherwise do twice per document
_READERS: dict[str, Any] = {}


def _reader(fmt: str | None) -> Any:
    """The reader registered for ``fmt``; the registry is read again on a miss, so a reader
    registered (or a plugin installed) since the last read is found."""
    if fmt is not None and fmt in _READERS:
        return _READERS[fmt]
    _READERS.clear()
    _READERS.update(readers.get_all())
    return _READERS.get(fmt) if fmt is not None else None


def read_source(source: Source, options: IngestOptions | None = None) -> list[Document | IngestError]:
    """Read one source into documents (a JSONL file holds many) or refusals.

    Never raises ``IngestError``: a refusal is returned in the list, so a batch goes on.
    """
    options = options or IngestOptions()
    try:
        fmt = detect_format(source.path, source.content[:4096], source.format_hint)
        reader = _reader(fmt)
        if reader is None:
            raise UnsupportedFormat(source.path, fmt or Path(source.path).suffix or "unknown", list(_READERS))
        text = decode(source.path, source.content, max_bytes=options.max_bytes)
        return list(reader(text, source, options))
    except IngestError as exc:
        return [exc]


def read_path(path: str | os.PathLike[str], options: IngestOptions | None = None) -> Document:
    """Read one file that holds one document.

    Raises:
        IngestError: the file is refused (the first refusal when it holds several documents).
    """
    sources = list(iter_sources([str(path)], options))
    if isinstance(sources[0], IngestError):
        raise sources[0]
    results = read_source(sources[0], options)
    for result in results:
        if isinstance(result, IngestError):
            raise result
    return results[0]  # type: ignore[return-value]
