"""Import a GeoNames dump into the gazetteer index, streaming (files of any size).

Three files in GeoNames' own tab-separated formats are understood, by their columns:

* ``allCountries.txt`` (or a country file ``UA.txt``): 19 columns per feature. Populated
  places, countries, first-level regions, and the natural and built features news names
  (rivers, lakes, seas, peninsulas, islands, mountains, dams, bridges, regions) are kept;
  their GeoNames positions replace the embedded estimates.
* ``admin1CodesASCII.txt``: ``CC.CODE <tab> name <tab> asciiname <tab> geonameid``.
* ``alternateNamesV2.txt`` (or ``alternateNames.txt``): alternate names of places already
  in the index (import it after the features).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dossier.geo.gazetteer import KIND_ALT, PlaceRow, add_names, open_for_write, pid_of, write_rows

logger = logging.getLogger(__name__)

#: GeoNames feature (class, code prefix) -> dossier feature. From the GeoNames feature
#: code list (https://www.geonames.org/export/codes.html); first match wins.
FEATURE_CODES: tuple[tuple[str, str, str], ...] = (
    ("A", "PCL", "country"),
    ("A", "ADM1", "region"),
    ("A", "ADM2", "district"),
    ("A", "TERR", "region"),
    ("L", "CONT", "continent"),
    ("L", "RGN", "region"),
    ("L", "AREA", "region"),
    ("P", "", "city"),
    ("H", "STM", "river"),
    ("H", "LK", "lake"),
    ("H", "RSV", "lake"),
    ("H", "SEA", "sea"),
    ("H", "BAY", "sea"),
    ("H", "GULF", "sea"),
    ("H", "STRT", "sea"),
    ("H", "OCN", "sea"),
    ("T", "PEN", "peninsula"),
    ("T", "ISL", "island"),
    ("T", "MT", "mountain"),
    ("S", "DAM", "dam"),
    ("H", "DAM", "dam"),
    ("S", "BDG", "bridge"),
)
#: Alternate-name "languages" that are not names (links, postcodes, airport codes…).
NOT_NAMES = frozenset({"link", "post", "iata", "icao", "faac", "fr_1793", "wkdt", "unlc", "tcid", "abbr"})
BATCH = 20_000
ALL_COUNTRIES_COLUMNS = 19
ALTERNATE_COLUMNS = (4, 10)  # alternateNames.txt has 8 columns, alternateNamesV2.txt 10


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What one import added."""

    path: str
    kind: str
    rows: int
    kept: int


def feature_of(fclass: str, fcode: str) -> str | None:
    """The dossier feature of a GeoNames feature class and code (``None``: not kept)."""
    for cls, prefix, feature in FEATURE_CODES:
        if fclass == cls and fcode.startswith(prefix):
            return feature
    return None


def _lines(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def sniff(path: Path) -> str:
    """Which GeoNames file this is: ``features``, ``admin1`` or ``alternates``."""
    for cols in _lines(path):
        if len(cols) == ALL_COUNTRIES_COLUMNS:
            return "features"
        if len(cols) == 4 and "." in cols[0]:
            return "admin1"
        if len(cols) >= 4 and cols[0].isdigit() and cols[1].isdigit():
            return "alternates"
        break
    raise ValueError(f"{path}: not a GeoNames allCountries, admin1CodesASCII or alternateNames file")


def feature_rows(path: Path, counter: list[int]) -> Iterator[PlaceRow]:
    """Kept features of an allCountries-format file, as rows to index."""
    for cols in _lines(path):
        counter[0] += 1
        if len(cols) != ALL_COUNTRIES_COLUMNS:
            continue
        feature = feature_of(cols[6], cols[7])
        if feature is None:
            continue
        try:
            lat, lon = float(cols[4]), float(cols[5])
            population = int(cols[14] or 0)
        except ValueError:
            continue
        counter[1] += 1
        alternates = tuple(a for a in cols[3].split(",") if a) + ((cols[2],) if cols[2] != cols[1] else ())
        yield PlaceRow(
            gid=f"geonames:{cols[0]}",
            name=cols[1],
            lat=lat,
            lon=lon,
            feature=feature,
            country=cols[8] or None,
            admin1=(cols[10] or None) if feature not in {"country", "continent"} else None,
            population=population,
            alternates=alternates,
            codes=(cols[8],) if feature == "country" and cols[8] else (),
        )


def _drop_derived_regions(conn: sqlite3.Connection) -> None:
    """Regions derived from towns give way to GeoNames' own first-level regions."""
    derived = conn.execute(
        "SELECT d.pid, r.pid FROM places d JOIN places r ON r.country = d.country AND r.admin1 = d.admin1 "
        "AND r.feature = 'region' AND r.gid LIKE 'geonames:%' WHERE d.gid LIKE 'admin1:%'"
    ).fetchall()
    for old, new in derived:
        conn.execute(
            "INSERT OR IGNORE INTO names (key, pid, kind) SELECT key, ?, ? FROM names WHERE pid = ?",
            (new, KIND_ALT, old),
        )
        conn.execute(
            "INSERT OR IGNORE INTO skels (key, pid) SELECT key, ? FROM skels WHERE pid = ?", (new, old)
        )
        for table in ("names", "skels", "places"):
            conn.execute(f"DELETE FROM {table} WHERE pid = ?", (old,))


def import_features(conn: sqlite3.Connection, path: Path) -> ImportReport:
    """Stream an allCountries-format file into the index."""
    counter = [0, 0]
    rows = feature_rows(path, counter)
    while True:
        batch = [row for _, row in zip(range(BATCH), rows, strict=False)]
        if not batch:
            break
        with conn:
            write_rows(conn, batch)
    with conn:
        _drop_derived_regions(conn)
    return ImportReport(str(path), "features", counter[0], counter[1])


def import_admin1(conn: sqlite3.Connection, path: Path) -> ImportReport:
    """Name first-level regions from an admin1CodesASCII file."""
    rows = kept = 0
    with conn:
        for cols in _lines(path):
            rows += 1
            if len(cols) < 4 or "." not in cols[0]:
                continue
            country, code = cols[0].split(".", 1)
            targets = [pid_of(f"geonames:{cols[3]}"), pid_of(f"admin1:{country}.{code}")]
            for pid in targets:
                if conn.execute("SELECT 1 FROM places WHERE pid = ?", (pid,)).fetchone():
                    add_names(conn, pid, [cols[1], cols[2]], KIND_ALT)
                    kept += 1
                    break
    return ImportReport(str(path), "admin1", rows, kept)


def import_alternates(conn: sqlite3.Connection, path: Path) -> ImportReport:
    """Add alternate names to places already in the index."""
    rows = kept = 0
    pending: dict[int, list[str]] = {}

    def flush() -> None:
        with conn:
            for pid, names in pending.items():
                if conn.execute("SELECT 1 FROM places WHERE pid = ?", (pid,)).fetchone():
                    add_names(conn, pid, names, KIND_ALT)
        pending.clear()

    for cols in _lines(path):
        rows += 1
        if len(cols) < 4 or not cols[1].isdigit() or cols[2] in NOT_NAMES:
            continue
        if len(cols) >= 8 and cols[7] == "1":  # historic
            continue
        pending.setdefault(int(cols[1]), []).append(cols[3])
        kept += 1
        if len(pending) >= BATCH:
            flush()
    flush()
    return ImportReport(str(path), "alternates", rows, kept)


IMPORTERS = {"features": import_features, "admin1": import_admin1, "alternates": import_alternates}
ORDER = ("features", "admin1", "alternates")


def import_files(index: Path, paths: Iterable[Path]) -> list[ImportReport]:
    """Import GeoNames files into the index at ``index`` (created if missing), features
    first, then region names, then alternate names, whatever order they are given in.

    Args:
        index: the gazetteer file (usually ``gazetteer.default_index_path()``).
        paths: GeoNames files.

    Returns:
        One report per file.

    Raises:
        ValueError: a file is not in a GeoNames format this understands.
    """
    kinds = [(sniff(Path(p)), Path(p)) for p in paths]
    kinds.sort(key=lambda kp: ORDER.index(kp[0]))
    conn = open_for_write(index)
    try:
        return [IMPORTERS[kind](conn, path) for kind, path in kinds]
    finally:
        conn.close()
