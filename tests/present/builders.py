"""A small dossier built by hand (no model): two documents about a bridge collapse, one of
them hostile (HTML and script in its title and text), linked into entities, events and a
conflict. Used by the export, report, API and browser tests."""

from __future__ import annotations

from typing import Any

from dossier.models import (
    AnnotatedDocument,
    Claim,
    Conflict,
    Document,
    Entity,
    Event,
    EventDate,
    Evidence,
    Geo,
    LinkResult,
    Mention,
    Place,
    Published,
    Quote,
    Sentence,
    Speaker,
    Timex,
)
from dossier.store import Store

EVIL_TITLE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">Bridge <b>falls</b>'
EVIL_SENTENCE = (
    '<script>window.__pwned = 3</script> Click <a href="javascript:window.__pwned = 4">here</a> </script><!--'
)
A_SENTENCES = [
    "SPRINGFIELD, Ohio — The old bridge over the Mad River collapsed on Tuesday.",
    "Mayor Jane Roe said 12 people were hurt.",
    EVIL_SENTENCE,
    '"We will rebuild the bridge," Roe told reporters in Springfield.',
]
B_SENTENCES = [
    "The Mad River bridge in Springfield collapsed on 14 March 2023.",
    "At least 20 people were hurt, police said.",
    "Engineers from Columbus inspected the site in March 2023 = =cmd|' /C calc'!A0.",
    "Repairs began on Monday.",
]
EVIL_PLACE = 'Ohio<img src=x onerror="window.__pwned = 5">'
DOC_A, DOC_B = "docaaaaaaaaaaaa1", "docbbbbbbbbbbbb2"


def _doc(sentences: list[str]) -> tuple[str, tuple[Sentence, ...]]:
    text, spans = "", []
    for s in sentences:
        spans.append(Sentence(len(text), len(text) + len(s), s))
        text += s + " "
    return text, tuple(spans)


def _at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def _ev(doc: str, text: str, part: str) -> Evidence:
    s, e = _at(text, part)
    return Evidence(doc, s, e, part)


SPRINGFIELD = Geo(39.9242, -83.8088, "geonames:4525353", "city", "US", "OH", "Springfield", 1, 1.0)
OHIO = Geo(40.2503, -83.0002, "geonames:5165418", "region", "US", "OH", "Ohio", 3, 1.0)
COLUMBUS = Geo(39.9612, -82.9988, "geonames:4509177", "city", "US", "OH", "Columbus", 1, 1.0)


def records() -> list[AnnotatedDocument]:
    """The two annotated documents."""
    a_text, a_sents = _doc(A_SENTENCES)
    b_text, b_sents = _doc(B_SENTENCES)
    a = Document(
        DOC_A,
        "news/evil.html",
        a_text,
        title=EVIL_TITLE,
        outlet="<i>Evil</i> Gazette",
        kind="news",
        url="javascript:alert(1)",
        published=Published("2023-03-16", "metadata", "<meta> date"),
    )
    b = Document(
        DOC_B,
        "news/b.txt",
        b_text,
        title=None,
        outlet="Springfield Sun",
        kind="news",
        published=Published("2023-03-15", "inferred", "shares the collapse with docaaaa"),
    )
    a_claim = _at(a_text, A_SENTENCES[1])
    b_claim = _at(b_text, B_SENTENCES[1])
    quote = _at(a_text, "We will rebuild the bridge,")
    return [
        AnnotatedDocument(
            a,
            a_sents,
            mentions=(
                Mention(*_at(a_text, "SPRINGFIELD"), "SPRINGFIELD", "GPE"),
                Mention(*_at(a_text, "Ohio"), "Ohio", "GPE"),
                Mention(*_at(a_text, "Jane Roe"), "Jane Roe", "PERSON"),
                Mention(*_at(a_text, "Roe", 1), "Roe", "PERSON"),
            ),
            timexes=(Timex(*_at(a_text, "Tuesday"), "Tuesday", "DATE", "2023-03-14", anchor="dct"),),
            places=(Place(*_at(a_text, "SPRINGFIELD"), "SPRINGFIELD", geo=SPRINGFIELD),),
            claims=(
                Claim(
                    a_claim[0],
                    a_claim[1],
                    A_SENTENCES[1],
                    value=12,
                    unit="people",
                    about="people hurt",
                    attributed_to=Speaker("Jane Roe", *_at(a_text, "Jane Roe")),
                ),
            ),
            quotes=(
                Quote(
                    quote[0],
                    quote[1],
                    "We will rebuild the bridge,",
                    Speaker("Roe", *_at(a_text, "Roe", 1)),
                    "told",
                ),
            ),
        ),
        AnnotatedDocument(
            b,
            b_sents,
            mentions=(
                Mention(*_at(b_text, "Springfield"), "Springfield", "GPE"),
                Mention(*_at(b_text, "Columbus"), "Columbus", "GPE"),
            ),
            timexes=(
                Timex(
                    *_at(b_text, "14 March 2023"), "14 March 2023", "DATE", "2023-03-14", anchor="absolute"
                ),
                Timex(*_at(b_text, "March 2023", 1), "March 2023", "DATE", "2023-03", anchor="absolute"),
                Timex(*_at(b_text, "Monday"), "Monday", "DATE", "2023-03-13", anchor="dct"),
            ),
            claims=(
                Claim(
                    b_claim[0],
                    b_claim[1],
                    B_SENTENCES[1],
                    value=20,
                    unit="people",
                    about="people hurt",
                    qualifier="at least",
                    attributed_to=Speaker("police", *_at(b_text, "police")),
                    hedged=True,
                    hedge="said",
                ),
            ),
        ),
    ]


def links(recs: list[AnnotatedDocument]) -> LinkResult:
    """Entities, two events and a conflict over ``recs``."""
    a_text, b_text = recs[0].document.text, recs[1].document.text
    springfield = Entity(
        "e-springfield",
        "Springfield",
        "GPE",
        ("SPRINGFIELD", "Springfield"),
        (_ev(DOC_A, a_text, "SPRINGFIELD"), _ev(DOC_B, b_text, "Springfield")),
        SPRINGFIELD,
    )
    ohio = Entity("e-ohio", EVIL_PLACE, "GPE", ("Ohio",), (_ev(DOC_A, a_text, "Ohio"),), OHIO)
    columbus = Entity(
        "e-columbus", "Columbus", "GPE", ("Columbus",), (_ev(DOC_B, b_text, "Columbus"),), COLUMBUS
    )
    roe = Entity(
        "e-roe", "Jane Roe", "PERSON", ("Jane Roe", "Roe", "<b>Roe</b>"), (_ev(DOC_A, a_text, "Jane Roe"),)
    )
    collapse = Event(
        "ev-collapse",
        EventDate("2023-03-14", "day"),
        "The old bridge over the Mad River collapsed.",
        (
            _ev(DOC_A, a_text, A_SENTENCES[0]),
            _ev(DOC_A, a_text, A_SENTENCES[1]),
            _ev(DOC_B, b_text, B_SENTENCES[0]),
        ),
        2,
        "e-springfield",
        ("e-roe",),
    )
    inspect = Event(
        "ev-inspect",
        EventDate("2023-03", "month"),
        "Engineers from Columbus inspected the site <script>x</script>",
        (_ev(DOC_B, b_text, B_SENTENCES[2]),),
        1,
        "e-columbus",
        (),
    )
    repairs = Event(
        "ev-repairs",
        EventDate("2023-03-13", "day"),
        "Repairs began.",
        (_ev(DOC_B, b_text, B_SENTENCES[3]),),
        1,
        "e-springfield",
        (),
    )
    hurt = Conflict(
        "cf-hurt",
        "people hurt",
        "quantity",
        (f"{DOC_A}-c0", f"{DOC_B}-c0"),
        "Jane Roe: 12; police: at least 20 — different parties report different figures.",
    )
    return LinkResult(
        entities=(springfield, ohio, columbus, roe), events=(collapse, inspect, repairs), conflicts=(hurt,)
    )


def fill(store: Store) -> Store:
    """Write the documents and their links into ``store``."""
    recs = records()
    store.write_batch(recs)
    store.write_links(links(recs))
    return store


def find(items: list[dict[str, Any]], **match: Any) -> dict[str, Any]:
    """The one item whose fields equal ``match``."""
    found = [i for i in items if all(i.get(k) == v for k, v in match.items())]
    assert len(found) == 1, (match, found)
    return found[0]
