"""Time `brieflint check` over the 200-brief corpus and from a cold start.

    python benchmarks/bench_check.py                      # all rules
    python benchmarks/bench_check.py --select structure,metadata
    python benchmarks/bench_check.py --compare structure,metadata   # cost of the other rules

Prints files/s and words/s for checking in one process (reading + rules; the best of
--repeat passes, since the machine's other load only ever adds time, in CPU time as well as
wall time), and a cold `brieflint check` of one ~3,000-word brief (a new process each time,
median of 5) beside `hunspell -l` with the Ayaspell dictionary brieflint ships on the same
text, in the same run: wall time, CPU time (user + system of the child) and the load average.

The cold runs use the `brieflint` script installed beside this Python (not a version-manager
shim), with compiled bytecode allowed (in a temporary PYTHONPYCACHEPREFIX, warmed by one run:
an installed package has its .pyc files) and the user's dictionary verdict store warmed by that
run too; one more run with an empty store shows the first check of a text nobody checked.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from brieflint.engine import Config, check_file
from corpus import ROOT, generate


def words_in(path: Path) -> int:
    return len(path.read_text("utf-8").split())


def in_process(paths: list[Path], select: tuple[str, ...], repeat: int) -> tuple[float, float]:
    """The best wall time and the best CPU time of checking every path, over ``repeat`` passes."""
    config = Config(select=select)
    check_file(str(paths[0]), config)  # warm up imports and schema loading
    best = best_cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        for path in paths:
            result = check_file(str(path), config)
            assert result.error is None, result.error
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return best, best_cpu


def timed_runs(
    command: list[str], runs: int, env: dict[str, str]
) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of each of ``runs`` runs of ``command``."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, env=env)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return walls, cpus


def _median(label: str, walls: list[float], cpus: list[float]) -> str:
    return (
        f"{label}: median {statistics.median(walls):.2f} s wall (min {min(walls):.2f}, "
        f"max {max(walls):.2f}), {statistics.median(cpus):.2f} s CPU"
    )


def brieflint_command() -> list[str]:
    """The console script installed beside this Python (a pyenv shim adds its own start)."""
    beside = Path(sys.executable).with_name("brieflint")
    if beside.exists():
        return [str(beside)]
    return [shutil.which("brieflint") or "brieflint"]


def cold_start(sized: Path, select: str, runs: int = 5) -> None:
    hunspell_dict = ROOT / "src" / "brieflint" / "data" / "hunspell" / "ar"
    command = [*brieflint_command(), "check", "--format", "json", str(sized)]
    if select:
        command[-1:-1] = ["--select", select]
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pyc")
        env["XDG_CACHE_HOME"] = str(Path(tmp) / "bytecode")
        timed_runs(command, 1, env)  # writes the bytecode
        env["XDG_CACHE_HOME"] = str(Path(tmp) / "first")
        first = timed_runs(command, 1, env)  # an empty verdict store
        env["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        timed_runs(command, 1, env)  # warms this store
        python = timed_runs([sys.executable, "-c", "pass"], runs, env)
        ours = timed_runs(command, runs, env)
        theirs = (
            timed_runs(["hunspell", "-d", str(hunspell_dict), "-l", str(sized)], runs, env)
            if shutil.which("hunspell")
            else None
        )
    words = words_in(sized)
    print(
        f"cold start on one {words}-word brief ({sized.name}), load average {os.getloadavg()[0]:.1f}:"
    )
    print("  " + _median("`brieflint check`", *ours))
    if theirs:
        print("  " + _median("`hunspell -l` (Ayaspell, same text)", *theirs))
    print("  " + _median("`python -c pass` (the interpreter's own start)", *python))
    print(
        f"  `brieflint check` with an empty dictionary verdict store (first check of a text): "
        f"{first[0][0]:.2f} s wall, {first[1][0]:.2f} s CPU"
    )


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
    parser.add_argument("--no-cold", action="store_true", help="skip the cold-start runs")
    args = parser.parse_args()
    select = tuple(s for s in args.select.split(",") if s)
    paths = _generate(args.count)
    total_words = sum(words_in(p) for p in paths)
    print(f"corpus: {len(paths)} briefs, {total_words} words")
    elapsed, cpu = in_process(paths, select, args.repeat)
    label = args.select or "all rules"
    print(
        f"in-process check ({label}): {elapsed:.2f} s, {len(paths) / elapsed:.1f} files/s, "
        f"{total_words / elapsed:,.0f} words/s wall; {cpu:.2f} s CPU = {total_words / cpu:,.0f} "
        f"words/s (load average {os.getloadavg()[0]:.1f})"
    )
    if args.compare:
        base, _ = in_process(paths, tuple(args.compare.split(",")), args.repeat)
        print(f"in-process check ({args.compare}): {base:.2f} s, {total_words / base:,.0f} words/s")
        print(f"{label} costs {100 * (elapsed - base) / base:+.1f}% against {args.compare}")

    sized = min(paths, key=lambda p: abs(words_in(p) - 3000))
    if not args.no_cold:
        cold_start(sized, args.select)
    return 0


if __name__ == "__main__":
    sys.exit(main())
