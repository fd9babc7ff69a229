"""The command line as a new user meets it (issue 16): one-line errors and their exit codes for
every command, outputs that are what their extension says, Arabic first with number agreement,
readable text output, and the files a repository's checks select."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from brieflint.messages import ERRORS, translate
from brieflint.vocabulary import arabic_plural_category, count_of

from .conftest import EXAMPLES, ROOT, require_tool, run_cli

CLEAN = EXAMPLES / "situation-assessment.md"
FLAWED = EXAMPLES / "flawed-structure.md"
FOOTNOTES = EXAMPLES / "flawed-footnotes.md"
WORD = EXAMPLES / "situation-assessment.docx"
ARABIC = re.compile(r"[\u0600-\u06ff]")

# --- the plural helper ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "category", "file", "error", "info"),
    [
        (0, "zero", "لا ملفات", "لا أخطاء", "لا ملاحظات"),
        (1, "one", "ملف واحد", "خطأ واحد", "ملاحظة واحدة"),
        (2, "two", "ملفان", "خطآن", "ملاحظتان"),
        (3, "few", "3 ملفات", "3 أخطاء", "3 ملاحظات"),
        (10, "few", "10 ملفات", "10 أخطاء", "10 ملاحظات"),
        (11, "many", "11 ملفًا", "11 خطأً", "11 ملاحظةً"),
        (99, "many", "99 ملفًا", "99 خطأً", "99 ملاحظةً"),
        (100, "other", "100 ملف", "100 خطأ", "100 ملاحظة"),
        (102, "other", "102 ملف", "102 خطأ", "102 ملاحظة"),
        (103, "few", "103 ملفات", "103 أخطاء", "103 ملاحظات"),
        (111, "many", "111 ملفًا", "111 خطأً", "111 ملاحظةً"),
        (1000, "other", "1000 ملف", "1000 خطأ", "1000 ملاحظة"),
    ],
)
def test_arabic_counts_agree_with_the_number(count, category, file, error, info):
    assert arabic_plural_category(count) == category
    assert count_of(count, "file", "ar") == file
    assert count_of(count, "error", "ar") == error
    assert count_of(count, "info", "ar") == info


def test_english_counts():
    assert count_of(1, "file", "en") == "1 file"
    assert count_of(2, "warning", "en") == "2 warnings"
    assert count_of(0, "error", "en") == "0 errors"


def test_no_bare_count_before_a_noun_in_messages():
    """«فُحص 9 ملف», «1 تعليقًا», «لـ0 ملاحظة»: a count written straight into an Arabic sentence
    instead of through count_of."""
    pattern = re.compile(r"\{[a-z_\[\]'\".()]+\} (ملف|خطأ|تحذير|ملاحظة|تعليق|تصحيح|تعديل)")
    offenders = []
    for path in [
        ROOT / "src/brieflint/cli.py",
        ROOT / "src/brieflint/review.py",
        ROOT / "src/brieflint/fixer.py",
        ROOT / "src/brieflint/build.py",
        *(ROOT / "src/brieflint/report").glob("*.py"),
    ]:
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == []


# --- every error the code raises has its Arabic --------------------------------------------


def _raised_messages() -> list[str]:
    """Every literal message of a BrieflintError, InputError or ConfigError raised in src,
    with each ``{…}`` of an f-string replaced by a sample value."""
    import ast

    samples = []
    for path in (ROOT / "src/brieflint").rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id not in {"BrieflintError", "InputError", "ConfigError"}:
                continue
            message = node.args[-1] if node.args else None
            text = _literal(message)
            if text:
                samples.append(text)
    return samples


def _literal(node) -> str | None:
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "x1" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        return left + right if left is not None and right is not None else None
    return None


def test_every_raised_error_has_an_arabic_translation():
    messages = _raised_messages()
    assert len(messages) > 50
    untranslated = [m for m in messages if not ARABIC.search(translate(m, "ar"))]
    assert untranslated == []


def test_the_catalogue_keeps_placeholders():
    for english, arabic in ERRORS:
        assert set(re.findall(r"\{(\w+)\}", english)) == set(re.findall(r"\{(\w+)\}", arabic))


# --- every command: missing, folder and unwritable paths -------------------------------------

MISSING = "/nonexistent-brieflint/x"
UNWRITABLE_DIR = "/proc"  # not writable, even by root


def _commands(tmp_path: Path) -> list[tuple[str, list[str]]]:
    folder = tmp_path / "a-folder"
    folder.mkdir(exist_ok=True)
    draft = tmp_path / "draft.md"
    draft.write_bytes(CLEAN.read_bytes())
    word = tmp_path / "draft.docx"
    built = run_cli("build", "--force", str(_repeated_draft(tmp_path)), "-o", str(word))
    assert built.returncode == 0, built.stderr.decode()  # a Word draft with fixes to write
    return [
        ("check: missing input", ["check", f"{MISSING}.md"]),
        ("check: folder without drafts", ["check", str(folder)]),
        ("check: output in a missing folder", ["check", str(draft), "-o", f"{MISSING}/out.json"]),
        ("check: output is a folder", ["check", str(draft), "-o", str(folder)]),
        ("check: unwritable output", ["check", str(draft), "-o", f"{UNWRITABLE_DIR}/out.json"]),
        ("check: config is a folder", ["check", str(draft), "--config", str(folder)]),
        ("build: missing input", ["build", f"{MISSING}.md", "-o", str(tmp_path / "o.docx")]),
        ("build: input is a folder", ["build", str(folder), "-o", str(tmp_path / "o.docx")]),
        ("build: output in a missing folder", ["build", str(draft), "-o", f"{MISSING}/o.docx"]),
        ("build: output is a folder", ["build", str(draft), "-o", str(folder)]),
        ("build: unwritable output", ["build", str(draft), "-o", f"{UNWRITABLE_DIR}/o.docx"]),
        ("build: unknown extension", ["build", str(draft), "-o", str(tmp_path / "o.odt")]),
        ("fix: missing input", ["fix", f"{MISSING}.md"]),
        ("fix: output in a missing folder", ["fix", str(word), "-o", f"{MISSING}/o.docx"]),
        ("fix: output is a folder", ["fix", str(word), "-o", str(folder)]),
        ("fix: unwritable output", ["fix", str(word), "-o", f"{UNWRITABLE_DIR}/o.docx"]),
        ("new: output in a missing folder", ["new", "-o", f"{MISSING}/dir/x.md"]),
        ("new: output is a folder", ["new", "-o", str(folder)]),
        ("new: unwritable output", ["new", "-o", f"{UNWRITABLE_DIR}/x.md"]),
        ("new: unknown extension", ["new", "-o", str(tmp_path / "x.odt")]),
        ("review: missing input", ["review", f"{MISSING}.docx"]),
        ("review: input is a folder", ["review", str(folder)]),
        ("review: output in a missing folder", ["review", str(word), "-o", f"{MISSING}/r.docx"]),
        ("review: output is a folder", ["review", str(word), "-o", str(folder)]),
        ("review: unwritable output", ["review", str(word), "-o", f"{UNWRITABLE_DIR}/r.docx"]),
        ("config: missing path", ["config", MISSING]),
        ("explain: unknown rule", ["explain", "BL-XX999"]),
    ]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_command_refuses_bad_paths_in_one_line_with_exit_2(tmp_path, lang):
    failures = []
    for label, args in _commands(tmp_path):
        result = run_cli(*args, "--lang", lang, cwd=tmp_path)
        stderr = result.stderr.decode()
        lines = stderr.strip().splitlines()
        ok = (
            result.returncode == 2
            and len(lines) == 1
            and lines[0].startswith("brieflint: ")
            and "Traceback" not in stderr
            and bool(ARABIC.search(lines[0])) == (lang == "ar")
        )
        if not ok:
            failures.append(f"{label}: exit {result.returncode}: {stderr!r}")
    assert failures == []
    assert not (tmp_path / "o.odt").exists() and not (tmp_path / "x.odt").exists()


def test_the_language_of_errors_comes_from_the_configuration(tmp_path):
    (tmp_path / ".brieflint.yaml").write_text("lang: en\n", "utf-8")
    result = run_cli("check", "missing.md", cwd=tmp_path)
    assert result.stderr.decode().strip() == "brieflint: missing.md: no such file or folder"
    arabic = run_cli("check", "missing.md", "--lang", "ar", cwd=tmp_path)
    assert arabic.stderr.decode().strip() == "brieflint: missing.md: لا يوجد ملف أو مجلد بهذا الاسم"


@pytest.mark.parametrize(
    ("command", "target", "args"),
    [
        ("build", "brieflint.build.build", ["build", "{draft}", "-o", "{tmp}/o.docx"]),
        ("fix", "brieflint.fixer.fix_path", ["fix", "{draft}"]),
        ("review", "brieflint.review.review_markdown", ["review", "--criticmarkup", "{draft}"]),
        ("new", "brieflint.build.new_draft", ["new", "-o", "{tmp}/n.md"]),
    ],
)
def test_an_internal_error_is_one_line_naming_the_file_exit_4(
    tmp_path, monkeypatch, command, target, args
):
    """A bug (here: the command's worker raising an unexpected exception) is one line that
    names the file, exit 4, and a traceback only with --debug."""
    from click.testing import CliRunner

    from brieflint.cli import main

    monkeypatch.delenv("BRIEFLINT_DEBUG", raising=False)
    draft = tmp_path / "draft.md"
    draft.write_bytes(CLEAN.read_bytes())
    module, name = target.rsplit(".", 1)

    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(__import__(module, fromlist=[name]), name, crash)
    argv = [a.format(draft=draft, tmp=tmp_path) for a in args]
    result = CliRunner().invoke(main, [*argv, "--lang", "en"])
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 4, result.stderr
    assert len(lines) == 1 and "internal error (RuntimeError: boom)" in lines[0]
    named = str(tmp_path / "n.md") if command == "new" else str(draft)
    assert named in lines[0] and "Traceback" not in result.stderr
    debug = CliRunner().invoke(main, [*argv, "--lang", "en", "--debug"])
    assert debug.exit_code == 4 and "Traceback" in debug.stderr


# --- outputs are what their extension says -------------------------------------------------


def test_new_with_docx_writes_a_word_skeleton_brieflint_reads(tmp_path):
    out = tmp_path / "skeleton.docx"
    result = run_cli("new", "-o", str(out), "--lang", "en")
    assert result.returncode == 0, result.stderr.decode()
    assert zipfile.is_zipfile(out) and "word/document.xml" in zipfile.ZipFile(out).namelist()
    data = json.loads(run_cli("check", "--format", "json", str(out)).stdout)
    entry = data["files"][0]
    assert entry["error"] is None and entry["format"] == "docx"
    assert len(entry["sections"]) >= 5  # the skeleton's sections, as headings Word knows


def test_build_to_pdf_writes_a_pdf(tmp_path):
    require_tool("soffice")
    out = tmp_path / "brief.pdf"
    result = run_cli("build", str(CLEAN), "-o", str(out), "--lang", "en")
    assert result.returncode == 0, result.stderr.decode()
    assert out.read_bytes().startswith(b"%PDF-")
    assert not (tmp_path / "brief.docx").exists()  # only what was asked for
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "مركز" in text  # the cover's institution, as text


def test_summary_does_not_count_unreadable_files(tmp_path):
    missing = tmp_path / "missing.md"
    ar = run_cli("check", str(missing)).stdout.decode().strip()
    assert ar == "لم يُفحص أي ملف؛ تعذّرت قراءة ملف واحد"
    en = run_cli("check", "--lang", "en", str(missing), str(CLEAN)).stdout.decode()
    assert en.strip().splitlines()[-1].startswith("1 file checked: 0 errors")
    assert "; 1 file could not be read" in en


# --- Arabic first --------------------------------------------------------------------------


def test_summary_in_arabic_with_agreement():
    out = run_cli("check", "--no-context", str(FOOTNOTES), str(FLAWED)).stdout.decode()
    summary = next(line for line in out.splitlines() if line.startswith("فُحص"))
    assert summary.startswith("فُحص ملفان: ")
    assert re.search(r"\d+ (أخطاء|خطأً|خطأ)|خطأ واحد|خطآن", summary)
    assert " ملف:" not in summary and "1 ملف" not in summary


def test_rules_and_explain_follow_lang():
    ar = run_cli("rules", "--lang", "ar").stdout.decode()
    assert ar.splitlines()[0].split()[:3] == ["الرمز", "الاسم", "العائلة"]
    assert "BL-AR001 orthography.hamza-wasl" in ar and "الإملاء" in ar and "خطأ" in ar
    en = run_cli("rules", "--lang", "en").stdout.decode()
    assert en.startswith("CODE") and not ARABIC.search(en.splitlines()[1])
    listing = json.loads(run_cli("rules", "--format", "json", "--lang", "ar").stdout)
    first = listing[0]
    assert first["family"] == "orthography" and first["labels"]["family"] == "الإملاء"
    explained = run_cli("explain", "BL-AR001", "--lang", "ar").stdout.decode()
    assert "الدرجة الافتراضية: خطأ" in explained and "مثال خاطئ:" in explained
    assert "إجتماعاً" in explained  # the failing example
    assert "Fails::" in run_cli("explain", "BL-AR001", "--lang", "en").stdout.decode()


def test_build_refusal_in_arabic_counts_fixable_findings(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(CLEAN.read_text("utf-8").replace("اجتماع", "إجتماع", 1), "utf-8")
    result = run_cli("build", str(draft), "-o", str(tmp_path / "o.docx"))
    stderr = result.stderr.decode()
    assert result.returncode == 1 and not (tmp_path / "o.docx").exists()
    assert "[خطأ]" in stderr and "لم يُكتب شيء" in stderr and "--force" in stderr
    assert f"brieflint fix {draft}" in stderr and "آليًّا" in stderr
    english = run_cli("build", str(draft), "-o", str(tmp_path / "o.docx"), "--lang", "en")
    assert "can be fixed: brieflint fix" in english.stderr.decode()


# --- readable output -----------------------------------------------------------------------

LINE = re.compile(
    r"^(?P<path>[^\u2068:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>BL-[A-Z]{2}\d{3}) \["
)


def _repeated_draft(tmp_path: Path) -> Path:
    text = CLEAN.read_text("utf-8")
    for word, wrong in (("اجتماع", "إجتماع"), ("الاتفاق", "الإتفاق")):
        text = text.replace(word, wrong)
    draft = tmp_path / "repeated.md"
    draft.write_text(text, "utf-8")
    return draft


def test_full_explanation_once_per_rule_and_file(tmp_path):
    draft = _repeated_draft(tmp_path)
    out = run_cli("check", "--select", "BL-AR001", "--no-context", str(draft)).stdout.decode()
    lines = [line for line in out.splitlines() if LINE.match(line)]
    assert len(lines) > 3
    explanations = [line for line in lines if "همزة وصل" in line]
    assert len(explanations) <= 2  # the rule's two messages (derived verbs, nouns), once each
    assert sum("كما سبق" in line for line in lines) == len(lines) - len(explanations)
    assert all("المقترح" in line for line in lines)


def test_statistics_counts_per_rule(tmp_path):
    draft = _repeated_draft(tmp_path)
    # a second rule's finding (straight quotes, BL-PN007), so the counts are per rule
    text = draft.read_text("utf-8").replace("الإتفاق", 'الإتفاق "التاريخي"', 1)
    draft.write_text(text, "utf-8")
    stats = run_cli("check", "--statistics", "--lang", "en", str(draft)).stdout.decode()
    full = json.loads(run_cli("check", "--format", "json", str(draft)).stdout)
    counts: dict[str, int] = {}
    for finding in full["files"][0]["findings"]:
        counts[finding["rule"]] = counts.get(finding["rule"], 0) + 1
    shown = {}
    for line in stats.splitlines():
        match = re.match(r"^\s*(\d+)\s+(BL-[A-Z]{2}\d{3})\s", line)
        if match:
            shown[match[2]] = int(match[1])
    assert shown == counts and len(shown) > 1


def test_context_marks_the_span_and_can_be_turned_off(tmp_path):
    draft = _repeated_draft(tmp_path)
    shown = run_cli("check", "--select", "BL-AR001", "--context", str(draft)).stdout.decode()
    marked = re.findall(r"⟦([^⟧]+)⟧", shown)
    assert marked and all("إ" in span for span in marked)  # the span is the wrong word
    assert "│" in shown
    plain = run_cli("check", "--select", "BL-AR001", str(draft)).stdout.decode()
    assert "│" not in plain  # not a terminal: no context unless asked
    off = run_cli("check", "--select", "BL-AR001", "--no-context", str(draft)).stdout.decode()
    assert "│" not in off


def test_color_always_through_a_pipe_and_never():
    forced = run_cli("check", "--color", "always", str(FLAWED)).stdout.decode()
    assert "\x1b[" in forced
    assert "\x1b[" not in run_cli("check", "--color", "never", str(FLAWED)).stdout.decode()
    assert "\x1b[" not in run_cli("check", "--color", "auto", str(FLAWED)).stdout.decode()


def _footnotes_docx(tmp_path: Path) -> Path:
    require_tool("pandoc")
    out = tmp_path / "notes.docx"
    subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "docx", str(FOOTNOTES), "-o", str(out)],
        check=True,
        capture_output=True,
    )
    return out


def test_note_findings_keep_the_line_shape_and_word_notes_sit_at_their_marker(tmp_path):
    markdown = run_cli("check", "--no-context", str(FOOTNOTES)).stdout.decode()
    noted = [line for line in markdown.splitlines() if "[الحاشية" in line]
    assert noted and all(LINE.match(line) for line in noted)
    word = _footnotes_docx(tmp_path)
    data = json.loads(run_cli("check", "--format", "json", str(word)).stdout)
    in_notes = [f for f in data["files"][0]["findings"] if f.get("note")]
    assert in_notes
    github = run_cli("check", "--format", "github", str(word)).stdout.decode()
    annotations = [line for line in github.splitlines() if "[الحاشية" in line]
    assert len(annotations) == len(in_notes)
    document = __import__("docx").Document(str(word))
    paragraphs = document.paragraphs
    for line in annotations:
        number = int(re.search(r",line=(\d+),", line)[1])
        # the annotation's paragraph holds a note reference
        assert paragraphs[number - 1]._p.xml.count("footnoteReference") >= 1, line
    text = run_cli("check", "--no-context", str(word)).stdout.decode()
    assert all(LINE.match(line) for line in text.splitlines() if "[الحاشية" in line)


def test_word_findings_name_the_paragraphs_first_words():
    out = run_cli("check", "--no-context", str(EXAMPLES / "flawed-structure.docx")).stdout
    lines = [line for line in out.decode().splitlines() if "BL-ST004" in line]
    assert lines and "في الفقرة «\u2068الانعكاسات الإقليمية\u2069»" in lines[0]


def test_mixed_direction_fields_are_isolated():
    line = next(
        line
        for line in run_cli("check", "--no-context", str(FOOTNOTES)).stdout.decode().splitlines()
        if "BL-CN001" in line
    )
    path, rest = line.split(": BL-CN001 ", 1)
    assert "\u2068" not in path  # what programs parse stays plain
    assert rest.startswith("[\u2068تحذير\u2069] \u2068") and rest.endswith("\u2069")
    assert "المقترح: «\u20685\u2069»" in rest  # the suggestion quoted and isolated, no arrow
    assert "→" not in rest


# --- selecting files -----------------------------------------------------------------------


def _repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    for relative in (
        "briefs/a.md",
        "briefs/old/b.md",
        "README.md",
        "CHANGELOG.md",
        "docs/LICENSE.md",
    ):
        path = repo / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(CLEAN.read_bytes())
    (repo / ".github").mkdir()
    (repo / ".github" / "PULL_REQUEST_TEMPLATE.md").write_text("# PR\n", "utf-8")
    return repo


def _checked(repo: Path, *args: str) -> list[str]:
    result = run_cli("check", "--format", "json", *args, cwd=repo)
    data = json.loads(result.stdout)
    return sorted(Path(f["path"]).as_posix() for f in data["files"])


def test_default_excludes_apply_to_folders_and_named_files(tmp_path):
    repo = _repository(tmp_path)
    assert _checked(repo, ".") == ["briefs/a.md", "briefs/old/b.md"]
    # what pre-commit does: name every staged file
    named = ["README.md", "CHANGELOG.md", "docs/LICENSE.md", ".github/PULL_REQUEST_TEMPLATE.md"]
    assert _checked(repo, *named, "briefs/a.md") == ["briefs/a.md"]


def test_exclude_and_include_globs_in_configuration_and_command_line(tmp_path):
    repo = _repository(tmp_path)
    (repo / ".brieflint.yaml").write_text("exclude: [old/]\n", "utf-8")
    assert _checked(repo, ".") == ["briefs/a.md"]
    assert _checked(repo, ".", "--exclude", "a.md") == []
    (repo / ".brieflint.yaml").write_text(
        "include: ['briefs/old/*.md', README.md]\ndefault_exclude: false\n", "utf-8"
    )
    assert _checked(repo, ".") == ["README.md", "briefs/old/b.md"]
    shown = run_cli("config", ".", cwd=repo).stdout.decode()
    assert "include:" in shown and "briefs/old/*.md" in shown
    (repo / ".brieflint.yaml").write_text("exclude: old/\n", "utf-8")  # not a list
    bad = run_cli("check", ".", "--lang", "en", cwd=repo)
    assert bad.returncode == 2 and "exclude" in bad.stderr.decode()


def test_pre_commit_hook_documents_files_and_readme_rev_exists():
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
    assert "files:" in hooks
    readme = (ROOT / "README.md").read_text("utf-8")
    rev = re.search(r"rev: (\S+)", readme[readme.index("### pre-commit") :])[1]
    found = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    from brieflint import __version__

    assert rev == f"v{__version__}"  # the README names the release tag of this version
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tags = subprocess.run(["git", "tag", "-l"], cwd=ROOT, capture_output=True, text=True).stdout
    if not tags.strip():
        pytest.skip("this checkout was made without tags (a CI clone of one branch)")
    assert found.returncode == 0, f"README's pre-commit rev {rev!r} names nothing in the repository"


# --- the real terminal ---------------------------------------------------------------------


def _tmux(tmp_path: Path, command: str, width: int = 160) -> tuple[str, int]:
    """Run ``command`` in a new tmux server; the screen (wrapped lines joined) and the column
    of the cursor when it is done."""
    tmux = require_tool("tmux")
    tmp_path.mkdir(exist_ok=True)
    session = f"brieflint-{tmp_path.name}"[:60]
    socket = str(tmp_path / "tmux.sock")
    done = tmp_path / "done"
    script = tmp_path / "run.sh"
    script.write_text(f"{command}\ntouch {done}\nsleep 30\n", "utf-8")
    subprocess.run(
        [
            tmux,
            "-S",
            socket,
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            str(width),
            "-y",
            "50",
            f"bash {script}",
        ],
        check=True,
    )
    try:
        import time

        for _ in range(600):
            if done.exists():
                break
            time.sleep(0.1)
        time.sleep(0.3)
        screen = subprocess.run(
            [tmux, "-S", socket, "capture-pane", "-p", "-J", "-S", "-", "-t", session],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        cursor = subprocess.run(
            [tmux, "-S", socket, "display", "-p", "-t", session, "#{cursor_x}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return screen, int(cursor.strip())
    finally:
        subprocess.run([tmux, "-S", socket, "kill-server"], capture_output=True)


def test_terminal_rendering_in_tmux(tmp_path):
    """The text report in a real terminal (tmux, 160 columns): colour and context on, each
    finding's location at the start of its line, the Arabic message and the marked span shown
    as written, the isolates taking no cell."""
    draft = _repeated_draft(tmp_path)
    exe = shutil.which("brieflint")
    command = f"cd {tmp_path} && {exe} check --select BL-AR001,BL-CN001 {draft.name}"
    screen, _ = _tmux(tmp_path, command)
    lines = [line.rstrip() for line in screen.splitlines() if line.strip()]
    findings = [line for line in lines if line.startswith("repeated.md:")]
    assert len(findings) > 3
    for line in findings:
        assert re.match(r"^repeated\.md:\d+:\d+: BL-(AR001|CN001) \[", line), line
    excerpts = [line for line in lines if "│" in line]
    assert len(excerpts) == len(findings)  # context is on in a terminal
    assert any("إجتماع" in line for line in excerpts)
    assert "\ufffd" not in screen
    assert lines[-2].startswith("فُحص ملف واحد:")
    # The isolates are zero-width: after «a⁨ب⁩c» the cursor is in column 3.
    probe, column = _tmux(tmp_path / "probe", "printf 'a\\u2068ب\\u2069c'")
    assert "aبc" in probe.replace("\u2068", "").replace("\u2069", "") and column == 3


def test_reasons_a_fix_was_not_applied_have_arabic():
    """The reasons `fix` gives for a fix it did not apply (fixer.py, writer/patch.py)."""
    sources = (ROOT / "src/brieflint/fixer.py").read_text("utf-8") + (
        ROOT / "src/brieflint/writer/patch.py"
    ).read_text("utf-8")
    reasons = re.findall(r'(?:return|reason =|\(p,) "([a-z][^"]+)"', sources)
    assert len(reasons) >= 8
    assert [r for r in reasons if not ARABIC.search(translate(r, "ar"))] == []


def test_fix_leaves_excluded_files_alone(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    wrong = CLEAN.read_text("utf-8").replace("الاتفاق", "الإتفاق")
    for name in ("brief.md", "README.md"):
        (repo / name).write_text(wrong, "utf-8")
    result = run_cli("fix", ".", "--lang", "en", cwd=repo)
    assert result.returncode == 0, result.stderr.decode()
    assert "الإتفاق" not in (repo / "brief.md").read_text("utf-8")
    assert (repo / "README.md").read_text("utf-8") == wrong
