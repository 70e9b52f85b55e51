"""Coreference metrics written from their definitions: MUC, B³, CEAF-e and the CoNLL average.

A clustering is a mapping mention → cluster id. Key (gold) and response (system) may hold
different mentions (end-to-end evaluation): a key mention the response lacks counts as a
singleton partition for MUC and as an empty overlap for B³; response mentions the key lacks
lower precision the same way (the conventions of the CoNLL-2012 reference scorer).

* MUC (Vilain et al. 1995): recall = Σ_K (|K| − |p(K)|) / Σ_K (|K| − 1), p(K) the parts
  the response cuts K into; precision swaps key and response.
* B³ (Bagga & Baldwin 1998): recall = mean over key mentions of |K_m ∩ R_m| / |K_m|;
  precision = mean over response mentions of |K_m ∩ R_m| / |R_m|.
* CEAF-e (Luo 2005): φ4(K, R) = 2|K ∩ R| / (|K| + |R|); the best one-to-one alignment of key
  and response clusters (Hungarian algorithm, per connected component of the overlap
  graph); recall = Σφ4 / #key clusters, precision = Σφ4 / #response clusters.
* CoNLL F1 = mean of the three F1 scores (Pradhan et al. 2014).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping

Clustering = Mapping[Hashable, Hashable]


def _clusters(mapping: Clustering) -> dict[Hashable, set[Hashable]]:
    out: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, cid in mapping.items():
        out[cid].add(mention)
    return dict(out)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _muc_side(key: Clustering, response: Clustering) -> float:
    num = den = 0
    for members in _clusters(key).values():
        parts = set()
        for m in members:
            parts.add(("r", response[m]) if m in response else ("m", m))
        num += len(members) - len(parts)
        den += len(members) - 1
    return num / den if den else 0.0


def muc(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    """(recall, precision, F1) of MUC."""
    r, p = _muc_side(key, response), _muc_side(response, key)
    return r, p, _f1(p, r)


def _b3_side(key: Clustering, response: Clustering) -> float:
    kc, rc = _clusters(key), _clusters(response)
    if not key:
        return 0.0
    total = 0.0
    for m, cid in key.items():
        k = kc[cid]
        r = rc[response[m]] if m in response else set()
        total += len(k & r) / len(k)
    return total / len(key)


def b_cubed(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    """(recall, precision, F1) of B³."""
    r, p = _b3_side(key, response), _b3_side(response, key)
    return r, p, _f1(p, r)


def _hungarian(weights: list[list[float]]) -> float:
    """Maximum total weight of a one-to-one assignment (rows ≤ or ≥ columns), O(n³)."""
    n_rows, n_cols = len(weights), len(weights[0]) if weights else 0
    n = max(n_rows, n_cols)
    if n == 0:
        return 0.0
    big = max((w for row in weights for w in row), default=0.0)
    cost = [[big - (weights[i][j] if i < n_rows and j < n_cols else 0.0) for j in range(n)] for i in range(n)]
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    total = 0.0
    for j in range(1, n + 1):
        i = p[j]
        if i and i - 1 < n_rows and j - 1 < n_cols:
            total += weights[i - 1][j - 1]
    return total


def ceaf_e(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    """(recall, precision, F1) of entity-based CEAF (φ4)."""
    kc, rc = _clusters(key), _clusters(response)
    if not kc or not rc:
        return 0.0, 0.0, 0.0
    # connected components of the bipartite overlap graph; align each separately
    edges: dict[Hashable, set[Hashable]] = defaultdict(set)
    for m, k in key.items():
        if m in response:
            edges[("k", k)].add(("r", response[m]))
            edges[("r", response[m])].add(("k", k))
    seen: set[Hashable] = set()
    total = 0.0
    for start in list(edges):
        if start in seen:
            continue
        comp, stack = [], [start]
        seen.add(start)
        while stack:
            node = stack.pop()
            comp.append(node)
            for nxt in edges[node]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        ks = [c[1] for c in comp if c[0] == "k"]
        rs = [c[1] for c in comp if c[0] == "r"]
        matrix = [[2 * len(kc[k] & rc[r]) / (len(kc[k]) + len(rc[r])) for r in rs] for k in ks]
        total += _hungarian(matrix)
    r, p = total / len(kc), total / len(rc)
    return r, p, _f1(p, r)


def conll(key: Clustering, response: Clustering) -> dict[str, float]:
    """Every metric's F1 (and R/P) plus the CoNLL average, as percentages."""
    out: dict[str, float] = {}
    f1s = []
    for name, fn in (("MUC", muc), ("B3", b_cubed), ("CEAF_e", ceaf_e)):
        r, p, f = fn(key, response)
        out[f"{name}_R"], out[f"{name}_P"], out[f"{name}_F1"] = 100 * r, 100 * p, 100 * f
        f1s.append(f)
    out["CoNLL_F1"] = 100 * sum(f1s) / 3
    return out
