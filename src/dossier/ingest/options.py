"""Options every reader receives."""

from __future__ import annotations

from dataclasses import dataclass

from dossier.ingest.decode import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS


@dataclass(frozen=True, slots=True)
class IngestOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    kind: str | None = None
    """Force the document kind (news | encyclopedia | other) instead of guessing it."""
    check_language: bool = True
    allow_private: bool = False
    """Allow fetching URLs whose host is a loopback, private or link-local address."""
    max_chars: int = DEFAULT_MAX_CHARS
    """Refuse documents whose cleaned text is longer than this (the annotator's limit)."""
