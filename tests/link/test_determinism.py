"""The link stage gives the same result in every process, whatever its string hashing."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from dossier.link.events import Weights, _weighted
# IDF weights whose float sum would depend on the order they are added in
w = Weights.from_idf({"w:" + k: v for k, v in zip("abcdefgh", (0.1, 0.2, 0.3, 1e16, 1.0, -1e16, 0.7, 1e-3))}, 1.0)
a = frozenset("abcdefgh")
b = frozenset("abcdefg")
print(repr(_weighted("w:", a, b, w)), repr(w.mass("w:", a)))
"""


def test_weighted_overlap_does_not_depend_on_the_hash_seed() -> None:
    outputs = set()
    for seed in range(6):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(done.stdout.strip())
    assert len(outputs) == 1, outputs
