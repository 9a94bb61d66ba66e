"""`make bench`: run every benchmark in its own process and report which met its goal.

Timings are noisy on a shared machine: each benchmark reports ratios measured in one run.
"""

from __future__ import annotations

import os
import subprocess  # nosec B404 - runs this folder's benchmark scripts
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    outcomes = []
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        start = time.perf_counter()
        code = subprocess.run([sys.executable, str(script)], env=env, check=False).returncode  # nosec
        outcomes.append((script.name, code, time.perf_counter() - start))
    print("\n=== summary ===")
    for name, code, seconds in outcomes:
        print(f"{name:<28}{'goal met' if code == 0 else 'GOAL MISSED':<14}({seconds:.0f} s in all)")
    return 0 if all(code == 0 for _, code, _ in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
