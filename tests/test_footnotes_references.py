"""Footnote and reference-list rules on Markdown, on pandoc's Word output and on Word files
with real notes, pasted superscripts and broken note references."""

from __future__ import annotations

import pytest

from brieflint.engine import Config, check_document, check_file
from brieflint.readers import read_markdown_bytes

from .conftest import EXAMPLES
from .docx_builder import note_ref, para, run, write_docx
from .test_structure_rules import ALL, COVER

NOTES = Config(select=("footnotes", "references"))
FLAWED = EXAMPLES / "flawed-footnotes.md"
CLEAN = sorted(p for p in EXAMPLES.glob("*.md") if not p.name.startswith("flawed"))


def check_md(text: str, config: Config = NOTES):
    return check_document(read_markdown_bytes("draft.md", text.encode("utf-8")), config).problems


def brief(body: str, notes: str, references: str) -> str:
    sections = "\n\n".join(f"{h}\n\nنص القسم." for h in ALL[:-1])
    return f"{COVER.format(type='تقدير موقف')}\n{body}\n\n{sections}\n\n## المراجع\n\n{references}\n\n{notes}\n"


SOURCE_A = "سلمى بن عاشور، «المياه الجوفية في الجنوب»، مركز المغارب، 2026، متاح على الرابط التالي: https://example.org/a"
SOURCE_B = "هالة المنصوري، «الممر الاقتصادي الجديد»، مجلة الخليج، 2025، متاح على الرابط التالي: https://example.org/b"


def rules_of(problems):
    return [p.rule for p in problems]


def test_clean_brief_with_notes_has_no_findings():
    text = brief(
        "نص[^1] ونص آخر[^2].",
        f"[^1]: {SOURCE_A}\n[^2]: {SOURCE_B}",
        f"1. {SOURCE_A}\n2. {SOURCE_B}",
    )
    assert check_md(text) == []


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_examples_have_no_footnote_or_reference_findings(path):
    assert [(p.rule, p.message.en) for p in check_file(str(path), NOTES).problems] == []


EXPECTED_FLAWED = {
    "BL-FN001": 1,
    "BL-FN002": 1,
    "BL-FN003": 1,
    "BL-FN004": 5,
    "BL-FN005": 2,
    "BL-FN006": 1,
    "BL-FN007": 1,
    "BL-FN008": 1,
    "BL-RF001": 1,
    "BL-RF002": 1,
    "BL-RF004": 1,
    "BL-RF005": 1,
    "BL-RF006": 1,
    "BL-RF007": 1,
    "BL-RF008": 1,
    "BL-RF009": 1,
}


def test_flawed_example_shows_every_footnote_and_reference_rule():
    result = check_file(str(FLAWED), NOTES)
    counts: dict[str, int] = {}
    for p in result.problems:
        counts[p.rule] = counts.get(p.rule, 0) + 1
    assert counts == EXPECTED_FLAWED
    by_rule = {p.rule: p for p in result.problems}
    assert by_rule["BL-FN007"].location.footnote == 6
    assert by_rule["BL-RF008"].location.footnote == 8
    assert (
        "«أحمد الزعبي»" in by_rule["BL-RF008"].message.ar
        and "«أحمد الزغبي»" in by_rule["BL-RF008"].message.ar
    )
    assert by_rule["BL-RF005"].text == "https://example.org/med-migration/eu libya-border"
    marker_line = next(
        i for i, line in enumerate(FLAWED.read_text("utf-8").split("\n"), 1) if "[^7]" in line
    )
    assert by_rule["BL-FN001"].location.line == marker_line
    assert (
        by_rule["BL-FN001"].location.column
        == FLAWED.read_text("utf-8").split("\n")[marker_line - 1].index("[^7]") + 1
    )
    assert by_rule["BL-RF006"].fix is not None


def test_missing_and_unreferenced_and_empty_notes():
    text = brief(
        "نص[^1] ونص[^2].",
        f"[^1]: {SOURCE_A}\n[^3]: {SOURCE_B}\n\n[^4]:   \n",
        f"1. {SOURCE_A}\n2. {SOURCE_B}",
    )
    got = rules_of(check_md(text))
    assert got.count("BL-FN001") == 1  # [^2] has no note
    assert got.count("BL-FN002") == 2  # [^3] and [^4] are never referenced
    assert got.count("BL-FN007") == 1  # [^4] is only whitespace


def test_sequence_reports_each_break_once():
    text = brief(
        "أ[^1] ب[^3] ج[^2] د[^4] هـ[^6] و[^6].",
        "\n".join(f"[^{i}]: {SOURCE_A}" for i in (1, 2, 3, 4, 6)),
        f"1. {SOURCE_A}",
    )
    problems = [p for p in check_md(text) if p.rule == "BL-FN004"]
    assert [p.message.en for p in problems] == [
        "footnote 3 follows footnote 1: expected 2",
        "footnote 2 is first referenced after footnote 3: notes must be numbered in order of first reference",
        "footnote 6 follows footnote 4: expected 5",
    ]


def test_pasted_markers_pair_with_pasted_notes():
    body = (
        "نص الاتفاق¹ وتفاصيله². وقال الوزير(3) كذلك.\n\n¹ "
        + SOURCE_A
        + "\n\n² "
        + SOURCE_B
        + "\n\n(3) "
        + SOURCE_A
    )
    problems = check_md(brief(body, "", f"1. {SOURCE_A}\n2. {SOURCE_B}"))
    got = rules_of(problems)
    assert "BL-FN001" not in got and "BL-FN002" not in got  # all three pairs found
    assert got.count("BL-FN006") == 1
    assert got.count("BL-FN005") == 1  # the bracketed (3) among superscripts


def test_bracketed_numbers_without_notes_are_text():
    body = "نصت المادة(3) على ذلك.\n\n1- البند الأول من القائمة."
    assert "BL-FN006" not in rules_of(check_md(brief(body, "", "")))


def test_placement_option():
    text = brief("قال الوزير ذلك.[^1]", f"[^1]: {SOURCE_A}", f"1. {SOURCE_A}")
    assert rules_of(check_md(text)) == ["BL-FN008"]
    after = Config(
        select=("footnotes",), rule_options={"footnotes.placement": {"placement": "after"}}
    )
    assert rules_of(check_md(text, after)) == []
    text_before = brief("قال الوزير ذلك[^1].", f"[^1]: {SOURCE_A}", f"1. {SOURCE_A}")
    assert rules_of(check_md(text_before, after)) == ["BL-FN008"]


def test_reference_numbering_duplicates_dates_urls():
    refs = "\n".join(
        [
            f"1. {SOURCE_A}",
            f"3. {SOURCE_B}",
            "4. عادل المنفي، «الحدود الشرقية»، مجلة الأمن، متاح على الرابط التالي: https://example.org/c",
            "5. ريم الورفلي، «الهجرة عبر ليبيا»، مرصد المتوسط، 2026",
            f"6. {SOURCE_A}",
        ]
    )
    text = brief(
        "أ[^1] ب[^2] ج[^3] د[^4].",
        "\n".join(
            [
                f"[^1]: {SOURCE_A}",
                f"[^2]: {SOURCE_B}",
                "[^3]: عادل المنفي، «الحدود الشرقية»، مجلة الأمن، متاح على الرابط التالي: https://example.org/c",
                "[^4]: ريم الورفلي، «الهجرة عبر ليبيا»، مرصد المتوسط، 2026",
            ]
        ),
        refs,
    )
    got = rules_of(check_md(text))
    assert got.count("BL-RF001") == 1  # 3 after 1
    assert got.count("BL-RF002") == 1
    assert got.count("BL-RF003") == 1
    assert got.count("BL-RF004") == 1
    assert "BL-RF009" not in got  # the duplicate is not also "uncited"


@pytest.mark.parametrize(
    "url, reason",
    [
        ("https://example.org/eu libya-border", "contains a space"),
        ("https:// example.org/x", "contains a space"),
        ("<https://example.org/x", "unbalanced «<»"),
        ("https://example.org/x_(y", "unbalanced parentheses"),
    ],
)
def test_malformed_urls(url, reason):
    entry = f"1. سلمى بن عاشور، «المياه الجوفية في الجنوب»، مركز المغارب، 2026، متاح على الرابط التالي: {url}"
    text = brief("أ[^1].", f"[^1]: {SOURCE_A}", entry)
    problems = [p for p in check_md(text) if p.rule == "BL-RF005"]
    assert problems and reason in problems[0].message.en


def test_comma_spacing_fix_is_exact():
    entry = "1. سلمى بن عاشور ،«المياه الجوفية في الجنوب»،مركز المغارب، 2026، متاح على الرابط التالي: https://example.org/a,b"
    text = brief("أ[^1].", f"[^1]: {SOURCE_A}", entry)
    problems = [p for p in check_md(text) if p.rule == "BL-RF006"]
    assert [(p.text, p.fix.edits[0].replacement) for p in problems] == [(" ،", "، "), ("،", "، ")]


def test_near_miss_is_a_mismatch_not_a_missing_source():
    cited = SOURCE_A.replace("بن عاشور", "بن عاشوز")
    text = brief(
        "أ[^1].",
        f"[^1]: {cited}",
        f"1. {SOURCE_A.replace('https://example.org/a', 'https://example.org/other')}",
    )
    got = check_md(text)
    assert rules_of(got) == ["BL-RF008"]
    assert "«سلمى بن عاشوز»" in got[0].message.en and got[0].suggestions == ("سلمى بن عاشور",)


def test_alef_maqsura_and_capitalisation_differences_are_mismatches():
    source = "Maria Conti, “EU Migration Partnerships,” European Policy Monitor, 2026"
    text = brief(
        "أ[^1] ب[^2].",
        f"[^1]: {source}\n[^2]: محمد الهاشمي، «الطاقة في المتوسط»، 2026",
        f"1. {source.replace('Policy Monitor', 'policy monitor').replace('Partnerships', 'partnerships')}\n2. محمد الهاشمى، «الطاقة في المتوسط»، 2026",
    )
    got = check_md(text, Config(select=("references.mismatch",)))
    assert len(got) == 2


def test_ibid_and_explanatory_notes_are_not_cross_checked():
    text = brief(
        "أ[^1] ب[^2] ج[^3].",
        f"[^1]: {SOURCE_A}\n[^2]: المصدر نفسه، ص 4.\n[^3]: يقصد بالممر هنا الطريق البري وحده.",
        f"1. {SOURCE_A}",
    )
    assert check_md(text) == []


def test_malformed_markdown_footnotes_do_not_crash():
    body = "نص[^] و[^ ] و[^a b] و[^1][^1].\n\n- [^2]: تعريف داخل قائمة\n\n> [^3]: تعريف داخل اقتباس"
    text = brief(body, "[^1]: تعريف [^4]: متداخل\n    [^5]: مزاح", "")
    problems = check_md(text, Config())
    assert all(p.rule for p in problems)


# --- Word drafts --------------------------------------------------------------------------


def test_pandoc_docx_of_flawed_example(pandoc_docx):
    result = check_file(str(pandoc_docx(FLAWED)), NOTES)
    got = {p.rule for p in result.problems}
    # pandoc drops unused, duplicate and empty definitions, prints an undefined «[^7]» as text
    # and joins the unnumbered reference typed under item 2 into that item; everything else
    # survives the conversion.
    assert got >= {
        "BL-FN004",
        "BL-FN005",
        "BL-FN006",
        "BL-FN008",
        "BL-RF002",
        "BL-RF004",
        "BL-RF005",
        "BL-RF006",
        "BL-RF007",
        "BL-RF008",
        "BL-RF009",
    }
    mismatch = next(p for p in result.problems if p.rule == "BL-RF008")
    assert mismatch.location.footnote is not None


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_examples_as_docx(path, pandoc_docx):
    assert [
        (p.rule, p.message.en) for p in check_file(str(pandoc_docx(path)), NOTES).problems
    ] == []


def _word_brief(tmp_path, body_paragraphs, notes=None, references=None):
    paragraphs = [para(run("مقدمة"), style="1"), *body_paragraphs]
    for heading in ALL[1:-1]:
        paragraphs += [para(run(heading[3:]), style="1"), para(run("نص القسم."))]
    paragraphs.append(para(run("المراجع"), style="1"))
    paragraphs += [para(run(r), numbered=True) for r in (references or [])]
    return write_docx(tmp_path / "notes.docx", paragraphs, notes=notes)


def test_word_notes_missing_ids_whitespace_and_superscripts(tmp_path):
    path = _word_brief(
        tmp_path,
        [
            para(
                run("نص"),
                note_ref(2),
                run(" ونص"),
                note_ref(8),
                run(" ونص"),
                note_ref(3),
                run(" وملصق"),
                run("٤", superscript=True),
                run("."),
            )
        ],
        notes={2: SOURCE_A, 3: "   ", 5: SOURCE_B},
        references=[SOURCE_A, SOURCE_B],
    )
    problems = check_file(str(path), NOTES).problems
    got = rules_of(problems)
    assert got.count("BL-FN001") == 2  # id 8 does not exist; the pasted ٤ has no note
    assert got.count("BL-FN007") == 1  # note 3 is whitespace
    assert got.count("BL-FN002") == 1  # note id 5 is never referenced
    assert got.count("BL-FN006") == 1
    empty = next(p for p in problems if p.rule == "BL-FN007")
    assert empty.location.footnote == 3
    assert "BL-RF009" not in got  # SOURCE_B is cited by the unreferenced note id 5


def test_word_without_footnotes_part(tmp_path):
    path = _word_brief(tmp_path, [para(run("نص"), note_ref(1))], notes=None, references=[SOURCE_A])
    result = check_file(str(path), NOTES)
    assert result.error is None
    assert rules_of(result.problems).count("BL-FN001") == 1


def test_word_pasted_superscript_note_paragraph(tmp_path):
    path = _word_brief(
        tmp_path,
        [
            para(run("نص الاتفاق"), run("1", superscript=True), run(" وتفاصيله.")),
            para(run("1", superscript=True), run(" " + SOURCE_A)),
        ],
        references=[SOURCE_A],
    )
    got = rules_of(check_file(str(path), NOTES).problems)
    assert got == ["BL-FN006"]
