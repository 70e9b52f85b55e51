"""The static report: self-contained, safe against hostile documents, every fact linked to
its source sentence, and showing the timeline, map data, claims, conflicts, quotes and sources."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import dossier
from dossier.api import Dossier
from dossier.present.report import render_report, script_json
from dossier.present.view import build_view, date_sort_key
from dossier.store import MemoryStore
from tests.present.builders import DOC_A, DOC_B, EVIL_PLACE, EVIL_SENTENCE, EVIL_TITLE, fill


class Page(HTMLParser):
    """Every element with its attributes, the text of each script, and the ids."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.ids: set[str] = set()
        self._script: dict[str, str | None] | None = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.elements.append((tag, a))
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "script":
            self._script, self._text = a, []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None

    def all(self, tag: str, cls: str | None = None) -> list[dict[str, str | None]]:
        return [
            a for t, a in self.elements if t == tag and (cls is None or cls in (a.get("class") or "").split())
        ]


@pytest.fixture(scope="module")
def html() -> str:
    return render_report(Dossier(fill(MemoryStore())))


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    return Page(html)


def csp_of(page: Page) -> str:
    metas = [a for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert len(metas) == 1
    return str(metas[0]["content"])


def test_report_csp_lets_only_its_own_nonced_scripts_run(page: Page) -> None:
    csp = csp_of(page)
    assert "default-src 'none'" in csp
    script_src = re.search(r"script-src ([^;]+)", csp)
    assert script_src is not None
    nonce = re.fullmatch(r"'nonce-([\w-]+)'", script_src.group(1).strip())
    assert nonce, script_src.group(1)  # no 'unsafe-inline', no hosts
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert f"style-src 'nonce-{nonce.group(1)}'" in csp
    styles = page.all("style")
    assert len(styles) == 2 and all(a.get("nonce") == nonce.group(1) for a in styles)
    assert not [a for _, a in page.elements if "style" in a]  # no style attributes the CSP would block
    executable = [a for a, _ in page.scripts if a.get("type") != "application/json"]
    assert len(executable) == 2  # Leaflet and the report's own script
    assert all(a.get("nonce") == nonce.group(1) for a in executable)
    assert all("src" not in a for a, _ in page.scripts)


def test_report_hostile_document_text_is_escaped_everywhere(html: str, page: Page) -> None:
    # the raw markup of the title and text never appears; its escaped form does
    assert "<script>window.__pwned" not in html
    assert "<img src=x onerror" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    for tag, attrs in page.elements:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        for key in ("href", "src", "action", "formaction"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith(("javascript:", "vbscript:")), (tag, attrs)
            assert not value.startswith("data:") or (tag, value) == ("link", "data:,"), (tag, attrs)
    assert not page.all("img") and not page.all("iframe") and not page.all("b")
    # the document viewer shows the hostile sentence as text, in its anchor
    assert EVIL_SENTENCE in html.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"').replace(
        "&#39;", "'"
    )


def test_report_embedded_data_cannot_close_its_script_and_parses_back(page: Page) -> None:
    blocks = {a.get("id"): t for a, t in page.scripts if a.get("type") == "application/json"}
    assert set(blocks) == {"dossier-data", "dossier-basemap"}
    assert all("<" not in t for t in blocks.values())
    text = blocks["dossier-data"]
    basemap = json.loads(blocks["dossier-basemap"])
    assert basemap["type"] == "Topology" and len(basemap["arcs"]) > 1000
    data = json.loads(text)
    names = {p["name"] for p in data["places"]}
    assert names == {"Springfield", "Columbus", EVIL_PLACE}
    springfield = next(p for p in data["places"] if p["name"] == "Springfield")
    assert springfield["mentions"][0]["label"] == EVIL_TITLE  # restored exactly by JSON.parse


def test_report_script_json_escapes_markup() -> None:
    text = str(script_json({"a": "</script><!-- & \u2028"}))
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}'
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_report_is_self_contained(html: str, page: Page) -> None:
    assert [a.get("href") for a in page.all("link")] == ["data:,"]  # no favicon request either
    assert not [a for a, _ in page.scripts if a.get("src")]
    assert "url(images/" not in html and "sourceMappingURL" not in html
    assert "Leaflet 1.9.4" in html  # inlined, with its notice
    static = resources.files("dossier.present").joinpath("static")
    assert "BSD" in static.joinpath("LEAFLET-LICENSE").read_text("utf-8") or "Copyright" in static.joinpath(
        "LEAFLET-LICENSE"
    ).read_text("utf-8")


def test_report_every_fact_links_to_an_existing_sentence(page: Page) -> None:
    refs = page.all("a", "ref")
    assert len(refs) >= 15
    for a in refs:
        anchors = str(a.get("data-s") or "").split()
        assert anchors and str(a["href"]) == "#" + anchors[0]
        for anchor in anchors:
            assert anchor in page.ids, anchor
    assert f"s-{DOC_A}-0" in page.ids and f"s-{DOC_B}-3" in page.ids


def test_report_timeline_grouped_by_date_with_badges(html: str, page: Page) -> None:
    days = [a.get("data-date") for a in page.all("div", "day")]
    assert days == ["2023-03", "2023-03-13", "2023-03-14"]
    collapse = html[html.index('id="ev-collapse"') :]
    collapse = collapse[: collapse.index("</ul>")]
    assert (
        "2 sources</span>" in collapse and ">conflict</span>" in collapse and "inferred date" not in collapse
    )
    repairs = html[html.index('id="ev-repairs"') :]
    repairs = repairs[: repairs.index("</ul>")]
    assert ">inferred date</span>" in repairs and "2023-03-15 (inferred)" in repairs
    assert "14 March 2023" in html and '<span class="precision">month</span>' in html


def test_report_claims_conflicts_quotes_sources(html: str) -> None:
    claims = html[html.index('<table class="claims">') :]
    claims = claims[: claims.index("</table>")]
    assert (
        "at least 20" in claims and "police" in claims and "Jane Roe" in claims and ">said</span>" in claims
    )
    card = html[html.index('id="cf-hurt"') :]
    card = card[: card.index('<table class="claims">')]
    assert card.count('class="side"') == 2 and "12 people" in card and "at least 20 people" in card
    quotes = html[html.index('id="quotes"') : html.index('id="sources"')]
    assert "Jane Roe" in quotes and "We will rebuild the bridge," in quotes
    sources = html[html.index('id="sources"') :]
    assert (
        "16 March 2023" in sources and "metadata" in sources and "shares the collapse with docaaaa" in sources
    )
    assert "javascript:alert(1)" in sources  # shown as text …
    assert 'href="javascript' not in sources  # … never as a link


def test_report_entities_with_aliases(html: str) -> None:
    people = html[html.index('id="entities-people"') : html.index('id="entities-places"')]
    assert "Jane Roe" in people and "also: Roe, &lt;b&gt;Roe&lt;/b&gt;" in people


def test_report_sorts_month_before_its_days() -> None:
    keys = sorted(
        [("2022-11-11", "day"), ("2022-11", "month"), ("2022", "year"), ("2022-11-01", "day")],
        key=lambda k: date_sort_key(*k),
    )
    assert keys == [("2022", "year"), ("2022-11-01", "day"), ("2022-11", "month"), ("2022-11-11", "day")]


@pytest.mark.slow
def test_report_of_the_seeds(seeds_db: Path, tmp_path: Path) -> None:
    with dossier.open(seeds_db) as d:
        out = d.report(tmp_path / "r.html")
        view: dict[str, Any] = build_view(d.records(), d.export(), d.store.counts())
    html = out.read_text("utf-8")
    page = Page(html)
    assert len(page.all("div", "event")) == len(view["events"]) >= 10
    data = json.loads(next(t for a, t in page.scripts if a.get("id") == "dossier-data"))
    assert any(p["name"] == "Kherson" for p in data["places"])
    assert "11 November 2022" in html and "Christopher Tuck" in html
    assert all(a in page.ids for r in page.all("a", "ref") for a in str(r.get("data-s")).split())
