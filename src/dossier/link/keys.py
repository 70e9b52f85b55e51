"""Normalised keys for names and words: the currency of blocking and of stable ids.

Every function here is pure and cheap. Names are folded to ASCII (``anyascii``), case-folded
and stripped of articles and possessives; ``skeleton`` goes further and maps the usual
transliteration variants onto one consonant skeleton, so that ``Dnieper``/``Dnipro``,
``Zelenskyy``/``Zelensky``/``Zelenskiy`` and ``Antonivskiy``/``Antonivka`` share a key.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from anyascii import anyascii

#: Words that make a name an administrative division: "Kherson" (the city) and "Kherson
#: Oblast" (the region) must stay apart, so these words are kept in keys and checked.
#: Drawn from the feature classes of GeoNames' ADM1–ADM3 names across languages.
ADMIN_WORDS = frozenset(
    "oblast region province county district state governorate prefecture raion rayon "
    "krai kray okrug municipality canton department voivodeship territory emirate "
    "hromada".split()
)

#: Generic words for natural features and structures. Dropped when names are compared:
#: "Dnieper River" ~ "Dnieper", "Crimean Peninsula" ~ "Crimea". (GeoNames feature codes
#: H.STM, T.PEN, S.BDG … in plain English.)
FEATURE_WORDS = frozenset(
    "river lake sea gulf bay mountain mountains mount peninsula island islands canal "
    "dam bridge road square street avenue strait valley desert forest plain hills "
    "city town village".split()
)

#: Articles and particles that do not distinguish names.
NAME_STOPWORDS = frozenset("the a an of for and de del la le al el von van der".split())

#: Adjectival / derivational endings of East-Slavic and other transliterated names, longest
#: first; "Antonivskiy" and "Antonivka" both become "antoniv". Applied only to tokens of
#: six letters or more so short names are never chopped.
NAME_SUFFIXES = (
    "skyy", "skyi", "skiy", "skij", "sky", "ski", "ska", "ske", "sko",
    "ka", "ian", "an", "ij", "iy", "yi", "yy",
)

#: Digraphs folded before the skeleton is taken (common romanisations of Cyrillic and
#: Arabic: kh/h, zh/z, sh/sch/shch, ch/tch, ts/tz, ph/f, ck/k, w/v, j/y→i).
_DIGRAPHS = (
    ("shch", "s"), ("sch", "s"), ("tch", "c"), ("kh", "h"), ("zh", "z"), ("sh", "s"),
    ("ch", "c"), ("ts", "c"), ("tz", "c"), ("ph", "f"), ("ck", "k"), ("gh", "g"),
    ("w", "v"), ("q", "k"), ("x", "ks"),
)

_TOKEN = re.compile(r"[a-z0-9]+")
_POSSESSIVE = re.compile(r"['’`]s?$")


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """ASCII-fold and case-fold ``text``."""
    return anyascii(text).casefold()


@lru_cache(maxsize=1 << 18)
def tokens(text: str) -> tuple[str, ...]:
    """The folded alphanumeric tokens of ``text``, possessives removed."""
    words = [_POSSESSIVE.sub("", w) for w in fold(text).split()]
    return tuple(t for w in words for t in _TOKEN.findall(w))


@lru_cache(maxsize=1 << 18)
def name_tokens(text: str) -> tuple[str, ...]:
    """The tokens of a name without articles and particles."""
    return tuple(t for t in tokens(text) if t not in NAME_STOPWORDS)


@lru_cache(maxsize=1 << 18)
def name_key(text: str) -> str:
    """The exact-match key of a name: folded tokens without articles, joined by spaces."""
    return " ".join(name_tokens(text))


@lru_cache(maxsize=1 << 18)
def core_tokens(text: str) -> tuple[str, ...]:
    """Name tokens without generic feature words (``river``, ``bridge`` …) or admin words."""
    toks = name_tokens(text)
    core = tuple(t for t in toks if t not in FEATURE_WORDS and t not in ADMIN_WORDS)
    return core or toks


@lru_cache(maxsize=1 << 18)
def is_admin(text: str) -> bool:
    """Whether the name carries an administrative-division word (``Oblast``, ``region``)."""
    return any(t in ADMIN_WORDS for t in name_tokens(text))


@lru_cache(maxsize=1 << 18)
def stem_name_token(token: str) -> str:
    """Strip one adjectival/derivational ending from a long name token."""
    if len(token) < 6:
        return token
    for suffix in NAME_SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)]
    return token


@lru_cache(maxsize=1 << 18)
def skeleton(token: str) -> str:
    """A transliteration-aware consonant skeleton of one folded token.

    The first letter is kept, digraphs are folded, later vowels (and y/j) dropped and
    doubled letters collapsed: ``dnieper`` → ``dnpr``, ``dnipro`` → ``dnpr``.
    """
    if not token:
        return ""
    if token.isdigit():
        return token
    s = token
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    head, tail = s[0], s[1:]
    tail = re.sub(r"[aeiouyj]", "", tail)
    out = head + tail
    return re.sub(r"(.)\1+", r"\1", out)


@lru_cache(maxsize=1 << 18)
def name_skeleton(text: str) -> str:
    """Skeleton key of a whole name: skeletons of its stemmed core tokens."""
    return " ".join(skeleton(stem_name_token(t)) for t in core_tokens(text))


@lru_cache(maxsize=1 << 18)
def skeleton_bag(text: str) -> str:
    """Sorted skeletons of a name's stemmed core tokens: word order and demonyms ignored.

    ``Russian Ministry of Defence`` and ``Russian Defence Ministry`` share it, and so do
    ``Ukrainian Armed Forces`` and ``Armed Forces of Ukraine``.
    """
    return " ".join(sorted(skeleton(stem_name_token(t)) for t in core_tokens(text)))


@lru_cache(maxsize=1 << 18)
def feature_words(text: str) -> frozenset[str]:
    """The generic feature words of a name (``bridge``, ``river`` …)."""
    return frozenset(t for t in name_tokens(text) if t in FEATURE_WORDS)


def initials(text: str) -> str:
    """Initials of the capitalised words of a name: ``Armed Forces of Ukraine`` → ``AFU``."""
    words = re.findall(r"[A-Za-z][\w'’-]*", anyascii(text))
    caps = [w for w in words if w[0].isupper() and w.casefold() not in NAME_STOPWORDS]
    return "".join(w[0] for w in caps).upper()


def short_hash(*parts: str, length: int = 12) -> str:
    """A short, stable hex digest of ``parts`` (ids derived from normalised keys)."""
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()
    return digest[:length]


#: English function words and reporting verbs that carry no event content; used when
#: sentences are compared by wording (a small stop list in the style of SMART's).
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers him his how i if in into is
    it its itself just me more most my no nor not now of off on once only or other our out
    over own same she should so some such than that the their them then there these they
    this those through to too under until up very was we were what when where which while
    who whom why will with would you your said says say told according reported report
    reports statement saying also one two three four five six seven eight nine ten first
    last since early late later year years month months day days week weeks monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov
    dec morning evening night today yesterday tomorrow on""".split()
)


@lru_cache(maxsize=1 << 18)
def word_stem(token: str) -> str:
    """A crude, deterministic stem: the first five letters after a few English endings.

    ``annexed``/``annexation`` → ``annex``; ``forces``/``force`` → ``forc``;
    ``Ukrainian``/``Ukraine`` → ``ukrai``.
    """
    t = token
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s"):
        if t.endswith(suffix) and len(t) - len(suffix) >= 3:
            t = t[: -len(suffix)]
            break
    if t.endswith("e") and len(t) > 4:
        t = t[:-1]
    return t[:5]


@lru_cache(maxsize=1 << 18)
def content_stems(text: str) -> frozenset[str]:
    """The stems of a sentence's content words (stop words and digits left out)."""
    return frozenset(
        word_stem(t) for t in tokens(text) if t not in STOPWORDS and not t.isdigit() and len(t) > 2
    )


def fresh_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… : the first not in ``taken``, which it joins."""
    unique, n = base, 1
    while unique in taken:
        n += 1
        unique = f"{base}-{n}"
    taken.add(unique)
    return unique
