"""`brieflint review`: a copy of the draft an editor reviews the way editors work.

Word: every finding becomes a Word comment (author «brieflint») anchored on the exact text it is
about — in the body, tables, cover, footnotes and endnotes — and every *safe* fix becomes a
tracked change (a deletion and an insertion by «brieflint») that the editor accepts or rejects;
unsafe fixes are only suggested in the comment. One summary comment at the top counts the
findings by family. The draft's own comments, tracked changes, styles, pictures, headers and
footers are kept; brieflint's comments from an earlier review are replaced, not duplicated.

Markdown (``--criticmarkup``): the same in CriticMarkup — ``{~~old~>new~~}`` for a safe fix,
``{==text==}{>>comment<<}`` for a finding — so that accepting every change gives exactly what
``brieflint fix`` writes and rejecting them gives back the draft.

Nothing is written unread: the reviewed file is read back, its "accept all" reading must equal
the draft with the fixes applied and its "reject all" reading the draft itself.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from .engine import Config, check_document, read_document
from .errors import InputError
from .fileio import atomic_write
from .fixer import VerificationError, choose, compare_documents, group_fixes
from .model import Document, DocxPart, DocxSource, Edit, Fix, NoteKind, Problem, Severity
from .readers.docx import W_R, W_T
from .rules import rule_by_code
from .vocabulary import count_of, family_label, note_name
from .writer.patch import _check, _Paragraphs, segments

AUTHOR = "brieflint"
INITIALS = "BL"
W_DEL, W_INS = qn("w:del"), qn("w:ins")
_RANGE = (qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference"))
_MAX_COMMENT = 1200  # characters: a comment is read in a margin


@dataclass
class ReviewReport:
    path: str
    output: str | None = None
    comments: int = 0
    changes: int = 0  # tracked changes (distinct fixes)
    findings: int = 0
    skipped: list[tuple[Problem, str]] = field(default_factory=list)


# --- what a comment says ------------------------------------------------------------------


def comment_text(problem: Problem, lang: str, *, tracked: bool) -> str:
    """The rule code and name, the explanation, and the suggestion or what was changed."""
    lines = [f"{problem.rule} ({problem.name})", problem.message.get(lang)]
    rule = rule_by_code(problem.rule) if problem.source == "brieflint" else None
    if rule is not None and rule.__doc__:
        summary = rule.__doc__.strip().split("\n", 1)[0]
        if lang == "en":
            lines.append(summary)
    if tracked:
        lines.append(
            "Corrected as a tracked change: accept or reject it."
            if lang == "en"
            else "صُحّح بتعديل متتبَّع: اقبله أو ارفضه."
        )
    elif problem.fix is not None and problem.fix.edits:
        edits = "، ".join(f"«{e.expected}» ← «{e.replacement}»" for e in problem.fix.edits[:4])
        lines.append(
            f"Suggested (not applied; check the context): {edits}"
            if lang == "en"
            else f"اقتراح (لم يُطبَّق؛ راجع السياق): {edits}"
        )
    elif problem.suggestions:
        joined = " | ".join(problem.suggestions[:3])
        lines.append(f"Suggestion: {joined}" if lang == "en" else f"الاقتراح: {joined}")
    text = "\n".join(line for line in lines if line)
    return text if len(text) <= _MAX_COMMENT else text[: _MAX_COMMENT - 1] + "…"


def summary_text(problems: list[Problem], changes: int, lang: str) -> str:
    counts = Counter(
        p.name.split(".", 1)[0] if p.source == "brieflint" else "languagetool" for p in problems
    )
    if not problems:
        return "brieflint review: no findings." if lang == "en" else "مراجعة brieflint: لا نتائج."
    separator = ", " if lang == "en" else "، "
    parts = separator.join(f"{family_label(f, lang)} {n}" for f, n in counts.most_common())
    if lang == "en":
        return (
            f"brieflint review: {count_of(len(problems), 'finding', 'en')} ({parts}); "
            f"{count_of(changes, 'change', 'en')}."
        )
    return (
        f"مراجعة brieflint: {count_of(len(problems), 'finding', 'ar')} ({parts})؛ "
        f"{count_of(changes, 'change', 'ar')}."
    )


# --- Word: positions, comments and tracked changes -----------------------------------------


def _split_at(paragraph: etree._Element, offset: int) -> tuple[etree._Element, int]:
    """A place (parent, index) in ``paragraph`` where text offset ``offset`` is a boundary
    between runs, splitting the run that straddles it. Range marks and tracked changes are
    inserted at such places."""
    found = segments(paragraph)
    for node, a, b in found:
        if a < offset < b and node.tag == W_T:
            run = node.getparent()
            second = copy.deepcopy(run)
            index = list(run).index(node)
            text = node.text or ""
            cut = offset - a
            for child in list(run)[index + 1 :]:
                run.remove(child)
            node.text = text[:cut]
            _preserve(node)
            kept = list(second)
            for child in kept[:index]:
                if child.tag != qn("w:rPr"):
                    second.remove(child)
            tail = kept[index]
            tail.text = text[cut:]
            _preserve(tail)
            run.addnext(second)
            return run.getparent(), run.getparent().index(second)
        if a == offset:
            run = node.getparent()
            return run.getparent(), run.getparent().index(run)
    if found:  # the end of the paragraph: after the last run
        run = found[-1][0].getparent()
        return run.getparent(), run.getparent().index(run) + 1
    return paragraph, len(paragraph)


def _preserve(node: etree._Element) -> None:
    if (node.text or "") != (node.text or "").strip():
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _anchor_comment(paragraph: etree._Element, start: int, end: int, comment_id: str) -> None:
    end_parent, end_index = _split_at(paragraph, end)
    end_mark = etree.Element(qn("w:commentRangeEnd"))
    end_mark.set(qn("w:id"), comment_id)
    reference = etree.Element(W_R)
    etree.SubElement(reference, qn("w:commentReference")).set(qn("w:id"), comment_id)
    end_parent.insert(end_index, end_mark)
    end_mark.addnext(reference)
    start_parent, start_index = _split_at(paragraph, start)
    start_mark = etree.Element(qn("w:commentRangeStart"))
    start_mark.set(qn("w:id"), comment_id)
    start_parent.insert(start_index, start_mark)


class _Revisions:
    """Ids and the date for the tracked changes of one review."""

    def __init__(self, root: etree._Element) -> None:
        ids = [int(v) for v in root.xpath("//@w:id") if v.lstrip("-").isdigit()]
        self.next_id = max([0, *ids]) + 1000
        self.created: set[str] = set()
        self.date = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def element(self, tag: str) -> etree._Element:
        element = etree.Element(tag)
        element.set(qn("w:id"), str(self.next_id))
        self.created.add(str(self.next_id))
        element.set(qn("w:author"), AUTHOR)
        element.set(qn("w:date"), self.date)
        self.next_id += 1
        return element


def _track(paragraph: etree._Element, edit: Edit, revisions: _Revisions) -> None:
    """Replace ``edit``'s span by a tracked deletion and insertion, each run in its own
    ``w:del`` (runs may sit on either side of range marks), the insertion after the last one
    with the formatting of the text it replaces."""
    _split_at(paragraph, edit.end)
    _split_at(paragraph, edit.start)
    runs = []
    for node, a, b in segments(paragraph):
        if edit.start <= a and b <= edit.end and a < b:
            run = node.getparent()
            if run not in runs:
                runs.append(run)
    template = runs[-1] if runs else _run_at(paragraph, edit.start)
    for run in runs:
        for text in run.iter(W_T):
            text.tag = qn("w:delText")
        wrapper = revisions.element(W_DEL)
        run.addprevious(wrapper)
        wrapper.append(run)
    if not edit.replacement:
        return
    inserted = etree.Element(W_R)
    if template is not None and template.find(qn("w:rPr")) is not None:
        inserted.append(copy.deepcopy(template.find(qn("w:rPr"))))
    text = etree.SubElement(inserted, W_T)
    text.text = edit.replacement
    _preserve(text)
    wrapper = revisions.element(W_INS)
    wrapper.append(inserted)
    if runs:
        runs[-1].getparent().addnext(wrapper)
    else:
        parent, index = _split_at(paragraph, edit.start)
        parent.insert(index, wrapper)


def _run_at(paragraph: etree._Element, offset: int) -> etree._Element | None:
    for node, a, b in segments(paragraph):
        if a <= offset <= b:
            return node.getparent()
    return None


def _remove_own_comments(document: docx.document.Document, parts: list[etree._Element]) -> None:
    """Drop the comments an earlier review added, with their ranges and references, so that a
    second review does not duplicate them."""
    comments = document.part._comments_part.element
    own = {
        c.get(qn("w:id"))
        for c in comments.iterchildren(qn("w:comment"))
        if c.get(qn("w:author")) == AUTHOR
    }
    if not own:
        return
    for comment in list(comments.iterchildren(qn("w:comment"))):
        if comment.get(qn("w:id")) in own:
            comments.remove(comment)
    for root in parts:
        for tag in _RANGE:
            for mark in list(root.iter(tag)):
                if mark.get(qn("w:id")) in own:
                    holder = mark.getparent()
                    if tag == _RANGE[2] and holder.tag == W_R and len(holder) <= 2:
                        holder.getparent().remove(holder)
                    else:
                        holder.remove(mark)


def _note_reference(
    document: docx.document.Document, doc: Document, problem: Problem
) -> etree._Element | None:
    """The body run that holds the reference mark of the note a finding is in."""
    note = next(
        (
            n
            for n in doc.footnotes
            if n.kind is problem.location.note.kind and n.label == problem.location.note.label
        ),
        None,
    )
    if note is None:
        return None
    tag = qn("w:footnoteReference" if note.kind is NoteKind.FOOTNOTE else "w:endnoteReference")
    for mark in document.element.body.iter(tag):
        if mark.get(qn("w:id")) == note.source_id:
            return mark.getparent()
    return None


def _note_prefix(problem: Problem, lang: str) -> str:
    words = f" «{problem.text}»" if problem.text.strip() else ""
    return f"[{note_name(problem.location.note, lang)}]{words}\n"


def _anchor_around(run: etree._Element, comment_id: str) -> None:
    start = etree.Element(qn("w:commentRangeStart"))
    start.set(qn("w:id"), comment_id)
    end = etree.Element(qn("w:commentRangeEnd"))
    end.set(qn("w:id"), comment_id)
    reference = etree.Element(W_R)
    etree.SubElement(reference, qn("w:commentReference")).set(qn("w:id"), comment_id)
    run.addprevious(start)
    run.addnext(end)
    end.addnext(reference)


def _note_source(doc: Document, problem: Problem) -> DocxSource | None:
    """The part, note and paragraph a finding is in."""
    loc = problem.location
    if loc.note is None:
        return DocxSource(DocxPart.BODY, loc.line - 1, [])
    for note in doc.footnotes:
        if note.kind is loc.note.kind and note.label == loc.note.label:
            part = DocxPart.FOOTNOTES if note.kind is NoteKind.FOOTNOTE else DocxPart.ENDNOTES
            return DocxSource(part, loc.line - 1, [], note_id=note.source_id)
    return None


def _span(problem: Problem, paragraph: etree._Element) -> tuple[int, int]:
    """The finding's characters in the paragraph; the whole paragraph for a finding about
    something missing."""
    loc = problem.location
    length = sum(b - a for _, a, b in segments(paragraph))
    start = max(0, min(loc.column - 1, length))
    end = loc.end_column - 1 if loc.end_column and loc.end_line in (None, loc.line) else start
    end = max(start, min(end, length))
    if end == start:
        return 0, length
    return start, end


def _review_target(path: str, output: str | None) -> str:
    """``-o``, or ``NAME.review.EXT`` beside the draft; never the draft itself."""
    target = output or str(Path(path).with_suffix("")) + ".review" + Path(path).suffix
    if Path(target).resolve() == Path(path).resolve():
        raise InputError(path, "review writes a new file: choose another -o")
    return target


def review_docx(
    path: str,
    config: Config,
    output: str | None = None,
    *,
    track_changes: bool = True,
    comments_for: Severity = Severity.INFO,
) -> ReviewReport:
    target = _review_target(path, output)
    report = ReviewReport(path)
    original = Path(path).read_bytes()
    doc = read_document(path, config)
    problems = check_document(doc, config).problems
    report.findings = len(problems)
    document = docx.Document(io.BytesIO(original))
    paragraphs = _Paragraphs(document)
    roots = [document.element, *(_note_roots(document))]
    _remove_own_comments(document, roots)
    lang = config.lang

    chosen: list[tuple[Fix, list[Problem]]] = []
    if track_changes:
        chosen = _trackable(doc, paragraphs, problems, report)
    tracked = {id(p) for _, found in chosen for p in found}

    comments = document.comments
    for problem in problems:
        if problem.severity.rank < comments_for.rank:
            continue
        if problem.location.note is not None:
            # LibreOffice (7.4) refuses a file with a comment reference inside a note, so a
            # finding in a note is anchored on the note's reference mark in the text.
            reference = _note_reference(document, doc, problem)
            if reference is not None:
                text = _note_prefix(problem, lang) + comment_text(
                    problem, lang, tracked=id(problem) in tracked
                )
                comment = comments.add_comment(text, AUTHOR, INITIALS)
                _anchor_around(reference, str(comment.comment_id))
                report.comments += 1
                continue
        source = _note_source(doc, problem)
        paragraph = paragraphs.find(source) if source is not None else None
        if paragraph is None:
            paragraph = paragraphs.body[0] if paragraphs.body else None
            if paragraph is None:
                continue
        start, end = _span(problem, paragraph)
        comment = comments.add_comment(
            comment_text(problem, lang, tracked=id(problem) in tracked), AUTHOR, INITIALS
        )
        _anchor_comment(paragraph, start, end, str(comment.comment_id))
        report.comments += 1
    if paragraphs.body:
        first = paragraphs.body[_first_body_paragraph(doc)]
        summary = comments.add_comment(summary_text(problems, len(chosen), lang), AUTHOR, INITIALS)
        _anchor_comment(
            first, 0, sum(b - a for _, a, b in segments(first)), str(summary.comment_id)
        )
        report.comments += 1

    revisions = _Revisions(document.element)
    by_paragraph: dict[int, list[tuple[etree._Element, Edit]]] = {}
    for fix, _ in chosen:
        for edit in fix.edits:
            paragraph = paragraphs.find(doc.block(edit.block).source)
            by_paragraph.setdefault(id(paragraph), []).append((paragraph, edit))
    for edits in by_paragraph.values():
        for paragraph, edit in sorted(edits, key=lambda pe: pe[1].start, reverse=True):
            _track(paragraph, edit, revisions)
    report.changes = len(chosen)

    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    _verify(data, doc, [fix for fix, _ in chosen], revisions.created, near=target, config=config)
    atomic_write(target, data)
    report.output = target
    return report


def _note_roots(document: docx.document.Document) -> list[etree._Element]:
    from docx.opc.part import XmlPart

    roots = []
    for rel in document.part.rels.values():
        part = None if rel.is_external else rel.target_part
        if isinstance(part, XmlPart) and part.element.tag in (qn("w:footnotes"), qn("w:endnotes")):
            roots.append(part.element)
    return roots


def _first_body_paragraph(doc: Document) -> int:
    """The summary goes on the first paragraph of the body, or the first of the draft."""
    first = doc.blocks[0] if doc.blocks else None
    if first is not None and isinstance(first.source, DocxSource):
        return first.source.paragraph
    return 0


def _trackable(
    doc: Document, paragraphs: _Paragraphs, problems: list[Problem], report: ReviewReport
) -> list[tuple[Fix, list[Problem]]]:
    """The safe fixes that can be tracked changes: every edit in a Word paragraph whose text is
    still the text the finding named; overlapping ones keep the first."""
    ready, spans = [], {}
    safe = [p for p in problems if p.fix is not None and p.fix.safe and p.source == "brieflint"]
    for fix, found in group_fixes(safe):
        places = []
        for edit in fix.edits:
            source = doc.block(edit.block).source if edit.block is not None else None
            paragraph = paragraphs.find(source) if isinstance(source, DocxSource) else None
            reason = "paragraph not found" if paragraph is None else _check(paragraph, edit)
            if reason:
                report.skipped.extend((p, reason) for p in found)
                break
            places.append((id(paragraph), edit.start, edit.end))
        else:
            ready.append((fix, found))
            spans[fix] = places
    return choose(ready, spans)


def _verify(
    data: bytes, before: Document, fixes: list[Fix], ids: set[str], *, near: str, config: Config
) -> None:
    """Accepting this review's changes must read as the draft with the fixes applied (the
    reader shows tracked changes as accepted), rejecting them as the draft itself."""
    rejected = _transform(data, False, lambda e: e.get(qn("w:id")) in ids)
    for view, expected in ((data, fixes), (rejected, [])):
        after = _read_bytes(view, near, config)
        after.path = before.path
        compare_documents(before, after, expected, comments=False)
    if _foreign_comments(data) != _foreign_comments(Path(before.path).read_bytes()):
        raise VerificationError(before.path, "refused: the draft's own comments would change")


def _read_bytes(data: bytes, near: str, config: Config) -> Document:
    folder = Path(near).resolve().parent
    handle, name = tempfile.mkstemp(prefix=".brieflint-review-", suffix=".docx", dir=folder)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        return read_document(name, config)
    finally:
        Path(name).unlink(missing_ok=True)


def _foreign_comments(data: bytes) -> list[tuple[str, str]]:
    """The comments not written by brieflint: (author, text), in order."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/comments.xml" not in archive.namelist():
            return []
        root = etree.fromstring(archive.read("word/comments.xml"))
    return [
        (c.get(qn("w:author"), ""), "".join(c.itertext()))
        for c in root.iterchildren(qn("w:comment"))
        if c.get(qn("w:author")) != AUTHOR
    ]


def _transform(data: bytes, accept: bool, chosen: Callable[[etree._Element], bool]) -> bytes:
    """Accept or reject, in every part, the tracked changes ``chosen`` picks."""
    import zipfile

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                root = etree.fromstring(content)
                drop, keep = (W_DEL, W_INS) if accept else (W_INS, W_DEL)
                for element in list(root.iter(drop)):
                    if chosen(element):
                        element.getparent().remove(element)
                for element in list(root.iter(keep)):
                    if chosen(element):
                        for text in element.iter(qn("w:delText")):
                            text.tag = W_T
                        parent = element.getparent()
                        index = parent.index(element)
                        for child in list(element):
                            parent.insert(index, child)
                            index += 1
                        parent.remove(element)
                content = etree.tostring(
                    root, xml_declaration=True, encoding="UTF-8", standalone=True
                )
            target.writestr(info, content)
    return out.getvalue()


def _by(author: str | None) -> Callable[[etree._Element], bool]:
    return lambda element: author is None or element.get(qn("w:author")) == author


def accept_all(data: bytes, author: str | None = AUTHOR) -> bytes:
    """The package with the tracked changes of ``author`` (every author: None) accepted."""
    return _transform(data, True, _by(author))


def reject_all(data: bytes, author: str | None = AUTHOR) -> bytes:
    """The package with the tracked changes of ``author`` (every author: None) rejected."""
    return _transform(data, False, _by(author))


__all__ = ["ReviewReport", "accept_all", "reject_all", "review_docx"]


# --- Markdown: CriticMarkup -----------------------------------------------------------------


def _critic_escape(text: str) -> str:
    """Message text that cannot close or open CriticMarkup by accident."""
    for token in ("{>>", "<<}", "{==", "==}", "{~~", "~~}", "{++", "++}", "{--", "--}", "~>"):
        text = text.replace(token, token[0] + "\u200c" + token[1:])
    return text.replace("\n", " — ")


def review_markdown(
    path: str,
    config: Config,
    output: str | None = None,
    *,
    track_changes: bool = True,
    comments_for: Severity = Severity.INFO,
) -> ReviewReport:
    """A CriticMarkup copy: safe fixes as ``{~~old~>new~~}``, findings as ``{>>…<<}`` after
    the text they are about (highlighted with ``{==…==}`` where that overlaps nothing else)."""
    from .fixer import _place_markdown, _Text
    from .readers import decode_text
    from .readers.markdown import read_markdown

    target = _review_target(path, output)
    report = ReviewReport(path)
    original = Path(path).read_bytes()
    text, encoding = decode_text(path, original)
    doc = read_markdown(path, text)
    problems = check_document(doc, config).problems
    report.findings = len(problems)
    source = _Text(text)
    lang = config.lang

    insertions: list[tuple[int, int, str]] = []  # (offset, order, text) in the original text
    replaced: list[tuple[int, int, str, str]] = []  # (start, end, old, new)
    tracked: set[int] = set()
    if track_changes:
        safe = [p for p in problems if p.fix is not None and p.fix.safe and p.source == "brieflint"]
        candidates, spans, placed = [], {}, {}
        for fix, found in group_fixes(safe):
            places = [_place_markdown(doc, edit, source) for edit in fix.edits]
            refused = next((p for p in places if isinstance(p, str)), None)
            if refused:
                report.skipped.extend((p, refused) for p in found)
                continue
            candidates.append((fix, found))
            placed[fix] = places
            spans[fix] = [(0, p.start, p.end) for p in places]
        for fix, found in choose(candidates, spans):
            for place in placed[fix]:
                old = text[place.start : place.end]
                replaced.append((place.start, place.end, old, place.replacement))
            tracked.update(id(p) for p in found)
            report.changes += 1
    busy = [(start, end) for start, end, _, _ in replaced]
    starts = _line_starts(text)
    body_start = _body_start(doc, text)
    for order, problem in enumerate(problems):
        if problem.severity.rank < comments_for.rank:
            continue
        comment = _critic_escape(comment_text(problem, lang, tracked=id(problem) in tracked))
        start, end = _offsets(problem, starts, source, body_start)
        if start < body_start:  # inside the front matter: YAML must stay YAML
            start = end = body_start
        free = end > start and not any(a < end and start < b for a, b in busy)
        if free:
            insertions.append((start, order, "{=="))
            insertions.append((end, order, "==}{>>" + comment + "<<}"))
            busy.append((start, end))
        else:
            at = max([end, *(b for a, b in busy if a < end and start < b)])
            insertions.append((at, order, "{>>" + comment + "<<}"))
        report.comments += 1
    result = _splice(
        text, [(s, e, _critic_change(old, new)) for s, e, old, new in replaced], insertions
    )
    if _critic_accept(result) != _expected_fixed(text, replaced) or _critic_reject(result) != text:
        raise VerificationError(path, "refused: the CriticMarkup copy does not round-trip")
    atomic_write(target, result.encode(encoding if encoding != "utf-8-sig" else "utf-8-sig"))
    report.output = target
    return report


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for index, ch in enumerate(text):
        if ch == "\n":
            starts.append(index + 1)
    return starts


def _body_start(doc: Document, text: str) -> int:
    """Where the text after the front matter begins (0 without front matter)."""
    if not text.startswith("---"):
        return 0
    end = text.find("\n---", 3)
    if end < 0:
        return 0
    line_end = text.find("\n", end + 4)
    return len(text) if line_end < 0 else line_end + 1


def _offsets(problem: Problem, starts: list[int], source, body_start: int) -> tuple[int, int]:
    loc = problem.location
    line = min(max(loc.line, 1), len(starts))
    start = starts[line - 1] + max(loc.column - 1, 0)
    end_line = min(max(loc.end_line or loc.line, 1), len(starts))
    end = starts[end_line - 1] + max((loc.end_column or loc.column) - 1, 0)
    return source.original(start), source.original(max(start, end))


def _critic_change(old: str, new: str) -> str:
    if not old:
        return f"{{++{new}++}}"
    if not new:
        return f"{{--{old}--}}"
    return f"{{~~{old}~>{new}~~}}"


def _splice(
    text: str, pieces: list[tuple[int, int, str]], insertions: list[tuple[int, int, str]]
) -> str:
    """``text`` with ``pieces`` (start, end, markup) replacing their spans and ``insertions``
    (offset, order, markup) inserted; at one offset, closing marks and comments come first,
    then opening highlights, then changes."""
    events = [(s, 2, order, e, p) for order, (s, e, p) in enumerate(pieces)]
    events += [
        (at, 1 if marker == "{==" else 0, order, at, marker) for at, order, marker in insertions
    ]
    out, position = [], 0
    for start, _, _, end, piece in sorted(events, key=lambda e: (e[0], e[1], e[2])):
        if start < position:
            continue
        out.append(text[position:start])
        out.append(piece)
        position = end
    out.append(text[position:])
    return "".join(out)


_CRITIC = re.compile(
    r"\{~~(?P<old>.*?)~>(?P<new>.*?)~~\}|\{\+\+(?P<ins>.*?)\+\+\}|\{--(?P<del>.*?)--\}"
    r"|\{>>.*?<<\}|\{==(?P<mark>.*?)==\}",
    re.S,
)


def _critic_resolve(text: str, accept: bool) -> str:
    """``text`` with every CriticMarkup change accepted (or rejected) and every comment and
    highlight mark removed."""

    def resolve(match: re.Match[str]) -> str:
        if match.group("old") is not None:
            return match.group("new" if accept else "old")
        for group, kept in (("ins", accept), ("del", not accept)):
            if match.group(group) is not None:
                return match.group(group) if kept else ""
        if match.group("mark") is not None:
            return _critic_resolve(match.group("mark"), accept)
        return ""

    return _CRITIC.sub(resolve, text)


def _critic_accept(text: str) -> str:
    return _critic_resolve(text, accept=True)


def _critic_reject(text: str) -> str:
    return _critic_resolve(text, accept=False)


def _expected_fixed(text: str, replaced: list[tuple[int, int, str, str]]) -> str:
    for start, end, _, new in sorted(replaced, reverse=True):
        text = text[:start] + new + text[end:]
    return text
