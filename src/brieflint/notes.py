"""Footnote markers and notes, real and pasted, in reading order.

Real notes are Markdown ``[^label]`` definitions and Word footnotes/endnotes. Authors also paste
markers by hand: Unicode superscript digits («الاتفاق⁴»), a caret and digits («^٥»), superscript
runs in Word, or digits in brackets glued to a word («الاتفاق(3)»); and they type the note as a
paragraph that starts with the same marker («⁴ المصدر…», «٥- المصدر…»), often where a page
ended. Superscripts and carets are markers whatever surrounds them; bracketed markers and
«٥-»-style paragraphs count only when their partner (a note, a marker) with the same number
exists, because «المادة(3)» and «1- البند الأول» are ordinary text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import (
    ARABIC_INDIC,
    EXTENDED_ARABIC_INDIC,
    SUPERSCRIPT_DIGITS,
    Block,
    Document,
    Location,
    NoteKind,
    parse_number,
)

_SUPERSCRIPT = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
_CARET = re.compile(r"\^([0-9٠-٩۰-۹]+)")
# Glued to a word, a closing quote, or a year («عام 2019(2)»; not «المادة 12(3)»).
_GLUED_BRACKET = re.compile(
    r"(?:(?<=[\u0621-\u0652\u0640»\"”])|(?<=(?:19|20)[0-9]{2})|(?<=[١٢][٠٩][٠-٩]{2}))"
    r"[\(\[]([0-9٠-٩]{1,3})[\)\]]"
)
_STRONG_NOTE = re.compile(rf"^\s*(?:([{SUPERSCRIPT_DIGITS}]+)|\^([0-9٠-٩۰-۹]+))\s*[-–.)]?\s*(?=\S)")
# Every manual marker or note contains one of these; one search rules most paragraphs out.
_MAYBE_MANUAL = re.compile(rf"[{SUPERSCRIPT_DIGITS}^]|[\(\[][0-9٠-٩]|^\s*[0-9٠-٩]")
_WEAK_NOTE = re.compile(
    r"^\s*(?:\(([0-9٠-٩]{1,3})\)|\[([0-9٠-٩]{1,3})\]|([0-9٠-٩]{1,3})\s*[-–)])\s*(?=\S)"
)


def note_line_start(line: str) -> str | None:
    """«strong» when ``line`` opens with a superscript or caret marker («¹ المصدر»), «weak»
    when with a number that may open a note («1- المصدر», «(1) المصدر»), else None."""
    if _STRONG_NOTE.match(line):
        return "strong"
    if _WEAK_NOTE.match(line):
        return "weak"
    return None


def numeral_system(text: str) -> str:
    """western, arabic-indic or superscript: the digits a marker is written in."""
    if any(ch in ARABIC_INDIC or ch in EXTENDED_ARABIC_INDIC for ch in text):
        return "arabic-indic"
    if any(ch in SUPERSCRIPT_DIGITS for ch in text):
        return "superscript"
    return "western"


@dataclass
class Marker:
    """One reference to a note in the text."""

    label: str
    number: int | None
    style: str  # real, superscript, caret, bracket, docx-superscript
    numeral: str  # western, arabic-indic, superscript (Unicode superscript digits)
    block: Block
    block_index: int
    start: int
    end: int
    text: str  # the marker as typed; "" for a real reference
    # A real reference's note kind: footnotes and endnotes are numbered separately.
    note_kind: NoteKind | None = None

    @property
    def manual(self) -> bool:
        return self.style != "real"


@dataclass
class Note:
    """A note's text: a real footnote, or a paragraph typed after a pasted marker."""

    label: str
    number: int | None
    style: str  # real, endnote, or the manual marker style
    blocks: list[Block]
    location: Location
    marker_text: str = ""
    body_start: int = 0  # manual notes: where the note text starts after the marker
    block_index: int | None = None  # manual notes: the body block

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)[self.body_start :].strip()

    @property
    def manual(self) -> bool:
        return self.style not in {"real", "endnote"}


@dataclass
class NoteIndex:
    markers: list[Marker] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    manual_note_blocks: set[int] = field(default_factory=set)  # body blocks that are notes
    _by_label: dict[str, Note] = field(default_factory=dict, repr=False, compare=False)
    _by_label_count: int = field(default=-1, repr=False, compare=False)

    def note_for(self, label: str) -> Note | None:
        """The first note with ``label`` (a dictionary, rebuilt when notes were added: a draft
        with thousands of notes asks once per marker)."""
        if self._by_label_count != len(self.notes):
            self._by_label = {}
            for note in self.notes:
                self._by_label.setdefault(note.label, note)
            self._by_label_count = len(self.notes)
        return self._by_label.get(label)

    def referenced_labels(self) -> set[str]:
        return {m.label for m in self.markers}


def _manual_label(number: int | None, text: str) -> str:
    return f"manual:{number}" if number is not None else f"manual:{text}"


def _real_markers(doc: Document, index: NoteIndex) -> None:
    for block_index, block in enumerate(doc.blocks):
        for mark in block.footnote_refs():
            typed = f"[^{mark.value}]" if doc.format == "markdown" else ""
            index.markers.append(
                Marker(
                    mark.value,
                    _displayed_number(mark.value, mark.note),
                    "real",
                    numeral_system(mark.value),
                    block,
                    block_index,
                    mark.start,
                    mark.end,
                    typed,
                    note_kind=mark.note or NoteKind.FOOTNOTE,
                )
            )


def _displayed_number(label: str, kind: NoteKind | None) -> int | None:
    """The number a reader sees: the Word reader labels endnotes «e1», «e2»…"""
    if kind is NoteKind.ENDNOTE and label.startswith("e"):
        return parse_number(label[1:])
    return parse_number(label)


def _in_code(block, start: int, end: int) -> bool:
    """Whether ``start:end`` of the block's text touches inline code (verbatim, never a marker)."""
    return any(m.kind == "code" and m.start < end and start < m.end for m in block.marks)


def _manual_candidates(doc: Document, skip: set[int]):
    strong, weak, notes_strong, notes_weak = [], [], [], []
    for block_index, block in enumerate(doc.blocks):
        if block_index in skip or block.kind in {"heading", "code", "html"}:
            continue
        text = block.text
        if not _MAYBE_MANUAL.search(text) and not any(m.kind == "superscript" for m in block.marks):
            continue  # most paragraphs: nothing that could be a pasted marker or note
        if any(m.kind == "code" for m in block.marks):  # `[^1]` in code is not a marker:
            text = "".join(  # mask code, keeping every offset
                "\ufffc" if _in_code(block, i, i + 1) else ch for i, ch in enumerate(text)
            )
        note_match = _STRONG_NOTE.match(text)
        docx_lead = next(
            (
                m
                for m in block.marks
                if m.kind == "superscript" and m.start == len(text) - len(text.lstrip())
            ),
            None,
        )
        if note_match or (docx_lead and parse_number(docx_lead.value.strip()) is not None):
            raw = (
                (note_match.group(1) or note_match.group(2))
                if note_match
                else docx_lead.value.strip()
            )
            end = note_match.end() if note_match else docx_lead.end
            notes_strong.append(
                (
                    block_index,
                    block,
                    raw,
                    end,
                    "superscript"
                    if note_match and note_match.group(1)
                    else ("caret" if note_match else "docx-superscript"),
                )
            )
            continue
        weak_note = _WEAK_NOTE.match(text)
        if weak_note and block.kind == "paragraph":
            raw = next(g for g in weak_note.groups() if g)
            notes_weak.append((block_index, block, raw, weak_note.end(), "bracket"))
        for match in _SUPERSCRIPT.finditer(text):
            strong.append(
                (block_index, block, match.group(0), match.start(), match.end(), "superscript")
            )
        for match in _CARET.finditer(text):
            strong.append((block_index, block, match.group(1), match.start(), match.end(), "caret"))
        for mark in block.marks:
            digits = mark.value.strip()
            if mark.kind == "superscript" and parse_number(digits) is not None and mark.start > 0:
                strong.append(
                    (block_index, block, digits, mark.start, mark.end, "docx-superscript")
                )
        for match in _GLUED_BRACKET.finditer(text):
            weak.append((block_index, block, match.group(1), match.start(), match.end(), "bracket"))
    return strong, weak, notes_strong, notes_weak


def _notes_after_entries(doc: Document, references_blocks: set[int], notes_weak) -> int:
    """Where notes typed «1- …» start inside the reference list: after its numbered entries,
    the numbering starts again at 1 (notes pasted after the list, as a web page shows them).
    Past the end of the document when they do not."""
    entries = False
    starts = {block_index: parse_number(raw) for block_index, _, raw, *_ in notes_weak}
    for index in sorted(references_blocks):
        block = doc.blocks[index]
        if entries and starts.get(index) == 1:
            return index
        if index in starts or (block.list_item is not None and block.list_item.ordered):
            entries = True
    return len(doc.blocks)


def build_note_index(doc: Document) -> NoteIndex:
    """Every marker and note of ``doc``. The reference list is skipped: its «1-» entries are
    not notes."""
    references_blocks = set()
    if doc.outline is not None:
        references_blocks = {i for s in doc.outline.find("references") for i in s.block_indexes}
    index = NoteIndex()
    _real_markers(doc, index)
    for note in doc.footnotes:
        style = "endnote" if note.kind == "endnote" else "real"
        index.notes.append(Note(note.label, note.number, style, note.blocks, note.location))
    strong, weak, notes_strong, notes_weak = _manual_candidates(doc, set())
    # In the reference list, «1-» opens an entry, not a note: only a superscript or caret
    # marker makes a note there (notes pasted after the list, as a web page shows them).
    weak = [m for m in weak if m[0] not in references_blocks]
    notes_after = _notes_after_entries(doc, references_blocks, notes_weak)
    notes_weak = [n for n in notes_weak if n[0] not in references_blocks or n[0] >= notes_after]
    strong = [m for m in strong if m[0] not in references_blocks]
    marker_numbers = {parse_number(raw) for _, _, raw, *_ in strong + weak}
    note_numbers = {parse_number(raw) for _, _, raw, *_ in notes_strong + notes_weak}
    for block_index, block, raw, end, style in notes_strong + [
        n for n in notes_weak if parse_number(n[2]) in marker_numbers
    ]:
        number = parse_number(raw)
        index.notes.append(
            Note(
                _manual_label(number, raw),
                number,
                style,
                [block],
                doc.locate(block, 0, end),
                marker_text=raw,
                body_start=end,
                block_index=block_index,
            )
        )
        index.manual_note_blocks.add(block_index)
    for block_index, block, raw, start, end, style in strong + [
        m for m in weak if parse_number(m[2]) in note_numbers
    ]:
        if block_index in index.manual_note_blocks:
            continue
        number = parse_number(raw)
        index.markers.append(
            Marker(
                _manual_label(number, raw),
                number,
                style,
                numeral_system(raw),
                block,
                block_index,
                start,
                end,
                block.text[start:end],
            )
        )
    index.markers.sort(key=lambda m: (m.block_index, m.start))
    references_start = None
    headings: set[int] = set()
    if doc.outline is not None:
        headings = {s.heading_index for s in doc.outline.sections}
        if doc.outline.find("references"):
            references_start = doc.outline.find("references")[0].heading_index
    _continuation_lines(doc, index, references_start, headings)
    return index


_URL_LINE = re.compile(r"^\s*(?:<)?(?:https?://|www\.)\S+\s*$", re.IGNORECASE)


def _continuation_lines(
    doc: Document, index: NoteIndex, references_start: int | None, headings: set[int]
) -> None:
    """The lines a pasted note runs on to: its URL on the next line («متاح على الرابط
    التالي:» then the address), or — in the notes pasted after the body — a second sentence.

    A line continues the note above it when it is only a URL, when the note ends with a colon,
    or when it is in the notes area — after the reference list, or between two notes with no
    marker in between — and opens no note of its own."""
    starts = {n.block_index: n for n in index.notes if n.manual and n.block_index is not None}
    marker_blocks = {m.block_index for m in index.markers}
    ordered = sorted(starts)
    for position, (start, note) in enumerate(sorted(starts.items())):
        later = ordered[position + 1] if position + 1 < len(ordered) else None
        between_notes = later is not None and not any(start < b < later for b in marker_blocks)
        after_references = references_start is not None and start > references_start
        follow = start + 1
        while follow < len(doc.blocks) and follow not in starts:
            block = doc.blocks[follow]
            if block.kind not in {"paragraph", "list-item"} or not block.text.strip():
                break
            if follow in headings or follow in marker_blocks:
                break
            previous = note.blocks[-1].text.rstrip()
            url = bool(_URL_LINE.match(block.text))
            in_notes_area = block.kind == "paragraph" and (between_notes or after_references)
            if not (url or previous.endswith((":", "：")) or in_notes_area):
                break
            note.blocks = [*note.blocks, block]
            index.manual_note_blocks.add(follow)
            follow += 1
