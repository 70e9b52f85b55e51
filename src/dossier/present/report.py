"""The HTML report: one self-contained file, readable offline, and the served web UI.

The page holds a timeline grouped by date, a map of resolved places (Leaflet, vendored in
``present/static`` and inlined; no tiles, so it works without a network), people,
organisations and places, claims with conflicts side by side, quotes by speaker and the
sources. Every fact links to its source sentence: clicking opens the document in a viewer
with the sentence highlighted.

Safety: every piece of document text goes through Jinja's autoescaping; the data the
script reads sits in a ``<script type="application/json">`` block with ``<``, ``>`` and
``&`` escaped as JSON unicode escapes; a Content-Security-Policy lets only the page's own
inline scripts run (by nonce), and nothing is loaded from elsewhere.
"""

from __future__ import annotations

import json
import re
import secrets
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from dossier.present.view import view_of_store

if TYPE_CHECKING:
    from dossier.api import Dossier
    from dossier.store import Store

_env = Environment(
    loader=PackageLoader("dossier.present", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")
_CSS_URL = re.compile(r"url\((?!['\"]?data:)[^)]*\)")


def content_security_policy(nonce: str, *, live: bool = False) -> str:
    """The page's CSP: only its own inline scripts (by nonce); no fetches except the API when served."""
    connect = "'self'" if live else "'none'"
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src data:; "
        f"connect-src {connect}; base-uri 'none'; form-action 'none'"
    )


def _read_static(name: str) -> str:
    return resources.files("dossier.present").joinpath("static", name).read_text("utf-8")


@cache
def _assets() -> dict[str, Markup]:
    """Leaflet and the report's own script and styles, ready to inline."""
    assets = {
        "leaflet_js": _SOURCE_MAP.sub("", _read_static("leaflet.js")),
        # Leaflet's CSS points at images we do not ship (layer switcher, default icon)
        "leaflet_css": _CSS_URL.sub("none", _read_static("leaflet.css")),
        "report_js": _read_static("report.js"),
        "report_css": _read_static("report.css"),
        # Natural Earth 1:50m coastlines and borders (world-atlas arcs): the offline basemap
        "basemap": _read_static("world-50m-arcs.json"),
    }
    for name, text in assets.items():
        if re.search(r"</(script|style)|<!--", text, re.I):
            raise ValueError(f"static asset {name} cannot be inlined: it closes its own tag")
    return {k: Markup(v) for k, v in assets.items()}


def script_json(data: Any) -> Markup:
    """``data`` as JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c``-style escapes, so no ``</script>`` or ``<!--``
    can appear, and U+2028/U+2029 are escaped for old parsers.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return Markup(text)


def render_view(view: dict[str, Any], *, live: bool = False, nonce: str | None = None) -> str:
    """The page for a view (``dossier.present.view.build_view``).

    Args:
        view: what to show.
        live: served by ``dossier serve`` (search goes to the API).
        nonce: the CSP nonce of the inline scripts (a fresh one by default).
    """
    nonce = nonce or secrets.token_urlsafe(18)
    client = {
        "live": live,
        "places": [
            {
                k: p[k]
                for k in (
                    "id",
                    "name",
                    "lat",
                    "lon",
                    "feature",
                    "country",
                    "admin1",
                    "precision",
                    "mentions",
                    "events",
                )
            }
            for p in view["places"]
        ],
    }
    return _env.get_template("report.html.j2").render(
        v=view,
        live=live,
        nonce=nonce,
        csp=content_security_policy(nonce, live=live),
        assets=_assets(),
        data_json=script_json(client),
    )


def render_store(store: Store, *, live: bool = False, nonce: str | None = None) -> str:
    """The page for everything ``store`` holds."""
    return render_view(view_of_store(store), live=live, nonce=nonce)


def render_report(dossier: Dossier) -> str:
    """The static, self-contained report of ``dossier``."""
    return render_store(dossier.store)


def write_report(dossier: Dossier, out: Path) -> Path:
    """Write the report to ``out`` (parent folders created)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(dossier), encoding="utf-8")
    return out
