"""`build` never drops the author's text silently (issue 13, item 2): each piece of a draft that
the house style has no obvious place for either reaches the built document or is named, and
``build`` refuses to leave it out without --force. The built documents are read with
python-docx's XML (not brieflint's own reader)."""

from __future__ import annotations

import zipfile

import docx as python_docx
import pytest
from lxml import etree

from brieflint.build import WouldLeaveOut, build
from brieflint.engine import Config, check_file

from .conftest import EXAMPLES, run_cli
from .test_fix import _png

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOURCE = EXAMPLES / "situation-assessment.md"
WORD_SOURCE = EXAMPLES / "situation-assessment.docx"
BEFORE_SECTION = "## خلفيات وحقائق"


def _draft(tmp_path, insert: str, *, front: str = "", name: str = "draft.md"):
    """The example brief with ``insert`` before a section and ``front`` added to its front
    matter."""
    text = SOURCE.read_text("utf-8").replace(BEFORE_SECTION, insert + "\n\n" + BEFORE_SECTION, 1)
    if front:
        text = text.replace("---\n", "---\n" + front, 1)
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def _paragraphs(path, part="word/document.xml") -> list[tuple[str, str]]:
    """(style, text) of every paragraph of a part of the built package."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read(part))
    found = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        text = "".join(p.itertext()).replace("\u200e", " ").replace("\u200f", " ")
        found.append((style.get(f"{W}val") if style is not None else "", " ".join(text.split())))
    return found


def _texts(path, part="word/document.xml") -> list[str]:
    return [text for _, text in _paragraphs(path, part)]


def test_raw_html_text_is_linted_and_written(tmp_path):
    draft = _draft(tmp_path, '<div dir="rtl">\nهذه فقرة داخل وسم  HTML ,وفيها خطأ .\n</div>')
    result = check_file(str(draft), Config())
    line = draft.read_text("utf-8").split("\n").index("هذه فقرة داخل وسم  HTML ,وفيها خطأ .") + 1
    here = {p.rule for p in result.problems if p.location.line == line}
    assert {"BL-TY003", "BL-PN002"} <= here, here  # double space, space before «.»
    out = tmp_path / "html.docx"
    build(str(draft), str(out), force=True)
    assert "هذه فقرة داخل وسم HTML ,وفيها خطأ ." in _texts(out)
    assert not any("<div" in t for t in _texts(out))


def test_html_entities_paragraphs_and_picture_alt_text(tmp_path):
    _png(tmp_path / "map.png")
    html = (
        "<section>\n<p>الأولى &amp; الثانية</p>\n<p>فقرة <b>ثانية</b> تامة.</p>\n"
        '<!-- ملاحظة للمحرر لا تُنشر -->\n<img src="map.png" alt="خريطة الحوض">\n</section>'
    )
    out = tmp_path / "html.docx"
    build(str(_draft(tmp_path, html)), str(out))
    texts = _texts(out)
    assert "الأولى & الثانية" in texts and "فقرة ثانية تامة." in texts
    assert not any("ملاحظة للمحرر" in t for t in texts)  # a comment is not text
    document = python_docx.Document(out)
    alts = [d.get("descr") for d in document.element.body.iter() if d.tag.endswith("}docPr")]
    assert "خريطة الحوض" in alts


def test_summary_and_keywords_go_on_the_cover(tmp_path):
    front = "summary: ملخص قصير يعرض خلاصة التقدير في سطرين.\nkeywords: [المياه, الحدود]\n"
    out = tmp_path / "summary.docx"
    build(str(_draft(tmp_path, "", front=front)), str(out))
    paragraphs = _paragraphs(out)
    cover_end = next(i for i, (style, _) in enumerate(paragraphs) if style.startswith("Heading"))
    cover = [text for _, text in paragraphs[:cover_end]]
    assert "ملخص قصير يعرض خلاصة التقدير في سطرين." in cover
    assert "المياه، الحدود" in cover and "الكلمات المفتاحية" in cover


def test_an_unknown_front_matter_key_refuses_the_build_and_force_names_it(tmp_path):
    draft = _draft(tmp_path, "", front="status: مسودة داخلية\n")
    out = tmp_path / "status.docx"
    with pytest.raises(WouldLeaveOut) as refused:
        build(str(draft), str(out))
    assert not out.exists()
    (item,) = refused.value.left_out
    assert "status" in item.line(str(draft), "en") and "مسودة داخلية" in item.line(str(draft), "ar")
    result = run_cli("build", "--force", "--lang", "en", str(draft), "-o", str(out))
    assert result.returncode == 0 and out.exists()
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "front-matter key `status` is left out" in lines[0], lines
    assert lines[0].startswith(f"{draft}:")


def test_an_unreferenced_note_refuses_the_build_and_force_names_it_in_arabic(tmp_path):
    text = SOURCE.read_text("utf-8") + "\n[^orphan]: حاشية لا تحيل إليها أي علامة في المتن.\n"
    draft = tmp_path / "orphan.md"
    draft.write_text(text, "utf-8")
    out = tmp_path / "orphan.docx"
    refused = run_cli("build", str(draft), "-o", str(out))
    assert refused.returncode == 1 and not out.exists()
    stderr = refused.stderr.decode()
    assert "[^orphan]" in stderr and "لا علامة تحيل إليها" in stderr
    assert "Traceback" not in stderr
    forced = run_cli("build", "--force", str(draft), "-o", str(out))
    assert forced.returncode == 0 and out.exists()
    (line,) = forced.stderr.decode().strip().splitlines()
    assert "الحاشية [^orphan] لم تُكتب" in line


def test_sub_headings_of_the_references_stay_between_their_entries(tmp_path):
    text = SOURCE.read_text("utf-8")
    head, refs = text.rsplit("\n## ", 1)
    title, entries = refs.split("\n", 1)
    lines = [line for line in entries.split("\n") if line.strip() and not line.startswith("[^")]
    notes = [line for line in entries.split("\n") if line.startswith("[^")]
    half = len(lines) // 2
    arabic = ["### مراجع عربية", "", *lines[:half]]
    foreign = ["### مراجع أجنبية", "", *lines[half:]]
    refs = "\n".join([title, "", *arabic, "", *foreign, "", *notes])
    draft = tmp_path / "refs.md"
    draft.write_text(head + "\n## " + refs + "\n", "utf-8")
    out = tmp_path / "refs.docx"
    build(str(draft), str(out))
    paragraphs = _paragraphs(out)
    arabic = paragraphs.index(("Heading2", "مراجع عربية"))
    foreign = paragraphs.index(("Heading2", "مراجع أجنبية"))
    between = [style for style, _ in paragraphs[arabic + 1 : foreign]]
    after = [style for style, _ in paragraphs[foreign + 1 :] if style]
    assert between and set(between) == {"Reference"}, between
    assert after and set(after) == {"Reference"}, after
    numbers = [t.split()[0] for s, t in paragraphs if s == "Reference"]
    assert numbers[0] in {"1.", "١."} and len(set(numbers)) == len(numbers)  # numbered on


def test_a_word_cover_line_that_is_no_field_stays_on_the_cover(tmp_path):
    document = python_docx.Document(WORD_SOURCE)
    first = document.paragraphs[0]
    status = first.insert_paragraph_before("مسودة أولية للنقاش الداخلي — لا تنشر")
    status.insert_paragraph_before("د. سلمى الورفلي (مشاركة في الإعداد)")
    draft = tmp_path / "cover.docx"
    document.save(draft)
    out = tmp_path / "cover-built.docx"
    build(str(draft), str(out), force=True)
    texts = _texts(out)
    assert "مسودة أولية للنقاش الداخلي — لا تنشر" in texts
    assert "د. سلمى الورفلي (مشاركة في الإعداد)" in texts


def test_a_picture_inside_a_paragraph_keeps_its_alt_text(tmp_path):
    _png(tmp_path / "chart.png")
    draft = _draft(tmp_path, "يبين المخطط ![منحنى السحب السنوي](chart.png) تطور السحب منذ 2010.")
    out = tmp_path / "inline.docx"
    build(str(draft), str(out))
    assert "يبين المخطط تطور السحب منذ 2010." in _texts(out)
    document = python_docx.Document(out)
    alts = [d.get("descr") for d in document.element.body.iter() if d.tag.endswith("}docPr")]
    assert alts == ["منحنى السحب السنوي"]


def test_a_picture_inside_a_word_paragraph_keeps_its_alt_text(tmp_path):
    _png(tmp_path / "chart.png")
    document = python_docx.Document(WORD_SOURCE)
    paragraph = next(p for p in document.paragraphs if len(p.text) > 200)
    paragraph.add_run().add_picture(str(tmp_path / "chart.png"))
    docpr = [d for d in document.element.body.iter() if d.tag.endswith("}docPr")][-1]
    docpr.set("descr", "مخطط الحصص المائية")
    draft = tmp_path / "inline.docx"
    document.save(draft)
    out = tmp_path / "inline-built.docx"
    build(str(draft), str(out), force=True)
    built = python_docx.Document(out)
    alts = [d.get("descr") for d in built.element.body.iter() if d.tag.endswith("}docPr")]
    assert alts == ["مخطط الحصص المائية"]
    assert " ".join(paragraph.text.split()) in _texts(out)


def test_a_missing_picture_inside_a_paragraph_is_named(tmp_path):
    draft = _draft(tmp_path, "نص قبل الصورة ![صورة مفقودة](missing.png) ونص بعدها.")
    with pytest.raises(WouldLeaveOut) as refused:
        build(str(draft), str(tmp_path / "missing.docx"))
    assert "صورة مفقودة" in refused.value.left_out[0].line(str(draft), "en")


def test_a_list_in_a_note_keeps_its_markers(tmp_path):
    text = SOURCE.read_text("utf-8").replace(
        BEFORE_SECTION,
        "نص تحيل إليه حاشية فيها قائمة[^list].\n\n"
        "[^list]: الشروط ثلاثة:\n\n    1. الشرط الأول.\n    2. الشرط الثاني.\n    - بند آخر.\n\n"
        + BEFORE_SECTION,
        1,
    )
    draft = tmp_path / "note-list.md"
    draft.write_text(text, "utf-8")
    out = tmp_path / "note-list.docx"
    build(str(draft), str(out))
    footnotes = " ".join(_texts(out, "word/footnotes.xml"))
    for item in ("1. الشرط الأول.", "2. الشرط الثاني.", "• بند آخر."):
        assert item in footnotes or item.replace("1.", "١.").replace("2.", "٢.") in footnotes


def test_an_undefined_marker_keeps_its_label(tmp_path):
    draft = _draft(tmp_path, "جملة فيها علامة لا حاشية لها[^missing] ثم تكمل.")
    result = run_cli("build", str(draft), "-o", str(tmp_path / "x.docx"))
    assert result.returncode == 1 and "BL-FN001" in result.stderr.decode()  # an error first
    out = tmp_path / "undefined.docx"
    build(str(draft), str(out), force=True)
    assert "جملة فيها علامة لا حاشية لها[^missing] ثم تكمل." in _texts(out)
