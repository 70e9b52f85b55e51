"""Exports beyond the JSON contract, each registered in ``dossier.registry.renderers``.

``geojson`` (places and dated events at their places), ``csv`` (events in the columns of
conflict-event datasets), ``timelinejs`` (TimelineJS3's JSON) and ``markdown`` (a brief
with footnoted sources). Each is a pure function of the view (``dossier.present.view``).
"""
