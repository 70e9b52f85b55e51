"""The hostile folder, built into a dossier, runs nothing in a real browser: neither in the
static report nor in the served UI (Debian Chromium driven headless, as in
tests/present/test_browser.py, whose fixtures this reuses)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import dossier
from dossier.present.web.load import LiveServer
from tests.present.test_browser import browser, chromium, css, severe_logs, shot, wait_for  # noqa: F401

pytestmark = pytest.mark.slow

HOSTILE = Path(__file__).parent / "hostile"
#: markup-bearing cases: scripts, handlers, javascript: URLs, entities, titles with HTML
CASES = ["scripts.html", "entities.html", "rtl_mixed.md", "controls.txt", "zero_width_bidi.txt", "wrong_types.jsonl"]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("hostile-browser") / "hostile.db"
    report = dossier.build([str(HOSTILE / name) for name in CASES], db=db)
    assert report.added >= 3
    return db


def assert_nothing_ran(driver: Any) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert not css(driver, "iframe") and not css(driver, "svg[onload]") and not css(driver, "[onerror]")
    assert not [a for a in css(driver, "a") if (a.get_attribute("href") or "").startswith("javascript:")]
    assert severe_logs(driver) == []


def test_hostile_folder_report_runs_nothing(browser: Any, hostile_db: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "hostile-report.html"
    with dossier.open(hostile_db) as d:
        d.report(out)
    browser.get(out.as_uri())
    wait_for(browser, lambda drv: css(drv, "a.docref"))
    for link in css(browser, "a.docref")[:6]:  # open every document in the viewer
        browser.execute_script("arguments[0].click()", link)
        wait_for(browser, lambda drv: css(drv, "article.doc.open"))
    assert "Flood in Springfield" in browser.page_source
    shot(browser, "hostile-folder-report.png")
    assert_nothing_ran(browser)


def test_hostile_folder_served_ui_runs_nothing(browser: Any, hostile_db: Path) -> None:  # noqa: F811
    server = LiveServer(str(hostile_db), token="hostile-test-token")
    try:
        browser.get(server.url + "/")
        wait_for(browser, lambda drv: css(drv, "a.docref"))
        for link in css(browser, "a.docref")[:6]:
            browser.execute_script("arguments[0].click()", link)
            wait_for(browser, lambda drv: css(drv, "article.doc.open"))
        shot(browser, "hostile-folder-served.png")
        assert_nothing_ran(browser)
    finally:
        server.stop()
