"""Export renderers, keyed by format in ``dossier.registry.renderers``.

A renderer takes a ``Dossier`` and returns the export as text. dossier's own formats
register the same way a third party's do (the ``dossier_renderers`` entry point group):
``json`` here, ``geojson``, ``csv``, ``timelinejs`` and ``markdown`` in
``dossier.present.exports``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from dossier.errors import ConfigError
from dossier.present.exports import csv as _csv  # noqa: F401  (registers "csv")
from dossier.present.exports import geojson as _geojson  # noqa: F401  (registers "geojson")
from dossier.present.exports import markdown as _markdown  # noqa: F401  (registers "markdown")
from dossier.present.exports import timelinejs as _timelinejs  # noqa: F401  (registers "timelinejs")
from dossier.registry import renderers

if TYPE_CHECKING:
    from dossier.api import Dossier

#: media type of each built-in format (the API serves exports with it)
MEDIA_TYPES = {
    "json": "application/json",
    "geojson": "application/geo+json",
    "csv": "text/csv; charset=utf-8",
    "timelinejs": "application/json",
    "markdown": "text/markdown; charset=utf-8",
}


@renderers.register("json")
def render_json(dossier: Dossier) -> str:
    """The ``dossier.export/1`` contract."""
    return json.dumps(dossier.export(), ensure_ascii=False, indent=1)


def formats() -> list[str]:
    return sorted(renderers.get_all())


def render(dossier: Dossier, fmt: str) -> str:
    """Render ``dossier`` as ``fmt``.

    Raises:
        ConfigError: no renderer for ``fmt`` (the message lists those there are).
    """
    if fmt not in renderers.get_all():
        raise ConfigError(f"unknown export format {fmt!r}; available: {', '.join(formats())}")
    return renderers.get(fmt)(dossier)  # type: ignore[no-any-return]
