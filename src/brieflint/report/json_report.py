"""``--format json``: one object on stdout, the shape documented in the README."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..engine import FileResult
from ..model import Problem
from .summary import summarise


def fix_applicability(problem: Problem) -> str:
    """``safe`` or ``unsafe``: the applicability of the finding's fix."""
    return problem.fix.applicability.value if problem.fix is not None else "safe"


def finding(problem: Problem, lang: str) -> dict[str, Any]:
    loc = problem.location
    item: dict[str, Any] = {
        "rule": problem.rule,
        "name": problem.name,
        "category": problem.category,
        "severity": problem.severity.value,
        "line": loc.line,
        "column": loc.column,
        "end_column": loc.end_column if loc.end_column is not None else loc.column,
        "text": problem.text,
        "message": problem.message.get(lang),
        "suggestions": list(problem.suggestions),
        "fixable": problem.fixable,
        "source": problem.source,
    }
    if problem.fixable:
        item["fix_applicability"] = fix_applicability(problem)
    if loc.end_line is not None and loc.end_line != loc.line:
        item["end_line"] = loc.end_line
    if loc.footnote is not None:
        item["footnote"] = loc.footnote
    if loc.note is not None:
        item["note"] = loc.note.as_dict()
    return item


def file_entry(result: FileResult, lang: str) -> dict[str, Any]:
    return {
        "path": result.path,
        "format": result.format or None,
        "kind": result.kind or None,
        "metadata": result.metadata,
        "sections": result.sections,
        "findings": [finding(p, lang) for p in result.problems],
        "error": result.error,
        "incomplete": result.incomplete,
    }


def render(results: list[FileResult], options: dict) -> str:
    lang = options.get("lang", "ar")
    summary = summarise(results)
    data = {
        "tool": "brieflint",
        "version": __version__,
        "files": [file_entry(r, lang) for r in results],
        "summary": {k: summary[k] for k in ("files", "errors", "warnings", "infos")},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
