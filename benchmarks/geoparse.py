"""Geoparsing benchmark: GeoWebNews, LGL, TR-News and GeoVirus (evaluation only).

Usage::

    python benchmarks/geoparse.py [--corpus DIR] [--limit N] [--sets geowebnews,lgl]
                                  [--mode a|b|ab] [--halves]

(a) resolution given the gold names: accuracy within 161 km, mean and median error (km);
(b) end to end from raw text through the spaCy pipeline: toponym recognition P/R/F1 (a gold
span counts as found when a predicted span overlaps it) and the share of gold places found
and placed within 161 km; (c) documents per second of (b).

These corpora are never training data: they are read here and nowhere else.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from dossier.geo import gazetteer
from dossier.geo.distance import haversine_km
from dossier.geo.resolve import Query, resolve, with_cues

#: GeoWebNews span types that are place names (the rest are demonyms, languages, common nouns...).
GWN_TOPONYM_TYPES = {
    "Literal",
    "Mixed",
    "Metonymic",
    "Literal_Modifier",
    "Non_Literal_Modifier",
    "Embedded_Literal",
    "Embedded_Non_Lit",
    "Coercion",
}


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Article:
    text: str
    toponyms: tuple[Gold, ...]


def _f(node: ET.Element | None) -> float | None:
    return float(node.text) if node is not None and node.text else None


def _realign(text: str, start: int, end: int, phrase: str) -> tuple[int, int]:
    """Some gold offsets are a few characters off their phrase: take the nearest occurrence."""
    if not phrase or text[start:end] == phrase:
        return start, end
    found = text.find(phrase, max(0, start - 5))
    return (found, found + len(phrase)) if found >= 0 and abs(found - start) <= 5 else (start, end)


def load_geowebnews(root: Path) -> list[Article]:
    out = []
    for art in ET.parse(root / "geowebnews" / "GWN.xml").getroot().iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for t in art.iter("toponym"):
            if t.findtext("type") not in GWN_TOPONYM_TYPES:
                continue
            s, e = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            tops.append(Gold(s, e, text[s:e], _f(t.find("latitude")), _f(t.find("longitude"))))
        out.append(Article(text, tuple(tops)))
    return out


def load_lgl_like(path: Path) -> list[Article]:
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for t in art.iter("toponym"):
            s, e = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            s, e = _realign(text, s, e, t.findtext("phrase") or "")
            g = t.find("gaztag")
            lat = _f(g.find("lat")) if g is not None else None
            lon = _f(g.find("lon")) if g is not None else None
            tops.append(Gold(s, e, text[s:e], lat, lon))
        out.append(Article(text, tuple(tops)))
    return out


def load_geovirus(root: Path) -> list[Article]:
    out = []
    for art in ET.parse(root / "geovirus" / "GeoVirus.xml").getroot().iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for t in art.iter("location"):
            s, e = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            s, e = _realign(text, s, e, t.findtext("name") or "")
            tops.append(Gold(s, e, text[s:e], _f(t.find("lat")), _f(t.find("lon"))))
        out.append(Article(text, tuple(tops)))
    return out


#: Whether each corpus's gold takes place adjectives ("Russian forces", "Irish") as toponyms:
#: GeoWebNews types them (Literal_Modifier / Non_Literal_Modifier, see its SOURCE.md); LGL's and
#: TR-News' gold carries them too ("Irish", "Ohioans", "Americans" resolved to their place);
#: GeoVirus links only place names. ``--demonyms auto`` follows this.
DEMONYM_CONVENTION = {"geowebnews": True, "lgl": True, "tr-news": True, "geovirus": False}

LOADERS = {
    "geowebnews": load_geowebnews,
    "lgl": lambda root: load_lgl_like(root / "lgl" / "lgl.xml"),
    "tr-news": lambda root: load_lgl_like(root / "tr-news" / "TR-News.xml"),
    "geovirus": load_geovirus,
}


def run_given_names(
    articles: list[Article], gaz: gazetteer.Gazetteer, *, place_unlisted: bool = False
) -> dict[str, float]:
    """(a): resolve the gold names of each article jointly; score against gold points."""
    errors: list[float] = []
    for art in articles:
        golds = [g for g in art.toponyms if g.lat is not None and g.text.strip()]
        if not golds:
            continue
        queries = with_cues([Query(g.start, g.end, g.text) for g in golds], art.text)
        for g, r in zip(golds, resolve(queries, gaz, place_unlisted=place_unlisted), strict=True):
            if r.candidate is None:
                errors.append(20038.0)  # half the Earth's circumference: unresolved
            else:
                errors.append(haversine_km(g.lat, g.lon, r.candidate.lat, r.candidate.lon))  # type: ignore[arg-type]
    n = len(errors) or 1
    return {
        "n": len(errors),
        "acc161": sum(e <= 161 for e in errors) / n,
        "mean_km": statistics.fmean(errors) if errors else 0.0,
        "median_km": statistics.median(errors) if errors else 0.0,
    }


def run_end_to_end(
    articles: list[Article], *, demonyms: bool = False, place_unlisted: bool = False
) -> dict[str, float]:
    """(b) and (c): the full pipeline on raw text."""
    from dossier.annotate import annotate, build_pipeline
    from dossier.models import Document

    nlp = build_pipeline(components=())
    nlp.add_pipe("dossier_places", config={"demonyms": demonyms, "place_unlisted": place_unlisted})
    docs = [Document(id=str(i), path=str(i), text=a.text, kind="news") for i, a in enumerate(articles)]
    t0 = time.perf_counter()
    records = list(annotate(docs, nlp))
    seconds = time.perf_counter() - t0
    tp_gold = n_gold = n_pred = tp_pred = placed = n_geo = 0
    for art, rec in zip(articles, records, strict=True):
        preds = [(p.start, p.end, p.geo) for p in rec.places]
        golds = [g for g in art.toponyms if g.text.strip()]
        n_gold += len(golds)
        n_pred += len(preds)
        tp_pred += sum(any(s < g.end and g.start < e for g in golds) for s, e, _ in preds)
        for g in golds:
            hits = [geo for s, e, geo in preds if s < g.end and g.start < e]
            tp_gold += bool(hits)
            if g.lat is not None:
                n_geo += 1
                placed += any(
                    geo is not None and haversine_km(g.lat, g.lon, geo.lat, geo.lon) <= 161  # type: ignore[arg-type]
                    for geo in hits
                )
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return {
        "P": p,
        "R": r,
        "F1": 2 * p * r / (p + r) if p + r else 0.0,
        "placed161": placed / n_geo if n_geo else 0.0,
        "docs_per_s": len(articles) / seconds,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    ap.add_argument("--limit", type=int, default=None, help="at most N articles per corpus")
    ap.add_argument("--offset", type=int, default=0, help="skip the first N articles")
    ap.add_argument("--sets", default="geowebnews,lgl,tr-news,geovirus")
    ap.add_argument("--mode", default="ab", help="a (given names), b (end to end), or ab")
    ap.add_argument(
        "--halves",
        action="store_true",
        help="one row per half of each corpus (tune on the first; the second is held out)",
    )
    ap.add_argument(
        "--demonyms",
        choices=("auto", "on", "off"),
        default="auto",
        help="(b) also take place adjectives as toponyms: auto = each corpus's own convention",
    )
    ap.add_argument(
        "--unlisted",
        action="store_true",
        help="place names the gazetteer does not list at the document's main town (a guess; off by default)",
    )
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    gaz = gazetteer.load()
    print(f"gazetteer: {gaz.count()} places, loaded in {time.perf_counter() - t0:.2f}s", file=sys.stderr)
    print(
        "| corpus | docs | (a) n | (a) acc@161 | (a) mean km | (a) median km "
        "| (b) demonyms | (b) P | (b) R | (b) F1 | (b) placed@161 | docs/s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name in args.sets.split(","):
        arts = LOADERS[name](args.corpus)[args.offset :]
        if args.limit:
            arts = arts[: args.limit]
        half = len(arts) // 2
        parts = [(name, arts)]
        if args.halves:
            parts = [(f"{name} 1st half", arts[:half]), (f"{name} 2nd half", arts[half:])]
        demonyms = DEMONYM_CONVENTION[name] if args.demonyms == "auto" else args.demonyms == "on"
        for label, part in parts:
            unlisted = args.unlisted
            a = run_given_names(part, gaz, place_unlisted=unlisted) if "a" in args.mode else {}
            b = run_end_to_end(part, demonyms=demonyms, place_unlisted=unlisted) if "b" in args.mode else {}
            print(
                f"| {label} | {len(part)} | {a.get('n', '-')} | {a.get('acc161', 0):.3f} "
                f"| {a.get('mean_km', 0):.0f} | {a.get('median_km', 0):.1f} "
                f"| {'on' if demonyms else 'off'} | {b.get('P', 0):.3f} | {b.get('R', 0):.3f} | {b.get('F1', 0):.3f} "
                f"| {b.get('placed161', 0):.3f} | {b.get('docs_per_s', 0):.1f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
