"""Many files: `brieflint check` over the 200-brief corpus with --jobs 1 and 2, and with a cold
and a warm --cache. Each figure is the wall time of a whole command, as a user sees it, with
its CPU time (user + system of the command and its workers) and the load average beside it:
other processes on the machine slow a whole command down, and a speed-up of --jobs 2 needs
two cores that are free.

--jobs 1 and --jobs 2 run in alternation (--pairs times) so that both see the same load; the
speed-up printed is the median of the pairs' ratios. The user's dictionary verdict store is
warmed by one run first (in a temporary XDG_CACHE_HOME), as after any earlier check.

    python benchmarks/bench_workflow.py [--pairs 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_check import brieflint_command
    from corpus import generate

    folder = generate(200)[0].parent
    exe = brieflint_command()
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(cwd / "pyc")
        env["XDG_CACHE_HOME"] = str(cwd / "xdg")
        timed([*exe, "check", "-j", "1", str(folder)], cwd, env)  # warms the verdict store
        ratios = []
        for _ in range(args.pairs):
            one = timed([*exe, "check", "-j", "1", str(folder)], cwd, env)
            load_one = os.getloadavg()[0]
            two = timed([*exe, "check", "-j", "2", str(folder)], cwd, env)
            load_two = os.getloadavg()[0]
            ratios.append(one[0] / two[0])
            print(
                f"200 briefs: --jobs 1 {one[0]:.2f} s wall ({one[1]:.2f} s CPU, load {load_one:.1f}), "
                f"--jobs 2 {two[0]:.2f} s wall ({two[1]:.2f} s CPU, load {load_two:.1f}): "
                f"{ratios[-1]:.2f}x"
            )
        print(f"--jobs 2 against --jobs 1: median speed-up {statistics.median(ratios):.2f}x")
        cold = timed([*exe, "check", "--cache", str(folder)], cwd, env)
        warm = timed([*exe, "check", "--cache", str(folder)], cwd, env)
    print(f"--cache: cold {cold[0]:.2f} s, warm {warm[0]:.2f} s: {cold[0] / warm[0]:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
