"""The registry as documentation: ``brieflint rules`` (text, JSON, Markdown) and the rules table
of the README, which the tests keep equal to :func:`markdown_table`."""

from __future__ import annotations

import inspect
import json
from typing import Any

from ..model import Applicability, FixAvailability
from .base import Rule, all_rules


def summary(rule: type[Rule]) -> str:
    """The first paragraph of the rule's docstring, on one line."""
    doc = inspect.getdoc(rule) or rule.name
    return " ".join(doc.split("\n\n", 1)[0].split())


def family(rule: type[Rule]) -> str:
    return rule.name.split(".", 1)[0]


def applicability_label(rule: type[Rule]) -> str:
    """``safe``, ``unsafe``, or ``safe or unsafe`` for a rule whose fixes may be either."""
    return " or ".join(a.value for a in rule.fix_applicabilities)


def fix_label(rule: type[Rule]) -> str:
    """``never``, or the availability and the applicabilities: ``sometimes (safe or unsafe)``."""
    if rule.fix_availability == FixAvailability.NEVER:
        return FixAvailability.NEVER.value
    return f"{rule.fix_availability.value} ({applicability_label(rule)})"


def describe(rule: type[Rule]) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "family": family(rule),
        "category": rule.category,
        "severity": rule.severity.value,
        "fix_availability": rule.fix_availability.value,
        "fix_applicability": rule.fix_applicability.value,
        "fix_applicabilities": [a.value for a in rule.fix_applicabilities],
        "summary": summary(rule),
        "options": {key: spec.get("default") for key, spec in rule.options.items()},
    }


def text_table() -> str:
    rules = all_rules()
    rows = [(r.code, r.name, family(r), r.category, r.severity.value, fix_label(r)) for r in rules]
    header = ("CODE", "NAME", "FAMILY", "CATEGORY", "SEVERITY", "FIX")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        " ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    return "\n".join(lines) + "\n"


def json_listing() -> str:
    return json.dumps([describe(r) for r in all_rules()], ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_table() -> str:
    """The README's rules table (between ``<!-- rules:start -->`` and ``<!-- rules:end -->``)."""
    lines = [
        "| code | name | family | category | default | fix | finds |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in all_rules():
        cells = (r.code, r.name, family(r), r.category, r.severity.value, fix_label(r), summary(r))
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def explain(rule: type[Rule]) -> str:
    """``brieflint explain``: the header, the fix line, the documentation and the options."""
    if rule.fix_availability == FixAvailability.NEVER:
        fix = "Fix: never (brieflint reports, an editor corrects)"
    else:
        how = {
            (Applicability.SAFE,): "applied by `brieflint fix`",
            (Applicability.UNSAFE,): "applied only with --unsafe-fixes",
        }.get(
            rule.fix_applicabilities,
            "each finding's fix says which: safe ones are applied by `brieflint fix`, unsafe "
            "ones only with --unsafe-fixes",
        )
        fix = f"Fix: {rule.fix_availability.value}, {applicability_label(rule)} ({how})"
    parts = [
        f"{rule.code}  {rule.name}  ({rule.category}, default {rule.severity.value})",
        fix,
        "",
        inspect.getdoc(rule) or "",
    ]
    if rule.options:
        parts.append("\nOptions:")
        for key, spec in rule.options.items():
            parts.append(
                f"  {key} (default {spec.get('default')!r}): {spec.get('description', '')}"
            )
    return "\n".join(parts) + "\n"


def documentation_links(rule: type[Rule]) -> str:
    """Where ``explain`` sends the reader for the full page (Arabic and English, examples):
    the copy shipped with the installation, when there is one, and the repository's."""
    from ..links import rule_doc_url
    from .docs import local_page

    lines = ["", f"Documentation: {rule_doc_url(rule.code)}"]
    page = local_page(rule.code)
    if page is not None:
        lines.append(f"Local copy: {page}")
    return "\n".join(lines) + "\n"


__all__ = [
    "applicability_label",
    "describe",
    "documentation_links",
    "explain",
    "fix_label",
    "json_listing",
    "markdown_table",
    "summary",
    "text_table",
]
