"""``dossier_quotes``: direct, split, partial and reported quotes with their speakers."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dossier.annotate  # noqa: F401  (registers the factories)
from dossier.models import Quote


def quotes(nlp: Any, text: str) -> list[Quote]:
    doc = nlp(text)
    return [span._.dossier_record for span in doc.spans["dossier_quotes"]]


def test_factory_is_registered() -> None:
    assert spacy.language.Language.has_factory("dossier_quotes")
    assert "doc.spans" in spacy.language.Language.get_factory_meta("dossier_quotes").assigns


@pytest.mark.slow
def test_quote_records_are_the_words_without_marks(nlp: Any) -> None:
    text = "“We will rebuild,” Mayor Carla Ruiz said."
    (q,) = quotes(nlp, text)
    assert q.text == text[q.start : q.end] == "We will rebuild"
    assert q.direct and q.cue == "said"
    assert q.speaker is not None and q.speaker.name == "Carla Ruiz" and q.speaker.role == "Mayor"


@pytest.mark.slow
def test_split_quote_and_pronoun_speaker(nlp: Any) -> None:
    text = (
        "Analyst Tom Weller spoke on Monday. “The people waited. They never gave up,” he said, "
        "adding that citizens were “already removing the symbols.”"
    )
    found = [q for q in quotes(nlp, text) if q.direct]
    assert [q.text for q in found] == [
        "The people waited. They never gave up",
        "already removing the symbols.",
    ]
    assert {q.speaker.name for q in found if q.speaker} == {"Tom Weller"}
    assert all(q.speaker for q in found)


@pytest.mark.slow
def test_surname_resolves_to_the_full_name(nlp: Any) -> None:
    text = "Jane Holt, a historian, said the city mattered. Holt said it was “a turning point.”"
    found = [q for q in quotes(nlp, text) if q.direct]
    assert found[0].speaker is not None and found[0].speaker.name == "Jane Holt"


@pytest.mark.slow
def test_organisation_speaker_through_it(nlp: Any) -> None:
    text = (
        "“The dam is safe,” the Water Authority said in a statement. "
        '"Stay away from the banks. The level is high," it said. “Expect more rain.”'
    )
    found = [q for q in quotes(nlp, text) if q.direct]
    assert len(found) == 3
    assert all(q.speaker is not None and q.speaker.name == "Water Authority" for q in found)


@pytest.mark.slow
def test_reported_speech_and_denials(nlp: Any) -> None:
    found = quotes(
        nlp, "Kyiv said its forces were taking control. The Kremlin denied the attack was planned."
    )
    reported = [q for q in found if not q.direct]
    assert [(q.speaker.name, q.cue) for q in reported if q.speaker] == [
        ("Kyiv", "said"),
        ("Kremlin", "denied"),
    ]
    assert reported[0].text == "its forces were taking control"


@pytest.mark.slow
def test_titles_and_scare_quotes_without_speaker_are_left_out(nlp: Any) -> None:
    assert quotes(nlp, "The choir sang “Ode to Joy” at the ceremony.") == []


@pytest.mark.slow
def test_claims_inside_a_quote_get_its_speaker(nlp: Any) -> None:
    doc = nlp("“We have six victims and 40 wounded,” Dmitri Vass, a local official, told reporters.")
    by = {s._.dossier_record.value: s._.dossier_record.attributed_to for s in doc.spans["dossier_quantities"]}
    assert by[40] is not None and by[40].name == "Dmitri Vass"


PIECES = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "'",
        "‘",
        "’",
        "he said",
        "she told",
        "it added",
        "We won",
        "Ann Lee",
        "the ministry",
        "said",
        ",",
        ".",
        "\n",
        "according to",
        "Kyiv",
        "that",
        "it's",
    ]
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PIECES, max_size=30).map(" ".join))
def test_offsets_are_valid_on_arbitrary_text(nlp: Any, text: str) -> None:
    doc = nlp(text)
    for span in doc.spans["dossier_quotes"]:
        q = span._.dossier_record
        assert doc.text[q.start : q.end] == q.text


@pytest.mark.slow
def test_a_nationality_describes_the_speaker(nlp: Any) -> None:
    (q,) = [
        q
        for q in quotes(nlp, "The 21-year-old ethnic Chechen said, “I am sorry for the lives I have taken.”")
        if q.direct
    ]
    assert q.speaker is not None and q.speaker.name != "Chechen" and "Chechen" in q.speaker.name


@pytest.mark.slow
def test_a_quote_over_two_paragraphs(nlp: Any) -> None:
    text = (
        "Mayor Ines Duarte said: “We will rebuild the bridge. It will take a year.\n\n"
        "“We have the money,” she added."
    )
    found = [q for q in quotes(nlp, text) if q.direct]
    assert [q.text for q in found] == [
        "We will rebuild the bridge. It will take a year.",
        "We have the money",
    ]
    assert all(q.speaker is not None and q.speaker.name == "Ines Duarte" for q in found)


@pytest.mark.slow
def test_cue_after_an_exclamation_and_continuation_past_other_names(nlp: Any) -> None:
    found = [
        q
        for q in quotes(nlp, "“The governor did a great job!” Sam Reyes tweeted. “Vote on Tuesday.”")
        if q.direct
    ]
    assert [q.speaker.name if q.speaker else None for q in found] == ["Sam Reyes", "Sam Reyes"]
    text = '"We lost that game," Heyward said, via Ann Boyd of the Daily Post. "We have to learn from it."'
    found = [q for q in quotes(nlp, text) if q.direct]
    assert [q.speaker.name if q.speaker else None for q in found] == ["Heyward", "Heyward"]


@pytest.mark.slow
def test_a_described_person_is_he_or_she_later(nlp: Any) -> None:
    text = "A local farmer said the water came at night. “We had no warning,” she said."
    (q,) = [q for q in quotes(nlp, text) if q.direct]
    assert q.speaker is not None and q.speaker.name == "local farmer"


@pytest.mark.slow
def test_a_statement_quoted_by_its_owner_noun_is_the_owners(nlp: Any) -> None:
    text = ("Footage on social media suggested that troops had captured several tanks, contradicting the "
            "Defence Ministry's statement that 'not a single piece of equipment was left behind on the bank'.")
    (quote,) = [q for q in quotes(nlp, text) if q.direct]
    assert quote.speaker is not None and quote.speaker.name == "Defence Ministry"
    assert quote.cue == "statement"
    text = "The army rejected the mayor's claim that \"the whole district is now under our control and safe\"."
    (quote,) = [q for q in quotes(nlp, text) if q.direct]
    assert quote.speaker is not None and quote.speaker.name == "mayor"
