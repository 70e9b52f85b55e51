"""The dossier_places component: recognition beyond the NER label, records, seeds."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.geo.distance import haversine_km
from dossier.models import Document, Place
from tests.conftest import GOLD, SEEDS
from tests.geo.tiny import make_tiny

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tiny_nlp(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from dossier.annotate import build_pipeline

    path = tmp_path_factory.mktemp("gaz") / "tiny.sqlite"
    make_tiny(path)
    nlp = build_pipeline(components=())
    nlp.add_pipe("dossier_places", config={"gazetteer_path": str(path)})
    return nlp


def _places(nlp: Any, text: str) -> list[Place]:
    doc = nlp(text)
    return [s._.dossier_record for s in doc.spans["dossier_places"]]


def test_records_have_valid_offsets_and_geo(tiny_nlp: Any) -> None:
    text = "Fighting spread from Strelsau to Tarlenheim in Ruritania on Monday."
    places = _places(tiny_nlp, text)
    by_text = {p.text: p for p in places}
    assert {"Strelsau", "Tarlenheim", "Ruritania"} <= set(by_text)
    for p in places:
        assert text[p.start : p.end] == p.text and p.type in {"GPE", "LOC", "FAC"}
    assert by_text["Tarlenheim"].geo is not None and by_text["Tarlenheim"].geo.gazetteer_id == "geonames:13"
    assert by_text["Ruritania"].geo.feature == "country" and by_text["Ruritania"].geo.precision == 3  # type: ignore[union-attr]
    assert by_text["Strelsau"].geo.precision == 1 and by_text["Strelsau"].geo.confidence  # type: ignore[union-attr]


def test_gazetteer_names_the_model_misses_are_found(tiny_nlp: Any) -> None:
    # Whatever label the model gives these (often PERSON/ORG), the gazetteer backs them.
    text = "Soldiers marched into Tarlenheim. Later they were seen near Tyahynka and Zenda."
    texts = {p.text for p in _places(tiny_nlp, text)}
    assert {"Tarlenheim", "Tyahynka"} <= texts


def test_metonymy_is_kept_and_flagged(tiny_nlp: Any) -> None:
    text = "Ruritania said on Friday that its troops had left Zenda."
    places = {p.text: p for p in _places(tiny_nlp, text)}
    assert places["Ruritania"].metonymic and places["Ruritania"].geo is not None


def test_unresolved_place_carries_a_reason(tiny_nlp: Any) -> None:
    text = "Officials in Paris met delegates from Strelsau."
    paris = [p for p in _places(tiny_nlp, text) if p.text == "Paris"]
    assert paris and paris[0].geo is None and "Paris" in (paris[0].reason or "")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("Zenda Strelsau in, of the River Oblast.\n")), max_size=120))
def test_offsets_always_valid(tiny_nlp: Any, text: str) -> None:
    for p in _places(tiny_nlp, text):
        assert 0 <= p.start < p.end <= len(text) and text[p.start : p.end] == p.text


def _plain(text: str) -> str:
    """The seed as the final system reads it: front matter removed, Markdown stripped."""
    if text.startswith("---"):
        text = re.split(r"^---\s*$", text, maxsplit=2, flags=re.M)[2]
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^#+\s*", "", text, flags=re.M)
    return text.replace("**", "").replace("__", "")


def test_seeds_places_accuracy_at_tolerance(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.annotate import annotate, build_pipeline

    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(cache))
    nlp = build_pipeline(components=("dossier_places",))
    gold = json.loads((GOLD / "gold.json").read_text(encoding="utf-8"))["places"]
    files = sorted({g["file"] for g in gold})
    docs = [Document(id=f, path=f, text=_plain((SEEDS / f).read_text(encoding="utf-8"))) for f in files]
    records = {r.document.id: r for r in annotate(docs, nlp)}
    assert any(Path(cache).iterdir())  # the index was built in the tmp cache, not the user's
    right = 0
    for g in gold:
        geos = [
            p.geo for p in records[g["file"]].places if p.text.casefold() == g["text"].casefold() and p.geo
        ]
        right += any(haversine_km(g["lat"], g["lon"], x.lat, x.lon) <= g["tolerance_km"] for x in geos)
    assert right / len(gold) >= 0.9


def test_person_names_are_not_places(tiny_nlp: Any) -> None:
    text = "Fritz Tarlenheim arrived at noon. Tarlenheim said nothing to the press."
    assert "Tarlenheim" not in {p.text for p in _places(tiny_nlp, text)}


def test_region_inside_an_institution_name(tiny_nlp: Any) -> None:
    text = "A spokesman for the Mykolaiv Department of Transportation said roads were open."
    places = {p.text: p for p in _places(tiny_nlp, text)}
    assert "Mykolaiv" in places and places["Mykolaiv"].geo is not None


def test_unresolved_river_is_a_location(tiny_nlp: Any) -> None:
    text = "Troops crossed the Hentzau River near Strelsau."
    river = [p for p in _places(tiny_nlp, text) if p.text.startswith("Hentzau")]
    assert river and river[0].geo is None and river[0].type == "LOC" and "river" in (river[0].reason or "")


def test_place_parts_finds_the_place_in_a_body_name_and_around_dashes(tiny_nlp: Any) -> None:
    from dossier.annotate.components.places import place_parts

    comp = tiny_nlp.get_pipe("dossier_places")
    doc = tiny_nlp("Officers of the Tarlenheim Police Department came. Strelsau - Hentzau road.")
    body = doc[3:6]
    assert body.text == "Tarlenheim Police Department"
    assert [s.text for s in place_parts(body, comp.gaz)] == ["Tarlenheim"]
    dash = doc[8:11]
    assert dash.text == "Strelsau - Hentzau"
    assert [s.text for s in place_parts(dash, comp.gaz)] == ["Strelsau", "Hentzau"]


def test_place_parts_keeps_what_resolves_or_has_no_place(tiny_nlp: Any) -> None:
    from dossier.annotate.components.places import place_parts

    comp = tiny_nlp.get_pipe("dossier_places")
    doc = tiny_nlp("The Zenda Grand Palace stood near Strelsau Central Library and Zenda.")
    kept = place_parts(doc[1:4], comp.gaz)  # no body word: left alone
    assert [s.text for s in kept] == ["Zenda Grand Palace"]
    assert [s.text for s in place_parts(doc[6:9], comp.gaz)] == ["Strelsau"]
    assert [s.text for s in place_parts(doc[10:11], comp.gaz)] == ["Zenda"]


def test_body_prefixes_open_the_names_of_bodies(tiny_nlp: Any) -> None:
    from spacy.tokens import Span

    from dossier.annotate.components.places import _body_prefixes

    doc = tiny_nlp.make_doc("The Hentzau Police Department and the First Bank of Zenda met Anna Zenda.")
    police = Span(doc, 0, 4, label="ORG")
    bank = Span(doc, 5, 10, label="ORG")
    person = Span(doc, 11, 13, label="PERSON")
    assert _body_prefixes([police, bank, person]) == {(1, 2), (1, 3), (6, 7), (6, 8), (6, 9), (9, 10)}


def test_place_opening_a_body_name_is_found(tiny_nlp: Any) -> None:
    from dossier.annotate.components.places import find_place_spans

    comp = tiny_nlp.get_pipe("dossier_places")
    doc = tiny_nlp("Officers of the Strelsau Police Department arrested two men on Monday.")
    spans = [s.text for s in find_place_spans(doc, comp.gaz)]
    assert any(e.label_ == "ORG" and "Strelsau" in e.text for e in doc.ents)  # the model's reading
    assert "Strelsau" in spans


def test_datelines_and_place_modified_nouns_back_a_name(tiny_nlp: Any) -> None:
    text = "HENTZAU -- The mayor spoke. Volunteers came from the Hentzau area to help."
    found = [p for p in _places(tiny_nlp, text) if p.text.lower() == "hentzau"]
    assert len(found) == 2 and all(p.geo is not None and p.geo.gazetteer_id == "geonames:14" for p in found)


@pytest.fixture(scope="module")
def world_nlp(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from dossier.annotate import build_pipeline
    from dossier.geo.gazetteer import PlaceRow, open_for_write, write_rows

    path = tmp_path_factory.mktemp("gaz") / "world.sqlite"
    conn = open_for_write(path, fast=True)
    with conn:
        write_rows(
            conn,
            [
                PlaceRow(
                    "geonames:6252001",
                    "United States",
                    39.8,
                    -98.5,
                    "country",
                    "US",
                    None,
                    3 * 10**8,
                    (),
                    ("US", "USA"),
                ),
                PlaceRow(
                    "geonames:2017370", "Russia", 60.0, 100.0, "country", "RU", None, 14 * 10**7, (), ("RU",)
                ),
                PlaceRow("geonames:5", "Us", 45.0, 2.0, "city", "FR", "11", 900),
                PlaceRow(
                    "geonames:1873107",
                    "North Korea",
                    40.0,
                    127.0,
                    "country",
                    "KP",
                    None,
                    25 * 10**6,
                    (),
                    ("KP", "PRK", "DPRK"),
                ),
            ],
        )
    conn.close()
    nlp = build_pipeline(components=())
    nlp.add_pipe("dossier_places", config={"gazetteer_path": str(path), "demonyms": True})
    return nlp


def test_a_country_code_the_model_calls_a_place_survives_a_mistagged_person(world_nlp: Any) -> None:
    text = (
        "By: Henry Lazenby US-based producer Alcoa has signed. "
        "The Ministry said the US measures were a serious violation. The US action was bad."
    )
    us = [p for p in _places(world_nlp, text) if p.text == "US" and p.start > 60]
    assert len(us) == 2 and all(p.geo is not None and p.geo.country == "US" for p in us)


def test_demonym_opening_an_organisation_name(world_nlp: Any) -> None:
    text = "The Russian Ministry of Defence will work closely with them."
    places = _places(world_nlp, text)
    assert [(p.text, p.geo.country if p.geo else None) for p in places] == [("Russian", "RU")]


def test_names_listed_before_a_plural_generic_are_places(tiny_nlp: Any) -> None:
    from dossier.annotate.components.places import _listed_before_plural_generic

    doc = tiny_nlp.make_doc(
        "School boards in Barrow, Jackson and Madison counties met. Jackson and Ann left."
    )
    assert _listed_before_plural_generic(doc, 4)  # after "Barrow"
    assert _listed_before_plural_generic(doc, 6)  # after "Jackson"
    assert not _listed_before_plural_generic(doc, 12)  # "Jackson and Ann left"


def test_a_country_initialism_in_capitals_is_a_place(world_nlp: Any) -> None:
    text = "Talks with the DPRK resumed on Monday, officials said."
    found = [p for p in _places(world_nlp, text) if p.text == "DPRK"]
    assert found and found[0].geo is not None and found[0].geo.country == "KP"


def test_datelines_with_an_agency_or_a_colon_back_a_name(tiny_nlp: Any) -> None:
    for text in ("HENTZAU (AP) - The mayor spoke on Monday.", "Hentzau: The tenth film festival opened."):
        found = [p for p in _places(tiny_nlp, text) if p.text.lower() == "hentzau"]
        assert found and found[0].geo is not None and found[0].geo.gazetteer_id == "geonames:14", text
    from dossier.annotate.components.places import _dateline

    doc = tiny_nlp.make_doc("They met Hentzau: the mayor. HENTZAU (AP) said so.")
    assert not _dateline(doc, 2, 3)  # mid-sentence, not a dateline
    assert not _dateline(doc, 7, 8)  # "(AP)" after a name inside the text


def test_where_a_person_is_from_is_a_place(tiny_nlp: Any) -> None:
    from dossier.annotate.components.places import _backed

    comp = tiny_nlp.get_pipe("dossier_places")
    doc = tiny_nlp.make_doc("Judges praised Mary Jones of Hentzau and the Office of Hentzau.")
    from spacy.tokens import Span

    doc.ents = [Span(doc, 2, 4, label="PERSON")]
    assert _backed(doc, 5, 6, "hentzau", set(), comp.gaz)  # "Mary Jones of Hentzau"
    assert not _backed(doc, 10, 11, "hentzau", set(), comp.gaz)  # "the Office of Hentzau": no person


def test_a_town_after_in_is_not_a_person_word(tiny_nlp: Any) -> None:
    from spacy.tokens import Span

    from dossier.annotate.components.places import person_words

    comp = tiny_nlp.get_pipe("dossier_places")
    doc = tiny_nlp.make_doc("Hentzau Luke Oil sold it. The winner lives in Hentzau. Zenda Smith won too.")
    doc.ents = [Span(doc, 0, 3, label="PERSON"), Span(doc, 12, 14, label="PERSON")]
    words = person_words(doc, comp.gaz)
    assert "hentzau" not in words  # "lives in Hentzau" makes it a place
    assert "zenda" in words and "luke" in words  # never after "in": still a person's word


def test_demonym_adjectives_the_model_did_not_tag(world_nlp: Any) -> None:
    from dossier.annotate.components.places import _is_demonym_adjective

    comp = world_nlp.get_pipe("dossier_places")
    doc = world_nlp("The hotel was designed by a Russian architect, said Dr. Smith of the Russians club.")
    by_text = {t.text: t for t in doc}
    assert _is_demonym_adjective(doc, by_text["Russian"], comp.gaz)
    assert not _is_demonym_adjective(doc, by_text["Dr."], comp.gaz)
    assert not _is_demonym_adjective(doc, by_text["Russians"], comp.gaz)  # people, not a place
    assert not _is_demonym_adjective(doc, by_text["Smith"], comp.gaz)
    places = [
        p
        for p in _places(world_nlp, "It reflected the anti-Russian policy of the day.")
        if p.text == "Russian"
    ]
    assert places and places[0].geo is not None and places[0].geo.country == "RU"


def test_a_span_that_does_not_resolve_yields_the_known_places_it_is_named_after(world_nlp: Any) -> None:
    from spacy.tokens import Span

    from dossier.annotate.components.places import place_parts

    comp = world_nlp.get_pipe("dossier_places")
    doc = world_nlp.make_doc(
        "Fans of Russia Bisons and Russia North Korea and Unknown Bisons on Russia Street met."
    )

    def parts(a: int, b: int) -> list[str]:
        return [p.text for p in place_parts(Span(doc, a, b, label="GPE"), comp.gaz)]

    assert parts(2, 4) == ["Russia"]  # "Russia Bisons": the team's place
    assert parts(5, 8) == ["Russia", "North Korea"]  # a list without commas
    assert parts(9, 11) == ["Unknown Bisons"]  # nothing known inside: kept whole
    assert parts(12, 14) == ["Russia Street"]  # a street is not its namesake


def test_a_sizeable_town_the_model_tags_a_person_on_its_own_is_a_place(tiny_nlp: Any) -> None:
    from spacy.tokens import Span

    from dossier.annotate.components.places import _lone_name_entity

    comp = tiny_nlp.get_pipe("dossier_places")
    doc = tiny_nlp.make_doc("Strelsau says so. Zenda says so. Strelsau Smith agrees.")
    doc.ents = [
        Span(doc, 0, 1, label="PERSON"),
        Span(doc, 4, 5, label="PERSON"),
        Span(doc, 8, 10, label="PERSON"),
    ]
    assert _lone_name_entity(doc, 0, 1, comp.gaz)  # a city of 400,000 named alone
    assert not _lone_name_entity(doc, 4, 5, comp.gaz)  # a town of a few thousand: as often a surname
    assert not _lone_name_entity(doc, 8, 9, comp.gaz)  # the first word of a person's full name


def test_a_town_read_as_a_nationality_after_in_and_a_legislators_home(tiny_nlp: Any) -> None:
    from spacy.tokens import Span

    from dossier.annotate.components.places import _backed, _norp_town

    comp = tiny_nlp.get_pipe("dossier_places")
    doc = tiny_nlp.make_doc("Parks in Hentzau opened. Hentzau voters came. Rep. Ann Moye, D-Hentzau, spoke.")
    norp_after_in, norp_alone = Span(doc, 2, 3, label="NORP"), Span(doc, 5, 6, label="NORP")
    assert _norp_town(doc, norp_after_in, comp.gaz)
    assert not _norp_town(doc, norp_alone, comp.gaz)  # no preposition: the model may be right
    dash = [t.i for t in doc if t.text == "-"][0]
    assert doc[dash - 1].text == "D" and doc[dash + 1].text == "Hentzau"
    assert _backed(doc, dash + 1, dash + 2, "hentzau", set(), comp.gaz)


def test_an_organisation_named_like_a_building_is_a_place(tiny_nlp: Any) -> None:
    from spacy.tokens import Span

    from dossier.annotate.components.places import _is_named_building

    doc = tiny_nlp.make_doc("Third Presbyterian Church and Acme Holdings and First Bank met at the Methodist church.")
    assert _is_named_building(Span(doc, 0, 3, label="ORG"))
    assert not _is_named_building(Span(doc, 4, 6, label="ORG"))  # no building's word
    assert not _is_named_building(Span(doc, 0, 3, label="PERSON"))
    assert not _is_named_building(Span(doc, 13, 15, label="ORG"))  # "Methodist church": no name


def test_a_country_code_the_model_calls_an_organisation_needs_the_country_in_the_document(
    tmp_path: Any,
) -> None:
    from dossier.annotate.components.places import _is_country

    gaz = make_tiny(tmp_path / "tiny.sqlite")
    assert _is_country(gaz, "RUR")  # a code, no label against it
    assert not _is_country(gaz, "RUR", org_in=frozenset({"OS"}))  # "the IRA" in a Belfast story
    assert _is_country(gaz, "RUR", org_in=frozenset({"RR"}))  # "the DPRK" beside Pyongyang
    assert _is_country(gaz, "RUR", org_in=frozenset())  # nothing in the document against it
    assert _is_country(gaz, "Ruritania", org_in=frozenset({"OS"}))  # a name is a name


def test_after_from_or_with_an_organisation_is_a_place_only_by_a_name_of_some_size(tmp_path: Any) -> None:
    import spacy
    from spacy.tokens import Doc, Span

    from dossier.annotate.components.places import _backed

    gaz = make_tiny(tmp_path / "tiny.sqlite")
    vocab = spacy.blank("en").vocab

    def backed(words: list[str], label: str) -> bool:
        doc = Doc(vocab, words=words)
        doc.ents = [Span(doc, len(words) - 1, len(words), label=label)]
        return _backed(doc, len(words) - 1, len(words), words[-1].lower(), set(), gaz)

    assert not backed(["a", "new", "car", "from", "Tarlenheym"], "ORG")  # "a Sentra from Nissan"
    assert backed(["troops", "from", "Strelsau"], "ORG")  # a city of 400,000 by its own name
    assert backed(["a", "car", "in", "Tarlenheym"], "ORG")  # "in" is locative enough
    assert backed(["a", "car", "from", "Tarlenheym"], "GPE")
