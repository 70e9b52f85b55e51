"""The seeds end to end: build → export → validate → score against the gold.

The floors below are the figures measured when each part landed; they only ratchet up
(raise them when a change measures better, never lower them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import dossier
from dossier.present.export import validate_export
from tests.conftest import NBC_SEED, SEEDS

pytestmark = pytest.mark.slow

#: score.py figures on the seeds that must hold (issue floors, raised as parts land)
FLOORS: dict[tuple[str, str], float] = {
    # measured 2026-11-23 on the whole pipeline (issue floors in comments)
    ("timex", "value_f1"): 0.94,  # issue 3: >= 0.90
    ("events", "dated_recall"): 1.0,  # issue 6: >= 0.85
    ("events", "multi_source_recall"): 1.0,  # issue 6: >= 0.8
    ("places", "accuracy_at_tolerance"): 1.0,  # issue 4: >= 0.9
    ("claims", "value_recall"): 1.0,  # issue 5: >= 0.9
    ("claims", "value_and_source_recall"): 1.0,  # issue 5: >= 0.85
    ("quotes", "recall"): 1.0,  # issue 5: >= 0.9
    ("quotes", "speaker_accuracy"): 1.0,  # issue 5: >= 0.9
    ("conflicts", "recall"): 1.0,  # issue 6: 1.0
    ("aliases", "merge_recall"): 1.0,  # issue 6: >= 0.8
}
CEILINGS: dict[tuple[str, str], float] = {
    ("aliases", "false_merges"): 0,
}


def test_export_follows_the_contract(seeds_export: dict[str, Any]) -> None:
    validate_export(seeds_export)
    assert seeds_export["schema"] == "dossier.export/1"
    assert {Path(d["path"]).name for d in seeds_export["documents"]} == {p.name for p in SEEDS.iterdir()}


def test_every_fact_points_at_its_own_text(seeds_export: dict[str, Any]) -> None:
    texts = {d["id"]: d["text"] for d in seeds_export["documents"]}
    spans = [m for e in seeds_export["entities"] for m in e["mentions"]]
    spans += [x for e in seeds_export["events"] for x in e["evidence"]]
    for part in ("timexes", "claims", "quotes"):
        spans += seeds_export[part]
    assert len(spans) > 100
    for span in spans:
        assert texts[span["doc"]][span["start"] : span["end"]] == span["text"], span


def test_event_mentions_point_into_their_sentences_and_name_known_entities(
    seeds_export: dict[str, Any],
) -> None:
    texts = {d["id"]: d["text"] for d in seeds_export["documents"]}
    entities = {e["id"] for e in seeds_export["entities"]}
    events = {e["id"] for e in seeds_export["events"]}
    mentions = seeds_export["event_mentions"]
    assert len(mentions) > 100
    for m in mentions:
        assert texts[m["doc"]][m["start"] : m["end"]] == m["text"], m
        assert m["sentence"][0] <= m["start"] < m["end"] <= m["sentence"][1], m
        assert set(m["participants"]) <= entities and (m["event"] is None or m["event"] in events), m
    dated = [m for m in mentions if m["date"]]
    assert len(dated) > 50 and {m["date_basis"] for m in dated} <= {"timex", "story", "tense", "narrative"}
    # the same happening told by both seeds is one cross-document cluster
    docs_by_cluster: dict[str, set[str]] = {}
    for m in mentions:
        docs_by_cluster.setdefault(m["cluster"], set()).add(m["doc"])
    assert any(len(d) == 2 for d in docs_by_cluster.values())


def test_nbc_boilerplate_is_gone_and_article_sentences_kept(seeds_export: dict[str, Any]) -> None:
    (nbc,) = [d for d in seeds_export["documents"] if d["path"].endswith(NBC_SEED.name)]
    text = nbc["text"]
    for junk in ["IE 11 is not supported", "Get more news", "Telegram\n", "Twitter\n", "via Getty Images",
                 "Ukrainian army continue to support its units"]:
        assert junk not in text + "\n", junk
    for sentence in [
        "Ukrainian forces swept into the key southern city of Kherson on Friday",
        "Russia is firing a staggering 20,000 artillery rounds per day, according to a senior U.S. defense official",
        "Marc Smith reported from Mykolaiv",
        "'A major blow'",
        "Mykolaiv attack",
    ]:
        assert sentence in text, sentence
    assert nbc["title"] == "Ukrainian forces enter Kherson as Russia completes retreat from key southern city"


def test_wikipedia_front_matter_is_metadata_not_text(seeds_export: dict[str, Any]) -> None:
    (wiki,) = [d for d in seeds_export["documents"] if d["kind"] == "encyclopedia"]
    assert wiki["title"] == "Liberation of Kherson" and wiki["outlet"] == "Wikipedia"
    assert not wiki["text"].startswith("---") and "infoboxes" not in wiki["text"]
    assert "##" not in wiki["text"] and "**" not in wiki["text"]


def test_rebuilding_stores_nothing_twice(seeds_db: Path, tmp_path: Path) -> None:
    with dossier.open(seeds_db) as d:
        before = d.info()["counts"]
    report = dossier.build([str(SEEDS)], db=seeds_db)
    assert (report.added, report.skipped) == (0, 2)
    with dossier.open(seeds_db) as d:
        assert d.info()["counts"] == before


def test_a_changed_file_becomes_a_new_version(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    db = tmp_path / "v.db"
    path.write_text("The council met on Tuesday. It approved the new bridge over the river.")
    dossier.build([str(path)], db=db)
    path.write_text("The council met on Tuesday. It rejected the new bridge over the river.")
    report = dossier.build([str(path)], db=db)
    assert (report.added, report.versions) == (1, 1)
    with dossier.open(db) as d:
        export = d.export()
    assert [doc["text"] for doc in export["documents"]] == [path.read_text()]


@pytest.mark.parametrize(("part", "figure"), sorted(FLOORS))
def test_seed_scores_hold_their_floors(seeds_score: dict[str, Any], part: str, figure: str) -> None:
    assert seeds_score[part][figure] >= FLOORS[(part, figure)], seeds_score[part]


def test_the_undated_news_article_gets_its_inferred_date(seeds_score: dict[str, Any]) -> None:
    assert seeds_score["published_accuracy"] == 1.0  # issue 3


@pytest.mark.parametrize(("part", "figure"), sorted(CEILINGS))
def test_seed_errors_stay_under_their_ceilings(seeds_score: dict[str, Any], part: str, figure: str) -> None:
    assert seeds_score[part][figure] <= CEILINGS[(part, figure)], seeds_score[part]


def test_gold_sentences_are_all_found_in_the_export(seeds_score: dict[str, Any]) -> None:
    assert seeds_score["documents_matched"] == 2
    assert seeds_score["unlocated_gold_items"] == 0, seeds_score["unlocated_examples"]
