"""The parsed form of one temporal expression, before it is anchored.

A ``Parse`` holds what the words say ("Friday", "the end of", "two years ago") as fields;
``dossier.temporal.resolve`` turns it into a TIMEX3 value once the reference time is known.
A parse can be written to a compact rule string and read back, so a value can be
re-resolved later (``reanchor``) when a document's date is inferred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

#: Fields that go into a rule string, in a fixed order (determinism).
_RULE_FIELDS = ("y", "m", "d", "wd", "hh", "mi", "pod", "zone", "season", "quarter", "half", "holiday",
                "rel", "gran", "ana", "dir", "value", "shift", "end")  # fmt: skip


@dataclass(slots=True)
class Parse:
    """What a temporal expression says, field by field.

    Attributes:
        start: offset of the expression in the text it was found in.
        end: end offset (exclusive).
        type: DATE, TIME, DURATION or SET.
        y, m, d: explicit calendar fields.
        wd: ISO weekday (Monday = 1).
        hh, mi: clock time.
        pod: part of day (MO, AF, EV, NI, DT).
        zone: time zone named in the text, kept as written ("Moscow time", "UTC").
        season: SP, SU, FA, WI.
        quarter, half: quarter (1-4) or half (1-2) of a year.
        holiday: a movable feast computed per year (``thanksgiving``, ``easter``...).
        rel: a deictic offset from the reference time: unit letter and count
            ("D", -1) for "yesterday", ("Y", 0) for "this year".
        gran: the granularity of the value for ``rel`` (defaults to its unit).
        ana: the reference is the last date mentioned (anaphora), not the DCT.
        dir: which way an underspecified date lies from the reference: past, future, this.
        value: a value that needs no anchoring (durations, PRESENT_REF, "17").
        mod: TIMEX3 mod.
        shift: the date the other fields name, moved by a unit and count ("six days after
            20 March 2023": the fields say 20 March 2023, shift ("D", 6)).
        end: for an interval, the parse of its end point.
    """

    start: int = 0
    end_offset: int = 0
    type: str = "DATE"
    y: int | None = None
    m: int | None = None
    d: int | None = None
    wd: int | None = None
    hh: int | None = None
    mi: int | None = None
    pod: str | None = None
    zone: str | None = None
    season: str | None = None
    quarter: int | None = None
    half: int | None = None
    holiday: str | None = None
    rel: tuple[str, int] | None = None
    gran: str | None = None
    ana: bool = False
    dir: str | None = None
    value: str | None = None
    mod: str | None = None
    shift: tuple[str, int] | None = None
    end: Parse | None = field(default=None, repr=False)

    @property
    def has_day(self) -> bool:
        """Does it name a day (by date, weekday or deixis)?"""
        return self.d is not None or self.wd is not None or (self.rel is not None and self.rel[0] == "D")

    @property
    def is_relative(self) -> bool:
        """Does its value depend on a reference time?"""
        if self.end is not None:
            return self.end.is_relative or (self.y is None and self.value is None)
        if self.value is not None and self.rel is None and not self.ana:
            return False
        return self.y is None


def to_rule(p: Parse) -> str:
    """Encode the anchoring-relevant fields of a parse as a compact, stable string."""
    parts = []
    for name in _RULE_FIELDS:
        v = getattr(p, name)
        if v is None or v is False:
            continue
        if name in {"rel", "shift"}:
            v = f"{v[0]}{v[1]:+d}"
        elif name == "end":
            v = "(" + to_rule(v).replace(";", ",") + ")"
        elif name == "ana":
            v = 1
        parts.append(f"{name}={v}")
    return ";".join(parts)


def from_rule(rule: str) -> Parse:
    """Decode a rule string written by ``to_rule``.

    Raises:
        ValueError: the string is not a rule.
    """
    p = Parse()
    for item in _split(rule, ";"):
        if not item:
            continue
        name, _, raw = item.partition("=")
        if name not in _RULE_FIELDS:
            raise ValueError(f"not a timex rule: {rule!r}")
        if name in {"rel", "shift"}:
            unit, count = re.fullmatch(r"([A-Z]+)([+-]\d+)", raw).groups()  # type: ignore[union-attr]
            setattr(p, name, (unit, int(count)))
        elif name == "end":
            p.end = from_rule(raw[1:-1].replace(",", ";"))
        elif name == "ana":
            p.ana = True
        elif name in {"y", "m", "d", "wd", "hh", "mi", "quarter", "half"}:
            setattr(p, name, int(raw))
        else:
            setattr(p, name, raw)
    return p


def _split(rule: str, sep: str) -> list[str]:
    """Split on ``sep`` outside parentheses."""
    out: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in rule:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == sep and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def copy(p: Parse, **changes: object) -> Parse:
    """A copy of ``p`` with some fields changed."""
    return replace(p, **changes)  # type: ignore[arg-type]


__all__ = ["Parse", "copy", "from_rule", "to_rule"]
