"""Edit the text of a Word draft in place, run by run, for `brieflint fix`.

An edit names the block it is in; the block's :class:`~brieflint.model.DocxSource` names the part
(body, footnotes, endnotes), the note's ``w:id`` and the paragraph's index in the reader's walk.
The paragraph is found by that same walk (``readers.docx.paragraph_items`` and ``run_text``), so
offsets mean the same to the reader and to the patcher. Before anything changes, the text at the
edit's span must be the text the finding named. An edit changes the ``w:t`` nodes it covers and
nothing else; one that would cross runs formatted differently is refused, because merging them
would change the formatting of the author's text.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import PartFactory, XmlPart
from docx.oxml.ns import qn
from lxml import etree

from ..model import Document, DocxPart, DocxSource, Edit, Fix, Problem
from ..readers.docx import W_R, W_T, _iter_paragraphs, paragraph_items, run_text

# python-docx keeps the notes parts as opaque blobs unless told they are XML.
PartFactory.part_type_for[CT.WML_FOOTNOTES] = XmlPart
PartFactory.part_type_for[CT.WML_ENDNOTES] = XmlPart

Segment = tuple[etree._Element, int, int]


def segments(paragraph: etree._Element) -> list[Segment]:
    """(node, start, end) for every text-bearing node, in the reader's order."""
    found: list[Segment] = []
    position = 0
    for item in paragraph_items(paragraph):
        if item.tag != W_R:
            continue
        for node in item:
            text = run_text(node)
            if text is not None:
                found.append((node, position, position + len(text)))
                position += len(text)
    return found


def _text(found: list[Segment]) -> str:
    return "".join(run_text(node) or "" for node, _, _ in found)


def _rpr(node: etree._Element) -> bytes:
    rpr = node.getparent().find(qn("w:rPr"))
    return etree.tostring(rpr) if rpr is not None else b""


def _check(paragraph: etree._Element, edit: Edit) -> str | None:
    """Why ``edit`` cannot be applied to ``paragraph`` as it is now, or None."""
    found = segments(paragraph)
    if _text(found)[edit.start : edit.end] != edit.expected:
        return "the text here is not the text the finding named"
    if edit.start == edit.end:
        if not any(node.tag == W_T and a <= edit.start <= b for node, a, b in found):
            return "no text run at this place"
        return None
    covered = [(node, a, b) for node, a, b in found if a < edit.end and edit.start < b]
    if not covered or any(node.tag != W_T for node, _, _ in covered):
        return "the span includes a tab or a line break"
    if len({_rpr(node) for node, _, _ in covered}) > 1:
        return "the span crosses runs with different formatting"
    return None


def _apply(paragraph: etree._Element, edit: Edit) -> None:
    found = segments(paragraph)
    start, end, replacement = edit.start, edit.end, edit.replacement
    if start == end:  # an insertion: into the text node before the point, or the one after it
        for node, a, b in found:
            if node.tag == W_T and (a < start <= b or a <= start < b):
                _set(node, node.text[: start - a] + replacement + node.text[start - a :])
                return
        node, a, _ = next((n, a, b) for n, a, b in found if n.tag == W_T and a <= start <= b)
        _set(node, (node.text or "")[: start - a] + replacement + (node.text or "")[start - a :])
        return
    covered = [(node, a, b) for node, a, b in found if a < end and start < b]
    first, a, _ = covered[0]
    last, c, _ = covered[-1]
    tail = last.text[end - c :]
    _set(first, first.text[: start - a] + replacement + (tail if first is last else ""))
    if first is not last:
        for node, _, _ in covered[1:-1]:
            _set(node, "")
        _set(last, tail)


def _set(node: etree._Element, text: str) -> None:
    node.text = text
    if text != text.strip():
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


class _Paragraphs:
    """The paragraphs of every part, in the reader's walk, found by a block's DocxSource."""

    def __init__(self, document: docx.document.Document) -> None:
        self.body = [p for p, _ in _iter_paragraphs(document.element.body)]
        self.notes: dict[tuple[DocxPart, str], list[etree._Element]] = {}
        for part, reltype, tag in (
            (DocxPart.FOOTNOTES, RT.FOOTNOTES, "w:footnote"),
            (DocxPart.ENDNOTES, RT.ENDNOTES, "w:endnote"),
        ):
            for rel in document.part.rels.values():
                if rel.reltype != reltype or rel.is_external:
                    continue
                if not isinstance(rel.target_part, XmlPart):
                    continue
                for note in rel.target_part.element.iterchildren(qn(tag)):
                    paragraphs = [p for p, _ in _iter_paragraphs(note)]
                    self.notes[(part, note.get(qn("w:id"), ""))] = paragraphs

    def find(self, source: DocxSource) -> etree._Element | None:
        if source.part is DocxPart.BODY:
            paragraphs = self.body
        else:
            paragraphs = self.notes.get((source.part, source.note_id or ""), [])
        if 0 <= source.paragraph < len(paragraphs):
            return paragraphs[source.paragraph]
        return None


def patch_docx(
    data: bytes, doc: Document, fixes: list[tuple[Fix, list[Problem]]]
) -> tuple[bytes, list[tuple[Fix, list[Problem]]], list[tuple[Problem, str]]]:
    """``data`` with the fixes applied where they can be: the new package, the fixes applied
    (each with the findings it resolves) and the findings skipped with the reason."""
    from ..fixer import choose

    document = docx.Document(io.BytesIO(data))
    paragraphs = _Paragraphs(document)
    skipped: list[tuple[Problem, str]] = []
    ready: list[tuple[Fix, list[Problem]]] = []
    spans: dict[Fix, list[tuple[int, int, int]]] = {}
    for fix, found in fixes:
        targets = []
        reason = None
        for edit in fix.edits:
            source = doc.block(edit.block).source if edit.block is not None else None
            paragraph = paragraphs.find(source) if isinstance(source, DocxSource) else None
            if paragraph is None:
                reason = "paragraph not found"
                break
            reason = _check(paragraph, edit)
            if reason:
                break
            targets.append((paragraph, edit))
        if reason:
            skipped.extend((problem, reason) for problem in found)
            continue
        ready.append((fix, found))
        spans[fix] = [(id(p), e.start, e.end) for p, e in targets]
    chosen = choose(ready, {fix: spans[fix] for fix, _ in ready})
    by_paragraph: dict[int, list[tuple[etree._Element, Edit]]] = {}
    for fix, _ in chosen:
        for edit in fix.edits:
            source = doc.block(edit.block).source
            paragraph = paragraphs.find(source)
            by_paragraph.setdefault(id(paragraph), []).append((paragraph, edit))
    for edits in by_paragraph.values():  # last first, so earlier offsets stay valid
        for paragraph, edit in sorted(edits, key=lambda pe: pe[1].start, reverse=True):
            _apply(paragraph, edit)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), chosen, skipped


def verify_docx(
    data: bytes,
    before: Document,
    fixes: list[Fix],
    *,
    near: str,
    config,
    revisions: tuple[int, ...],
) -> Document:
    """Read the patched package back and prove that only the announced edits changed (and
    that the tracked changes, comments and pictures still number ``revisions``, the draft's
    counts); the document read back. The temporary copy is written beside the target, named
    for what it is, and removed whatever happens."""
    from ..engine import read_document
    from ..errors import InputError
    from ..fixer import VerificationError, compare_documents

    folder = Path(near).resolve().parent
    handle, name = tempfile.mkstemp(prefix=".brieflint-verify-", suffix=".docx", dir=folder)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        try:
            after = read_document(name, config)
        except InputError as exc:  # name the user's draft, never the temporary copy
            raise VerificationError(
                before.path, f"refused: the fixed copy cannot be read back ({exc.problem})"
            ) from None
        after.path = before.path
        compare_documents(before, after, fixes)
        if revision_counts(data) != revisions:
            raise VerificationError(
                before.path, "refused: a fix would have changed tracked changes; nothing written"
            )
        return after
    finally:
        Path(name).unlink(missing_ok=True)


_REVISION_TAGS = (b"<w:ins ", b"<w:del ", b"<w:comment ", b"<w:commentRangeStart ", b"<a:blip ")


def revision_counts(data: bytes) -> tuple[int, ...]:
    """Tracked changes, comments and pictures in the package, counted tag by tag."""
    import zipfile

    counts = [0] * len(_REVISION_TAGS)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                xml = archive.read(info)
                for i, tag in enumerate(_REVISION_TAGS):
                    counts[i] += xml.count(tag)
    return tuple(counts)
