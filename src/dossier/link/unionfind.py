"""A union-find with cannot-link constraints, deterministic in the order edges are applied.

Each set carries a small state (gazetteer ids, first names, …) and a ``compatible`` check
decides whether two sets may join; a refused union leaves both sets as they were. Roots are
always the smallest member, so the partition depends only on the edges and their order,
never on the order nodes were created in.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
S = TypeVar("S")


class ConstrainedUnionFind(Generic[K, S]):
    """Disjoint sets of comparable keys, each with a mergeable state."""

    def __init__(
        self,
        states: dict[K, S],
        *,
        compatible: Callable[[S, S], bool],
        merge: Callable[[S, S], S],
    ) -> None:
        """Start with every key in its own set.

        Args:
            states: each key's initial state.
            compatible: whether two sets' states may be joined.
            merge: the state of the joined set.
        """
        self._parent: dict[K, K] = {k: k for k in states}
        self._state: dict[K, S] = dict(states)
        self._compatible = compatible
        self._merge = merge

    def find(self, key: K) -> K:
        """The root of ``key``'s set (with path halving)."""
        parent = self._parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def state(self, key: K) -> S:
        """The state of ``key``'s set."""
        return self._state[self.find(key)]

    def union(self, a: K, b: K) -> bool:
        """Join the sets of ``a`` and ``b`` if their states allow it.

        Returns:
            True when the two keys are in one set afterwards.
        """
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        sa, sb = self._state[ra], self._state[rb]
        if not self._compatible(sa, sb):
            return False
        root, child = (ra, rb) if ra < rb else (rb, ra)  # type: ignore[operator]
        self._parent[child] = root
        self._state[root] = self._merge(sa, sb)
        del self._state[child]
        return True

    def groups(self, keys: Iterable[K] | None = None) -> dict[K, list[K]]:
        """Root → sorted members, for ``keys`` (default: every key)."""
        out: dict[K, list[K]] = {}
        for key in sorted(self._parent if keys is None else keys):  # type: ignore[type-var]
            out.setdefault(self.find(key), []).append(key)
        return out
