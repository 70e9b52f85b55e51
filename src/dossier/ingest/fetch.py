"""Fetching sources named by URL, safely.

A URL given to ``dossier build`` is fetched with timeouts and a size cap, and refused when
its host resolves to an address that is not on the public internet — loopback, private,
link-local (cloud metadata services live there), multicast, reserved — unless the user
allows private addresses. The check is made on every hop of a redirect chain, on the
addresses DNS actually answered, and the connection is pinned to the checked address (the
request goes to that IP, with the original Host header and TLS server name), so a DNS
answer that changes between check and connect cannot slip through.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from dossier import __version__
from dossier.errors import FetchError, TooLarge
from dossier.models import Source

#: seconds to connect, and for the whole download
CONNECT_TIMEOUT = 10.0
TOTAL_TIMEOUT = 60.0
MAX_REDIRECTS = 5
USER_AGENT = f"dossier/{__version__} (event dossier builder)"

Resolver = Callable[[str, int], list[str]]

#: content types and the reader each goes to
_FORMATS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "application/jsonl": "jsonl",
    "application/x-ndjson": "jsonl",
}


def is_url(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def resolve(host: str, port: int) -> list[str]:
    """Every address DNS gives for ``host``."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def address_problem(address: str) -> str | None:
    """Why an address may not be fetched from by default, or None when it is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for attribute, name in (
        ("is_unspecified", "an unspecified"),
        ("is_loopback", "a loopback"),
        ("is_link_local", "a link-local (cloud metadata)"),
        ("is_multicast", "a multicast"),
        ("is_private", "a private"),
        ("is_reserved", "a reserved"),
    ):
        if getattr(ip, attribute):
            return f"{name} address ({address})"
    return None if ip.is_global else f"a non-public address ({address})"


def fetch(
    url: str,
    *,
    max_bytes: int,
    allow_private: bool = False,
    resolver: Resolver = resolve,
    transport: httpx.BaseTransport | None = None,
) -> Source:
    """Download ``url`` into a ``Source``, following redirects hop by hop.

    Args:
        url: an http(s) URL.
        max_bytes: refuse bodies larger than this.
        allow_private: allow loopback, private and link-local addresses.
        resolver: host, port -> addresses (tests pass their own).
        transport: an httpx transport (tests pass ``httpx.MockTransport``).

    Raises:
        FetchError: refused address, HTTP error, timeout, too many redirects.
        TooLarge: the body is over ``max_bytes``.
    """
    deadline = time.monotonic() + TOTAL_TIMEOUT
    timeout = httpx.Timeout(CONNECT_TIMEOUT, read=CONNECT_TIMEOUT * 2)
    with httpx.Client(
        transport=transport, timeout=timeout, follow_redirects=False, trust_env=False
    ) as client:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            response_url, status, headers, body = _get(
                client, current, url, max_bytes, allow_private, resolver, deadline
            )
            if status in (301, 302, 303, 307, 308) and "location" in headers:
                current = urljoin(current, headers["location"])
                continue
            if status >= 400:
                raise FetchError(url, f"the server answered HTTP {status}")
            ctype = headers.get("content-type", "").split(";", 1)[0].strip().lower()
            return Source(path=response_url, content=body, format_hint=_FORMATS.get(ctype))
    raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")


def _get(
    client: httpx.Client,
    url: str,
    original: str,
    max_bytes: int,
    allow_private: bool,
    resolver: Resolver,
    deadline: float,
) -> tuple[str, int, dict[str, str], bytes]:
    """One request, pinned to a checked address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(original, f"only http and https URLs can be fetched, not {url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = resolver(parts.hostname, port)
    except (OSError, UnicodeError) as exc:
        raise FetchError(original, f"the host {parts.hostname!r} could not be resolved ({exc})") from exc
    if not addresses:
        raise FetchError(original, f"the host {parts.hostname!r} has no address")
    if not allow_private:
        for address in addresses:
            problem = address_problem(address)
            if problem:
                raise FetchError(
                    original,
                    f"refused: {parts.hostname} resolves to {problem}; use --allow-private to fetch it",
                )
    address = addresses[0]
    host = f"[{address}]" if ":" in address else address
    pinned = urlunsplit((parts.scheme, f"{host}:{port}", parts.path or "/", parts.query, ""))
    request = client.build_request(
        "GET",
        pinned,
        headers={"Host": parts.netloc.rsplit("@", 1)[-1], "User-Agent": USER_AGENT},
        extensions={"sni_hostname": parts.hostname} if parts.scheme == "https" else {},
    )
    try:
        response = client.send(request, stream=True)
    except httpx.HTTPError as exc:
        raise FetchError(original, f"the download failed: {exc}") from exc
    try:
        body = bytearray()
        for chunk in response.iter_bytes():
            body.extend(chunk)
            if len(body) > max_bytes:
                raise TooLarge(original, f"the page is over the size limit of {max_bytes:,} bytes")
            if time.monotonic() > deadline:
                raise FetchError(original, f"the download took longer than {TOTAL_TIMEOUT:.0f} s")
        return url, response.status_code, {k.lower(): v for k, v in response.headers.items()}, bytes(body)
    except httpx.HTTPError as exc:
        raise FetchError(original, f"the download failed: {exc}") from exc
    finally:
        response.close()
