"""A tiny writer of WordprocessingML packages for reader edge cases that pandoc and LibreOffice
do not produce on demand (localised style names, broken note references, unsafe XML)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

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


def footnotes_xml(notes: dict[int, str]) -> str:
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        f"<w:footnoteRef/></w:r>{run(' ' + text) if text else ''}</w:p></w:footnote>"
        for i, text in notes.items()
    )
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
{body}
</w:footnotes>"""


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
    "comments": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
}


def write_docx(
    path: Path,
    paragraphs: list[str],
    *,
    notes: dict[int, str] | None = None,
    document_prefix: str = "",
    styles: str | None = None,
    comments: dict[int, str] | None = None,
) -> Path:
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{document_prefix}'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{"".join(paragraphs)}'
        "<w:sectPr><w:bidi/></w:sectPr></w:body></w:document>"
    )
    extra = {}
    if notes is not None:
        extra["footnotes"] = footnotes_xml(notes)
    if comments is not None:
        extra["comments"] = comments_xml(comments)
    overrides = "".join(
        f'<Override PartName="/word/{name}.xml" ContentType="{_PARTS[name]}"/>' for name in extra
    )
    rels = "".join(
        f'<Relationship Id="rId{i + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{name}" Target="{name}.xml"/>'
        for i, name in enumerate(extra)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(footnotes_override=overrides))
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("word/_rels/document.xml.rels", DOC_RELS.format(footnotes_rel=rels))
        archive.writestr("word/document.xml", document)
        archive.writestr("word/styles.xml", styles or styles_xml())
        for name, xml in extra.items():
            archive.writestr(f"word/{name}.xml", xml)
    return path
