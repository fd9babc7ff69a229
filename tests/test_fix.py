"""`brieflint fix`: only the fixed spans change, fixing twice equals fixing once, and the fixed
findings are gone — on Markdown (property-tested) and on Word drafts written by pandoc."""

from __future__ import annotations

import json
import os
import shutil
import struct
import zipfile
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from brieflint.engine import Config, check_file
from brieflint.errors import InputError
from brieflint.fixer import _check_writable, fix_markdown

from .conftest import EXAMPLES, run_cli
from .docx_builder import para, run, write_docx
from .test_fix_word import errors_in
from .test_fix_word import sentences as noisy

FIXES = Config(select=("orthography", "punctuation", "typography"))

# (wrong, right): errors whose correction is certain, as `fix` applies it
WORDS = [
    ("إجتماع", "اجتماع"),
    ("الإنتخابات", "الانتخابات"),
    ("للإستثمار", "للاستثمار"),
    ("إنسحاب", "انسحاب"),
    ("اكثر", "أكثر"),
    ("الحكومه", "الحكومة"),
    ("حتي", "حتى"),
    ("الذى", "الذي"),
    ("لايوجد", "لا يوجد"),
    ("مايحدث", "ما يحدث"),
    ("التتنمية", "التنمية"),
    ("الان", "الآن"),
    ("المسئولية", "المسؤولية"),
]
CORRECT = [
    "قال",
    "الوزير",
    "إن",
    "الاتفاق",
    "يعزز",
    "التعاون",
    "بين",
    "البلدين",
    "في",
    "مجال",
    "الطاقة",
    "والمياه",
    "خلال",
    "المرحلة",
    "المقبلة",
    "وتسعى",
    "الحكومة",
    "إلى",
    "تنفيذ",
    "الخطة",
]


@st.composite
def sentences(draw):
    words, expected = [], []
    target = draw(st.integers(3, 14))
    while len(words) < target:
        if draw(st.booleans()):
            wrong, right = draw(st.sampled_from(WORDS))
        else:
            wrong = right = draw(st.sampled_from(CORRECT))
        if expected and (wrong == words[-1] or right.split()[0] == expected[-1].split()[-1]):
            continue  # a word twice in a row is a repeated-word finding of its own
        words.append(wrong)
        expected.append(right)
    # a punctuation error between clauses: Latin comma, space before, or none after
    mark = draw(st.sampled_from([("، ", "، "), (", ", "، "), (" ، ", "، "), ("،", "، ")]))
    cut = draw(st.integers(1, len(words) - 1))
    text = " ".join(words[:cut]) + mark[0] + " ".join(words[cut:]) + "."
    fixed = " ".join(expected[:cut]) + mark[1] + " ".join(expected[cut:]) + "."
    return text, fixed


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.large_base_example],
)
@given(paragraphs=st.lists(sentences(), min_size=1, max_size=4))
def test_fix_is_exact_and_idempotent(tmp_path, paragraphs):
    source = "## مقدمة\n\n" + "\n\n".join(p for p, _ in paragraphs) + "\n"
    expected = "## مقدمة\n\n" + "\n\n".join(f for _, f in paragraphs) + "\n"
    path = tmp_path / "draft.md"
    path.write_text(source, "utf-8")
    fix_markdown(str(path), FIXES)
    assert path.read_text("utf-8") == expected  # only the injected errors changed, as expected
    again = fix_markdown(str(path), FIXES)
    assert not again.changed and path.read_text("utf-8") == expected
    assert not [p for p in check_file(str(path), FIXES).problems if p.fix is not None]


def test_bytes_outside_fixes_are_kept(tmp_path):
    path = tmp_path / "d.md"
    original = "\ufeff---\r\ntitle: تجربة\r\n---\r\n\r\n## مقدمة\r\n\r\n**عريض** و`كود إجتماع` ثم إجتماع [رابط](https://example.org/a,b).\r\n"
    path.write_bytes(original.encode("utf-8"))
    report = fix_markdown(str(path), FIXES)
    data = path.read_bytes()
    assert (
        data.startswith(b"\xef\xbb\xbf")
        and b"\r\n" in data
        and b"\n" not in data.replace(b"\r\n", b"")
    )
    assert data.decode("utf-8") == original.replace("ثم إجتماع", "ثم اجتماع")
    assert [p.rule for p in report.applied] == ["BL-AR001"]


def test_windows_1256_stays_windows_1256(tmp_path):
    path = tmp_path / "d.md"
    path.write_bytes("## مقدمة\n\nعقد الطرفان إجتماعا طارئا.\n".encode("cp1256"))
    fix_markdown(str(path), FIXES)
    assert path.read_bytes().decode("cp1256") == "## مقدمة\n\nعقد الطرفان اجتماعا طارئا.\n"


def test_footnotes_and_references_are_renumbered(tmp_path):
    path = tmp_path / "d.md"
    shutil.copy(EXAMPLES / "situation-assessment.md", path)
    text = path.read_text("utf-8")
    text = (
        text.replace("[^2]", "[^X]").replace("[^3]", "[^2]").replace("[^X]", "[^3]")
    )  # swap 2 and 3
    lines = text.split("\n")
    refs = [i for i, line in enumerate(lines) if line.startswith("2. ")]
    lines[refs[0]] = lines[refs[0]].replace("2. ", "5. ", 1)
    path.write_text("\n".join(lines), "utf-8")
    before = check_file(str(path), Config(select=("footnotes", "references")))
    assert {p.rule for p in before.problems} >= {"BL-FN004", "BL-RF001"}
    fix_markdown(str(path), Config(select=("footnotes", "references")))
    after = check_file(str(path), Config(select=("footnotes", "references")))
    assert [p.rule for p in after.problems] == []
    assert path.read_text("utf-8") == (EXAMPLES / "situation-assessment.md").read_text("utf-8")


def test_unnumbered_reference_gets_its_number(tmp_path):
    path = tmp_path / "d.md"
    shutil.copy(EXAMPLES / "flawed-footnotes.md", path)
    config = Config(select=("references.numbering",))
    assert any("not numbered" in p.message.en for p in check_file(str(path), config).problems)
    fix_markdown(str(path), config)
    assert check_file(str(path), config).problems == []
    assert "\n3. James Porter" in path.read_text("utf-8")


def test_diff_and_dry_run_write_nothing(tmp_path):
    path = tmp_path / "d.md"
    path.write_text("## مقدمة\n\nعقد الطرفان إجتماعا, ثم غادرا.\n", "utf-8")
    before = path.read_bytes()
    diff = run_cli("fix", "--diff", str(path))
    assert diff.returncode == 0 and b"-\xd8" in diff.stdout and path.read_bytes() == before
    dry = run_cli("fix", "--dry-run", "--select", "punctuation", str(path))
    assert "BL-PN001" in dry.stdout.decode() and "BL-AR001" not in dry.stdout.decode()
    assert path.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["d.md"]


def test_read_only_and_changed_files_are_refused(tmp_path):
    path = tmp_path / "d.md"
    path.write_text("## مقدمة\n\nعقد الطرفان إجتماعا.\n", "utf-8")
    original = path.read_bytes()
    path.chmod(0o444)
    try:
        result = run_cli("fix", "--lang", "en", str(path))
        assert result.returncode == 2 and "read-only" in result.stderr.decode()
        assert path.read_bytes() == original
        with pytest.raises(InputError, match="read-only"):
            _check_writable(str(path), original)
    finally:
        path.chmod(0o644)
    with pytest.raises(InputError, match="changed since it was read"):
        _check_writable(str(path), original + b" ")
    (tmp_path / ".~lock.d.md#").write_text("x", "utf-8")
    with pytest.raises(InputError, match="open in another program"):
        _check_writable(str(path), original)


def _png(path):
    raw = b"\x00\xff\x00\x00" * 4
    data = zlib.compress(b"".join(b"\x00" + raw[:12] for _ in range(4)))

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )


def test_word_draft_from_pandoc_keeps_notes_styles_and_images(tmp_path, pandoc_docx):
    _png(tmp_path / "chart.png")
    source = tmp_path / "draft.md"
    source.write_text(
        "---\ntitle: تجربة\n---\n\n## مقدمة\n\nعقد الطرفان إجتماعا طارئا, ولايوجد اتفاق[^1].\n\n"
        "![شكل](chart.png)\n\n## خاتمة\n\nبقي الخلاف حتي الآن[^2].\n\n[^1]: قال المسئول ذلك.\n[^2]: المصدر نفسه.\n",
        "utf-8",
    )
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        draft = pandoc_docx(source)
    finally:
        os.chdir(cwd)
    result = run_cli("fix", str(draft))
    assert result.returncode == 0, result.stderr.decode()
    fixed = draft.with_suffix("").with_name(draft.stem + ".fixed.docx")
    assert fixed.exists()
    with zipfile.ZipFile(draft) as a, zipfile.ZipFile(fixed) as b:
        assert sorted(n for n in a.namelist() if n.startswith("word/media")) == sorted(
            n for n in b.namelist() if n.startswith("word/media")
        )
        parser = etree.XMLParser(remove_blank_text=True)
        canonical = lambda data: etree.tostring(etree.fromstring(data, parser), method="c14n")  # noqa: E731
        assert canonical(a.read("word/styles.xml")) == canonical(b.read("word/styles.xml"))
        assert a.read("word/footnotes.xml").count(b"<w:footnote ") == b.read(
            "word/footnotes.xml"
        ).count(b"<w:footnote ")
    after = check_file(str(fixed), FIXES)
    assert not [p for p in after.problems if p.fix is not None]
    texts = " ".join(n.text for n in after.document.footnotes)
    assert "المسؤول" in texts  # a fix inside a Word footnote


def test_fix_across_differently_formatted_runs_is_skipped(tmp_path):
    path = write_docx(
        tmp_path / "runs.docx",
        [
            para(run("مقدمة"), style="1"),
            para(run("ثم "), run("إنسحب", bold=True), run("ا من الاتفاق.")),
        ],
    )
    result = run_cli("fix", "--lang", "en", str(path))
    assert "not fixed: the span crosses runs with different formatting" in result.stderr.decode()
    assert not (tmp_path / "runs.fixed.docx").exists()


def test_word_fix_keeps_tracked_changes_and_comments(tmp_path):
    from .docx_builder import comment_end, comment_start

    deleted = '<w:del w:id="91" w:author="editor"><w:r><w:delText>محذوف</w:delText></w:r></w:del>'
    inserted = '<w:ins w:id="92" w:author="editor">' + run(" مضاف") + "</w:ins>"
    path = write_docx(
        tmp_path / "tracked.docx",
        [
            para(run("مقدمة"), style="1"),
            para(
                run("عقد الطرفان إجتماعا "),
                deleted,
                inserted,
                comment_start(5),
                run(" ثم غادرا."),
                comment_end(5),
            ),
        ],
        comments={5: "تعليق المحرر على الفقرة"},
    )
    assert run_cli("fix", str(path)).returncode == 0
    fixed = tmp_path / "tracked.fixed.docx"
    with zipfile.ZipFile(fixed) as archive:
        document = archive.read("word/document.xml").decode()
        comments = archive.read("word/comments.xml").decode()
    assert "اجتماعا" in document and "إجتماعا" not in document
    assert '<w:del w:id="91"' in document and "محذوف" in document and '<w:ins w:id="92"' in document
    assert "commentRangeStart" in document and "تعليق المحرر على الفقرة" in comments


@st.composite
def markdown_drafts(draw):
    """A Markdown draft with errors in paragraphs, table cells and footnotes, and the same
    errors inside code, where they are not errors: (as written, as fixed, errors injected)."""
    wrong, right, errors = ["## مقدمة"], ["## مقدمة"], 0
    notes: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(1, 5))):
        shape = draw(st.sampled_from(["paragraph", "paragraph", "table", "image", "code"]))
        if shape == "table":
            rows = [draw(st.lists(noisy(1, 3), min_size=2, max_size=2)) for _ in range(2)]
            head = "| العمود | القيمة |\n| --- | --- |\n"
            wrong.append(head + "\n".join(f"| {a[0]} | {b[0]} |" for a, b in rows))
            right.append(head + "\n".join(f"| {a[1]} | {b[1]} |" for a, b in rows))
            errors += sum(errors_in(cell[0]) for row in rows for cell in row)
        elif shape == "image":
            wrong.append("![شكل بياني](chart.png)")
            right.append(wrong[-1])
        elif shape == "code":  # code is the author's verbatim text: never fixed
            wrong.append("```\nإجتماع, لايوجد  هنا\n```")
            right.append(wrong[-1])
        else:
            line, fixed = [], []
            for n in range(draw(st.integers(1, 3))):
                text = draw(noisy())
                errors += errors_in(text[0])
                gap = " " if n else ""
                line.append(gap + text[0])
                fixed.append(gap + text[1])
                extra = draw(st.sampled_from(["", "", "note", "code"]))
                if extra == "note":
                    note = draw(noisy(2, 5))
                    errors += errors_in(note[0])
                    notes.append(note)
                    line.append(f"[^{len(notes)}]")
                    fixed.append(line[-1])
                elif extra == "code":
                    line.append(" في `إجتماع, لايوجد` هنا")
                    fixed.append(line[-1])
            wrong.append("".join(line))
            right.append("".join(fixed))
    for n, (note, fixed) in enumerate(notes, start=1):
        wrong.append(f"[^{n}]: {note}")
        right.append(f"[^{n}]: {fixed}")
    return "\n\n".join(wrong) + "\n", "\n\n".join(right) + "\n", errors


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.large_base_example],
)
@given(draft=markdown_drafts())
def test_markdown_fix_changes_only_the_injected_errors(tmp_path, draft):
    source, expected, errors = draft
    path = tmp_path / "draft.md"
    path.write_text(source, "utf-8")
    report = fix_markdown(str(path), FIXES)
    assert path.read_text("utf-8") == expected  # every byte outside the errors is kept
    assert report.fixes == len({p.fix for p in report.applied}) == errors
    assert report.skipped == []
    again = fix_markdown(str(path), FIXES)
    assert not again.changed and again.fixes == 0 and path.read_text("utf-8") == expected


RENUMBER = """## مقدمة

قال الوزير ذلك في المؤتمر[^2] ثم أضاف أمرا آخر[^1].

ويكتب المؤلف الإشارة `[^1]` و`[^2]` في الكود كما هي.

```
مثال [^1] و[^2]
```

[^1]: المصدر الأول.
[^2]: المصدر الثاني.
"""


def test_footnote_renumbering_is_shown_then_applied_never_inside_code(tmp_path):
    path = tmp_path / "d.md"
    path.write_text(RENUMBER, "utf-8")
    original = path.read_bytes()

    found = json.loads(
        run_cli("check", "--format", "json", "--select", "footnotes", str(path)).stdout
    )
    findings = found["files"][0]["findings"]
    assert [f["rule"] for f in findings] == ["BL-FN004", "BL-FN004"]  # nothing in the code
    assert all(f["fixable"] and f["fix_applicability"] == "safe" for f in findings)

    dry = run_cli("fix", "--dry-run", "--lang", "en", str(path))
    assert dry.returncode == 0, dry.stderr.decode()
    lines = dry.stdout.decode().splitlines()
    assert lines == [f"{path}:3:26: BL-FN004 4 edits: 2→1, 1→2, 1→2, 2→1"]
    assert path.read_bytes() == original and sorted(os.listdir(tmp_path)) == ["d.md"]

    diff = run_cli("fix", "--diff", "--lang", "en", str(path)).stdout.decode()
    assert "-قال الوزير ذلك في المؤتمر[^2] ثم أضاف أمرا آخر[^1]." in diff
    assert "+قال الوزير ذلك في المؤتمر[^1] ثم أضاف أمرا آخر[^2]." in diff
    assert "+[^2]: المصدر الأول." in diff and "+[^1]: المصدر الثاني." in diff
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[1:2] not in "+-"]
    assert len(changed) == 6 and not any("كما هي" in c or "مثال" in c for c in changed)
    assert path.read_bytes() == original and sorted(os.listdir(tmp_path)) == ["d.md"]

    done = run_cli("fix", "--lang", "en", str(path))
    assert done.returncode == 0 and done.stdout.decode().strip() == f"fixed {path}: 1 fix"
    assert path.read_text("utf-8") == (
        RENUMBER.replace("المؤتمر[^2]", "المؤتمر[^X]")
        .replace("آخر[^1]", "آخر[^2]")
        .replace("المؤتمر[^X]", "المؤتمر[^1]")
        .replace("[^1]: المصدر الأول", "[^2]: المصدر الأول")
        .replace("[^2]: المصدر الثاني", "[^1]: المصدر الثاني")
    )
    assert check_file(str(path), Config(select=("footnotes",))).problems == []
    again = run_cli("fix", "--lang", "en", str(path))
    assert again.stdout.decode().strip() == f"nothing to fix in {path}"


def test_fix_writes_a_markdown_draft_into_o_and_leaves_the_draft(tmp_path):
    """`fix DRAFT.md -o OUT.md` writes the fixed text to OUT.md, as it does for Word drafts;
    the draft itself is not touched (it used to be fixed in place, -o ignored)."""
    draft = tmp_path / "draft.md"
    text = (EXAMPLES / "situation-assessment.md").read_text("utf-8")
    flawed = text.replace("الاتفاق", "الإتفاق")
    assert flawed != text
    draft.write_text(flawed, "utf-8")
    out = tmp_path / "fixed.md"
    result = run_cli("fix", "--lang", "en", str(draft), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert draft.read_text("utf-8") == flawed
    assert out.read_text("utf-8") == text
    assert f"→ {out}" in result.stdout.decode()
