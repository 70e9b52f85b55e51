"""``/api/export/{format}``: any registered export (json, geojson, csv, timelinejs, markdown, …)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from dossier.api import Dossier
from dossier.present.renderers import MEDIA_TYPES, render
from dossier.present.web.deps import AccessDep, StoreDep

router = APIRouter(tags=["exports"])


@router.get(
    "/export/{fmt}", summary="The dossier in an export format (the same renderers as 'dossier export')"
)
def export(fmt: str, store: StoreDep, access: AccessDep) -> Response:
    text = access.run(lambda: render(Dossier(store), fmt))
    return Response(text, media_type=MEDIA_TYPES.get(fmt, "text/plain; charset=utf-8"))
