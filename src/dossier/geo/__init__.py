"""Offline geoparsing: the embedded gazetteer, toponym resolution and distance checks.

No spaCy here (the ``dossier_places`` component in ``dossier.annotate.components.places``
uses these modules).

* ``gazetteer``: ``load(path=None) -> Gazetteer`` (builds the default index in
  ``$DOSSIER_CACHE_DIR`` or the user's cache directory on first use),
  ``Gazetteer.lookup(name) -> list[Candidate]``, ``build_default_index(path)``.
* ``resolve``: ``resolve(queries, gazetteer, focus=None) -> list[Resolution]`` and
  ``cues_at(text, start, end)``.
* ``importer``: ``import_files(index, paths)`` streams GeoNames dump files into an index.
* ``distance``: ``haversine_km``, ``bearing_deg``, ``compass``, ``find_distances``.
* ``cli``: the ``dossier gazetteer`` Typer sub-app (``import``, ``build``).
"""
