"""Publication dates given in metadata: only real calendar dates are taken."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath
from urllib.parse import urlparse

#: A full date written in a name: year, month and day with one separator used twice
#: ("2014.06.04", "2022-11-11", "/2022/11/11/"). htmldate reads the URL forms but not the
#: dotted one that scrapers often put in file names, so this reads both.
_NAMED_DATE = re.compile(
    r"(?<![\d.])((?:19|20)\d\d)([-_./])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?!\d)"
)


def is_iso_date(value: str) -> bool:
    """``YYYY-MM-DD`` naming a day that exists (no 2023-02-30, no month 13)."""
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def date_in_name(path: str) -> tuple[str, str] | None:
    """A publication date written in a source's file name or URL path, with where it was seen.

    Args:
        path: a file path (only its last part is read: a folder's date may be when it was
            saved) or a URL (its path).

    Returns:
        (ISO date, explanation), or None when the name holds no real calendar date.
    """
    if "://" in path:
        name, where = urlparse(path).path, "URL"
    else:
        name, where = PurePosixPath(path.replace("\\", "/")).name, "file name"
    for m in reversed(list(_NAMED_DATE.finditer(name))):  # the last one: nearest the document
        value = f"{m[1]}-{int(m[3]):02d}-{int(m[4]):02d}"
        if is_iso_date(value):
            return value, f"the date in its {where}: {m[0]!r}"
    return None
