"""Cue words of attribution: speech verbs, evidence verbs, "according to", pronouns.

Pure constants and helpers. The verb lists follow the reporting verbs of news style guides
and the cue lexicon of attribution corpora (PARC 3.0's most frequent cues: say, tell, add,
claim, report, state, accord, estimate…); only generic English words, no names.
"""

from __future__ import annotations

import re

#: Verbs whose subject is the source of what follows (lemmas).
SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "state",
        "claim",
        "add",
        "write",
        "announce",
        "warn",
        "report",
        "estimate",
        "confirm",
        "deny",
        "insist",
        "argue",
        "explain",
        "note",
        "acknowledge",
        "admit",
        "assert",
        "declare",
        "allege",
        "predict",
        "reiterate",
        "call",
        "urge",
        "post",
        "tweet",
        "comment",
        "reply",
        "respond",
        "conclude",
        "describe",
        "stress",
        "emphasize",
        "emphasise",
        "testify",
        "brief",
        "promise",
        "vow",
        "threaten",
        "ask",
        "accuse",
        "recall",
        "continue",
        "agree",
        "maintain",
        "contend",
        "observe",
        "remark",
        "mention",
        "suggest",
        "indicate",
        "show",
        "reveal",
        "believe",
        "put",
        "quote",
        "cite",
        "inform",
        "caution",
        "concede",
        "disclose",
        "speak",
    }
)
#: Verbs whose that-clause is reported speech (a ``Quote`` with ``direct=False``): the
#: speech verbs but those that attribute without quoting (a reply, a tweet, an accusation,
#: a question) or that mostly take evidence or an object ("show", "call", "put").
REPORTING_VERBS = SPEECH_VERBS - frozenset(
    {
        "accuse", "agree", "ask", "believe", "brief", "call", "caution", "cite", "comment",
        "conclude", "continue", "describe", "indicate", "inform", "mention", "observe", "post",
        "put", "quote", "recall", "remark", "reply", "respond", "reveal", "show", "speak",
        "suggest", "tweet", "urge",
    }
)
#: Verbs of evidence: "satellite images showed", "footage suggested". They attribute a
#: claim to the evidence but do not make its clause a quote.
EVIDENCE_VERBS = frozenset({"show", "indicate", "suggest", "reveal", "confirm"})
#: A verb that only attributes when it takes a clause or a quoted complement ("call it a …").
NEEDS_COMPLEMENT = frozenset(
    {"call", "put", "continue", "describe", "ask", "speak", "post", "believe", "agree", "accuse"}
)
#: Verbs that are verbs of saying only with a clause ("admitted that…", not "the country
#: admitted 1.4 million refugees").
NEEDS_CLAUSE = frozenset(
    {"admit", "recall", "observe", "promise", "vow", "threaten", "accuse", "maintain", "mention", "continue"}
)
#: Verbs that deny what their complement says.
DENIAL_VERBS = frozenset({"deny", "dismiss", "reject", "refute", "dispute"})
#: Nouns for what someone said: "the ministry's statement that '…'" quotes the ministry.
STATEMENT_NOUNS = frozenset(
    {"statement", "claim", "assertion", "announcement", "insistence", "denial", "pledge", "promise",
     "warning", "remark", "comment", "declaration", "boast", "message", "tweet", "assurance",
     "allegation", "contention", "words", "vow", "threat", "admission"}
)

#: Title words that may stand before a name but are not part of it ("President", "General").
#: Source: common English titles and ranks of public office, military and clergy.
TITLE_WORDS = frozenset(
    {
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "general",
        "governor",
        "mayor",
        "chief",
        "commander",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "senator",
        "sen.",
        "rep.",
        "representative",
        "ambassador",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "bishop",
        "colonel",
        "col.",
        "gen.",
        "lt.",
        "lieutenant",
        "major",
        "maj.",
        "captain",
        "capt.",
        "sergeant",
        "admiral",
        "adviser",
        "advisor",
        "director",
        "head",
        "chair",
        "chairman",
        "chairwoman",
        "deputy",
        "official",
        "dr.",
        "dr",
        "mr.",
        "mr",
        "mrs.",
        "mrs",
        "ms.",
        "ms",
        "judge",
        "justice",
        "sheikh",
        "emir",
        "defence",
        "defense",
        "foreign",
        "interior",
        "health",
        "finance",
        "state",
        "analyst",
        "officer",
        "leader",
        "premier",
        "councillor",
        "councilor",
        "commissioner",
        "envoy",
        "professor",
        "prof.",
        "chief-of-staff",
    }
)

#: Common nouns for one person: a speaker described so ("a local farmer said") is a "he" or
#: "she" later, not an "it". Source: frequent human nouns of news attribution.
PERSON_NOUNS = TITLE_WORDS | frozenset(
    {
        "resident",
        "witness",
        "man",
        "woman",
        "farmer",
        "doctor",
        "nurse",
        "teacher",
        "student",
        "soldier",
        "volunteer",
        "survivor",
        "victim",
        "father",
        "mother",
        "son",
        "daughter",
        "brother",
        "sister",
        "wife",
        "husband",
        "friend",
        "neighbour",
        "neighbor",
        "journalist",
        "reporter",
        "correspondent",
        "expert",
        "researcher",
        "scientist",
        "economist",
        "historian",
        "lawyer",
        "attorney",
        "activist",
        "worker",
        "driver",
        "pilot",
        "engineer",
        "owner",
        "employee",
        "executive",
        "founder",
        "source",
        "insider",
        "diplomat",
        "politician",
        "lawmaker",
        "mp",
        "senator",
        "candidate",
        "priest",
        "imam",
        "rabbi",
        "coach",
        "player",
        "fan",
        "citizen",
        "refugee",
        "civilian",
        "commander",
        "fighter",
        "rebel",
        "protester",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "officer",
        "analyst",
        "minister",
    }
)

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
THING_PRONOUNS = frozenset({"it", "its"})
GROUP_PRONOUNS = frozenset({"they", "them", "their"})
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS

#: "by his estimate", "by their count", "in her words": a possessive naming the source.
POSSESSIVE_SOURCE = re.compile(
    r"\b(?:by|in|according\s+to)\s+(?P<who>his|her|its|their)\s+(?:own\s+)?"
    r"(?:estimates?|counts?|calculations?|figures?|tally|words|account|reckoning)\b",
    re.I,
)
#: "according to X", "according X" (a common typo), "citing X", "per X".
ACCORDING = re.compile(r"\b(?:according(?:\s+to)?|citing|as\s+reported\s+by|quoted\s+by)\s+", re.I)


def pronoun_kind(word: str) -> str | None:
    """ "person", "thing" or "group" for a third-person pronoun, else None."""
    w = word.lower()
    if w in PERSON_PRONOUNS:
        return "person"
    if w in THING_PRONOUNS:
        return "thing"
    if w in GROUP_PRONOUNS:
        return "group"
    return None
