"""Every form a draft arrives in, generated from one clean Markdown brief.

A brief reaches an editor as the author's Markdown, as text pasted from the publisher's web page,
as Markdown with bold lines for headings, as a Word file written by pandoc or re-saved by
LibreOffice, or as the author's own Word file (heading styles or bold lines; footnotes or
endnotes). ``write_forms`` writes them all from ``examples/*.md`` so that a test can read each
form and compare it with the clean Markdown (``tests/test_forms.py``); ``scripts/draft-forms.py``
is the command-line face of this module.

The forms carry the same text: what differs is only how the cover, headings, note markers, notes
and reference list are written, which is exactly what a reader must see through.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

FORMS = (
    "proper.md",
    "pasted.md",
    "pasted.txt",
    "bold.md",
    "pandoc.docx",
    "libreoffice.docx",
    "word-styles.docx",
    "word-bold.docx",
    "endnotes.docx",
)
DOCX_FORMS = tuple(f for f in FORMS if f.endswith(".docx"))
TEXT_FORMS = tuple(f for f in FORMS if not f.endswith(".docx"))

_MARKER = re.compile(r"\[\^([^\]\s]+)\]")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_URL_INTRO = re.compile(r"(متاح على الرابط التالي:|available at:)\s*(\S+)\s*$")


# --- the clean brief ---------------------------------------------------------------------------


@dataclass
class Block:
    kind: str  # heading, para, bullet, numbered
    text: str  # with ``[^n]`` markers as written
    level: int = 0  # headings: 2 for ``##``, 3 for ``###``


@dataclass
class Brief:
    meta: dict[str, str]
    blocks: list[Block] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # label → text, in definition order
    source: str = ""

    @property
    def month_year(self) -> tuple[str, str]:
        """The cover date split as a web page shows it: the month, then the year."""
        date = self.meta.get("date", "")
        match = re.search(r"\s*((?:19|20)\d{2}م?)\s*$", date)
        if not match:
            return date, ""
        return date[: match.start()].strip(), match.group(1)


def parse_brief(path: Path) -> Brief:
    """The clean Markdown example as blocks: just what the examples use (front matter, ``##``
    and ``###`` headings, paragraphs, ``-`` and ``1.`` lists, one-line ``[^n]:`` notes)."""
    source = path.read_text("utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", source, re.S)
    meta = {k: str(v) for k, v in (yaml.safe_load(match.group(1)) or {}).items()} if match else {}
    body = source[match.end() :] if match else source
    brief = Brief(meta=meta, source=source)
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            brief.blocks.append(Block("para", " ".join(paragraph)))
            paragraph.clear()

    for line in body.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
        elif note := re.match(r"^\[\^([^\]]+)\]:\s*(.*)$", stripped):
            flush()
            brief.notes[note.group(1)] = note.group(2).strip()
        elif heading := re.match(r"^(#{1,6})\s+(.*)$", stripped):
            flush()
            brief.blocks.append(Block("heading", heading.group(2).strip(), len(heading.group(1))))
        elif item := re.match(r"^[-*]\s+(.*)$", stripped):
            flush()
            brief.blocks.append(Block("bullet", item.group(1)))
        elif item := re.match(r"^\d+\.\s+(.*)$", stripped):
            flush()
            brief.blocks.append(Block("numbered", item.group(1)))
        else:
            paragraph.append(stripped)
    flush()
    return brief


def plain(text: str) -> str:
    """Text without Markdown emphasis or note markers."""
    text = _MARKER.sub("", text)
    return re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*", lambda m: m.group(1) or m.group(2), text)


def pieces(text: str) -> list[tuple[str, str | None]]:
    """``text`` as (text, None) runs and ("", label) note references, emphasis removed."""
    out: list[tuple[str, str | None]] = []
    position = 0
    for match in _MARKER.finditer(text):
        out.append((plain(text[position : match.start()]), None))
        out.append(("", match.group(1)))
        position = match.end()
    out.append((plain(text[position:]), None))
    return [p for p in out if p[0] or p[1]]


def note_style(example: Path) -> str:
    """How the pasted form marks notes: ``superscript`` («الاتفاق¹» and «¹ النص») or ``paren``
    («الاتفاق(1)» and «1- النص»). Fixed per example (by its name), so both styles are covered."""
    return "paren" if sum(example.name.encode()) % 2 else "superscript"


# --- text forms --------------------------------------------------------------------------------


def proper_md(brief: Brief) -> str:
    return brief.source


def _quoted(text: str) -> str:
    text = text.strip()
    return text if text.startswith(("«", '"', "“")) else f"«{text}»"


def _pasted_note(number: str, text: str, style: str) -> str:
    lead = f"{number.translate(_SUPERSCRIPT)} " if style == "superscript" else f"{number}- "
    match = _URL_INTRO.search(text)
    if match and len(match.group(2)) > 30:  # a long URL wraps onto its own line
        return f"{lead}{text[: match.start(2)].rstrip()}\n{match.group(2)}"
    return lead + text


def pasted(brief: Brief, style: str) -> str:
    """Text copied from the publisher's web page: the cover as lines, headings as short lines,
    markers glued to the word, notes as numbered lines after the reference list."""
    meta = brief.meta
    month, year = brief.month_year
    cover = [
        meta.get("title", ""),
        _quoted(meta["subtitle"]) if meta.get("subtitle") else "",
        f"... {meta.get('type', '')} ...",
        "إعداد",
        meta.get("author", ""),
        meta.get("affiliation", ""),
        meta.get("institution", ""),
        meta.get("institution_en", "").upper(),
        meta.get("email", ""),
        month,
        year,
    ]
    lines = ["\n".join(line for line in cover if line), ""]

    def marked(text: str) -> str:
        def marker(match: re.Match) -> str:
            label = match.group(1)
            return label.translate(_SUPERSCRIPT) if style == "superscript" else f"({label})"

        return _MARKER.sub(marker, _strip_emphasis(text))

    for block in brief.blocks:
        if block.kind == "heading":
            lines += [block.text, ""]
        elif block.kind == "bullet":
            lines.append(f"- {marked(block.text)}")
        elif block.kind == "numbered":
            lines.append(f"{_number_of(brief, block)}. {marked(block.text)}")
        else:
            if lines and lines[-1] != "":
                lines.append("")
            lines += [marked(block.text), ""]
    if lines[-1] != "":
        lines.append("")
    lines += [_pasted_note(label, text, style) for label, text in brief.notes.items()]
    return "\n".join(lines).rstrip() + "\n"


def _strip_emphasis(text: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*", lambda m: m.group(1) or m.group(2), text)


def _number_of(brief: Brief, block: Block) -> int:
    """A numbered item's number: its place in its run of numbered items."""
    index = brief.blocks.index(block)
    number = 1
    while index - number >= 0 and brief.blocks[index - number].kind == "numbered":
        number += 1
    return number


def bold_md(brief: Brief) -> str:
    """Headings typed as bold lines: every other one ends in a colon, as in real drafts."""
    count = 0

    def bold(match: re.Match) -> str:
        nonlocal count
        count += 1
        text = match.group(2).strip()
        return f"**{text}:**" if count % 2 else f"**{text}**"

    return re.sub(r"^(#{1,6})\s+(.+)$", bold, brief.source, flags=re.M)


# --- Word files --------------------------------------------------------------------------------


def pandoc_docx(proper: Path, out: Path) -> Path:
    """pandoc's own Word file: title, subtitle, author (with the affiliation as a second author
    line) and date in pandoc's Title/Subtitle/Author/Date styles; the type label, institution
    names and e-mail as plain paragraphs above the first heading; real footnotes."""
    brief = parse_brief(proper)
    meta = brief.meta
    head = {
        "title": meta.get("title", ""),
        "subtitle": meta.get("subtitle", ""),
        "author": [a for a in (meta.get("author"), meta.get("affiliation")) if a],
        "date": meta.get("date", ""),
        "lang": "ar",
        "dir": "rtl",
    }
    cover = [meta.get(k, "") for k in ("type", "institution", "institution_en", "email")]
    body = brief.source[re.match(r"^---\n.*?\n---\n", brief.source, re.S).end() :]
    staged_text = (
        "---\n"
        + yaml.safe_dump(head, allow_unicode=True)
        + "---\n\n"
        + "\n\n".join(_md_escape(c) for c in cover if c)
        + "\n\n"
        + body
    )
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / "input.md"
        staged.write_text(staged_text, "utf-8")
        subprocess.run(
            ["pandoc", str(staged), "-f", "markdown-smart", "-t", "docx", "-o", str(out)],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return out


def _md_escape(text: str) -> str:
    return re.sub(r"([\\*_\[\]<>#])", r"\\\1", text)


def libreoffice_docx(source: Path, out: Path, profile: Path | None = None) -> Path:
    """``source`` re-saved by LibreOffice Writer (headless, throwaway profile)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise FileNotFoundError("soffice")
    with tempfile.TemporaryDirectory() as tmp:
        profile_dir = profile or Path(tmp) / "profile"
        out_dir = Path(tmp) / "out"
        out_dir.mkdir()
        staged = Path(tmp) / "in" / out.name
        staged.parent.mkdir()
        shutil.copyfile(source, staged)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile_dir}",
                "--headless",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                str(out_dir),
                str(staged),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.move(out_dir / staged.name, out)
    return out


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _rpr(*, bold: bool = False, size: int | None = None, style: str | None = None) -> str:
    parts = [f'<w:rStyle w:val="{style}"/>'] if style else []
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if size:
        parts.append(f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>')
    parts.append("<w:rtl/>")
    return f"<w:rPr>{''.join(parts)}</w:rPr>"


def _run_xml(text: str, **kw) -> str:
    return f'<w:r {_W}>{_rpr(**kw)}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


class _AuthorsWord:
    """A Word file as an author types it: python-docx, a hand-made cover, real notes."""

    def __init__(self, brief: Brief, *, headings: str, notes: str) -> None:
        import docx

        self.brief = brief
        self.headings = headings  # "styles" (Heading 1/2) or "bold" (bold Normal lines)
        self.kind = notes  # "footnote" or "endnote"
        self.doc = docx.Document()
        self.note_ids: dict[str, int] = {}
        self.notes_xml: list[str] = []

    # paragraphs
    def paragraph(self, text: str = "", *, style: str | None = None, bold: bool = False, size=None):
        from docx.oxml import parse_xml

        paragraph = self.doc.add_paragraph(style=style)
        ppr = paragraph._p.get_or_add_pPr()
        ppr.append(parse_xml(f"<w:bidi {_W}/>"))
        if text:
            paragraph._p.append(parse_xml(_run_xml(text, bold=bold, size=size)))
        return paragraph

    def text_with_notes(self, text: str, *, style: str | None = None, bold: bool = False):
        from docx.oxml import parse_xml

        paragraph = self.paragraph(style=style)
        for chunk, label in pieces(text):
            if label is None:
                paragraph._p.append(parse_xml(_run_xml(chunk, bold=bold)))
            else:
                paragraph._p.append(parse_xml(self.reference(label)))
        return paragraph

    def reference(self, label: str) -> str:
        tag = "footnote" if self.kind == "footnote" else "endnote"
        style = "FootnoteReference" if tag == "footnote" else "EndnoteReference"
        if label not in self.note_ids:
            note_id = len(self.note_ids) + 1
            self.note_ids[label] = note_id
            text = plain(self.brief.notes.get(label, ""))
            text_style = "FootnoteText" if tag == "footnote" else "EndnoteText"
            self.notes_xml.append(
                f'<w:{tag} w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="{text_style}"/><w:bidi/>'
                f'</w:pPr><w:r><w:rPr><w:rStyle w:val="{style}"/><w:rtl/></w:rPr><w:{tag}Ref/></w:r>'
                f'<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve"> {escape(text)}</w:t></w:r>'
                f"</w:p></w:{tag}>"
            )
        return (
            f'<w:r {_W}><w:rPr><w:rStyle w:val="{style}"/><w:rtl/></w:rPr>'
            f'<w:{tag}Reference w:id="{self.note_ids[label]}"/></w:r>'
        )

    # parts
    def styles(self) -> None:
        from docx.oxml import parse_xml

        styles = self.doc.styles.element
        for sid, name, kind, extra in (
            ("FootnoteText", "footnote text", "paragraph", '<w:rPr><w:sz w:val="20"/></w:rPr>'),
            (
                "FootnoteReference",
                "footnote reference",
                "character",
                '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>',
            ),
            ("EndnoteText", "endnote text", "paragraph", '<w:rPr><w:sz w:val="20"/></w:rPr>'),
            (
                "EndnoteReference",
                "endnote reference",
                "character",
                '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>',
            ),
        ):
            styles.append(
                parse_xml(
                    f'<w:style {_W} w:type="{kind}" w:styleId="{sid}"><w:name w:val="{name}"/>'
                    f"{extra}</w:style>"
                )
            )

    def notes_part(self) -> None:
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import XmlPart
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls, qn

        tag = self.kind
        separators = (
            f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
            f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
            f"</w:r></w:p></w:{tag}>"
        )
        xml = f"<w:{tag}s {nsdecls('w', 'r')}>{separators}{''.join(self.notes_xml)}</w:{tag}s>"
        ct, rt = (
            (CT.WML_FOOTNOTES, RT.FOOTNOTES)
            if tag == "footnote"
            else (CT.WML_ENDNOTES, RT.ENDNOTES)
        )
        package = self.doc.part.package
        part = XmlPart(PackURI(f"/word/{tag}s.xml"), ct, parse_xml(xml), package)
        self.doc.part.relate_to(part, rt)
        settings = self.doc.settings.element
        pr = parse_xml(
            f'<w:{tag}Pr {nsdecls("w")}><w:{tag} w:id="-1"/><w:{tag} w:id="0"/></w:{tag}Pr>'
        )
        compat = settings.find(qn("w:compat"))
        (compat.addprevious if compat is not None else settings.append)(pr)

    def cover(self) -> None:
        from docx.enum.text import WD_BREAK

        meta = self.brief.meta
        self.paragraph(meta.get("institution", ""), bold=True, size=14)
        if meta.get("institution_en"):
            self.paragraph(meta["institution_en"], bold=True, size=12)
        self.paragraph(meta.get("date", ""), size=12)
        self.paragraph()
        self.paragraph(meta.get("title", ""), bold=True, size=22)
        if meta.get("subtitle"):
            self.paragraph(_quoted(meta["subtitle"]), bold=True, size=16)
        self.paragraph(meta.get("type", ""), bold=True, size=16)
        self.paragraph()
        self.paragraph("إعداد", bold=True, size=14)
        self.paragraph(meta.get("author", ""), bold=True, size=14)
        if meta.get("affiliation"):
            self.paragraph(meta["affiliation"], size=12)
        if meta.get("email"):
            self.paragraph(meta["email"], size=12)
        self.doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    def body(self) -> None:
        count = 0
        for block in self.brief.blocks:
            if block.kind == "heading":
                count += 1
                if self.headings == "styles":
                    level = max(1, block.level - 1)
                    self.paragraph(block.text, style=f"Heading {level}")
                else:
                    text = block.text + (":" if count % 2 else "")
                    self.paragraph(text, bold=True, size=14)
            elif block.kind == "bullet":
                self.text_with_notes(block.text, style="List Bullet")
            elif block.kind == "numbered":
                if self.headings == "styles":  # Word's own numbering
                    self.text_with_notes(block.text, style="List Number")
                else:  # numbers typed by hand
                    self.text_with_notes(f"{_number_of(self.brief, block)}. {block.text}")
            else:
                self.text_with_notes(block.text)

    def save(self, out: Path) -> Path:
        self.styles()
        self.cover()
        self.body()
        self.notes_part()
        self.doc.save(str(out))
        return out


def authors_docx(proper: Path, out: Path, *, headings: str, notes: str = "footnote") -> Path:
    return _AuthorsWord(parse_brief(proper), headings=headings, notes=notes).save(out)


# --- all forms -----------------------------------------------------------------------------------


def write_forms(
    example: Path,
    folder: Path,
    forms: tuple[str, ...] = FORMS,
    *,
    lo_profile: Path | None = None,
) -> dict[str, Path]:
    """Write ``forms`` of ``example`` into ``folder``; the paths by form name."""
    folder.mkdir(parents=True, exist_ok=True)
    brief = parse_brief(example)
    style = note_style(example)
    paths: dict[str, Path] = {}
    proper = folder / "proper.md"
    proper.write_text(proper_md(brief), "utf-8")
    paths["proper.md"] = proper
    writers = {
        "pasted.md": lambda p: p.write_text(pasted(brief, style), "utf-8"),
        "pasted.txt": lambda p: p.write_text(pasted(brief, style), "utf-8"),
        "bold.md": lambda p: p.write_text(bold_md(brief), "utf-8"),
        "pandoc.docx": lambda p: pandoc_docx(proper, p),
        "word-styles.docx": lambda p: authors_docx(proper, p, headings="styles"),
        "word-bold.docx": lambda p: authors_docx(proper, p, headings="bold"),
        "endnotes.docx": lambda p: authors_docx(proper, p, headings="styles", notes="endnote"),
    }
    for name in forms:
        if name in writers:
            writers[name](folder / name)
            paths[name] = folder / name
    if "libreoffice.docx" in forms:
        source = paths.get("pandoc.docx") or pandoc_docx(proper, folder / "pandoc.docx")
        paths["libreoffice.docx"] = libreoffice_docx(
            source, folder / "libreoffice.docx", lo_profile
        )
    return paths
