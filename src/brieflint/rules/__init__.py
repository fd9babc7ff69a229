"""The rules, one small module per concern, grouped by family.

To find the rule behind a finding, take its dotted name: ``structure.missing-section`` lives in
``rules/structure/``. ``brieflint explain CODE`` prints any rule's documentation.
"""

from __future__ import annotations

import importlib

from .base import Rule, all_rules, rule_by_code

RULE_MODULES = (
    "structure.sections",
    "structure.headings",
    "structure.length",
    "structure.placeholders",
    "metadata.fields",
    "footnotes.definitions",
    "footnotes.numbering",
    "references.entries",
    "references.crosscheck",
    "orthography.words",
    "punctuation.marks",
    "typography.characters",
    "consistency.document",
    "input.notices",
)


_LOADED: list[bool] = []


def load_all() -> None:
    """Import every rule module (once: all_rules asks for every document)."""
    if _LOADED:
        return
    for module in RULE_MODULES:
        importlib.import_module(f"{__name__}.{module}")
    _LOADED.append(True)


__all__ = ["Rule", "all_rules", "load_all", "rule_by_code"]
