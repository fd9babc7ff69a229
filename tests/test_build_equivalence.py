"""One draft, two formats, one build: a Markdown brief and the .docx pandoc writes from it build
into the same house-style document, and `build` refuses to write a document that lost text."""

from __future__ import annotations

import docx as python_docx
import pytest

from brieflint.build import build
from brieflint.engine import Config, check_file
from brieflint.errors import BrieflintError

from .conftest import EXAMPLES
from .test_fix import _png

SOURCE = EXAMPLES / "situation-assessment.md"
INSERTED = (
    "وتتلخص الخطوات المقترحة فيما يلي:\n\n"
    "1. تفعيل الهيئة المشتركة.\n2. نشر بيانات الرصد.\n3. إشراك ليبيا.\n\n"
    "ثم تأتي مرحلة ثانية:\n\n"
    "4. توسيع شبكة الرصد.\n5. مراجعة سقوف السحب.\n\n"
    "ومن المخاطر:\n\n"
    "- تعثر التمويل.\n- غياب الطرف الليبي.\n\n"
    "| الطرف | الحصة | Notes |\n|---|---|---|\n| الجزائر | 60% | main |\n| تونس | 40% | |\n\n"
    "![الشكل 1: تطور السحب من الخزان الجوفي](fig.png)\n\n"
)
# pandoc's «smart» extension curls the straight quotes of the draft it converts: that changes
# the Word draft itself, not the build.
_QUOTES = str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'"})


@pytest.fixture(scope="module")
def drafts(tmp_path_factory, pandoc_docx):
    folder = tmp_path_factory.mktemp("equivalence")
    _png(folder / "fig.png")
    text = SOURCE.read_text("utf-8").replace("## خلفيات وحقائق", INSERTED + "## خلفيات وحقائق", 1)
    markdown = folder / "draft.md"
    markdown.write_text(text, "utf-8")
    word = pandoc_docx(markdown)  # pandoc -f markdown -t docx, the image found next to the draft
    built = {}
    for source in (markdown, word):
        out = folder / f"built-{source.suffix[1:]}.docx"
        build(str(source), str(out))
        built[source.suffix[1:]] = out
    return built


def _brieflint_view(path):
    doc = check_file(str(path), Config()).document
    assert doc is not None
    blocks = [
        (
            b.kind.value,
            b.text.translate(_QUOTES),
            b.cell,
            b.list_item,
            [(image.alt, image.data is not None) for image in b.images],
        )
        for b in doc.cover_blocks + doc.blocks
    ]
    notes = [n.text.translate(_QUOTES) for n in doc.footnotes]
    return blocks, notes


def _python_docx_view(path):
    document = python_docx.Document(str(path))
    paragraphs = [(p.style.name, p.text.translate(_QUOTES)) for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    pictures = [shape._inline.docPr.get("descr", "") for shape in document.inline_shapes]
    return paragraphs, tables, pictures


def test_markdown_and_pandoc_docx_build_the_same_document(drafts):
    md, word = drafts["md"], drafts["docx"]
    assert _brieflint_view(md) == _brieflint_view(word)
    assert _python_docx_view(md) == _python_docx_view(word)


def test_lists_table_and_picture_come_out_as_written(drafts):
    for built in drafts.values():
        paragraphs, tables, pictures = _python_docx_view(built)
        texts = [text for _, text in paragraphs]
        for item in ("1. تفعيل الهيئة المشتركة.", "3. إشراك ليبيا.", "4. توسيع شبكة الرصد."):
            assert item in texts, (built, item)
        assert "5. مراجعة سقوف السحب." in texts
        assert "• تعثر التمويل." in texts and "• غياب الطرف الليبي." in texts
        assert tables == [
            [["الطرف", "الحصة", "Notes"], ["الجزائر", "60%", "main"], ["تونس", "40%", ""]]
        ]
        assert pictures == ["الشكل 1: تطور السحب من الخزان الجوفي"]
        assert ("Caption", "الشكل 1: تطور السحب من الخزان الجوفي") in paragraphs
        blocks, _ = _brieflint_view(built)
        figures = [b for b in blocks if b[4]]
        assert figures == [
            ("figure", "", None, None, [("الشكل 1: تطور السحب من الخزان الجوفي", True)])
        ]


@pytest.mark.parametrize(
    "name", sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in {".md", ".docx"})
)
def test_every_example_builds_with_nothing_lost(tmp_path, monkeypatch, name):
    from brieflint import build as build_module
    from brieflint.verify import expected_parts, verify_build

    checked = []

    def verify(doc, data, folders=()):
        checked.append(len(expected_parts(doc, folders)))
        verify_build(doc, data, folders)

    monkeypatch.setattr(build_module, "verify_build", verify)
    out = tmp_path / "built.docx"
    result = build(str(EXAMPLES / name), str(out), force=True)
    assert out.is_file() and result.output == out
    assert len(checked) == 1 and checked[0] > 10  # the check ran, over the whole body


def test_build_refuses_a_document_that_lost_a_paragraph(tmp_path, monkeypatch):
    from brieflint.writer import docx as writer

    lost = "وظل هذا الملف لسنوات موضع قلق تونسي صامت"
    original = writer._Writer.prose

    def dropping(self, block, markers):
        if block.text.startswith(lost):
            return
        original(self, block, markers)

    monkeypatch.setattr(writer._Writer, "prose", dropping)
    out = tmp_path / "brief.docx"
    with pytest.raises(BrieflintError) as refused:
        build(str(SOURCE), str(out))
    message = str(refused.value)
    assert "\n" not in message and lost in message and str(SOURCE) in message
    assert list(tmp_path.iterdir()) == []


def test_word_numbering_restarts_and_continues_as_word_counts():
    from lxml import etree

    from brieflint.readers.docx import _Numbering

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    level = '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    numbering = _Numbering(
        etree.fromstring(
            f'<w:numbering xmlns:w="{w}"><w:abstractNum w:abstractNumId="7">{level}</w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>'
            '<w:num w:numId="3"><w:abstractNumId w:val="7"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>'
            "</w:numbering>"
        )
    )
    numbers = [numbering.item(num, 0).number for num in ("1", "1", "2", "3", "3")]
    assert numbers == [1, 2, 3, 10, 11]  # numId 2 continues its abstract list; 3 restarts at 10
