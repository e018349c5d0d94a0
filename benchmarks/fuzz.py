"""Fuzz every parser with many examples and print how many were tried (run on demand).

Usage: python benchmarks/fuzz.py [EXAMPLES]   (default 3000 per target)
"""

import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "reliability"))
from fuzz_targets import TARGETS  # noqa: E402


def main() -> None:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    total = 0
    for name, (target, strategy) in sorted(TARGETS.items()):
        tried = []

        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(strategy)
        def run(value):
            tried.append(1)  # noqa: B023 - run() is called below, inside this same iteration
            target(value)  # noqa: B023

        started = time.perf_counter()
        run()  # any exception other than the library's own error stops here with the failing input
        total += len(tried)
        print(f"{name}: {len(tried):,} inputs tried in {time.perf_counter() - started:.1f} s, no unexpected exception")
    print(f"total: {total:,} inputs, no unexpected exception")


if __name__ == "__main__":
    main()
