"""Every form a draft arrives in reads the same: headings by meaning (``##``, Word styles, bold
lines, short pasted lines), pasted covers, pasted notes, and ``.txt`` drafts."""

from __future__ import annotations

import re
import subprocess
import zipfile

import docx as python_docx
import pytest

from brieflint.analysis import analysis_of
from brieflint.build import build
from brieflint.citations import reference_entries
from brieflint.engine import Config, check_document, check_file, expand_paths
from brieflint.fixer import fix_path
from brieflint.readers import read_markdown_bytes
from brieflint.schema import load_schema

from .conftest import COVER_FIELDS, EXAMPLE_SECTION_IDS, EXAMPLES, require_tool
from .docx_builder import para, run, write_docx
from .test_structure_rules import ALL, STRUCTURE, brief, codes

SCHEMA = load_schema("situation-assessment")


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("الجانب الأمني وحدوده", "limits"),
        ("الجانب الأمني وحدوده:", "limits"),
        ("رابعاً: أهم ما نص عليه الاتفاق", "content"),
        ("أهم ما تضمنه الاتفاق", "content"),
        ("أولاً: مقدمة", "introduction"),
        ("ثانياً - خلفيات وحقائق", "background"),
        ("1. خلفيات وحقائق", "background"),
        ("(3) مضمون الاتفاق", "content"),
        ("٤- دوافع الجزائر", "motives"),
        ("خامساً: الانعكاسات الإقليمية:", "implications"),
    ],
)
def test_heading_named_by_any_word_with_ordinal_prefix(heading, section):
    spec = SCHEMA.match_heading(heading)
    assert spec is not None and spec.id == section


@pytest.mark.parametrize("form", ["## {}", "**{}**", "**{}:**", "{}:"])
def test_limits_named_by_a_later_word_in_every_form(form):
    sections = [h if h != "## حدود التقارب" else form.format("الجانب الأمني وحدوده") for h in ALL]
    assert codes(brief(sections)) == [
        ("BL-ST006", form.format("الجانب الأمني وحدوده").strip("*"))
    ] * (form != "## {}")


def test_ordinal_bold_content_heading():
    sections = [h if h != "## مضمون الاتفاق" else "**رابعاً: أهم ما نص عليه الاتفاق**" for h in ALL]
    assert [r for r, _ in codes(brief(sections))] == ["BL-ST006"]


@pytest.mark.parametrize(
    "line",
    [
        "**وتبقى حدود التقارب بين البلدين مرهونة بعوامل كثيرة.**",
        "**ولهذه الدوافع جذور قديمة، كما سبق.**",
        # a sentence leading into a list, not a section
        "أسباب ذلك كثيرة ومتشعبة:\n\n- أولها اقتصادي.\n- وثانيها أمني.",
    ],
)
def test_body_sentence_is_not_a_heading(line):
    text = brief(ALL).replace(ALL[3] + "\n\n", ALL[3] + "\n\n" + line + "\n\n", 1)
    assert codes(text) == []


def _bold_headings(text: str) -> str:
    """The example with its sections as bold lines, limits named by a later word."""
    text = text.replace("## حدود التقارب", "## الجانب الأمني وحدوده")
    return re.sub(r"^## (.+)$", r"**\1:**", text, flags=re.M)


def _section_ids(result) -> list[str]:
    return [s["id"] for s in result.sections]


@pytest.fixture(scope="module")
def bold_example(tmp_path_factory):
    path = tmp_path_factory.mktemp("bold") / "bold.md"
    source = (EXAMPLES / "situation-assessment.md").read_text("utf-8")
    path.write_text(_bold_headings(source), "utf-8")
    return path


def test_bold_line_headings_in_markdown_find_every_section(bold_example):
    result = check_file(str(bold_example), STRUCTURE)
    assert _section_ids(result) == EXAMPLE_SECTION_IDS
    assert {p.rule for p in result.problems} == {"BL-ST006"}


def test_bold_line_headings_in_pandoc_and_libreoffice_docx(
    bold_example, tmp_path, libreoffice_docx
):
    pandoc = require_tool("pandoc")
    out = tmp_path / "bold.docx"
    subprocess.run([pandoc, str(bold_example), "-o", str(out)], check=True, timeout=120)
    for path in (out, libreoffice_docx(out)):
        result = check_file(str(path), STRUCTURE)
        assert _section_ids(result) == EXAMPLE_SECTION_IDS, path
        assert "BL-ST001" not in {p.rule for p in result.problems}


def test_pandoc_subtitle_and_date_are_cover_not_sections(tmp_path):
    pandoc = require_tool("pandoc")
    source = (EXAMPLES / "situation-assessment.md").read_text("utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text(source.replace("«من التنسيق الفني إلى الشراكة المائية»", "«الدوافع والمآلات»"))
    out = tmp_path / "draft.docx"
    subprocess.run([pandoc, str(draft), "-o", str(out)], check=True, timeout=120)
    result = check_file(str(out), STRUCTURE)
    assert _section_ids(result) == EXAMPLE_SECTION_IDS
    assert result.metadata["subtitle"] == "«الدوافع والمآلات»"
    assert result.metadata["date"] == "أبريل/نيسان 2026"
    assert not {"BL-ST002", "BL-ST006"} & {p.rule for p in result.problems}


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
PASTED_COVER = """اتفاق توزر بين الجزائر وتونس لإدارة المياه الجوفية المشتركة، دوافعه وحدوده ومآلاته
«من التنسيق الفني إلى الشراكة المائية»
... تقدير موقف ...
إعداد
د. سلمى بن عاشور
باحثة أولى في قضايا المياه والأمن الإقليمي
مركز المغارب للدراسات الاستراتيجية
MAGHREB CENTER FOR STRATEGIC STUDIES
s.benachour@example.org
أبريل/نيسان
2026
"""
PASTED_META = {
    "title": "اتفاق توزر بين الجزائر وتونس لإدارة المياه الجوفية المشتركة، دوافعه وحدوده ومآلاته",
    "subtitle": "«من التنسيق الفني إلى الشراكة المائية»",
    "type": "تقدير موقف",
    "author": "د. سلمى بن عاشور",
    "affiliation": "باحثة أولى في قضايا المياه والأمن الإقليمي",
    "institution": "مركز المغارب للدراسات الاستراتيجية",
    "institution_en": "MAGHREB CENTER FOR STRATEGIC STUDIES",
    "email": "s.benachour@example.org",
    "date": "أبريل/نيسان 2026",
}


def pasted_text(source: str) -> str:
    """The example as text copied from the publisher's web page: the cover as lines, headings
    as lines of their own, superscript markers, notes typed after the references with their
    URL on the next line."""
    body = source.split("---\n", 2)[2]
    body, notes = body.split("\n[^1]:", 1)
    notes = "[^1]:" + notes
    body = re.sub(r"^#+ ", "", body, flags=re.M)
    body = re.sub(r"\[\^(\d+)\]", lambda m: m.group(1).translate(SUPERSCRIPT), body)
    lines = []
    for match in re.finditer(r"^\[\^(\d+)\]: (.*)$", notes, flags=re.M):
        text = match.group(2).replace("متاح على الرابط التالي: ", "متاح على الرابط التالي:\n")
        text = text.replace("available at: ", "available at:\n")
        lines.append(f"{match.group(1).translate(SUPERSCRIPT)} {text}")
    return PASTED_COVER + "\n" + body.strip() + "\n\n" + "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def pasted(tmp_path_factory):
    path = tmp_path_factory.mktemp("pasted") / "pasted.txt"
    path.write_text(pasted_text((EXAMPLES / "situation-assessment.md").read_text("utf-8")))
    return path


def test_txt_draft_is_read_as_pasted_text(pasted):
    result = check_file(str(pasted), STRUCTURE)
    assert result.error is None
    assert result.metadata == PASTED_META
    assert _section_ids(result) == EXAMPLE_SECTION_IDS
    doc = result.document
    assert all(b.text.strip() not in PASTED_COVER for b in doc.blocks)
    assert [b.text for b in doc.cover_blocks][:2] == [PASTED_META["title"], PASTED_META["subtitle"]]


def test_pasted_cover_in_markdown_without_front_matter():
    text = PASTED_COVER + "\n## مقدمة\n\nنص المقدمة.\n"
    doc = read_markdown_bytes("draft.md", text.encode("utf-8"))
    assert {k: v.value for k, v in doc.metadata.items()} == PASTED_META
    assert [b.text for b in doc.blocks] == ["مقدمة", "نص المقدمة."]
    assert doc.metadata["email"].location.line == 9


def test_markdown_opening_with_prose_keeps_it():
    text = "في 24 مارس وقع الطرفان اتفاقاً.\nوجاء بعد مشاورات طويلة.\n\n## مقدمة\n\nنص.\n"
    doc = read_markdown_bytes("draft.md", text.encode("utf-8"))
    assert doc.cover_blocks == [] and doc.metadata == {}
    assert doc.blocks[0].text.startswith("في 24 مارس")


def test_txt_accepted_by_folder_walk(tmp_path):
    (tmp_path / "a.txt").write_text("مقدمة\nنص.\n", "utf-8")
    assert [p for p, _ in expand_paths([str(tmp_path)])] == [str(tmp_path / "a.txt")]


def test_pasted_note_keeps_its_url_line(pasted):
    result = check_file(str(pasted), Config())
    doc = result.document
    note = analysis_of(doc).notes.note_for("manual:1")
    assert note.text.endswith(
        "متاح على الرابط التالي:\nhttps://example.org/news/2026/03/24/tozeur-aquifer-agreement"
    )
    body = [
        b.text
        for i, b in enumerate(doc.blocks)
        if i not in analysis_of(doc).notes.manual_note_blocks
    ]
    assert not any(t.startswith("https://") for t in body)
    # the notes after the list are notes, not entries; every note finds its entry
    assert len(reference_entries(doc)) == 13
    assert not {"BL-RF008", "BL-RF009", "BL-RF010", "BL-RF002", "BL-RF001"} & {
        p.rule for p in result.problems
    }


def test_pasted_note_with_url_line_mid_body():
    text = (
        "## مقدمة\n\nوقع الطرفان اتفاقاً⁴ في توزر.\n\n"
        "⁴ سمير العياري، «الاتفاق»، وكالة الأنباء، 2026، متاح على الرابط التالي:\n\n"
        "https://example.org/a\n\nوتكمن أهمية الاتفاق في أنه جديد.\n"
    )
    doc = read_markdown_bytes("draft.md", text.encode("utf-8"))
    notes = analysis_of(doc).notes
    assert notes.note_for("manual:4").text.endswith("\nhttps://example.org/a")
    assert notes.manual_note_blocks == {2, 3}


@pytest.mark.parametrize(("first", "second"), [("¹", "²"), ("1-", "2-"), ("^1", "^2")])
def test_pasted_notes_on_consecutive_lines_of_a_markdown_paragraph(first, second):
    """Notes pasted into a .md file one per line, each with its URL on the next line: Markdown
    joins them into one paragraph; each line that opens with a marker is a note of its own."""
    sup = {"¹": ("¹", "²"), "1-": ("(1)", "(2)"), "^1": ("^1", "^2")}[first]
    text = (
        f"## مقدمة\n\nوقع الطرفان اتفاقاً{sup[0]} في توزر ثم اجتمعا{sup[1]} في تونس.\n\n"
        f"{first} سمير العياري، «الاتفاق»، وكالة الأنباء، 2026، متاح على الرابط التالي:\n"
        "https://example.org/a\n"
        f"{second} نادية القروي، «الاجتماع»، مرصد الصحراء، 2025\n"
        "https://example.org/b\n"
    )
    doc = read_markdown_bytes("draft.md", text.encode("utf-8"))
    notes = analysis_of(doc).notes
    assert [m.number for m in notes.markers] == [1, 2]
    one, two = notes.note_for("manual:1"), notes.note_for("manual:2")
    assert one.text.startswith("سمير العياري") and one.text.endswith("\nhttps://example.org/a")
    assert two.text.startswith("نادية القروي") and two.text.endswith("\nhttps://example.org/b")
    # every line keeps its place in the file
    line = doc.blocks[two.block_index]
    assert (line.location.line, line.location.column) == (7, 1)
    assert text[line.source_offsets[0] : line.source_offsets[-1] + 1] == line.text


def test_markdown_paragraph_with_a_numbered_line_stays_whole():
    text = "## مقدمة\n\nنصت الاتفاقية على بنود منها\n3- تقاسم المياه بين البلدين.\n"
    doc = read_markdown_bytes("draft.md", text.encode("utf-8"))
    assert len(doc.blocks) == 2 and "\n" in doc.blocks[1].text


def test_build_from_pasted_text(pasted, tmp_path):
    out = tmp_path / "built.docx"
    build(str(pasted), str(out))
    built = python_docx.Document(str(out))
    texts = [p.text for p in built.paragraphs]
    body = texts[texts.index("مدخل") :]
    assert texts.index(PASTED_META["title"]) < texts.index("مدخل")
    for value in PASTED_META.values():
        assert value in texts, value
        assert value not in body
    with zipfile.ZipFile(out) as archive:
        notes = archive.read("word/footnotes.xml").decode()
    assert notes.count("<w:footnote ") == 16  # two separators and 14 notes
    assert (
        "<w:hyperlink" in notes
        and ">https://example.org/news/2026/03/24/tozeur-aquifer-agreement</w:t>" in notes
    )
    assert not any(t.startswith("https://") for t in body)
    assert built.sections[-1].header.paragraphs[0].text == PASTED_META["institution"]


def test_markdown_without_front_matter_gets_one_finding_with_a_snippet():
    doc = read_markdown_bytes("draft.md", "## مقدمة\n\nنص المقدمة.\n".encode())
    found = [p for p in check_document(doc, STRUCTURE).problems if p.rule == "BL-MD001"]
    assert len(found) == 1
    message = found[0].message.en
    assert "add YAML front matter" in message
    assert "\n---\ntitle: …" in message and "email: …" in message and "subtitle" not in message


COVER_TYPOS = {
    "title": "اتفاق توزر وحدود الإنسحاب من الآبار",  # hamzat al-wasl written as qat'
    "subtitle": "«اكثر من تنسيق فني»",  # missing hamza
}


def _with_cover_typos(source: str) -> str:
    lines = source.split("\n")
    for key, value in COVER_TYPOS.items():
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        lines[at] = f"{key}: {value}"
    return "\n".join(lines)


SPELLING = Config(select=("BL-AR",))


def test_front_matter_cover_is_spell_checked_and_fixed(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(_with_cover_typos((EXAMPLES / "situation-assessment.md").read_text("utf-8")))
    found = {p.text: p.location.line for p in check_file(str(path), SPELLING).problems}
    assert found.get("الإنسحاب") == 2 and found.get("اكثر") == 3
    assert "s.benachour@example.org" not in found and "Maghreb" not in found
    report = fix_path(str(path), SPELLING)
    assert report.changed
    fixed = path.read_text("utf-8")
    assert "title: اتفاق توزر وحدود الانسحاب من الآبار\n" in fixed
    assert "subtitle: «أكثر من تنسيق فني»\n" in fixed
    assert check_file(str(path), SPELLING).metadata["title"].endswith("الانسحاب من الآبار")


def test_pasted_and_word_covers_are_spell_checked(pasted, tmp_path):
    text = pasted.read_text("utf-8").replace("دوافعه وحدوده", "دوافعه وحدود الإنسحاب", 1)
    draft = tmp_path / "pasted.txt"
    draft.write_text(text, "utf-8")
    found = [p for p in check_file(str(draft), SPELLING).problems if p.text == "الإنسحاب"]
    assert len(found) == 1 and found[0].location.line == 1
    pandoc = require_tool("pandoc")
    md = tmp_path / "draft.md"
    md.write_text(_with_cover_typos((EXAMPLES / "situation-assessment.md").read_text("utf-8")))
    out = tmp_path / "draft.docx"
    subprocess.run([pandoc, str(md), "-o", str(out)], check=True, timeout=120)
    found = {p.text for p in check_file(str(out), SPELLING).problems}
    assert {"الإنسحاب", "اكثر"} <= found
    fix_path(str(out), SPELLING, output=str(tmp_path / "fixed.docx"))
    meta = check_file(str(tmp_path / "fixed.docx"), SPELLING).metadata
    assert meta["title"].endswith("الانسحاب من الآبار")
    assert meta["subtitle"] == "«أكثر من تنسيق فني»"


ORDINALS = ["أولاً", "ثانياً", "ثالثاً", "رابعاً", "خامساً", "سادساً", "سابعاً", "ثامناً", "تاسعاً", "عاشراً"]


def _ordinal_headings(text: str, *, bold: bool = True) -> str:
    """The second example with «أولاً: …» headings, its content section named by a phrase."""
    text = text.replace("## أبرز البنود", "## أهم ما نص عليه الاتفاق")
    count = iter(ORDINALS)
    wrap = "**{}: {}**" if bold else "{}: {}"
    return re.sub(r"^## (.+)$", lambda m: wrap.format(next(count), m.group(1)), text, flags=re.M)


def test_second_brief_with_ordinal_headings_in_every_form(tmp_path, libreoffice_docx):
    source = (EXAMPLES / "situation-assessment-2.md").read_text("utf-8")
    md = tmp_path / "ordinal.md"
    md.write_text(_ordinal_headings(source), "utf-8")
    pandoc = require_tool("pandoc")
    docx_path = tmp_path / "ordinal.docx"
    subprocess.run([pandoc, str(md), "-o", str(docx_path)], check=True, timeout=120)
    txt = tmp_path / "ordinal.txt"
    front, body = source.split("---\n", 2)[1:]
    cover = "\n".join(line.split(": ", 1)[1] for line in front.strip().split("\n"))
    txt.write_text(cover + "\n\n" + _ordinal_headings(body, bold=False), "utf-8")
    for path in (md, docx_path, libreoffice_docx(docx_path), txt):
        result = check_file(str(path), STRUCTURE)
        assert _section_ids(result) == EXAMPLE_SECTION_IDS, path  # the same plan as the first brief
        assert not {"BL-ST001", "BL-ST002"} & {p.rule for p in result.problems}, path
        if path.suffix == ".txt":  # a pasted cover without «إعداد»: «د. …» opens the author
            assert set(result.metadata) == set(COVER_FIELDS)
            assert result.metadata["author"] == "د. مازن العبيدي"


def _built(path, out) -> dict:
    build(str(path), str(out), force=True)
    document = python_docx.Document(str(out))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    first = next(i for i, (style, _) in enumerate(paragraphs) if style.startswith("Heading"))
    with zipfile.ZipFile(out) as archive:
        notes = archive.read("word/footnotes.xml").decode()
    return {
        "cover": [t for style, t in paragraphs[:first] if t.strip()],
        "body": [t for _, t in paragraphs[first:]],
        "headings": [t for style, t in paragraphs if style.startswith("Heading 1")],
        # pandoc makes "straight" quotes “curly”: not the reader's doing
        "references": [
            re.sub("[“”]", '"', t).replace("’", "'")
            for style, t in paragraphs
            if style == "Reference"
        ],
        "notes": notes.count("<w:footnote ") - 2,
        "links": notes.count("<w:hyperlink "),
    }


def test_build_gives_the_same_document_from_every_form(pasted, bold_example, pandoc_docx, tmp_path):
    md = EXAMPLES / "situation-assessment.md"
    forms = {"md": md, "bold": bold_example, "txt": pasted, "docx": pandoc_docx(md)}
    built = {name: _built(path, tmp_path / f"{name}.docx") for name, path in forms.items()}
    reference = built["md"]
    for name, got in built.items():
        assert got["notes"] == reference["notes"] == 14, name
        assert got["links"] == reference["links"], name
        assert got["references"] == reference["references"], name
        assert len(got["headings"]) == len(reference["headings"]), name
        assert reference["cover"][0] in got["cover"], name  # the institution
        assert PASTED_META["title"] in got["cover"], name
        assert "«من التنسيق الفني إلى الشراكة المائية»" in got["cover"], name
        assert not set(got["cover"]) & set(got["body"]), name
    # the same cover lines (the pasted cover words its affiliation and English name its way)
    assert len(built["txt"]["cover"]) == len(reference["cover"])


REFS_BODY = (
    "## مقدمة\n\nوقع الطرفان اتفاقاً[^1] ثم أعلنا عنه[^2].\n\n"
    "[^1]: سمير العياري، «الجزائر وتونس توقعان اتفاقاً»، وكالة الأنباء، 2026.\n"
    "[^2]: نادية القروي، «منظومة المياه الجوفية»، مرصد الصحراء، 2026.\n\n"
    "المراجع\n\n{entries}\n"
)


@pytest.mark.parametrize(
    "entries",
    [
        "1. سمير العياري، «الجزائر وتونس توقعان اتفاقاً»، وكالة الأنباء، 2026.\n"
        "2. نادية القروي، «منظومة المياه الجوفية»، مرصد الصحراء، 2026.",
        # numbered inconsistently: typed «1-», then no number
        "1- سمير العياري، «الجزائر وتونس توقعان اتفاقاً»، وكالة الأنباء، 2026.\n\n"
        "نادية القروي، «منظومة المياه الجوفية»، مرصد الصحراء، 2026.",
    ],
)
def test_reference_list_without_a_heading_style(entries):
    text = REFS_BODY.format(entries=entries)
    doc = read_markdown_bytes("draft.md", text.encode("utf-8"))
    result = check_document(doc, Config(select=("references",)))
    assert [s["id"] for s in result.sections] == ["introduction", "references"]
    assert len(reference_entries(doc)) == 2
    assert not {"BL-RF007", "BL-RF009"} & {p.rule for p in result.problems}


def test_a_section_word_alone_before_prose_is_not_a_heading():
    text = "## مقدمة\n\nنص.\n\nالمراجع\n\nكثيرة هي المراجع التي تناولت الموضوع.\n"
    doc = read_markdown_bytes("draft.md", text.encode("utf-8"))
    assert [s["id"] for s in check_document(doc, STRUCTURE).sections] == ["introduction"]


def test_a_section_line_between_pasted_notes_is_not_note_text():
    text = (
        "## مقدمة\n\nوقع الطرفان اتفاقاً⁴ في توزر⁵.\n\n⁴ سمير العياري، «الاتفاق»، 2026.\n\n"
        "**خلفيات وحقائق:**\n\n⁵ نادية القروي، «المنظومة»، 2026.\n\nتمتد المنظومة على مساحة واسعة.\n"
    )
    doc = read_markdown_bytes("draft.md", text.encode("utf-8"))
    result = check_document(doc, STRUCTURE)
    assert [s["id"] for s in result.sections] == ["introduction", "background"]
    assert analysis_of(doc).notes.note_for("manual:4").text == "سمير العياري، «الاتفاق»، 2026."


def test_fix_a_txt_draft(tmp_path):
    path = tmp_path / "pasted.txt"
    path.write_text("مقدمة\nقرر الطرفان الإنسحاب من المفاوضات.\n", "utf-8")
    report = fix_path(str(path), SPELLING)
    assert report.changed
    assert path.read_text("utf-8") == "مقدمة\nقرر الطرفان الانسحاب من المفاوضات.\n"


def test_text_pasted_into_word_reads_like_pasted_text(pasted, tmp_path):
    """The pasted text put into Word paragraph by paragraph: no styles, no bold."""
    lines = [line for line in pasted.read_text("utf-8").split("\n") if line.strip()]
    path = write_docx(tmp_path / "pasted.docx", [para(run(line)) for line in lines])
    result = check_file(str(path), STRUCTURE)
    assert result.metadata == PASTED_META
    assert _section_ids(result) == EXAMPLE_SECTION_IDS
    doc = result.document
    assert doc.blocks[0].text == "مدخل"
    note = analysis_of(doc).notes.note_for("manual:1")
    assert note.text.endswith("\nhttps://example.org/news/2026/03/24/tozeur-aquifer-agreement")


LONG_SCENARIO = "السيناريو الثاني: انضمام ليبيا وتحول الاتفاق إلى إطار ثلاثي"


def test_scenario_lines_of_pasted_text_are_built_as_sub_headings(tmp_path):
    """«السيناريو الأول: …» on a line of its own under «السيناريوهات»: no section of its own,
    and the built document shows it as a sub-heading, as it shows a Markdown «###» heading."""
    headings = [h.replace("## ", "") for h in ALL]
    scenarios = headings.index("السيناريوهات المحتملة")
    lines = []
    for i, heading in enumerate(headings):
        lines += [heading, "نص الفقرة الأولى في هذا القسم يشرح الموقف بإيجاز ووضوح."]
        if i == scenarios:
            lines += ["السيناريو الأول: الاستمرار", "وهو السيناريو الأرجح في المدى القريب."]
            lines += [LONG_SCENARIO, "وهو سيناريو ممكن إذا استقرت الأوضاع."]
    source = brief([]).rstrip() + "\n\n" + "\n\n".join(lines) + "\n"
    path = tmp_path / "draft.md"
    path.write_text(source, "utf-8")
    result = check_file(str(path), STRUCTURE)
    outline = result.document.outline
    assert [s.id for s in outline.find("scenarios")] == ["scenarios"]
    found = [i for i, b in enumerate(result.document.blocks) if b.text.startswith("السيناريو ال")]
    assert len(found) == 2 and outline.subheadings == set(found)
    out = tmp_path / "built.docx"
    build(str(path), str(out), force=True)
    built = python_docx.Document(str(out))
    styles = {p.text: p.style.name for p in built.paragraphs}
    assert styles["السيناريو الأول: الاستمرار"].startswith("Heading")
    assert styles[LONG_SCENARIO].startswith("Heading")


def test_numbered_section_lines_of_pasted_text_are_headings():
    """Pasted «1. مقدمة» … «10. المراجع» read as lists of one item (the last one as the first
    item of the reference list, which restarts at 1): each is a section heading."""
    text = (
        "1. مقدمة\n\nنص المقدمة يشرح الحدث بإيجاز ووضوح كافيين.\n\n"
        "2. الخاتمة\n\nنص الخاتمة يلخص ما سبق.\n\n"
        "3. المراجع\n\n1. سمير العياري، «الاتفاق»، وكالة الأنباء، 2026.\n"
        "2. نادية القروي، «الاجتماع»، مرصد الصحراء، 2025.\n"
    )
    doc = check_document(read_markdown_bytes("draft.md", text.encode("utf-8")), Config()).document
    assert [s.id for s in doc.outline.sections] == ["introduction", "conclusion", "references"]
    assert len(reference_entries(doc)) == 2


def test_numbered_list_item_naming_a_section_inside_a_list_is_not_a_heading():
    text = "## مقدمة\n\nنص المقدمة.\n\n1. الدوافع الاقتصادية\n2. الخاتمة\n"
    doc = check_document(read_markdown_bytes("draft.md", text.encode("utf-8")), Config()).document
    assert [s.id for s in doc.outline.sections] == ["introduction"]


def test_numbered_notes_pasted_after_the_reference_list():
    """«1- …» notes after a numbered reference list: the numbering starts again at 1, so they
    are notes, with their URL lines; markers «(n)» glued to a word or a year find them."""
    text = (
        "## مقدمة\n\nوقع الطرفان اتفاقاً(1) في توزر عام 2019(2).\n\n"
        "## المراجع\n\n1. سمير العياري، «الاتفاق»، وكالة الأنباء، 2026.\n"
        "2. نادية القروي، «الاجتماع»، مرصد الصحراء، 2025.\n\n"
        "1- سمير العياري، «الاتفاق»، وكالة الأنباء، 2026، متاح على الرابط التالي:\n"
        "https://example.org/a\n"
        "2- نادية القروي، «الاجتماع»، مرصد الصحراء، 2025\n"
        "https://example.org/b\n"
    )
    doc = check_document(read_markdown_bytes("draft.md", text.encode("utf-8")), Config()).document
    notes = doc.analysis.notes
    assert [m.number for m in notes.markers] == [1, 2]
    assert notes.note_for("manual:2").text.endswith("\nhttps://example.org/b")
    assert len(reference_entries(doc)) == 2


def test_numbered_reference_entries_alone_are_not_notes():
    text = (
        "## مقدمة\n\nنصت المادة(1) على ذلك.\n\n"
        "## المراجع\n\n1- سمير العياري، «الاتفاق»، وكالة الأنباء، 2026.\n\n"
        "2- نادية القروي، «الاجتماع»، مرصد الصحراء، 2025.\n"
    )
    doc = check_document(read_markdown_bytes("draft.md", text.encode("utf-8")), Config()).document
    assert not doc.analysis.notes.notes and len(reference_entries(doc)) == 2


@pytest.mark.parametrize("name", ["draft.md", "draft.txt"])
def test_pasted_heading_right_under_a_list_is_a_line_of_its_own(name):
    """Pasted text: «حسابات العراق» on the line right after the last «- …» item is not the
    item's lazy continuation but a heading of its own."""
    text = (
        "مقدمة\n\nنص المقدمة يشرح الحدث.\n\n- البند الأول من الاتفاق\n- البند الثاني من الاتفاق\n"
        "حسابات العراق\n\nينطلق العراق من حاجة ملحة إلى تنويع منافذ التصدير.\n"
    )
    doc = check_document(read_markdown_bytes(name, text.encode("utf-8")), Config()).document
    assert [s.id for s in doc.outline.sections] == ["introduction", "motives"]
    item = next(b for b in doc.blocks if b.text.startswith("البند الثاني"))
    assert item.text == "البند الثاني من الاتفاق" and item.kind == "list-item"
    heading = doc.outline.sections[1].heading
    assert (heading.location.line, heading.location.column) == (7, 1)


def test_lazy_list_continuation_stays_in_a_markdown_draft_with_headings():
    text = "## مقدمة\n\n- البند الأول من الاتفاق\nيستمر هنا\n"
    doc = read_markdown_bytes("draft.md", text.encode("utf-8"))
    assert doc.blocks[1].text == "البند الأول من الاتفاق\nيستمر هنا"


def test_labelled_ordinal_lines_of_pasted_text_are_sub_headings():
    """«المسار الأول: …» names no section, but a short label-and-ordinal line inside a section of
    a pasted draft is a sub-heading; a sentence that opens the same way is not."""
    text = (
        "مقدمة\n\nنص المقدمة يشرح الحدث.\n\nالمآلات\n\n"
        "المسار الأول: تنفيذ بطيء للمرحلة الأولى\n\nوهو المسار الأرجح.\n\n"
        "الخيار الثاني: يبدو مستبعداً، لأن التمويل غير متاح.\n"
    )
    doc = check_document(read_markdown_bytes("draft.txt", text.encode("utf-8")), Config()).document
    lines = {doc.blocks[i].text for i in doc.outline.subheadings}
    assert lines == {"المسار الأول: تنفيذ بطيء للمرحلة الأولى"}
