"""The house-style Word document: a cover page, then the body right to left, with Arabic fonts,
real footnotes, a numbered reference list, a header and page numbers.

It is written from the document model, so a Markdown draft and a messy Word draft (bold lines
for headings, pasted superscript footnotes) give the same clean result. python-docx has no
footnote API: the footnotes part is added as an XML part (see ``docx-notes.md``). Every
property element is written in the order the OOXML schema fixes, which Word insists on.
"""

from __future__ import annotations

import io
import itertools
import re
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_SECTION
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph

from ..analysis import notes_of
from ..carry import cover_extras, cover_leftovers
from ..citations import URL, reference_entries
from ..headings import heading_text
from ..images import confined
from ..model import PROSE_KINDS, Block, Document
from ..notes import Marker
from ..rules.typography.characters import replace_control_characters
from .properties import stamp
from .style import HouseStyle

W_NS = nsdecls("w")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9 .,:;'’\"()/&%_\-–@?=#+]*[A-Za-z0-9.)/]|[A-Za-z]")
_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_PAGE = {"A4": (Cm(21.0), Cm(29.7)), "Letter": (Cm(21.59), Cm(27.94))}


def _half_points(points: float) -> int:
    return round(points * 2)


def _rpr(
    style: HouseStyle,
    *,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    colour: str | None = None,
    rtl: bool = True,
    superscript: bool = False,
    run_style: str | None = None,
    fonts: bool = True,
    underline: bool = False,
) -> str:
    """A ``w:rPr`` with its children in schema order."""
    parts = []
    if run_style:
        parts.append(f'<w:rStyle w:val="{run_style}"/>')
    if fonts:
        latin, arabic = (
            escape(style.latin_font, {'"': "&quot;"}),
            escape(style.arabic_font, {'"': "&quot;"}),
        )
        parts.append(
            f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{latin}" w:cs="{arabic}"/>'
        )
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if colour:
        parts.append(f'<w:color w:val="{colour}"/>')
    if size:
        parts.append(f'<w:sz w:val="{_half_points(size)}"/><w:szCs w:val="{_half_points(size)}"/>')
    if underline:
        parts.append('<w:u w:val="single"/>')
    if superscript:
        parts.append('<w:vertAlign w:val="superscript"/>')
    if rtl:
        parts.append("<w:rtl/>")
    if fonts:
        parts.append('<w:lang w:val="en-US" w:bidi="ar-SA"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>"


def _ppr(
    *,
    style_id: str | None = None,
    rtl: bool = True,
    align: str | None = None,
    keep_next: bool = False,
    before: int | None = None,
    after: int | None = None,
    line: float | None = None,
    outline: int | None = None,
) -> str:
    """A ``w:pPr`` with its children in schema order. ``align`` is both, center, start or end:
    in a bidi paragraph «start» is the right-hand side."""
    parts = []
    if style_id:
        parts.append(f'<w:pStyle w:val="{style_id}"/>')
    if keep_next:
        parts.append("<w:keepNext/>")
    parts.append("<w:bidi/>" if rtl else '<w:bidi w:val="0"/>')
    if before is not None or after is not None or line is not None:
        attrs = ""
        if before is not None:
            attrs += f' w:before="{before}"'
        if after is not None:
            attrs += f' w:after="{after}"'
        if line is not None:
            attrs += f' w:line="{round(line * 240)}" w:lineRule="auto"'
        parts.append(f"<w:spacing{attrs}/>")
    if align:
        parts.append(f'<w:jc w:val="{align if rtl or align in {"both", "center"} else "left"}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


class _Writer:
    def __init__(self, source: Document, style: HouseStyle) -> None:
        self.source = source
        self.style = style
        self.out = docx.Document()
        self.notes_xml: list[str] = []
        self.note_ids: dict[str, int] = {}
        # Hyperlinks inside notes: their relationships belong to the footnotes part, made last,
        # so the note XML carries placeholders (NOTE-LINK-n) resolved in footnotes_part().
        self.note_links: list[str] = []
        self.in_note = False
        self.latin_paragraph = re.compile("[A-Za-z]")
        self.image_folders: tuple[str, ...] = ()
        self.entries_by_block: dict[int, list] | None = None
        self.reference_number = 0

    # --- styles ---------------------------------------------------------------------------

    def _set_style(self, name: str, ppr: str, rpr: str, *, character: bool = False) -> None:
        styles = self.out.styles
        try:
            element = styles[name].element
        except KeyError:
            kind = (
                docx.enum.style.WD_STYLE_TYPE.CHARACTER
                if character
                else docx.enum.style.WD_STYLE_TYPE.PARAGRAPH
            )
            element = styles.add_style(name, kind).element
        for tag in ("w:pPr", "w:rPr"):
            for old in element.findall(qn(tag)):
                element.remove(old)
        if not character:
            element.append(parse_xml(ppr.replace("<w:pPr>", f"<w:pPr {W_NS}>", 1)))
        element.append(parse_xml(rpr.replace("<w:rPr>", f"<w:rPr {W_NS}>", 1)))

    def setup_styles(self) -> None:
        s = self.style
        colour_heading = s.get("colours", "heading")
        line = s.get("line_spacing", default=1.15)
        defaults = self.out.styles.element.find(qn("w:docDefaults"))
        defaults.getparent().remove(defaults)
        self.out.styles.element.insert(
            0,
            parse_xml(
                f"<w:docDefaults {W_NS}><w:rPrDefault>{_rpr(s, size=s.size('body'), rtl=False)}</w:rPrDefault>"
                f"<w:pPrDefault>{_ppr(line=line, after=120)}</w:pPrDefault></w:docDefaults>"
            ),
        )
        self._set_style(
            "Normal",
            _ppr(align="both", line=line, after=120),
            _rpr(s, size=s.size("body"), rtl=True),
        )
        for level in (1, 2, 3):
            self._set_style(
                f"Heading {level}",
                _ppr(
                    align="start",
                    keep_next=True,
                    before=360 if level == 1 else 240,
                    after=120,
                    outline=level - 1,
                ),
                _rpr(s, size=s.size(f"heading{level}"), bold=True, colour=colour_heading),
            )
        self._set_style(
            "Title",
            _ppr(align="center", before=480, after=240),
            _rpr(s, size=s.size("title"), bold=True, colour=s.get("colours", "title")),
        )
        self._set_style(
            "Subtitle", _ppr(align="center", after=240), _rpr(s, size=s.size("subtitle"))
        )
        self._set_style("Cover", _ppr(align="center", after=120), _rpr(s, size=s.size("cover")))
        self._set_style(
            "Caption", _ppr(align="center", after=120), _rpr(s, size=s.size("footnote"), bold=True)
        )
        self._set_style(
            "Footnote Text", _ppr(align="both", after=0, line=1.0), _rpr(s, size=s.size("footnote"))
        )
        self._set_style(
            "Footnote Reference",
            "",
            _rpr(s, superscript=True, fonts=False, rtl=False),
            character=True,
        )
        self._set_style(
            "Hyperlink",
            "",
            _rpr(s, colour="0563C1", underline=True, fonts=False, rtl=False),
            character=True,
        )
        self._set_style(
            "Header",
            _ppr(align="center", after=0),
            _rpr(s, size=s.size("footnote"), colour=s.get("colours", "header")),
        )
        self._set_style("Footer", _ppr(align="center", after=0), _rpr(s, size=s.size("footnote")))
        self._set_style(
            "Reference", _ppr(align="start", after=80), _rpr(s, size=s.size("body") - 1)
        )
        self._set_style(
            "Code",
            _ppr(rtl=False, align="start", after=0),
            _rpr(s, size=s.size("footnote"), rtl=False),
        )

    # --- page layout ------------------------------------------------------------------------

    def setup_section(self, section, *, numbered: bool) -> None:
        width, height = _PAGE[self.style.get("page", "size", default="A4")]
        section.page_width, section.page_height = width, height
        margins = self.style["page"]["margins_cm"]
        section.top_margin, section.bottom_margin = Cm(margins["top"]), Cm(margins["bottom"])
        section.right_margin, section.left_margin = Cm(margins["right"]), Cm(margins["left"])
        sect = section._sectPr
        if numbered:
            fmt = (
                "hindiNumbers"
                if self.style.get("numerals", "page_numbers") == "arabic-indic"
                else "decimal"
            )
            page_numbers = parse_xml(f'<w:pgNumType {W_NS} w:fmt="{fmt}" w:start="1"/>')
            cols = sect.find(qn("w:cols"))
            (cols.addprevious if cols is not None else sect.append)(page_numbers)
        if sect.find(qn("w:bidi")) is None:  # a new section copies the previous one's
            bidi = parse_xml(f"<w:bidi {W_NS}/>")
            grid = sect.find(qn("w:docGrid"))
            (grid.addprevious if grid is not None else sect.append)(bidi)

    def header_footer(self, section) -> None:
        meta = {key: self.source.meta(key) for key in ("institution", "title", "date")}
        template = self.style.get("header", "text", default="{institution}")
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        header = section.header.paragraphs[0]
        self._paragraph_xml(header, "Header", template.format(**meta), align="center")
        footer = section.footer.paragraphs[0]
        self._apply_ppr(footer, _ppr(style_id="Footer", align="center"))
        if self.style.get("footer", "text"):
            self._runs(footer, self.style.get("footer", "text") + " ")
        if self.style.get("footer", "page_numbers", default=True):
            for xml in (
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
                "<w:r><w:t>1</w:t></w:r>",
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            ):
                footer._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {W_NS}>", 1)))

    # --- paragraphs and runs -----------------------------------------------------------------

    def _add_paragraph(self) -> Paragraph:
        """A new paragraph at the end of the body. python-docx's ``add_paragraph`` searches the
        body for the place before its final ``w:sectPr`` each time, which made ``build``
        quadratic in paragraphs; the final ``w:sectPr`` is the body's last child, so the new
        paragraph goes right before it."""
        body = self.out.element.body
        p = OxmlElement("w:p")
        try:  # not len(body): lxml counts the children one by one, which is quadratic again
            last = body[-1]
        except IndexError:
            last = None
        if last is not None and last.tag == qn("w:sectPr"):
            last.addprevious(p)
        else:
            body.append(p)
        return Paragraph(p, self.out._body)

    def _apply_ppr(self, paragraph, ppr: str) -> None:
        old = paragraph._p.find(qn("w:pPr"))
        if old is not None:
            paragraph._p.remove(old)
        paragraph._p.insert(0, parse_xml(ppr.replace("<w:pPr>", f"<w:pPr {W_NS}>", 1)))

    def _runs(self, paragraph, text: str, *, bold: bool = False, italic: bool = False) -> None:
        """Runs for ``text``: URLs as hyperlinks showing the URL as written, Arabic and neutral
        stretches right to left, Latin ones not."""
        position = 0
        for match in URL.finditer(text):
            url = match.group(0).rstrip(".,;:)»”")
            end = match.start() + len(url)
            self._script_runs(paragraph, text[position : match.start()], bold=bold, italic=italic)
            self._hyperlink(paragraph, url)
            position = end
        self._script_runs(paragraph, text[position:], bold=bold, italic=italic)

    def _hyperlink(self, paragraph, url: str) -> None:
        target = url if "://" in url else f"http://{url}"
        if self.in_note:
            self.note_links.append(target)
            rel_id = f"NOTE-LINK-{len(self.note_links) - 1}"
        else:
            rel_id = self.out.part.relate_to(target, RT.HYPERLINK, is_external=True)
        rpr = '<w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
        body = f'<w:t xml:space="preserve">{escape(url)}</w:t>'
        paragraph._p.append(
            parse_xml(
                f'<w:hyperlink {nsdecls("w", "r")} r:id="{rel_id}"><w:r>{rpr}{body}</w:r></w:hyperlink>'
            )
        )

    def _script_runs(
        self, paragraph, text: str, *, bold: bool = False, italic: bool = False
    ) -> None:
        position = 0
        for match in _LATIN_RUN.finditer(text):
            if match.start() > position:
                self._run(
                    paragraph, text[position : match.start()], rtl=True, bold=bold, italic=italic
                )
            self._run(paragraph, match.group(0), rtl=False, bold=bold, italic=italic)
            position = match.end()
        if position < len(text):
            self._run(paragraph, text[position:], rtl=True, bold=bold, italic=italic)

    def _formatted_runs(
        self, paragraph, block: Block, text: str, start: int, end: int, offset: int
    ) -> None:
        """Runs for ``text[start:end]``, keeping the draft's bold and italic spans."""
        spans = [
            (m.kind, m.start + offset, m.end + offset)
            for m in block.marks
            if m.kind in {"strong", "em"}
        ]
        cuts = sorted({start, end, *(p for _, a, b in spans for p in (a, b) if start < p < end)})
        for a, b in itertools.pairwise(cuts):
            bold = block.bold or any(k == "strong" and s <= a and b <= e for k, s, e in spans)
            italic = any(k == "em" and s <= a and b <= e for k, s, e in spans)
            self._runs(paragraph, text[a:b], bold=bold, italic=italic)

    def _run(
        self, paragraph, text: str, *, rtl: bool, bold: bool = False, italic: bool = False
    ) -> None:
        rpr = (
            _rpr(self.style, bold=bold, italic=italic, rtl=rtl, fonts=False)
            if bold or italic or rtl
            else ""
        )
        pieces = replace_control_characters(text).split("\n")
        body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in pieces)
        paragraph._p.append(parse_xml(f"<w:r {W_NS}>{rpr}{body}</w:r>"))

    def _paragraph_xml(
        self, paragraph, style_id: str, text: str, *, align: str | None = None, bold: bool = False
    ) -> None:
        rtl = not _is_latin(text)
        self._apply_ppr(paragraph, _ppr(style_id=style_id, rtl=rtl, align=align))
        self._runs(paragraph, text, bold=bold)

    def paragraph(self, style_id: str, text: str, *, align: str | None = None, bold: bool = False):
        paragraph = self._add_paragraph()
        self._paragraph_xml(paragraph, style_id, text, align=align, bold=bold)
        return paragraph

    # --- the cover -------------------------------------------------------------------------

    def cover(self) -> None:
        meta = self.source.meta
        logo = self.style.get("cover", "logo")
        if logo:
            path = (self.style.path.parent / logo).resolve()
            self.out.add_picture(str(path), width=Cm(4))
            self._apply_ppr(self.out.paragraphs[-1], _ppr(style_id="Cover", align="center"))
        self.paragraph("Cover", meta("institution"), align="center", bold=True)
        if self.style.get("cover", "show_institution_en", default=True) and meta("institution_en"):
            self.paragraph("Cover", meta("institution_en"), align="center")
        if meta("date"):
            self.paragraph("Cover", self._digits(meta("date")), align="center")
        self.paragraph("Title", meta("title"), align="center")
        if meta("subtitle"):
            self.paragraph("Subtitle", meta("subtitle"), align="center")
        if meta("type"):
            self.paragraph("Cover", meta("type"), align="center", bold=True)
        self.paragraph(
            "Cover", self.style.get("cover", "prepared_by", default="إعداد"), align="center"
        )
        if meta("author"):
            self.paragraph("Cover", meta("author"), align="center", bold=True)
        if meta("affiliation"):
            self.paragraph("Cover", meta("affiliation"), align="center")
        if meta("email"):
            self.paragraph("Cover", meta("email"), align="center")
        for block in cover_leftovers(self.source):  # a status line, a second author…
            self.paragraph("Cover", block.text.strip(), align="center", bold=block.bold)
        for label, text in cover_extras(self.source):  # the summary and keywords
            self.paragraph("Cover", label, align="center", bold=True)
            self.paragraph("Normal", text, align="both")

    def _digits(self, text: str) -> str:
        if self.style.get("numerals", "list_numbers") == "arabic-indic":
            return text.translate(_INDIC)
        return text

    # --- the body ----------------------------------------------------------------------------

    def body(self) -> None:
        doc = self.source
        outline = doc.outline
        skip = set(notes_of(doc).manual_note_blocks)
        if outline.title_block is not None:
            skip.add(doc.blocks.index(outline.title_block))
        headings = {s.heading_index: s for s in outline.sections}
        reference_blocks = {i for s in outline.find("references") for i in s.block_indexes}
        markers_by_block: dict[int, list[Marker]] = {}
        for marker in notes_of(doc).markers:
            markers_by_block.setdefault(marker.block_index, []).append(marker)
        table_done: set[int] = set()
        for index, block in enumerate(doc.blocks):
            if index in skip or index in table_done:
                continue
            if block.cell is not None:
                cells = self._table_blocks(index)
                table_done.update(cells)
                self.table([doc.blocks[i] for i in cells], markers_by_block)
                continue
            if index in headings:
                self.heading(heading_text(block), 1)
                continue
            if index in reference_blocks and block.kind in {"paragraph", "list-item"}:
                self.references(index)  # the entries of this block, numbered on
                continue
            if block.kind == "heading":
                level = min(3, max(2, block.level - outline.section_level + 1))
                self.heading(block.text.strip().rstrip(":：").strip(), level)
            elif index in outline.subheadings:  # a sub-heading typed as a line of its own
                self.heading(block.text.strip().rstrip(":：").strip(), 2)
            elif block.kind == "code":
                self.paragraph("Code", block.text)
            elif block.kind == "figure":
                self.figure(block)
            elif block.kind in PROSE_KINDS:
                self.prose(block, markers_by_block.get(index, []))

    def _table_blocks(self, first: int) -> list[int]:
        """Indexes of the cell blocks of the table that starts at block ``first``."""
        blocks = self.source.blocks
        table = blocks[first].cell.table
        found = []
        for index in range(first, len(blocks)):
            cell = blocks[index].cell
            if cell is None or cell.table != table:
                break
            found.append(index)
        return found

    def table(self, blocks: list[Block], markers_by_block) -> None:
        """A right-to-left Word table with the cells' text; the first row in bold."""
        rows = 1 + max(b.cell.row for b in blocks)
        cols = 1 + max(b.cell.column for b in blocks)
        table = self.out.add_table(rows=rows, cols=cols)
        table.style = self.out.styles["Table Grid"]
        tbl_pr = table._tbl.tblPr
        tbl_pr.append(parse_xml(f"<w:bidiVisual {W_NS}/>"))
        filled: set[tuple[int, int]] = set()
        for block in blocks:
            row, col = block.cell.row, block.cell.column
            cell = table.cell(row, col)
            paragraph = cell.paragraphs[0] if (row, col) not in filled else cell.add_paragraph()
            filled.add((row, col))
            rtl = not _is_latin(block.text)
            self._apply_ppr(
                paragraph, _ppr(style_id="Normal", rtl=rtl, align="center" if row == 0 else "start")
            )
            self._runs(paragraph, block.text, bold=row == 0 or block.bold)
        self._add_paragraph()  # Word needs a paragraph between a table and what follows

    def figure(self, block: Block) -> None:
        """The picture (a file next to a Markdown draft, or the image of a Word draft), then its
        caption. A picture that cannot be found leaves its caption and nothing is lost."""
        self.pictures(block)
        if block.text.strip():
            self.paragraph("Caption", block.text.strip(), align="center")

    def pictures(self, block: Block) -> None:
        """Each picture of ``block`` it can place, centred, with its alt text (else the
        block's text) for screen readers; carry.omissions names the others."""
        for image in block.images:
            if image.data is None:
                # only from the draft's folder and below, or allowed folders (input.image-outside)
                source = confined(self.source.path, image.origin, self.image_folders)
                if source is None or not source.is_file():
                    continue
                stream = str(source)
            else:
                stream = io.BytesIO(image.data)
            try:
                shape = self.out.add_picture(stream, width=Cm(12))
            except Exception:  # not an image python-docx can place (e.g. SVG): keep the caption
                continue
            alt = image.alt.strip() or block.text.strip()
            if alt:  # the alt text screen readers announce, as the draft gave it
                shape._inline.docPr.set("descr", alt)
            self._apply_ppr(self.out.paragraphs[-1], _ppr(style_id="Caption", align="center"))

    def heading(self, text: str, level: int) -> None:
        self.paragraph(f"Heading{level}", text)

    def prose(self, block: Block, markers: list[Marker]) -> None:
        style_id = "Caption" if block.kind == "caption" else "Normal"
        text = block.text
        if block.kind == "list-item":
            item = block.list_item
            if item is not None and item.ordered:
                text = f"{self._digits(f'{item.number or 1}.')} " + text
            else:
                text = "• " + text
            offset = len(text) - len(block.text)
        else:
            offset = 0
        paragraph = self._add_paragraph()
        rtl = not _is_latin(block.text)
        self._apply_ppr(
            paragraph, _ppr(style_id=style_id, rtl=rtl, align="both" if rtl else "start")
        )
        position = 0
        for marker in sorted(markers, key=lambda m: m.start):
            start, end = marker.start + offset, marker.end + offset
            note = notes_of(self.source).note_for(marker.label)
            if note is None:
                # An undefined marker stays as the author typed it; a Markdown «[^x]» has no
                # text in the block, so its label is written back as typed.
                if marker.text and start == end:
                    self._formatted_runs(paragraph, block, text, position, start, offset)
                    self._runs(paragraph, marker.text)
                    position = end
                continue
            self._formatted_runs(paragraph, block, text, position, start, offset)
            paragraph._p.append(self.note_reference(marker.label, note))
            position = end
        self._formatted_runs(paragraph, block, text, position, len(text), offset)
        if block.images:  # pictures typed inside the paragraph: placed right after it
            self.pictures(block)

    # --- footnotes ---------------------------------------------------------------------------

    def note_reference(self, label: str, note) -> object:
        if label not in self.note_ids:
            note_id = len(self.note_ids) + 1
            self.note_ids[label] = note_id
            self.notes_xml.append(self._note_xml(note_id, note))
        note_id = self.note_ids[label]
        return parse_xml(
            f'<w:r {W_NS}><w:rPr><w:rStyle w:val="FootnoteReference"/><w:rtl/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'
        )

    def _note_lines(self, note) -> list[str]:
        """The note's text, line by line; a list item keeps its number or bullet."""
        if note.manual or not any(b.list_item is not None for b in note.blocks):
            return note.text.split("\n")
        lines = []
        for block in note.blocks:
            prefix = ""
            if block.list_item is not None:
                item = block.list_item
                prefix = f"{self._digits(f'{item.number or 1}.')} " if item.ordered else "• "
            lines.extend((prefix + block.text).split("\n"))
        return lines

    def _note_xml(self, note_id: int, note) -> str:
        paragraphs: list[str] = []
        for line in self._note_lines(note):
            if not line.strip():
                continue
            if paragraphs and _URL_ONLY.match(line):  # «متاح على الرابط التالي:» then the URL
                paragraphs[-1] = f"{paragraphs[-1].rstrip()} {line.strip()}"
            else:
                paragraphs.append(line)
        paragraphs = paragraphs or [""]
        xml = []
        for i, text in enumerate(paragraphs):
            rtl = not _is_latin(text)
            runs = ""
            if i == 0:
                runs += '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:rtl/></w:rPr><w:footnoteRef/></w:r>'
                text = " " + text
            scratch = self._add_paragraph()
            self.in_note = True
            try:
                self._runs(scratch, text)
            finally:
                self.in_note = False
            runs += "".join(_xml(r) for r in scratch._p if r.tag in (qn("w:r"), qn("w:hyperlink")))
            scratch._p.getparent().remove(scratch._p)
            xml.append(
                f"<w:p>{_ppr(style_id='FootnoteText', rtl=rtl, align='both' if rtl else 'start')}{runs}</w:p>"
            )
        return f'<w:footnote w:id="{note_id}">{"".join(xml)}</w:footnote>'

    def footnotes_part(self) -> None:
        separators = (
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            "<w:r><w:separator/></w:r></w:p></w:footnote>"
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
        )
        xml = (
            f"<w:footnotes {nsdecls('w', 'r')}>{separators}{''.join(self.notes_xml)}</w:footnotes>"
        )
        package = self.out.part.package
        empty = f"<w:footnotes {nsdecls('w', 'r')}/>"
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(empty), package)
        for index, url in enumerate(self.note_links):
            rel_id = part.relate_to(url, RT.HYPERLINK, is_external=True)
            xml = xml.replace(f'r:id="NOTE-LINK-{index}"', f'r:id="{rel_id}"', 1)
        part._element = parse_xml(xml)
        self.out.part.relate_to(part, RT.FOOTNOTES)
        settings = self.out.settings.element
        # Footnote marks in the document's digit system (Word honours hindiNumbers; LibreOffice
        # 7.4 still draws Western digits there).
        number_format = (
            '<w:numFmt w:val="hindiNumbers"/>'
            if self.style.get("numerals", "list_numbers") == "arabic-indic"
            else ""
        )
        footnote_pr = parse_xml(
            f'<w:footnotePr {W_NS}>{number_format}<w:footnote w:id="-1"/><w:footnote w:id="0"/>'
            "</w:footnotePr>"
        )
        compat = settings.find(qn("w:compat"))
        (compat.addprevious if compat is not None else settings.append)(footnote_pr)

    # --- references --------------------------------------------------------------------------

    def references(self, block_index: int) -> None:
        """The reference entries read from body block ``block_index``, numbered on from the
        entries before them (sub-headings and other blocks of the section stay in between)."""
        style = self.style.get("references", "numbering", default="1.")
        if self.entries_by_block is None:
            self.entries_by_block = {}
            for entry in reference_entries(self.source):
                self.entries_by_block.setdefault(entry.block_index, []).append(entry)
        for entry in self.entries_by_block.get(block_index, []):
            self.reference_number += 1
            number = self.reference_number
            text = entry.text.strip()
            latin = _is_latin(text)
            label = {
                "1.": f"{number}.",
                "1-": f"{number}-",
                "[1]": f"[{number}]",
                "(1)": f"({number})",
            }.get(style, "")
            # one digit system for the whole list, whatever the script of an entry
            if self.style.get("numerals", "list_numbers") == "arabic-indic":
                label = label.translate(_INDIC)
            paragraph = self._add_paragraph()
            self._apply_ppr(paragraph, _ppr(style_id="Reference", rtl=not latin, align="start"))
            self._runs(paragraph, f"{label} {text}".strip() if label else text)
            if latin:
                self._run(paragraph, "\u200e", rtl=False)

    # --- assemble --------------------------------------------------------------------------------

    def build(self) -> bytes:
        self.setup_styles()
        first = self.out.sections[0]
        self.setup_section(first, numbered=False)
        self.cover()
        body_section = self.out.add_section(WD_SECTION.NEW_PAGE)
        self.setup_section(body_section, numbered=True)
        self.header_footer(body_section)
        self.body()
        self.footnotes_part()
        meta = self.source.meta
        stamp(
            self.out,
            title=replace_control_characters(meta("title")),
            subject=replace_control_characters(meta("subtitle").strip("«»\"' ") or meta("type")),
            author=replace_control_characters(meta("author")),
            category=replace_control_characters(meta("type")),
        )
        stream = io.BytesIO()
        self.out.save(stream)
        return stream.getvalue()


_URL_ONLY = re.compile(r"^\s*https?://\S+\s*$")


def _xml(element) -> str:
    from lxml import etree

    text = etree.tostring(element, encoding="unicode")
    return re.sub(r'\sxmlns:\w+="[^"]+"', "", text)


def _is_latin(text: str) -> bool:
    latin = len(re.findall("[A-Za-z]", text))
    arabic = len(re.findall("[\u0600-\u06ff]", text))
    return latin > arabic


def build_docx(doc: Document, style: HouseStyle, image_folders: tuple[str, ...] = ()) -> bytes:
    """The house-style .docx for an analysed document (see engine.analyse). Pictures come from
    the draft's folder and below, and from ``image_folders``."""
    writer = _Writer(doc, style)
    writer.image_folders = tuple(image_folders)
    return writer.build()
