"""Time `brieflint check` over the 200-brief corpus and from a cold start.

    python benchmarks/bench_check.py                      # all rules
    python benchmarks/bench_check.py --select structure,metadata
    python benchmarks/bench_check.py --compare structure,metadata   # cost of the other rules

Prints files/s and words/s for checking in one process (reading + rules; the best of
--repeat passes, since the machine's other load only ever adds time), and the wall time of a
cold `brieflint check` of one ~3,000-word brief (a new process each time, median of 5).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from brieflint.engine import Config, check_file
from corpus import generate


def words_in(path: Path) -> int:
    return len(path.read_text("utf-8").split())


def in_process(paths: list[Path], select: tuple[str, ...], repeat: int) -> float:
    config = Config(select=select)
    check_file(str(paths[0]), config)  # warm up imports and schema loading
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for path in paths:
            result = check_file(str(path), config)
            assert result.error is None, result.error
        best = min(best, time.perf_counter() - start)
    return best


def _generate(count: int) -> list[Path]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

    return generate(count)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--select", default="", help="comma-separated rule selection")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--compare", default="", help="also time this selection; print the difference"
    )
    args = parser.parse_args()
    select = tuple(s for s in args.select.split(",") if s)
    paths = _generate(args.count)
    total_words = sum(words_in(p) for p in paths)
    print(f"corpus: {len(paths)} briefs, {total_words} words")
    elapsed = in_process(paths, select, args.repeat)
    label = args.select or "all rules"
    print(
        f"in-process check ({label}): {elapsed:.2f} s, {len(paths) / elapsed:.1f} files/s, {total_words / elapsed:,.0f} words/s"
    )
    if args.compare:
        base = in_process(paths, tuple(args.compare.split(",")), args.repeat)
        print(f"in-process check ({args.compare}): {base:.2f} s, {total_words / base:,.0f} words/s")
        print(f"{label} costs {100 * (elapsed - base) / base:+.1f}% against {args.compare}")

    sized = min(paths, key=lambda p: abs(words_in(p) - 3000))
    exe = shutil.which("brieflint") or "brieflint"
    command = [exe, "check", "--format", "json", str(sized)]
    if select:
        command[2:2] = ["--select", args.select]
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        runs.append(time.perf_counter() - start)
    print(
        f"cold start: `brieflint check` of one {words_in(sized)}-word brief: median {statistics.median(runs):.2f} s (min {min(runs):.2f}, max {max(runs):.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
