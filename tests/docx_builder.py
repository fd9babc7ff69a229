"""A tiny writer of WordprocessingML packages for reader edge cases that pandoc and LibreOffice
do not produce on demand (localised style names, broken note references, unsafe XML), and for
drafts with every kind of part a fix must leave alone: footnotes and endnotes, comments, tracked
changes, tables, pictures and headers."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
{footnotes_override}
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
{footnotes_rel}
</Relationships>"""


def styles_xml(extra: str = "") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="عنوان 2"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="SectionTitle"><w:name w:val="Section Title"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="EndnoteReference"><w:name w:val="endnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
{extra}
</w:styles>"""


def run(
    text: str, *, bold: bool = False, superscript: bool = False, size: int | None = None
) -> str:
    props = ""
    if bold:
        props += "<w:b/><w:bCs/>"
    if superscript:
        props += '<w:vertAlign w:val="superscript"/>'
    if size:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def note_ref(note_id: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


def endnote_ref(note_id: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:id="{note_id}"/></w:r>'


def inserted(*runs: str, change_id: int = 900) -> str:
    """A tracked insertion (Word shows its text; the reader reads it)."""
    return f'<w:ins w:id="{change_id}" w:author="editor">{"".join(runs)}</w:ins>'


def deleted(text: str, change_id: int = 901) -> str:
    """A tracked deletion (Word strikes it out; the reader skips it)."""
    return (
        f'<w:del w:id="{change_id}" w:author="editor"><w:r>'
        f'<w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'
    )


def image_run(rel_id: str = "rIdImage1", *, picture_id: int = 1, alt: str = "") -> str:
    """An inline picture whose bytes are the part ``rel_id`` points to (see ``write_docx``)."""
    emu = 914400
    return (
        f'<w:r><w:drawing><wp:inline xmlns:wp="{WP}"><wp:extent cx="{emu}" cy="{emu}"/>'
        f'<wp:docPr id="{picture_id}" name="Picture {picture_id}" descr="{escape(alt)}"/>'
        f'<a:graphic xmlns:a="{A}"><a:graphicData uri="{PIC}">'
        f'<pic:pic xmlns:pic="{PIC}"><pic:nvPicPr><pic:cNvPr id="{picture_id}" name="p.png"/>'
        "<pic:cNvPicPr/></pic:nvPicPr>"
        f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch>'
        f'</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu}" cy="{emu}"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def table(rows: list[list[str]]) -> str:
    """A table; each cell is the XML of its paragraphs (e.g. ``para(run(...))``)."""
    width = max((len(r) for r in rows), default=1)
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(width))
    body = "".join(
        "<w:tr>"
        + "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{cell}</w:tc>' for cell in row
        )
        + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl><w:tblPr><w:bidiVisual/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"


def png(width: int = 4, height: int = 4, rgb: tuple[int, int, int] = (0, 160, 80)) -> bytes:
    """A tiny valid PNG, made here so that no test needs a binary fixture."""
    line = b"\x00" + bytes(rgb) * width
    data = zlib.compress(line * height)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def para(
    *runs: str, style: str | None = None, outline: int | None = None, numbered: bool = False
) -> str:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if numbered:
        ppr += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    ppr += "<w:bidi/>"
    return f"<w:p><w:pPr>{ppr}</w:pPr>{''.join(runs)}</w:p>"


def _notes_xml(kind: str, notes: dict[int, str], paragraphs: dict[int, str] | None) -> str:
    """``kind`` is ``footnote`` or ``endnote``. A note is one paragraph of text (``notes``) or,
    in ``paragraphs``, its own paragraphs' XML (the first should carry the reference mark)."""
    style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    mark = f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:{kind}Ref/></w:r>'
    body = "".join(
        f'<w:{kind} w:id="{i}"><w:p>{mark}{run(" " + text) if text else ""}</w:p></w:{kind}>'
        for i, text in notes.items()
    )
    body += "".join(
        f'<w:{kind} w:id="{i}">{xml}</w:{kind}>' for i, xml in (paragraphs or {}).items()
    )
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:{kind}s xmlns:w="{W}" xmlns:r="{R}">
<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>
<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>
{body}
</w:{kind}s>"""


def footnotes_xml(notes: dict[int, str], paragraphs: dict[int, str] | None = None) -> str:
    return _notes_xml("footnote", notes, paragraphs)


def endnotes_xml(notes: dict[int, str], paragraphs: dict[int, str] | None = None) -> str:
    return _notes_xml("endnote", notes, paragraphs)


def note_mark(kind: str = "footnote") -> str:
    """The run that shows a note's number at the start of the note's first paragraph."""
    style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    return f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:{kind}Ref/></w:r>'


def header_xml(paragraphs: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:hdr xmlns:w="{W}" xmlns:r="{R}">{"".join(paragraphs)}</w:hdr>'
    )


def comment_start(comment_id: int) -> str:
    return f'<w:commentRangeStart w:id="{comment_id}"/>'


def comment_end(comment_id: int) -> str:
    return f'<w:commentRangeEnd w:id="{comment_id}"/><w:r><w:commentReference w:id="{comment_id}"/></w:r>'


def comments_xml(comments: dict[int, str]) -> str:
    body = "".join(
        f'<w:comment w:id="{i}" w:author="editor"><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:comment>'
        for i, text in comments.items()
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W}">{body}</w:comments>'


_PARTS = {
    "footnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    "endnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
    "comments": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    "header1": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
}
_REL_NAMES = {"header1": "header"}


def write_docx(
    path: Path,
    paragraphs: list[str],
    *,
    notes: dict[int, str] | None = None,
    document_prefix: str = "",
    styles: str | None = None,
    comments: dict[int, str] | None = None,
    endnotes: dict[int, str] | None = None,
    note_paragraphs: dict[int, str] | None = None,
    endnote_paragraphs: dict[int, str] | None = None,
    header: list[str] | None = None,
    images: dict[str, bytes] | None = None,
) -> Path:
    """Write a package. ``notes``/``endnotes`` map a note's ``w:id`` to its one-paragraph text;
    ``note_paragraphs``/``endnote_paragraphs`` to its paragraphs' XML; ``header`` is the
    paragraphs of a default header; ``images`` maps a relationship id (as ``image_run`` names
    it) to PNG bytes, stored as ``word/media/<id>.png``."""
    extra = {}
    if notes is not None or note_paragraphs is not None:
        extra["footnotes"] = footnotes_xml(notes or {}, note_paragraphs)
    if endnotes is not None or endnote_paragraphs is not None:
        extra["endnotes"] = endnotes_xml(endnotes or {}, endnote_paragraphs)
    if comments is not None:
        extra["comments"] = comments_xml(comments)
    if header is not None:
        extra["header1"] = header_xml(header)
    section = '<w:headerReference w:type="default" r:id="rIdHeader1"/>' if header else ""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{document_prefix}'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{"".join(paragraphs)}'
        f"<w:sectPr>{section}<w:bidi/></w:sectPr></w:body></w:document>"
    )
    overrides = "".join(
        f'<Override PartName="/word/{name}.xml" ContentType="{_PARTS[name]}"/>' for name in extra
    )
    if images:
        overrides = '<Default Extension="png" ContentType="image/png"/>' + overrides
    rels = "".join(
        f'<Relationship Id="{"rIdHeader1" if name == "header1" else f"rId{i + 2}"}" '
        f'Type="{REL_TYPE}{_REL_NAMES.get(name, name)}" Target="{name}.xml"/>'
        for i, name in enumerate(extra)
    )
    rels += "".join(
        f'<Relationship Id="{rel_id}" Type="{REL_TYPE}image" Target="media/{rel_id}.png"/>'
        for rel_id in images or {}
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(footnotes_override=overrides))
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("word/_rels/document.xml.rels", DOC_RELS.format(footnotes_rel=rels))
        archive.writestr("word/document.xml", document)
        archive.writestr("word/styles.xml", styles or styles_xml())
        for name, xml in extra.items():
            archive.writestr(f"word/{name}.xml", xml)
        for rel_id, data in (images or {}).items():
            archive.writestr(f"word/media/{rel_id}.png", data)
    return path
