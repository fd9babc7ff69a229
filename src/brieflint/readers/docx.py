"""Word drafts: paragraphs in body order, heading styles, cover metadata and real footnotes.

python-docx opens the package and resolves styles; the body, footnotes and endnotes are walked as
XML so that text boxes, tracked insertions, hyperlinks and fields are read as Word shows them.
The archive is checked before anything is parsed: a zip bomb or an XML part with entity
declarations is refused with a one-line reason.
"""

from __future__ import annotations

import copy
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from ..arabic import ARABIC_LETTER
from ..errors import InputError
from ..headings import Matcher, looks_like_heading
from ..limits import MAX_LINES, MAX_TEXT_CHARACTERS
from ..model import (
    Block,
    BlockKind,
    Document,
    DocxPart,
    DocxSource,
    Image,
    InlineMark,
    ListInfo,
    Location,
    Note,
    NoteKind,
    NoteRef,
    Suppression,
    TableCell,
)
from ..suppressions import COMMENT_DIRECTIVE, parse_codes
from .cover import COVER_STYLES, extract_cover_metadata

# One budget of real decompressed bytes for the whole package: a brief's XML and pictures are far
# below it, and python-docx holds every part in memory.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
# Of which XML (every part but the pictures): python-docx's tree takes ~17 bytes of memory and
# ~50 ns of parsing per byte of XML (187 MiB measured: 9.7 s, 3.1 GB), so a draft's XML is held
# to 32 MiB — several times a 300-page book's — to keep any input within 10 s and 1 GB.
MAX_XML_UNCOMPRESSED = 32 * 1024 * 1024
# Reading costs ~20 µs per run (w:r) whatever its text; 500,000 characters of real prose are
# 10,000–50,000 runs, so more than this many is refused before the walk (a hostile file of
# one-letter runs would otherwise take ten seconds to reach the text bound).
MAX_RUNS = 150_000
_COUNT_RUNS = etree.XPath(
    "count(.//w:r)",
    namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
)
MAX_MEMBERS = 5000
_CHUNK = 1 << 20
MAX_RATIO = 200  # Word parts compress 5–20×; far beyond that is a bomb, not a document
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False
)

W_P, W_R, W_T = qn("w:p"), qn("w:r"), qn("w:t")
COMMENT_START, COMMENT_END = qn("w:commentRangeStart"), qn("w:commentRangeEnd")
A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIPPED = {
    qn("w:del"),
    qn("w:moveFrom"),
    qn("w:pPr"),
    qn("w:rPr"),
    MC_FALLBACK,
    qn("w:instrText"),
    qn("w:delText"),
}
_HEADING_NAME = re.compile(r"^(?:heading|عنوان|titre|überschrift|título)\s*(\d)$", re.IGNORECASE)
_CAPTION_NAMES = {"caption", "image caption", "table caption", "figure", "شرح", "تسمية توضيحية"}
_LIST_NAMES = ("list", "قائمة")


@dataclass(frozen=True)
class _StyleInfo:
    name: str
    outline_level: int | None
    bold: bool
    superscript: bool
    based_on: str | None


def _on(element: etree._Element | None) -> bool:
    """A Word toggle property: present and not switched off."""
    if element is None:
        return False
    return element.get(qn("w:val"), "true").lower() not in {"0", "false", "off"}


def check_archive(path: str) -> None:
    """Refuse anything that is not a safe Word package before python-docx parses it."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from None
    if not head:
        raise InputError(path, "file is empty")
    if head == _OLE_MAGIC:
        raise InputError(
            path, "an encrypted Word file or an old binary .doc, not .docx: save it as .docx"
        )
    if not zipfile.is_zipfile(path):
        raise InputError(path, "not a Word document: the file is not a zip archive")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "word/document.xml" not in names:
                raise InputError(path, "not a Word document: the zip has no word/document.xml")
            if len(infos) > MAX_MEMBERS:
                raise InputError(path, f"refused: {len(infos)} parts in the package (zip bomb?)")
            budget = [MAX_UNCOMPRESSED, MAX_XML_UNCOMPRESSED]
            for info in infos:
                _stream_member(path, archive, info, budget)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error) as exc:
        raise InputError(path, f"corrupt Word file: {exc}") from None
    except RuntimeError as exc:  # encrypted zip members
        raise InputError(path, f"cannot read Word file: {exc}") from None
    except NotImplementedError as exc:  # a compression method zipfile does not know
        raise InputError(path, f"cannot read Word file: {exc}") from None


def _stream_member(
    path: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]
) -> None:
    """Inflate one member as a stream, counting the bytes it really produces (the sizes its
    headers declare are the attacker's to choose), against ``budget``, the bytes left for the
    whole package and for its XML; check its CRC, its compression ratio and, for XML, entity declarations."""
    if info.flag_bits & 0x1:
        raise RuntimeError(f"{info.filename} is encrypted")
    raw = copy.copy(info)
    raw.compress_type = zipfile.ZIP_STORED
    raw.file_size = info.compress_size
    raw.CRC = None  # the raw bytes are read as they are; the inflated ones are checked below
    if info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
    elif info.compress_type == zipfile.ZIP_STORED:
        inflater = None
    else:
        raise InputError(
            path, f"cannot read Word file: {info.filename} uses an unknown compression"
        )
    xml = info.filename.endswith((".xml", ".rels"))
    produced, crc, tail = 0, 0, b""

    def consume(data: bytes) -> None:
        nonlocal produced, crc, tail
        produced += len(data)
        budget[0] -= len(data)
        if budget[0] < 0:
            raise InputError(
                path, f"refused: unpacks to more than {MAX_UNCOMPRESSED // 2**20} MiB (zip bomb?)"
            )
        if produced > info.file_size:
            raise InputError(
                path,
                f"refused: {info.filename} unpacks to more than the {info.file_size} bytes its "
                "header declares (zip bomb?)",
            )
        if produced > 1_000_000 and produced / max(info.compress_size, 1) > MAX_RATIO:
            raise InputError(
                path, f"refused: {info.filename} is compressed over {MAX_RATIO}:1 (zip bomb?)"
            )
        crc = zlib.crc32(data, crc)
        if xml:
            budget[1] -= len(data)
            if budget[1] < 0:
                raise InputError(
                    path,
                    f"refused: its XML unpacks to more than {MAX_XML_UNCOMPRESSED // 2**20} MiB "
                    "(the limit for a draft)",
                )
            window = tail + data
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                raise InputError(
                    path, f"refused: {info.filename} declares XML entities (unsafe XML)"
                )
            tail = window[-8:]

    with archive.open(raw) as handle:
        while chunk := handle.read(_CHUNK):
            if inflater is None:
                consume(chunk)
                continue
            data = inflater.decompress(chunk, _CHUNK)
            consume(data)
            while inflater.unconsumed_tail:
                consume(inflater.decompress(inflater.unconsumed_tail, _CHUNK))
        if inflater is not None and not inflater.eof:
            raise zipfile.BadZipFile(f"{info.filename}: the compressed data is cut short")
    if produced != info.file_size or crc != info.CRC:
        raise zipfile.BadZipFile(f"{info.filename}: damaged data (size or CRC-32 differs)")


class _StyleTable:
    def __init__(self, document: docx.document.Document) -> None:
        self._styles: dict[str, _StyleInfo] = {}
        self.default_paragraph = ""
        for style in document.styles.element.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId"), "")
            name_el = style.find(qn("w:name"))
            name = name_el.get(qn("w:val"), style_id) if name_el is not None else style_id
            ppr, rpr = style.find(qn("w:pPr")), style.find(qn("w:rPr"))
            outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
            level = _int(outline.get(qn("w:val")), 9) if outline is not None else None
            bold = rpr is not None and (_on(rpr.find(qn("w:b"))) or _on(rpr.find(qn("w:bCs"))))
            vert = rpr.find(qn("w:vertAlign")) if rpr is not None else None
            superscript = vert is not None and vert.get(qn("w:val")) == "superscript"
            based = style.find(qn("w:basedOn"))
            self._styles[style_id] = _StyleInfo(
                name=name,
                outline_level=level,
                bold=bold,
                superscript=superscript,
                based_on=based.get(qn("w:val")) if based is not None else None,
            )
            is_default = style.get(qn("w:default"), "") in {"1", "true", "on"}
            if style.get(qn("w:type")) == "paragraph" and is_default:
                self.default_paragraph = style_id

    def chain(self, style_id: str | None) -> Iterator[_StyleInfo]:
        seen: set[str] = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            info = self._styles[style_id]
            yield info
            style_id = info.based_on

    def name(self, style_id: str | None) -> str:
        info = self._styles.get(style_id or "")
        return info.name if info else ""

    def outline_level(self, style_id: str | None) -> int | None:
        return next(
            (i.outline_level for i in self.chain(style_id) if i.outline_level is not None), None
        )

    def bold(self, style_id: str | None) -> bool:
        return any(i.bold for i in self.chain(style_id))

    def superscript(self, style_id: str | None) -> bool:
        return any(i.superscript for i in self.chain(style_id))


# What each text-bearing child of a run contributes to the paragraph's text (None: its own text).
RUN_TEXT = {
    W_T: None,
    qn("w:tab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "-",
}


def paragraph_items(element: etree._Element) -> Iterator[etree._Element]:
    """The runs and comment-range marks of a ``w:p``, in the order Word shows them: tracked
    insertions, hyperlinks, fields and smart tags are descended into; deletions, moved-from text,
    properties, instruction text and Markup Compatibility fallbacks are not; a nested ``w:p``
    (a text box) is a paragraph of its own. The reader and the Word patcher both walk this way,
    so a paragraph's offsets mean the same to both."""
    for child in element:
        tag = child.tag
        if tag == W_P or tag in _SKIPPED or not isinstance(tag, str):
            continue
        if tag in (W_R, COMMENT_START, COMMENT_END):
            yield child
        else:
            yield from paragraph_items(child)


def run_text(node: etree._Element) -> str | None:
    """The text one child of a ``w:r`` adds to the paragraph, or None if it adds none."""
    if node.tag not in RUN_TEXT:
        return None
    fixed = RUN_TEXT[node.tag]
    return (node.text or "") if fixed is None else fixed


class _Paragraph:
    """Text, marks and run boundaries of one ``w:p``."""

    def __init__(self, styles: _StyleTable, paragraph_bold: bool) -> None:
        self.styles = styles
        self.paragraph_bold = paragraph_bold
        self.parts: list[str] = []
        self.length = 0
        self.marks: list[InlineMark] = []
        self.runs: list[tuple[int, int]] = []
        self.all_bold = True
        self.any_text = False
        self.page_break = False
        self.font_size = 0
        self.image_alts: list[str] = []

    def collect(self, element: etree._Element) -> None:
        for child in paragraph_items(element):
            if child.tag == W_R:
                self._run(child)
            else:
                kind = "comment-start" if child.tag == COMMENT_START else "comment-end"
                self.marks.append(
                    InlineMark(kind, self.length, self.length, child.get(qn("w:id"), ""))
                )

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def _run(self, run: etree._Element) -> None:
        rpr = run.find(qn("w:rPr"))
        char_style = None
        bold = superscript = False
        if rpr is not None:
            style_el = rpr.find(qn("w:rStyle"))
            char_style = style_el.get(qn("w:val")) if style_el is not None else None
            bold = _on(rpr.find(qn("w:b"))) or _on(rpr.find(qn("w:bCs")))
            vert = rpr.find(qn("w:vertAlign"))
            superscript = vert is not None and vert.get(qn("w:val")) == "superscript"
            size = rpr.find(qn("w:szCs"))
            if size is None:
                size = rpr.find(qn("w:sz"))
            if size is not None and size.get(qn("w:val"), "").isdigit():
                self.font_size = max(self.font_size, int(size.get(qn("w:val"))))
        run_bold, run_italic = (
            bold,
            rpr is not None and (_on(rpr.find(qn("w:i"))) or _on(rpr.find(qn("w:iCs")))),
        )
        bold = bold or self.paragraph_bold or self.styles.bold(char_style)
        superscript = superscript or self.styles.superscript(char_style)
        start, first_part = self.length, len(self.parts)
        for child in run:
            tag = child.tag
            text = run_text(child)
            if text is not None:
                if tag == qn("w:br") and child.get(qn("w:type")) == "page":
                    self.page_break = True
                self._append(text)
            elif tag == qn("w:footnoteReference"):
                self.marks.append(
                    InlineMark(
                        "footnote-ref",
                        self.length,
                        self.length,
                        child.get(qn("w:id"), ""),
                        note=NoteKind.FOOTNOTE,
                    )
                )
            elif tag == qn("w:endnoteReference"):
                self.marks.append(
                    InlineMark(
                        "footnote-ref",
                        self.length,
                        self.length,
                        child.get(qn("w:id"), ""),
                        note=NoteKind.ENDNOTE,
                    )
                )
            elif tag == qn("w:lastRenderedPageBreak"):
                continue
            elif tag in (qn("w:drawing"), qn("w:pict")):
                alt = next((d.get("descr", "") for d in child.iter(WP_DOCPR)), "")
                for blip in child.iter(A_BLIP):
                    self.marks.append(
                        InlineMark("image", self.length, self.length, blip.get(R_EMBED, ""))
                    )
                    self.image_alts.append(alt)
        end = self.length
        if end > start:
            self.runs.append((start, end))
            text = "".join(self.parts[first_part:])  # this run's text alone: linear in the runs
            if text.strip():
                self.any_text = True
                self.all_bold = self.all_bold and bold
                if superscript:
                    self.marks.append(InlineMark("superscript", start, end, text))
                if run_bold and not self.paragraph_bold:
                    self.marks.append(InlineMark("strong", start, end))
                if run_italic:
                    self.marks.append(InlineMark("em", start, end))

    @property
    def text(self) -> str:
        return "".join(self.parts)


Cell = tuple[int, int, int]  # (table number, row, column), all 0-based


def _iter_paragraphs(element: etree._Element) -> Iterator[tuple[etree._Element, Cell | None]]:
    """Every ``w:p`` in reading order (text-box paragraphs after their anchor), with the table
    cell it sits in, if any."""
    tables = 0
    stack: list[tuple[etree._Element, tuple | None]] = [(element, None)]
    # An explicit stack keeps deep documents from hitting Python's recursion limit.
    while stack:
        node, place = stack.pop()
        children = [
            c for c in node if isinstance(c.tag, str) and c.tag not in (MC_FALLBACK, qn("w:del"))
        ]
        if node.tag == W_P:
            yield node, place if place is not None and len(place) == 3 else None
        if node.tag == qn("w:tbl"):
            table, tables = tables, tables + 1
            rows = [c for c in children if c.tag == qn("w:tr")]
            row_of = {id(r): i for i, r in enumerate(rows)}
            pushed = [(c, (table, row_of[id(c)]) if id(c) in row_of else place) for c in children]
        elif node.tag == qn("w:tr") and place is not None and len(place) == 2:
            cells = [c for c in children if c.tag == qn("w:tc")]
            col_of = {id(c): i for i, c in enumerate(cells)}
            pushed = [(c, (*place, col_of[id(c)]) if id(c) in col_of else place) for c in children]
        else:
            pushed = [(c, place) for c in children]
        stack.extend(reversed(pushed))


def _int(value: str | None, default: int) -> int:
    """An integer attribute as Word writes it; anything else (a hostile «x») is the default."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Numbering:
    """Word's list numbering (``numbering.xml``): whether a numbered paragraph is a bullet or an
    ordered item, and the number Word displays for it, counted as Word counts: the running count
    belongs to the abstract numbering, so every list (``w:num``) over one abstract numbering
    continues the others; a list with a ``w:startOverride`` restarts the count where it first
    appears, and a plain list after it carries on from there (ECMA-376 §17.9). Per level, a
    deeper level restarts when a shallower one advances."""

    def __init__(self, root: etree._Element | None) -> None:
        self._formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._list: dict[str, str] = {}  # numId → the counter it shares (its abstract's)
        self._overrides: dict[str, dict[int, int]] = {}  # numId → {level: start}
        self._counters: dict[str, list[int | None]] = {}  # the displayed number per level
        self._seen: set[tuple[str, int]] = set()
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for element in root.iterchildren(qn("w:abstractNum")):
            levels = {}
            for lvl in element.iterchildren(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                start = lvl.find(qn("w:start"))
                levels[_int(lvl.get(qn("w:ilvl")), 0)] = (
                    fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
                    text.get(qn("w:val"), "") if text is not None else "",
                    _int(start.get(qn("w:val")) if start is not None else None, 1),
                )
            abstract[element.get(qn("w:abstractNumId"), "")] = levels
        for num in root.iterchildren(qn("w:num")):
            num_id = num.get(qn("w:numId"), "")
            ref = num.find(qn("w:abstractNumId"))
            abstract_id = ref.get(qn("w:val"), "") if ref is not None else ""
            levels = abstract.get(abstract_id, {})
            starts = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    level = _int(override.get(qn("w:ilvl")), 0)
                    starts[level] = _int(start.get(qn("w:val")), 1)
            self._list[num_id] = f"abstract:{abstract_id}" if levels else f"num:{num_id}"
            self._overrides[num_id] = starts
            for level, (fmt, text, start) in levels.items():
                self._formats[(num_id, level)] = (fmt, text, start)

    def item(self, num_id: str, level: int) -> ListInfo:
        fmt, text, start = self._formats.get((num_id, level), ("decimal", "", 1))
        if fmt in ("bullet", "none"):
            return ListInfo(ordered=False, marker=text)
        counters = self._counters.setdefault(self._list.get(num_id, f"num:{num_id}"), [])
        while len(counters) <= level:
            counters.append(None)
        override = self._overrides.get(num_id, {}).get(level)
        if override is not None and (num_id, level) not in self._seen:
            counters[level] = override  # the list that restarts, where it first appears
        elif counters[level] is None:
            counters[level] = start
        else:
            counters[level] += 1
        self._seen.add((num_id, level))
        del counters[level + 1 :]
        return ListInfo(ordered=True, number=counters[level], marker=text)


def _list_info(ppr: etree._Element | None, style_name: str, numbering: _Numbering) -> ListInfo:
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if num_pr is not None:
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        return numbering.item(
            num_id.get(qn("w:val"), "") if num_id is not None else "",
            _int(ilvl.get(qn("w:val")) if ilvl is not None else None, 0),
        )
    # A list style without numbering properties: «List Number» is ordered, «List Bullet» not.
    lowered = style_name.lower()
    return ListInfo(ordered="number" in lowered or "رقم" in lowered)


def _block_for(
    p: etree._Element,
    in_table: Cell | None,
    styles: _StyleTable,
    number: int,
    part: DocxPart = DocxPart.BODY,
    numbering: _Numbering | None = None,
    note_id: str | None = None,
) -> tuple[Block, bool]:
    ppr = p.find(qn("w:pPr"))
    style_id = styles.default_paragraph
    outline = None
    numbered = False
    section_break = False
    if ppr is not None:
        style_el = ppr.find(qn("w:pStyle"))
        if style_el is not None:
            style_id = style_el.get(qn("w:val"), style_id)
        outline_el = ppr.find(qn("w:outlineLvl"))
        if outline_el is not None:
            outline = _int(outline_el.get(qn("w:val")), 9)
        numbered = ppr.find(qn("w:numPr")) is not None
        section_break = ppr.find(qn("w:sectPr")) is not None
    style_name = styles.name(style_id)
    para = _Paragraph(styles, styles.bold(style_id))
    para.collect(p)
    if outline is None:
        outline = styles.outline_level(style_id)
    heading = _HEADING_NAME.match(style_name.strip())
    lowered = style_name.lower()
    if heading:
        kind, level = BlockKind.HEADING, int(heading.group(1))
    elif outline is not None and 0 <= outline < 9:
        kind, level = BlockKind.HEADING, outline + 1
    elif lowered in _CAPTION_NAMES:
        kind, level = BlockKind.CAPTION, 0
    elif in_table:
        kind, level = BlockKind.TABLE_CELL, 0
    elif numbered or lowered.startswith(_LIST_NAMES):
        kind, level = BlockKind.LIST_ITEM, 1
    else:
        kind, level = BlockKind.PARAGRAPH, 0
    block = Block(
        kind=kind,
        text=para.text,
        location=Location(number, 1),
        level=level,
        style=style_name,
        bold=para.any_text and para.all_bold,
        marks=para.marks,
        source=DocxSource(part, number - 1, para.runs, note_id=note_id, font_size=para.font_size),
    )
    if in_table is not None:
        block.cell = TableCell(*in_table)
    if kind == BlockKind.LIST_ITEM:
        block.list_item = _list_info(ppr, style_name, numbering or _Numbering(None))
    has_image = any(m.kind == "image" for m in para.marks)
    if has_image and not para.text.strip() and kind in (BlockKind.PARAGRAPH, BlockKind.CAPTION):
        # A paragraph that is only a picture, even in a caption style: its caption, if any, is
        # the paragraph that follows (pandoc's «Captioned Figure» then «Image Caption»).
        block.kind = BlockKind.FIGURE
    block.images = [Image(None, alt, "") for alt in para.image_alts]
    return block, para.page_break or section_break


def _part_xml(document: docx.document.Document, reltype: str) -> etree._Element | None:
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return etree.fromstring(rel.target_part.blob, _SAFE_PARSER)
    return None


def _read_notes(
    root: etree._Element | None, kind: NoteKind, styles: _StyleTable, numbering: _Numbering
) -> dict[str, Note]:
    notes: dict[str, Note] = {}
    if root is None:
        return notes
    part = DocxPart.FOOTNOTES if kind is NoteKind.FOOTNOTE else DocxPart.ENDNOTES
    for note in root.iterchildren(qn(f"w:{kind.value}")):
        if note.get(qn("w:type"), "normal") != "normal":
            continue  # separators and continuation notices are not notes
        note_id = note.get(qn("w:id"), "")
        blocks = []
        for index, (p, in_table) in enumerate(_iter_paragraphs(note), start=1):
            block, _ = _block_for(p, in_table, styles, index, part, numbering, note_id)
            if block.kind == BlockKind.HEADING:
                block.kind = BlockKind.PARAGRAPH
            blocks.append(block)
        notes[note_id] = Note(label=note_id, blocks=blocks, location=Location(1, 1), kind=kind)
    return notes


def _number_notes(doc: Document, notes: dict[str, Note], kind: NoteKind) -> None:
    """Label notes by the number Word displays: their order of first reference in the body.
    Footnotes and endnotes are numbered separately; an endnote's label is «e1», «e2»…"""
    order: dict[str, int] = {}
    for block in doc.blocks + doc.cover_blocks:
        for mark in block.marks:
            if mark.kind == "footnote-ref" and mark.note is kind and mark.value not in order:
                order[mark.value] = len(order) + 1
    for block in doc.cover_blocks + doc.blocks:
        block.marks = [
            replace(m, value=_display_label(m.value, order, kind))
            if m.kind == "footnote-ref" and m.note is kind
            else m
            for m in block.marks
        ]
    for note_id, note in notes.items():
        label = _display_label(note_id, order, kind)
        ref = NoteRef(kind, order.get(note_id), label)
        note.source_id = note_id
        note.label = label
        note.location = Location(1, 1, note=ref)
        for block in note.blocks:
            block.footnote = label
            block.note = ref
            block.location = Location(block.location.line, 1, note=ref)
        doc.footnotes.append(note)


def _display_label(note_id: str, order: dict[str, int], kind: NoteKind) -> str:
    """The number Word shows for a note; «id7» for a note nothing refers to."""
    prefix = "" if kind is NoteKind.FOOTNOTE else "e"
    if note_id in order:
        return f"{prefix}{order[note_id]}"
    return f"{prefix}id{note_id}"


def read_docx(
    path: str, cover_heading: Matcher | None = None, *, own_output: bool = False
) -> Document:
    """Build the document model from a .docx file.

    ``cover_heading(text)`` is how sure a line names a body section (0: it does not); the
    cover ends at the first real heading or heading-like line. ``own_output``: the document
    ``build`` just wrote, read back to verify it — not a stranger's package, so neither the
    zip-bomb checks (a long list compresses far beyond 200:1) nor the length bound apply.
    """
    if not own_output:
        check_archive(path)
    try:
        document = docx.Document(path)
    except Exception as exc:  # python-docx raises many types for broken packages
        raise InputError(path, f"cannot open as a Word document: {exc}") from None
    try:
        styles = _StyleTable(document)
    except (AttributeError, KeyError, ValueError) as exc:  # a styles part of the wrong type
        raise InputError(path, f"corrupt styles part: {exc}") from None
    try:
        numbering = _Numbering(_part_xml(document, RT.NUMBERING))
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"corrupt numbering part: {exc}") from None
    blocks: list[Block] = []
    parts = document.part.related_parts
    from . import too_long

    body = document.element.body
    runs = int(_COUNT_RUNS(body))  # counted in C, not walked
    if not own_output and runs > MAX_RUNS:
        too_long(path, 0, runs, "formatted runs", MAX_RUNS)
    characters = 0
    for number, (p, in_table) in enumerate(_iter_paragraphs(body), start=1):
        block, _ = _block_for(p, in_table, styles, number, DocxPart.BODY, numbering)
        _attach_images(block, parts)
        blocks.append(block)
        characters += len(block.text)
        if not own_output and (characters > MAX_TEXT_CHARACTERS or number > MAX_LINES):
            # refused as soon as a bound is crossed, not after reading the whole body: the
            # counts named are those read so far
            too_long(path, characters, number, "paragraphs")
    doc = Document(path=path, format="docx")
    cover_end = _cover_end(blocks, cover_heading)
    doc.cover_blocks = blocks[:cover_end]
    doc.blocks = blocks[cover_end:]
    try:
        footnotes = _read_notes(
            _part_xml(document, RT.FOOTNOTES), NoteKind.FOOTNOTE, styles, numbering
        )
        endnotes = _read_notes(
            _part_xml(document, RT.ENDNOTES), NoteKind.ENDNOTE, styles, numbering
        )
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"corrupt notes part: {exc}") from None
    _number_notes(doc, footnotes, NoteKind.FOOTNOTE)
    _number_notes(doc, endnotes, NoteKind.ENDNOTE)
    if not own_output:
        characters = sum(len(b.text) for b in blocks) + sum(len(n.text) for n in doc.footnotes)
        too_long(path, characters, len(blocks), "paragraphs")
    try:
        doc.suppressions = _comment_suppressions(
            _part_xml(document, RT.COMMENTS), doc.cover_blocks + doc.blocks
        )
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"corrupt comments part: {exc}") from None
    core = document.core_properties
    doc.metadata = extract_cover_metadata(doc.cover_blocks, core.title or "", core.author or "")
    doc.index_blocks()
    return doc


def _attach_images(block: Block, parts: dict) -> None:
    """The pictures of a paragraph, with their bytes, so that `build` can carry them over."""
    ids = [m.value for m in block.marks if m.kind == "image"]
    alts = [image.alt for image in block.images] + [""] * len(ids)
    block.images = [
        Image(parts[r].blob, alt, str(parts[r].partname))
        for r, alt in zip(ids, alts, strict=False)
        if r in parts
    ]


def _comment_suppressions(root: etree._Element | None, blocks: list[Block]) -> list[Suppression]:
    """Word comments whose text is «brieflint-disable CODE…», over the text they span."""
    if root is None:
        return []
    directives = {}
    for comment in root.iterchildren(qn("w:comment")):
        text = "".join(comment.itertext())
        match = COMMENT_DIRECTIVE.match(text)
        if match:
            directives[comment.get(qn("w:id"), "")] = parse_codes(match.group(1))
    starts, ends = {}, {}
    for block in blocks:
        for mark in block.marks:
            if mark.kind == "comment-start":
                starts[mark.value] = (block.location.line, mark.start + 1)
            elif mark.kind == "comment-end":
                ends[mark.value] = (block.location.line, mark.start + 1)
    found = []
    for comment_id, codes in directives.items():
        if comment_id in starts:
            start = starts[comment_id]
            end = ends.get(comment_id, (start[0], 10**9))
            found.append(Suppression(codes, start, end, Location(*start), "comment"))
    return found


# A cover line ends the cover only when a section keyword leads it: titles end «… وحدوده».
COVER_END_CONFIDENCE = 0.9


def _cover_end(blocks: list[Block], cover_heading: Matcher | None) -> int:
    """Index of the first body block: a real heading, a section-like line, or long prose.

    ``cover_heading(text)`` is how sure a line names a section (0: not at all); the cover's own
    styled paragraphs (Title, Subtitle, Author, Date) are never section headings, whatever
    their words (a subtitle may well say «الدوافع»). In a draft with no heading at all (text
    pasted into Word) a short line of its own that names a section ends the cover too."""
    plain = not any(
        b.kind == "heading" and b.style.strip().lower() not in COVER_STYLES for b in blocks
    )
    for index, block in enumerate(blocks):
        text = block.text.strip()
        style = block.style.strip().lower()
        if style in COVER_STYLES:
            continue
        if block.kind == "heading":
            return index
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if cover_heading and looks_like_heading(
            block,
            cover_heading,
            following=following,
            plain=plain,
            min_confidence=COVER_END_CONFIDENCE,
        ):
            return index
        if len(text.split()) > 40 and ARABIC_LETTER.search(text):
            return index
    return 0 if len(blocks) > 30 else len(blocks)
