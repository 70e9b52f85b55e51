"""dossier: turn a pile of documents about an event into a sourced event dossier.

The Python API::

    import dossier
    dossier.build(["articles/"], db="event.db")
    with dossier.open("event.db") as d:
        export = d.export()
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from dossier.api import Dossier, build, open  # noqa: E402
from dossier.errors import DossierError  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Dossier", "DossierError", "__version__", "build", "open"]
