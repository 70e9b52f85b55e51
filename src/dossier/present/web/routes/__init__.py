"""One APIRouter per resource; ``ROUTERS`` is what ``create_app`` mounts under ``/api``."""

from __future__ import annotations

from dossier.present.web.routes import documents, entities, events, exports, facts, search

ROUTERS = (documents.router, events.router, entities.router, facts.router, search.router, exports.router)
