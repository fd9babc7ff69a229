"""The per-rule documentation pages: generated from the registry, in Arabic and English, with
the rules' own examples, shipped with the package and linked from `explain`, SARIF and the
language server; the project's addresses declared once."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from brieflint.links import REPOSITORY, RULE_DOCS_TEMPLATE, rule_doc_url
from brieflint.lsp import DEFAULT_RULE_DOCS
from brieflint.rules import all_rules
from brieflint.rules.docs import (
    arabic_docs,
    case_examples,
    docs_dir,
    docstring_examples,
    fails_example_findings,
    left_to_right,
    markdown_inline,
    pages,
)

from .conftest import ROOT, run_cli

DOCS = ROOT / "docs" / "rules"
RULES = all_rules()


@cache
def generated() -> dict[str, str]:
    """The pages, generated once for the whole module (each run checks 40-odd examples)."""
    return pages()


def _pyproject() -> dict:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


ARABIC_LETTERS = re.compile(r"[\u0621-\u064A]")


def test_docs_rules_is_what_the_registry_generates():
    expected = pages()  # generated afresh: the test of staleness
    on_disk = {path.name: path.read_text("utf-8") for path in DOCS.glob("*.md")}
    assert set(on_disk) == set(expected), "pages missing or left over in docs/rules"
    stale = sorted(name for name, text in expected.items() if on_disk[name] != text)
    assert not stale, (
        f"docs/rules is stale ({', '.join(stale[:5])}…): run `brieflint rules --docs docs/rules`"
    )
    assert len(expected) == len(RULES) + 1  # and the index


def test_every_rule_has_arabic_documentation_of_its_own():
    written = arabic_docs()
    assert set(written) == {rule.code for rule in RULES}
    seen: set[str] = set()
    for rule in RULES:
        entry = written[rule.code]
        for key in ("title", "finds", "why"):
            text = entry[key].strip()
            assert len(ARABIC_LETTERS.findall(text)) > (5 if key == "title" else 20), (
                rule.code,
                key,
            )
            assert text not in seen, (rule.code, key, "copied from another rule")
            seen.add(text)
        described = set(entry.get("options") or {})
        assert described == set(rule.options), (rule.code, "options without Arabic text")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_a_page_says_what_why_fix_options_and_shows_examples(rule):
    text = generated()[f"{rule.code}.md"]
    arabic = arabic_docs()[rule.code]
    assert text.startswith(f"# {rule.code} ")
    for part in ("### ما الذي تكشفه", "### لماذا", "### الإصلاح", "## In English", "**Fix.**"):
        assert part in text, part
    assert " ".join(arabic["finds"].split()) in text
    for key in rule.options:
        assert f"| `{key}` |" in text
    examples = docstring_examples(rule)
    if "Fails" in examples:
        assert "### ❌ يُبلَّغ عنه / Reported" in text and examples["Fails"] in text
        said = fails_example_findings(rule, examples["Fails"])
        for problem in said[:1]:  # the page quotes what brieflint says, in both languages
            assert markdown_inline(problem.message.ar) in text
            assert markdown_inline(problem.message.en) in text
    if "Passes" in examples:
        assert "### ✅ سليم / Passes" in text and examples["Passes"] in text
    fixes = case_examples(rule.code).get("fix", [])
    if fixes:  # a rule that fixes shows a before/after that its test cases run
        assert "### 🔧 الإصلاح / Fix" in text
        assert fixes[0]["fixed"].rstrip() in text and fixes[0]["text"].rstrip() in text
    if rule.fix_availability.value == "never":
        assert "لا إصلاح آليًّا" in text and "No automatic fix" in text


def test_the_package_ships_the_pages_and_their_examples():
    config = _pyproject()
    included = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included["docs/rules"] == "brieflint/rule_docs"
    assert included["tests/rules/cases"] == "brieflint/rule_cases"
    assert "docs" in config["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    assert docs_dir() is not None and (docs_dir() / "BL-AR001.md").is_file()


def test_the_project_urls_are_declared_once_and_absolute():
    urls = _pyproject()["project"]["urls"]
    assert urls["Repository"] == REPOSITORY
    assert all(url.startswith(REPOSITORY) for url in urls.values())
    assert "pypi.org" not in " ".join(urls.values())
    url = rule_doc_url("BL-ST006")
    assert url == f"{REPOSITORY}/blob/main/docs/rules/BL-ST006.md"
    assert (ROOT / url.split("/blob/main/", 1)[1]).is_file()
    assert RULE_DOCS_TEMPLATE.format(code="BL-ST006") == url
    assert DEFAULT_RULE_DOCS.format(code="BL-ST006", name="x") == url  # the editor's link


def test_rules_docs_writes_the_pages(tmp_path):
    out = tmp_path / "pages"
    result = run_cli("rules", "--docs", str(out))
    assert result.returncode == 0, result.stderr
    written = {path.name: path.read_text("utf-8") for path in out.glob("*.md")}
    assert written == generated()
    missing_parent = run_cli("rules", "--docs", str(tmp_path / "no" / "such" / "dir"))
    assert missing_parent.returncode == 2
    assert missing_parent.stderr.decode().count("\n") == 1
    assert b"Traceback" not in missing_parent.stderr
    assert not (tmp_path / "no").exists()


def test_explain_links_to_the_page():
    arabic = run_cli("explain", "BL-AR001", "--lang", "ar").stdout.decode()
    assert f"التوثيق: {rule_doc_url('BL-AR001')}" in arabic
    assert "همزة الوصل" in arabic  # the rule page's Arabic title and prose, not only labels
    out = run_cli("explain", "BL-AR001", "--lang", "en").stdout.decode()
    assert f"Documentation: {rule_doc_url('BL-AR001')}" in out
    local = re.search(r"^Local copy: (.+)$", out, re.M)
    assert local and Path(local.group(1)).read_text("utf-8") == generated()["BL-AR001.md"]


def test_most_pages_quote_what_brieflint_says_about_the_failing_example():
    quoted = [
        r.code
        for r in RULES
        if "ما يقوله brieflint / what brieflint says:" in generated()[f"{r.code}.md"]
    ]
    assert len(quoted) >= 40, quoted


def test_english_that_opens_with_arabic_is_laid_out_left_to_right():
    assert left_to_right("«مازال» is written both ways") == "&lrm;«مازال» is written both ways"
    assert left_to_right("The negation particles «لا»") == "The negation particles «لا»"
    page = generated()["BL-AR006.md"]
    assert "\n&lrm;«مازال/ما زال» and «لابد/لا بد» are written both ways" in page
    assert "  - &lrm;«لايوجد»: the negation particle" in page  # an English message, too


def test_messages_are_literal_markdown():
    assert markdown_inline("علامة [^7] في `a_b` و*c*") == r"علامة \[^7\] في `a_b` و\*c\*"


def test_index_links_every_page():
    index = generated()["README.md"]
    for rule in RULES:
        assert f"[{rule.code}]({rule.code}.md)" in index


def test_readme_points_at_the_rule_pages():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "### Rule pages" in readme and "(docs/rules/README.md)" in readme
    assert "brieflint rules --docs docs/rules" in readme
    assert REPOSITORY in readme
