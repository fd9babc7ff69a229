"""A reproducible corpus of 200 generated briefs for the benchmarks.

Each brief takes the cover of one of the team's example briefs and, for every section, the text
of that section from a randomly chosen example, with paragraphs repeated until the brief reaches
its target length (1,500–4,000 words) — the size range of real situation assessments.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SOURCES = ["situation-assessment.md", "situation-assessment-2.md"]
DEFAULT_DIR = Path(__file__).resolve().parent / "corpus"


def _split(source: str) -> tuple[str, list[tuple[str, list[str]]], list[str]]:
    front, body = re.match(r"(---\n.*?\n---\n)(.*)", source, re.S).groups()
    notes = [line for line in body.split("\n") if re.match(r"\[\^\d+\]:", line)]
    body = "\n".join(line for line in body.split("\n") if not re.match(r"\[\^\d+\]:", line))
    sections = []
    for chunk in re.split(r"\n(?=## )", body.strip()):
        heading, _, text = chunk.partition("\n")
        paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
        sections.append((heading, paragraphs))
    return front, sections, notes


def generate(count: int = 200, folder: Path = DEFAULT_DIR, seed: int = 7) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    parsed = [_split((EXAMPLES / name).read_text("utf-8")) for name in SOURCES]
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        front, sections, notes = parsed[number % len(parsed)]
        target = rng.randint(1500, 4000)
        words = sum(len(p.split()) for _, ps in sections for p in ps)
        factor = max(1.0, target / max(words, 1))
        out = [front]
        for heading, paragraphs in sections:
            out.append(heading + "\n")
            if heading.startswith("## المراجع") or heading.startswith("## المصادر"):
                out.extend(p + "\n" for p in paragraphs)
                continue
            repeat = int(len(paragraphs) * factor + 0.5)
            chosen = [paragraphs[i % len(paragraphs)] for i in range(max(repeat, 1))]
            out.extend(p + "\n" for p in chosen)
        out.extend(n + "\n" for n in notes)
        path = folder / f"brief-{number:03d}.md"
        path.write_text("\n".join(out), "utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    made = generate()
    print(f"wrote {len(made)} briefs to {DEFAULT_DIR}")
