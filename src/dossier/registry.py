"""Registries for dossier's seams, built on ``catalogue`` (as spaCy's are).

Third-party packages add to them through entry points (``dossier_readers``,
``dossier_renderers``), the same way dossier's built-ins register.
"""

from __future__ import annotations

import catalogue

#: format name -> reader function ``(text, source, options) -> Iterable[Document | IngestError]``
readers = catalogue.create("dossier", "readers", entry_points=True)

#: export format name -> renderer function ``(dossier, out) -> None``
renderers = catalogue.create("dossier", "renderers", entry_points=True)
