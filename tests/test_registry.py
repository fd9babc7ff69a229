"""One registry for every code a user can see: the input notices are rules, selectors are strict
and case-insensitive, reporters read parameters instead of messages, fix availability is shown
truthfully, and the README's rules table is the registry's."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from brieflint.cli import main
from brieflint.engine import Config, FileResult, check_file
from brieflint.model import Edit, Fix, Location, Message, Problem, Severity
from brieflint.report import html, json_report, sarif
from brieflint.rules import all_rules, catalog, rule_by_code
from brieflint.rules.selectors import UnknownSelectorError, rules_matching

from .conftest import EXAMPLES, ROOT

CLEAN = EXAMPLES / "situation-assessment.md"
FLAWED = EXAMPLES / "flawed-structure.md"
UNUSED = "## مقدمة\n\nنص سليم. <!-- brieflint-disable-line BL-AR001 -->\n"


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _cp1256_draft(tmp_path, extra: str = ""):
    path = tmp_path / "old.md"
    path.write_bytes((extra + CLEAN.read_text("utf-8")).encode("cp1256", errors="replace"))
    return path


def _rules_of(result: FileResult) -> list[str]:
    assert result.error is None, result.error
    return [p.rule for p in result.problems]


def _json_findings(result) -> list[dict]:
    return json.loads(result.stdout)["files"][0]["findings"]


# --- 1. the input notices are registered rules ----------------------------------------------


def test_input_notices_are_registered_rules():
    encoding, unused = rule_by_code("BL-IN001"), rule_by_code("BL-IN002")
    assert encoding is not None and encoding.name == "input.encoding"
    assert unused is not None and unused.name == "input.unused-suppression"
    assert {encoding, unused} <= set(all_rules())
    explained = cli("explain", "BL-IN001", "--lang", "en")
    assert explained.exit_code == 0 and "Fails::" in explained.stdout
    assert cli("explain", "input.unused-suppression").exit_code == 0


def test_encoding_notice_follows_select_ignore_severity_and_suppressions(tmp_path):
    path = str(_cp1256_draft(tmp_path))
    found = check_file(path, Config())
    notice = next(p for p in found.problems if p.rule == "BL-IN001")
    assert notice.severity == Severity.INFO and notice.category == "input"
    assert "BL-IN001" not in _rules_of(check_file(path, Config(ignore=("BL-IN001",))))
    assert "BL-IN001" not in _rules_of(check_file(path, Config(ignore=("input",))))
    assert "BL-IN001" not in _rules_of(check_file(path, Config(select=("structure",))))
    louder = check_file(path, Config(severities={"BL-IN001": "warning"}))
    assert [p.severity for p in louder.problems if p.rule == "BL-IN001"] == [Severity.WARNING]
    suppressed = _cp1256_draft(tmp_path, "<!-- brieflint-disable-file BL-IN001 -->\n")
    assert "BL-IN001" not in _rules_of(check_file(str(suppressed), Config()))


def test_encoding_notice_from_the_command_line_and_configuration(tmp_path):
    path = str(_cp1256_draft(tmp_path))
    ignored = cli("check", "--format", "json", "--ignore", "BL-IN001", path)
    assert "BL-IN001" not in {f["rule"] for f in _json_findings(ignored)}
    for folder, content, expected in [
        ("louder", "rules:\n  BL-IN001: {severity: error}\n", ["error"]),
        ("off", "rules:\n  input.encoding: {severity: 'off'}\n", []),
        ("ignored", "ignore: [bl-in001]\n", []),
    ]:
        (tmp_path / folder).mkdir()
        draft = str(_cp1256_draft(tmp_path / folder))
        (tmp_path / folder / ".brieflint.yaml").write_text(content, "utf-8")
        result = cli("check", "--format", "json", draft)
        found = [f["severity"] for f in _json_findings(result) if f["rule"] == "BL-IN001"]
        assert found == expected, content


def test_unused_suppression_notice_follows_ignore_severity_and_suppressions(tmp_path):
    path = tmp_path / "d.md"
    path.write_text(UNUSED, "utf-8")
    base = Config(select=("orthography", "input"), warn_unused_ignores=True)
    assert _rules_of(check_file(str(path), base)) == ["BL-IN002"]
    ignored = Config(
        select=("orthography", "input"), ignore=("BL-IN002",), warn_unused_ignores=True
    )
    assert _rules_of(check_file(str(path), ignored)) == []
    info = Config(
        select=("orthography", "input"),
        severities={"input.unused-suppression": "info"},
        warn_unused_ignores=True,
    )
    assert [p.severity for p in check_file(str(path), info).problems] == [Severity.INFO]
    notice = check_file(str(path), base).problems[0]
    assert notice.param("directive") == "disable-line" and notice.param("names") == "BL-AR001"
    # a directive naming BL-IN002 silences the notice of another one it covers
    path.write_text("<!-- brieflint-disable-file bl-in002 -->\n" + UNUSED, "utf-8")
    assert _rules_of(check_file(str(path), base)) == []


# --- 2. codes and names in any case ---------------------------------------------------------


def test_codes_and_names_are_case_insensitive(tmp_path):
    assert cli("explain", "bl-st006").exit_code == 0
    assert cli("explain", "Structure.Pseudo-Heading").exit_code == 0
    only = _json_findings(cli("check", "--format", "json", "--select", "bl-st002", str(FLAWED)))
    assert {f["rule"] for f in only} == {"BL-ST002"}
    families = _json_findings(
        cli("check", "--format", "json", "--select", "Structure", str(FLAWED))
    )
    assert families and {f["category"] for f in families} == {"structure"}
    ignored = _json_findings(
        cli("check", "--format", "json", "--ignore", "METADATA,bl-st001", str(FLAWED))
    )
    assert not {f["rule"] for f in ignored} & {"BL-ST001", "BL-MD001"}


def test_configuration_keys_are_case_insensitive(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_bytes(FLAWED.read_bytes())
    (tmp_path / ".brieflint.yaml").write_text(
        "select: [Structure]\nrules:\n  bl-st005: {severity: error}\n", "utf-8"
    )
    findings = _json_findings(cli("check", "--format", "json", str(draft)))
    assert findings and {f["category"] for f in findings} == {"structure"}
    assert {f["severity"] for f in findings if f["rule"] == "BL-ST005"} == {"error"}


def test_suppression_directives_are_case_insensitive(tmp_path):
    path = tmp_path / "d.md"
    path.write_text(
        "## مقدمة\n\n"
        "عقد الطرفان إجتماعا. <!-- brieflint-disable-line bl-ar001 -->\n\n"
        "<!-- brieflint-disable Punctuation -->\nقال الوزير, ثم غادر.\n<!-- brieflint-enable PUNCTUATION -->\n"
        "قال الوزير, ثم غادر.\n",
        "utf-8",
    )
    result = check_file(str(path), Config(select=("orthography", "punctuation")))
    assert [(p.rule, p.location.line) for p in result.problems] == [("BL-PN001", 8)]


# --- 3. unknown selectors are errors --------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "named", "hint"),
    [
        (("--select", "speling"), "speling", "spelling"),
        (("--select", "BL-AR02"), "BL-AR02", "BL-AR002"),  # BL-AR01 now selects BL-AR010
        (("--ignore", "BL-XX999"), "BL-XX999", "brieflint rules"),
        (("--select", "structure,orthografy"), "orthografy", "orthography"),
    ],
)
def test_unknown_selector_on_the_command_line_is_exit_2(args, named, hint):
    for command in ("check", "fix"):
        result = (
            cli(command, *args, str(CLEAN))
            if command == "check"
            else cli(command, "--dry-run", *args, str(CLEAN))
        )
        assert result.exit_code == 2, (command, result.stdout)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and repr(named) in lines[0] and hint in lines[0], lines
        assert result.stdout == ""


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("select: [structur]\n", "unknown rule selector 'structur' in select"),
        ("ignore: [BL-ZZ1]\n", "unknown rule selector 'BL-ZZ1' in ignore"),
        ("rules:\n  structur: {severity: error}\n", "did you mean structure"),
        ("rules:\n  footnotes.placement: {placment: after}\n", "did you mean placement"),
    ],
)
def test_unknown_selector_in_configuration_is_exit_2(tmp_path, content, expected):
    draft = tmp_path / "d.md"
    draft.write_bytes(CLEAN.read_bytes())
    (tmp_path / ".brieflint.yaml").write_text(content, "utf-8")
    result = cli("check", "--lang", "en", str(draft))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], lines


def test_unknown_selector_in_the_python_api_raises():
    with pytest.raises(UnknownSelectorError, match="did you mean spelling"):
        check_file(str(CLEAN), Config(select=("speling",)))
    with pytest.raises(UnknownSelectorError, match="'BL-XX999' in ignore"):
        check_file(str(CLEAN), Config(ignore=("BL-XX999",)))


@pytest.mark.parametrize(
    "selector",
    [
        "BL-AR001",
        "orthography.hamza-wasl",
        "orthography",
        "spelling",
        "BL-AR",
        "BL-AR00",
        "orthography.*",
        "BL-ST00?",
        "bl-ar",
        "Input",
    ],
)
def test_valid_selectors_match_rules(selector):
    assert rules_matching(selector)


def test_selector_kinds_select_what_they_say():
    assert {r.code for r in rules_matching("BL-AR00")} == {f"BL-AR00{i}" for i in range(1, 10)}
    assert {r.name.split(".")[0] for r in rules_matching("orthography.*")} == {"orthography"}
    assert not rules_matching("BL-AR02")  # no code starts with it (BL-AR01 is BL-AR010)
    assert not rules_matching("BL-AR0011")


# --- 4. reporters read parameters, not messages ---------------------------------------------


def test_html_outline_takes_the_missing_section_from_the_parameters():
    missing = rule_by_code("BL-ST001")().problem(
        Location(1, 1), "missing", name="السيناريوهات", name_en="scenarios", examples="«x»"
    )
    # the message wording is free to change: the reporter must not parse it
    reworded = Problem(
        **{**missing.__dict__, "message": Message(en="missing section", ar="قسم ناقص")}
    )
    page = html.render([FileResult(path="<stdin>", problems=[reworded])], {"lang": "ar"})
    assert '<li class="missing">السيناريوهات — مفقود</li>' in page
    english = html.render([FileResult(path="<stdin>", problems=[reworded])], {"lang": "en"})
    assert '<li class="missing">scenarios — missing</li>' in english


# --- 5. fix availability, shown truthfully --------------------------------------------------


def test_rules_and_explain_show_fix_availability():
    listing = cli("rules", "--lang", "en").stdout
    header = listing.splitlines()[0].split()
    assert header == ["CODE", "NAME", "FAMILY", "CATEGORY", "SEVERITY", "FIX"]
    assert re.search(r"^BL-AR001 .*sometimes \(safe\)$", listing, re.M)
    assert re.search(r"^BL-ST001 .* never$", listing, re.M)
    assert "Fix: sometimes, safe" in cli("explain", "BL-AR001", "--lang", "en").stdout
    assert "Fix: never" in cli("explain", "BL-ST001", "--lang", "en").stdout
    data = json.loads(cli("rules", "--format", "json").stdout)
    by_code = {r["code"]: r for r in data}
    assert by_code["BL-AR001"]["fix_availability"] == "sometimes"
    assert by_code["BL-AR001"]["fix_applicability"] == "safe"
    # A rule whose fixes may be unsafe says so: the weakest, and every applicability it offers
    for code in ("BL-AR002", "BL-AR004", "BL-AR005"):
        assert by_code[code]["fix_applicability"] == "unsafe"
        assert by_code[code]["fix_applicabilities"] == ["safe", "unsafe"]
        assert re.search(rf"^{code} .*sometimes \(safe or unsafe\)$", listing, re.M)
    assert (
        "Fix: sometimes, safe or unsafe (each finding's fix says which"
        in cli("explain", "BL-AR004", "--lang", "en").stdout
    )
    assert "أحيانًا (آمن أو غير آمن)" in cli("explain", "BL-AR004", "--lang", "ar").stdout
    assert by_code["BL-IN001"]["family"] == "input"
    assert len(data) == len(all_rules())


def _make(code: str, location: Location, **fields) -> Problem:
    """A finding of rule ``code`` with its first message, every placeholder filled."""
    rule = rule_by_code(code)
    key, (english, arabic) = next(iter(rule.messages.items()))
    params = {name: "x" for name in re.findall(r"{(\w+)", english + arabic)}
    return rule().problem(location, key, **fields, **params)


def _fixable_problem() -> Problem:
    return _make(
        "BL-AR001",
        Location(3, 5, end_column=11),
        fix=Fix((Edit(None, 0, 6, "اجتماع", "إجتماع"),)),
        text="إجتماع",
    )


def test_json_findings_carry_fix_applicability():
    fixable = json_report.finding(_fixable_problem(), "en")
    assert fixable["fixable"] is True and fixable["fix_applicability"] == "safe"
    item = json_report.finding(_make("BL-ST004", Location(1, 1)), "en")
    assert item["fixable"] is False and "fix_applicability" not in item


def test_sarif_rules_and_results_describe_fixes():
    result = FileResult(path="d.md", format="markdown", problems=[_fixable_problem()])
    data = json.loads(sarif.render([result], {"lang": "en"}))
    run = data["runs"][0]
    descriptors = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert descriptors["BL-AR001"]["properties"]["fixAvailability"] == "sometimes"
    assert descriptors["BL-AR001"]["properties"]["fixApplicability"] == "safe"
    assert descriptors["BL-AR004"]["properties"]["fixApplicability"] == "unsafe"
    assert descriptors["BL-AR004"]["properties"]["fixApplicabilities"] == ["safe", "unsafe"]
    assert descriptors["BL-ST001"]["properties"]["fixAvailability"] == "never"
    (finding,) = run["results"]
    assert finding["properties"]["fix"] == {
        "edits": [{"expected": "إجتماع", "replacement": "اجتماع"}],
        "applicability": "safe",
    }
    assert "fixes" not in finding  # block offsets are not file regions


# --- 6. the README's rules table is the registry's ------------------------------------------


def test_readme_rules_table_is_generated_from_the_registry():
    readme = (ROOT / "README.md").read_text("utf-8")
    match = re.search(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", readme, re.S)
    assert match, "README.md needs <!-- rules:start --> and <!-- rules:end --> markers"
    assert match.group(1) == catalog.markdown_table(), (
        "the README's rules table is stale: replace it with `brieflint rules --format markdown`"
    )
    assert cli("rules", "--format", "markdown").stdout == catalog.markdown_table()
    rows = [line for line in match.group(1).splitlines() if line.startswith("| BL-")]
    assert len(rows) == len(all_rules())
