"""The store stage: where documents, their facts and the cross-document view live."""

from __future__ import annotations

from dossier.store.base import SearchHit, Store, WriteReport
from dossier.store.memory import MemoryStore
from dossier.store.sqlite import SQLiteStore

__all__ = ["MemoryStore", "SQLiteStore", "SearchHit", "Store", "WriteReport"]
