"""Disambiguation on the tiny gazetteer: priors, cues, document context."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.geo.gazetteer import Gazetteer
from dossier.geo.resolve import Query, cues_at, local_kind, resolve, with_cues
from tests.geo.tiny import make_tiny


@pytest.fixture
def tiny(tmp_path: Path) -> Gazetteer:
    return make_tiny(tmp_path / "tiny.sqlite")


class TableGaz:
    """A gazetteer answering lookups from a dict of name → candidates (no regions)."""

    def __init__(self, table: dict) -> None:
        self.table = table

    def lookup(self, name: str, *, fuzzy: bool = True, limit: int = 200) -> list:
        return list(self.table.get(name, []))

    def region(self, country: str, admin1: str) -> None:
        return None

    def regions(self) -> list:
        return []


def _resolve_text(text: str, names: list[str], gaz: Gazetteer) -> list[str | None]:
    queries = []
    for name in names:
        start = text.index(name)
        queries.append(Query(start, start + len(name), name))
    out = resolve(with_cues(queries, text), gaz)
    return [r.candidate.gid if r.candidate else None for r in out]


def test_country_beats_a_village_of_the_same_name(tiny: Gazetteer) -> None:
    assert _resolve_text("Ruritania said so.", ["Ruritania"], tiny) == ["geonames:1"]
    # "Osterlich" is also the alternate name of a Spanish town: the country wins.
    assert _resolve_text("Troops left Osterlich.", ["Osterlich"], tiny) == ["geonames:2"]


def test_document_context_picks_the_namesake_near_the_others(tiny: Gazetteer) -> None:
    text = "Fighting in Strelsau and Tarlenheim spread to Zenda."
    assert _resolve_text(text, ["Strelsau", "Tarlenheim", "Zenda"], tiny)[2] == "geonames:11"
    text = "From Hentzau the column reached Zenda."
    assert _resolve_text(text, ["Hentzau", "Zenda"], tiny)[1] == "geonames:12"


def test_region_and_city_cues(tiny: Gazetteer) -> None:
    assert _resolve_text("the Mykolaiv Oblast", ["Mykolaiv Oblast"], tiny) == ["admin1:RR.02"]
    assert _resolve_text("in the city of Mykolaiv", ["Mykolaiv"], tiny) == ["geonames:17"]
    assert _resolve_text("in Mykolaiv region", ["Mykolaiv"], tiny) == ["admin1:RR.02"]
    # A region named after its big capital: the bare name means the city.
    assert _resolve_text("Shelling hit Strelsau.", ["Strelsau"], tiny) == ["geonames:10"]


def test_river_cue_never_reads_a_river_as_a_town(tiny: Gazetteer) -> None:
    assert _resolve_text("across the Zenda River", ["Zenda River"], tiny) == ["geonames:30"]
    out = resolve(with_cues([Query(11, 19, "Hentzau River")], "across the Hentzau River"), tiny)
    assert out[0].candidate is None and "river" in out[0].reason


def test_a_town_named_with_a_generic_word_when_no_such_feature_is_listed(tiny: Gazetteer) -> None:
    # No lake "Elbow" in the gazetteer: "Elbow Lake" is the town of that whole name.
    assert _resolve_text("She lives in Elbow Lake.", ["Elbow Lake"], tiny) == ["geonames:19"]


def test_streets_are_placed_at_the_documents_main_town(tiny: Gazetteer) -> None:
    text = "In Zenda, Osterlich, police closed Hentzau Street. Zenda's mayor spoke."
    names = ["Zenda", "Hentzau Street", "Zenda"]
    queries = [Query(3, 8, "Zenda"), Query(35, 49, "Hentzau Street"), Query(51, 56, "Zenda")]
    assert [text[q.start : q.end] for q in queries] == names
    out = resolve(with_cues(queries, text), tiny)
    # The street is not the town of Hentzau it is named after: it lies in the story's town.
    assert out[1].candidate is not None and out[1].candidate.gid == "geonames:12"
    assert out[1].precision == 2 and "street" in out[1].reason


def test_an_unlisted_building_is_placed_at_the_main_town_and_nothing_without_one(tiny: Gazetteer) -> None:
    text = "Mourners met at Grand Hope Church in Hentzau."
    out = resolve(with_cues([Query(16, 33, "Grand Hope Church"), Query(37, 44, "Hentzau")], text), tiny)
    assert out[0].candidate is not None and out[0].candidate.gid == "geonames:14"
    alone = resolve(with_cues([Query(0, 17, "Grand Hope Church")], "Grand Hope Church"), tiny)
    assert alone[0].candidate is None
    # A listed name that merely ends like a building is looked up as usual.
    assert local_kind("Main Street") == "street" and local_kind("Rue Royale") == "street"
    assert local_kind("Zenda") is None


def test_container_cue(tiny: Gazetteer) -> None:
    assert _resolve_text("Zenda, Osterlich", ["Zenda"], tiny) == ["geonames:12"]


def test_transliteration_tolerant_resolution(tiny: Gazetteer) -> None:
    (r,) = resolve([Query(0, 8, "Tyahynka")], tiny)
    assert r.candidate is not None and r.candidate.name == "Tiahynka" and r.precision == 1


def test_precision_and_confidence(tiny: Gazetteer) -> None:
    text = "shelling near Zenda and in Ruritania"
    queries = with_cues([Query(14, 19, "Zenda"), Query(27, 36, "Ruritania")], text)
    near, country = resolve(queries, tiny)
    assert near.precision == 2 and country.precision == 3
    assert 0 < country.confidence <= 1


def test_unresolved_has_a_reason(tiny: Gazetteer) -> None:
    (r,) = resolve([Query(0, 7, "Nowhere")], tiny)
    assert r.candidate is None and "Nowhere" in r.reason


def test_cues() -> None:
    text = "Moscow said it would leave the city of Kherson, a port city, and Paris, Texas."
    assert cues_at(text, 0, 6).metonymic
    k = text.index("Kherson")
    assert cues_at(text, k, k + 7).feature == "city"
    p = text.index("Paris")
    assert cues_at(text, p, p + 5).container == "Texas"
    assert not cues_at(text, p, p + 5).metonymic


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(min_size=1, max_size=20), max_size=5))
def test_resolve_never_raises(tiny: Gazetteer, names: list[str]) -> None:
    text = " ".join(names)
    queries, pos = [], 0
    for n in names:
        queries.append(Query(pos, pos + len(n), n))
        pos += len(n) + 1
    out = resolve(with_cues(queries, text), tiny)
    assert len(out) == len(queries)
    for r in out:
        assert (r.candidate is None) == (r.precision == 0)


def test_abbreviation_adjective_and_direction_forms(tiny: Gazetteer) -> None:
    from dossier.geo.resolve import candidates_for

    assert [c.gid for c in candidates_for(tiny, "Str.")[0]] == ["admin1:RR.01"]
    assert candidates_for(tiny, "Ruritanians")[0][0].gid == "geonames:1"
    assert candidates_for(tiny, "European")[0][0].feature == "continent"
    assert "geonames:1" in {c.gid for c in candidates_for(tiny, "Northern Ruritania")[0]}


def test_named_region_pulls_its_towns(tiny: Gazetteer) -> None:
    # Zenda in Osterlich is the bigger namesake; naming the Strelsau region picks the other.
    text = "Troops reached Zenda in the Strelsau region."
    out = _resolve_text(text, ["Zenda", "Strelsau"], tiny)
    assert out == ["geonames:11", "admin1:RR.01"]


def test_county_word_points_to_a_district() -> None:
    from dossier.geo.names import split_generic

    assert split_generic("Laurel County") == ("Laurel", "district")
    assert split_generic("Rapides Parish") == ("Rapides", "district")
    assert split_generic("Kherson Oblast") == ("Kherson", "region")


def test_dotted_abbreviation_prefers_a_region_over_a_same_named_village() -> None:
    from dossier.geo.gazetteer import Candidate

    fla_village = Candidate(1, "geonames:1", "Fla", 60.4, 9.5, "city", "NO", "06", 7000, 0)
    florida = Candidate(2, "geonames:2", "Florida", 28.0, -82.0, "region", "US", "FL", 20_000_000, 1)

    class Gaz:
        def lookup(self, name: str, *, fuzzy: bool = True, limit: int = 200) -> list[Candidate]:
            return [fla_village] if name.lower().startswith("fla") else []

        def region(self, country: str, admin1: str) -> Candidate | None:
            return None

        def regions(self) -> list[Candidate]:
            return [florida]

    from dossier.geo.resolve import candidates_for

    assert [c.name for c in candidates_for(Gaz(), "Fla.")[0]] == ["Florida"]
    assert [c.name for c in candidates_for(Gaz(), "Fla")[0]] == ["Fla"]


def test_a_repeated_name_does_not_vote_for_its_own_reading() -> None:
    from dossier.geo.gazetteer import Candidate
    from dossier.geo.resolve import Query, resolve

    a_in_x = Candidate(1, "geonames:1", "Walkerton", 10.0, 10.0, "city", "XX", "01", 30_000, 0)
    a_in_y = Candidate(2, "geonames:2", "Walkerton", 40.0, 40.0, "city", "YY", "07", 20_000, 0)
    b_in_y = Candidate(3, "geonames:3", "Bramble", 40.1, 40.1, "city", "YY", "07", 5_000, 0)
    table = {"Walkerton": [a_in_x, a_in_y], "Bramble": [b_in_y]}

    queries = [Query(i * 20, i * 20 + 9, "Walkerton") for i in range(6)] + [Query(200, 207, "Bramble")]
    answers = resolve(queries, TableGaz(table))
    assert all(r.candidate is not None and r.candidate.country == "YY" for r in answers)


def test_two_names_that_fit_each_other_settle_together() -> None:
    from dossier.geo.gazetteer import Candidate
    from dossier.geo.resolve import Query, resolve

    county_tx = Candidate(1, "a:1", "Walker County", 30.7, -95.6, "district", "US", "TX", 42_000, 0)
    county_al = Candidate(2, "a:2", "Walker County", 33.8, -87.3, "district", "US", "AL", 22_000, 0)
    town_al = Candidate(3, "g:3", "Huntsville", 34.7, -86.6, "city", "US", "AL", 215_000, 0)
    town_tx = Candidate(4, "g:4", "Huntsville", 30.7, -95.55, "city", "US", "TX", 41_000, 0)
    table = {"Walker County": [county_tx, county_al], "Walker": [], "Huntsville": [town_al, town_tx]}

    queries = [Query(0, 13, "Walker County"), Query(30, 40, "Huntsville")]
    answers = resolve(queries, TableGaz(table))
    admin1s = {r.candidate.admin1 for r in answers if r.candidate is not None}
    assert len(admin1s) == 1


def test_a_natural_cue_keeps_a_country_but_not_a_town() -> None:
    from dossier.geo.gazetteer import Candidate
    from dossier.geo.resolve import Cues, Query, resolve

    greece = Candidate(1, "geonames:1", "Greece", 39.0, 22.0, "country", "GR", None, 10_000_000, 1)
    town = Candidate(2, "geonames:2", "Dnipro", 48.45, 34.98, "city", "UA", "04", 980_000, 0)
    table = {"Greek": [greece], "Dnipro": [town]}

    island = Cues(feature="island")
    river = Cues(feature="river")
    greek, dnipro = resolve([Query(2, 7, "Greek", island), Query(30, 36, "Dnipro", river)], TableGaz(table))
    assert greek.candidate is not None and greek.candidate.country == "GR"
    assert dnipro.candidate is None


class _Table:
    """A stand-in gazetteer: a dict from name to candidates."""

    def __init__(self, table: dict[str, list[object]]) -> None:
        self.table = table

    def lookup(self, name: str, *, fuzzy: bool = True, limit: int = 200) -> list[object]:
        return list(self.table.get(name, []))

    def region(self, country: str, admin1: str) -> None:
        return None

    def regions(self) -> list[object]:
        return []


def test_names_vote_with_their_likely_readings_not_only_their_best() -> None:
    from dossier.geo.gazetteer import Candidate

    def place(pid: int, name: str, lat: float, lon: float, cc: str, admin1: str, pop: int) -> Candidate:
        feature = "district" if name.endswith("County") else "city"
        return Candidate(pid, f"geonames:{pid}", name, lat, lon, feature, cc, admin1, pop, 0)

    table = {
        "Athens": [
            place(1, "Athens", 37.98, 23.73, "GR", "ESYE31", 664_000),
            place(2, "Athens", 33.96, -83.38, "US", "GA", 127_000),
            place(3, "Athens", 39.33, -82.10, "US", "OH", 23_000),
            place(4, "Athens", 32.20, -95.86, "US", "TX", 12_800),
        ],
        "Henderson County": [
            place(5, "Henderson County", 35.34, -82.48, "US", "NC", 65_000),
            place(6, "Henderson County", 37.80, -87.57, "US", "KY", 46_000),
            place(7, "Henderson County", 32.21, -95.85, "US", "TX", 28_800),
            place(8, "Henderson County", 35.65, -88.39, "US", "TN", 28_000),
        ],
    }
    text = "The Athens police said the Henderson County jail took him."
    queries = with_cues([Query(4, 10, "Athens"), Query(27, 43, "Henderson County")], text)
    athens, county = resolve(queries, _Table(table))  # type: ignore[arg-type]
    # Neither name is sure alone; read together, the one state that holds both wins.
    assert athens.candidate is not None and athens.candidate.admin1 == "TX"
    assert county.candidate is not None and county.candidate.admin1 == "TX"


def test_a_country_adjective_is_the_country_before_a_town_of_that_name() -> None:
    from dossier.geo.gazetteer import Candidate

    canada = Candidate(1, "geonames:1", "Canada", 60.0, -96.0, "country", "CA", None, 37_000_000, 1)
    canadian = Candidate(2, "geonames:2", "Canadian", 35.9, -100.4, "city", "US", "TX", 3_000, 0)
    texas = Candidate(3, "geonames:3", "Texas", 31.0, -99.0, "region", "US", "TX", 29_000_000, 0)
    amarillo = Candidate(4, "geonames:4", "Amarillo", 35.2, -101.8, "city", "US", "TX", 200_000, 0)
    table = {"Canadian": [canada, canadian], "Texas": [texas], "Amarillo": [amarillo]}
    text = "Canadian fans drove from Amarillo, Texas."
    queries = with_cues([Query(0, 8, "Canadian"), Query(25, 33, "Amarillo"), Query(35, 40, "Texas")], text)
    first = resolve(queries, _Table(table))[0]  # type: ignore[arg-type]
    assert first.candidate is not None and first.candidate.country == "CA"
    # A town is still found by its own name when no country's adjective is at stake.
    alone = resolve(with_cues([Query(0, 8, "Canadian")], "Canadian"), _Table({"Canadian": [canadian]}))  # type: ignore[arg-type]
    assert alone[0].candidate is not None and alone[0].candidate.gid == "geonames:2"


def test_a_country_kept_under_a_natural_cue_stays_in_the_names_other_mentions() -> None:
    from dossier.geo.gazetteer import Candidate

    latvia = Candidate(1, "geonames:1", "Latvia", 57.0, 25.0, "country", "LV", None, 1_900_000, 1)
    text = "Latvian mountain climbers are missing, Latvian police said."
    queries = with_cues([Query(0, 7, "Latvian"), Query(39, 46, "Latvian")], text)
    first, second = resolve(queries, _Table({"Latvian": [latvia]}))  # type: ignore[arg-type]
    assert first.candidate is not None and first.candidate.country == "LV"  # "Latvian mountain": no mountain
    assert second.candidate is not None and second.candidate.country == "LV"


def test_an_unlisted_name_is_placed_at_the_main_town_only_when_asked(tiny: Gazetteer) -> None:
    text = "In Hentzau, Hentzau's Old Quarter flooded; Hentzau officials met."
    queries = with_cues(
        [Query(3, 10, "Hentzau"), Query(12, 33, "Hentzau's Old Quarter"), Query(43, 50, "Hentzau")], text
    )
    default = resolve(queries, tiny)[1]
    assert default.candidate is None and "Old Quarter" in default.reason  # unplaced, and why
    guess = resolve(queries, tiny, place_unlisted=True)[1]
    assert guess.candidate is not None and guess.candidate.gid == "geonames:14"
    assert guess.precision == 3 and guess.confidence < 0.2 and "guess" in guess.reason
    # With no town in the document there is nothing to guess from.
    alone = resolve(with_cues([Query(0, 11, "Old Quarter")], "Old Quarter"), tiny, place_unlisted=True)[0]
    assert alone.candidate is None


def test_directions_alone_or_before_an_adjective_are_no_place() -> None:
    from dossier.geo.gazetteer import Candidate
    from dossier.geo.resolve import candidates_for

    west = Candidate(1, "geonames:1", "West", 5.5, 10.5, "region", "CM", "08", 1_900_000, 0)
    usa = Candidate(2, "geonames:2", "United States", 39.8, -98.5, "country", "US", None, 3 * 10**8, 1)
    syria = Candidate(3, "geonames:3", "Syria", 35.0, 38.0, "country", "SY", None, 17_000_000, 0)
    gaz = _Table({"West": [west], "American": [usa], "Syria": [syria]})
    assert candidates_for(gaz, "the West")[0] == []  # type: ignore[arg-type]
    assert candidates_for(gaz, "Central American")[0] == []  # type: ignore[arg-type]
    assert [c.gid for c in candidates_for(gaz, "northern Syria")[0]] == ["geonames:3"]  # type: ignore[arg-type]
