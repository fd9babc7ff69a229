"""Shared fixtures. Tools the tests drive for real (pandoc, LibreOffice) must exist in CI:
there a missing tool fails the test; on a developer's machine it skips with the reason."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .forms import FORMS, write_forms

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# The examples every form of tests/forms.py is written from (the forms_dir fixture).
FORM_BRIEFS = sorted(EXAMPLES.glob("situation-assessment*.md"))

os.environ.setdefault("BRIEFLINT_DEBUG", "1")  # a rule that crashes must fail its test

# The cover fields of a situation assessment, and the sections of examples/situation-assessment.md.
COVER_FIELDS = (
    "title",
    "subtitle",
    "type",
    "author",
    "affiliation",
    "date",
    "institution",
    "institution_en",
    "email",
)
EXAMPLE_SECTION_IDS = [
    "introduction",
    "background",
    "content",
    "motives",
    "motives",
    "limits",
    "implications",
    "scenarios",
    "conclusion",
    "references",
]


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if IN_CI:
            pytest.fail(f"{name} is required in CI but is not installed")
        pytest.skip(f"{name} is not installed")
    return path


def _pandoc_module():
    spec = importlib.util.spec_from_file_location(
        "pandoc_docx", ROOT / "scripts" / "pandoc-docx.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def pandoc_docx(tmp_path_factory):
    """Build a .docx from a Markdown brief with pandoc; cached per (source, variant)."""
    require_tool("pandoc")
    module = _pandoc_module()
    folder = tmp_path_factory.mktemp("pandoc")
    cache: dict[tuple[str, bool], Path] = {}

    def build(source: Path, *, pseudo: bool = False) -> Path:
        key = (str(source), pseudo)
        if key not in cache:
            out = folder / f"{source.stem}{'-pseudo' if pseudo else ''}.docx"
            module.build(source, out, pseudo=pseudo)
            cache[key] = out
        return cache[key]

    return build


@pytest.fixture(scope="session")
def libreoffice_docx(tmp_path_factory):
    """Re-save a .docx through LibreOffice Writer, so the file is written by LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        require_tool("soffice")
    folder = tmp_path_factory.mktemp("libreoffice")
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(source: Path) -> Path:
        out_dir = folder / source.stem
        out_dir.mkdir(exist_ok=True)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                str(out_dir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return out_dir / f"{source.stem}.docx"

    return convert


def run_cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    """Run the installed ``brieflint`` command as a user would."""
    exe = shutil.which("brieflint")
    command = [exe] if exe else [sys.executable, "-m", "brieflint.cli"]
    env = {k: v for k, v in os.environ.items() if k != "BRIEFLINT_DEBUG"}
    return subprocess.run(
        [*command, *args], input=stdin, capture_output=True, cwd=cwd, env=env, timeout=120
    )


# Every form of every example, written once per session and shared by tests/test_forms.py and
# tests/test_build_text.py.
@pytest.fixture(scope="session")
def forms_dir(tmp_path_factory):
    """Every form of every example, written once: {example stem: {form: path}}."""
    missing = [t for t in ("pandoc", "soffice") if shutil.which(t) is None]
    root = tmp_path_factory.mktemp("forms")
    profile = tmp_path_factory.mktemp("lo-forms")
    built = {}
    for brief in FORM_BRIEFS:
        forms = FORMS
        if missing:
            if IN_CI:
                pytest.fail(f"{', '.join(missing)} required in CI")
            forms = tuple(f for f in FORMS if not f.endswith(".docx"))
        built[brief.stem] = write_forms(brief, root / brief.stem, forms, lo_profile=profile)
    return built


def hostile_corpus():
    """scripts/hostile-corpus.py as a module (its file name has a dash: no plain import)."""
    spec = importlib.util.spec_from_file_location(
        "hostile_corpus", ROOT / "scripts" / "hostile-corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
