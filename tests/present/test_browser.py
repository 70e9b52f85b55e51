"""The report and the served UI in a real browser: Debian's Chromium, headless, driven by
Selenium through the system chromedriver (no browser is ever downloaded).

The set-up installs ``chromium`` and ``chromium-driver`` with apt when they are missing (CI
is a fresh machine; we are root there); if that fails the tests fail, they never skip.
Screenshots go to ``$DOSSIER_SHOTS`` (default ``/tmp/dossier-shots``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.api import Dossier
from dossier.present.report import render_report
from dossier.store import MemoryStore, SQLiteStore
from tests.present.builders import fill

SHOTS = Path(os.environ.get("DOSSIER_SHOTS", "/tmp/dossier-shots"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,1000",
    # nothing resolves but the loopback address: the pages must work without a network
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
#: TimelineJS3 3.9.11 from npm (MPL-2.0), for the tests only
TIMELINEJS = Path(__file__).parent / "assets" / "timelinejs"
WAIT = 10  # seconds any one page state may take to appear


def _binaries() -> tuple[str | None, str | None]:
    return shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture(scope="session")
def chromium() -> tuple[str, str]:
    """Paths of Debian's chromium and chromedriver, installed with apt if missing."""
    browser, driver = _binaries()
    if browser and driver:
        return browser, driver
    command = (
        "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver"
    )
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=900)
    browser, driver = _binaries()
    if result.returncode != 0 or not (browser and driver):
        pytest.fail(
            "the browser tests need Debian's chromium and chromium-driver, and installing them failed "
            f"(`{command}` exited {result.returncode}):\n{result.stderr[-2000:]}",
            pytrace=False,
        )
    return str(browser), str(driver)


@pytest.fixture(scope="module")
def browser(chromium: tuple[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never fetch anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium[0]
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=chromium[1]), options=options)
    driver.set_page_load_timeout(30)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def wait_for(driver: Any, condition: Any) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT).until(condition)


def css(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)  # type: ignore[no-any-return]


def click(driver: Any, element: Any) -> None:
    """Scroll the element clear of the sticky header, then click it as a person would."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def severe_logs(driver: Any) -> list[dict[str, Any]]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def shot(driver: Any, name: str) -> Path:
    path = SHOTS / name
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    return path


def check_click_highlights_evidence(driver: Any, prefix: str) -> None:
    """Click a timeline entry: the viewer opens its document with the evidence sentence highlighted."""
    link = css(driver, ".event .summary a.ref")[0]
    anchors = link.get_attribute("data-s").split()
    click(driver, link)
    highlighted = wait_for(driver, lambda d: [e for e in css(d, ".s.hl") if e.is_displayed()])
    assert [e.get_attribute("id") for e in highlighted] == anchors
    evidence = css(driver, ".event ul a.ref")[0].text.split(": ", 1)[1]
    assert highlighted[0].text.strip()[:40] == evidence.strip()[:40]
    assert css(driver, "#viewer")[0].is_displayed()
    shot(driver, f"{prefix}-evidence.png")
    click(driver, css(driver, "#viewer-close")[0])
    wait_for(driver, lambda d: not css(d, "#viewer")[0].is_displayed())


def search(driver: Any, query: str) -> list[Any]:
    box = css(driver, "#search input")[0]
    box.clear()
    box.send_keys(query)
    css(driver, "#search button")[0].click()
    wait_for(driver, lambda d: css(d, "#search-results")[0].is_displayed())
    return css(driver, "#search-results li.hit")


# -- the static report --------------------------------------------------------------------


@pytest.mark.slow
def test_browser_report_timeline_map_click_and_search(browser: Any, seeds_db: Path, tmp_path: Path) -> None:
    import dossier

    with dossier.open(seeds_db) as d:
        path = d.report(tmp_path / "seeds.html")
        events, places = len(d.export()["events"]), sum(1 for e in d.export()["entities"] if e["geo"])
    browser.get(path.as_uri())
    entries = wait_for(browser, lambda d: css(d, ".event"))
    assert len(entries) == events >= 10
    assert "11 November 2022" in css(browser, "#timeline")[0].text
    shot(browser, "report-timeline.png")

    markers = css(browser, "path.place-marker")
    assert len(markers) == places >= 10
    labels = [e.get_attribute("textContent") for e in css(browser, ".place-label")]
    assert "Kherson" in labels and sum(e.is_displayed() for e in css(browser, ".place-label")) >= 5
    assert len(css(browser, ".leaflet-overlay-pane path")) > len(markers)  # the graticule is drawn too
    assert css(browser, ".leaflet-overlay-pane canvas")  # coastlines and borders, offline
    click(browser, css(browser, "#map")[0])
    shot(browser, "report-map.png")

    check_click_highlights_evidence(browser, "report")

    hits = search(browser, "Zelenskyy")
    assert len(hits) >= 3 and all("zelenskyy" in h.text.lower() for h in hits)
    click(browser, hits[0].find_element("css selector", "a.ref"))
    highlighted = wait_for(browser, lambda d: [e for e in css(d, ".s.hl") if e.is_displayed()])
    assert "Zelenskyy" in highlighted[0].text
    shot(browser, "report-search.png")
    assert severe_logs(browser) == []


def test_browser_hostile_document_runs_nothing(browser: Any, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    path = tmp_path / "hostile.html"
    path.write_text(render_report(Dossier(fill(MemoryStore()))), encoding="utf-8")
    browser.get(path.as_uri())
    wait_for(browser, lambda d: css(d, "path.place-marker"))
    click(browser, css(browser, "a.docref")[0])
    wait_for(browser, lambda d: css(d, "article.doc.open"))
    assert browser.execute_script("return window.__pwned") is None
    labels = css(browser, ".place-label")
    assert 'Ohio<img src=x onerror="window.__pwned = 5">' in [e.get_attribute("textContent") for e in labels]
    assert not css(browser, "#map img") and not css(browser, "img")  # the name stayed text
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    viewer = css(browser, "article.doc.open")[0].text
    assert (
        "<script>window.__pwned = 3</script>" in viewer and 'href="javascript:window.__pwned = 4"' in viewer
    )
    shot(browser, "hostile.png")
    assert severe_logs(browser) == []


# -- TimelineJS --------------------------------------------------------------------------


def test_browser_timelinejs_loads_our_export_as_is(browser: Any, tmp_path: Path) -> None:
    """TimelineJS3 itself renders the ``timelinejs`` export: a title slide and one per event,
    document text shown as text."""
    for name in ("timeline.js", "timeline.css"):
        shutil.copy(TIMELINEJS / name, tmp_path / name)
    data = Dossier(fill(MemoryStore())).render("timelinejs")
    (tmp_path / "data.js").write_text(f"window.DATA = {data};", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="timeline.css"></head>'
        '<body><div id="tl" style="width:1200px;height:650px"></div>'
        '<script src="timeline.js"></script><script src="data.js"></script>'
        '<script>window.timeline = new TL.Timeline("tl", window.DATA, {hash_bookmark: false, font: ""});'
        "</script>"
        "</body></html>",
        encoding="utf-8",
    )
    browser.get((tmp_path / "index.html").as_uri())
    slides = wait_for(browser, lambda d: len(css(d, ".tl-slide")) >= 4 and css(d, ".tl-slide"))
    assert len(slides) == 4  # the title and three events
    assert not css(browser, ".tl-message-full")  # TimelineJS's own error screen
    headlines = [e.get_attribute("textContent") for e in css(browser, ".tl-slide .tl-headline")]
    assert "The old bridge over the Mad River collapsed." in headlines
    assert "Engineers from Columbus inspected the site <script>x</script>" in headlines
    assert not css(browser, "#tl script, #tl img")
    assert browser.execute_script("return window.__pwned") is None
    shot(browser, "timelinejs.png")
    # only the icon font we did not copy is missing; nothing else failed
    assert all("tl-icons" in e["message"] for e in severe_logs(browser))


# -- the served UI ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(seeds_db: Path) -> Iterator[str]:
    """``dossier serve``'s app on 127.0.0.1 and a free port, in a background thread."""
    import uvicorn

    from dossier.present.web import WebSettings, create_app

    store = SQLiteStore(seeds_db, read_only=True)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(store, WebSettings(token=None)), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()
    assert not thread.is_alive()


@pytest.mark.slow
def test_browser_served_ui_timeline_click_and_search(browser: Any, served: str) -> None:
    browser.get(served)
    entries = wait_for(browser, lambda d: css(d, ".event"))
    assert len(entries) >= 10 and css(browser, "body")[0].get_attribute("data-live") == "1"
    assert len(css(browser, "path.place-marker")) >= 10
    check_click_highlights_evidence(browser, "served")

    hits = search(browser, "Kherson AND bridge")
    assert len(hits) >= 1
    assert all("kherson" in h.text.lower() and "bridge" in h.text.lower() for h in hits)
    shot(browser, "served-search.png")
    click(browser, hits[0].find_element("css selector", "a.ref"))
    highlighted = wait_for(browser, lambda d: [e for e in css(d, ".s.hl") if e.is_displayed()])
    assert "bridge" in highlighted[0].text.lower()

    search(browser, '"unbalanced')
    error = wait_for(browser, lambda d: css(d, "#search-results .error"))
    assert "bad search query" in error[0].text
    shot(browser, "served-search-error.png")
    # the failed search was answered 400, which Chromium logs; nothing else may be severe
    assert all("400" in e["message"] for e in severe_logs(browser))


@pytest.mark.slow
def test_browser_api_docs_render_with_no_network(browser: Any, served: str) -> None:
    """The Swagger UI pages come from the server itself (the browser resolves nothing else)."""
    browser.get(served + "docs")
    operations = wait_for(browser, lambda d: css(d, ".opblock-summary-path"))
    paths = {e.get_attribute("data-path") or e.text for e in operations}
    assert {"/api/timeline", "/api/search", "/api/documents"} <= paths
    click(browser, operations[0])
    wait_for(browser, lambda d: css(d, ".opblock.is-open"))
    shot(browser, "api-docs.png")
    assert severe_logs(browser) == []
