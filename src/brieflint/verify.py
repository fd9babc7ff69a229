"""Proof that a build lost nothing: the built .docx, read back with brieflint's own Word reader,
holds every part of the draft's body, in order, and every note as a footnote.

What the writer changes on purpose is accounted for here, one rule each:

* a heading loses a trailing colon;
* a list item gains its number or bullet («1. », «• ») in front;
* a reference entry is renumbered in the house style (its old number goes, a new one comes);
* a pasted note marker («¹», «^٥») becomes a real footnote reference, and the pasted note
  paragraph becomes that footnote;
* the title moves to the cover; raw HTML is not written;
* a picture's alt text is its own, or else its caption; a picture whose file cannot be found or
  that Word cannot show (an SVG) is left out and its caption kept;
* a note nothing refers to has nowhere to be anchored and is not written (BL-FN002 reports it).

Anything else missing from the built document stops the build, naming the draft's block.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from docx.image.image import Image as DocxImage

from .analysis import notes_of
from .citations import reference_entries
from .errors import InputError
from .headings import heading_text
from .images import confined
from .model import PROSE_KINDS, Block, BlockKind, Document, Image
from .rules.typography.characters import replace_control_characters


def _norm(text: str) -> str:
    """Whitespace-normalised text, without the direction marks the writer adds, and with control
    characters as the writer stores them (BL-TY004 names each one)."""
    text = replace_control_characters(text)
    return " ".join(text.replace("\u200e", " ").replace("\u200f", " ").split())


@dataclass(frozen=True)
class _Expected:
    kind: str  # text, item (gains a prefix), entry (renumbered), cell, picture
    text: str
    block: Block
    what: str  # how the refusal names it


def _picture_placeable(doc: Document, image: Image, folders: tuple[str, ...]) -> bool:
    """Whether the writer can place this picture (the same sources it uses: a picture from
    outside the draft's folder and the allowed folders is left out, BL-IN004 names it)."""
    try:
        if image.data is not None:
            DocxImage.from_blob(image.data)
            return True
        source = confined(doc.path, image.origin, folders)
        if source is None or not source.is_file():
            return False
        DocxImage.from_file(str(source))
        return True
    except Exception:  # not an image python-docx understands: the writer keeps the caption
        return False


def _without_markers(doc: Document, block: Block, index: int) -> str:
    """The block's text as the writer writes it: every marker of a known note becomes a real
    footnote reference, which has no text."""
    text = block.text
    spans = sorted(
        (m.start, m.end)
        for m in notes_of(doc).markers
        if m.block_index == index and notes_of(doc).note_for(m.label) is not None
    )
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return text


def expected_parts(doc: Document, folders: tuple[str, ...] = ()) -> list[_Expected]:
    """What the built body must contain, in order (see the module docstring)."""
    outline = doc.outline
    skip = set(notes_of(doc).manual_note_blocks)
    if outline is not None and outline.title_block is not None:
        skip.add(doc.blocks.index(outline.title_block))
    headings = {s.heading_index for s in outline.sections} if outline is not None else set()
    subheadings = outline.subheadings if outline is not None else set()
    reference_blocks = (
        {i for s in outline.find("references") for i in s.block_indexes} if outline else set()
    )
    entries_done = False
    parts: list[_Expected] = []
    for index, block in enumerate(doc.blocks):
        if index in skip or block.kind == BlockKind.HTML:
            continue
        if index in headings or block.kind == BlockKind.HEADING or index in subheadings:
            parts.append(_Expected("text", _norm(heading_text(block)), block, "heading"))
            continue
        if index in reference_blocks:
            if not entries_done:
                entries_done = True
                parts.extend(
                    _Expected("entry", _norm(e.text), e.block, "reference entry")
                    for e in reference_entries(doc)
                )
            if block.kind in {BlockKind.PARAGRAPH, BlockKind.LIST_ITEM}:
                continue
            # anything else in the references section must still be there, as it was
        if block.cell is not None:
            parts.append(_Expected("cell", _norm(block.text), block, "table cell"))
            continue
        if block.kind == BlockKind.FIGURE:
            for image in block.images:
                if _picture_placeable(doc, image, folders):
                    alt = _norm(image.alt) or _norm(block.text)
                    parts.append(_Expected("picture", alt, block, "picture"))
            parts.append(_Expected("text", _norm(block.text), block, "caption"))
        elif block.kind == BlockKind.LIST_ITEM:
            text = _norm(_without_markers(doc, block, index))
            parts.append(_Expected("item", text, block, "list item"))
        elif block.kind in PROSE_KINDS or block.kind == BlockKind.CODE:
            text = _norm(_without_markers(doc, block, index))
            parts.append(_Expected("text", text, block, block.kind.value.replace("-", " ")))
    return [p for p in parts if p.text or p.kind in {"cell", "picture"}]


def _built_parts(built: Document) -> list[tuple[str, str]]:
    parts = []
    for block in built.cover_blocks + built.blocks:
        parts.extend(("picture", _norm(image.alt)) for image in block.images)
        parts.append(("cell" if block.cell is not None else "text", _norm(block.text)))
    return parts


def _matches(expected: _Expected, kind: str, text: str) -> bool:
    if expected.kind in {"cell", "picture"}:
        return kind == expected.kind and text == expected.text
    if kind != "text":
        return False
    if expected.kind == "text":
        return text == expected.text
    # A list item gains one number or bullet; an entry loses its old number for a new one.
    if not text.endswith(expected.text):
        return False
    prefix = text[: len(text) - len(expected.text)]
    return len(prefix.split()) <= 1 and (expected.kind == "entry" or bool(prefix.strip()))


def _describe(doc: Document, part: _Expected) -> str:
    where = part.block.location.line
    place = "line" if doc.format == "markdown" else "paragraph"
    snippet = part.text if len(part.text) <= 60 else part.text[:60] + "…"
    return f"{part.what} at {place} {where}" + (f": «{snippet}»" if snippet else "")


def verify_build(doc: Document, data: bytes, folders: tuple[str, ...] = ()) -> None:
    """Raise InputError (naming the first block that would be lost) unless the built document
    ``data`` holds everything of ``doc`` (an analysed document, see engine.check_document)."""
    from .readers.docx import read_docx

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "built.docx"
        path.write_bytes(data)
        built = read_docx(str(path))
    found = _built_parts(built)
    position = 0
    for part in expected_parts(doc, folders):
        while position < len(found) and not _matches(part, *found[position]):
            position += 1
        if position == len(found):
            raise InputError(
                doc.path, f"build refused: the built document would lose the {_describe(doc, part)}"
            )
        position += 1
    footnotes = Counter(_norm(n.text) for n in built.footnotes)
    written: set[str] = set()
    for marker in notes_of(doc).markers:
        note = notes_of(doc).note_for(marker.label)
        if note is None or marker.label in written:
            continue
        written.add(marker.label)
        text = _norm(note.text)
        if footnotes[text] <= 0:
            snippet = text if len(text) <= 60 else text[:60] + "…"
            raise InputError(
                doc.path,
                f"build refused: the built document would lose note {note.label}: «{snippet}»",
            )
        footnotes[text] -= 1
