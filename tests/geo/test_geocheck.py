"""Distance claims checked against the geodesic between resolved places."""

from __future__ import annotations

from dossier.link.geocheck import check_distances
from dossier.models import AnnotatedDocument, Document, Geo, Place, Sentence


def _place(text: str, doc: str, lat: float, lon: float, feature: str = "city") -> Place:
    start = doc.index(text)
    return Place(start, start + len(text), text, "GPE", Geo(lat, lon, f"geonames:{abs(hash(text))}", feature))


def _record(text: str, places: list[Place]) -> AnnotatedDocument:
    return AnnotatedDocument(
        Document(id="d", path="d", text=text), (Sentence(0, len(text), text),), places=tuple(places)
    )


def test_anchored_distance_that_agrees() -> None:
    text = "Troops retook Kyselivka, fifteen kilometers northwest of Kherson."
    places = [_place("Kyselivka", text, 47.002, 32.470), _place("Kherson", text, 46.637, 32.615)]
    (check,) = check_distances(_record(text, places))
    assert check.origin == "Kherson" and check.target == "Kyselivka"
    assert check.stated_km == 15 and 40 < check.measured_km < 45  # type: ignore[operator]
    assert check.direction == "northwest" and check.measured_direction == "north"
    assert check.agrees is False  # 15 km stated, ~42 km measured: off by more than a third


def test_miles_west_that_agree() -> None:
    text = "Mykolaiv, about 40 miles west of Kherson, was shelled."
    places = [_place("Mykolaiv", text, 46.975, 31.995), _place("Kherson", text, 46.637, 32.615)]
    (check,) = check_distances(_record(text, places))
    assert check.agrees is True and check.measured_direction in {"northwest", "west"}


def test_unanchored_distance_uses_the_previous_place() -> None:
    text = "From Kherson the front moved on. Bilozerka lies 20 kilometres to the west."
    places = [_place("Kherson", text, 46.637, 32.615), _place("Bilozerka", text, 46.633, 32.437)]
    record = AnnotatedDocument(
        Document(id="d", path="d", text=text),
        (Sentence(0, 32, text[:32]), Sentence(33, len(text), text[33:])),
        places=tuple(places),
    )
    (check,) = check_distances(record)
    assert check.origin == "Kherson" and check.target == "Bilozerka"
    assert check.agrees is True and check.measured_direction == "west"


def test_no_check_without_two_places_or_for_countries() -> None:
    text = "Ukraine is 20 kilometres to the west of nothing."
    assert check_distances(_record(text, [_place("Ukraine", text, 49, 32, "country")])) == []
    assert check_distances(_record("A 5 km walk.", [])) == []


def test_unresolved_origin_gives_no_measure_instead_of_a_wrong_one() -> None:
    text = "The Kakhovka Dam was damaged; troops retook Tyahynka, located 20 kilometres to the west."
    dam_start = text.index("Kakhovka Dam")
    dam = Place(dam_start, dam_start + 12, "Kakhovka Dam", "FAC", None, "no dam named 'Kakhovka Dam'")
    places = [dam, _place("Tyahynka", text, 46.78, 33.06)]
    (check,) = check_distances(_record(text, places))
    assert check.origin == "Kakhovka Dam" and check.target == "Tyahynka"
    assert check.measured_km is None and check.agrees is None and check.stated_km == 20
