"""The command line as users and scripts see it: output shapes, exit codes, options."""

from __future__ import annotations

import json
import re

from .conftest import EXAMPLE_SECTION_IDS, EXAMPLES, run_cli

CLEAN = EXAMPLES / "situation-assessment.md"
FLAWED = EXAMPLES / "flawed-structure.md"
LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>BL-[A-Z]{2}\d{3}) \[(?P<sev>error|warning|info)\] (?P<msg>.+)$"
)


def test_clean_example_exits_0():
    result = run_cli("check", str(CLEAN))
    assert result.returncode == 0, result.stdout.decode()
    assert "\x1b[" not in result.stdout.decode()  # no colour when not on a terminal


def test_text_format_one_finding_per_line_then_summary():
    result = run_cli("check", "--lang", "en", "--select", "structure,metadata", str(FLAWED))
    assert result.returncode == 1
    lines = result.stdout.decode().strip().splitlines()
    for line in lines[:-1]:
        match = LINE.match(line)
        assert match, line
        assert match["path"] == str(FLAWED)
    assert re.match(r"1 file checked: \d+ errors?, \d+ warnings?, \d+ info$", lines[-1])


def test_arabic_messages_by_default():
    out = run_cli("check", "--select", "BL-ST005", str(FLAWED)).stdout.decode()
    assert "لا يطابق أي قسم" in out and "فُحص ملف واحد: لا أخطاء، لا تحذيرات، ملاحظة واحدة" in out


def test_json_shape():
    result = run_cli("check", "--format", "json", "--lang", "en", str(FLAWED), str(CLEAN))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["tool"] == "brieflint" and data["version"]
    assert set(data["summary"]) == {"files", "errors", "warnings", "infos"}
    flawed = data["files"][0]
    assert set(flawed) >= {"path", "format", "kind", "metadata", "sections", "findings", "error"}
    assert flawed["format"] == "markdown" and flawed["kind"] == "situation-assessment"
    assert flawed["metadata"]["title"]
    assert all(set(s) == {"id", "heading", "line"} for s in flawed["sections"])
    for finding in flawed["findings"]:
        assert set(finding) >= {
            "rule",
            "name",
            "category",
            "severity",
            "line",
            "column",
            "end_column",
            "text",
            "message",
            "suggestions",
            "fixable",
        }
    pseudo = next(f for f in flawed["findings"] if f["rule"] == "BL-ST006")
    source_line = FLAWED.read_text("utf-8").split("\n")[pseudo["line"] - 1]
    assert pseudo["text"] in source_line
    assert data["summary"]["files"] == 2
    assert data["summary"]["errors"] == sum(
        1 for f in data["files"] for x in f["findings"] if x["severity"] == "error"
    )


def test_sections_list_in_json_maps_headings_to_ids():
    data = json.loads(run_cli("check", "--format", "json", str(CLEAN)).stdout)
    ids = [s["id"] for s in data["files"][0]["sections"]]
    assert ids == EXAMPLE_SECTION_IDS


def test_select_ignore_and_strict():
    only = json.loads(
        run_cli("check", "--format", "json", "--select", "BL-ST002", str(FLAWED)).stdout
    )
    assert {f["rule"] for f in only["files"][0]["findings"]} == {"BL-ST002"}
    ignored = run_cli("check", "--ignore", "metadata,structure.missing-section", str(FLAWED))
    assert ignored.returncode == 0  # what remains are warnings and infos
    assert (
        run_cli("check", "--strict", "--ignore", "metadata,BL-ST001", str(FLAWED)).returncode == 1
    )


def test_output_file(tmp_path):
    target = tmp_path / "report.json"
    result = run_cli("check", "--format", "json", "-o", str(target), str(CLEAN))
    assert result.stdout == b""
    assert json.loads(target.read_text("utf-8"))["files"][0]["path"] == str(CLEAN)
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary left behind


def test_stdin():
    result = run_cli("check", "--format", "json", "-", stdin=CLEAN.read_bytes())
    data = json.loads(result.stdout)
    assert data["files"][0]["path"] == "<stdin>" and data["files"][0]["error"] is None


def test_folder_is_checked_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_bytes(CLEAN.read_bytes())
    (tmp_path / "b.markdown").write_bytes(FLAWED.read_bytes())
    (tmp_path / "~$lock.docx").write_bytes(b"owner file Word leaves open")
    data = json.loads(run_cli("check", "--format", "json", str(tmp_path)).stdout)
    assert [f["path"] for f in data["files"]] == [
        str(tmp_path / "b.markdown"),
        str(tmp_path / "sub" / "a.md"),
    ]


def test_rules_and_explain():
    listing = run_cli("rules").stdout.decode()
    assert "BL-ST001" in listing and "structure.missing-section" in listing
    explained = run_cli("explain", "BL-ST006", "--lang", "en").stdout.decode()
    assert "Fails::" in explained and "Passes::" in explained
    assert run_cli("explain", "structure.pseudo-heading").returncode == 0
    missing = run_cli("explain", "BL-XX999", "--lang", "en")
    assert missing.returncode == 2 and "no rule" in missing.stderr.decode()


def test_usage_error_is_exit_2():
    assert run_cli("check").returncode == 2
    assert run_cli("check", "--format", "nope", str(CLEAN)).returncode == 2
