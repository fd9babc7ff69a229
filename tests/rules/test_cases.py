"""Every rule against its cases in ``cases/BL-XX000.yaml`` (see ``casekit`` for the format),
and every rule's «Fails::»/«Passes::» documentation examples against the same machinery."""

from __future__ import annotations

import pytest

from brieflint.fixer import fix_path
from brieflint.model import FixAvailability
from brieflint.rules import all_rules

from .casekit import (
    CASE_KEYS,
    CONFIG_KEYS,
    KINDS,
    NAME,
    WRAPS,
    Case,
    all_cases,
    case_files,
    case_text,
    config_for,
    docstring_config,
    docstring_examples,
    docstring_wraps,
    findings,
    load_cases,
    load_file,
    wrap,
)

RULES = {rule.code: rule for rule in all_rules()}


def _param(case: Case):
    marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
    if case.code not in RULES:
        marks.append(pytest.mark.skip(reason=f"{case.code} is not a registered rule yet"))
    return pytest.param(case, id=case.id, marks=marks)


CASES = all_cases()


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case: Case, tmp_path):
    found = findings(case.code, case_text(case), case.config, encoding=case.encoding)
    if case.kind == "pass":
        assert not found, [p.message.en for p in found]
        return
    assert found, f"{case.code} reports nothing"
    if case.kind == "fail":
        if isinstance(case.expect, int):
            assert len(found) == case.expect, [p.text for p in found]
        for wanted in case.expect if isinstance(case.expect, list) else ():
            if isinstance(wanted, dict):  # {message: …}: part of a finding's message
                hit = any(
                    wanted["message"] in p.message.get(lang) for p in found for lang in ("en", "ar")
                )
            else:  # the text the finding points at in the draft
                hit = any(wanted == p.text for p in found)
            assert hit, (wanted, [(p.text, p.message.en) for p in found])
        return
    assert any(p.fixable for p in found), "no finding carries a fix"
    draft = tmp_path / "draft.md"
    draft.write_bytes(case_text(case).encode(case.encoding))
    fix_path(str(draft), config_for(case.code, case.config), write=True)
    expected = wrap(case.fixed, case.wrap)
    assert draft.read_bytes().decode(case.encoding) == expected


# --- the case files themselves ---------------------------------------------------------------


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.stem)
def test_case_file_is_well_formed(path):
    data = load_file(path)
    assert set(data) <= {"rule", "cases", "docstring"}, set(data)
    assert data["rule"] == path.stem
    wraps = docstring_wraps(path.stem)
    assert set(wraps.values()) <= set(WRAPS)
    names = set()
    for raw in data["cases"]:
        assert set(raw) <= CASE_KEYS, (raw.get("name"), set(raw) - CASE_KEYS)
        assert NAME.match(raw["name"]), raw["name"]
        assert raw["name"] not in names, f"duplicate case name {raw['name']}"
        names.add(raw["name"])
        assert raw["kind"] in KINDS
        assert raw.get("wrap", "none") in WRAPS
        assert set(raw.get("config") or {}) <= CONFIG_KEYS
        assert ("fixed" in raw) == (raw["kind"] == "fix"), raw["name"]
        assert "expect" not in raw or raw["kind"] == "fail", raw["name"]


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_cases(code):
    path = next((p for p in case_files() if p.stem == code), None)
    assert path is not None, f"no tests/rules/cases/{code}.yaml"
    kinds = {case.kind for case in load_cases(path)}
    assert {"fail", "pass"} <= kinds, kinds
    if RULES[code].fix_availability != FixAvailability.NEVER:
        assert "fix" in kinds, f"{code} may fix ({RULES[code].fix_availability.value}): no fix case"


@pytest.mark.parametrize(
    "case",
    [
        _param(c)
        for c in CASES
        if c.kind == "fail" and c.code in RULES and RULES[c.code].fix_availability == "never"
    ],
)
def test_never_fixable_rule_offers_no_fix(case):
    found = findings(case.code, case_text(case), case.config, encoding=case.encoding)
    assert not any(p.fixable for p in found)


@pytest.mark.parametrize("code", sorted(RULES))
def test_declared_fix_applicability_is_truthful(code):
    """Every fix a rule offers in its cases has an applicability the rule declares, and each
    applicability it declares is seen in some case: ``brieflint rules`` tells the truth."""
    rule = RULES[code]
    seen = set()
    for case in (c for c in CASES if c.code == code and c.kind != "pass" and not c.xfail):
        for problem in findings(code, case_text(case), case.config, encoding=case.encoding):
            if problem.fix is not None and problem.rule == code:
                seen.add(problem.fix.applicability)
    assert seen <= set(rule.fix_applicabilities), (seen, rule.fix_applicabilities)
    if rule.fix_availability != FixAvailability.NEVER:
        assert seen == set(rule.fix_applicabilities), (seen, rule.fix_applicabilities)


@pytest.mark.parametrize("code", sorted(RULES))
@pytest.mark.parametrize("example", ["Fails", "Passes"])
def test_docstring_example(code, example):
    examples = docstring_examples(RULES[code].__doc__)
    assert example in examples, f"{code}'s docstring has no {example}:: example"
    how = docstring_wraps(code)[example]
    if how == "described":
        # Input notices: the example describes bytes or a run, not Markdown text; the rule's
        # fail and pass cases in its YAML file are what runs.
        assert not examples[example].strip(), "a described example holds only a description"
        return
    text = wrap(examples[example], how)
    found = findings(code, text, docstring_config(code))
    if example == "Fails":
        assert found, f"{code}'s Fails:: example is not reported"
    else:
        assert not found, [p.message.en for p in found]


def test_brief_is_clean():
    """The brief cases are wrapped in draws no finding from any rule."""
    from brieflint.engine import Config, check_document

    from .casekit import read

    result = check_document(read(wrap("", "brief")), Config())
    assert [(p.rule, p.text) for p in result.problems] == []
