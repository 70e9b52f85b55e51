"""Entity resolution on hand-built records."""

from __future__ import annotations

import subprocess
import sys

from dossier.link import link
from dossier.link.keys import fold

from link_builders import geo, make_record


def names_of(result) -> list[set[str]]:
    return [{fold(n) for n in (e.name, *e.aliases)} for e in result.entities]


def together(result, *names: str) -> bool:
    want = {fold(n) for n in names}
    return any(want <= ns for ns in names_of(result))


def test_link_does_not_import_spacy() -> None:
    code = "import sys, dossier.link; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_spelling_variants_and_short_forms_merge_across_documents() -> None:
    a = make_record("a", "Ukrainian President Volodymyr Zelenskyy spoke. Zelenskyy said more.",
                    names={"Volodymyr Zelenskyy": "PERSON", "Zelenskyy": "PERSON"})
    b = make_record("b", "President Volodomyr Zelenskyy called it a historic day.",
                    names={"Volodomyr Zelenskyy": "PERSON"})
    result = link([a, b])
    assert together(result, "Volodymyr Zelenskyy", "Volodomyr Zelenskyy", "Zelenskyy")
    person = next(e for e in result.entities if "Zelenskyy" in e.name)
    assert person.name == "Volodymyr Zelenskyy"
    assert {m.doc for m in person.mentions} == {"a", "b"}


def test_lone_surname_in_another_document_joins_the_full_name() -> None:
    a = make_record("a", "Vladimir Putin launched the war.", names={"Vladimir Putin": "PERSON"})
    b = make_record("b", "It was a blow for Putin.", names={"Putin": "PERSON"})
    assert together(link([a, b]), "Vladimir Putin", "Putin")


def test_transliteration_variants_of_a_river_merge() -> None:
    a = make_record("a", "Troops crossed the Dnieper River on Friday.", names={"Dnieper River": "LOC"})
    b = make_record("b", "Soldiers drowned in the Dnipro.", names={"Dnipro": "LOC"})
    assert together(link([a, b]), "Dnieper River", "Dnipro")


def test_bridge_variants_merge_despite_mixed_ner_types() -> None:
    a = make_record("a", "The Antonivskiy Bridge was destroyed.", names={"Antonivskiy Bridge": "FAC"})
    b = make_record("b", "Two spans of the Antonivka Road Bridge fell.", names={"Antonivka Road Bridge": "ORG"})
    assert together(link([a, b]), "Antonivskiy Bridge", "Antonivka Road Bridge")


def test_city_and_region_of_the_same_name_stay_apart() -> None:
    text = "Kherson fell. The Kherson Oblast is large. Kherson is a port. Kherson Oblast borders Crimea."
    a = make_record("a", text, names={"Kherson Oblast": "GPE", "Kherson": "GPE", "Crimea": "GPE"})
    b = make_record("b", "Forces entered Kherson.", names={"Kherson": "PERSON"})
    result = link([a, b])
    assert not together(result, "Kherson", "Kherson Oblast")
    assert together(result, "Kherson")
    city = next(e for e in result.entities if e.name == "Kherson")
    assert {m.doc for m in city.mentions} == {"a", "b"}


def test_region_mislabelled_as_person_stays_apart_from_the_city() -> None:
    a = make_record("a", "Kherson Oblast was annexed. Kherson fell.", names={"Kherson Oblast": "PERSON", "Kherson": "PERSON"})
    assert not together(link([a]), "Kherson", "Kherson Oblast")


def test_people_sharing_a_surname_stay_apart() -> None:
    a = make_record("a", "John Smith met reporters.", names={"John Smith": "PERSON"})
    b = make_record("b", "Jane Smith disagreed.", names={"Jane Smith": "PERSON"})
    c = make_record("c", "Smith was quoted.", names={"Smith": "PERSON"})
    result = link([a, b, c])
    assert not together(result, "John Smith", "Jane Smith")
    assert not together(result, "Smith", "John Smith")
    assert not together(result, "Smith", "Jane Smith")


def test_acronym_defined_in_text_is_an_alias() -> None:
    text = "The city was liberated by the Armed Forces of Ukraine (ZSU). The ZSU advanced."
    a = make_record("a", text, names={"Armed Forces of Ukraine": "ORG", "ZSU": "ORG"})
    result = link([a])
    assert together(result, "Armed Forces of Ukraine", "ZSU")
    assert next(e for e in result.entities if "ZSU" in e.aliases).name == "Armed Forces of Ukraine"


def test_different_gazetteer_ids_never_merge_and_equal_ids_do() -> None:
    a = make_record("a", "Paris is large.", places={"Paris": geo("geonames:1")})
    b = make_record("b", "Paris is small.", places={"Paris": geo("geonames:2")})
    c = make_record("c", "Lutetia was old.", places={"Lutetia": geo("geonames:1")})
    result = link([a, b, c])
    paris = [e for e in result.entities if "Paris" in e.aliases]
    assert len(paris) == 2
    assert together(result, "Paris", "Lutetia")
    assert {e.geo.gazetteer_id for e in paris if e.geo} == {"geonames:1", "geonames:2"}


def test_place_record_overrides_overlapping_ner_mention() -> None:
    a = make_record("a", "Shelling hit Mykolaiv.", names={"Mykolaiv": "PERSON"})
    place = make_record("a", "Shelling hit Mykolaiv.", places={"Mykolaiv": geo("geonames:700569")})
    record = a.__class__(document=a.document, sentences=a.sentences, mentions=a.mentions, places=place.places)
    (entity,) = link([record]).entities
    assert entity.type == "GPE"
    assert entity.geo is not None and entity.geo.gazetteer_id == "geonames:700569"
    assert len(entity.mentions) == 1


def test_infobox_link_is_a_strong_alias_hint() -> None:
    meta = {"front_matter": {"infoboxes": [{"place": {"links": [{"text": "Kyiv", "page": "Kiev (city)"}]}}]}}
    a = make_record("a", "Kyiv was calm.", names={"Kyiv": "GPE"}, meta=meta)
    b = make_record("b", "Kiev was calm.", names={"Kiev": "GPE"})
    assert together(link([a, b]), "Kyiv", "Kiev")


def test_evidence_offsets_point_into_the_text() -> None:
    a = make_record("a", "The Dnieper River's banks. Putin spoke.", names={"Dnieper River's": "LOC", "Putin": "PERSON"})
    for entity in link([a]).entities:
        for m in entity.mentions:
            assert a.document.text[m.start:m.end] == m.text
    assert together(link([a]), "Dnieper River")


def test_a_street_placed_at_its_town_stays_its_own_entity() -> None:
    from dataclasses import replace

    town = geo("geonames:2643743", 51.507, -0.128)
    text = "Officials at Downing Street said the bridge in London would reopen. London was calm."
    from dossier.geo.resolve import PLACED_AT

    record = make_record(
        "a", text,
        places={"London": replace(town, name="London"), "Downing Street": replace(town, name="London", precision=2)},
    )
    why = f"a street the gazetteer does not list: {PLACED_AT}, London"
    record = replace(record, places=tuple(
        replace(p, reason=why) if p.text == "Downing Street" else p for p in record.places
    ))
    result = link([record])
    by_name = {e.name: e for e in result.entities}
    assert {"London", "Downing Street"} <= set(by_name)
    assert "Downing Street" not in by_name["London"].aliases
    # it keeps its approximate point for the map
    assert by_name["Downing Street"].geo is not None and by_name["Downing Street"].geo.lat == 51.507


def test_a_place_and_a_company_spelt_alike_do_not_merge() -> None:
    a = make_record("a", "The airline ordered jets in Beijing on Monday.",
                    places={"Beijing": geo("geonames:1816670", 39.9, 116.4)})
    b = make_record("b", "Boeing said the jets would be late.", names={"Boeing": "ORG"})
    names = {e.name: e for e in link([a, b]).entities}
    assert "Boeing" in names and "Beijing" in names and names["Boeing"].id != names["Beijing"].id


def test_one_acronym_defined_for_names_sharing_most_words_merges_them() -> None:
    a = make_record("a", "Apple opened its Worldwide Developers Conference (WWDC) on Monday.",
                    names={"Worldwide Developers Conference": "ORG", "Apple": "ORG"})
    b = make_record("b", "Crowds came to the Apple Worldwide Developers Conference (WWDC) in June.",
                    names={"Apple Worldwide Developers Conference": "ORG"})
    c = make_record("c", "Chefs trained at the Culinary Institute of America (CIA) for years.",
                    names={"Culinary Institute of America": "ORG"})
    d = make_record("d", "Analysts at the Central Intelligence Agency (CIA) disagreed.",
                    names={"Central Intelligence Agency": "ORG"})
    groups = {e.name: set(e.aliases) for e in link([a, b, c, d]).entities}
    assert any({"Worldwide Developers Conference", "Apple Worldwide Developers Conference"} <= al
               for al in groups.values())
    assert not any({"Culinary Institute of America", "Central Intelligence Agency"} <= al for al in groups.values())


def test_a_name_written_as_one_word_or_two_merges() -> None:
    a = make_record("a", "The World Wide Web Consortium met in Boston.", names={"World Wide Web Consortium": "ORG"})
    b = make_record("b", "The Worldwide Web Consortium published a standard.", names={"Worldwide Web Consortium": "ORG"})
    (merged,) = [e for e in link([a, b]).entities if "Consortium" in e.name]
    assert set(merged.aliases) == {"World Wide Web Consortium", "Worldwide Web Consortium"}
