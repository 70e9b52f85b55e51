"""Exceptions raised by dossier.

The tree::

    DossierError
    ├── IngestError            a source could not be read (carries ``path``)
    │   ├── SourceNotFound
    │   ├── FetchError         a URL could not (or may not) be fetched
    │   ├── UnsupportedFormat  (lists the registered formats)
    │   ├── EmptyDocument
    │   ├── BinaryContent
    │   ├── UndecodableContent
    │   ├── TooLarge
    │   ├── WrongLanguage
    │   └── MalformedContent
    ├── AnnotationError
    ├── LinkError
    ├── StoreError
    │   ├── NotFound
    │   ├── QueryError         a malformed search query
    │   └── SchemaVersionError
    └── ConfigError

Every message says what is wrong and, where it can, what to do next.
"""

from __future__ import annotations


class DossierError(Exception):
    """Base class of every error dossier raises on purpose."""

    status = 500


class IngestError(DossierError):
    """A source could not be turned into a document."""

    status = 400

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class SourceNotFound(IngestError):
    status = 404


class FetchError(IngestError):
    status = 502


class UnsupportedFormat(IngestError):
    status = 415

    def __init__(self, path: str, fmt: str, available: list[str]) -> None:
        self.fmt = fmt
        self.available = available
        super().__init__(
            path, f"unsupported format {fmt!r}; readers exist for: {', '.join(sorted(available))}"
        )


class EmptyDocument(IngestError):
    pass


class BinaryContent(IngestError):
    pass


class UndecodableContent(IngestError):
    pass


class TooLarge(IngestError):
    status = 413


class WrongLanguage(IngestError):
    pass


class MalformedContent(IngestError):
    pass


class AnnotationError(DossierError):
    pass


class LinkError(DossierError):
    pass


class StoreError(DossierError):
    pass


class NotFound(StoreError):
    status = 404


class QueryError(StoreError):
    status = 400


class SchemaVersionError(StoreError):
    pass


class StaleView(StoreError):
    """A patch was computed from a cross-document view another link has replaced since."""


class ConfigError(DossierError):
    status = 400
