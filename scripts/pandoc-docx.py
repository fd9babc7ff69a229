#!/usr/bin/env python3
"""Turn a Markdown brief into a Word draft the way an author's own tools would: with pandoc.

The cover (institution, date, title, subtitle, type label, «إعداد» block, e-mail) is laid out as
plain styled paragraphs, as authors type it in Word, followed by a page break; the body keeps
pandoc's Heading styles and real Word footnotes. brieflint's tests and examples use these files
as "a DOCX written by another program".

    python scripts/pandoc-docx.py examples/situation-assessment.md -o examples/situation-assessment.docx
    python scripts/pandoc-docx.py draft.md -o out.docx --pseudo-headings   # bold «مقدمة:» lines
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

PAGE_BREAK = '```{=openxml}\n<w:p><w:r><w:br w:type="page"/></w:r></w:p>\n```'


def _styled(style: str, text: str) -> str:
    return f'::: {{custom-style="{style}"}}\n{text}\n:::\n'


def cover_markdown(meta: dict) -> str:
    parts = []
    for key, style in (("institution", "Institution"), ("institution_en", "Institution")):
        if meta.get(key):
            parts.append(_styled(style, str(meta[key])))
    if meta.get("date"):
        parts.append(_styled("Cover Date", str(meta["date"])))
    if meta.get("title"):
        parts.append(_styled("Title", str(meta["title"])))
    if meta.get("subtitle"):
        parts.append(_styled("Subtitle", str(meta["subtitle"])))
    if meta.get("type"):
        parts.append(_styled("Type Label", str(meta["type"])))
    if meta.get("author"):
        parts.append(_styled("Prepared By", "إعداد"))
        parts.append(_styled("Cover Author", str(meta["author"])))
    if meta.get("affiliation"):
        parts.append(_styled("Affiliation", str(meta["affiliation"])))
    if meta.get("email"):
        parts.append(_styled("Affiliation", str(meta["email"])))
    parts.append(PAGE_BREAK)
    return "\n".join(parts) + "\n"


def split_front_matter(source: str) -> tuple[dict, str]:
    match = re.match(r"^---\n(.*?)\n---\n", source, re.S)
    if not match:
        return {}, source
    return yaml.safe_load(match.group(1)) or {}, source[match.end() :]


def pseudo_headings(body: str) -> str:
    """``## مقدمة`` → a bold paragraph «مقدمة:», as in drafts typed without heading styles."""
    return re.sub(r"^## (.+)$", r"**\1:**", body, flags=re.M)


def build(source: Path, output: Path, *, pseudo: bool = False) -> None:
    meta, body = split_front_matter(source.read_text("utf-8"))
    if pseudo:
        body = pseudo_headings(body)
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / "input.md"
        staged.write_text(cover_markdown(meta) + body, "utf-8")
        subprocess.run(
            [
                "pandoc",
                str(staged),
                "--resource-path",
                str(source.resolve().parent),
                "-f",
                "markdown",
                "-t",
                "docx",
                "-M",
                "dir=rtl",
                "-M",
                "lang=ar",
                "-o",
                str(output),
            ],
            check=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--pseudo-headings", action="store_true")
    args = parser.parse_args()
    build(args.source, args.output, pseudo=args.pseudo_headings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
