"""Near-duplicate documents (wire copies) caught before annotation.

A new document whose MinHash signature is close enough to a stored one's (estimated
Jaccard similarity of word 5-gram sets ≥ ``THRESHOLD``, the link stage's own measure) is
not annotated again: it is stored as another source of the first copy. Signatures of
stored documents live in the store, so a later build sees them too.
"""

from __future__ import annotations

from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

from dossier.link.dedup import NUM_PERM, THRESHOLD, from_bytes, signature
from dossier.models import Document

#: documents shorter than this many words are compared by exact text only: a few shared
#: words make short texts look alike without being copies
MIN_WORDS = 50


class NearDuplicates:
    """An LSH index of stored documents' signatures."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, MinHash] = {}

    @classmethod
    def from_signatures(
        cls, items: Iterable[tuple[str, bytes]], threshold: float = THRESHOLD
    ) -> NearDuplicates:
        index = cls(threshold)
        for doc_id, blob in items:
            index.add(doc_id, from_bytes(blob))
        return index

    def match(self, document: Document) -> tuple[MinHash | None, str | None, float]:
        """The document's signature, and the stored document it copies (with similarity), if any."""
        if len(document.text.split()) < MIN_WORDS:
            return None, None, 0.0
        sig = signature(document.text)
        best, score = None, 0.0
        for other in sorted(self._lsh.query(sig)):
            similarity = sig.jaccard(self._sigs[other])
            if similarity >= self.threshold and similarity > score:
                best, score = other, similarity
        return sig, best, score

    def add(self, doc_id: str, sig: MinHash | None) -> None:
        if sig is None or doc_id in self._sigs:
            return
        self._sigs[doc_id] = sig
        self._lsh.insert(doc_id, sig)

