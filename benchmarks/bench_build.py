"""Time `brieflint build` (the Word writer alone, lint excluded) over the 200-brief corpus.

python benchmarks/bench_build.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from brieflint.engine import Config, analyse, read_document
from brieflint.writer.docx import build_docx
from brieflint.writer.style import load_style


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus import generate

    paths = generate(200)
    style = load_style()
    config = Config()
    times, words = [], []
    for path in paths:
        doc = analyse(read_document(str(path), config), config)
        start = time.perf_counter()
        data = build_docx(doc, style)
        times.append(time.perf_counter() - start)
        words.append(len(path.read_text("utf-8").split()))
        assert data[:2] == b"PK"
    near_3000 = [t for t, w in zip(times, words, strict=True) if 2500 <= w <= 3500]
    print(f"build (writer only) of {len(paths)} briefs, {sum(words)} words: {sum(times):.2f} s")
    print(f"per brief: median {statistics.median(times):.3f} s, max {max(times):.3f} s")
    print(
        f"per 2,500–3,500-word brief: median {statistics.median(near_3000):.3f} s ({len(near_3000)} briefs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
