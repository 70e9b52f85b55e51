"""GeoNames dump import, on small files in GeoNames' own formats written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.geo.cli import app
from dossier.geo.gazetteer import Gazetteer
from dossier.geo.importer import feature_of, import_files, sniff
from tests.geo.tiny import make_tiny


def _feature(
    gid: int,
    name: str,
    alts: str,
    lat: float,
    lon: float,
    fclass: str,
    fcode: str,
    cc: str,
    admin1: str = "",
    pop: int = 0,
) -> str:
    cols = [
        str(gid),
        name,
        name,
        alts,
        str(lat),
        str(lon),
        fclass,
        fcode,
        cc,
        "",
        admin1,
        "",
        "",
        "",
        str(pop),
        "",
        "10",
        "Europe/Kyiv",
        "2024-01-01",
    ]
    assert len(cols) == 19
    return "\t".join(cols)


@pytest.fixture
def dump(tmp_path: Path) -> list[Path]:
    features = tmp_path / "allCountries.txt"
    features.write_text(
        "\n".join(
            [
                _feature(100, "Zenda River", "Zendafluss", 45.5, 20.6, "H", "STM", "RR", "01"),
                _feature(101, "Black Bridge", "", 45.1, 20.1, "S", "BDG", "RR", "01"),
                _feature(102, "Rupert Peninsula", "", 44.0, 19.0, "T", "PEN", "RR"),
                _feature(
                    103, "Strelsau Region", "Strelsau Oblast", 45.25, 20.25, "A", "ADM1", "RR", "01", 900_000
                ),
                _feature(104, "Kakh Dam", "", 46.7, 33.4, "S", "DAM", "RR", "02"),
                _feature(105, "Some Farm", "", 45.0, 20.0, "S", "FRM", "RR"),  # not kept
                _feature(1, "Ruritania", "", 44.9, 21.1, "A", "PCLI", "RR", "", 5_000_000),  # better position
                "garbage line",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    admin1 = tmp_path / "admin1CodesASCII.txt"
    admin1.write_text("RR.01\tStrelsau\tStrelsau\t103\nRR.02\tMykolaiv\tMykolaiv\t999\n", encoding="utf-8")
    alternates = tmp_path / "alternateNamesV2.txt"
    alternates.write_text(
        "1\t100\ten\tZenda Stream\t1\t\t\t\t\t\n"
        "2\t100\tlink\thttps://example.org/zenda\t\t\t\t\t\t\n"
        "3\t101\t\tOld Black Bridge\t\t\t\t1\t\t\n"
        "4\t424242\ten\tNot In Index\t\t\t\t\t\t\n",
        encoding="utf-8",
    )
    return [alternates, admin1, features]  # deliberately out of order


def test_sniff(dump: list[Path]) -> None:
    assert [sniff(p) for p in dump] == ["alternates", "admin1", "features"]


def test_feature_codes() -> None:
    assert feature_of("H", "STM") == "river" and feature_of("S", "BDG") == "bridge"
    assert feature_of("P", "PPLA") == "city" and feature_of("A", "PCLI") == "country"
    assert feature_of("S", "FRM") is None


def test_import_adds_features_names_and_positions(tmp_path: Path, dump: list[Path]) -> None:
    index = tmp_path / "tiny.sqlite"
    make_tiny(index)
    reports = import_files(index, dump)
    assert [r.kind for r in reports] == ["features", "admin1", "alternates"]
    assert reports[0].rows == 8 and reports[0].kept == 6
    gaz = Gazetteer(index)
    (river,) = gaz.lookup("Zenda Stream")
    assert river.feature == "river" and river.gid == "geonames:100"
    assert gaz.lookup("Zendafluss")[0].gid == "geonames:100"
    assert gaz.lookup("https://example.org/zenda") == []
    assert gaz.lookup("Old Black Bridge") == []  # historic names are skipped
    assert gaz.lookup("Black Bridge")[0].feature == "bridge"
    assert gaz.lookup("Rupert Peninsula")[0].feature == "peninsula"
    assert gaz.lookup("Kakh Dam")[0].feature == "dam"
    country = next(c for c in gaz.lookup("Ruritania") if c.feature == "country")
    assert (country.lat, country.lon) == (44.9, 21.1)
    # GeoNames' own region replaces the one derived from towns, keeping its names.
    region = gaz.region("RR", "01")
    assert region is not None and region.gid == "geonames:103"
    assert any(c.gid == "geonames:103" for c in gaz.lookup("Strelsau Oblast"))
    # admin1 names also reach a derived region that GeoNames' file did not replace.
    assert any(c.gid == "admin1:RR.02" for c in gaz.lookup("Mykolaiv"))


def test_import_rejects_other_files(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("hello world\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a GeoNames"):
        import_files(tmp_path / "x.sqlite", [bad])


def test_cli_import(tmp_path: Path, dump: list[Path]) -> None:
    index = tmp_path / "tiny.sqlite"
    make_tiny(index)
    result = CliRunner().invoke(app, ["import", "--index", str(index), *map(str, dump)])
    assert result.exit_code == 0, result.output
    assert "features, 8 rows read, 6 kept" in result.output
    assert Gazetteer(index).lookup("Zenda Stream")


def test_cli_help_and_bad_file(tmp_path: Path) -> None:
    runner = CliRunner()
    assert "GeoNames" in runner.invoke(app, ["import", "--help"]).output
    bad = tmp_path / "bad.txt"
    bad.write_text("nothing\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "--index", str(tmp_path / "i.sqlite"), str(bad)])
    assert result.exit_code == 2
