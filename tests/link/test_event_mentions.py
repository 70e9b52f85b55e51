"""Predicate-level event mentions: predicates from a parse, dates, participants, clusters."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st
from link_builders import make_record

from dossier.link import link
from dossier.link.events import event_mentions, spot_names
from dossier.models import Argument, Predicate


def _pred(text: str, word: str, *, tense: str | None, args: list[tuple[str, str]], clause: str | None = None,
          pos: str = "VERB", nth: int = 0) -> Predicate:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    arguments = []
    for phrase, role in args:
        s = text.index(phrase)
        last = phrase.split()[-1]  # the head of a name or noun phrase: its last word
        arguments.append(Argument(s, s + len(phrase), role, s + len(phrase) - len(last), s + len(phrase)))
    cs = text.index(clause) if clause else start
    ce = cs + len(clause) if clause else start + len(word)
    return Predicate(start, start + len(word), word, word.lower(), pos, tense, tuple(arguments), cs, ce)


NAMES = {"Acme": "ORG", "Zorin": "PERSON", "Bolt": "ORG"}


def _record(doc_id: str, text: str, preds: list[Predicate], *, dates: dict[str, str] | None = None,
            published: str | None = "2020-03-10"):
    rec = make_record(doc_id, text, names=NAMES, dates=dates or {}, published=published)
    return dataclasses.replace(rec, predicates=tuple(preds))


def test_clause_timex_dates_its_predicate_and_tense_dates_the_rest() -> None:
    text = "Acme bought Bolt on Friday. Zorin runs Acme. Acme will sell Bolt."
    preds = [
        _pred(text, "bought", tense="past", args=[("Acme", "subj"), ("Bolt", "obj")],
              clause="Acme bought Bolt on Friday"),
        _pred(text, "runs", tense="present", args=[("Zorin", "subj")], clause="Zorin runs Acme"),
        _pred(text, "sell", tense="future", args=[("Acme", "subj")], clause="Acme will sell Bolt"),
    ]
    rec = _record("a", text, preds, dates={"Friday": "2020-03-06"})
    mentions = {m.text: m for m in event_mentions([rec], link([rec]))}
    assert mentions["bought"].date is not None and mentions["bought"].date.value == "2020-03-06"
    assert mentions["bought"].date_basis == "timex"
    assert mentions["runs"].date is not None and mentions["runs"].date.value == "2020-03-10"
    assert mentions["runs"].date_basis == "tense"
    assert mentions["sell"].date is None
    ids = {e.name: e.id for e in link([rec]).entities}
    assert set(mentions["bought"].participants) == {ids["Acme"], ids["Bolt"]}
    assert mentions["runs"].participants == (ids["Zorin"],)


def test_story_day_dates_past_tense_and_pronoun_finds_its_name() -> None:
    text = "March 10, 2020. Acme bought a rival on Friday. It paid cash. Zorin said so."
    preds = [
        _pred(text, "bought", tense="past", args=[("Acme", "subj")], clause="Acme bought a rival on Friday"),
        _pred(text, "paid", tense="past", args=[("It", "subj")], clause="It paid cash"),
        _pred(text, "said", tense="past", args=[("Zorin", "subj")], clause="Zorin said so"),
    ]
    rec = _record("a", text, preds, dates={"March 10, 2020": "2020-03-10", "Friday": "2020-03-06"})
    result = link([rec])
    acme = next(e.id for e in result.entities if e.name == "Acme")
    mentions = {m.text: m for m in event_mentions([rec], result)}
    assert mentions["paid"].participants == (acme,)
    assert mentions["paid"].date is not None and mentions["paid"].date.value == "2020-03-06"
    assert mentions["paid"].date_basis == "story"


def test_same_predicate_and_participant_corefer_across_documents_not_across_dates() -> None:
    ta = "Acme bought Bolt on Friday after long talks."
    tb = "Acme bought Bolt on 6 March, sources said."
    tc = "Acme bought Bolt in 2015 for a song."
    recs = [
        _record("a", ta, [_pred(ta, "bought", tense="past", args=[("Acme", "subj")], clause=ta)],
                dates={"Friday": "2020-03-06"}),
        _record("b", tb, [_pred(tb, "bought", tense="past", args=[("Acme", "subj")], clause=tb)],
                dates={"6 March": "2020-03-06"}),
        _record("c", tc, [_pred(tc, "bought", tense="past", args=[("Acme", "subj")], clause=tc)],
                dates={"2015": "2015"}),
    ]
    mentions = {m.doc: m for m in event_mentions(recs, link(recs))}
    assert mentions["a"].cluster == mentions["b"].cluster
    assert mentions["c"].cluster != mentions["a"].cluster
    # order-independent
    again = {m.doc: m for m in event_mentions(list(reversed(recs)), link(list(reversed(recs))))}
    assert again == mentions


def test_followed_name_is_a_participant_even_unrecognised() -> None:
    text = "The Nikkei 225 fell sharply on Monday."
    pred = _pred(text, "fell", tense="past", args=[("The Nikkei 225", "subj")], clause=text)
    rec = _record("a", text, [pred], dates={"Monday": "2020-03-09"})
    (m,) = event_mentions([rec], link([rec]), {"NIKKEI 225": "q:nikkei"})
    assert "q:nikkei" in m.participants


def test_participants_are_read_up_to_the_arguments_head() -> None:
    text = "Zorin read the letter of Acme on Friday."
    args = [("Zorin", "subj"), ("the letter of Acme", "obj")]
    pred = _pred(text, "read", tense="past", args=args, clause=text)
    pred = dataclasses.replace(pred, args=(pred.args[0], dataclasses.replace(
        pred.args[1], head_start=text.index("letter"), head_end=text.index("letter") + len("letter"))))
    rec = _record("a", text, [pred], dates={"Friday": "2020-03-06"})
    result = link([rec])
    ids = {e.name: e.id for e in result.entities}
    (m,) = event_mentions([rec], result)
    assert m.participants == (ids["Zorin"],)


def test_records_without_predicates_give_no_mentions() -> None:
    rec = make_record("a", "Acme bought Bolt on Friday.", names=NAMES, dates={"Friday": "2020-03-06"})
    assert event_mentions([rec], link([rec])) == ()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.lists(st.sampled_from(["Acme", "Bolt Corp", "Zorin", "X"]), max_size=3))
def test_spot_names_finds_only_real_occurrences(text: str, names: list[str]) -> None:
    table = {tuple(n.split()): f"e{i}" for i, n in enumerate(names)}
    found = spot_names(text, table, ())
    for start, end, eid in found:
        assert 0 <= start < end <= len(text)
        assert tuple(text[start:end].split()) in table
        assert table[tuple(text[start:end].split())] == eid
    assert found == sorted(found)
    # longest match first, no overlap
    assert all(a[1] <= b[0] for a, b in zip(found, found[1:], strict=False))


def test_from_parse_reads_verbs_nouns_arguments_and_tense() -> None:
    from dossier.annotate import load_model
    from dossier.annotate.predicates import from_parse

    nlp = load_model()
    text = "Apple unveiled the iPhone yesterday. The release of the phone will follow in June."
    preds = {p.text: p for p in from_parse(nlp(text))}
    unveiled = preds["unveiled"]
    assert unveiled.pos == "VERB" and unveiled.tense == "past"
    roles = {text[a.start:a.end]: a.role for a in unveiled.args}
    assert roles.get("Apple") == "subj" and roles.get("the iPhone") == "obj"
    assert unveiled.clause_start is not None and unveiled.clause_end is not None
    assert preds["follow"].tense == "future"
    assert preds["release"].pos == "NOUN"
    assert any(text[a.start:a.end] == "the phone" for a in preds["release"].args)
