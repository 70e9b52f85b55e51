"""Export renderers, keyed by format in ``dossier.registry.renderers``.

A renderer takes a ``Dossier`` and returns the export as text. Third parties register more
through the ``dossier_renderers`` entry point group.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from dossier.errors import ConfigError
from dossier.registry import renderers

if TYPE_CHECKING:
    from dossier.api import Dossier


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
