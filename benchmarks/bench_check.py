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
run too; runs with an empty store show the first check of a text nobody checked: with the
libhunspell brieflint chose (the system's when it passed its probe) and with
BRIEFLINT_HUNSPELL=bundled (chunspell's own, unoptimised library), median of 3 each, after one
run that includes the probe (a fresh machine's first run). The load of the Ayaspell
dictionary alone (import of the binding on the library + the dictionary as brieflint builds
it), in a new process each time, is printed for each library too.
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
from brieflint.limits import pace_garbage_collector
from corpus import ROOT, generate

# One load of the Ayaspell dictionary in a fresh process, as brieflint builds it; prints the
# seconds and the library the binding ran on.
LOAD_ALONE = """
import time
start = time.perf_counter()
from brieflint.spelling.dictionary import Dictionary
from brieflint.spelling.hunspell_library import chosen_library, mapped_libraries
from brieflint.spelling.verdicts import VerdictStore
chosen_library()  # the choice (and a cached probe) is not the load
start, start_cpu = time.perf_counter(), time.process_time()
Dictionary(store=VerdictStore(None)).load()
took, took_cpu = time.perf_counter() - start, time.process_time() - start_cpu
print(took, took_cpu, *sorted(map(str, mapped_libraries())))
"""


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
        env.pop("BRIEFLINT_HUNSPELL", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pyc")
        env["XDG_CACHE_HOME"] = str(Path(tmp) / "bytecode")
        timed_runs(command, 1, env)  # writes the bytecode
        env["XDG_CACHE_HOME"] = str(Path(tmp) / "first")
        first = timed_runs(command, 1, env)  # an empty verdict store, no probe outcome yet
        empty = {mode: empty_store_runs(command, env, mode) for mode in ("", "bundled")}
        loads = {mode: load_alone(env, mode) for mode in ("", "bundled")}
        chosen = library_in_use(env)
        env["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        timed_runs(command, 1, env)  # warms this store
        python = timed_runs([sys.executable, "-c", "pass"], runs, env)
        ours = timed_runs(command, runs, env)
        theirs = (
            timed_runs(["hunspell", "-d", str(hunspell_dict), "-l", str(sized)], runs, env)
            if shutil.which("hunspell")
            else None
        )
        grown = grow_store(env)
        after_growth = timed_runs(command, runs, env)
    words = words_in(sized)
    print(
        f"cold start on one {words}-word brief ({sized.name}), load average {os.getloadavg()[0]:.1f}:"
    )
    print("  " + _median("`brieflint check`", *ours))
    if theirs:
        print("  " + _median("`hunspell -l` (Ayaspell, same text)", *theirs))
    print("  " + _median("`python -c pass` (the interpreter's own start)", *python))
    print(
        "  "
        + _median(f"`brieflint check` with the store grown to {grown:,} verdicts", *after_growth)
    )
    print(f"  libhunspell chosen by default: {chosen}")
    print(
        f"  `brieflint check` with an empty verdict store and no probe outcome (a fresh "
        f"machine's first run, probe included): {first[0][0]:.2f} s wall, {first[1][0]:.2f} s CPU"
    )
    for mode, label in (("", "default library"), ("bundled", "BRIEFLINT_HUNSPELL=bundled")):
        print("  " + _median(f"empty verdict store, {label}", *empty[mode]))
    for mode, label in (("", "default library"), ("bundled", "BRIEFLINT_HUNSPELL=bundled")):
        walls, cpus, library = loads[mode]
        print("  " + _median(f"Hunspell load alone, {label}", walls, cpus) + f" on {library}")


def grow_store(env: dict[str, str]) -> int:
    """Check every corpus brief, annotated corpus text and example with this cache, as a user
    checks draft after draft; the number of verdicts its store then holds (a cold check reads
    the whole store, so its size is part of the cold start)."""
    drafts = [str(p) for p in _generate(200)]
    for folder in ("tests/corpus", "examples"):
        drafts += [str(p) for p in sorted((ROOT / folder).rglob("*.md"))]
    subprocess.run(
        [*brieflint_command(), "check", "--jobs", "2", "--format", "json", *drafts],
        capture_output=True,
        check=False,
        env=env,
    )
    stores = (Path(env["XDG_CACHE_HOME"]) / "brieflint" / "dictionary").glob("*.txt")
    return max((_verdicts_in(path.read_bytes()) for path in stores), default=0)


def _verdicts_in(store: bytes) -> int:
    """The words of a store file: after its header line, lists of lines, each list ended by
    the record separator (spelling/verdicts.py)."""
    lists = store.partition(b"\n")[2].split(b"\x1e")[:-1]
    return sum(len(words.split(b"\n")) for words in lists if words)


def _with_mode(env: dict[str, str], mode: str) -> dict[str, str]:
    return {**env, "BRIEFLINT_HUNSPELL": mode} if mode else env


def empty_store_runs(
    command: list[str], env: dict[str, str], mode: str, runs: int = 3
) -> tuple[list[float], list[float]]:
    """Cold checks with an empty verdict store (the probe's outcome kept from the first run)."""
    walls, cpus = [], []
    stores = Path(env["XDG_CACHE_HOME"]) / "brieflint" / "dictionary"
    for _ in range(runs):
        shutil.rmtree(stores, ignore_errors=True)
        wall, cpu = timed_runs(command, 1, _with_mode(env, mode))
        walls += wall
        cpus += cpu
    return walls, cpus


def load_alone(
    env: dict[str, str], mode: str, runs: int = 3
) -> tuple[list[float], list[float], str]:
    """Wall and CPU seconds of loading the dictionary alone in a new process, and the library
    it ran on."""
    walls, cpus, library = [], [], ""
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", LOAD_ALONE],
            capture_output=True,
            check=True,
            text=True,
            env=_with_mode(env, mode),
        )
        took, took_cpu, *mapped = done.stdout.split()
        walls.append(float(took))
        cpus.append(float(took_cpu))
        library = " + ".join(mapped)
    return walls, cpus, library


def library_in_use(env: dict[str, str]) -> str:
    code = (
        "from brieflint.spelling.hunspell_library import chosen_library as c; print(c().describe())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    return done.stdout.strip() or done.stderr.strip()


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
    pace_garbage_collector()  # as the command line does (limits.py)
    elapsed, cpu = in_process(paths, select, args.repeat)
    label = args.select or "all rules"
    print(
        f"in-process check ({label}, collector paced as the command line paces it): {elapsed:.2f} s, {len(paths) / elapsed:.1f} files/s, "
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
