"""Arabic orthography, punctuation, typography and consistency rules."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import textwrap

import pytest

from brieflint.engine import Config, check_document, check_file
from brieflint.model import Applicability
from brieflint.readers import read_markdown_bytes
from brieflint.rules import all_rules
from brieflint.spelling.checker import Classifier, near_words
from brieflint.spelling.dictionary import get_dictionary
from brieflint.spelling.lexicon import (
    _general_bytes,
    common_frequency,
    frequency,
    ranked_by_frequency,
)

from .conftest import EXAMPLES, run_cli

TEXT_FAMILIES = {"orthography", "punctuation", "typography", "consistency"}
TEXT_RULES = [r for r in all_rules() if r.name.split(".")[0] in TEXT_FAMILIES]


def example(rule, label: str) -> str:
    doc = inspect.getdoc(rule)
    block = doc.split(f"{label}::", 1)[1].split("::", 1)[0]
    lines = block.split("\n")
    body = [line for line in lines[1:] if line.startswith("    ") or not line.strip()]
    text = textwrap.dedent("\n".join(body)).strip()
    return re.split(r"\n\n(?=[A-Z])", text)[0]  # up to the next paragraph of prose


def findings(text: str, select: str | tuple[str, ...], **options):
    config = Config(select=(select,) if isinstance(select, str) else select, rule_options=options)
    return check_document(read_markdown_bytes("draft.md", text.encode("utf-8")), config).problems


@pytest.mark.parametrize("rule", TEXT_RULES, ids=lambda r: r.code)
def test_documented_examples_fail_and_pass(rule):
    """The examples in each rule's documentation are real: the failing one fails, the passing
    one passes."""
    assert findings(example(rule, "Fails"), rule.code), example(rule, "Fails")
    assert findings(example(rule, "Passes"), rule.code) == []


@pytest.mark.parametrize(
    "wrong, right, code",
    [
        ("إجتماع", "اجتماع", "BL-AR001"),
        ("الإنتخابات", "الانتخابات", "BL-AR001"),
        ("للإستثمار", "للاستثمار", "BL-AR001"),
        ("وإستقالت", "واستقالت", "BL-AR001"),
        ("إسم", "اسم", "BL-AR001"),
        ("اكثر", "أكثر", "BL-AR002"),
        ("المسئولية", "المسؤولية", "BL-AR002"),
        ("الان", "الآن", "BL-AR003"),
        ("الحكومه", "الحكومة", "BL-AR004"),
        ("حتي", "حتى", "BL-AR005"),
        ("الذى", "الذي", "BL-AR005"),
        ("لايوجد", "لا يوجد", "BL-AR006"),
        ("ومايحدث", "وما يحدث", "BL-AR006"),
        ("التتنمية", "التنمية", "BL-AR007"),
    ],
)
def test_each_error_is_explained_with_a_verified_fix(wrong, right, code):
    problems = findings(f"قال المسؤول إن {wrong} المقبل مهم.", "orthography")
    assert [(p.rule, p.text, p.suggestions[0]) for p in problems] == [(code, wrong, right)]
    assert problems[0].fix is not None
    assert get_dictionary().known(right.split()[-1])
    assert problems[0].message.ar and problems[0].message.en


@pytest.mark.parametrize(
    "correct",
    [
        "إعلان",
        "إنهاء",
        "إنشاء",
        "إرسال",
        "إجراء",
        "إنتاج",
        "إتقان",  # form IV masdars
        "اجتماع",
        "أكثر",
        "الآن",
        "الحكومة",
        "رأيه",
        "على",
        "إلى",
        "عليه",
        "لا يوجد",
        "مازال",
        "ما زال",
        "لابد",
        "لا بد",
        "فعلي",
        "واحد",
        "الجنيه",
        "أراضيه",
        "يحيى",
        "وداعش",
        "بالناتو",
        "جيوسياسي",
    ],
)
def test_correct_words_are_not_reported(correct):
    assert findings(f"قال المسؤول إن {correct} مهم في المرحلة المقبلة.", "orthography") == []


def test_ali_the_name_is_not_the_preposition():
    assert findings("التقى علي خامنئي بالرئيس، وزار الشيخ علي العاصمة.", "BL-AR005") == []
    assert [p.text for p in findings("وافق البرلمان علي الخطة.", "BL-AR005")] == ["علي"]


def test_ambiguous_hamza_gets_alternatives_and_no_fix():
    problems = findings("وقال ان الخطة جاهزة.", "orthography.hamza")
    assert problems and set(problems[0].suggestions) >= {"أن", "إن"}
    assert problems[0].fix is None


def test_house_style_for_joined_particles():
    assert findings("مازال الخلاف قائماً.", "BL-AR006") == []
    separate = findings("مازال الخلاف قائماً.", "BL-AR006", **{"BL-AR006": {"joined": "separate"}})
    assert [(p.text, p.suggestions[0]) for p in separate] == [("مازال", "ما زال")]
    joined = findings("ما زال الخلاف قائماً.", "BL-AR006", **{"BL-AR006": {"joined": "joined"}})
    assert [(p.text, p.suggestions[0]) for p in joined] == [("ما زال", "مازال")]


def test_words_and_user_dictionary(tmp_path):
    text = "## مقدمة\n\nتقع زنقاحة قرب الحدود، وعاد الوفد من زنقاحة.\n"
    draft = tmp_path / "sub" / "draft.md"
    draft.parent.mkdir()
    draft.write_text(text, "utf-8")
    config = Config(select=("orthography.unknown-word",))
    assert [p.text for p in check_file(str(draft), config).problems] == ["زنقاحة", "زنقاحة"]
    (tmp_path / ".brieflint-words.txt").write_text("# أسماء\nزنقاحة\n", "utf-8")
    assert check_file(str(draft), config).problems == []
    with_words = Config(select=("orthography.unknown-word",), words=("زنقاحة",))
    doc = read_markdown_bytes("draft.md", text.encode("utf-8"))
    assert check_document(doc, with_words).problems == []


def test_added_names_take_clitics():
    dictionary = get_dictionary(("كوشنارة",))
    assert all(dictionary.known(w) for w in ("كوشنارة", "بكوشنارة", "وكوشنارة", "لكوشنارة"))


def test_names_from_the_cover_and_references_are_not_unknown():
    text = (
        "---\nauthor: د. سلمى بن عاشور\n---\n\n## مقدمة\n\nكتبت بن عاشور عن زلاطيمة.\n\n"
        "## المراجع\n\n1. زلاطيمة، «تقرير»، 2026.\n"
    )
    assert findings(text, "orthography.unknown-word") == []


def test_unknown_word_suggestions():
    found = near_words("الزراغة", get_dictionary().known, budget_end=float("inf"))
    assert "الزراعة" in found
    problems = findings("تواجه الحكومة تحديات في قطاع الزراغة.", "orthography.unknown-word")
    assert "الزراعة" in problems[0].suggestions
    # the most common spelling first: «الحكومت» is «الحكومة» before «الحكومي», «الحكومات»
    (problem,) = findings("ناقش المجلس خطة الحكومت أمس.", "orthography.unknown-word")
    assert problem.suggestions[0] == "الحكومة", problem.suggestions
    counts = [frequency(s) for s in problem.suggestions if frequency(s)]
    assert counts == sorted(counts, reverse=True)


def test_classifier_is_deterministic_for_a_word():
    classifier = Classifier(get_dictionary())
    assert classifier.classify("إجتماع") == ("hamza-wasl", "اجتماع", "افتعال")
    assert classifier.classify("اجتماع") is None


@pytest.mark.parametrize(
    "text, code, expected",
    [
        ("تراجعت الصادرات, وارتفعت الواردات.", "BL-PN001", ","),
        ("فهل تتغير السياسة?", "BL-PN001", "?"),
        ("أعلنت الحكومة خطتها ، ثم تراجعت.", "BL-PN002", " ،"),
        ("تراجعت الصادرات،وارتفعت الواردات.", "BL-PN003", "،"),
        ("التعاون الاقتصادي- الأمني.", "BL-PN004", "- "),
        ("تراجعت الصادرات،، وارتفعت.", "BL-PN005", "،،"),
        ("وصف الاتفاق بأنه «تاريخي.", "BL-PN006", "«"),
        ('وصف الاتفاق بأنه "تاريخي".', "BL-PN007", '"تاريخي"'),
        ("أسعار النـــفط.", "BL-TY001", "النـــفط"),
        ("تراجعت\u200f الصادرات.", "BL-TY002", "\u200f"),
        ("تراجعت  الصادرات.", "BL-TY003", "  "),
    ],
)
def test_punctuation_and_typography(text, code, expected):
    problems = findings(text, code)
    assert [p.text for p in problems] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "بلغ النمو 3.5% في عام 2025.",  # a decimal point
        "راجع https://example.org/a,b?c=1 للتفاصيل.",  # a URL
        "Growth was 3%, then it fell; why?",  # English
        "في عام 1445هـ صدر القرار.",  # the Hijri abbreviation
        "قال: «الاتفاق تاريخي»، ثم غادر...",  # ellipsis, Arabic quotes
        "The report (p. 4)\u200e قال ذلك.",  # an LRM after Latin text
    ],
)
def test_correct_punctuation_is_not_reported(text):
    assert findings(text, ("punctuation", "typography")) == []


def test_digit_consistency_counts_the_cover():
    text = (
        "---\ndate: مارس/آذار 2026\n---\n\nوقع في ١٥ مارس/آذار ٢٠٢٦ وعُدّل في ٣ أبريل/نيسان ٢٠٢٦.\n"
    )
    problems = findings(text, "consistency.digits")
    assert [p.text for p in problems] == ["2026"]
    assert problems[0].location.line == 2


def test_month_pairs_are_consistent():
    assert (
        findings("في مارس/آذار ثم في أبريل (نيسان) ثم في مايو/أيار.", "consistency.month-names")
        == []
    )


def test_fixes_replace_exactly_the_offending_span():
    text = "عقد الطرفان إجتماعاً, ثم أعلنا الإتفاق."
    problems = findings(text, ("orthography", "punctuation"))
    fixed = text
    edits = [edit for p in problems if p.fix for edit in p.fix.edits]
    for edit in sorted(edits, key=lambda e: -e.start):
        assert fixed[edit.start : edit.end] == edit.expected
        fixed = fixed[: edit.start] + edit.replacement + fixed[edit.end :]
    assert fixed == "عقد الطرفان إجتماعاً، ثم أعلنا الاتفاق."  # «إجتماعاً» has tanween: no fix


@pytest.mark.parametrize(
    "text",
    [
        "ا" * 500,  # a very long run of letters
        "مرحباhello عالمworld",  # mixed scripts
        "ًٌٍَُِّْ" * 20,  # only diacritics
        "ـــــــ ـــ",  # only tatweel
        "\u200b\u200c\u200d\ufeff",  # only invisible characters
        "كلمة" + "\u0301" * 30,  # combining marks
    ],
)
def test_strange_text_does_not_crash(text):
    problems = findings(
        f"## مقدمة\n\n{text}\n", ("orthography", "punctuation", "typography", "consistency")
    )
    assert all(p.rule.startswith("BL-") for p in problems)


def test_corrupt_user_dictionary_is_a_clear_error(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("## مقدمة\n\nنص.\n", "utf-8")
    (tmp_path / ".brieflint-words.txt").write_bytes(b"\xff\xfe\x00bad")
    result = run_cli("check", "--lang", "en", str(draft))
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert ".brieflint-words.txt" in stderr and "not UTF-8" in stderr


@pytest.mark.parametrize(
    "name",
    [
        "situation-assessment.md",
        "situation-assessment-2.md",
        "situation-assessment-3.md",
        "situation-assessment-4.md",
        "policy-paper.md",
    ],
)
def test_clean_examples_have_no_spelling_errors_or_warnings(name):
    result = check_file(str(EXAMPLES / name), Config(select=tuple(TEXT_FAMILIES)))
    assert [(p.rule, p.text) for p in result.problems if p.severity.value != "info"] == []


def test_word_draft_written_by_pandoc(tmp_path, pandoc_docx):
    source = tmp_path / "errors.md"
    source.write_text(
        "---\ntitle: تجربة\n---\n\n## مقدمة\n\nعقد الطرفان إجتماعا طارئا, ولايوجد اتفاق حتي الآن.\n\n"
        "## الخاتمة\n\nبقي الخلاف[^1].\n\n[^1]: قال المسئول ذلك.\n",
        "utf-8",
    )
    result = check_file(str(pandoc_docx(source)), Config(select=("orthography", "punctuation")))
    found = {(p.rule, p.text) for p in result.problems}
    assert {
        ("BL-AR001", "إجتماعا"),
        ("BL-PN001", ","),
        ("BL-AR006", "ولايوجد"),
        ("BL-AR005", "حتي"),
    } <= found
    note = next(p for p in result.problems if p.text == "المسئول")
    assert note.rule == "BL-AR002" and note.location.footnote == 1
    body = next(p for p in result.problems if p.text == "إجتماعا")
    paragraph = result.document.blocks[
        [b.location.line for b in result.document.blocks].index(body.location.line)
    ]
    assert paragraph.text[body.location.column - 1 : body.location.end_column - 1] == "إجتماعا"


def test_construct_head_with_ha_is_an_unsafe_fix_that_names_its_context_rule():
    """«دوره الانعقاد»: «دورة» heads a construct before a masdar; the fix waits for
    --unsafe-fixes and the finding says which context rule decided. «دوره الكبير» (his big
    role) in the same draft is left alone."""
    text = "افتتح البرلمان دوره الانعقاد، وأشاد النواب بدوره الكبير."
    (problem,) = findings(text, "orthography.ta-marbuta")
    assert list(problem.suggestions) == ["دورة"]
    assert problem.fix is not None and problem.fix.applicability is Applicability.UNSAFE
    assert "context rule: the masdar «الانعقاد» follows" in problem.message.en
    assert "4.1× as often" in problem.message.en  # the frequency evidence stays in the message


def test_suggestions_of_any_word_are_ranked_by_how_common_they_are():
    """«الموسسات»: the dictionary words one edit away come as «المسوسات» (worm-eaten) first;
    the variant data knows neither, and general Arabic writes «المؤسسات» (institutions) far
    more often — it comes first. «والمستشفيت»: «والمستشفيات» before «والمستشفي»."""
    found = near_words("الموسسات", get_dictionary().known, budget_end=float("inf"))
    assert found.index("المسوسات") < found.index("المؤسسات")
    assert frequency("المسوسات") == frequency("المؤسسات") == 0  # not variant data
    assert common_frequency("المؤسسات") > 10_000 > common_frequency("المسوسات")
    problems = findings(
        "تراجعت ثقة الناس في الموسسات العامة وفي والمستشفيت.", "orthography.unknown-word"
    )
    assert [p.suggestions[0] for p in problems] == ["المؤسسات", "والمستشفيات"]


def test_equally_rare_suggestions_keep_their_order():
    assert common_frequency("زلاطيمة") == 0  # not a word
    assert ranked_by_frequency(["زلاطيمة", "قرقوزة"]) == ["زلاطيمة", "قرقوزة"]
    assert ranked_by_frequency(["قرقوزة", "الحكومة", "زلاطيمة"])[0] == "الحكومة"


def test_word_frequencies_are_sorted_for_bisection():
    lines = _general_bytes().split(b"\n")
    words = [line for line in lines if line and not line.startswith(b"#")]
    assert len(words) > 100_000
    assert words == sorted(words)
    assert all(line.count(b"\t") == 1 and len(line.split(b"\t")[1]) == 1 for line in words)
    # every form is found by the bisection over the bytes, and nothing else is
    for line in words[:: len(words) // 500]:
        form = line.split(b"\t")[0].decode("utf-8")
        assert common_frequency(form) >= 100 or frequency(form), form
    assert common_frequency("الحكومت") == common_frequency("") == 0


def test_word_frequencies_load_only_when_suggestions_are_ranked():
    """A draft whose words are all correct never reads word-frequencies.txt."""
    script = (
        "from brieflint.engine import Config, check_document\n"
        "from brieflint.readers import read_markdown_bytes\n"
        "from brieflint.spelling import lexicon\n"
        "text = 'أعلنت الحكومة خطة جديدة للتعليم.'.encode()\n"
        "check_document(read_markdown_bytes('d.md', text), Config(select=('orthography',)))\n"
        "print(lexicon._general_bytes.cache_info().currsize)\n"
        "text = 'تراجعت الثقة في الموسسات.'.encode()\n"
        "check_document(read_markdown_bytes('d.md', text), Config(select=('orthography',)))\n"
        "print(lexicon._general_bytes.cache_info().currsize)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["0", "1"]


def test_hunspell_first_suggestion_gives_way_to_a_more_common_word():
    """«الاخفاق» (failure, its hamza dropped): Hunspell's own first suggestion is «الأخفاف»
    (hooves); ranked by how common each is, «الإخفاق» comes first — a form the variant data
    does not count, so the general frequencies decide."""
    import hunspell

    from brieflint.resources import data_file

    checker = hunspell.Hunspell("ar", hunspell_data_dir=str(data_file("hunspell")))
    suggested = list(checker.suggest("الاخفاق"))
    assert "الإخفاق" in suggested and suggested[0] != "الإخفاق", suggested
    assert frequency("الإخفاق") == 0
    assert ranked_by_frequency(suggested)[0] == "الإخفاق"
