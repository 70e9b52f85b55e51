"""Settings of ``dossier serve``: where the dossier is, who may write, how much."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: environment variable holding the write token when ``--token`` is not given
TOKEN_ENV = "DOSSIER_TOKEN"
#: largest document body ``POST /api/documents`` accepts (bytes): a long article is ~100 kB
DEFAULT_MAX_POST_BYTES = 2_000_000


def _token_from_env() -> str | None:
    return os.environ.get(TOKEN_ENV) or None


@dataclass(slots=True)
class WebSettings:
    """What the server needs.

    Attributes:
        db: the dossier database (SQLite); ignored when ``create_app`` is given a store.
        token: the write token; without one the server is read-only.
        host: where ``serve`` binds (loopback by default).
        port: the TCP port.
        max_post_bytes: size limit of a posted document.
        model: the spaCy pipeline posted documents are annotated with.
        nlp: an already built pipeline to reuse (tests pass the session's).
    """

    db: Path | None = None
    token: str | None = field(default_factory=_token_from_env)
    host: str = "127.0.0.1"
    port: int = 8000
    max_post_bytes: int = DEFAULT_MAX_POST_BYTES
    model: str | None = None
    nlp: Any = None

    @property
    def writable(self) -> bool:
        return bool(self.token)
