"""Every Word file brieflint writes is valid ISO/IEC 29500 (transitional): validated part by part
with xmllint against the vendored schemas, after Markup Compatibility processing
(tests/ooxml/validate.py). A file brieflint makes from scratch (`build`) has no schema error; a
draft brieflint edits (`fix`, `review`) gains none it did not already have."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import EXAMPLES, require_tool, run_cli
from .ooxml.validate import validate

ROOT = Path(__file__).parent.parent
STYLES = sorted((ROOT / "templates").glob("house-style*.yaml"))
FLAWED = EXAMPLES / "flawed-footnotes.md"


@pytest.fixture(autouse=True)
def _xmllint():
    require_tool("xmllint")


def _errors(path: Path) -> list[str]:
    """Schema errors without temporary part names and line numbers (a part re-serialised on
    one line keeps its errors on other lines), so two files' errors compare."""
    return sorted(
        re.sub(r"\.xml:\d+:", ".xml:", re.sub(r"part\d+\.xml", "part", e)) for e in validate(path)
    )


@pytest.mark.parametrize("style", STYLES, ids=lambda p: p.stem)
@pytest.mark.parametrize(
    "source", sorted(EXAMPLES.glob("situation-assessment*.md")), ids=lambda p: p.stem
)
def test_built_documents_are_valid(source, style, tmp_path):
    out = tmp_path / "built.docx"
    result = run_cli("build", str(source), "-o", str(out), "--style", str(style), "--force")
    assert result.returncode == 0, result.stderr.decode()
    assert _errors(out) == []


def test_a_document_built_from_a_word_draft_is_valid(pandoc_docx, tmp_path):
    draft = pandoc_docx(EXAMPLES / "situation-assessment.md")
    out = tmp_path / "built.docx"
    assert run_cli("build", str(draft), "-o", str(out), "--force").returncode == 0
    assert _errors(out) == []


@pytest.fixture(scope="module")
def valid_flawed_draft(tmp_path_factory) -> Path:
    """A Word draft with fixable errors that is itself valid: built by brieflint (--force)."""
    folder = tmp_path_factory.mktemp("ooxml")
    out = folder / "flawed.docx"
    result = run_cli("build", str(FLAWED), "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr.decode()
    assert _errors(out) == []
    return out


def test_fixed_and_reviewed_drafts_stay_valid(valid_flawed_draft, tmp_path):
    fixed = tmp_path / "fixed.docx"
    result = run_cli("fix", str(valid_flawed_draft), "-o", str(fixed))
    assert result.returncode == 0, result.stderr.decode()
    assert fixed.exists()
    assert _errors(fixed) == []
    reviewed = tmp_path / "reviewed.docx"
    result = run_cli("review", str(valid_flawed_draft), "-o", str(reviewed))
    assert result.returncode == 0, result.stderr.decode()
    assert _errors(reviewed) == []
    comments_only = tmp_path / "comments.docx"
    assert (
        run_cli(
            "review", str(valid_flawed_draft), "-o", str(comments_only), "--no-track-changes"
        ).returncode
        == 0
    )
    assert _errors(comments_only) == []


def test_fix_and_review_add_no_error_to_a_pandoc_draft(pandoc_docx, tmp_path):
    """pandoc's own output has schema errors (settings order, comment runs): brieflint keeps the
    author's package as it is and adds none."""
    source = tmp_path / "draft.md"
    text = (EXAMPLES / "situation-assessment.md").read_text("utf-8")
    source.write_text(text.replace("في مدينة توزر", "في مدينة, توزر", 1), "utf-8")
    draft = pandoc_docx(source)
    before = _errors(draft)
    fixed, reviewed = tmp_path / "fixed.docx", tmp_path / "reviewed.docx"
    assert run_cli("fix", str(draft), "-o", str(fixed)).returncode == 0
    assert run_cli("review", str(draft), "-o", str(reviewed)).returncode == 0
    assert fixed.exists() and reviewed.exists()
    assert _errors(fixed) == before
    assert _errors(reviewed) == before


def test_the_validator_finds_real_errors(valid_flawed_draft, tmp_path):
    """A check that cannot fail proves nothing: break the schema order and it must say so."""
    import zipfile

    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(valid_flawed_draft) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/settings.xml":
                data = data.replace(b'w:percent="100"', b"")
            target.writestr(info.filename, data)
    assert any("percent" in e for e in _errors(broken))


def test_validator_command_line(valid_flawed_draft):
    result = subprocess.run(
        [
            shutil.which("python") or "python",
            str(ROOT / "tests/ooxml/validate.py"),
            str(valid_flawed_draft),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("valid")
