"""Near-duplicate documents (wire copies, reposts) count as one source.

Documents are shingled into word 5-grams and compared with MinHash + LSH (datasketch);
candidate pairs whose estimated Jaccard similarity reaches ``THRESHOLD`` are joined. Each
group gets the smallest document id as its name, so the result does not depend on input
order. Cost: one MinHash per document and LSH lookups, linear in the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from dossier.link.keys import fold
from dossier.link.unionfind import ConstrainedUnionFind
from dossier.models import AnnotatedDocument, Document

#: Estimated Jaccard similarity of word 5-gram sets above which two documents are copies
#: of one another (wire copies re-edited by outlets typically share > 80% of shingles;
#: Broder 1997 used 0.5 on 10-grams for "roughly the same").
THRESHOLD = 0.8

#: MinHash permutations; 128 gives a standard error of about 0.04 on the estimate.
NUM_PERM = 128

#: Shingle length in words.
SHINGLE = 5

#: Fixed seed so signatures (and so groups) are reproducible.
SEED = 1


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The set of word ``size``-grams of ``text`` (folded)."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@cache
def _permutations() -> np.ndarray:
    """The seeded permutations every signature shares (datasketch draws them again for each
    new MinHash unless given: ~0.15 ms a document, on the parent process's path)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> MinHash:
    """The MinHash signature of a text's shingles."""
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    mh.update_batch([sh.encode("utf-8") for sh in sorted(shingles(text))])
    return mh


def source_groups(
    records: Sequence[AnnotatedDocument],
    threshold: float = THRESHOLD,
    signatures: Mapping[str, bytes] | None = None,
) -> dict[str, str]:
    """Map each document id to its source group (the smallest id among its near-copies).

    Args:
        records: annotated documents.
        threshold: estimated Jaccard similarity at which two documents are one source.
        signatures: stored signatures (``to_bytes``) by document id, computed at ingest;
            documents without one are signed here.
    """
    stored = signatures or {}
    return group_copies({r.document.id: signature_of(r.document, stored) for r in records}, threshold)


def signature_of(document: Document, stored: Mapping[str, bytes]) -> MinHash:
    """A document's MinHash signature: the one stored at ingest (``to_bytes``), else its text's."""
    return from_bytes(stored[document.id]) if document.id in stored else signature(document.text)


def group_copies(sigs: Mapping[str, MinHash], threshold: float = THRESHOLD) -> dict[str, str]:
    """Map each document id to its source group, from every document's MinHash signature."""
    ids = sorted(sigs)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    uf: ConstrainedUnionFind[str, None] = ConstrainedUnionFind(
        {d: None for d in ids}, compatible=lambda a, b: True, merge=lambda a, b: None
    )
    for doc_id in ids:
        for other in sorted(lsh.query(sigs[doc_id])):
            if sigs[doc_id].jaccard(sigs[other]) >= threshold:
                uf.union(doc_id, other)
        lsh.insert(doc_id, sigs[doc_id])
    return {doc_id: uf.find(doc_id) for doc_id in ids}


#: the hashing scheme ``signature`` uses (datasketch's default since 2.0); stored signatures
#: are only comparable under the same scheme, so it is named when they are read back
SCHEME = "affine32"


def to_bytes(sig: MinHash) -> bytes:
    assert sig.scheme == SCHEME, f"signatures are stored for scheme {SCHEME}, not {sig.scheme}"
    return np.asarray(sig.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(blob: bytes) -> MinHash:
    return MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        hashvalues=np.frombuffer(blob, dtype=np.uint64),
        permutations=_permutations(),
        scheme=SCHEME,
    )
