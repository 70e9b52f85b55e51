"""Units of measure, currencies and rates written after (or before) a number.

Pure helpers. Canonical unit names follow quantulum3's unit list (``metre``, ``kilometre``,
``pound sterling``, ``percentage``…) so extractions can be compared with its test cases;
``display_unit`` gives the name a claim carries ("percent", "miles per hour").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Canonical name -> (kind, surface forms). Word forms match case-insensitively; forms listed in
# SYMBOLS match case-sensitively (m ≠ M). Source: SI brochure prefixes and symbols, US/UK
# customary units, ISO 4217 symbols of the currencies news reports most; names per quantulum3.
_WORD_UNITS: dict[str, tuple[str, tuple[str, ...]]] = {
    "metre": ("length", ("metre", "metres", "meter", "meters")),
    "kilometre": ("length", ("kilometre", "kilometres", "kilometer", "kilometers")),
    "centimetre": ("length", ("centimetre", "centimetres", "centimeter", "centimeters")),
    "millimetre": ("length", ("millimetre", "millimetres", "millimeter", "millimeters")),
    "nanometre": ("length", ("nanometre", "nanometres", "nanometer", "nanometers")),
    "mile": ("length", ("mile", "miles")),
    "nautical mile": ("length", ("nautical mile", "nautical miles")),
    "foot": ("length", ("foot", "feet")),
    "inch": ("length", ("inch", "inches")),
    "yard": ("length", ("yard", "yards")),
    "square kilometre": (
        "area",
        (
            "square kilometre",
            "square kilometres",
            "square kilometer",
            "square kilometers",
            "sq km",
            "km squared",
        ),
    ),
    "square mile": ("area", ("square mile", "square miles", "sq mi")),
    "square metre": ("area", ("square metre", "square metres", "square meter", "square meters")),
    "cubic kilometre": (
        "volume",
        ("cubic kilometre", "cubic kilometres", "cubic kilometer", "cubic kilometers", "km cubed"),
    ),
    "cubic metre": ("volume", ("cubic metre", "cubic metres", "cubic meter", "cubic meters")),
    "hectare": ("area", ("hectare", "hectares")),
    "acre": ("area", ("acre", "acres")),
    "litre": ("volume", ("litre", "litres", "liter", "liters")),
    "gallon": ("volume", ("gallon", "gallons")),
    "barrel": ("volume", ("barrel", "barrels")),
    "cup": ("volume", ("cup", "cups")),
    "tablespoon": ("volume", ("tablespoon", "tablespoons")),
    "kilogram": ("mass", ("kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos")),
    "gram": ("mass", ("gram", "grams", "gramme", "grammes")),
    "milligram": ("mass", ("milligram", "milligrams")),
    "tonne": ("mass", ("tonne", "tonnes", "metric ton", "metric tons")),
    "ton": ("mass", ("ton", "tons")),
    "ounce": ("mass", ("ounce", "ounces")),
    "second": ("time", ("second", "seconds")),
    "minute": ("time", ("minute", "minutes")),
    "hour": ("time", ("hour", "hours")),
    "day": ("time", ("day", "days")),
    "week": ("time", ("week", "weeks")),
    "month": ("time", ("month", "months")),
    "year": ("time", ("year", "years")),
    "decade": ("time", ("decade", "decades")),
    "degree Celsius": ("temperature", ("degrees Celsius", "degree Celsius", "degrees centigrade")),
    "degree fahrenheit": ("temperature", ("degrees Fahrenheit", "degree Fahrenheit")),
    "percentage": ("percent", ("percent", "per cent", "percentage points")),
    "kilometre per hour": (
        "speed",
        ("kilometres per hour", "kilometers per hour", "kilometre per hour", "kilometer per hour"),
    ),
    "mile per hour": ("speed", ("miles per hour", "mile per hour")),
    "times": ("count", ("times",)),
    "dollar": ("currency", ("dollar", "dollars")),
    "euro": ("currency", ("euro", "euros")),
    "pound sterling": ("currency", ("pounds sterling",)),
    "yen": ("currency", ("yen",)),
    "ruble": ("currency", ("ruble", "rubles", "rouble", "roubles")),
    "hryvnia": ("currency", ("hryvnia", "hryvnias", "hryvnias")),
    "cent": ("currency", ("cent", "cents")),
    "penny": ("currency", ("penny", "pennies", "pence")),
    "dime": ("currency", ("dime", "dimes")),
    "byte": ("data", ("byte", "bytes")),
    "bit": ("data", ("bit", "bits")),
    "exabyte": ("data", ("exabyte", "exabytes")),
    "terabyte": ("data", ("terabyte", "terabytes")),
    "gigabyte": ("data", ("gigabyte", "gigabytes")),
    "horsepower": ("power", ("horsepower",)),
    "megawatt": ("power", ("megawatt", "megawatts")),
    "kilowatt": ("power", ("kilowatt", "kilowatts")),
    "watt": ("power", ("watt", "watts")),
}
SYMBOLS: dict[str, str] = {
    "m": "metre",
    "km": "kilometre",
    "cm": "centimetre",
    "mm": "millimetre",
    "nm": "nanometre",
    "mi": "mile",
    "ft": "foot",
    "in": "inch",
    "yd": "yard",
    "km2": "square kilometre",
    "km²": "square kilometre",
    "km^2": "square kilometre",
    "m2": "square metre",
    "m²": "square metre",
    "km3": "cubic kilometre",
    "km^3": "cubic kilometre",
    "m3": "cubic metre",
    "ha": "hectare",
    "l": "litre",
    "L": "litre",
    "cl": "centilitre",
    "ml": "cubic centimetre",
    "kg": "kilogram",
    "g": "gram",
    "mg": "milligram",
    "t": "tonne",
    "lb": "pound-mass",
    "lbs": "pound-mass",
    "oz": "ounce",
    "tbsp": "tablespoon",
    "s": "second",
    "sec": "second",
    "min": "minute",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "°C": "degree Celsius",
    "°F": "degree fahrenheit",
    "%": "percentage",
    "km/h": "kilometre per hour",
    "kph": "kilometre per hour",
    "mph": "mile per hour",
    "W": "watt",
    "kW": "kilowatt",
    "MW": "megawatt",
    "GW": "gigawatt",
    "Wh": "watt hour",
    "kWh": "kilowatt hour",
    "MWh": "megawatt hour",
    "GWh": "gigawatt hour",
    "eV": "electronvolt",
    "TeV": "teraelectronvolt",
    "GHz": "gigahertz",
    "MHz": "megahertz",
    "MB": "megabyte",
    "GB": "gigabyte",
    "TB": "terabyte",
    "EB": "exabyte",
    "hp": "horsepower",
    "tpd": "ton per day",
    "bpd": "barrel per day",
    "mGy": "milligray",
}
#: Currency signs written before the amount (ISO 4217 symbols).
CURRENCY_SIGNS: dict[str, str] = {
    "US$": "dollar",
    "$": "dollar",
    "£": "pound sterling",
    "€": "euro",
    "¥": "yen",
    "₴": "hryvnia",
    "₽": "ruble",
    "₹": "rupee",
}
#: Rates: "per day", "a day", "daily", "/hour". Value = the time unit of the rate.
RATE_ADVERBS: dict[str, str] = {
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "annually": "year",
    "yearly": "year",
    "hourly": "hour",
    "nightly": "night",
}
RATE_NOUNS = (
    "second",
    "minute",
    "hour",
    "day",
    "night",
    "week",
    "month",
    "year",
    "kg",
    "person",
    "capita",
    "head",
)

#: Abbreviations that are also common words or letters: accepted only when nothing but an
#: end of clause or a measuring adjective follows ("2 in thick", "the pencil is 2 in.").
_AMBIGUOUS_SYMBOLS = {"in", "m", "t", "l", "s", "h", "g", "min", "W"}
_MEASURE_ADJ = re.compile(r"\s*(?:$|[.,;:)]|(?:thick|long|wide|tall|high|deep|away|apart)\b)")

KINDS: dict[str, str] = {name: kind for name, (kind, _) in _WORD_UNITS.items()}
KINDS.update(
    {
        "times": "count",
        "pound-mass": "mass",
        "centilitre": "volume",
        "cubic centimetre": "volume",
        "watt hour": "energy",
        "kilowatt hour": "energy",
        "megawatt hour": "energy",
        "gigawatt hour": "energy",
        "gigawatt": "power",
        "electronvolt": "energy",
        "teraelectronvolt": "energy",
        "gigahertz": "frequency",
        "megahertz": "frequency",
        "megabyte": "data",
        "ton per day": "rate",
        "barrel per day": "rate",
        "milligray": "dose",
        "rupee": "currency",
    }
)
TIME_UNITS = frozenset(name for name, kind in KINDS.items() if kind == "time")


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """A unit found right after a number."""

    end: int
    """Offset (in the text searched) just past the unit."""
    name: str
    kind: str


def _word_forms() -> list[tuple[str, str]]:
    forms = [(form, name) for name, (_, all_forms) in _WORD_UNITS.items() for form in all_forms]
    return sorted(forms, key=lambda f: -len(f[0]))


_FORMS = _word_forms()
_WORD_UNIT = re.compile(
    r"(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f, _ in _FORMS) + r")(?![A-Za-z])", re.I
)
_SYMBOL = re.compile(
    r"(?:" + "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True)) + r")(?![A-Za-z0-9²])"
)


def _name_of(form: str) -> str:
    folded = " ".join(form.lower().split())
    for surface, name in _FORMS:
        if surface.lower() == folded:
            return name
    return folded


def match_unit(text: str, pos: int) -> UnitMatch | None:
    """The unit starting at ``pos`` (after optional space or a hyphen), if any.

    Args:
        text: the text.
        pos: offset just past a number.
    """
    m = re.compile(r"[ \u00a0]?-?[ \u00a0]?").match(text, pos)
    at = m.end() if m else pos
    word = _WORD_UNIT.match(text, at)
    if word:
        name = _name_of(word.group())
        return UnitMatch(word.end(), name, KINDS.get(name, "other"))
    sym = _SYMBOL.match(text, at)
    if sym:
        symbol = sym.group()
        if symbol in _AMBIGUOUS_SYMBOLS and (at == pos + 1 and text[pos] == "-"):
            return None
        attached = symbol in {"m", "t", "g", "h", "s", "W"} and at == pos  # "10m", "5t"
        if symbol in _AMBIGUOUS_SYMBOLS and not _MEASURE_ADJ.match(text, sym.end()) and not attached:
            return None
        if symbol == "%" or at == pos or text[pos:at].strip() == "" or symbol not in _AMBIGUOUS_SYMBOLS:
            name = SYMBOLS[symbol]
            return UnitMatch(sym.end(), name, KINDS.get(name, "other"))
    return None


_RATE = re.compile(
    r"\s*(?:(?:per|a|an|each|every)\s+(?P<noun>[a-z]+)\b|/\s?(?P<slash>[a-z]+)\b|(?P<adv>"
    + "|".join(RATE_ADVERBS)
    + r")\b)",
    re.I,
)
_SINGULAR = {
    "days": "day",
    "hours": "hour",
    "weeks": "week",
    "months": "month",
    "years": "year",
    "minutes": "minute",
    "seconds": "second",
    "nights": "night",
}


def match_rate(text: str, pos: int) -> tuple[int, str] | None:
    """A rate ("per day", "a day", "daily", "/hour") starting at ``pos``.

    Returns:
        (end offset, time unit of the rate) or None.
    """
    m = _RATE.match(text, pos)
    if not m:
        return None
    if m.group("adv"):
        return m.end(), RATE_ADVERBS[m.group("adv").lower()]
    noun = (m.group("noun") or m.group("slash") or "").lower()
    noun = _SINGULAR.get(noun, noun)
    if noun in RATE_NOUNS or noun in {"h": "hour"}:
        return m.end(), noun
    if m.group("slash") and noun in {"h", "hr"}:
        return m.end(), "hour"
    return None


def currency_before(text: str, pos: int) -> tuple[int, str] | None:
    """A currency sign ending at ``pos`` ("$", "US$", "€", with an optional space)."""
    for sign in sorted(CURRENCY_SIGNS, key=len, reverse=True):
        for gap in ("", " "):
            start = pos - len(sign) - len(gap)
            if start >= 0 and text[start:pos] == sign + gap:
                return start, CURRENCY_SIGNS[sign]
    return None


def currency_after(text: str, pos: int) -> tuple[int, str] | None:
    """A currency sign right after a number ("15€", "15 €")."""
    m = re.compile(r"[ \u00a0]?(€|£|\$|₴|₽)").match(text, pos)
    return (m.end(), CURRENCY_SIGNS[m.group(1)]) if m else None


def display_unit(name: str | None, rate: str | None = None) -> str | None:
    """The unit a claim shows: "percent" for percentages, "X per day" for rates."""
    if name == "percentage":
        name = "percent"
    if rate:
        return f"{name} per {rate}" if name else f"per {rate}"
    return name
