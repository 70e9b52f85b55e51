"""``dossier build --engine dask``: reading and annotation on a Dask cluster.

Sources are split into partitions (a container file — JSONL, WARC — is a partition of its
own). Each partition runs on a worker: it reads its sources, annotates the new documents
with the pipeline the worker loaded once, and writes the records and refusals to a
per-partition SQLite shard. One writer — this process — merges the shards in partition
order into the dossier, deciding duplicates exactly as the local engine does, so both
engines give the same dossier. Then the link stage runs over the merged store.

The shard folder must be visible to the workers and to this process (a shared file
system on a real cluster; a temporary folder on a ``LocalCluster``).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier.errors import ConfigError, IngestError
from dossier.ingest import IngestOptions, iter_paths, iter_sources, read_source
from dossier.ingest.containers import is_container
from dossier.models import Refusal
from dossier.pipeline import Batch, BuildReport, Decider, LinkPlan, ProgressCallback, relink, store_batch, with_dateline
from dossier.store import SQLiteStore, Store

#: sources per partition: large enough to amortise a task's overhead, small enough to
#: spread a few thousand documents over the workers
DEFAULT_PARTITION_SIZE = 64

_worker_nlp: dict[str | None, Any] = {}


@dataclass(frozen=True, slots=True)
class Partition:
    number: int
    paths: tuple[str, ...]


def partitions(paths: Iterable[str], size: int = DEFAULT_PARTITION_SIZE) -> Iterator[Partition]:
    """Group file paths into partitions; each container file is one partition."""
    chunk: list[str] = []
    number = 0
    for path in paths:
        if is_container(path):
            if chunk:
                yield Partition(number, tuple(chunk))
                number, chunk = number + 1, []
            yield Partition(number, (path,))
            number += 1
            continue
        chunk.append(path)
        if len(chunk) >= size:
            yield Partition(number, tuple(chunk))
            number, chunk = number + 1, []
    if chunk:
        yield Partition(number, tuple(chunk))


def annotate_partition(
    partition: Partition, shard_dir: str, model: str | None, options: IngestOptions, published: str | None
) -> str:
    """On a worker: read, annotate and write one partition into its own shard; return the shard's path.

    Documents keep their input order inside the shard; refusals are kept with the paths
    that caused them, in input order too.
    """
    from dossier.annotate import annotate, build_pipeline

    if model not in _worker_nlp:
        _worker_nlp[model] = build_pipeline(model)
    shard = str(Path(shard_dir) / f"part-{partition.number:06d}.db")
    Path(shard).unlink(missing_ok=True)
    documents, refusals = [], []
    for source in iter_sources(partition.paths, options, published=published):
        items = [source] if isinstance(source, IngestError) else read_source(source, options)
        for item in items:
            if isinstance(item, IngestError):
                refusals.append(Refusal(item.path, item.reason))
            else:
                documents.append(with_dateline(item))
    unique = list({d.id: d for d in documents}.values())
    records = list(annotate(unique, _worker_nlp[model])) if unique else []
    with SQLiteStore(shard) as store:
        store.write_batch(records, refusals)
        # the order the sources came in, so the merge decides in the local engine's order
        store.conn.execute("CREATE TABLE IF NOT EXISTS source_order (seq INTEGER, doc_id TEXT)")
        store.conn.executemany(
            "INSERT INTO source_order VALUES (?, ?)", list(enumerate(d.id for d in documents))
        )
    return shard


def merge_shard(shard: str, into: Store, decider: Decider, report: BuildReport) -> list[str]:
    """Fold one shard into the dossier (one transaction); return the paths it covered."""
    with SQLiteStore(shard, read_only=True) as part:
        records = {r.document.id: r for r in part.iter_records()}
        order = [doc_id for (doc_id,) in part.conn.execute("SELECT doc_id FROM source_order ORDER BY seq")]
        batch = Batch(refusals=part.refusals())
    taken = []
    for doc_id in order:
        record = records[doc_id]
        batch.paths.append(record.document.path)
        if decider.decide(record.document, batch):
            taken.append(record)
    batch.paths.extend(r.path for r in batch.refusals)
    store_batch(into, taken, batch, report)
    return batch.paths


def build_with_dask(
    sources: Iterable[str],
    store: Store,
    *,
    model: str | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    options: IngestOptions | None = None,
    published: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    shard_dir: str | None = None,
    on_document: ProgressCallback | None = None,
    dedupe: bool = True,
    on_link: Callable[[int], None] | None = None,
    on_link_record: Callable[[], None] | None = None,
    on_link_plan: Callable[[LinkPlan], None] | None = None,
    full_link: bool = False,
) -> BuildReport:
    """Build like ``dossier.pipeline.build``, with reading and annotation on Dask workers.

    Args:
        scheduler: the address of a running Dask scheduler; None starts a ``LocalCluster``
            of ``workers`` single-threaded worker processes.
        shard_dir: where partitions write their shards (shared with the workers); default
            a temporary folder.
        Other arguments as for ``dossier.pipeline.build``.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError("the Dask engine needs the dask extra: pip install 'dossier[dask]'") from exc
    options = options or IngestOptions()
    report = BuildReport()
    paths, missing = [], []
    for item in iter_paths(sources):
        (missing if isinstance(item, IngestError) else paths).append(item)
    store_batch(store, [], Batch(refusals=[Refusal(m.path, m.reason) for m in missing]), report)
    owned = shard_dir is None
    folder = tempfile.mkdtemp(prefix="dossier-shards-") if owned else str(shard_dir)
    cluster = (
        None
        if scheduler
        else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    )
    try:
        with Client(scheduler or cluster) as client:
            futures = [
                client.submit(annotate_partition, p, folder, model, options, published, pure=False)
                for p in partitions(paths, partition_size)
            ]
            decider = Decider(store, dedupe)
            for future in futures:  # in partition order: the same decisions as the local engine
                shard = future.result()
                covered = merge_shard(shard, store, decider, report)
                Path(shard).unlink(missing_ok=True)
                if on_document:
                    for path in covered:
                        on_document(path)
    finally:
        if cluster is not None:
            cluster.close()
        if owned:
            shutil.rmtree(folder, ignore_errors=True)
    relink(store, full=full_link, on_start=on_link, on_record=on_link_record, on_plan=on_link_plan)
    report.documents = store.counts()["documents"]
    return report
