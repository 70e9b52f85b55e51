"""Name keys for the gazetteer: folding, transliteration skeletons and generic words.

Two keys per name. ``fold`` is the exact key (ASCII, lower case, punctuation dropped);
``skeleton`` merges the spelling variants that romanisations of one name produce
(``Tyahynka``/``Tiahynka``, ``Mykolaiv``/``Mykolayiv``, ``Kharkiv``/``Harkiv``), so a
lookup finds a place however the writer transliterated it.
"""

from __future__ import annotations

import re

from anyascii import anyascii

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLES = re.compile(r"(.)\1+")

#: Spelling variants that romanisation systems disagree on, applied in order. Taken from
#: the BGN/PCGN vs national systems (Ukrainian/Russian/Arabic/Persian): y~i~j, kh~h,
#: ts~tz~c, w~v, ph~f, ou~u, ck~k, q~k, soft signs/apostrophes dropped by ``fold``.
_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("kh", "h"),
    ("zh", "j"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("tz", "c"),
    ("ts", "c"),
    ("ph", "f"),
    ("ck", "k"),
    ("ou", "u"),
    ("ie", "i"),
    ("ye", "e"),
    ("q", "k"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("x", "ks"),
)

#: Generic words that name the kind of a place, with the feature they point to. The part
#: of the name left after removing one is looked up (``Kherson Oblast`` -> ``Kherson``).
REGION_WORDS = frozenset(
    {
        "oblast",
        "oblast'",
        "region",
        "province",
        "state",
        "governorate",
        "prefecture",
        "county",
        "district",
        "raion",
        "rayon",
        "krai",
        "kray",
        "canton",
        "department",
        "territory",
        "voivodeship",
        "municipality",
        "parish",
        "emirate",
        "republic",
    }
)
#: Region words that name a second-level division (a county, not a state).
DISTRICT_WORDS = frozenset({"county", "parish", "district", "raion", "rayon", "borough"})
CITY_WORDS = frozenset({"city", "town", "village", "township", "settlement", "municipality"})
NATURAL_WORDS: dict[str, str] = {
    "river": "river",
    "peninsula": "peninsula",
    "island": "island",
    "islands": "island",
    "lake": "lake",
    "sea": "sea",
    "bay": "sea",
    "gulf": "sea",
    "mountain": "mountain",
    "mountains": "mountain",
    "mount": "mountain",
    "valley": "region",
    "desert": "region",
    "dam": "dam",
    "reservoir": "lake",
    "bridge": "bridge",
    "strait": "sea",
    "coast": "region",
}


def fold(name: str) -> str:
    """The exact lookup key of a name: ASCII, lower case, words joined by one space.

    Args:
        name: any text.

    Returns:
        The key; empty when the name has no letters or digits.
    """
    text = anyascii(name).lower().replace("'", "").replace("`", "")
    return _NON_ALNUM.sub(" ", text).strip()


def skeleton(name: str) -> str:
    """The transliteration-tolerant key of a name (spaces removed, variants merged).

    Args:
        name: any text.

    Returns:
        The skeleton; empty when the name has no letters or digits.
    """
    key = fold(name).replace(" ", "")
    for old, new in _SKELETON_RULES:
        key = key.replace(old, new)
    return _DOUBLES.sub(r"\1", key)


def is_latin(name: str) -> bool:
    """Whether every letter of a name is in the Latin script (alternate names in other
    scripts are not indexed: anyascii would turn them into noise)."""
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in name)


def split_generic(name: str) -> tuple[str, str | None]:
    """Split a trailing or leading generic word off a name.

    ``Kherson Oblast`` -> (``Kherson``, ``region``); ``the city of Kherson`` is handled
    by the caller's context cues; ``Dnipro River`` -> (``Dnipro``, ``river``);
    ``Lake Erie`` -> (``Erie``, ``lake``).

    Args:
        name: a place name as written.

    Returns:
        The core name and the feature its generic word points to (``None`` when there is
        no generic word, or when nothing would be left).
    """
    words = name.split()
    if len(words) < 2:
        return name, None
    last = fold(words[-1])
    first = fold(words[0])
    if last in DISTRICT_WORDS:
        return " ".join(words[:-1]), "district"
    if last in REGION_WORDS:
        return " ".join(words[:-1]), "region"
    if last in CITY_WORDS:
        return " ".join(words[:-1]), "city"
    if last in NATURAL_WORDS:
        return " ".join(words[:-1]), NATURAL_WORDS[last]
    if first in {"lake", "mount", "river"}:
        return " ".join(words[1:]), NATURAL_WORDS[first]
    return name, None


DIRECTION_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "upper",
        "lower",
        "greater",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
    }
)


def is_abbreviation_of(abbrev: str, name: str) -> bool:
    """Whether a dotted abbreviation fits a name: its letters appear in the name in order,
    starting with the name's first letter (``Calif.`` California, ``Ky.`` Kentucky,
    ``W.Va.`` West Virginia).

    Args:
        abbrev: the abbreviation as written.
        name: a full name.
    """
    letters = fold(abbrev).replace(" ", "")
    target = fold(name).replace(" ", "")
    if not letters or not target or letters[0] != target[0] or len(letters) >= len(target):
        return False
    pos = 0
    for ch in letters:
        pos = target.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def adjective_stems(word: str) -> list[str]:
    """Nouns an English place adjective may come from (``Crimean`` -> ``Crimea``).

    Args:
        word: one word.

    Returns:
        Candidate nouns, most likely first; empty when the word has no adjective ending.
    """
    stems: list[str] = []
    if word.endswith(("ans", "ers", "ese", "ites")) and len(word) > 5 and word.endswith("s"):
        # plural demonyms: "Palestinians", "Ohioans", "New Yorkers"
        singular = word[:-1]
        stems += adjective_stems(singular)
        if singular.endswith("er"):
            stems.append(singular[:-2])
    if word.endswith("ian") and len(word) > 5:
        stems += [word[:-1], word[:-3] + "y", word[:-3] + "e", word[:-3]]
    if word.endswith("an") and len(word) > 4:
        stems += [word[:-1], word[:-2]]
    if word.endswith("ese") and len(word) > 5:
        stems.append(word[:-3])
    if word.endswith("ish") and len(word) > 5:
        stems.append(word[:-3])
    return list(dict.fromkeys(stems))
