"""dossier's built-in readers. Importing this package registers them."""

from __future__ import annotations

from dossier.ingest.readers import html, jsonl, markdown, text

__all__ = ["html", "jsonl", "markdown", "text"]
