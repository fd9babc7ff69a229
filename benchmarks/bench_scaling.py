"""How `brieflint check` (and `build`) scale with input size, per input shape.

    python benchmarks/bench_scaling.py [--scale F] [--shapes brief,list,...] [--build]
        [--sizes 9.5,20]

For each shape the input is generated at ×1, ×2, ×4 and ×8 of a base size and checked in a new
process; the table gives CPU seconds and peak memory (ru_maxrss of the child) for each size,
and the growth factor from ×4 to ×8: about 2 means linear, about 4 quadratic.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEF = (ROOT / "examples" / "situation-assessment.md").read_text("utf-8")
HEAD, BODY = BRIEF.split("\n## ", 1)
BODY = "## " + BODY
FACTORS = (1, 2, 4, 8)


def _brief(size: int) -> str:
    """The example brief with its body repeated to about ``size`` characters."""
    copies = max(1, size // len(BODY))
    return HEAD + "\n" + "\n".join([BODY] * copies)


_LABEL = re.compile(r"\[\^([0-9]+)\]")


def _realistic(size: int) -> str:
    """A brief of about ``size`` characters as an author writes a long one: the example's body
    (paragraphs, list items, references) repeated, each copy with notes of its own numbers."""
    copies = max(1, size // len(BODY))
    parts = [HEAD]
    for copy in range(copies):
        shift = copy * 1000
        parts.append(_LABEL.sub(lambda m, shift=shift: f"[^{int(m.group(1)) + shift}]", BODY))
    return "\n".join(parts)


SHAPES = {
    # shape: (make(size) -> text, base size in characters)
    "brief": (_brief, 100_000),
    "realistic": (_realistic, 100_000),
    "list": (lambda n: "- بند قصير\n" * (n // 11), 50_000),
    "paragraphs": (lambda n: "فقرة قصيرة من نص عربي.\n\n" * (n // 24), 50_000),
    "long-line": (lambda n: ("كلمة " * (n // 5)).strip() + "\n", 50_000),
    "no-spaces": (lambda n: "ب" * n + "\n", 50_000),
    "tatweel": (lambda n: "ب" + "ـ" * n + "\n", 50_000),
    "dots": (lambda n: "." * n + "\n", 50_000),
    "digits": (lambda n: "1" * n + "\n", 50_000),
    "diacritics": (lambda n: "ب" + "\u064e" * n + "\n", 50_000),
    "carets": (lambda n: "[^" * (n // 2) + "\n", 25_000),
    "email-like": (lambda n: "a." * (n // 2) + "\n", 50_000),
    "footnote-refs": (lambda n: "نص[^1]" * (n // 6) + "\n\n[^1]: حاشية.\n", 25_000),
}


def measure(args: list[str], cwd: Path) -> tuple[float, float, int]:
    """CPU seconds, peak MB and exit code of one brieflint run."""
    env = {k: v for k, v in os.environ.items() if k != "BRIEFLINT_DEBUG"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "brieflint.cli", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every base size")
    parser.add_argument("--build", action="store_true", help="also time `build` of the brief")
    parser.add_argument(
        "--sizes",
        type=lambda v: [int(float(x) * 2**20) for x in v.split(",") if x],
        default=[],
        help="also check and build a realistic brief of these sizes in MiB (e.g. 9.5,20)",
    )
    options = parser.parse_args(argv)
    shapes = [s.strip() for s in options.shapes.split(",") if s.strip()]
    folder = Path(tempfile.mkdtemp(prefix="brieflint-scaling-"))
    print(
        f"{'shape':14} {'chars ×1':>9} "
        + " ".join(f"{'×' + str(f):>22}" for f in FACTORS)
        + "  ×8/×4"
    )
    for shape in shapes:
        make, base = SHAPES[shape]
        base = int(base * options.scale)
        cells, cpu = [], []
        for factor in FACTORS:
            path = folder / f"{shape}-{factor}.md"
            path.write_text(make(base * factor), "utf-8")
            seconds, peak, code = measure(["check", "--jobs", "1", str(path)], folder)
            cpu.append(seconds)
            # exit 2: refused, beyond brieflint's bounds (limits.py)
            cells.append(f"{seconds:6.2f}s {peak:5.0f}MB" + (" exit 2" if code == 2 else ""))
        growth = cpu[-1] / max(cpu[-2], 1e-3)
        print(
            f"{shape:14} {base:9d} " + " ".join(f"{c:>22}" for c in cells) + f"  {growth:5.1f}",
            flush=True,
        )
    if options.build:
        base = int(100_000 * options.scale)
        cells, cpu = [], []
        for factor in FACTORS:
            path = folder / f"build-{factor}.md"
            path.write_text(_realistic(base * factor), "utf-8")
            seconds, peak, code = measure(
                ["build", "--force", str(path), "-o", str(folder / f"build-{factor}.docx")], folder
            )
            cpu.append(seconds)
            cells.append(f"{seconds:6.2f}s {peak:5.0f}MB" + ("" if code == 0 else f" exit {code}"))
        growth = cpu[-1] / max(cpu[-2], 1e-3)
        print(
            f"{'build':14} {base:9d} " + " ".join(f"{c:>22}" for c in cells) + f"  {growth:5.1f}",
            flush=True,
        )
    for size in options.sizes:  # a brief of about that many bytes (UTF-8), checked and built
        path = folder / f"size-{size}.md"
        per_char = len(BODY.encode("utf-8")) / len(BODY)  # bytes a character of this text
        text = _realistic(int(size / per_char))
        path.write_text(text, "utf-8")
        mb = path.stat().st_size / 2**20
        for command in (["check", "--jobs", "1"], ["build", "--force"]):
            args = [*command, str(path)] + (
                ["-o", str(path.with_suffix(".docx"))] if command[0] == "build" else []
            )
            start = time.perf_counter()
            seconds, peak, code = measure(args, folder)
            print(
                f"{command[0]} {mb:.1f} MiB ({len(text):,} characters): {seconds:.2f}s CPU "
                f"{peak:.0f}MB exit {code} ({time.perf_counter() - start:.1f}s wall)",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
