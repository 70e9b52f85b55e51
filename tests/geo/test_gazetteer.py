"""The gazetteer index: lookups on a tiny handmade index, and the real embedded build."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.geo import gazetteer
from tests.geo.tiny import make_tiny


@pytest.fixture
def tiny(tmp_path: Path) -> gazetteer.Gazetteer:
    return make_tiny(tmp_path / "tiny.sqlite")


def test_lookup_by_name_alternate_code_and_skeleton(tiny: gazetteer.Gazetteer) -> None:
    assert {c.gid for c in tiny.lookup("Zenda")} == {"geonames:11", "geonames:12", "geonames:30"}
    assert [c.gid for c in tiny.lookup("Strelsaw")][0] == "geonames:10"
    assert tiny.lookup("Strelsaw")[0].match == gazetteer.KIND_ALT
    assert [c.gid for c in tiny.lookup("RUR")] == ["geonames:1"]
    assert tiny.lookup("rur") == []  # codes match only when written in capitals
    tiahynka = tiny.lookup("Tyahynka")
    assert [c.gid for c in tiahynka] == ["geonames:18"] and tiahynka[0].match == 3
    assert tiny.lookup("Tyahynka", fuzzy=False) == []


def test_spelling_variant_of_the_primary_name_counts_as_the_name(tiny: gazetteer.Gazetteer) -> None:
    city = next(c for c in tiny.lookup("Mykolaiv") if c.feature == "city")
    assert city.match == gazetteer.KIND_NAME


def test_lookup_of_nothing(tiny: gazetteer.Gazetteer) -> None:
    assert tiny.lookup("") == [] and tiny.lookup("!!!") == [] and tiny.lookup("Nowhere") == []
    assert not tiny.has_key("Nowhere") and tiny.has_key("zenda")


def test_region_by_code(tiny: gazetteer.Gazetteer) -> None:
    region = tiny.region("RR", "02")
    assert region is not None and region.name == "Mykolaiv"
    assert tiny.region("RR", "99") is None


def test_pid_of_is_stable_and_never_collides_with_geonames() -> None:
    assert gazetteer.pid_of("geonames:706448") == 706448
    assert gazetteer.pid_of("admin1:UA.08") < 0
    assert gazetteer.pid_of("admin1:UA.08") == gazetteer.pid_of("admin1:UA.08")


def test_load_unknown_explicit_path_fails(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        gazetteer.load(tmp_path / "missing.sqlite")


def test_cache_dir_honours_the_env_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(gazetteer.CACHE_ENV, str(tmp_path))
    assert gazetteer.default_index_path().parent == tmp_path


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_lookup_never_raises(tiny: gazetteer.Gazetteer, text: str) -> None:
    for c in tiny.lookup(text):
        assert c.gid and -90 <= c.lat <= 90


@pytest.fixture(scope="module")
def real_index(tmp_path_factory: pytest.TempPathFactory) -> gazetteer.Gazetteer:
    path = tmp_path_factory.mktemp("gaz") / gazetteer.INDEX_FILENAME
    gazetteer.build_default_index(path)
    return gazetteer.Gazetteer(path)


def test_embedded_index_builds_and_opens_again(real_index: gazetteer.Gazetteer) -> None:
    # its build time, opening time and memory are measured by benchmarks/gazetteer.py
    again = gazetteer.Gazetteer(real_index.path)
    assert again.count() == real_index.count() > 200_000


def test_embedded_index_content(real_index: gazetteer.Gazetteer) -> None:
    gaz = real_index
    russia = gaz.lookup("Russia")
    assert any(c.feature == "country" and c.country == "RU" for c in russia)
    assert any(c.feature == "continent" for c in gaz.lookup("Europe"))
    regions = [c for c in gaz.lookup("Texas") if c.feature == "region"]
    assert regions and regions[0].country == "US"
    assert any(c.feature == "country" and c.country == "US" for c in gaz.lookup("U.S."))


def test_embedded_index_has_counties_near_their_towns(real_index: gazetteer.Gazetteer) -> None:
    from dossier.geo.distance import haversine_km

    gaz = real_index
    counties = [c for c in gaz.lookup("Laurel County") if c.feature == "district"]
    assert counties and all(c.country == "US" for c in counties)
    kentucky = next(c for c in counties if c.admin1 == "KY")
    london_ky = next(c for c in gaz.lookup("London") if c.country == "US" and c.admin1 == "KY")
    assert haversine_km(kentucky.lat, kentucky.lon, london_ky.lat, london_ky.lon) < 40
    assert any(c.pid == kentucky.pid for c in gaz.lookup("Laurel"))  # the bare name too


def test_country_short_forms_and_initialisms() -> None:
    assert gazetteer._short_forms(["United States of America", "Bolivia (Plurinational State of)"]) == ["America"]
    assert gazetteer._initials(["Democratic People's Republic of Korea", "Korea"]) == ["DPRK"]
    assert gazetteer._initials(["People's Republic of China"]) == ["PRC"]


def test_embedded_index_knows_countries_by_initials(real_index: gazetteer.Gazetteer) -> None:
    gaz = real_index
    assert any(c.feature == "country" and c.country == "KP" for c in gaz.lookup("DPRK"))
    assert not any(c.feature == "country" for c in gaz.lookup("dprk"))  # capitals only


def test_a_dotted_short_name_is_the_place_its_own_not_a_code(tmp_path: Path) -> None:
    rows = [
        gazetteer.PlaceRow("geonames:1", "Los Angeles", 34.05, -118.24, "city", "US", "CA", 3_800_000, ("L.A.", "LAX")),
        gazetteer.PlaceRow("geonames:2", "Laos", 18.0, 105.0, "country", "LA", None, 7_000_000, (), ("LA",)),
    ]
    conn = gazetteer.open_for_write(tmp_path / "g.sqlite", fast=True)
    with conn:
        gazetteer.write_rows(conn, rows)
    conn.close()
    gaz = gazetteer.Gazetteer(tmp_path / "g.sqlite")
    assert [c.gid for c in gaz.lookup("L.A.")] == ["geonames:1"]  # its listed short name
    assert [c.gid for c in gaz.lookup("LA")] == ["geonames:2"]  # undotted capitals: the code
    assert gaz.lookup("LAX") == []  # an undotted airport code is not indexed as a name
