"""Annotation in a pool of worker processes, batches returned in input order.

Each worker loads the spaCy pipeline once (``initializer``) and annotates whole batches with
``nlp.pipe``; the parent keeps at most ``2 × jobs`` batches in flight, so memory stays flat
however long the stream is.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import forkserver
from multiprocessing.connection import wait
from multiprocessing.context import ForkServerContext
from typing import Any, TypeVar, overload

from dossier.models import AnnotatedDocument, Document

T = TypeVar("T")
R = TypeVar("R")

#: what a batch's records become before they leave the process that annotated them (e.g. a
#: store's rows: cheaper to send back than the records' objects)
Encode = Callable[[AnnotatedDocument], Any]

_nlp: Any = None

#: modules the fork server imports before it forks workers
PRELOAD = ("dossier.annotate", "dossier.store.sqlite")


def _init_worker(model: str | None) -> None:
    global _nlp
    from dossier.annotate import build_pipeline

    _exit_with_parent()
    _nlp = build_pipeline(model)


def _exit_with_parent() -> None:
    """End this worker as soon as the process that started the pool is gone.

    A parent killed outright (SIGKILL, the OOM killer) cannot shut its pool down, and the
    workers would wait for work forever, each holding a loaded model. The parent's sentinel
    (a pipe end that closes when it dies) is watched from a daemon thread.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="dossier-parent-watch", daemon=True).start()


def _fork_server() -> ForkServerContext:
    """The forkserver context, its server started (in the background) with ``PRELOAD`` imported.

    The server imports spaCy and the components once, and each worker forked from it starts
    with them imported instead of importing them again.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", *PRELOAD])
    forkserver.ensure_running()
    return context


def _annotate_batch(documents: list[Document], encode: Encode | None = None) -> list[Any]:
    from dossier.annotate import annotate

    records = annotate(documents, _nlp)
    return [encode(r) for r in records] if encode else list(records)


class Annotator:
    """Annotates batches in this process (``jobs=1``) or in a process pool.

    Args:
        model: the spaCy pipeline each worker loads.
        jobs: worker processes; 1 annotates in this process.
        nlp: an already built pipeline for in-process use.
    """

    def __init__(self, model: str | None = None, jobs: int = 1, nlp: Any = None) -> None:
        self.model = model
        self.jobs = max(1, jobs)
        self._nlp = nlp
        self._pool: ProcessPoolExecutor | None = None

    def annotate(self, documents: list[Document]) -> list[AnnotatedDocument]:
        """Annotate one batch in this process."""
        from dossier.annotate import annotate, build_pipeline

        if not documents:
            return []
        if self._nlp is None:
            self._nlp = build_pipeline(self.model)
        return list(annotate(documents, self._nlp))

    @overload
    def imap(
        self, batches: Iterable[tuple[list[Document], T]]
    ) -> Iterator[tuple[list[AnnotatedDocument], T]]: ...

    @overload
    def imap(
        self, batches: Iterable[tuple[list[Document], T]], encode: Callable[[AnnotatedDocument], R]
    ) -> Iterator[tuple[list[R], T]]: ...

    @overload
    def imap(
        self, batches: Iterable[tuple[list[Document], T]], encode: Encode | None
    ) -> Iterator[tuple[list[Any], T]]: ...

    def imap(
        self, batches: Iterable[tuple[list[Document], T]], encode: Encode | None = None
    ) -> Iterator[tuple[list[Any], T]]:
        """Annotate a stream of batches, yielding ``(records, tag)`` in input order.

        A tag rides along with each batch (the refusals and paths that go with it). With
        ``jobs > 1`` the pool starts only once there are at least two batches to share.
        ``encode``, when given, turns each record into what is yielded instead, in the
        process that annotated it (so a worker sends that back, not the record).
        """
        stream = iter(batches)
        if self.jobs > 1:
            _fork_server()  # it imports spaCy while the first batches are read
        head = [b for _, b in zip(range(2), stream, strict=False)]
        if self.jobs == 1 or len(head) < 2:
            for documents, tag in [*head, *stream]:
                records = self.annotate(documents)
                yield ([encode(r) for r in records] if encode else records), tag
            return
        yield from self._pooled([*head], stream, encode)

    def _pooled(
        self,
        head: list[tuple[list[Document], T]],
        stream: Iterator[tuple[list[Document], T]],
        encode: Encode | None,
    ) -> Iterator[tuple[list[Any], T]]:
        context = _fork_server()
        with ProcessPoolExecutor(
            self.jobs, mp_context=context, initializer=_init_worker, initargs=(self.model,)
        ) as pool:
            pending: deque[tuple[Future[list[Any]], T]] = deque()

            def submit(batch: tuple[list[Document], T]) -> None:
                pending.append((pool.submit(_annotate_batch, batch[0], encode), batch[1]))

            for batch in head:
                submit(batch)
            for batch in stream:
                submit(batch)
                while len(pending) >= 2 * self.jobs:
                    future, tag = pending.popleft()
                    yield future.result(), tag
            while pending:
                future, tag = pending.popleft()
                yield future.result(), tag
