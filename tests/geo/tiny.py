"""A tiny handmade gazetteer for fast tests (no package data involved)."""

from __future__ import annotations

from pathlib import Path

from dossier.geo.gazetteer import Gazetteer, PlaceRow, open_for_write, write_rows

ROWS = (
    PlaceRow(
        "geonames:1",
        "Ruritania",
        45.0,
        20.0,
        "country",
        "RR",
        None,
        5_000_000,
        ("Ruritanian Republic",),
        ("RR", "RUR"),
    ),
    PlaceRow("geonames:2", "Osterlich", 50.0, 10.0, "country", "OS", None, 8_000_000, (), ("OS",)),
    PlaceRow("geonames:10", "Strelsau", 45.10, 20.10, "city", "RR", "01", 400_000, ("Strelsaw",)),
    PlaceRow("geonames:11", "Zenda", 45.30, 20.40, "city", "RR", "01", 3_000),
    PlaceRow("geonames:12", "Zenda", 50.20, 10.30, "city", "OS", "05", 9_000),
    PlaceRow("geonames:13", "Tarlenheim", 45.20, 20.00, "city", "RR", "01", 800, ("Tarlenheym",)),
    PlaceRow("geonames:14", "Hentzau", 50.10, 10.10, "city", "OS", "05", 20_000),
    PlaceRow("geonames:15", "Ruritania", 40.0, -80.0, "city", "US", "OH", 700),
    PlaceRow("geonames:16", "Osterlich", 41.0, -3.0, "city", "ES", "51", 7000, ("Osterlich",)),
    PlaceRow("geonames:17", "Mykolayiv", 46.97, 31.99, "city", "RR", "02", 470_000, ("Mykolaiv",)),
    PlaceRow("geonames:18", "Tiahynka", 46.78, 33.06, "city", "RR", "02", 0),
    PlaceRow("admin1:RR.01", "Strelsau", 45.2, 20.2, "region", "RR", "01", 900_000),
    PlaceRow("admin1:RR.02", "Mykolaiv", 47.3, 32.0, "region", "RR", "02", 1_000_000),
    PlaceRow("geonames:30", "Zenda", 45.4, 20.5, "river", "RR", "01", 0),
    PlaceRow("geonames:40", "Europe", 48.7, 9.1, "continent", None, None, 700_000_000),
    PlaceRow("geonames:19", "Elbow Lake", 45.99, -95.98, "city", "US", "MN", 1_100),
)


def make_tiny(path: Path) -> Gazetteer:
    """Write the rows into a new index file and open it."""
    conn = open_for_write(path, fast=True)
    with conn:
        write_rows(conn, ROWS)
    conn.close()
    return Gazetteer(path)
