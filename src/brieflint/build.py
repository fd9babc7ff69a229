"""`brieflint build` and `brieflint new`: the house-style Word document and skeleton drafts."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .carry import Omission, omissions
from .engine import Config, FileResult, check_document, read_document
from .errors import BrieflintError, InputError
from .fileio import atomic_write
from .model import Severity
from .resources import shipped_dir
from .schema import DEFAULT_KIND, shipped_kinds
from .verify import picture_placeable, verify_build
from .writer.docx import build_docx
from .writer.style import load_style


class LintErrors(BrieflintError):
    """The draft has errors; ``build`` refuses to write without --force."""

    def __init__(self, result: FileResult) -> None:
        super().__init__(
            f"{result.path}: {result.count(Severity.ERROR)} error(s); fix them or use --force"
        )
        self.result = result


class WouldLeaveOut(BrieflintError):
    """The built document could not hold everything of the draft; ``build`` refuses without
    --force (exit 1, like a draft with errors) and names each item."""

    def __init__(self, path: str, left_out: list[Omission]) -> None:
        super().__init__(
            f"{path}: build refused: the document would leave out {len(left_out)} item(s); "
            "fix them or use --force"
        )
        self.path = path
        self.left_out = left_out


@dataclass
class BuildResult:
    output: Path
    pdf: Path | None
    check: FileResult
    left_out: list[Omission] = field(default_factory=list)  # with --force: what was not written


def _image_folders(config: Config) -> tuple[str, ...]:
    from .engine import _options_for
    from .rules.input.notices import ImageOutside

    return tuple(_options_for(ImageOutside, config).get("allowed_folders") or ())


def build(
    source: str,
    output: str,
    *,
    style: str | None = None,
    config: Config | None = None,
    force: bool = False,
    pdf: bool = False,
) -> BuildResult:
    """Check ``source``, build the house-style document, prove (by reading it back) that it lost
    nothing of the draft, then write it to ``output`` (atomically)."""
    config = config or Config()
    house = load_style(style)
    doc = read_document(source, config)
    result = check_document(doc, config)
    if result.count(Severity.ERROR) and not force:
        raise LintErrors(result)
    out = Path(output)
    if out.resolve() == Path(source).resolve():
        raise InputError(source, "the output would overwrite the draft: choose another -o")
    folders = _image_folders(config)
    left_out = omissions(doc, lambda image: picture_placeable(doc, image, folders))
    if left_out and not force:
        raise WouldLeaveOut(source, left_out)
    data = build_docx(doc, house, folders)
    verify_build(doc, data, folders)  # nothing is written unless the result holds the whole draft
    atomic_write(out, data)
    pdf_path = export_pdf(out) if pdf else None
    return BuildResult(out, pdf_path, result, left_out)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def export_pdf(docx_path: Path) -> Path:
    """The PDF the centre publishes, converted by LibreOffice (headless, throwaway profile)."""
    office = soffice()
    if office is None:
        raise BrieflintError(
            "--pdf needs LibreOffice (Debian: apt-get install libreoffice-writer-nogui); the .docx was written"
        )
    target = docx_path.with_suffix(".pdf")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        completed = subprocess.run(
            [
                office,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx_path),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        produced = Path(tmp) / f"{docx_path.stem}.pdf"
        if completed.returncode != 0 or not produced.exists():
            reason = (completed.stderr or completed.stdout).strip().splitlines()[-1:] or [
                "no output"
            ]
            raise BrieflintError(
                f"{docx_path}: LibreOffice could not convert it to PDF: {reason[0]}"
            )
        atomic_write(target, produced.read_bytes())
    return target


def new_draft(kind: str | None, output: str, *, force: bool = False) -> Path:
    """Write the skeleton draft of ``kind`` to ``output``."""
    kind = kind or DEFAULT_KIND
    template = shipped_dir("templates") / f"{kind}.md"
    if not template.is_file():
        known = ", ".join(
            k for k in shipped_kinds() if (shipped_dir("templates") / f"{k}.md").is_file()
        )
        raise BrieflintError(f"no skeleton for brief kind {kind!r} (available: {known})")
    out = Path(output)
    if out.exists() and not force:
        raise BrieflintError(f"{out}: already exists (use --force to replace it)")
    atomic_write(out, template.read_bytes())
    return out
