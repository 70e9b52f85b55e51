"""Running the annotate stage on more than one core, or more than one machine.

- ``local``: worker processes on this machine (``dossier build --jobs N``);
- ``dask``: a Dask cluster (``dossier build --engine dask``), an optional extra.

Writing always stays with one process: workers return plain records (or write shards that
one writer merges), never touching the dossier's SQLite file.
"""
