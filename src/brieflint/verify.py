"""Proof that a build lost nothing: the built .docx, read back with brieflint's own Word reader,
holds every part of the draft, in order — the cover, the body, and every note as a footnote.

What the writer changes on purpose is accounted for here, one rule each:

* a heading loses a trailing colon;
* a list item gains its number or bullet («1. », «• ») in front, in the body and in a note;
* a reference entry is renumbered in the house style (its old number goes, a new one comes);
* a pasted note marker («¹», «^٥») becomes a real footnote reference, and the pasted note
  paragraph becomes that footnote;
* the title and the other cover fields move to the cover (the date in the style's digits);
* raw HTML keeps its text, not its tags (the Markdown reader reads it as paragraphs);
* a picture's alt text is its own, or else its caption.

What the writer cannot place is named by carry.omissions (a note nothing refers to, a
front-matter key that is no cover field, a picture that cannot be placed and has no caption),
and ``build`` refuses to leave it out without --force. Anything else missing from the built
document stops the build, naming the draft's block.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from docx.image.image import Image as DocxImage

from .analysis import notes_of
from .carry import cover_extras, cover_leftovers
from .citations import reference_entries
from .errors import InputError
from .headings import heading_text
from .images import confined
from .model import PROSE_KINDS, Block, BlockKind, Document, Image, Location
from .notes import Marker
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


def picture_placeable(doc: Document, image: Image, folders: tuple[str, ...]) -> bool:
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


def _as_written(doc: Document, block: Block, markers: list[Marker]) -> str:
    """The block's text as the writer writes it: every marker of a known note becomes a real
    footnote reference, which has no text; an undefined Markdown marker is written as typed."""
    text = block.text
    edits = []
    for marker in markers:
        if notes_of(doc).note_for(marker.label) is not None:
            edits.append((marker.start, marker.end, ""))
        elif marker.text and marker.start == marker.end:
            edits.append((marker.start, marker.end, marker.text))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _cover_parts(doc: Document) -> list[_Expected]:
    """The cover as the writer writes it: the fields (but the date, whose digits the style may
    change), the lines of a typed cover that are no field, then the summary and keywords."""
    where = doc.cover_blocks[0] if doc.cover_blocks else Block(BlockKind.PARAGRAPH, "", Location(1))
    parts = [
        _Expected("text", _norm(doc.meta(name)), where, f"cover field {name}")
        for name in ("institution", "title", "subtitle", "type", "author", "affiliation", "email")
    ]
    parts += [_Expected("text", _norm(b.text), b, "cover line") for b in cover_leftovers(doc)]
    for label, text in cover_extras(doc):
        parts.append(_Expected("text", _norm(label), where, "cover label"))
        parts.append(_Expected("text", _norm(text), where, f"cover {label}"))
    return parts


def expected_parts(doc: Document, folders: tuple[str, ...] = ()) -> list[_Expected]:
    """What the built document must contain, in order (see the module docstring)."""
    outline = doc.outline
    skip = set(notes_of(doc).manual_note_blocks)
    if outline is not None and outline.title_block is not None:
        skip.add(doc.blocks.index(outline.title_block))
    headings = {s.heading_index for s in outline.sections} if outline is not None else set()
    subheadings = outline.subheadings if outline is not None else set()
    reference_blocks = (
        {i for s in outline.find("references") for i in s.block_indexes} if outline else set()
    )
    entries: dict[int, list[_Expected]] = {}
    for entry in reference_entries(doc):
        entries.setdefault(entry.block_index, []).append(
            _Expected("entry", _norm(entry.text), entry.block, "reference entry")
        )
    markers: dict[int, list[Marker]] = {}
    for marker in notes_of(doc).markers:
        markers.setdefault(marker.block_index, []).append(marker)
    parts: list[_Expected] = _cover_parts(doc)
    for index, block in enumerate(doc.blocks):
        if index in skip:
            continue
        if index in headings or block.kind == BlockKind.HEADING or index in subheadings:
            parts.append(_Expected("text", _norm(heading_text(block)), block, "heading"))
            continue
        if index in reference_blocks and block.kind in {BlockKind.PARAGRAPH, BlockKind.LIST_ITEM}:
            parts.extend(entries.get(index, []))
            continue
        if block.cell is not None:
            parts.append(_Expected("cell", _norm(block.text), block, "table cell"))
            continue
        if block.kind == BlockKind.FIGURE:
            parts.extend(_pictures(doc, block, folders))
            parts.append(_Expected("text", _norm(block.text), block, "caption"))
        elif block.kind == BlockKind.LIST_ITEM:
            text = _norm(_as_written(doc, block, markers.get(index, [])))
            parts.append(_Expected("item", text, block, "list item"))
            parts.extend(_pictures(doc, block, folders))
        elif block.kind in PROSE_KINDS or block.kind == BlockKind.CODE:
            text = _norm(_as_written(doc, block, markers.get(index, [])))
            parts.append(_Expected("text", text, block, block.kind.value.replace("-", " ")))
            parts.extend(_pictures(doc, block, folders))
        else:
            parts.append(_Expected("text", _norm(block.text), block, block.kind.value))
    return [p for p in parts if p.text or p.kind in {"cell", "picture"}]


def _pictures(doc: Document, block: Block, folders: tuple[str, ...]) -> list[_Expected]:
    return [
        _Expected("picture", _norm(image.alt) or _norm(block.text), block, "picture")
        for image in block.images
        if picture_placeable(doc, image, folders)
    ]


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
        built = read_docx(str(path), own_output=True)
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
    _verify_notes(doc, built)


def _note_pieces(note) -> list[str]:
    """What a note's footnote must hold, in order: each of its paragraphs (a list item gains
    its bullet or number, so each piece is looked for inside the footnote's text)."""
    if note.manual:
        return [_norm(note.text)]
    return [t for t in (_norm(b.text) for b in note.blocks) if t]


def _holds(text: str, pieces: list[str]) -> bool:
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def _verify_notes(doc: Document, built: Document) -> None:
    """Every note a marker refers to is a footnote, in the order of the first references."""
    footnotes = [_norm(n.text) for n in built.footnotes]
    position = 0
    written: set[str] = set()
    for marker in notes_of(doc).markers:
        note = notes_of(doc).note_for(marker.label)
        if note is None or marker.label in written:
            continue
        written.add(marker.label)
        pieces = _note_pieces(note)
        while position < len(footnotes) and not _holds(footnotes[position], pieces):
            position += 1
        if position == len(footnotes):
            text = _norm(note.text)
            snippet = text if len(text) <= 60 else text[:60] + "…"
            raise InputError(
                doc.path,
                f"build refused: the built document would lose note {note.label}: «{snippet}»",
            )
        position += 1
