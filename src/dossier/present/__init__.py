"""The present stage: everything people look at, all read from the store.

``export`` (the ``dossier.export/1`` contract), ``exports/`` (GeoJSON, CSV, TimelineJS,
Markdown), ``renderers`` (the registry keyed by format), ``view`` (the shared on-screen
data), ``report`` (the self-contained HTML report) and ``web/`` (the FastAPI API and UI).
"""
