"""A bounded load run against a live ``dossier serve``: readers and one writer at once.

Used by ``benchmarks/load.py`` (the figures) and ``tests/trust/test_load.py`` (the promise:
no 5xx answers, every added document present afterwards). Traffic goes only to the address
given, which the callers keep on loopback; every loop stops by itself after ``seconds``.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

#: what the readers ask for, in turn
READ_PATHS = ("/api/timeline", "/api/entities", "/api/search?q=forces", "/api/claims", "/api/places")


@dataclass(slots=True)
class LoadReport:
    seconds: float
    readers: int
    requests: int = 0
    errors_5xx: int = 0
    other_errors: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    posted: list[str] = field(default_factory=list)
    """Ids of the documents the writer added."""
    write_latencies_ms: list[float] = field(default_factory=list)

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[int(q) - 1]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def document_text(i: int) -> str:
    """A distinct small news story for the writer to post."""
    return (
        f"Harbour town {i} reopens after storm\n\n"
        f"The harbour of Port Example {i} reopened on Tuesday after a storm closed it for {i % 9 + 2} days, "
        f"officials said. About {100 + i} boats had stayed in port, and the harbour master said that "
        f"crews worked through the night number {i} to clear the channel of debris and wreckage."
    )


async def _reader(client: httpx.AsyncClient, report: LoadReport, deadline: float, offset: int) -> None:
    i = offset
    while time.monotonic() < deadline:
        path = READ_PATHS[i % len(READ_PATHS)]
        i += 1
        started = time.perf_counter()
        try:
            response = await client.get(path)
        except httpx.HTTPError:
            report.other_errors += 1
            continue
        report.latencies_ms.append((time.perf_counter() - started) * 1000)
        report.requests += 1
        if response.status_code >= 500:
            report.errors_5xx += 1
        elif response.status_code >= 400:
            report.other_errors += 1


async def _writer(client: httpx.AsyncClient, report: LoadReport, deadline: float, token: str) -> None:
    i = 0
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            response = await client.post(
                "/api/documents", content=document_text(i).encode(), params={"title": f"Harbour {i}"},
                headers={"Authorization": f"Bearer {token}", "Content-Type": "text/plain"}, timeout=120,
            )
        except httpx.HTTPError:
            report.other_errors += 1
            continue
        i += 1
        report.write_latencies_ms.append((time.perf_counter() - started) * 1000)
        if response.status_code >= 500:
            report.errors_5xx += 1
        elif response.status_code == 201 or response.status_code == 200:
            report.posted.extend(d["id"] for d in response.json()["documents"])
        else:
            report.other_errors += 1


async def run_load(base_url: str, token: str, *, readers: int = 50, seconds: float = 60.0) -> LoadReport:
    """``readers`` concurrent clients reading for ``seconds`` while one client adds documents."""
    report = LoadReport(seconds=seconds, readers=readers)
    limits = httpx.Limits(max_connections=readers + 2, max_keepalive_connections=readers + 2)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60, trust_env=False) as client:
        deadline = time.monotonic() + seconds
        tasks = [_reader(client, report, deadline, n) for n in range(readers)]
        tasks.append(_writer(client, report, deadline, token))
        await asyncio.gather(*tasks)
    return report


def missing_documents(base_url: str, ids: list[str]) -> list[str]:
    """The posted ids the server does not list afterwards."""
    with httpx.Client(base_url=base_url, timeout=60, trust_env=False) as client:
        listed: Any = client.get("/api/documents").json()
    present = {d["id"] for d in listed}
    return [i for i in ids if i not in present]


class LiveServer:
    """``dossier serve`` in a subprocess on 127.0.0.1 and a free port, until ``stop``."""

    def __init__(self, db: str, token: str, *, port: int | None = None) -> None:
        import socket
        import subprocess
        import sys

        if port is None:
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dossier", "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port),
             "--token", token],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dossier serve exited: {self.process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                if httpx.get(f"{self.url}/api/documents", timeout=2, trust_env=False).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("dossier serve did not answer within 120 s")

    def stop(self) -> str:
        """Stop the server; return what it wrote to stderr."""
        self.process.terminate()
        try:
            _, err = self.process.communicate(timeout=30)
        except Exception:
            self.process.kill()
            _, err = self.process.communicate()
        return err.decode(errors="replace") if err else ""
