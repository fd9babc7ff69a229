"""Configuration files: discovery, layering, validation, and `brieflint config`."""

from __future__ import annotations

import json

import yaml

from .conftest import EXAMPLES, run_cli

FLAWED = EXAMPLES / "flawed-structure.md"


def _draft(tmp_path, name="draft.md"):
    path = tmp_path / "reports" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(FLAWED.read_bytes())
    return path


def _rules(result):
    return {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}


def test_config_found_upward_sets_severity_options_and_ignores(tmp_path):
    draft = _draft(tmp_path)
    before = json.loads(run_cli("check", "--format", "json", str(draft)).stdout)["files"][0][
        "findings"
    ]
    assert any(f["rule"] == "BL-ST005" and f["severity"] == "info" for f in before)
    (tmp_path / ".brieflint.yaml").write_text(
        yaml.safe_dump(
            {
                "lang": "en",
                "rules": {
                    "BL-ST005": {"severity": "error"},
                    "structure.section-length": {"severity": "off"},
                },
                "ignore": ["orthography.unknown-word"],
            }
        ),
        "utf-8",
    )
    result = run_cli("check", "--format", "json", str(draft))
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert any(f["rule"] == "BL-ST005" and f["severity"] == "error" for f in findings)
    assert not any(f["rule"] in {"BL-ST007", "BL-AR009"} for f in findings)
    assert all(f["message"].startswith("heading «") for f in findings if f["rule"] == "BL-ST005")


def test_command_line_overrides_the_file(tmp_path):
    draft = _draft(tmp_path)
    (tmp_path / ".brieflint.yaml").write_text("select: [structure]\n", "utf-8")
    assert _rules(run_cli("check", "--format", "json", str(draft))) <= {
        f"BL-ST00{i}" for i in range(1, 8)
    }
    assert _rules(run_cli("check", "--format", "json", "--select", "metadata", str(draft))) == {
        "BL-MD001"
    }


def test_pyproject_section(tmp_path):
    draft = _draft(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.brieflint]\nselect = ["BL-ST002"]\n', "utf-8")
    assert _rules(run_cli("check", "--format", "json", str(draft))) == {"BL-ST002"}


def test_rule_options_reach_the_rule(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("## مقدمة\n\nمازال الخلاف قائما.\n", "utf-8")
    (tmp_path / ".brieflint.yaml").write_text(
        "select: [orthography.particle-spacing]\nrules:\n  orthography.particle-spacing: {joined: separate}\n",
        "utf-8",
    )
    assert _rules(run_cli("check", "--format", "json", str(draft))) == {"BL-AR006"}


def test_words_in_config(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("## مقدمة\n\nزار الوزير زنقاحة.\n", "utf-8")
    (tmp_path / ".brieflint.yaml").write_text("select: [orthography]\nwords: [زنقاحة]\n", "utf-8")
    assert _rules(run_cli("check", "--format", "json", str(draft))) == set()


def test_unknown_keys_and_bad_values_name_file_and_key(tmp_path):
    draft = _draft(tmp_path)
    config = tmp_path / ".brieflint.yaml"
    for content, expected in [
        ("selekt: [structure]\n", "unknown key 'selekt' at (top level)"),
        ("rules:\n  BL-XX999: {severity: error}\n", "unknown rule 'BL-XX999'"),
        (
            "rules:\n  BL-ST005: {severity: loud}\n",
            "invalid configuration at rules/BL-ST005/severity",
        ),
        (
            "rules:\n  footnotes.placement: {placement: sideways}\n",
            "invalid value at rules/footnotes.placement/placement",
        ),
        (
            "rules:\n  footnotes.placement: {colour: red}\n",
            "unknown option 'colour' at rules/footnotes.placement",
        ),
        ("languagetool: {server: x, speed: 3}\n", "unknown key 'speed' at languagetool"),
        ("lang: [\n", "configuration is not valid YAML"),
    ]:
        config.write_text(content, "utf-8")
        result = run_cli("check", "--lang", "en", str(draft))
        stderr = result.stderr.decode()
        assert result.returncode == 2, content
        assert str(config) in stderr and expected in stderr, stderr
        assert "Traceback" not in stderr


def test_explicit_config_and_config_command(tmp_path):
    draft = _draft(tmp_path)
    explicit = tmp_path / "house.yaml"
    explicit.write_text(
        "lang: en\nlanguagetool: {server: 'http://127.0.0.1:9', timeout: 2}\n", "utf-8"
    )
    shown = yaml.safe_load(run_cli("config", "--config", str(explicit), str(draft)).stdout)
    assert shown["file"] == str(explicit) and shown["lang"] == "en"
    assert shown["languagetool"]["server"] == "http://127.0.0.1:9"
    assert "HUNSPELL_RULE_AR" in shown["languagetool"]["disabled_rules"]
    result = run_cli("check", "--config", str(explicit), str(draft))
    assert result.returncode == 3 and "connection refused" in result.stderr.decode()


def test_dictionaries_in_config_and_missing_or_corrupt_ones(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("## مقدمة\n\nزار الوزير زنقاحة.\n", "utf-8")
    config = tmp_path / ".brieflint.yaml"
    config.write_text("select: [orthography]\ndictionaries: [names.txt]\n", "utf-8")
    (tmp_path / "names.txt").write_text("# أسماء المركز\nزنقاحة\n", "utf-8")
    assert _rules(run_cli("check", "--format", "json", str(draft))) == set()
    (tmp_path / "names.txt").unlink()
    missing = run_cli("check", "--lang", "en", str(draft))
    assert missing.returncode == 2 and "dictionary 'names.txt' not found" in missing.stderr.decode()
    (tmp_path / "names.txt").write_bytes(b"\xff\xfe\x00\x01")
    corrupt = run_cli("check", "--lang", "en", str(draft))
    assert (
        corrupt.returncode == 2
        and "names.txt: word list is not UTF-8 text" in corrupt.stderr.decode()
    )
    assert "Traceback" not in missing.stderr.decode() + corrupt.stderr.decode()
