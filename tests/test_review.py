"""`brieflint review`: findings as Word comments, safe fixes as tracked changes (CriticMarkup for
Markdown). The reviewed files are read back with python-docx's comments API, lxml, pandoc (an
independent reader) and LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx as python_docx
import pytest
from lxml import etree

from brieflint.engine import Config, check_file
from brieflint.fixer import fix_path
from brieflint.review import AUTHOR, accept_all, reject_all

from .conftest import EXAMPLES, require_tool, run_cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Certain-fix errors injected into the clean example (body, a table and a footnote), and an
# editor's own comment and tracked change, written by pandoc as Word writes them.
INJECTED = [
    ("في مدينة توزر جنوب غرب تونس", "في مدينة توزر, جنوب غرب تونس"),
    ("ويسعى هذا التقدير إلى تحليل", "ويسعى هذا التقدير  إلى تحليل"),
    ("وظل هذا الملف لسنوات", "وظل هذا الملف لسنوات لايزال"),
]
EDITOR = (
    "وتكمن أهمية هذا الاتفاق",
    '[راجع هذه الجملة]{.comment-start id="0" author="محرر" date="2026-11-01T10:00:00Z"}'
    'وتكمن أهمية هذا الاتفاق[]{.comment-end id="0"}'
    '[ المهم]{.insertion author="محرر" date="2026-11-01T10:00:00Z"}',
)
TABLE = "\n| الطرف | الحصة |\n|---|---|\n| الجزائر, | 60% |\n| تونس | 40% |\n\n"


def _draft_markdown(tmp_path: Path) -> Path:
    text = (EXAMPLES / "situation-assessment.md").read_text("utf-8")
    for old, new in [*INJECTED, EDITOR]:
        assert old in text, old
        text = text.replace(old, new, 1)
    text = text.replace("## خلفيات وحقائق", TABLE + "## خلفيات وحقائق", 1)
    text = re.sub(r"(\[\^1\]: )", r"\1ورد في  التقرير, ", text, count=1)
    path = tmp_path / "draft.md"
    path.write_text(text, "utf-8")
    return path


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Path:
    require_tool("pandoc")
    folder = tmp_path_factory.mktemp("review")
    source = _draft_markdown(folder)
    out = folder / "draft.docx"
    subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "docx", str(source), "-o", str(out)],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="module")
def reviewed(draft) -> Path:
    result = run_cli("review", str(draft))
    assert result.returncode == 0, result.stderr.decode()
    out = draft.with_name("draft.review.docx")
    assert out.exists()
    return out


def _pandoc_text(path: Path) -> str:
    result = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", "--track-changes=accept", str(path)],
        check=True,
        capture_output=True,
    )
    return result.stdout.decode("utf-8")


def _anchored(path: Path) -> dict[str, str]:
    """Comment id → the draft's text its range covers (brieflint's deletions included, its
    insertions left out), over every part."""
    found: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as archive:
        for name in ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml"):
            if name not in archive.namelist():
                continue
            open_ids: set[str] = set()
            for element in etree.fromstring(archive.read(name)).iter():
                if element.tag == f"{W}commentRangeStart":
                    open_ids.add(element.get(f"{W}id"))
                    found.setdefault(element.get(f"{W}id"), [])
                elif element.tag == f"{W}commentRangeEnd":
                    open_ids.discard(element.get(f"{W}id"))
                elif element.tag in (f"{W}t", f"{W}delText"):
                    inserted = any(
                        a.tag == f"{W}ins" and a.get(f"{W}author") == AUTHOR
                        for a in element.iterancestors()
                    )
                    for comment_id in open_ids if not inserted else ():
                        found[comment_id].append(element.text or "")
    return {k: "".join(v) for k, v in found.items()}


def _own_comments(path: Path):
    return [c for c in python_docx.Document(str(path)).comments if c.author == AUTHOR]


def _revisions(path: Path, author: str) -> int:
    with zipfile.ZipFile(path) as archive:
        xml = b"".join(
            archive.read(n)
            for n in archive.namelist()
            if n.startswith("word/") and n.endswith(".xml")
        ).decode("utf-8")
    return len(re.findall(rf'<w:(?:ins|del) [^>]*w:author="{author}"', xml))


def test_every_finding_is_a_comment_on_its_text(draft, reviewed):
    problems = check_file(str(draft), Config()).problems
    comments = _own_comments(reviewed)
    assert len(comments) == len(problems) + 1  # and one summary
    anchored = _anchored(reviewed)
    by_code: dict[str, list[str]] = {}
    for comment in comments:
        code = comment.text.split(" ", 1)[0]
        by_code.setdefault(code, []).append(anchored.get(str(comment.comment_id), ""))
    for problem in problems:
        if problem.location.note is not None:
            # anchored on the note's reference mark (LibreOffice refuses comments in notes),
            # the comment names the note and quotes the words
            head = f"[الحاشية {problem.location.note.number}]"
            assert any(c.text.startswith(head) and problem.rule in c.text for c in comments)
        elif problem.text.strip():
            assert problem.text in by_code.get(problem.rule, []), (problem.rule, problem.text)
    assert any(p.location.note is not None for p in problems)  # the draft has note findings
    summary = next(c for c in comments if c.text.startswith("مراجعة brieflint"))
    assert str(len(problems)) in summary.text


def test_safe_fixes_are_tracked_changes_that_accept_to_the_fix_and_reject_to_the_draft(
    draft, reviewed, tmp_path
):
    assert _revisions(reviewed, AUTHOR) >= 4
    fixed = tmp_path / "draft.fixed.docx"
    fix_path(str(draft), Config(), output=str(fixed))
    accepted = tmp_path / "accepted.docx"
    accepted.write_bytes(accept_all(reviewed.read_bytes()))
    rejected = tmp_path / "rejected.docx"
    rejected.write_bytes(reject_all(reviewed.read_bytes()))
    assert _pandoc_text(accepted) == _pandoc_text(fixed)
    assert _pandoc_text(rejected) == _pandoc_text(draft)
    assert _pandoc_text(accepted) != _pandoc_text(draft)


def test_the_drafts_own_comments_and_changes_are_kept(draft, reviewed):
    editors = [c for c in python_docx.Document(str(reviewed)).comments if c.author == "محرر"]
    assert [c.text for c in editors] == ["راجع هذه الجملة"]
    assert _revisions(reviewed, "محرر") == _revisions(draft, "محرر") == 1


def test_check_reads_the_reviewed_draft_as_word_shows_it(reviewed):
    result = check_file(str(reviewed), Config())
    assert result.error is None
    assert not [p for p in result.problems if p.fixable]  # the tracked fixes read as accepted
    assert not [p for p in result.problems if p.rule.startswith("BL-IN")]


def test_a_second_review_does_not_duplicate_comments(reviewed, tmp_path):
    again = tmp_path / "again.docx"
    result = run_cli("review", str(reviewed), "-o", str(again))
    assert result.returncode == 0, result.stderr.decode()
    remaining = check_file(str(reviewed), Config()).problems
    comments = _own_comments(again)
    assert len(comments) == len(remaining) + 1
    assert _revisions(again, AUTHOR) == _revisions(reviewed, AUTHOR)


def test_comments_only(draft, tmp_path):
    out = tmp_path / "comments.docx"
    result = run_cli("review", str(draft), "-o", str(out), "--no-track-changes", "--lang", "en")
    assert result.returncode == 0, result.stderr.decode()
    assert _revisions(out, AUTHOR) == 0
    comments = _own_comments(out)
    assert any("Suggested (not applied" in c.text or "Suggestion:" in c.text for c in comments)
    assert _pandoc_text(out) == _pandoc_text(draft)


def test_comments_only_for_errors(draft, tmp_path):
    out = tmp_path / "errors.docx"
    assert (
        run_cli("review", str(draft), "-o", str(out), "--comments-only-for", "error").returncode
        == 0
    )
    errors = [p for p in check_file(str(draft), Config()).problems if p.severity.value == "error"]
    assert len(_own_comments(out)) == len(errors) + 1


def test_review_never_overwrites_the_draft(draft):
    result = run_cli("review", str(draft), "-o", str(draft), "--lang", "en")
    assert result.returncode == 2
    assert "new file" in result.stderr.decode()


def test_libreoffice_opens_the_reviewed_draft_with_its_comments(reviewed, tmp_path):
    """LibreOffice reads the comments: exported to PDF, each is a text annotation."""
    soffice = shutil.which("soffice") or require_tool("soffice")
    pdf = tmp_path / "draft.review.pdf"
    for _ in range(2):  # a first start with a new profile may exit before converting
        done = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                "--headless",
                "--convert-to",
                'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
                "--outdir",
                str(tmp_path),
                str(reviewed),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        if pdf.exists():
            break
    assert pdf.exists(), done.stderr.decode() + done.stdout.decode()
    data = pdf.read_bytes()
    annotations = data.count(b"/Subtype/Text") + data.count(b"/Subtype /Text")
    assert annotations == len(python_docx.Document(str(reviewed)).comments)


# --- Markdown: CriticMarkup ------------------------------------------------------------------

_CHANGE = re.compile(
    r"\{~~(.*?)~>(.*?)~~\}|\{\+\+(.*?)\+\+\}|\{--(.*?)--\}|\{>>.*?<<\}|\{==|==\}", re.S
)


def _accept(text: str) -> str:
    return _CHANGE.sub(lambda m: m.group(2) or m.group(3) or "", text)


def _reject(text: str) -> str:
    return _CHANGE.sub(lambda m: m.group(1) or m.group(4) or "", text)


def test_markdown_review_in_criticmarkup_round_trips(tmp_path):
    source = _draft_markdown(tmp_path)
    result = run_cli("review", str(source), "--criticmarkup")
    assert result.returncode == 0, result.stderr.decode()
    reviewed = (tmp_path / "draft.review.md").read_text("utf-8")
    original = source.read_text("utf-8")
    fixed_path = tmp_path / "fixed.md"
    shutil.copy(source, fixed_path)
    fix_path(str(fixed_path), Config())
    assert "{~~" in reviewed and "{>>" in reviewed
    assert _reject(reviewed) == original
    assert _accept(reviewed) == fixed_path.read_text("utf-8")


def test_markdown_review_needs_criticmarkup(tmp_path):
    source = _draft_markdown(tmp_path)
    result = run_cli("review", str(source))
    assert result.returncode == 2
    assert "--criticmarkup" in result.stderr.decode()
