"""The registry as documentation: ``brieflint rules`` (text, JSON, Markdown) and the rules table
of the README, which the tests keep equal to :func:`markdown_table`."""

from __future__ import annotations

import inspect
import json
import re
from typing import Any

from ..model import Applicability, FixAvailability
from ..vocabulary import category_label, family_label, severity_label
from ..vocabulary import fix_label as vocabulary_fix_label
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
    """:func:`fix_label` in ``lang``: «أحيانًا (آمن أو غير آمن)»."""
    if lang != "ar":
        return fix_label(rule)
    if rule.fix_availability == FixAvailability.NEVER:
        return vocabulary_fix_label("never", lang)
    availability = vocabulary_fix_label(rule.fix_availability.value, lang)
    applicabilities = " أو ".join(
        vocabulary_fix_label(a.value, lang) for a in rule.fix_applicabilities
    )
    return f"{availability} ({applicabilities})"


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


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")

_FIX_HOW_AR = {
    (Applicability.SAFE,): "يطبّقه `brieflint fix`",
    (Applicability.UNSAFE,): "لا يُطبَّق إلا مع \u200e--unsafe-fixes",
}


def explain_arabic(rule: type[Rule]) -> str:
    """``brieflint explain --lang ar``: the rule in Arabic labels, its Arabic documentation
    (what it finds, why; the rule page's text), what its messages say (the Arabic templates,
    their variable parts shown as «…»), the examples and the options."""
    from .docs import arabic_docs, docstring_examples

    if rule.fix_availability == FixAvailability.NEVER:
        fix = "التصحيح: لا يُصحَّح آليًّا (يبلّغ brieflint ويصحّح المحرر)"
    else:
        how = _FIX_HOW_AR.get(
            rule.fix_applicabilities,
            "يذكر كل إصلاح نوعه: الآمن يطبّقه `brieflint fix`، وغير الآمن لا يُطبَّق إلا مع "
            "\u200e--unsafe-fixes",
        )
        fix = f"التصحيح: {fix_text(rule, 'ar')}، {how}"
    documented = arabic_docs().get(rule.code, {})
    parts = [
        f"{rule.code}  {rule.name}  ({documented.get('title', '')})",
        f"العائلة: {family_label(family(rule), 'ar')}؛ الفئة: {category_label(rule.category, 'ar')}؛ "
        f"الدرجة الافتراضية: {severity_label(rule.severity.value, 'ar')}",
        fix,
    ]
    for key, title in (("finds", "ما تجده:"), ("why", "لماذا:")):
        if documented.get(key):
            parts += ["", title, " ".join(str(documented[key]).split())]
    if rule.messages:
        parts += ["", "ما تبلّغ عنه:"]
        parts += [f"  - {_PLACEHOLDER.sub('…', arabic)}" for _, arabic in rule.messages.values()]
    shown = docstring_examples(rule)
    for key, title in (("Fails", "مثال خاطئ:"), ("Passes", "مثال صحيح:")):
        if shown.get(key):
            parts += [
                "",
                title,
                *(f"    {line}" if line else "" for line in shown[key].split("\n")),
            ]
    if rule.options:
        option_docs = documented.get("options") or {}
        parts += ["", "الخيارات:"]
        parts += [
            f"  {key} (الافتراضي {spec.get('default')!r}): {option_docs.get(key, '')}".rstrip(": ")
            for key, spec in rule.options.items()
        ]
    return "\n".join(parts) + "\n"


def documentation_links(rule: type[Rule], lang: str = "en") -> str:
    """Where ``explain`` sends the reader for the full page (Arabic and English, examples):
    the copy shipped with the installation, when there is one, and the repository's."""
    from ..links import rule_doc_url
    from .docs import local_page

    online, local = ("التوثيق", "نسخة محلية") if lang == "ar" else ("Documentation", "Local copy")
    lines = ["", f"{online}: {rule_doc_url(rule.code)}"]
    page = local_page(rule.code)
    if page is not None:
        lines.append(f"{local}: {page}")
    return "\n".join(lines) + "\n"


__all__ = [
    "applicability_label",
    "describe",
    "documentation_links",
    "explain",
    "explain_arabic",
    "fix_label",
    "fix_text",
    "json_listing",
    "markdown_table",
    "summary",
    "text_table",
]
