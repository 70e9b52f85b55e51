"""The HTTP API through FastAPI's TestClient: every endpoint, and its errors (unknown ids
404, bad query 400, missing token 401, read-only 403, oversize 413, wrong media type 415)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier.present.web import WebSettings, create_app
from dossier.present.web.deps import get_store
from dossier.store import MemoryStore, SQLiteStore
from tests.present.builders import DOC_A, DOC_B, EVIL_TITLE, fill, find

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    s = fill(SQLiteStore(tmp_path / "api.db"))
    yield s
    s.close()


@pytest.fixture
def client(store: SQLiteStore) -> Iterator[TestClient]:
    with TestClient(create_app(store, WebSettings(token=None))) as c:
        yield c


@pytest.fixture
def writer(store: SQLiteStore, request: pytest.FixtureRequest) -> Iterator[TestClient]:
    settings = WebSettings(token=TOKEN, max_post_bytes=4000)
    if "nlp" in request.fixturenames:
        settings.nlp = request.getfixturevalue("nlp")
    with TestClient(create_app(store, settings)) as c:
        yield c


# -- reading ------------------------------------------------------------------------------


def test_api_documents_list_and_one(client: TestClient) -> None:
    docs = client.get("/api/documents").json()
    assert [d["id"] for d in docs] == [DOC_A, DOC_B]
    assert "text" not in docs[0] and docs[0]["title"] == EVIL_TITLE
    assert docs[1]["published"] == {
        "value": "2023-03-15",
        "basis": "inferred",
        "explanation": "shares the collapse with docaaaa",
    }
    one = client.get(f"/api/documents/{DOC_B}").json()
    assert one["text"].startswith("The Mad River bridge in Springfield")
    first = one["sentences"][0]
    assert first["anchor"] == f"s-{DOC_B}-0" and one["text"][first["start"] : first["end"]].endswith("2023.")


def test_api_unknown_ids_are_404(client: TestClient) -> None:
    for path in ["/api/documents/nope", "/api/events/nope", "/api/entities/nope", "/api/conflicts/nope"]:
        r = client.get(path)
        assert r.status_code == 404, path
        assert r.json()["error"] == "NotFound" and "nope" in r.json()["detail"]


def test_api_timeline_grouped_by_date_with_sources(client: TestClient) -> None:
    days = client.get("/api/timeline").json()
    assert [d["date"] for d in days] == ["2023-03", "2023-03-13", "2023-03-14"]
    collapse = days[2]["events"][0]
    assert collapse["id"] == "ev-collapse" and collapse["sources"] == 2
    assert {b["kind"] for b in collapse["badges"]} == {"sources", "conflict"}
    assert collapse["evidence"][0]["anchor"] == f"s-{DOC_A}-0" and collapse["place"]["name"] == "Springfield"
    assert client.get("/api/events/ev-repairs").json()["inferred"].startswith("'Monday' read against")


def test_api_entities_filter_and_one(client: TestClient) -> None:
    everything = client.get("/api/entities").json()
    assert {e["id"] for e in everything} == {"e-springfield", "e-ohio", "e-columbus", "e-roe"}
    people = client.get("/api/entities", params={"type": "person"}).json()
    assert [p["name"] for p in people] == ["Jane Roe"] and people[0]["aliases"] == ["Roe", "<b>Roe</b>"]
    roe = client.get("/api/entities/e-roe").json()
    assert roe["mentions"][0]["anchor"] == f"s-{DOC_A}-1"


def test_api_places(client: TestClient) -> None:
    places = client.get("/api/places").json()
    springfield = find(places, name="Springfield")
    assert (springfield["lat"], springfield["lon"], springfield["admin1"]) == (39.9242, -83.8088, "Ohio")
    assert {e["id"] for e in springfield["events"]} == {"ev-collapse", "ev-repairs"}


def test_api_claims_quotes_conflicts(client: TestClient) -> None:
    claims = client.get("/api/claims").json()
    police = find(claims, who="police")
    assert (police["value_label"], police["unit"], police["hedged"], police["conflicts"]) == (
        "at least 20",
        "people",
        True,
        ["cf-hurt"],
    )
    quotes = client.get("/api/quotes").json()
    assert (
        quotes[0]["speaker"] == "Jane Roe" and quotes[0]["quotes"][0]["text"] == "We will rebuild the bridge,"
    )
    conflicts = client.get("/api/conflicts").json()
    assert [s["value_label"] for s in conflicts[0]["sides"]] == ["12", "at least 20"]
    assert client.get("/api/conflicts/cf-hurt").json()["about"] == "people hurt"


def test_api_search_finds_sentences_with_anchors(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "bridge"})
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == len(body["hits"]) >= 3
    hit = find(body["hits"], doc=DOC_B, anchor=f"s-{DOC_B}-0")
    assert "[bridge]" in hit["snippet"] and hit["label"] == "b.txt"
    assert client.get("/api/search", params={"q": "collaps*", "limit": 1}).json()["count"] == 1
    assert client.get("/api/search", params={"q": "zeppelin"}).json()["hits"] == []


@pytest.mark.parametrize("query", ['"unbalanced', "bridge AND", "(bridge", "NEAR(", "*"])
def test_api_search_syntax_errors_are_400_with_a_message(client: TestClient, query: str) -> None:
    r = client.get("/api/search", params={"q": query})
    assert r.status_code == 400, r.text
    assert r.json()["error"] == "QueryError" and "bad search query" in r.json()["detail"]


def test_api_search_needs_a_query(client: TestClient) -> None:
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search", params={"q": ""}).status_code == 422


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("json", "application/json"),
        ("geojson", "application/geo+json"),
        ("csv", "text/csv"),
        ("timelinejs", "application/json"),
        ("markdown", "text/markdown"),
    ],
)
def test_api_exports(client: TestClient, fmt: str, media: str) -> None:
    r = client.get(f"/api/export/{fmt}")
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert len(r.text) > 200


def test_api_unknown_export_format_is_400(client: TestClient) -> None:
    r = client.get("/api/export/xml")
    assert r.status_code == 400 and "available:" in r.json()["detail"]


def test_api_ui_is_the_live_report_with_a_csp(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    header = r.headers["content-security-policy"]
    nonce = re.search(r"'nonce-([\w-]+)'", header)
    assert nonce and f'nonce="{nonce.group(1)}"' in r.text
    assert "connect-src 'self'" in header and 'data-live="1"' in r.text
    assert "&lt;script&gt;window.__pwned = 1" in r.text and "<script>window.__pwned" not in r.text
    assert r.headers["x-content-type-options"] == "nosniff"
    assert nonce.group(1) != re.search(
        r"'nonce-([\w-]+)'", client.get("/").headers["content-security-policy"]
    ).group(1)


def test_api_openapi_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in [
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/timeline",
        "/api/entities",
        "/api/places",
        "/api/claims",
        "/api/quotes",
        "/api/conflicts",
        "/api/search",
        "/api/export/{fmt}",
    ]:
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/documents"]
    for docs in ("/docs", "/redoc"):
        page = client.get(docs)
        assert page.status_code == 200
        # every file the page loads comes from this server: it works with no network
        loads = re.findall(r'(?:src|href)=["\']([^"\']+)', page.text) + re.findall(
            r"url: ['\"]([^'\"]+)|spec-url=['\"]([^'\"]+)", page.text
        )
        loads = [u for u in (x if isinstance(x, str) else "".join(x) for x in loads) if u]
        assert len(loads) >= 2 and all(u.startswith("/") for u in loads), loads
        for url in loads:
            assert client.get(url).status_code == 200, url


def test_api_store_dependency_can_be_overridden(store: SQLiteStore) -> None:
    app = create_app(store)
    app.dependency_overrides[get_store] = MemoryStore
    with TestClient(app) as c:
        assert c.get("/api/documents").json() == []
        assert c.get("/api/timeline").json() == []
        assert c.get("/").status_code == 200


def test_api_serves_a_database_file_read_only(store: SQLiteStore) -> None:
    with TestClient(create_app(settings=WebSettings(db=Path(store.path), token=None))) as c:
        assert len(c.get("/api/documents").json()) == 2
        assert c.app.state.store.read_only  # type: ignore[attr-defined]


# -- writing -------------------------------------------------------------------------------


def test_api_post_on_a_read_only_server_is_403(client: TestClient) -> None:
    r = client.post("/api/documents", json={"body": "Paris is calm."}, headers=AUTH)
    assert r.status_code == 403 and "read-only" in r.json()["detail"]


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"X-Dossier-Token": "wrong"}]
)
def test_api_post_without_the_token_is_401(writer: TestClient, headers: dict[str, str]) -> None:
    r = writer.post("/api/documents", json={"body": "Paris is calm."}, headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def test_api_post_oversize_is_413(writer: TestClient) -> None:
    r = writer.post("/api/documents", json={"body": "word " * 2000}, headers=AUTH)
    assert r.status_code == 413 and "4000 bytes" in r.json()["detail"]
    r = writer.post("/api/documents", content=b"x" * 5000, headers={**AUTH, "Content-Type": "text/plain"})
    assert r.status_code == 413


def test_api_post_refusals(writer: TestClient) -> None:
    r = writer.post(
        "/api/documents", content=b"%PDF-1.4", headers={**AUTH, "Content-Type": "application/pdf"}
    )
    assert r.status_code == 415
    r = writer.post("/api/documents", json={"body": "Paris.", "format": "docx"}, headers=AUTH)
    assert r.status_code == 422 and "unknown format" in r.json()["detail"]
    r = writer.post(
        "/api/documents", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"}
    )
    assert r.status_code == 422
    r = writer.post("/api/documents", json={"body": "   "}, headers=AUTH)
    assert r.status_code == 400 and r.json()["error"] == "EmptyDocument"


NEW_ARTICLE = (
    "SPRINGFIELD, Ohio — Crews reopened the Mad River bridge in Springfield on 20 March 2023, "
    "Mayor Jane Roe said.\n\n"
    "Engineers from Columbus said the new deck could carry 40 tonnes."
)


@pytest.mark.slow
@pytest.mark.usefixtures("nlp")
def test_api_post_adds_a_document_that_shows_in_the_timeline(writer: TestClient) -> None:
    r = writer.post(
        "/api/documents",
        content=NEW_ARTICLE.encode(),
        params={"title": "Bridge reopens", "published": "2023-03-21"},
        headers={**AUTH, "Content-Type": "text/plain"},
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    assert body["added"] == 1 and body["documents"][0]["title"] == "Bridge reopens"
    new_id = body["documents"][0]["id"]
    assert new_id in [d["id"] for d in writer.get("/api/documents").json()]
    days = writer.get("/api/timeline").json()
    dated = [
        (d["date"], e) for d in days for e in d["events"] if any(x["doc"] == new_id for x in e["evidence"])
    ]
    assert any(date == "2023-03-20" for date, _ in dated), days
    assert writer.get("/api/search", params={"q": "reopened"}).json()["hits"][0]["doc"] == new_id
    again = writer.post("/api/documents", json={"body": NEW_ARTICLE, "title": "Bridge reopens"}, headers=AUTH)
    assert again.status_code == 201 and again.json()["added"] == 0 and again.json()["skipped"] == 1


@pytest.mark.slow
@pytest.mark.usefixtures("nlp")
def test_api_post_markdown_and_html_bodies(writer: TestClient) -> None:
    md = "---\ntitle: Mad River notes\n---\n\n# Notes\n\nThe bridge in Springfield reopened on 20 March 2023."
    r = writer.post("/api/documents", json={"body": md, "format": "markdown"}, headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["documents"][0]["title"] == "Mad River notes"
    html = (
        "<html><head><title>Bridge &lt;b&gt;news</title></head><body><article><h1>Bridge news</h1>"
        "<p>The bridge in Springfield reopened on 20 March 2023 after repairs that took six days, officials "
        "said on Tuesday.</p><script>alert(1)</script></article></body></html>"
    )
    r = writer.post(
        "/api/documents",
        content=html.encode(),
        headers={**AUTH, "Content-Type": "text/html"},
        params={"url": "https://example.org/bridge"},
    )
    assert r.status_code == 201, r.text
    doc = writer.get(f"/api/documents/{r.json()['documents'][0]['id']}").json()
    assert "reopened on 20 March 2023" in doc["text"] and "alert(1)" not in doc["text"]
    assert doc["url"] == "https://example.org/bridge" and doc["href"] == "https://example.org/bridge"


# -- the command -----------------------------------------------------------------------------


def test_api_serve_command_help_and_missing_database(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dossier.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--token", "--max-post-bytes"):
        assert option in result.output
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")], env={"DOSSIER_TOKEN": ""})
    assert result.exit_code == 1 and "no such dossier database" in result.output


def test_api_settings_default_to_loopback_and_the_token_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_TOKEN", "from-env")
    settings = WebSettings()
    assert (settings.host, settings.port, settings.token) == ("127.0.0.1", 8000, "from-env")
    assert settings.writable
    monkeypatch.delenv("DOSSIER_TOKEN")
    assert not WebSettings().writable
