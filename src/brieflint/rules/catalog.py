"""The registry as documentation: ``brieflint rules`` (text, JSON, Markdown) and the rules table
of the README, which the tests keep equal to :func:`markdown_table`."""

from __future__ import annotations

import inspect
import json
import re
from typing import Any

from ..model import FixAvailability
from ..vocabulary import category_label, family_label, severity_label
from ..vocabulary import fix_label as vocabulary_fix_label
from .base import Rule, all_rules


def summary(rule: type[Rule]) -> str:
    """The first paragraph of the rule's docstring, on one line."""
    doc = inspect.getdoc(rule) or rule.name
    return " ".join(doc.split("\n\n", 1)[0].split())


def family(rule: type[Rule]) -> str:
    return rule.name.split(".", 1)[0]


def fix_label(rule: type[Rule]) -> str:
    """``never``, or the availability and the applicability: ``sometimes (safe)``."""
    if rule.fix_availability == FixAvailability.NEVER:
        return FixAvailability.NEVER.value
    return f"{rule.fix_availability.value} ({rule.fix_applicability.value})"


def describe(rule: type[Rule]) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "family": family(rule),
        "category": rule.category,
        "severity": rule.severity.value,
        "fix_availability": rule.fix_availability.value,
        "fix_applicability": rule.fix_applicability.value,
        "summary": summary(rule),
        "options": {key: spec.get("default") for key, spec in rule.options.items()},
    }


def text_table(lang: str = "en") -> str:
    """``brieflint rules``: one rule a line; the headers and labels in ``lang``."""
    rules = all_rules()
    rows = [
        (
            r.code,
            r.name,
            family_label(family(r), lang),
            category_label(r.category, lang),
            severity_label(r.severity.value, lang),
            fix_text(r, lang),
        )
        for r in rules
    ]
    header = HEADERS[lang if lang in HEADERS else "en"]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        " ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    return "\n".join(lines) + "\n"


HEADERS = {
    "en": ("CODE", "NAME", "FAMILY", "CATEGORY", "SEVERITY", "FIX"),
    "ar": ("الرمز", "الاسم", "العائلة", "الفئة", "الدرجة", "التصحيح"),
}


def fix_text(rule: type[Rule], lang: str) -> str:
    """:func:`fix_label` in ``lang``: «أحيانًا (آمن)»."""
    if lang != "ar":
        return fix_label(rule)
    if rule.fix_availability == FixAvailability.NEVER:
        return vocabulary_fix_label("never", lang)
    availability = vocabulary_fix_label(rule.fix_availability.value, lang)
    return f"{availability} ({vocabulary_fix_label(rule.fix_applicability.value, lang)})"


def json_listing(lang: str = "en") -> str:
    listing = []
    for rule in all_rules():
        entry = describe(rule)
        entry["labels"] = {
            "family": family_label(family(rule), lang),
            "category": category_label(rule.category, lang),
            "severity": severity_label(rule.severity.value, lang),
            "fix": fix_text(rule, lang),
        }
        listing.append(entry)
    return json.dumps(listing, ensure_ascii=False, indent=2) + "\n"


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


def explain(rule: type[Rule], lang: str = "en") -> str:
    """``brieflint explain``: the header, the fix line, the documentation and the options."""
    if lang == "ar":
        return explain_arabic(rule)
    if rule.fix_availability == FixAvailability.NEVER:
        fix = "Fix: never (brieflint reports, an editor corrects)"
    else:
        how = (
            "applied by `brieflint fix`"
            if rule.fix_applicability.value == "safe"
            else "applied only with --unsafe-fixes"
        )
        fix = f"Fix: {rule.fix_availability.value}, {rule.fix_applicability.value} ({how})"
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


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def examples(rule: type[Rule]) -> dict[str, list[str]]:
    """The «Fails::» and «Passes::» blocks of the rule's documentation, line by line."""
    found: dict[str, list[str]] = {}
    current: str | None = None
    for line in (inspect.getdoc(rule) or "").splitlines():
        heading = line.strip()
        if heading in ("Fails::", "Passes::"):
            current = heading[:-2].lower()
            found[current] = []
        elif current is not None and (line.startswith("    ") or not heading):
            found[current].append(line[4:] if line.startswith("    ") else "")
        elif current is not None:
            current = None
    return {k: _trim(v) for k, v in found.items()}


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def explain_arabic(rule: type[Rule]) -> str:
    """``brieflint explain --lang ar``: the rule in Arabic labels, what its messages say (the
    Arabic templates, their variable parts shown as «…») and the examples of its
    documentation, whose prose is English (``--lang en``)."""
    if rule.fix_availability == FixAvailability.NEVER:
        fix = "التصحيح: لا يُصحَّح آليًّا (يبلّغ brieflint ويصحّح المحرر)"
    elif rule.fix_applicability.value == "safe":
        fix = f"التصحيح: {fix_text(rule, 'ar')}، يطبّقه `brieflint fix`"
    else:
        fix = f"التصحيح: {fix_text(rule, 'ar')}، لا يُطبَّق إلا مع ‎--unsafe-fixes"
    parts = [
        f"{rule.code}  {rule.name}",
        f"العائلة: {family_label(family(rule), 'ar')}؛ الفئة: {category_label(rule.category, 'ar')}؛ "
        f"الدرجة الافتراضية: {severity_label(rule.severity.value, 'ar')}",
        fix,
    ]
    if rule.messages:
        parts += ["", "ما تبلّغ عنه:"]
        parts += [f"  - {_PLACEHOLDER.sub('…', arabic)}" for _, arabic in rule.messages.values()]
    shown = examples(rule)
    for key, title in (("fails", "مثال خاطئ:"), ("passes", "مثال صحيح:")):
        if shown.get(key):
            parts += ["", title, *(f"    {line}" if line else "" for line in shown[key])]
    if rule.options:
        parts += ["", "الخيارات:"]
        parts += [
            f"  {key} (الافتراضي {spec.get('default')!r})" for key, spec in rule.options.items()
        ]
    parts += ["", f"الشرح المفصّل بالإنجليزية: brieflint explain {rule.code} --lang en"]
    return "\n".join(parts) + "\n"


__all__ = [
    "describe",
    "examples",
    "explain",
    "explain_arabic",
    "fix_label",
    "fix_text",
    "json_listing",
    "markdown_table",
    "summary",
    "text_table",
]
