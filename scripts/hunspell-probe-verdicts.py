#!/usr/bin/env python3
"""Write src/brieflint/data/hunspell/probe-verdicts.txt: the verdicts the bundled libhunspell
gives on a sample of the examples' words, which a system libhunspell must reproduce before
brieflint uses it (spelling/hunspell_library.py).

    python scripts/hunspell-probe-verdicts.py [--check]

The sample: every 8th distinct word of the examples, the shipped names they use, and every
word the dictionary does not know (both questions for each). --check compares instead of
writing and exits 1 on a difference.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ["BRIEFLINT_HUNSPELL"] = "bundled"  # the reference: chunspell's own library

from brieflint.readers import read_markdown_bytes
from brieflint.resources import data_file
from brieflint.spelling.dictionary import Dictionary, shipped_words
from brieflint.spelling.hunspell_library import BASE, KNOWN, chosen_library
from brieflint.spelling.tokens import tokenize
from brieflint.spelling.verdicts import VerdictStore

ROOT = Path(__file__).resolve().parent.parent
TARGET = data_file("hunspell/probe-verdicts.txt")
HEADER = (
    "# The bundled libhunspell's verdicts on a sample of the examples' words (k: known,\n"
    "# b: a stem of its own; 1 yes, 0 no). Written by scripts/hunspell-probe-verdicts.py.\n"
)


def example_words() -> list[str]:
    words: set[str] = set()
    for path in sorted((ROOT / "examples").glob("*.md")):
        doc = read_markdown_bytes(str(path), path.read_bytes())
        words.update(token.clean for block in doc.blocks for token in tokenize(block))
    return sorted(w for w in words if w)


def sample_text() -> str:
    assert chosen_library().kind == "bundled"
    dictionary = Dictionary(store=VerdictStore(None))
    words = example_words()
    names = shipped_words()
    sample = [w for i, w in enumerate(words) if i % 8 == 0 or w in names or not dictionary.known(w)]
    lines = [
        f"{question}{int(ask(word))}{word}"
        for word in sample
        for question, ask in ((KNOWN, dictionary.known), (BASE, dictionary.is_base_word))
    ]
    return HEADER + "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    text = sample_text()
    if args.check:
        same = TARGET.read_text("utf-8") == text
        print(f"{TARGET}: {'up to date' if same else 'differs from the bundled library'}")
        return 0 if same else 1
    TARGET.write_text(text, "utf-8")
    print(f"wrote {TARGET}: {text.count(chr(10)) - 2} verdicts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
