"""``dossier_quantities``: spans, Claim records, the claim policy and attribution."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.annotate import DEFAULT_COMPONENTS, build_pipeline
from dossier.models import Claim


def claims(nlp: Any, text: str) -> list[Claim]:
    doc = nlp(text)
    return [span._.dossier_record for span in doc.spans["dossier_quantities"]]


def test_factory_is_registered_with_its_place_in_the_pipeline() -> None:
    assert spacy.language.Language.has_factory("dossier_quantities")
    meta = spacy.language.Language.get_factory_meta("dossier_quantities")
    assert "doc.spans" in meta.assigns
    assert "token.dep" in meta.requires
    assert DEFAULT_COMPONENTS.index("dossier_quantities") < DEFAULT_COMPONENTS.index("dossier_quotes")


@pytest.mark.slow
def test_claim_records_carry_sentence_and_expression(nlp: Any) -> None:
    text = "The storm hit the coast. At least 14 people died, officials said."
    doc = nlp(text)
    (span,) = doc.spans["dossier_quantities"]
    claim = span._.dossier_record
    assert claim.text == text[claim.start : claim.end] == "At least 14 people died, officials said."
    assert text[claim.number_start : claim.number_end] == "At least 14" == span.text
    assert (claim.value, claim.low, claim.qualifier, claim.unit) == (14, 14, "at least", "people")
    assert claim.attributed_to is not None and claim.attributed_to.name == "officials"


@pytest.mark.slow
def test_works_without_the_other_components() -> None:
    nlp = build_pipeline(components=("dossier_quantities",))
    assert "dossier_timex" not in nlp.pipe_names
    (claim,) = claims(nlp, "The fire destroyed 40 homes on 3 March.")
    assert claim.value == 40


@pytest.mark.slow
def test_policy_needs_a_counted_or_measured_thing(nlp: Any) -> None:
    assert claims(nlp, "The answer is 42.") == []
    assert claims(nlp, "It was one of the biggest blows of the war.") == []
    assert claims(nlp, "The war he launched nearly nine months ago goes on.") == []
    (c,) = claims(nlp, "There have been 45 days without shelling since the spring.")
    assert (c.value, c.unit) == (45, "day")


@pytest.mark.slow
def test_elided_and_partitive_counts_borrow_the_noun(nlp: Any) -> None:
    found = claims(nlp, "Six people were killed and three injured in the attack.")
    assert [(c.value, c.unit) for c in found] == [(6, "people"), (3, "people")]
    found = claims(nlp, "The strikes destroyed at least seven bridges, four of them over the river.")
    assert [(c.value, c.unit) for c in found] == [(7, "bridges"), (4, "bridges")]


@pytest.mark.slow
def test_attribution_scope_is_the_clause(nlp: Any) -> None:
    found = claims(nlp, "Two spans of the bridge were destroyed; according to a witness, 30 cars fell in.")
    by = {c.value: c.attributed_to.name if c.attributed_to else None for c in found}
    assert by == {2: None, 30: "witness"}


@pytest.mark.slow
def test_relative_locations_stay_with_the_outlet(nlp: Any) -> None:
    found = claims(nlp, "Six people died in Aston, about 55 miles west of the capital, officials said.")
    by = {c.value: c.attributed_to.name if c.attributed_to else None for c in found}
    assert by == {6: "officials", 55: None}


@pytest.mark.slow
def test_pronoun_and_possessive_sources(nlp: Any) -> None:
    text = (
        "Defence Minister Ana Ruiz told reporters the withdrawal would take a week. "
        "It would involve every unit (40,000 soldiers by her estimate)."
    )
    (c,) = [c for c in claims(nlp, text) if c.value == 40000]
    assert c.attributed_to is not None and c.attributed_to.name == "Ana Ruiz"
    assert c.attributed_to.role == "Defence Minister"


@pytest.mark.slow
def test_hedges_and_verification_notes(nlp: Any) -> None:
    text = "Officials said 30 civilians died. The agency has not verified the figures.\nNine boats sank."
    found = {c.value: c for c in claims(nlp, text)}
    assert found[30].hedged and found[30].hedge == "has not verified"
    assert not found[9].hedged  # another paragraph


WORDS = st.sampled_from(
    [
        "six",
        "people",
        "20,000",
        "rounds",
        "per day",
        "said",
        "he",
        "“",
        "”",
        '"',
        "at least",
        "about",
        "55",
        "miles",
        "west",
        "of",
        "Kyiv",
        "Feb.",
        "24",
        ".",
        ",",
        "\n",
        "officials",
        "(",
        ")",
        "according to",
        "reportedly",
        "from",
        "to",
        "4,000",
        "%",
        "half of the",
    ]
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=30).map(" ".join))
def test_offsets_are_valid_on_arbitrary_text(nlp: Any, text: str) -> None:
    doc = nlp(text)
    for span in doc.spans["dossier_quantities"]:
        c = span._.dossier_record
        assert doc.text[c.start : c.end] == c.text
        assert c.start <= c.number_start < c.number_end <= c.end
        assert doc.text[span.start_char : span.end_char] == span.text


@pytest.mark.slow
def test_ages_year_ranges_and_hyphenated_durations_are_not_claims(nlp: Any) -> None:
    assert claims(nlp, "His brother, Tamerlan, 26, was killed.") == []
    assert claims(nlp, "He won a six-year term and called a 48-hour strike.") == []
    assert claims(nlp, "Bombings in England (1970–79) are listed.") == []
    (c,) = claims(nlp, "More than two dozen fighters were killed.")
    assert (c.value, c.qualifier, c.unit) == (24, "more than", "fighters")


@pytest.mark.slow
def test_an_unnamed_source_hedges_its_claim(nlp: Any) -> None:
    (c,) = claims(nlp, "An unnamed official said 60 prisoners had escaped.")
    assert c.hedged and c.hedge == "unnamed"
    assert c.attributed_to is not None and "official" in c.attributed_to.name


@pytest.mark.slow
def test_scores_are_not_claims_and_a_number_is_not_its_own_source(nlp: Any) -> None:
    assert claims(nlp, "Nadal won 6-4, 7-6 (5) in the final.") == []
    (c,) = claims(nlp, "Fifty-one percent say the law should change, a new poll shows.")
    assert c.value == 51 and (c.attributed_to is None or "percent" not in c.attributed_to.name)


@pytest.mark.slow
def test_clause_only_verbs_and_hyphenated_properties(nlp: Any) -> None:
    text = "According to the Jordanian government, the country had admitted more than 1.4 million refugees."
    (c,) = claims(nlp, text)
    assert c.attributed_to is not None and c.attributed_to.name == "Jordanian government"
    assert claims(nlp, "The car has five-link suspension and two-door styling.") == []
    (hp,) = claims(nlp, "A 275 horsepower electric motor is mounted at the rear.")
    assert (hp.value, hp.unit) == (275, "horsepower")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("The store sold wool gloves at $29 a pair during the storm.", "glove"),
        ("The storm damage was put at $2 billion by the city.", "damage"),
        ("The damage from the storm reached $5 billion.", "damage"),
        ("The bank approved a $500 million loan for the bridge.", "loan"),
        ("SoftBank agreed to inject $6.5 billion in debt into the firm.", "debt"),
        ("Inflation rose to 7.5 percent in March.", "inflation"),
        ("It will start at $44,000.", None),  # a pronoun names nothing
    ],
)
def test_an_amount_says_what_it_measures(nlp: Any, text: str, about: str | None) -> None:
    (claim,) = claims(nlp, text)
    assert claim.about == about
