"""The embedded gazetteer's cost: first build, later opening, lookups and memory.

usage: python benchmarks/gazetteer.py

Each step runs in a fresh process so that its memory is its own: building the index from the
packages' GeoNames extracts into a temporary folder (CPU and wall seconds, peak RSS), then
opening the built index and looking up a few names (wall seconds to open, lookups per second,
peak RSS). Goals from the places issue: first use <= 30 s, later loads <= 1 s and <= 300 MB.
Prints a table; not a test.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

BUILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from dossier.geo import gazetteer
    wall, cpu = time.perf_counter(), time.process_time()
    gazetteer.build_default_index(Path(sys.argv[1]))
    print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    """
)
OPEN = textwrap.dedent(
    """
    import json, resource, sys, time
    from dossier.geo import gazetteer
    t = time.perf_counter()
    from pathlib import Path
    gaz = gazetteer.Gazetteer(Path(sys.argv[1]))
    count = gaz.count()
    opened = time.perf_counter() - t
    names = ["Russia", "Texas", "London", "Kherson", "Laurel County", "Springfield", "Mykolayiv", "Dnipro"]
    t = time.perf_counter()
    for _ in range(50):
        for name in names:
            gaz.lookup(name)
    rate = 50 * len(names) / (time.perf_counter() - t)
    print(json.dumps({"open": opened, "places": count, "lookups_per_s": rate,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    """
)


def run(script: str, path: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.sqlite"
        built = run(BUILD, path)
        opened = run(OPEN, path)
        size = path.stat().st_size / 1e6
    print(f"{'step':<28}{'seconds':>10}{'peak MB':>10}  notes")
    print(f"{'first build (wall / CPU)':<28}{built['wall']:>10.1f}{built['rss_mb']:>10.0f}"
          f"  CPU {built['cpu']:.1f} s; index {size:.0f} MB; goal <= 30 s")
    print(f"{'later open + lookups':<28}{opened['open']:>10.3f}{opened['rss_mb']:>10.0f}"
          f"  {opened['places']:,} places, {opened['lookups_per_s']:,.0f} lookups/s; goal <= 1 s, <= 300 MB")


if __name__ == "__main__":
    main()
