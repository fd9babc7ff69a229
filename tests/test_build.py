"""`brieflint build` and `brieflint new`: the Word output verified by python-docx, by brieflint's
own reader, by pandoc, and by LibreOffice's PDF export."""

from __future__ import annotations

import re
import subprocess
import zipfile

import docx as python_docx
import pytest
from lxml import etree

from brieflint.engine import Config, check_file
from brieflint.model import TableCell

from .conftest import COVER_FIELDS, EXAMPLES, require_tool, run_cli
from .test_structure_rules import COVER

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOURCE = EXAMPLES / "situation-assessment.md"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "brief.docx"
    result = run_cli("build", str(SOURCE), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    return out


def _xml(path, part):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(part))


def test_python_docx_opens_it(built):
    document = python_docx.Document(built)
    assert len(document.sections) == 2
    assert document.core_properties.title.startswith("اتفاق توزر")


def test_reads_back_with_the_same_sections_text_and_footnotes(built):
    original = check_file(str(SOURCE), Config())
    again = check_file(str(built), Config())
    assert again.error is None
    assert [(s["id"], s["heading"]) for s in again.sections] == [
        (s["id"], s["heading"]) for s in original.sections
    ]
    for key in COVER_FIELDS:
        assert again.metadata[key] == original.metadata[key], key
    assert [n.text for n in again.document.footnotes] == [
        n.text for n in original.document.footnotes
    ]

    def body(result):
        return [b.text for b in result.document.blocks if b.kind in {"paragraph", "list-item"}]

    assert body(again)[:5] == body(original)[:5]
    assert not [p for p in again.problems if p.severity.value == "error"]


def test_every_footnote_reference_resolves(built):
    body = _xml(built, "word/document.xml")
    notes = _xml(built, "word/footnotes.xml")
    refs = [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")]
    ids = [n.get(f"{W}id") for n in notes.iter(f"{W}footnote")]
    assert ids[:2] == ["-1", "0"]
    assert len(refs) == len(set(refs)) and set(refs) == set(ids[2:])
    assert refs == [str(i) for i in range(1, len(refs) + 1)]  # numbered in reading order
    separators = list(notes.iter(f"{W}footnote"))[:2]
    assert all(
        s.find(f".//{W}footnoteRef") is None and s.find(f".//{W}rStyle") is None for s in separators
    )
    settings = _xml(built, "word/settings.xml")
    assert [f.get(f"{W}id") for f in settings.find(f"{W}footnotePr")] == ["-1", "0"]


def test_right_to_left_and_complex_script_fonts(built):
    body = _xml(built, "word/document.xml")
    paragraphs = [p for p in body.iter(f"{W}p") if "".join(p.itertext()).strip()]
    for p in paragraphs:
        text = "".join(p.itertext())
        bidi = p.find(f"{W}pPr/{W}bidi")
        assert bidi is not None, text
        if re.search("[\u0600-\u06ff]", text) and len(re.findall("[A-Za-z]", text)) < len(
            re.findall("[\u0600-\u06ff]", text)
        ):
            assert bidi.get(f"{W}val") != "0"
            assert p.find(f".//{W}r/{W}rPr/{W}rtl") is not None, text
    for section in body.iter(f"{W}sectPr"):
        assert section.find(f"{W}bidi") is not None
    styles = _xml(built, "word/styles.xml")
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert fonts.get(f"{W}cs") == "Amiri" and fonts.get(f"{W}cstheme") is None
    for style in styles.iter(f"{W}style"):
        name = style.find(f"{W}name").get(f"{W}val")
        if name in {"Normal", "heading 1", "heading 2", "Title", "footnote text"}:
            rpr = style.find(f"{W}rPr")
            assert (
                rpr.find(f"{W}rFonts").get(f"{W}cs") == "Amiri" and rpr.find(f"{W}szCs") is not None
            ), name


def test_cover_has_no_page_number_and_the_body_does(built):
    body = _xml(built, "word/document.xml")
    sections = list(body.iter(f"{W}sectPr"))
    assert sections[0].find(f"{W}footerReference") is None
    assert sections[-1].find(f"{W}footerReference") is not None
    assert sections[-1].find(f"{W}pgNumType").get(f"{W}start") == "1"
    with zipfile.ZipFile(built) as archive:
        footers = [
            archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")
        ]
        headers = [
            archive.read(n).decode() for n in archive.namelist() if n.startswith("word/header")
        ]
    assert any(" PAGE " in f for f in footers)
    assert any("مركز المغارب" in h for h in headers)


def test_pandoc_sees_the_same_footnotes(built):
    require_tool("pandoc")
    text = subprocess.run(
        ["pandoc", str(built), "-t", "markdown"], capture_output=True, text=True, check=True
    ).stdout
    original = check_file(str(SOURCE), Config()).document.footnotes
    assert len(re.findall(r"\[\^\d+\]:", text)) == len(original)
    assert "متاح على الرابط التالي" in text


def test_messy_word_draft_becomes_clean(tmp_path, pandoc_docx):
    messy = pandoc_docx(SOURCE, pseudo=True)  # bold «مقدمة:» lines instead of headings
    assert any(p.rule == "BL-ST006" for p in check_file(str(messy), Config()).problems)
    out = tmp_path / "clean.docx"
    assert run_cli("build", str(messy), "-o", str(out)).returncode == 0
    rebuilt = check_file(str(out), Config())
    assert not any(p.rule == "BL-ST006" for p in rebuilt.problems)
    assert [s["id"] for s in rebuilt.sections] == [
        s["id"] for s in check_file(str(SOURCE), Config()).sections
    ]


def test_pasted_footnotes_become_real_ones(tmp_path):
    draft = tmp_path / "pasted.md"
    draft.write_text(
        COVER.format(type="تقدير موقف")
        + "\n## مقدمة\n\nنص الاتفاق¹ وتفاصيله² ثم نتائجه[^3].\n\n"
        + "¹ سلمى بن عاشور، «المياه الجوفية»، 2026.\n\n² هالة المنصوري، «الممر الاقتصادي»، 2025.\n\n"
        + "## خاتمة\n\nنص الخاتمة.\n\n[^3]: ليلى القاسمي، «الحدود»، 2024.\n",
        "utf-8",
    )
    out = tmp_path / "pasted.docx"
    result = run_cli("build", str(draft), "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr.decode()
    rebuilt = check_file(str(out), Config())
    assert [n.text for n in rebuilt.document.footnotes] == [
        "سلمى بن عاشور، «المياه الجوفية»، 2026.",
        "هالة المنصوري، «الممر الاقتصادي»، 2025.",
        "ليلى القاسمي، «الحدود»، 2024.",
    ]
    assert not any(p.rule == "BL-FN006" for p in rebuilt.problems)
    body = " ".join(b.text for b in rebuilt.document.blocks)
    assert "¹" not in body and "²" not in body and "نص الاتفاق وتفاصيله ثم نتائجه." in body


def test_lint_first_and_force(tmp_path):
    flawed = EXAMPLES / "flawed-structure.md"
    before = flawed.read_bytes()
    out = tmp_path / "flawed.docx"
    refused = run_cli("build", str(flawed), "-o", str(out), "--lang", "en")
    assert refused.returncode == 1 and not out.exists()
    assert "BL-ST001" in refused.stderr.decode() and "use --force" in refused.stderr.decode()
    assert run_cli("build", str(flawed), "-o", str(out), "--force").returncode == 0
    assert out.exists() and flawed.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flawed.docx"]  # no temporary file left
    same = run_cli("build", str(flawed), "-o", str(flawed), "--force")
    assert same.returncode == 2 and flawed.read_bytes() == before


def test_compact_style(tmp_path):
    out = tmp_path / "compact.docx"
    assert (
        run_cli("build", str(SOURCE), "-o", str(out), "--style", "house-style-compact").returncode
        == 0
    )
    body = _xml(out, "word/document.xml")
    size = list(body.iter(f"{W}pgSz"))[-1]
    assert size.get(f"{W}w") == str(round(21.59 / 2.54 * 1440))
    assert list(body.iter(f"{W}pgNumType"))[-1].get(f"{W}fmt") == "hindiNumbers"
    texts = ["".join(p.itertext()) for p in body.iter(f"{W}p")]
    assert any(t.startswith("١- ") for t in texts)
    # one digit system for every reference number, Latin entries included, and for note marks
    labels = [
        re.match(r"^(\S+)- ", "".join(p.itertext())).group(1)
        for p in body.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle[@{W}val='Reference']") is not None
    ]
    assert labels and all(set(label) <= set("٠١٢٣٤٥٦٧٨٩") for label in labels), labels
    settings = _xml(out, "word/settings.xml")
    assert settings.find(f"{W}footnotePr/{W}numFmt").get(f"{W}val") == "hindiNumbers"


def test_document_properties_say_what_and_who(built):
    import datetime as dt

    document = python_docx.Document(str(built))
    core = document.core_properties
    assert core.title.startswith("اتفاق توزر")
    assert core.subject == "من التنسيق الفني إلى الشراكة المائية"
    assert core.author == "د. سلمى بن عاشور"
    assert core.language == "ar" and core.category == "تقدير موقف"
    assert core.last_modified_by.startswith("brieflint ")
    now = dt.datetime.now(dt.timezone.utc)
    assert abs((core.created - now).total_seconds()) < 86400
    assert core.comments == ""  # not «generated by python-docx»
    with zipfile.ZipFile(built) as archive:
        app = archive.read("docProps/app.xml").decode("utf-8")
        assert "<Application>brieflint " in app
        assert not [n for n in archive.namelist() if "thumbnail" in n]


def test_urls_are_hyperlinks_shown_as_written(tmp_path):
    url = "https://example.org/%D8%AA%D9%82%D8%B1%D9%8A%D8%B1/2026?page=2"
    text = SOURCE.read_text("utf-8")
    text = text.replace("[^1]: ", f"[^1]: متاح على الرابط التالي: <{url}> ، ", 1)
    draft = tmp_path / "links.md"
    draft.write_text(text, "utf-8")
    out = tmp_path / "links.docx"
    assert run_cli("build", str(draft), "-o", str(out)).returncode == 0
    notes = _xml(out, "word/footnotes.xml")
    links = list(notes.iter(f"{W}hyperlink"))
    shown = ["".join(link.itertext()) for link in links]
    assert url in shown  # as written, not decoded into Arabic letters
    rels = _xml(out, "word/_rels/footnotes.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    assert targets[links[shown.index(url)].get(rid)] == url
    body = _xml(out, "word/document.xml")
    assert list(body.iter(f"{W}hyperlink")), "reference-list URLs are links too"


def test_invalid_style_is_a_clear_error(tmp_path):
    style = tmp_path / "style.yaml"
    style.write_text("name: x\npage: {size: A5}\n", "utf-8")
    result = run_cli(
        "build", str(SOURCE), "-o", str(tmp_path / "o.docx"), "--style", str(style), "--lang", "en"
    )
    assert result.returncode == 2
    assert str(style) in result.stderr.decode() and "invalid house style" in result.stderr.decode()


def test_pdf_through_libreoffice(tmp_path):
    require_tool("soffice")
    require_tool("pdffonts")
    out = tmp_path / "brief.docx"
    result = run_cli("build", str(SOURCE), "-o", str(out), "--pdf")
    assert result.returncode == 0, result.stderr.decode()
    pdf = tmp_path / "brief.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 5 <= pages <= 20
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded
    assert all("Amiri" in line.split()[0] for line in fonts)  # no fallback font
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    normalised = " ".join(text.split())
    assert "Maghreb Center for Strategic Studies" in normalised
    assert "s.benachour@example.org" in normalised
    assert "example.org/news/2026/03/24" in normalised.replace(" ", "")  # a footnote's URL


def test_new_skeleton(tmp_path):
    out = tmp_path / "draft.md"
    assert run_cli("new", "-o", str(out)).returncode == 0
    result = check_file(str(out), Config(select=("structure", "metadata")))
    assert {p.rule for p in result.problems} <= {"BL-ST007", "BL-ST008"}
    assert "BL-ST008" in {p.rule for p in result.problems}  # the placeholders are named
    refused = run_cli("build", str(out), "-o", str(tmp_path / "skeleton.docx"))
    assert refused.returncode == 1 and not (tmp_path / "skeleton.docx").exists()
    assert len(result.sections) == 9
    again = run_cli("new", "-o", str(out), "--lang", "en")
    assert again.returncode == 2 and "already exists" in again.stderr.decode()
    paper = tmp_path / "paper.md"
    assert run_cli("new", "policy-paper", "-o", str(paper)).returncode == 0
    assert check_file(str(paper), Config()).kind == "policy-paper"
    assert run_cli("new", "poem", "-o", str(tmp_path / "x.md")).returncode == 2


def test_figures_are_carried_over(tmp_path, pandoc_docx):
    from .test_fix import _png

    _png(tmp_path / "chart.png")
    text = SOURCE.read_text("utf-8").replace(
        "## خلفيات وحقائق",
        "![الشكل 1: تطور السحب من الخزان الجوفي](chart.png)\n\n## خلفيات وحقائق",
        1,
    )
    draft = tmp_path / "figure.md"
    draft.write_text(text, "utf-8")
    for source in (draft, pandoc_docx(draft)):
        out = tmp_path / f"{source.stem}-{source.suffix[1:]}.docx"
        assert run_cli("build", str(source), "-o", str(out)).returncode == 0
        with zipfile.ZipFile(out) as archive:
            assert any(n.startswith("word/media/") for n in archive.namelist()), source
        captions = [
            "".join(p.itertext())
            for p in _xml(out, "word/document.xml").iter(f"{W}p")
            if p.find(f"{W}pPr/{W}pStyle") is not None
            and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Caption"
        ]
        assert any("الشكل 1" in c for c in captions), (source, captions)


def test_tables_stay_tables(tmp_path):
    table = "| الطرف | الحصة | Notes |\n|---|---|---|\n| الجزائر | 60% | main |\n| تونس | 40% | |\n"
    text = SOURCE.read_text("utf-8").replace("## خلفيات وحقائق", table + "\n## خلفيات وحقائق", 1)
    draft = tmp_path / "table.md"
    draft.write_text(text, "utf-8")
    out = tmp_path / "table.docx"
    assert run_cli("build", str(draft), "-o", str(out)).returncode == 0
    tables = list(_xml(out, "word/document.xml").iter(f"{W}tbl"))
    assert len(tables) == 1 and tables[0].find(f"{W}tblPr/{W}bidiVisual") is not None
    rows = [["".join(c.itertext()) for c in row.iter(f"{W}tc")] for row in tables[0].iter(f"{W}tr")]
    assert rows == [["الطرف", "الحصة", "Notes"], ["الجزائر", "60%", "main"], ["تونس", "40%", ""]]
    again = check_file(str(out), Config())
    cells = [(b.text, b.cell) for b in again.document.blocks if b.kind == "table-cell"]
    assert cells[:3] == [
        ("الطرف", TableCell(0, 0, 0)),
        ("الحصة", TableCell(0, 0, 1)),
        ("Notes", TableCell(0, 0, 2)),
    ]


def test_bold_and_italic_inside_a_paragraph_are_kept(tmp_path, pandoc_docx):
    text = SOURCE.read_text("utf-8").replace(
        "في 24 مارس/آذار 2026، وقع", "في **24 مارس/آذار 2026**، *وقع*", 1
    )
    draft = tmp_path / "format.md"
    draft.write_text(text, "utf-8")
    for source in (draft, pandoc_docx(draft)):
        out = tmp_path / f"format-{source.suffix[1:]}.docx"
        assert run_cli("build", str(source), "-o", str(out)).returncode == 0
        block = next(
            b
            for b in check_file(str(out), Config()).document.blocks
            if "مارس/آذار 2026، وقع" in b.text
        )
        spans = {
            (m.kind, block.text[m.start : m.end]) for m in block.marks if m.kind in {"strong", "em"}
        }
        assert ("strong", "24 مارس/آذار 2026") in spans and ("em", "وقع") in spans, (source, spans)
