from __future__ import annotations

from pathlib import Path

import pytest

import dossier


@pytest.mark.slow
def test_a_sentence_with_two_dates_gives_two_events_with_distinct_ids(tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(
        "The city reopened the old bridge on 20 March 2023, a week after the council approved the repairs "
        "on 13 March 2023, officials said.\n\nThe mayor said the repairs cost about 2 million dollars."
    )
    db = tmp_path / "d.db"
    report = dossier.build([str(path)], db=db)
    assert report.ok
    with dossier.open(db) as d:
        events = d.export()["events"]
    ids = [e["id"] for e in events]
    assert len(ids) == len(set(ids))
    assert {"2023-03-20", "2023-03-13"} <= {e["date"]["value"] for e in events}
