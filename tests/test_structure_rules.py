"""Structure and metadata rules on Markdown and on Word drafts written by pandoc."""

from __future__ import annotations

import pytest

from brieflint.engine import Config, check_document, check_file
from brieflint.readers import read_markdown_bytes

from .conftest import EXAMPLES

FLAWED = EXAMPLES / "flawed-structure.md"
CLEAN = sorted(p for p in EXAMPLES.glob("*.md") if not p.name.startswith("flawed"))
STRUCTURE = Config(select=("structure", "metadata"))

COVER = """---
title: اتفاق الممر الشرقي
type: {type}
author: د. ليلى القاسمي
affiliation: باحثة، مركز الدراسات
date: مارس/آذار 2026
institution: مركز الدراسات
institution_en: Studies Centre
email: layla@example.org
---
"""
FILLER = " ".join(["يتناول هذا القسم وقائع الحدث وسياقه وأبعاده المختلفة بالتفصيل"] * 12)


def brief(sections: list[str], *, type_label: str = "تقدير موقف", body: str = FILLER) -> str:
    parts = [COVER.format(type=type_label)]
    for heading in sections:
        parts.append(f"{heading}\n\n{body}\n" if body is not None else f"{heading}\n")
    return "\n".join(parts)


ALL = [
    "## مقدمة",
    "## خلفيات وحقائق",
    "## مضمون الاتفاق",
    "## دوافع أنقرة",
    "## دوافع القاهرة",
    "## حدود التقارب",
    "## الانعكاسات الإقليمية",
    "## السيناريوهات المحتملة",
    "## خاتمة",
    "## المراجع",
]


def findings(text: str, config: Config = STRUCTURE):
    doc = read_markdown_bytes("draft.md", text.encode("utf-8"))
    return check_document(doc, config).problems


def codes(text: str, config: Config = STRUCTURE) -> list[tuple[str, str]]:
    return [(p.rule, p.text) for p in findings(text, config) if p.rule != "BL-ST007"]


def test_complete_brief_has_no_structure_findings():
    assert codes(brief(ALL)) == []


def test_missing_section_points_at_the_section_that_should_follow():
    text = brief([h for h in ALL if h != "## حدود التقارب"])
    missing = [p for p in findings(text) if p.rule == "BL-ST001"]
    assert len(missing) == 1
    assert "«الحدود والقيود»" in missing[0].message.ar
    assert missing[0].location.line == text.split("\n").index("## الانعكاسات الإقليمية") + 1


def test_one_misplaced_section_is_one_finding():
    order = ALL[:]
    order.insert(1, order.pop(order.index("## المراجع")))  # references moved to the top
    problems = [p for p in findings(brief(order)) if p.rule == "BL-ST002"]
    assert [(p.text, p.message.en.split(": ")[1]) for p in problems] == [
        ("المراجع", "it belongs after «خاتمة»")
    ]


def test_conclusion_before_scenarios():
    order = ALL[:]
    order[7], order[8] = order[8], order[7]
    problems = [p for p in findings(brief(order)) if p.rule == "BL-ST002"]
    assert len(problems) == 1


def test_duplicate_but_not_repeatable_motives():
    assert codes(brief(["## مقدمة", "## تمهيد", *ALL[1:]])) == [("BL-ST003", "تمهيد")]
    assert not [c for c in codes(brief(ALL)) if c[0] == "BL-ST003"]  # two «دوافع …» sections


def test_empty_section():
    text = brief(ALL).replace(
        "## الانعكاسات الإقليمية\n\n" + FILLER + "\n", "## الانعكاسات الإقليمية\n"
    )
    assert codes(text) == [("BL-ST004", "الانعكاسات الإقليمية")]


def test_unknown_heading_is_info():
    problems = findings(brief([*ALL[:-1], "## ملاحظات شخصية للمحرر", ALL[-1]]))
    unknown = [p for p in problems if p.rule == "BL-ST005"]
    assert [(p.text, p.severity.value) for p in unknown] == [("ملاحظات شخصية للمحرر", "info")]


def test_sub_headings_inside_a_section_are_not_sections():
    text = brief(ALL).replace(
        "## السيناريوهات المحتملة\n", "## السيناريوهات المحتملة\n\n### السيناريو الأول: الاستمرار\n"
    )
    assert codes(text) == []


def test_pseudo_headings_bold_or_colon():
    text = brief(ALL).replace("## مقدمة", "**مقدمة:**").replace("## خاتمة", "خاتمة:")
    assert codes(text) == [("BL-ST006", "مقدمة:"), ("BL-ST006", "خاتمة:")]
    problem = findings(text)[0]
    assert "«## مقدمة»" in problem.message.ar


def test_bold_sentence_is_not_a_heading():
    text = brief(ALL).replace(
        FILLER, "**هذا نص عريض في منتصف القسم لا عنوان فيه.**\n\n" + FILLER, 1
    )
    assert codes(text) == []


def test_section_length_bounds():
    problems = findings(brief(ALL, body="نص قصير جداً."))
    short = [p for p in problems if p.rule == "BL-ST007"]
    assert len(short) == 10  # nine sections with a lower bound + the whole brief
    long = findings(brief(ALL, body=" ".join(["كلمة"] * 1500)))
    assert any("at most" in p.message.en for p in long if p.rule == "BL-ST007")


def test_metadata_missing_empty_invalid_and_unknown():
    text = brief(ALL).replace("email: layla@example.org", "email: layla.example.org")
    text = text.replace("author: د. ليلى القاسمي", "author:\nauther: ليلى")
    text = text.replace("institution_en: Studies Centre\n", "")
    got = codes(text)
    assert ("BL-MD001", "") in got  # missing institution_en and empty author
    assert ("BL-MD002", "layla.example.org") in got
    assert ("BL-MD004", "auther") in got
    messages = [p.message.en for p in findings(text) if p.rule == "BL-MD001"]
    assert any("institution (english)" in m for m in messages)
    assert any("author (`author`) is empty" in m for m in messages)


def test_arabic_front_matter_keys_are_aliases():
    text = brief(ALL).replace("title:", "العنوان:").replace("author:", "إعداد:")
    assert codes(text) == []


def test_type_label_mismatch_and_kind_detection():
    assert ("BL-MD003", "تقييم موقف") in codes(brief(ALL, type_label="تقييم موقف"))
    paper = brief(
        [
            "## ملخص تنفيذي",
            "## مقدمة",
            "## تشخيص المشكلة",
            "## الخيارات المتاحة",
            "## التوصيات",
            "## المراجع",
        ],
        type_label="ورقة سياسات",
    )
    doc = read_markdown_bytes("p.md", paper.encode())
    result = check_document(doc, STRUCTURE)
    assert result.kind == "policy-paper"
    assert [p.rule for p in result.problems if p.rule != "BL-ST007"] == []
    forced = check_document(
        read_markdown_bytes("p.md", paper.encode()),
        Config(schema="situation-assessment", select=("structure", "metadata")),
    )
    assert {p.rule for p in forced.problems} >= {"BL-ST001", "BL-MD003"}


# The flawed example, as Markdown and as a Word file written by pandoc.
EXPECTED_FLAWED = {
    ("BL-MD001", "error"),  # no e-mail, empty author
    ("BL-ST001", "error"),  # no limits section
    ("BL-ST002", "warning"),  # conclusion before scenarios
    ("BL-ST003", "warning"),  # a second introduction
    ("BL-ST004", "warning"),  # implications heading with no text
    ("BL-ST005", "info"),  # «ملاحظات شخصية للمحرر»
    ("BL-ST006", "warning"),  # «**خلفيات الحدث:**»
    ("BL-ST007", "warning"),  # background under 40 words
}


def _flawed(result):
    return {(p.rule, p.severity.value) for p in result.problems}


def test_flawed_example_markdown_shows_every_structure_finding():
    result = check_file(str(FLAWED), STRUCTURE)
    assert _flawed(result) == EXPECTED_FLAWED
    pseudo = next(p for p in result.problems if p.rule == "BL-ST006")
    assert pseudo.text == "خلفيات الحدث:"


def test_flawed_example_docx_shows_every_structure_finding(pandoc_docx):
    result = check_file(str(pandoc_docx(FLAWED)), STRUCTURE)
    assert _flawed(result) == EXPECTED_FLAWED
    md = check_file(str(FLAWED), STRUCTURE)
    assert [s["id"] for s in result.sections] == [s["id"] for s in md.sections]


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_examples_have_no_structure_findings(path):
    result = check_file(str(path), STRUCTURE)
    assert [(p.rule, p.message.en) for p in result.problems] == []


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_examples_as_docx_have_no_structure_findings(path, pandoc_docx):
    result = check_file(str(pandoc_docx(path)), STRUCTURE)
    assert [(p.rule, p.message.en) for p in result.problems] == []
    assert result.sections == [
        {**s, "line": s["line"] and result.sections[i]["line"]}
        for i, s in enumerate(check_file(str(path), STRUCTURE).sections)
    ]


def test_pseudo_heading_docx_written_by_pandoc(pandoc_docx):
    result = check_file(str(pandoc_docx(CLEAN[0], pseudo=True)), STRUCTURE)
    rules = [p.rule for p in result.problems]
    assert set(rules) == {"BL-ST006"}
    assert rules.count("BL-ST006") == len(result.sections)
    assert "Heading 2" in result.problems[0].message.en
