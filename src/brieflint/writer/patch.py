"""Edit the text of a Word draft in place, run by run, for `brieflint fix`.

The paragraphs are walked exactly as the DOCX reader walks them, so a finding's paragraph number
and character offsets point at the same text nodes. An edit changes the ``w:t`` nodes it
covers and nothing else; one that would cross runs formatted differently is refused, because
merging them would change the formatting of the author's text.
"""

from __future__ import annotations

import io

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import PartFactory, XmlPart
from docx.oxml.ns import qn
from lxml import etree

from ..model import Document, Problem
from ..readers.docx import _SKIPPED, COMMENT_END, COMMENT_START, W_P, W_R, W_T, _iter_paragraphs

# python-docx keeps the footnotes part as an opaque blob unless told it is XML.
PartFactory.part_type_for[CT.WML_FOOTNOTES] = XmlPart

_TEXT_CHILDREN = {
    qn("w:t"): None,
    qn("w:tab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "-",
}


def _segments(paragraph: etree._Element) -> list[tuple[etree._Element, int, int]]:
    """(node, start, end) for every text-bearing node, in the reader's order."""
    found: list[tuple[etree._Element, int, int]] = []
    position = 0

    def walk(element: etree._Element) -> None:
        nonlocal position
        for child in element:
            tag = child.tag
            if (
                tag == W_P
                or tag in _SKIPPED
                or not isinstance(tag, str)
                or tag in (COMMENT_START, COMMENT_END)
            ):
                continue
            if tag == W_R:
                for node in child:
                    if node.tag in _TEXT_CHILDREN:
                        text = node.text or "" if node.tag == W_T else _TEXT_CHILDREN[node.tag]
                        found.append((node, position, position + len(text)))
                        position += len(text)
            else:
                walk(child)

    walk(paragraph)
    return found


def _rpr(node: etree._Element) -> bytes:
    rpr = node.getparent().find(qn("w:rPr"))
    return etree.tostring(rpr) if rpr is not None else b""


def _edit(paragraph: etree._Element, start: int, end: int, replacement: str) -> str | None:
    """Apply one edit; None when done, else why it was refused."""
    segments = _segments(paragraph)
    if start == end:  # an insertion: into the text node before the point, or the one after it
        for node, a, b in segments:
            if (node.tag == W_T and a < start <= b) or (node.tag == W_T and a <= start < b):
                _set(node, node.text[: start - a] + replacement + node.text[start - a :])
                return None
        return "no text run at this place"
    covered = [(node, a, b) for node, a, b in segments if a < end and start < b]
    if not covered or any(node.tag != W_T for node, _, _ in covered):
        return "the span includes a tab or a line break"
    if len({_rpr(node) for node, _, _ in covered}) > 1:
        return "the span crosses runs with different formatting"
    first, a, _ = covered[0]
    last, c, _ = covered[-1]
    tail = last.text[end - c :]
    _set(first, first.text[: start - a] + replacement + (tail if first is last else ""))
    if first is not last:
        for node, _, _ in covered[1:-1]:
            _set(node, "")
        _set(last, tail)
    return None


def _set(node: etree._Element, text: str) -> None:
    node.text = text
    if text != text.strip():
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _note_paragraphs(document) -> dict[int, list[etree._Element]]:
    """Paragraphs of each footnote, by the number Word displays (order of first reference)."""
    order: dict[str, int] = {}
    for reference in document.element.body.iter(qn("w:footnoteReference")):
        order.setdefault(reference.get(qn("w:id")), len(order) + 1)
    notes: dict[int, list[etree._Element]] = {}
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and isinstance(rel.target_part, XmlPart):
            for note in rel.target_part.element.iterchildren(qn("w:footnote")):
                number = order.get(note.get(qn("w:id")))
                if number is not None:
                    notes[number] = [p for p, _ in _iter_paragraphs(note)]
    return notes


def patch_docx(
    data: bytes, doc: Document, fixes: list[Problem]
) -> tuple[bytes, list[Problem], list[tuple[Problem, str]]]:
    """``data`` with ``fixes`` applied where they can be, plus what was applied and skipped."""
    document = docx.Document(io.BytesIO(data))
    paragraphs = [p for p, _ in _iter_paragraphs(document.element.body)]
    notes = _note_paragraphs(document)
    applied: list[Problem] = []
    skipped: list[tuple[Problem, str]] = []
    taken: dict[tuple[int, int], list[tuple[int, int]]] = {}
    # Last first within each paragraph, so earlier offsets stay valid.
    for problem in sorted(
        fixes, key=lambda p: (p.location.footnote or 0, p.location.line, -p.fix.start)
    ):
        loc = problem.location
        spans = taken.setdefault((loc.footnote or 0, loc.line), [])
        fix = problem.fix
        if any((fix.start < b and a < fix.end) or fix.start == a for a, b in spans):
            continue  # overlaps a fix applied in this pass: the next pass sees it afresh
        spans.append((fix.start, max(fix.end, fix.start + 1)))
        targets = notes.get(loc.footnote, []) if loc.footnote is not None else paragraphs
        if not 1 <= loc.line <= len(targets):
            skipped.append((problem, "paragraph not found"))
            continue
        reason = _edit(
            targets[loc.line - 1], problem.fix.start, problem.fix.end, problem.fix.replacement
        )
        if reason:
            skipped.append((problem, reason))
        else:
            applied.append(problem)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), applied, skipped
