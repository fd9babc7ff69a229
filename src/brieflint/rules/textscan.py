"""Shared machinery for rules that scan the text of every block with a regular expression."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from ..model import Block, Document, Fix, FixAvailability, Problem
from ..spelling.tokens import skipped_spans
from .base import Rule

ARABIC = "\u0621-\u064a\u0671-\u06d3"
ARABIC_LETTER = re.compile(f"[{ARABIC}]")


def prose_blocks(doc: Document) -> Iterator[tuple[Block, int | None]]:
    """Blocks of prose, body and notes, with their index in doc.blocks (None in a note)."""
    for block, index, _ in doc.analysis.prose:
        yield block, index


def outside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return not any(s < end and start < e for s, e in spans)


class PatternRule(Rule):
    """A rule whose findings are matches of ``pattern`` in prose (not in URLs or code).

    Subclasses set ``pattern`` and implement :meth:`finding`, which returns the span to report,
    the message key, the replacement (None when there is no certain fix) and message params —
    or None to skip the match.
    """

    pattern: ClassVar[re.Pattern[str]]
    # A cheap necessary condition: a block with no match of ``trigger`` has no match of
    # ``pattern``. It starts with a character class and has no look-behind, so the regex engine
    # skips through the text at C speed; most patterns start with a look-behind, which makes
    # the engine try them at every character of every block (tests/test_pattern_triggers.py
    # checks the condition on every rule case and corpus text).
    trigger: ClassVar[re.Pattern[str] | None] = None
    fix_availability = FixAvailability.SOMETIMES

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        name = f"{self.code}:{sorted(options.items())!r}"
        for block, index in prose_blocks(doc):
            text = block.text
            for start, end, key, replacement, params in doc.analysis.per_block(
                name, block, lambda block: self._findings(block, options)
            ):
                yield self.problem(
                    doc.locate(block, start, end),
                    key,
                    text=text[start:end],
                    suggestions=[replacement] if replacement is not None else [],
                    fix=Fix.replace(block, start, end, replacement)
                    if replacement is not None
                    else None,
                    block_index=index,
                    **params,
                )

    def _findings(self, block: Block, options: dict[str, Any]) -> list[tuple]:
        """The matches to report in one block: a function of its text and its skipped spans."""
        text = block.text
        if self.trigger is not None and self.trigger.search(text) is None:
            return []
        skipped = None
        found_all = []
        for match in self.pattern.finditer(text):
            found = self.finding(text, match, options)
            if found is None:
                continue
            start, end, _, _, _ = found
            if skipped is None:
                skipped = skipped_spans(block)
            if outside(skipped, start, end):
                found_all.append(found)
        return found_all

    def finding(self, text: str, match: re.Match[str], options: dict[str, Any]):
        raise NotImplementedError
