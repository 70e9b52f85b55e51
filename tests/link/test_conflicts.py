"""Claims compared into conflicts, on hand-built records."""

from __future__ import annotations

from dataclasses import replace

from dossier.link import link
from dossier.link.conflicts import unit_key
from dossier.models import AnnotatedDocument, Quote, Sentence, claim_id, quote_id

from link_builders import claim_in, make_record


def test_unit_key_folds_synonyms_plurals_and_rates() -> None:
    assert unit_key("soldiers") == unit_key("troops") == ("troop", "")
    assert unit_key("artillery rounds per day") == ("round", "day")
    assert unit_key("rounds per day") == ("round", "day")
    assert unit_key(None) is None


def test_different_parties_different_values_is_a_conflict_with_explanation() -> None:
    text = ("The Ministry of Defence said all soldiers (approximately 30,000) had crossed the river. "
            "The minister disputed this. He said moving the troops takes a week (40,000 by his estimate).")
    c1 = claim_in(text, "The Ministry of Defence said all soldiers (approximately 30,000) had crossed the river.",
                  30000, "soldiers", "soldiers", who="Ministry of Defence", qualifier="approximately")
    c2 = claim_in(text, "He said moving the troops takes a week (40,000 by his estimate).", 40000, None, "them",
                  who="Oleksii Reznikov")
    a = make_record("a", text, claims=[c1, c2])
    (conflict,) = link([a]).conflicts
    assert conflict.kind == "quantity"
    assert set(conflict.claims) == {claim_id("a", 0), claim_id("a", 1)}
    assert "Ministry of Defence" in conflict.explanation and "Oleksii Reznikov" in conflict.explanation
    assert "different parties" in conflict.explanation


def test_agreeing_and_approximate_values_are_no_conflict() -> None:
    text = "Officials said about 30,000 soldiers left. Another report said 31,000 troops left the city."
    c1 = claim_in(text, "Officials said about 30,000 soldiers left.", 30000, "soldiers", "soldiers",
                  qualifier="about", who="Officials")
    c2 = claim_in(text, "Another report said 31,000 troops left the city.", 31000, "troops", "troops", who="report")
    assert link([make_record("a", text, claims=[c1, c2])]).conflicts == ()


def test_at_least_is_a_lower_bound() -> None:
    text = "At least six people were killed, police said. Later, eight people were killed, doctors said."
    c1 = claim_in(text, "At least six people were killed, police said.", 6, "people", "people",
                  qualifier="at least", who="police")
    c2 = claim_in(text, "Later, eight people were killed, doctors said.", 8, "people", "people", who="doctors")
    assert link([make_record("a", text, claims=[c1, c2])]).conflicts == ()


def test_different_actors_next_to_the_numbers_are_different_scopes() -> None:
    text = ("Russia is firing 20,000 artillery rounds per day, an official said. "
            "Ukraine is firing 4,000 to 7,000 rounds per day, the official added.")
    c1 = claim_in(text, "Russia is firing 20,000 artillery rounds per day, an official said.", 20000,
                  "artillery rounds per day", "artillery")
    c2 = claim_in(text, "Ukraine is firing 4,000 to 7,000 rounds per day, the official added.", None,
                  "rounds per day", "rounds", low=4000, high=7000)
    c1 = c1.__class__(**{**{f: getattr(c1, f) for f in c1.__slots__}, "number_start": text.index("20,000"),
                         "number_end": text.index("20,000") + 6})
    c2 = c2.__class__(**{**{f: getattr(c2, f) for f in c2.__slots__}, "number_start": text.index("4,000"),
                         "number_end": text.index("7,000") + 5})
    a = make_record("a", text, names={"Russia": "GPE", "Ukraine": "GPE"}, claims=[c1, c2])
    assert link([a]).conflicts == ()


def test_killed_and_injured_are_different_counts() -> None:
    text = "Six people were killed in the strike. Three people were injured in the strike."
    c1 = claim_in(text, "Six people were killed in the strike.", 6, "people", "people")
    c2 = claim_in(text, "Three people were injured in the strike.", 3, "people", "people")
    assert link([make_record("a", text, claims=[c1, c2])]).conflicts == ()


def test_one_voice_giving_several_figures_is_no_conflict() -> None:
    """A writer listing prices (or a spokesman giving two counts) is counting different things."""
    text = "The headset costs $299 at launch. The controller costs $59 in the same bundle."
    c1 = claim_in(text, "The headset costs $299 at launch.", 299, "dollars", "dollars")
    c2 = claim_in(text, "The controller costs $59 in the same bundle.", 59, "dollars", "dollars")
    assert link([make_record("a", text, claims=[c1, c2])]).conflicts == ()
    said = "Police said 12 people were hurt on Monday. Police said 30 people were hurt in the city."
    p1 = claim_in(said, "Police said 12 people were hurt on Monday.", 12, "people", "people", who="Police")
    p2 = claim_in(said, "Police said 30 people were hurt in the city.", 30, "people", "people", who="police")
    assert link([make_record("a", said, claims=[p1, p2])]).conflicts == ()
    # the same two figures from two voices are set against each other
    p3 = claim_in(said, "Police said 30 people were hurt in the city.", 30, "people", "people", who="medics")
    (conflict,) = link([make_record("a", said, claims=[p1, p3])]).conflicts
    assert conflict.kind == "quantity"


def test_amounts_are_set_against_each_other_only_about_the_same_thing() -> None:
    text = ("The headset costs $299, the retailer said. The controller costs $59, the maker said. "
            "Damage from the storm reached $2 billion, insurers said. Officials put the storm damage at $5 billion.")
    c1 = claim_in(text, "The headset costs $299, the retailer said.", 299, "dollar", "headset", who="the retailer")
    c2 = claim_in(text, "The controller costs $59, the maker said.", 59, "dollar", "controller", who="the maker")
    assert link([make_record("a", text, claims=[c1, c2])]).conflicts == ()
    d1 = claim_in(text, "Damage from the storm reached $2 billion, insurers said.", 2e9, "dollar", "damage",
                  who="insurers")
    d2 = claim_in(text, "Officials put the storm damage at $5 billion.", 5e9, "dollar", "damage", who="Officials")
    (conflict,) = link([make_record("a", text, claims=[d1, d2])]).conflicts
    assert set(conflict.claims) == {claim_id("a", 0), claim_id("a", 1)}
    # two outlets giving the storm's damage in their own voices contradict each other; two
    # prices in one story about a sale do not (what lies around the numbers differs)
    def priced(doc: str, text: str, figure: str, value: float, measured: str | None = None):  # noqa: ANN202
        at = text.index(figure)
        claim = replace(claim_in(text, text, value, "dollar", measured or ""), number_start=at,
                        number_end=at + len(figure), about=measured)
        return make_record(doc, text, names={"Oslo": "GPE"}, dates={"Monday": "2031-05-05"}, claims=[claim])

    a = priced("a", "On Monday in Oslo, the storm damage was put at $2 billion by the city.", "2 billion", 2e9)
    b = priced("b", "On Monday in Oslo, the damage from the storm reached $5 billion.", "5 billion", 5e9)
    assert [c.kind for c in link([a, b]).conflicts] == ["quantity"]  # by the words around them
    a = priced("a", "On Monday in Oslo, the store sold wool gloves at $29 a pair during the storm.", "29", 29)
    b = priced("b", "On Monday in Oslo, the store sold winter boots at $159 during the storm.", "159", 159)
    assert [c.kind for c in link([a, b]).conflicts] == ["quantity"]  # the words alone mislead …
    a = priced("a", "On Monday in Oslo, the store sold wool gloves at $29 a pair during the storm.", "29", 29, "glove")
    b = priced("b", "On Monday in Oslo, the store sold winter boots at $159 during the storm.", "159", 159, "boot")
    assert [c for c in link([a, b]).conflicts if c.kind == "quantity"] == []  # … what they measure does not


def test_conflict_across_documents_in_one_timeline_entry() -> None:
    ta = "On 11 November the ministry said 30,000 soldiers crossed the Dnipro river near Kherson."
    tb = "On 11 November Ukraine said 40,000 soldiers crossed the Dnipro river near Kherson."
    names = {"Dnipro": "LOC", "Kherson": "GPE"}
    a = make_record("a", ta, names=names, dates={"11 November": "2022-11-11"},
                    claims=[claim_in(ta, ta, 30000, "soldiers", "soldiers", who="the ministry")])
    b = make_record("b", tb, names=names, dates={"11 November": "2022-11-11"},
                    claims=[claim_in(tb, tb, 40000, "soldiers", "soldiers", who="Ukraine")])
    (conflict,) = link([a, b]).conflicts
    assert set(conflict.claims) == {claim_id("a", 0), claim_id("b", 0)}
    far = make_record("b", "In 1990 a census counted 40,000 soldiers in the country.",
                      claims=[claim_in("In 1990 a census counted 40,000 soldiers in the country.",
                                       "In 1990 a census counted 40,000 soldiers in the country.",
                                       40000, "soldiers", "soldiers")])
    assert link([a, far]).conflicts == ()


def test_contradicted_denial_is_a_statement_conflict() -> None:
    text = ("Footage showed captured tanks, contradicting the ministry's statement that "
            "'[n]ot a single piece of military equipment was left behind'.")
    q_start = text.index("[n]ot")
    quote = Quote(q_start, text.index("'.") , text[q_start:text.index("'.")])
    base = make_record("a", text)
    record = AnnotatedDocument(document=base.document, sentences=(Sentence(0, len(text), text),), quotes=(quote,))
    (conflict,) = link([record]).conflicts
    assert conflict.kind == "statement"
    assert conflict.claims == (quote_id("a", 0),)


def test_a_mere_never_in_a_quote_is_no_statement_conflict() -> None:
    names = {"Kherson": "GPE"}
    ta = "On 11 November soldiers entered Kherson. 'They never gave up on Kherson,' he said on 11 November."
    tb = "Soldiers entered Kherson on 11 November, and residents cheered them in Kherson."
    qa = ta.index("They never")
    a = make_record("a", ta, names=names, dates={"11 November": "2022-11-11"})
    a = AnnotatedDocument(a.document, a.sentences, a.mentions, a.timexes,
                          quotes=(Quote(qa, qa + len("They never gave up on Kherson,"), "They never gave up on Kherson,"),))
    b = make_record("b", tb, names=names, dates={"11 November": "2022-11-11"},
                    claims=[claim_in(tb, tb, 11, "November", "date")])
    assert [c for c in link([a, b]).conflicts if c.kind == "statement"] == []
