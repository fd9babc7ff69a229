from __future__ import annotations

import docx as python_docx
import pytest

from brieflint.engine import Config, check_file, read_document
from brieflint.schema import load_schema

from .conftest import COVER_FIELDS, EXAMPLE_SECTION_IDS, EXAMPLES
from .docx_builder import note_ref, para, run, write_docx

SA = load_schema("situation-assessment")
EXPECTED_IDS = EXAMPLE_SECTION_IDS


def _straight(text):
    return text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")


def _section_ids(path):
    return [s["id"] for s in check_file(str(path), Config()).sections]


def test_pandoc_docx_has_cover_metadata_sections_and_footnotes(pandoc_docx):
    source = EXAMPLES / "situation-assessment.md"
    md = check_file(str(source), Config())
    result = check_file(str(pandoc_docx(source)), Config())
    assert result.error is None
    assert result.format == "docx"
    for key in COVER_FIELDS:
        assert result.metadata.get(key) == md.metadata[key].strip(), key
    assert [s["id"] for s in result.sections] == [s["id"] for s in md.sections]
    assert [s["heading"] for s in result.sections] == [s["heading"] for s in md.sections]
    doc = result.document
    md_notes = [n.text for n in md.document.footnotes]
    # pandoc's "smart" typography curls straight quotes, as Word's autocorrect does
    assert [_straight(n.text) for n in doc.footnotes] == md_notes
    assert [n.label for n in doc.footnotes] == [str(i) for i in range(1, len(md_notes) + 1)]
    assert doc.footnotes[0].blocks[0].location.footnote == 1


def test_libreoffice_docx_reads_the_same(pandoc_docx, libreoffice_docx):
    source = EXAMPLES / "situation-assessment.md"
    saved = libreoffice_docx(pandoc_docx(source))
    original = check_file(str(pandoc_docx(source)), Config())
    result = check_file(str(saved), Config())
    assert result.error is None
    assert result.sections == original.sections
    assert result.metadata == original.metadata
    assert len(result.document.footnotes) == len(original.document.footnotes)


def test_python_docx_document_with_standard_heading_styles(tmp_path):
    document = python_docx.Document()
    document.add_paragraph("مركز الدراسات", style="Normal")
    document.add_paragraph("عنوان التقدير", style="Title")
    document.add_heading("مقدمة", level=1)
    document.add_paragraph("نص المقدمة.")
    document.add_heading("دوافع أنقرة", level=1)
    document.add_paragraph("نص الدوافع.")
    path = tmp_path / "python-docx.docx"
    document.save(path)
    doc = read_document(str(path), Config())
    assert doc.metadata["title"].value == "عنوان التقدير"
    assert doc.metadata["institution"].value == "مركز الدراسات"
    assert _section_ids(path) == ["introduction", "motives"]


def test_localised_style_names_and_outline_levels(tmp_path):
    path = write_docx(
        tmp_path / "styles.docx",
        [
            para(run("عنوان"), style="Title"),
            para(run("مقدمة"), style="1"),  # styleId "1", name "heading 1"
            para(run("نص.")),
            para(run("خلفيات وحقائق"), style="a3"),  # Arabic style name «عنوان 2»
            para(run("نص.")),
            para(run("أبرز البنود"), style="SectionTitle"),  # outline level from the style
            para(run("نص.")),
            para(run("الخاتمة"), outline=0),  # outline level on the paragraph
            para(run("نص.")),
        ],
    )
    doc = read_document(str(path), Config())
    headings = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert headings == [("مقدمة", 1), ("خلفيات وحقائق", 2), ("أبرز البنود", 2), ("الخاتمة", 1)]


def test_cover_without_styles_takes_the_largest_type_as_title(tmp_path):
    path = write_docx(
        tmp_path / "cover.docx",
        [
            para(run("مركز النخيل للدراسات", size=28)),
            para(run("Palm Centre for Studies", size=24)),
            para(run("مارس/آذار 2026", size=24)),
            para(run("الممر الاقتصادي الجديد وحدوده", size=48, bold=True)),
            para(run("«قراءة في الدوافع والمآلات»", size=32)),
            para(run("تقدير موقف", size=32)),
            para(run("إعداد: د. هالة المنصوري")),
            para(run("أستاذة العلاقات الدولية")),
            para(run("جامعة الخليج")),
            para(run("hala@example.org")),
            para(run("مقدمة:", bold=True)),
            para(run("نص المقدمة.")),
        ],
    )
    doc = read_document(str(path), Config())
    meta = {k: v.value for k, v in doc.metadata.items()}
    assert meta == {
        "institution": "مركز النخيل للدراسات",
        "institution_en": "Palm Centre for Studies",
        "date": "مارس/آذار 2026",
        "title": "الممر الاقتصادي الجديد وحدوده",
        "subtitle": "«قراءة في الدوافع والمآلات»",
        "type": "تقدير موقف",
        "author": "د. هالة المنصوري",
        "affiliation": "أستاذة العلاقات الدولية، جامعة الخليج",
        "email": "hala@example.org",
    }
    assert doc.metadata["title"].location.line == 4
    assert doc.blocks[0].text == "مقدمة:"


def test_footnotes_superscripts_and_missing_note_ids(tmp_path):
    path = write_docx(
        tmp_path / "notes.docx",
        [
            para(run("مقدمة"), style="1"),
            para(
                run("نص أول"),
                note_ref(5),
                run(" ونص ثان"),
                note_ref(2),
                run(" وثالث"),
                note_ref(9),
                run(" ورابع"),
                run("٣", superscript=True),
            ),
        ],
        notes={2: "المرجع الثاني.", 5: "المرجع الأول.", 7: "حاشية يتيمة."},
    )
    doc = read_document(str(path), Config())
    refs = [m.value for m in doc.blocks[1].marks if m.kind == "footnote-ref"]
    assert refs == ["1", "2", "3"]  # numbered as Word displays them: order of reference
    notes = {n.label: n.text for n in doc.footnotes}
    assert notes["1"] == "المرجع الأول." and notes["2"] == "المرجع الثاني."
    assert "3" not in notes  # id 9 does not exist: a marker without a note
    assert notes["id7"] == "حاشية يتيمة."  # never referenced
    sup = [m for m in doc.blocks[1].marks if m.kind == "superscript"]
    assert len(sup) == 1 and sup[0].value == "٣"


def test_tracked_deletions_and_field_codes_are_not_text(tmp_path):
    deleted = '<w:del w:id="1" w:author="x"><w:r><w:delText>محذوف</w:delText></w:r></w:del>'
    inserted = '<w:ins w:id="2" w:author="x">' + run("مضاف") + "</w:ins>"
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("7")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    path = write_docx(
        tmp_path / "tracked.docx", [para(run("نص "), deleted, inserted, run(" "), field)]
    )
    doc = read_document(str(path), Config())
    assert (doc.cover_blocks + doc.blocks)[0].text == "نص مضاف 7"


@pytest.mark.parametrize("name", ["situation-assessment.docx"])
def test_committed_example_docx_is_read(name):
    path = EXAMPLES / name
    assert path.exists(), "examples/*.docx are built with scripts/pandoc-docx.py and committed"
    assert _section_ids(path) == EXPECTED_IDS


def _cover_block(text: str, style: str = "Normal", line: int = 1):
    from brieflint.model import Block, Location

    return Block("paragraph", text, Location(line, 1), style=style)


def test_pandoc_cover_reads_affiliation_and_institution_names():
    """pandoc's cover: Title, Subtitle, Author (name), Author (affiliation), Date, then plain
    paragraphs with the type label, the institution's names and the e-mail."""
    from brieflint.readers.cover import extract_cover_metadata

    lines = [
        ("اتفاق توزر بين الجزائر وتونس", "Title"),
        ("«من التنسيق الفني إلى الشراكة المائية»", "Subtitle"),
        ("د. سلمى بن عاشور", "Author"),
        ("باحثة أولى في قضايا المياه، مركز المغارب للدراسات الاستراتيجية", "Author"),
        ("أبريل/نيسان 2026", "Date"),
        ("تقدير موقف", "Normal"),
        ("مركز المغارب للدراسات الاستراتيجية", "Normal"),
        ("Maghreb Center for Strategic Studies", "Normal"),
        ("s.benachour@example.org", "Normal"),
    ]
    cover = [_cover_block(t, s, n) for n, (t, s) in enumerate(lines, start=1)]
    meta = {k: v.value for k, v in extract_cover_metadata(cover).items()}
    assert meta == {
        "title": "اتفاق توزر بين الجزائر وتونس",
        "subtitle": "«من التنسيق الفني إلى الشراكة المائية»",
        "author": "د. سلمى بن عاشور",
        "affiliation": "باحثة أولى في قضايا المياه، مركز المغارب للدراسات الاستراتيجية",
        "date": "أبريل/نيسان 2026",
        "type": "تقدير موقف",
        "institution": "مركز المغارب للدراسات الاستراتيجية",
        "institution_en": "Maghreb Center for Strategic Studies",
        "email": "s.benachour@example.org",
    }


def test_second_author_paragraph_with_a_name_is_not_an_affiliation():
    from brieflint.readers.cover import extract_cover_metadata

    cover = [
        _cover_block("عنوان الورقة", "Title", 1),
        _cover_block("د. سلمى بن عاشور", "Author", 2),
        _cover_block("كريم الشناوي", "Author", 3),
    ]
    assert "affiliation" not in extract_cover_metadata(cover)


def test_word_numbering_carries_on_after_a_restarting_list():
    """LibreOffice's reference list: the first entry in a list that restarts at 1 (a
    startOverride), the others in a plain list over the same abstract numbering. Word keeps one
    running count per abstract numbering, so the entries read 1, 2, 3 — and a later restart to 8
    carries on as 9 in the plain list (ECMA-376 §17.9)."""
    from lxml import etree

    from brieflint.readers.docx import _Numbering

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    level = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
    )
    numbering = _Numbering(
        etree.fromstring(
            f'<w:numbering xmlns:w="{w}"><w:abstractNum w:abstractNumId="2">{level}</w:abstractNum>'
            '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
            '<w:num w:numId="4"><w:abstractNumId w:val="2"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            '<w:num w:numId="5"><w:abstractNumId w:val="2"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="8"/></w:lvlOverride></w:num>'
            "</w:numbering>"
        )
    )
    numbers = [numbering.item(num, 0).number for num in ("4", "2", "2", "5", "2", "4")]
    assert numbers == [1, 2, 3, 8, 9, 10]  # numId 4 restarts only where it first appears
