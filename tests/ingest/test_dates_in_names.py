"""Publication dates written in file names and URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.ingest import read_path
from dossier.ingest.dates import date_in_name, is_iso_date
from tests.ingest.test_readers import ENGLISH


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("/crawl/32_VOA_EN_NW_2014.06.04.1929720.txt", "2014-06-04"),
        ("https://news.example.org/world/2022/11/11/troops-enter-city", "2022-11-11"),
        ("scraped/report_1999_12_31.html", "1999-12-31"),
        ("a-2021-3-7-b.md", "2021-03-07"),
    ],
)
def test_a_full_date_in_the_name_is_read(path: str, value: str) -> None:
    found = date_in_name(path)
    assert found is not None and found[0] == value


@pytest.mark.parametrize(
    "path",
    [
        "notes-v1.2.3.txt",  # a version, not a date
        "release-2.2019.10.1.txt",  # inside a longer dotted number
        "2014.13.01.txt",  # no month 13
        "2023-02-30.txt",  # no 30 February
        "20140604.txt",  # no separators: too often an id
        "2014-06.04.txt",  # two different separators
        "2022-11-11/page.txt",  # a folder's date is when it was saved, not the document's
        "https://example.org/page?id=2022-11-11",  # a query, not the URL's path
    ],
)
def test_no_date_is_made_up_from_other_numbers(path: str) -> None:
    assert date_in_name(path) is None


@given(st.text(max_size=60))
def test_any_name_gives_nothing_or_a_real_calendar_date(name: str) -> None:
    found = date_in_name(name)
    assert found is None or is_iso_date(found[0])


def test_a_document_without_a_date_takes_the_one_in_its_file_name(tmp_path: Path) -> None:
    path = tmp_path / "VOA_EN_NW_2014.06.04.1929720.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    doc = read_path(path)
    assert (doc.published.value, doc.published.basis) == ("2014-06-04", "metadata")
    assert "file name" in (doc.published.explanation or "")
    plain = tmp_path / "report.txt"
    plain.write_text(ENGLISH, encoding="utf-8")
    assert read_path(plain).published.value is None
