from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import EXIT_REFUSED, app
from dossier.present.export import validate_export

runner = CliRunner()
TEXT = (
    "Springfield, Ohio — The city council voted on Tuesday to rebuild the old bridge over the Mad River. "
    "Mayor Jane Roe said the work would begin in March and cost about 12 million dollars.\n\n"
    "Residents told the Springfield News-Sun that traffic had been bad for months."
)


@pytest.mark.parametrize("command", [[], ["build"], ["relink"], ["export"], ["report"], ["info"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


@pytest.mark.slow
def test_build_export_report_info(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TEXT)
    db = tmp_path / "d.db"
    result = runner.invoke(app, ["build", str(src), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output and "linking" not in result.output

    (src / "b.txt").write_text(TEXT.replace("Springfield", "Shelbyville"))
    result = runner.invoke(app, ["build", str(src), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "linking 2 documents" in result.output and "1 added" in result.output
    result = runner.invoke(app, ["build", str(src), "--db", str(db)])  # nothing new: no link stage
    assert "linking" not in result.output and "0 added" in result.output

    out = tmp_path / "x.json"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    validate_export(data)
    assert data["documents"][0]["text"] == TEXT

    result = runner.invoke(app, ["report", "--db", str(db), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0
    assert "Springfield" in (tmp_path / "r.html").read_text()

    result = runner.invoke(app, ["info", "--db", str(db)])
    assert result.exit_code == 0 and "documents" in result.output


STORIES = [
    "Lutsk — Mayor Anna Kovalenko opened the new Riverside Bridge on Friday, the city said.",
    "Varna — The Harbour Authority closed the port of Varna on Monday after a storm hit the coast.",
    "Tunis — Farid Haddad won the national chess final on Sunday, beating the champion.",
    "Quito — The Orion Space Agency launched its Vega probe on Thursday, engineers said.",
    "Oslo — The Nordic Film Guild gave its top prize to director Lena Berg on Saturday.",
    "Perth — Firefighters contained a bushfire near Perth on Wednesday, officials said.",
    "Cusco — Archaeologists from Peru found a buried temple near Cusco on Tuesday.",
    "Gdansk — Dockworkers at the Baltic Shipyard ended their strike on Monday.",
    "Nairobi — The Kenya Rugby Union named coach David Otieno for the new season.",
    "Reykjavik — A volcano erupted near the town of Grindavik late on Sunday.",
]


@pytest.mark.slow
def test_an_added_document_is_linked_with_what_it_touches_and_relink_links_everything(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i, text in enumerate(STORIES):
        (src / f"s{i}.txt").write_text(text)
    db = tmp_path / "d.db"
    assert runner.invoke(app, ["build", str(src), "--db", str(db), "-q"]).exit_code == 0
    new = "Lutsk — Crowds crossed the Riverside Bridge that Mayor Anna Kovalenko opened."
    (src / "new.txt").write_text(new)
    result = runner.invoke(app, ["build", str(src), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "linking 1 new document with the 1 stored one it touches" in result.output
    result = runner.invoke(app, ["info", "--db", str(db)])
    assert "11 documents, 1 of them added incrementally" in result.output
    result = runner.invoke(app, ["relink", "--db", str(db)])
    assert result.exit_code == 0 and "linked 11 documents" in result.output
    result = runner.invoke(app, ["info", "--db", str(db)])
    assert "incrementally" not in result.output
    result = runner.invoke(app, ["relink", "--db", str(db)])
    assert "up to date" in result.output


@pytest.mark.slow
def test_bad_inputs_are_reported_the_batch_goes_on_and_info_lists_them(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa" + bytes(range(128, 256)) * 3)
    (tmp_path / "big.txt").write_text(TEXT * 50)
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    db = tmp_path / "d.db"
    args = ["build", *(str(tmp_path / n) for n in ["good.txt", "empty.txt", "bin.txt", "bad.txt", "big.txt", "x.pdf", "missing.txt"])]
    result = runner.invoke(app, [*args, "--db", str(db), "--max-bytes", "5000", "-q"])
    assert result.exit_code == EXIT_REFUSED
    lines = [line for line in result.output.splitlines() if line.startswith("refused")]
    assert len(lines) == 6
    for name, words in [("empty.txt", "empty"), ("bin.txt", "binary"), ("big.txt", "size limit"),
                        ("x.pdf", "unsupported format"), ("missing.txt", "no such file")]:
        assert any(name in line and words in line for line in lines), (name, lines)
    assert "1 added" in result.output

    info = runner.invoke(app, ["info", "--db", str(db)])
    assert info.exit_code == 0
    assert info.output.count("refused ") == 6


def test_export_of_a_missing_db_is_one_clear_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such dossier database" in result.output
    assert "Traceback" not in result.output


def test_unknown_export_format_lists_the_formats(tmp_path: Path) -> None:
    from dossier.store import SQLiteStore

    SQLiteStore(tmp_path / "d.db").close()
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "d.db"), "--format", "xml"])
    assert result.exit_code == 1
    assert "unknown export format 'xml'" in result.output and "json" in result.output


def test_relink_links_again_only_when_needed_or_forced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.pipeline as pipeline
    from dossier.store import SQLiteStore
    from tests.present.builders import fill

    db = tmp_path / "d.db"
    with SQLiteStore(db) as store:
        fill(store)
        store.write_links(store.read_links())  # a view with no basis: made by nobody knows what
    result = runner.invoke(app, ["relink", "--db", str(db), "-q"])
    assert result.exit_code == 0 and "linked 2 documents" in result.output, result.output
    with SQLiteStore(db, read_only=True) as store:
        basis, entities = store.link_basis(), store.read_links().entities
    assert basis and entities
    result = runner.invoke(app, ["relink", "--db", str(db), "-q"])
    assert result.exit_code == 0 and "up to date" in result.output
    result = runner.invoke(app, ["relink", "--db", str(db), "--force", "-q"])
    assert "linked 2 documents" in result.output
    # a view made by another version of dossier is made again
    monkeypatch.setattr(pipeline, "__version__", "0.0.0-another")
    result = runner.invoke(app, ["relink", "--db", str(db), "-q"])
    assert "linked 2 documents" in result.output
    with SQLiteStore(db, read_only=True) as store:
        assert store.link_basis() != basis and store.read_links().entities == entities


def test_relink_of_a_missing_db_creates_nothing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["relink", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no such dossier database" in result.output
    assert not (tmp_path / "none.db").exists()
