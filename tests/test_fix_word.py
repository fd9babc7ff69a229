"""`brieflint fix` on Word drafts built part by part: a fix lands in the note it was found in
(footnote or endnote), a stale edit is refused, and — property-tested over generated drafts with
notes, comments, tracked changes, tables, pictures and headers — nothing but the announced spans
changes, and fixing twice changes nothing more."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from brieflint.engine import Config, read_document
from brieflint.fixer import fix_path, group_fixes
from brieflint.model import Edit, Fix, Location, Message, NoteKind, Problem, Severity
from brieflint.writer.patch import patch_docx

from .conftest import run_cli
from .docx_builder import (
    comment_end,
    comment_start,
    deleted,
    endnote_ref,
    image_run,
    inserted,
    note_mark,
    note_ref,
    para,
    png,
    run,
    table,
    write_docx,
)

FIXES = Config(select=("orthography", "punctuation", "typography"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def canonical(data: bytes) -> bytes:
    """An XML part in canonical form (C14N), blank text between elements ignored."""
    return etree.tostring(etree.fromstring(data, _PARSER), method="c14n")


def same_part(name: str, a: bytes, b: bytes) -> bool:
    """Byte-identical, or the same XML canonically; python-docx writes the package's content
    types and relationships in its own order, so those compare as sets of entries."""
    if a == b:
        return True
    if not name.endswith((".xml", ".rels")):
        return False
    if name == "[Content_Types].xml" or name.endswith(".rels"):
        entries = lambda data: sorted(  # noqa: E731
            etree.tostring(child, method="c14n") for child in etree.fromstring(data, _PARSER)
        )
        return entries(a) == entries(b)
    return canonical(a) == canonical(b)


def note_texts(data: bytes, kind: str) -> dict[str, bytes]:
    """Each note's ``w:id`` → the UTF-8 bytes of its text, as Word stores it."""
    root = etree.fromstring(data, _PARSER)
    return {
        note.get(f"{W}id"): "".join(t.text or "" for t in note.iter(f"{W}t")).encode("utf-8")
        for note in root.iterchildren(f"{W}{kind}")
    }


def fix_count(output: str) -> int:
    match = re.search(r": (\d+) fix(?:es)?$", output.strip())
    assert match, output
    return int(match.group(1))


def notes_draft(tmp_path: Path, footnote: str, endnote: str) -> Path:
    return write_docx(
        tmp_path / "notes.docx",
        [
            para(run("مقدمة"), style="1"),
            para(run("عقد الطرفان لقاء طارئا"), note_ref(1), run(" ثم غادرا"), endnote_ref(1)),
            para(run("وبقي الخلاف قائما حتى اليوم.")),
        ],
        notes={1: footnote},
        endnotes={1: endnote},
    )


FOOTNOTE_OK = "قال المصدر ذلك في المؤتمر الصحفي."
ENDNOTE_WRONG = "جاء ذلك في إجتماع الوزراء الأخير."
ENDNOTE_RIGHT = "جاء ذلك في اجتماع الوزراء الأخير."


def test_endnote_fix_lands_in_the_endnote_not_in_footnote_1(tmp_path):
    """The reported bug: footnote 1 and endnote 1; the endnote's fix was written into footnote 1
    (its text a mix of both), the endnote stayed wrong, and fix counted one fix per pass."""
    path = notes_draft(tmp_path, FOOTNOTE_OK, ENDNOTE_WRONG)
    before = parts(path)

    found = json.loads(run_cli("check", "--format", "json", str(path)).stdout)
    findings = [f for f in found["files"][0]["findings"] if f["rule"] == "BL-AR001"]
    assert len(findings) == 1
    assert findings[0]["note"] == {"kind": "endnote", "number": 1}
    assert "footnote" not in findings[0] and findings[0]["fixable"] is True

    result = run_cli("fix", "--lang", "en", str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert fix_count(result.stdout.decode()) == 1
    after = parts(tmp_path / "notes.fixed.docx")
    footnotes = note_texts(after["word/footnotes.xml"], "footnote")
    assert footnotes == note_texts(before["word/footnotes.xml"], "footnote")
    assert footnotes["1"] == (" " + FOOTNOTE_OK).encode("utf-8")  # byte for byte
    assert canonical(after["word/footnotes.xml"]) == canonical(before["word/footnotes.xml"])
    assert note_texts(after["word/endnotes.xml"], "endnote")["1"].decode() == " " + ENDNOTE_RIGHT
    assert canonical(after["word/document.xml"]) == canonical(before["word/document.xml"])

    # the library agrees with the command line, and a second run has nothing to do
    report = fix_path(str(path), FIXES, output=str(tmp_path / "lib.docx"))
    assert report.fixes == 1 and [p.rule for p in report.applied] == ["BL-AR001"]
    assert report.applied[0].location.note.kind is NoteKind.ENDNOTE
    assert parts(tmp_path / "lib.docx")["word/endnotes.xml"] == after["word/endnotes.xml"]
    again = fix_path(str(tmp_path / "lib.docx"), FIXES, output=str(tmp_path / "again.docx"))
    assert again.fixes == 0 and not again.changed and not (tmp_path / "again.docx").exists()


def test_footnote_1_and_endnote_1_each_get_their_own_fix(tmp_path):
    footnote = "قال المصدر إن الإنتخابات مؤجلة."
    path = notes_draft(tmp_path, footnote, ENDNOTE_WRONG)
    before = parts(path)

    found = json.loads(run_cli("check", "--format", "json", str(path)).stdout)
    notes = sorted(
        (f["note"]["kind"], f["note"]["number"], f.get("footnote"))
        for f in found["files"][0]["findings"]
        if f["rule"] == "BL-AR001"
    )
    assert notes == [("endnote", 1, None), ("footnote", 1, 1)]

    result = run_cli("fix", "--lang", "en", str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert fix_count(result.stdout.decode()) == 2  # one per error, not one per pass
    after = parts(tmp_path / "notes.fixed.docx")
    assert note_texts(after["word/footnotes.xml"], "footnote")["1"].decode() == (
        " قال المصدر إن الانتخابات مؤجلة."
    )
    assert note_texts(after["word/endnotes.xml"], "endnote")["1"].decode() == " " + ENDNOTE_RIGHT
    assert canonical(after["word/document.xml"]) == canonical(before["word/document.xml"])
    report = fix_path(str(path), FIXES, output=str(tmp_path / "lib.docx"))
    assert report.fixes == 2
    assert sorted(p.location.note.kind.value for p in report.applied) == ["endnote", "footnote"]


def _problem(fix: Fix, location: Location) -> Problem:
    return Problem(
        rule="BL-AR001",
        name="orthography.hamza-wasl",
        category="spelling",
        severity=Severity.ERROR,
        location=location,
        message=Message("test", "test"),
        fix=fix,
    )


def test_stale_edit_is_refused_and_nothing_changes(tmp_path):
    path = notes_draft(tmp_path, FOOTNOTE_OK, ENDNOTE_WRONG)
    data = path.read_bytes()
    doc = read_document(str(path), FIXES)
    endnote = next(n for n in doc.footnotes if n.kind is NoteKind.ENDNOTE).blocks[0]
    footnote = next(n for n in doc.footnotes if n.kind is NoteKind.FOOTNOTE).blocks[0]
    at = endnote.text.index("إجتماع")
    # an edit meant for the endnote whose expected text is what footnote 1 has at that place:
    # it must be refused, not written into footnote 1 (nor into the endnote)
    stale = Edit(endnote.id, at, at + 6, "اجتماع", footnote.text[at : at + 6])
    assert stale.expected != endnote.text[at : at + 6]
    problem = _problem(Fix((stale,)), endnote.location)

    new, chosen, skipped = patch_docx(data, doc, group_fixes([problem]))
    assert chosen == []
    assert skipped == [(problem, "the text here is not the text the finding named")]
    before = parts(path)
    with zipfile.ZipFile(io.BytesIO(new)) as archive:
        after = {name: archive.read(name) for name in archive.namelist()}
    assert after.keys() == before.keys()
    for name, content in before.items():
        assert same_part(name, content, after[name]), name

    # beside a good fix, the stale one is still skipped and only the good one applied
    good = Fix.replace(endnote, at, at + 6, "اجتماع")
    new, chosen, skipped = patch_docx(
        data, doc, group_fixes([problem, _problem(good, endnote.location)])
    )
    assert [fix for fix, _ in chosen] == [good] and [p for p, _ in skipped] == [problem]
    with zipfile.ZipFile(io.BytesIO(new)) as archive:
        assert note_texts(archive.read("word/endnotes.xml"), "endnote")["1"].decode() == (
            " " + ENDNOTE_RIGHT
        )
        assert canonical(archive.read("word/footnotes.xml")) == canonical(
            before["word/footnotes.xml"]
        )


# --- property: only the announced spans change, in both formats --------------------------------

# (wrong, right): errors whose correction is certain, and the one `fix` applies
ERRORS = [
    ("إجتماع", "اجتماع"),
    ("الإنتخابات", "الانتخابات"),
    ("لايوجد", "لا يوجد"),
]
# what goes between two words: right, a Latin comma after an Arabic word, a doubled space
GAPS = [(" ", " "), (" ", " "), (" ", " "), (", ", "، "), ("  ", " ")]
WORDS = [
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
]


@st.composite
def sentences(draw, min_words: int = 2, max_words: int = 7) -> tuple[str, str]:
    """A sentence with certain-fix errors in random places: (as written, as fixed)."""
    words: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(min_words, max_words))):
        if draw(st.integers(0, 3)) == 0:
            word = draw(st.sampled_from(ERRORS))
        else:
            word = (draw(st.sampled_from(WORDS)),) * 2
        if words and (word[0] == words[-1][0] or word[1].split()[0] == words[-1][1].split()[-1]):
            words.append(("ثم", "ثم"))  # a word twice in a row is a finding of its own
        words.append(word)
    wrong, right = words[0][0], words[0][1]
    for word, fixed in words[1:]:
        gap, gap_fixed = draw(st.sampled_from(GAPS))
        wrong += gap + word
        right += gap_fixed + fixed
    return wrong + ".", right + "."


def errors_in(text: str) -> int:
    """How many injected errors a generated text has: each is one fix."""
    return sum(text.count(wrong) for wrong, _ in ERRORS) + text.count(",") + text.count("  ")


@dataclass
class WordDraft:
    """A generated Word draft: body items, notes, comments and a header, each piece of text as
    written and as fixed, so the expected result is the same draft built from the fixed text."""

    body: list[tuple] = field(default_factory=list)
    # each note: its paragraphs, so that paragraph 2 of a note is told from paragraph 2 of another
    footnotes: list[list[tuple[str, str]]] = field(default_factory=list)
    endnotes: list[list[tuple[str, str]]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    header: str = ""
    pictures: int = 0

    def errors(self) -> int:
        """The injected errors in what the reader reads (not the header, not the comments)."""
        texts = [t for note in self.footnotes + self.endnotes for t, _ in note]
        for item in self.body:
            if item[0] == "table":
                texts += [cell[0] for row in item[1] for cell in row]
            elif item[0] == "paragraph":
                texts += [piece[1][0] for piece in item[1] if len(piece) > 1]
        return sum(errors_in(text) for text in texts)

    @staticmethod
    def _notes(kind: str, notes: list[list[tuple[str, str]]], pick: int) -> dict[int, str]:
        return {
            number: "".join(
                para(
                    *([note_mark(kind)] if n == 0 else []),
                    run((" " if n == 0 else "") + text[pick]),
                )
                for n, text in enumerate(paragraphs)
            )
            for number, paragraphs in enumerate(notes, start=1)
        }

    def build(self, path: Path, *, fixed: bool) -> Path:
        pick = 1 if fixed else 0
        paragraphs = [para(run("مقدمة"), style="1")]
        footnote = endnote = comment = picture = 0
        for item in self.body:
            if item[0] == "table":
                rows = [[para(run(cell[pick])) for cell in row] for row in item[1]]
                paragraphs.append(table(rows))
                continue
            if item[0] == "figure":
                picture += 1
                paragraphs.append(para(image_run(f"rIdImage{picture}", picture_id=picture)))
                continue
            runs = []
            for n, (kind, *value) in enumerate(item[1]):
                if kind == "text":
                    runs.append(run((" " if n else "") + value[0][pick]))
                elif kind == "commented":  # a comment over a run of text that has errors
                    comment += 1
                    text = (" " if n else "") + value[0][pick]
                    runs += [comment_start(comment), run(text), comment_end(comment)]
                elif kind == "footnote":
                    footnote += 1
                    runs.append(note_ref(footnote))
                elif kind == "endnote":
                    endnote += 1
                    runs.append(endnote_ref(endnote))
                elif kind == "tracked":
                    runs += [deleted("محذوف", 500 + n), inserted(run(" وأضاف"), change_id=600 + n)]
            paragraphs.append(para(*runs))
        return write_docx(
            path,
            paragraphs,
            note_paragraphs=self._notes("footnote", self.footnotes, pick),
            endnote_paragraphs=self._notes("endnote", self.endnotes, pick),
            comments={i + 1: text for i, text in enumerate(self.comments)},
            header=[para(run(self.header))],
            images={
                f"rIdImage{i + 1}": png(rgb=(i * 40 % 256, 90, 200)) for i in range(self.pictures)
            },
        )


@st.composite
def word_drafts(draw) -> WordDraft:
    draft = WordDraft(header="رأس الصفحة: إجتماع الوزراء, لايوجد")  # never read, never fixed
    for _ in range(draw(st.integers(1, 4))):
        shape = draw(st.sampled_from(["paragraph", "paragraph", "paragraph", "table", "figure"]))
        if shape == "table":
            rows = draw(st.integers(1, 2))
            cells = st.lists(sentences(1, 3), min_size=2, max_size=2)
            draft.body.append(("table", [draw(cells) for _ in range(rows)]))
        elif shape == "figure":
            draft.pictures += 1
            draft.body.append(("figure",))
        else:
            pieces: list[tuple] = []
            for n in range(draw(st.integers(1, 3))):
                text = draw(sentences())
                pieces.append(("commented" if draw(st.booleans()) and n else "text", text))
                after = draw(st.sampled_from(["", "", "footnote", "endnote", "tracked"]))
                if after == "footnote":
                    draft.footnotes.append(draw(st.lists(sentences(2, 5), min_size=1, max_size=2)))
                elif after == "endnote":
                    draft.endnotes.append(draw(st.lists(sentences(2, 5), min_size=1, max_size=2)))
                if after:
                    pieces.append((after,))
            draft.body.append(("paragraph", pieces))
    draft.comments = ["ملاحظة المحرر: إجتماع, لايوجد"] * sum(
        1 for item in draft.body if item[0] == "paragraph" for p in item[1] if p[0] == "commented"
    )
    return draft


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.large_base_example,
    ],
)
@given(draft=word_drafts())
def test_word_fix_changes_only_the_announced_spans(tmp_path, draft):
    source = draft.build(tmp_path / "draft.docx", fixed=False)
    expected = parts(draft.build(tmp_path / "expected.docx", fixed=True))
    original = parts(source)
    report = fix_path(str(source), FIXES, output=str(tmp_path / "fixed.docx"))
    assert parts(source) == original  # the draft itself is never written
    if expected == original:
        assert not report.changed
        return
    fixed = parts(tmp_path / "fixed.docx")
    assert fixed.keys() == original.keys()
    for name in original:
        assert same_part(name, fixed[name], expected[name]), name
        if name.startswith("word/media/") or name in ("word/header1.xml", "word/comments.xml"):
            assert same_part(name, fixed[name], original[name]), name  # untouched
    document = etree.fromstring(fixed["word/document.xml"], _PARSER)
    before = etree.fromstring(original["word/document.xml"], _PARSER)
    for tag in ("ins", "del", "commentRangeStart", "commentRangeEnd", "drawing"):
        assert [etree.tostring(e, method="c14n") for e in document.iter(f"{W}{tag}")] == [
            etree.tostring(e, method="c14n") for e in before.iter(f"{W}{tag}")
        ], tag
    shape = lambda root: [  # noqa: E731
        [len(row.findall(f"{W}tc")) for row in tbl.iter(f"{W}tr")] for tbl in root.iter(f"{W}tbl")
    ]
    assert shape(document) == shape(before)
    # every paragraph reads back as the expected correction, and fixing again changes nothing
    got = read_document(str(tmp_path / "fixed.docx"), FIXES)
    want = read_document(str(tmp_path / "expected.docx"), FIXES)
    assert [b.text for b in got.every_block()] == [b.text for b in want.every_block()]
    assert report.fixes == len({p.fix for p in report.applied}) == draft.errors()
    again = fix_path(str(tmp_path / "fixed.docx"), FIXES, output=str(tmp_path / "again.docx"))
    assert not again.changed and again.fixes == 0 and not (tmp_path / "again.docx").exists()
