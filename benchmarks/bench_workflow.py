"""Many files: `brieflint check` over the 200-brief corpus with --jobs 1 and 2, and with a cold
and a warm --cache. Each figure is the wall time of a whole command, as a user sees it.

    python benchmarks/bench_workflow.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus import generate

    folder = generate(200)[0].parent
    exe = shutil.which("brieflint") or "brieflint"
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        # best of three: other load on the machine only ever adds time
        one = min(timed([exe, "check", "-j", "1", str(folder)], cwd) for _ in range(3))
        two = min(timed([exe, "check", "-j", "2", str(folder)], cwd) for _ in range(3))
        cold = timed([exe, "check", "--cache", str(folder)], cwd)
        warm = timed([exe, "check", "--cache", str(folder)], cwd)
    print(f"200 briefs: --jobs 1 {one:.2f} s, --jobs 2 {two:.2f} s: {one / two:.2f}x")
    print(f"--cache: cold {cold:.2f} s, warm {warm:.2f} s: {cold / warm:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
