"""Who claimed what: pure helpers for numbers, units, qualifiers, hedges, cues and quotation marks.

No spaCy here; the annotate components ``dossier_quantities`` and ``dossier_quotes`` build on these.
"""
