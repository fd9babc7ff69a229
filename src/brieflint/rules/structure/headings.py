"""How section headings are written."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...model import Document, Problem, Severity
from ..base import Rule


class UnknownHeading(Rule):
    """A top-level heading names a section of the brief kind.

    A heading the schema does not recognise is not wrong in itself, but it often hides a section
    under an unusual title (the editor then misses it) or an aside that belongs elsewhere. Add the
    title to the schema's variants if your centre uses it.

    Fails::

        ## ملاحظات شخصية للمحرر

    Passes::

        ## خلفيات وحقائق
    """

    code = "BL-ST005"
    name = "structure.unknown-heading"
    category = "structure"
    severity = Severity.INFO
    messages = {
        "unknown": (
            "heading «{heading}» matches no section of a {kind_en}",
            "العنوان «{heading}» لا يطابق أي قسم من أقسام {kind}",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        schema = doc.outline.schema
        for section in doc.outline.sections:
            if section.spec is None:
                text = section.heading.text.strip()
                yield self.problem(
                    section.heading.location,
                    "unknown",
                    text=text,
                    heading=text,
                    kind=schema.name,
                    kind_en=schema.name_en.lower(),
                )


class PseudoHeading(Rule):
    """Section headings use a heading style, not a bold line or a line ending in a colon.

    A bold paragraph «مقدمة:» looks like a heading on paper but is body text to Word, to the
    table of contents and to the house-style generator. brieflint still recognises the section,
    by the same matcher as real headings: a numbered line («رابعاً: أهم ما نص عليه الاتفاق»), a
    section named by a later word («الجانب الأمني وحدوده:»), and — in pasted text with no
    formatting at all — a short line of its own. A sentence (a full stop, a comma) or a
    colon-ended line that leads into a list is prose, not a heading.

    Fails::

        **مقدمة:**

        في الخامس من مارس/آذار 2026 أعلنت…

    Passes::

        ## مقدمة

        في الخامس من مارس/آذار 2026 أعلنت…
    """

    code = "BL-ST006"
    name = "structure.pseudo-heading"
    category = "structure"
    severity = Severity.WARNING
    messages = {
        "markdown": (
            "«{heading}» is written as a line of text (bold, numbered or on its own), not a "
            "heading: write it as «{hashes} {title}»",
            "«{heading}» مكتوب سطراً من النص (عريضاً أو مرقّماً أو منفرداً) لا عنواناً: اكتبه «{hashes} {title}»",
        ),
        "docx": (
            "«{heading}» is a formatted paragraph, not a heading: apply the style «Heading {level}»",
            "«{heading}» فقرة منسقة وليست عنواناً: طبّق عليها نمط «Heading {level}» (عنوان {level})",
        ),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        for section in doc.outline.sections:
            if not section.pseudo:
                continue
            text = section.heading.text.strip()
            yield self.problem(
                section.heading.location,
                "markdown" if doc.format == "markdown" else "docx",
                text=text,
                heading=text,
                title=text.rstrip(":：").strip(),
                hashes="#" * section.level,
                level=section.level,
            )
