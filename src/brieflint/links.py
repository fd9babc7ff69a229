"""The project's addresses, in one place: its repository and the page of each rule.

``pyproject.toml``'s ``[project.urls]`` declares the same repository (a test keeps the two
equal); everything that links to brieflint — SARIF's ``informationUri`` and ``helpUri``, the
language server's ``codeDescription``, the HTML report and ``brieflint explain`` — asks here.
"""

from __future__ import annotations

REPOSITORY = "https://github.com/brieflint/brieflint"
BRANCH = "main"
RULE_DOCS_DIR = "docs/rules"  # in the repository; also shipped in the package (rule_docs/)


def rule_doc_name(code: str) -> str:
    """The file name of a rule's page: ``BL-AR001.md``."""
    return f"{code}.md"


def rule_doc_url(code: str) -> str:
    """The rule's page on the repository, an absolute https URL."""
    return f"{REPOSITORY}/blob/{BRANCH}/{RULE_DOCS_DIR}/{rule_doc_name(code)}"


def help_url(code: str) -> str:
    """The page of a finding's rule: brieflint's, or LanguageTool's for a merged match."""
    if code.startswith("LT:"):
        return f"https://community.languagetool.org/rule/show/{code[3:]}?lang=ar"
    return rule_doc_url(code)


RULE_DOCS_TEMPLATE = f"{REPOSITORY}/blob/{BRANCH}/{RULE_DOCS_DIR}/{{code}}.md"
