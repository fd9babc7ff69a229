"""One documentation page per rule, generated from the registry: ``docs/rules/BL-XX000.md``.

A page says, in Arabic and in English, what the rule finds and why, whether and how it fixes,
its options, and shows examples: the docstring's «Fails::»/«Passes::» texts and the rule's
``fix`` cases (``tests/rules/cases/BL-XX000.yaml``, shipped in the wheel as ``rule_cases``),
which the test suite runs, so an example on a page is one the rule is known to get right.

The English prose is the rule's docstring; the Arabic prose is written for each rule in
``data/rule-docs-ar.yaml`` (not a translation tool's output). ``brieflint rules --docs DIR``
writes the pages; a test fails when ``docs/rules`` differs from what this module generates.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..engine import Config, check_document
from ..links import REPOSITORY, rule_doc_name, rule_doc_url
from ..model import Applicability, FixAvailability, Problem
from ..readers.markdown import read_markdown
from ..resources import data_file, shipped_dir
from ..vocabulary import category_label, family_label, severity_label
from .base import Rule, all_rules

INDEX_NAME = "README.md"
MAX_FIX_EXAMPLES = 2
MAX_MORE_FAILS = 3
MAX_MESSAGES = 3
_SECTION = re.compile(r"^(Fails|Passes)::\s*$")
_COMMENTARY = re.compile(r"^\(.*[A-Za-z].*\)$")  # «(a note to the reader)» inside an example


@cache
def arabic_docs() -> dict[str, dict[str, Any]]:
    """``{code: {title, finds, why, options: {key: text}}}`` from ``rule-docs-ar.yaml``."""
    with open(data_file("rule-docs-ar.yaml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def cases_dir() -> Path | None:
    try:
        return shipped_dir("rule_cases", "tests/rules/cases")
    except FileNotFoundError:  # an installation without the examples: pages without them
        return None


def docs_dir() -> Path | None:
    """The shipped rule pages: ``brieflint/rule_docs`` in a wheel, ``docs/rules`` in a checkout."""
    try:
        return shipped_dir("rule_docs", "docs/rules")
    except FileNotFoundError:
        return None


def local_page(code: str) -> Path | None:
    folder = docs_dir()
    page = folder / rule_doc_name(code) if folder else None
    return page if page and page.is_file() else None


# --- the examples ------------------------------------------------------------------------------


def docstring_prose(rule: type[Rule]) -> str:
    """The docstring up to its examples."""
    doc = inspect.getdoc(rule) or rule.name
    kept = []
    for line in doc.split("\n"):
        if _SECTION.match(line.strip()):
            break
        kept.append(line)
    return "\n".join(kept).strip()


def docstring_examples(rule: type[Rule]) -> dict[str, str]:
    """``{"Fails": text, "Passes": text}``: the indented blocks after ``Fails::``/``Passes::``."""
    found: dict[str, str] = {}
    current: str | None = None
    block: list[str] = []
    for line in [*(inspect.getdoc(rule) or "").split("\n"), "End::"]:
        head = _SECTION.match(line.strip()) if not line.startswith(" ") else None
        if head or (line and not line.startswith(" ") and current):
            if current:
                found[current] = _clean(block)
            current, block = (head.group(1), []) if head else (None, [])
            continue
        if current is not None:
            block.append(line)
    return {key: text for key, text in found.items() if text.strip()}


def _clean(block: list[str]) -> str:
    text = textwrap.dedent("\n".join(block)).strip("\n")
    kept = [line for line in text.split("\n") if not _COMMENTARY.match(line.strip())]
    return "\n".join(kept).strip("\n")


def _case_file(code: str) -> dict[str, Any]:
    folder = cases_dir()
    path = folder / f"{code}.yaml" if folder else None
    if path is None or not path.is_file():
        return {}
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def fails_example_findings(rule: type[Rule], text: str) -> list[Problem]:
    """What brieflint says about the «Fails::» example, when the example is a whole draft
    (the case file's ``docstring`` wrap is ``none``); the test suite runs the same example."""
    given = _case_file(rule.code).get("docstring", "none")
    wrap = given if isinstance(given, str) else given.get("fails", "none")
    config = given.get("config") or {} if isinstance(given, dict) else {}
    if wrap != "none":  # the example is a snippet of a brief, not a draft of its own
        return []
    options = dict(config.get("options") or {})
    if "budget_seconds" in rule.options:  # a page must not depend on the machine's load
        options["budget_seconds"] = 60.0
    run = Config(
        select=(rule.code, *config.get("select", ())),
        rule_options={rule.code: options},
        words=tuple(config.get("words") or ()),
        warn_unused_ignores=bool(config.get("warn_unused_ignores", False)),
    )
    result = check_document(read_markdown("<example>", text + "\n"), run)
    return [p for p in result.problems if p.rule == rule.code]


def case_examples(code: str) -> dict[str, list[dict[str, Any]]]:
    """The rule's cases by kind (``fail``, ``pass``, ``fix``), without expected failures."""
    data = _case_file(code)
    grouped: dict[str, list[dict[str, Any]]] = {}
    for case in data.get("cases", []):
        if case.get("xfail") or case.get("encoding"):  # bytes, not text a page can show
            continue
        grouped.setdefault(case["kind"], []).append(case)
    return grouped


# --- the page ------------------------------------------------------------------------------------


def _fix_english(rule: type[Rule]) -> str:
    if rule.fix_availability == FixAvailability.NEVER:
        return "No automatic fix: brieflint reports, an editor corrects."
    when = {"always": "Every finding", "sometimes": "Some findings"}[rule.fix_availability.value]
    if rule.fix_applicability == Applicability.SAFE:
        return f"{when} carry a fix that `brieflint fix` applies (safe: right in every context)."
    return (
        f"{when} carry a fix applied only with `brieflint fix --unsafe-fixes` (unsafe: check it)."
    )


def _fix_arabic(rule: type[Rule]) -> str:
    if rule.fix_availability == FixAvailability.NEVER:
        return "لا إصلاح آليًّا: يشير brieflint إلى الموضع، والمحرر هو من يصحّح."
    when = {
        "always": "كل ملاحظة من ملاحظات هذه القاعدة",
        "sometimes": "بعض ملاحظات هذه القاعدة",
    }[rule.fix_availability.value]
    if rule.fix_applicability == Applicability.SAFE:
        return f"{when} تحمل إصلاحًا آمنًا يطبّقه الأمر <bdi>`brieflint fix`</bdi> مباشرة."
    return (
        f"{when} تحمل إصلاحًا غير مضمون لا يُطبَّق إلا مع "
        "<bdi>`brieflint fix --unsafe-fixes`</bdi>، فراجِعه بعد تطبيقه."
    )


def _with_options(case: dict[str, Any]) -> str:
    """`` (مع الخيارات / with options: `joined: separate`)`` when the case sets options."""
    options = (case.get("config") or {}).get("options")
    if not options:
        return ""
    given = ", ".join(f"{key}: {value}" for key, value in options.items())
    return f" (مع الخيارات / with options: `{given}`)"


def _code_block(text: str, lang: str = "text") -> str:
    fence = "````" if "```" in text else "```"
    return f"{fence}{lang}\n{text.rstrip()}\n{fence}"


def _options_table(rule: type[Rule], arabic: dict[str, str]) -> list[str]:
    if not rule.options:
        return ["لا خيارات لهذه القاعدة. / This rule has no options.", ""]
    lines = [
        "| الخيار / option | القيمة الافتراضية / default | الوصف | description |",
        "|---|---|---|---|",
    ]
    for key, spec in rule.options.items():
        default = yaml.safe_dump(spec.get("default"), default_flow_style=True).strip()
        default = default.removesuffix("...").strip()
        cells = (f"`{key}`", f"`{default}`", arabic.get(key, ""), spec.get("description", ""))
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return [*lines, ""]


def _examples(rule: type[Rule]) -> list[str]:
    lines = ["## أمثلة / Examples", ""]
    shown = docstring_examples(rule)
    cases = case_examples(rule.code)
    if "Fails" in shown:
        lines += ["### ❌ يُبلَّغ عنه / Reported", "", _code_block(shown["Fails"], "markdown"), ""]
        lines += _what_it_says(fails_example_findings(rule, shown["Fails"]))
    if "Passes" in shown:
        lines += ["### ✅ سليم / Passes", "", _code_block(shown["Passes"], "markdown"), ""]
    for case in cases.get("fix", [])[:MAX_FIX_EXAMPLES]:
        lines += [
            f"### 🔧 الإصلاح / Fix — `{case['name']}`{_with_options(case)}",
            "",
            "قبل / before:",
            "",
            _code_block(case["text"], "markdown"),
            "",
            "بعد <bdi>`brieflint fix`</bdi> / after:",
            "",
            _code_block(case["fixed"], "markdown"),
            "",
        ]
    more = [c for c in cases.get("fail", []) if c["text"].strip() != shown.get("Fails", "").strip()]
    if more:
        lines += ["### حالات أخرى يُبلَّغ عنها / More reported cases", ""]
        for case in more[:MAX_MORE_FAILS]:
            lines += [
                f"`{case['name']}`{_with_options(case)}:",
                "",
                _code_block(case["text"], "markdown"),
                "",
            ]
    if len(lines) == 2:
        lines += [
            "تنشأ هذه الملاحظة عند قراءة الملف لا من نصه، فلا مثال نصيًّا لها. / "
            "This finding comes from reading the file, not from its text: no text example.",
            "",
        ]
    return lines


_CODE_SPAN = re.compile(r"(`[^`]*`)")
_MARKDOWN_SPECIAL = re.compile(r"([\\*_\[\]<>|])")


def left_to_right(paragraph: str) -> str:
    """An English paragraph that opens with Arabic («مازال/ما زال» are written…) starts with a
    left-to-right mark, so a renderer that sets each paragraph's direction from its first strong
    letter (GitHub: ``dir="auto"``) lays it out as English."""
    first = next((ch for ch in paragraph if ch.isalpha()), "")
    return paragraph if first.isascii() else "&lrm;" + paragraph


def markdown_inline(text: str) -> str:
    """A message as literal Markdown text: its `code spans` kept, other markup escaped (a
    «[^7]» is a footnote marker in GitHub's Markdown)."""
    parts = _CODE_SPAN.split(text)
    return "".join(
        part if index % 2 else _MARKDOWN_SPECIAL.sub(r"\\\1", part)
        for index, part in enumerate(parts)
    )


def _what_it_says(found: list[Problem]) -> list[str]:
    """The findings of the failing example: where, and the message in both languages."""
    if not found:
        return []
    lines = ["ما يقوله brieflint / what brieflint says:", ""]
    for problem in found[:MAX_MESSAGES]:
        where = f"{problem.location.line}:{problem.location.column}"
        lines += [
            f"- <bdi>`{where}`</bdi> {markdown_inline(problem.message.ar)}",
            f"  - {left_to_right(markdown_inline(problem.message.en))}",
        ]
    if len(found) > MAX_MESSAGES:
        lines.append(f"- … (+{len(found) - MAX_MESSAGES})")
    return [*lines, ""]


def page(rule: type[Rule]) -> str:
    """The Markdown page of one rule."""
    arabic = arabic_docs()[rule.code]
    severity = rule.severity.value
    from .catalog import fix_label, fix_text

    # «sometimes (safe or unsafe)»: every applicability the rule's fixes may have
    fix_ar, fix_en = fix_text(rule, "ar"), fix_label(rule)
    family = rule.name.split(".", 1)[0]
    lines = [
        f"# {rule.code} <bdi>{rule.name}</bdi>",
        "",
        f"**{arabic['title']}**",
        "",
        left_to_right(_summary_en(rule)),
        "",
        "| | العربية | English |",
        "|---|---|---|",
        f"| الرمز / code | `{rule.code}` | `{rule.code}` |",
        f"| الأسرة / family | {family_label(family, 'ar')} | {family} |",
        f"| الفئة / category | {category_label(rule.category, 'ar')} | {rule.category} |",
        f"| الخطورة الافتراضية / default severity | {severity_label(severity, 'ar')} | {severity} |",
        f"| الإصلاح / fix | {fix_ar} | {fix_en} |",
        "",
        '<div dir="rtl" lang="ar">',
        "",
        "## بالعربية",
        "",
        "### ما الذي تكشفه",
        "",
        arabic["finds"].strip(),
        "",
        "### لماذا",
        "",
        arabic["why"].strip(),
        "",
        "### الإصلاح",
        "",
        _fix_arabic(rule),
        "",
        "</div>",
        "",
        "## In English",
        "",
        "\n\n".join(left_to_right(part) for part in docstring_prose(rule).split("\n\n")),
        "",
        f"**Fix.** {_fix_english(rule)}",
        "",
        "## الخيارات / Options",
        "",
        *_options_table(rule, arabic.get("options") or {}),
        *_examples(rule),
        "---",
        "",
        f"<bdi>`brieflint explain {rule.code}`</bdi> · [كل القواعد / all rules]({INDEX_NAME}) · "
        f"[brieflint]({REPOSITORY})",
        "",
        "<!-- generated by `brieflint rules --docs docs/rules`: edit the rule or "
        "data/rule-docs-ar.yaml, not this file -->",
        "",
    ]
    return "\n".join(lines)


def _summary_en(rule: type[Rule]) -> str:
    return " ".join(docstring_prose(rule).split("\n\n", 1)[0].split())


def index() -> str:
    """``docs/rules/README.md``: every rule, linked to its page."""
    lines = [
        "# قواعد brieflint / brieflint rules",
        "",
        "صفحة لكل قاعدة: ما تكشفه ولماذا، والإصلاح والخيارات والأمثلة، بالعربية والإنجليزية.",
        "One page per rule: what it finds and why, its fix, options and examples, in Arabic and "
        "English.",
        "",
        "| الرمز / code | القاعدة | rule | الخطورة / severity | الإصلاح / fix |",
        "|---|---|---|---|---|",
    ]
    for rule in all_rules():
        title = arabic_docs()[rule.code]["title"]
        lines.append(
            f"| [{rule.code}]({rule_doc_name(rule.code)}) | {title} | `{rule.name}` | "
            f"{severity_label(rule.severity.value, 'ar')} / {rule.severity.value} | "
            f"{rule.fix_availability.value} |"
        )
    return "\n".join([*lines, ""])


def pages() -> dict[str, str]:
    """``{file name: Markdown}`` for every rule, and the index."""
    generated = {rule_doc_name(rule.code): page(rule) for rule in all_rules()}
    generated[INDEX_NAME] = index()
    return generated


def write_pages(folder: Path) -> list[Path]:
    """Write every page into ``folder`` (created if its parent exists), removing pages of rules that no longer exist."""
    folder.mkdir(exist_ok=True)  # its parent must exist: a mistyped path is an error
    generated = pages()
    for stale in folder.glob("BL-*.md"):
        if stale.name not in generated:
            stale.unlink()
    written = []
    for name, text in generated.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        if path.read_text(encoding="utf-8") != text:  # every write is read back
            raise OSError(f"{path}: the page did not read back as written")
        written.append(path)
    return written


__all__ = ["docs_dir", "local_page", "page", "pages", "rule_doc_url", "write_pages"]
