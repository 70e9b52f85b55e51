"""URL ingestion: timeouts, size caps, and no reaching into private networks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from dossier.errors import FetchError, TooLarge
from dossier.ingest import IngestOptions, iter_sources, read_source
from dossier.ingest.fetch import address_problem, fetch
from dossier.models import Document
from tests.ingest.test_readers import ENGLISH

PAGE = f"<html><head><title>Local page</title></head><body><article><p>{ENGLISH}</p><p>{ENGLISH}</p></article></body></html>"


@pytest.mark.parametrize(
    ("address", "words"),
    [("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.9", "private"),
     ("172.16.5.5", "private"), ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
     ("::ffff:127.0.0.1", "loopback"), ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast")],
)
def test_non_public_addresses_are_named(address: str, words: str) -> None:
    assert words in (address_problem(address) or "")


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    assert address_problem(address) is None


def public(host: str, port: int) -> list[str]:
    return ["93.184.216.34"]


def test_requests_are_pinned_to_the_checked_address_with_the_original_host() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, headers={"Content-Type": "text/html; charset=utf-8"}, content=PAGE.encode())

    source = fetch("https://news.example/story?id=1", max_bytes=10**6, resolver=public,
                   transport=httpx.MockTransport(handler))
    assert source.path == "https://news.example/story?id=1" and source.format_hint == "html"
    assert seen[0].url.host == "93.184.216.34" and seen[0].headers["Host"] == "news.example"
    assert seen[0].extensions["sni_hostname"] == "news.example"


def test_a_redirect_to_the_metadata_service_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    def resolver(host: str, port: int) -> list[str]:
        return ["169.254.169.254"] if host.startswith("169.") else ["93.184.216.34"]

    with pytest.raises(FetchError, match="link-local"):
        fetch("https://news.example/", max_bytes=10**6, resolver=resolver, transport=httpx.MockTransport(handler))


def test_a_dns_answer_with_any_private_address_is_refused() -> None:
    with pytest.raises(FetchError, match="private"):
        fetch("https://rebind.example/", max_bytes=10**6, resolver=lambda h, p: ["93.184.216.34", "10.0.0.7"],
              transport=httpx.MockTransport(lambda r: httpx.Response(200)))


def test_oversize_bodies_http_errors_redirect_loops_and_schemes_are_refused() -> None:
    big = httpx.MockTransport(lambda r: httpx.Response(200, content=b"x" * 5000))
    with pytest.raises(TooLarge, match="size limit"):
        fetch("https://a.example/", max_bytes=1000, resolver=public, transport=big)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch("https://a.example/", max_bytes=1000, resolver=public, transport=httpx.MockTransport(lambda r: httpx.Response(404)))
    loop = httpx.MockTransport(lambda r: httpx.Response(301, headers={"Location": "/again"}))
    with pytest.raises(FetchError, match="redirects"):
        fetch("https://a.example/", max_bytes=1000, resolver=public, transport=loop)
    redirect_to_file = httpx.MockTransport(lambda r: httpx.Response(302, headers={"Location": "file:///etc/passwd"}))
    with pytest.raises(FetchError, match="only http and https"):
        fetch("https://a.example/", max_bytes=1000, resolver=public, transport=redirect_to_file)


@pytest.fixture
def local_server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/story.html"
    server.shutdown()
    server.server_close()


def test_a_local_server_is_refused_by_default_and_read_when_allowed(local_server: str) -> None:
    (refusal,) = list(iter_sources([local_server]))
    assert isinstance(refusal, FetchError) and "loopback" in refusal.reason and "--allow-private" in refusal.reason
    (source,) = list(iter_sources([local_server], IngestOptions(allow_private=True)))
    (document,) = read_source(source)
    assert isinstance(document, Document)
    assert document.url == local_server and "Officials said the work would take two years" in document.text
