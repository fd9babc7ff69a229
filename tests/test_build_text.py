"""Nothing the author wrote is lost by ``build`` (issue 13): for every example and every form a
draft arrives in, the built Word file and its source are both read by an independent reader —
pandoc, ``-t plain`` — and every sentence of the source must be found in the built document.

Sentences are compared as normalised words. What ``build`` changes on purpose is normalised on
both sides, one rule each:

* punctuation, quotes and bidi marks are not compared (a heading loses its colon, a note marker
  «¹», «^٥», «(3)» or «[^3]» becomes a footnote reference, which pandoc shows as «[3]»);
* numbers standing alone are not compared (list items and reference entries are renumbered,
  the cover date may change digit system); digits inside words are compared as Western digits;
* the cover fields move to the cover: each front-matter value is a sentence of its own;
* what ``build --force`` names as left out (carry.omissions) may be missing, and only that.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml

from brieflint.build import build
from brieflint.engine import Config

from .conftest import EXAMPLES, FORM_BRIEFS, IN_CI
from .forms import FORMS

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.md")) + sorted(EXAMPLES.glob("*.docx"))
_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u200b\u200c\u200d\u2066\u2067\u2068\u2069"))
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
# Note markers as typed or as pandoc shows a footnote reference.
_MARKERS = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^[0-9٠-٩۰-۹]+|\[\^[^\]\s]+\]|[\(\[][0-9٠-٩]{1,3}[\)\]]")
_SENTENCE_END = re.compile(r"[.!?؟؛\n]+")
_NOT_WORD = re.compile(r"[^\w]+")


def _require_pandoc() -> str:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        if IN_CI:
            pytest.fail("pandoc is required in CI")
        pytest.skip("pandoc is not installed")
    return pandoc


def pandoc_plain(path: Path) -> str:
    """The text pandoc reads from a draft or a built document, unwrapped."""
    # a line of a Markdown or text draft ends a sentence: pasted text is one paragraph a line
    markdown = "markdown+hard_line_breaks"
    reader = {".docx": "docx", ".md": markdown, ".txt": markdown}[path.suffix]
    completed = subprocess.run(
        [_require_pandoc(), "-f", reader, "-t", "plain", "--wrap=none", str(path)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return completed.stdout.decode("utf-8")


def words(text: str) -> str:
    """The normalised words of ``text``, space-separated (see the module docstring)."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _MARKERS.sub(" ", text).translate(_DIGITS)
    kept = [w for w in _NOT_WORD.sub(" ", text).split() if not w.isdigit() and w != "_"]
    return " ".join(kept)


def sentences(text: str) -> list[str]:
    return [s for s in (words(piece) for piece in _SENTENCE_END.split(text)) if s]


def front_matter_values(path: Path) -> list[str]:
    """The front matter's values: the cover fields, a summary, keywords."""
    if path.suffix != ".md":
        return []
    match = re.match(r"^---\n(.*?)\n---\n", path.read_text("utf-8"), re.S)
    data = yaml.safe_load(match.group(1)) if match else None
    if not isinstance(data, dict):
        return []
    return [
        "، ".join(map(str, v)) if isinstance(v, list) else str(v)
        for v in data.values()
        if v is not None
    ]


def lost_sentences(source: Path, built: Path, left_out: list[str]) -> list[str]:
    """The source's sentences not found in the built document, and not named as left out."""
    output = f" {words(pandoc_plain(built))} "
    allowed = " ".join(f" {words(text)} " for text in left_out)
    wanted = sentences(pandoc_plain(source))
    for value in front_matter_values(source):
        wanted.extend(sentences(value))
    return [s for s in wanted if f" {s} " not in output and f" {s} " not in allowed]


def _build_once(source: Path, folder: Path) -> tuple[Path, list[str]]:
    out = folder / f"{source.parent.name}-{source.name}.built.docx"
    result = build(str(source), str(out), config=Config(), force=True)
    return out, [item.text for item in result.left_out]


@pytest.fixture(scope="module")
def built_forms(forms_dir, tmp_path_factory):
    """Every form of every example brief, built once: {(example, form): (source, built, left
    out)}."""
    folder = tmp_path_factory.mktemp("built-forms")
    built = {}
    for example, forms in forms_dir.items():
        for form, source in forms.items():
            built[example, form] = (source, *_build_once(source, folder))
    return built


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_every_sentence_of_an_example_reaches_the_built_document(example, tmp_path):
    _require_pandoc()
    out, left_out = _build_once(example, tmp_path)
    lost = lost_sentences(example, out, left_out)
    assert not lost, f"{example.name}: {len(lost)} sentence(s) lost, first: {lost[:3]}"


@pytest.mark.parametrize(
    ("example", "form"),
    [(b.stem, f) for b in FORM_BRIEFS for f in FORMS],
    ids=[f"{b.stem}-{f}" for b in FORM_BRIEFS for f in FORMS],
)
def test_every_sentence_of_a_form_reaches_the_built_document(built_forms, example, form):
    _require_pandoc()
    if (example, form) not in built_forms:
        pytest.skip(f"{form}: pandoc or LibreOffice is not installed")
    source, out, left_out = built_forms[example, form]
    lost = lost_sentences(source, out, left_out)
    assert not lost, f"{example} × {form}: {len(lost)} sentence(s) lost, first: {lost[:3]}"


def test_the_comparison_sees_a_lost_sentence(tmp_path):
    """The check can fail: a built document missing one sentence of its source is caught."""
    _require_pandoc()
    source = EXAMPLES / "situation-assessment.md"
    out, _ = _build_once(source, tmp_path)
    text = source.read_text("utf-8")
    longer = tmp_path / "longer.md"
    longer.write_text(
        text.replace(
            "## خلفيات وحقائق", "جملة أضيفت إلى المصدر ولم تصل إلى الناتج.\n\n## خلفيات وحقائق"
        ),
        "utf-8",
    )
    assert lost_sentences(longer, out, []) == [words("جملة أضيفت إلى المصدر ولم تصل إلى الناتج")]
