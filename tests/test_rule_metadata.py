"""Every rule documents itself: code, name, family, severity, examples, both languages."""

from __future__ import annotations

import inspect
import re

import pytest

from brieflint.model import CATEGORIES, Severity
from brieflint.rules import all_rules

RULES = all_rules()


def test_rules_are_registered():
    assert len(RULES) >= 11
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_self_describing(rule):
    assert re.fullmatch(r"BL-[A-Z]{2}\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+\.[a-z0-9-]+", rule.name)
    assert rule.category in CATEGORIES
    assert isinstance(rule.severity, Severity)
    doc = inspect.getdoc(rule) or ""
    assert "Fails::" in doc and "Passes::" in doc, "docstring needs a failing and a passing example"
    assert doc.index("Fails::") < doc.index("Passes::")
    assert rule.messages, "a rule needs at least one message"
    for key, (english, arabic) in rule.messages.items():
        assert english and re.search("[a-z]", english), key
        assert re.search("[\u0621-\u064a]", arabic), f"{key}: the Arabic message has no Arabic"
    for key, spec in rule.options.items():
        assert "default" in spec and "description" in spec, key


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_module_matches_family(rule):
    family = rule.name.split(".")[0]
    assert f"brieflint.rules.{family}." in rule.__module__
