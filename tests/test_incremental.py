"""The language server's incremental re-checking finds exactly what a fresh check finds, edit
after edit (per-block results are cached by what they read of a block, never by position)."""

from __future__ import annotations

from pathlib import Path

import pytest

from brieflint.engine import Config, check_document
from brieflint.incremental import IncrementalChecker
from brieflint.readers.markdown import read_markdown

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _edits(text: str):
    """A sequence of drafts as an author edits one: typing into a paragraph, a typo, a space
    before a full stop, a paragraph moved, a footnote marker added, a paragraph deleted."""
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines) if len(line) > 200 and not line.startswith("[^")]
    first, second = body[len(body) // 3], body[2 * len(body) // 3]
    steps = []
    lines[first] += " والمراجعة"
    steps.append(list(lines))
    lines[first] += " الاقتصاديه ."
    steps.append(list(lines))
    lines[first], lines[second] = lines[second], lines[first]
    steps.append(list(lines))
    lines[second] += "[^99]"
    steps.append(list(lines))
    del lines[first]
    steps.append(list(lines))
    lines.insert(first, lines[second])
    steps.append(list(lines))
    return ["\n".join(step) for step in steps]


@pytest.mark.parametrize(
    "name", ["situation-assessment.md", "flawed-footnotes.md", "flawed-structure.md"]
)
def test_incremental_findings_are_a_fresh_checks(name: str):
    path = str(EXAMPLES / name)
    text = (EXAMPLES / name).read_text("utf-8")
    config = Config()
    checker = IncrementalChecker()
    for version in [text, *_edits(text)]:
        result, _ = checker.check(path, version, config)
        fresh = check_document(read_markdown(path, version), config)
        assert result.problems == fresh.problems
