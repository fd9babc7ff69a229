"""Soft word-count bounds for each section and for the whole brief."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...model import Document, Location, Problem, Severity
from ...schema import Bounds
from ..base import Rule


class SectionLength(Rule):
    """Sections and the whole brief stay within the kind's soft word-count bounds.

    Bounds come from the schema (``words: {min, max}``); empty sections are left to
    ``structure.empty-section``.

    Fails::

        ## خلفيات وحقائق
        بدأت المفاوضات قبل عامين.

    Passes::

        ## خلفيات وحقائق
        (two or three paragraphs, 200–500 words, on how the event came about)
    """

    code = "BL-ST007"
    name = "structure.section-length"
    category = "structure"
    severity = Severity.WARNING
    messages = {
        "short": (
            "section «{heading}» has {words} words; {name_en} sections usually have at least {bound}",
            "عدد كلمات القسم «{heading}» {words}، والمعتاد ألا يقل قسم «{name}» عن {bound}",
        ),
        "long": (
            "section «{heading}» has {words} words; {name_en} sections usually have at most {bound}",
            "عدد كلمات القسم «{heading}» {words}، والمعتاد ألا يزيد قسم «{name}» على {bound}",
        ),
        "brief-short": (
            "the brief has {words} words (body and notes); a {name_en} usually has at least {bound}",
            "عدد كلمات الوثيقة بمتنها وحواشيها {words}، والمعتاد ألا يقل «{name}» عن {bound}",
        ),
        "brief-long": (
            "the brief has {words} words (body and notes); a {name_en} usually has at most {bound}",
            "عدد كلمات الوثيقة بمتنها وحواشيها {words}، والمعتاد ألا يزيد «{name}» على {bound}",
        ),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        outline = doc.outline
        for section in outline.recognised():
            words = outline.words(doc, section)
            if words == 0:
                continue
            found = _outside(words, section.spec.words)
            if found:
                key, bound = found
                yield self.problem(
                    section.heading.location,
                    key,
                    text=section.heading.text.strip(),
                    heading=section.heading.text.strip().rstrip(":："),
                    words=words,
                    bound=bound,
                    name=section.spec.name,
                    name_en=section.spec.name_en,
                )
        total = outline.body_words(doc)
        found = _outside(total, outline.schema.words)
        if found and doc.blocks:
            key, bound = found
            yield self.problem(
                doc.blocks[0].location if doc.blocks else Location(1, 1),
                f"brief-{key}",
                words=total,
                bound=bound,
                name=outline.schema.name,
                name_en=outline.schema.name_en.lower(),
            )


def _outside(words: int, bounds: Bounds) -> tuple[str, int] | None:
    if bounds.min is not None and words < bounds.min:
        return "short", bounds.min
    if bounds.max is not None and words > bounds.max:
        return "long", bounds.max
    return None
