"""Inline suppressions: ``<!-- brieflint-disable CODE -->`` in Markdown, a Word comment whose
text is ``brieflint-disable CODE`` on a range of text.

Directives (codes, dotted names, families, categories or globs, in any case, comma- or
space-separated; none means all rules):

- ``brieflint-disable …`` … ``brieflint-enable …``: from the directive to the matching enable
  (or the end of the file);
- ``brieflint-disable-line …``: the line of the directive;
- ``brieflint-disable-next-line …``: the line after it;
- ``brieflint-disable-file …``: the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Location, Problem, Suppression
from .rules.input.notices import UnusedSuppression
from .rules.selectors import matches as selector_matches

DIRECTIVE = re.compile(
    r"<!--\s*brieflint-(disable-file|disable-next-line|disable-line|disable|enable)\b([^>]*?)-->"
)
COMMENT_DIRECTIVE = re.compile(r"^\s*brieflint-disable\b(.*)$", re.S)
END = (10**9, 10**9)


def _folded(codes: tuple[str, ...]) -> set[str]:
    return {c.casefold() for c in codes}


def parse_codes(text: str) -> tuple[str, ...]:
    return tuple(c for c in re.split(r"[\s,]+", text.strip()) if c)


def markdown_suppressions(source: str, code_lines: Iterable[tuple[int, int]]) -> list[Suppression]:
    """Directives in Markdown ``source`` (1-based line ranges in ``code_lines`` are code, skipped)."""
    code = list(code_lines)
    starts = [0] + [m.end() for m in re.finditer("\n", source)]
    found: list[Suppression] = []
    open_ranges: list[tuple[tuple[str, ...], tuple[int, int], Location]] = []
    for match in DIRECTIVE.finditer(source):
        line = next(i for i in range(len(starts) - 1, -1, -1) if starts[i] <= match.start()) + 1
        if any(a <= line <= b for a, b in code):
            continue
        kind, codes = match.group(1), parse_codes(match.group(2))
        location = Location(line, match.start() - starts[line - 1] + 1)
        if kind == "disable-file":
            found.append(Suppression(codes, (1, 1), END, location, kind))
        elif kind == "disable-line":
            found.append(Suppression(codes, (line, 1), (line, 10**9), location, kind))
        elif kind == "disable-next-line":
            found.append(Suppression(codes, (line + 1, 1), (line + 1, 10**9), location, kind))
        elif kind == "disable":
            open_ranges.append((codes, (line, 1), location))
        else:  # enable: closes the ranges it names (all of them when it names none)
            still_open = []
            for codes_open, start, where in open_ranges:
                if not codes or _folded(codes_open) <= _folded(codes):
                    found.append(Suppression(codes_open, start, (line, 10**9), where, "disable"))
                else:
                    still_open.append((codes_open, start, where))
            open_ranges = still_open
    found.extend(Suppression(c, start, END, where, "disable") for c, start, where in open_ranges)
    return found


def matches(codes: tuple[str, ...], problem: Problem) -> bool:
    """Whether a directive naming ``codes`` (any selector, any case) covers ``problem``."""
    if not codes:
        return True
    return any(
        selector_matches(code, problem.rule, problem.name, problem.category) for code in codes
    )


def apply(
    problems: list[Problem], suppressions: list[Suppression], *, docx_notes: bool, warn_unused: bool
) -> list[Problem]:
    """Problems that no directive suppresses, plus a notice (BL-IN002) for each unused directive.

    A directive that names BL-IN002 explicitly silences the notices of other unused directives
    it covers."""
    used: set[int] = set()
    kept = []
    for problem in problems:
        if docx_notes and problem.location.note is not None:
            kept.append(problem)  # Word comments cover body text, not notes
            continue
        hit = next(
            (
                i
                for i, s in enumerate(suppressions)
                if s.covers(problem.location) and matches(s.codes, problem)
            ),
            None,
        )
        if hit is None:
            kept.append(problem)
        else:
            used.add(hit)
    if warn_unused:
        rule = UnusedSuppression()
        notices = {
            i: rule.problem(
                s.location,
                "unused",
                directive=s.directive,
                names=", ".join(s.codes) or "all rules",
            )
            for i, s in enumerate(suppressions)
            if i not in used
        }
        silenced = set()
        for i, notice in notices.items():
            hit = next(
                (
                    j
                    for j, s in enumerate(suppressions)
                    if j != i and s.codes and s.covers(notice.location) and matches(s.codes, notice)
                ),
                None,
            )
            if hit is not None:
                silenced.add(i)
                used.add(hit)
        kept.extend(n for i, n in notices.items() if i not in silenced and i not in used)
    return kept
