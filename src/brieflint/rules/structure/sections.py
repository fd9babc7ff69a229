"""Which sections a brief has, and in what order."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from ...model import Document, Location, Problem, Severity
from ...outline import Section
from ..base import Rule


def _display(section: Section) -> str:
    return section.heading.text.strip().rstrip(":：")


class MissingSection(Rule):
    """Every required section of the brief kind is present.

    A situation assessment that lacks, say, its scenarios or its reference list is not ready for
    an editor. Sections are recognised by meaning, so «حدود التقارب وقيوده» counts as *limits*.

    Fails::

        ## مقدمة
        …
        ## الخاتمة
        …
        (no «المراجع» section)

    Passes::

        ## مقدمة
        …
        ## الخاتمة
        …
        ## المراجع
        1. …
    """

    code = "BL-ST001"
    name = "structure.missing-section"
    category = "structure"
    severity = Severity.ERROR
    messages = {
        "missing": (
            "missing required section «{name}» ({name_en}); headings such as {examples} are recognised",
            "القسم «{name}» مطلوب وغير موجود؛ من العناوين المقبولة له: {examples}",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        outline = doc.outline
        present = {s.id for s in outline.sections}
        for position, spec in enumerate(outline.schema.sections):
            if not spec.required or spec.id in present:
                continue
            yield self.problem(
                _where_missing(doc, position),
                "missing",
                name=spec.name,
                name_en=spec.name_en,
                examples="، ".join(f"«{v}»" for v in spec.variants[:3]),
            )


def _where_missing(doc: Document, position: int) -> Location:
    """The heading of the first present section that should follow the missing one."""
    schema = doc.outline.schema
    for section in doc.outline.recognised():
        if schema.position(section.id) > position:
            return section.heading.location
    if doc.blocks:
        return doc.blocks[-1].location
    return Location(1, 1)


class SectionOrder(Rule):
    """Sections follow the order of the brief kind.

    The sections that break the order are found as the complement of the longest run of sections
    already in order, so one misplaced section yields one finding, not a cascade.

    Fails::

        ## الخاتمة
        …
        ## السيناريوهات المحتملة
        …

    Passes::

        ## السيناريوهات المحتملة
        …
        ## الخاتمة
        …
    """

    code = "BL-ST002"
    name = "structure.section-order"
    category = "structure"
    severity = Severity.WARNING
    messages = {
        "before": (
            "section «{heading}» ({name_en}) is out of order: it belongs before «{other}»",
            "القسم «{heading}» في غير موضعه: مكانه قبل «{other}»",
        ),
        "after": (
            "section «{heading}» ({name_en}) is out of order: it belongs after «{other}»",
            "القسم «{heading}» في غير موضعه: مكانه بعد «{other}»",
        ),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        outline = doc.outline
        sections = outline.recognised()
        positions = [outline.schema.position(s.id) for s in sections]
        in_order = [sections[i] for i in _longest_non_decreasing(positions)]
        kept = {id(s) for s in in_order}
        for section in sections:
            if id(section) in kept:
                continue
            found = _neighbour(section, in_order, outline.schema)
            if found is None:
                continue
            key, other = found
            yield self.problem(
                section.heading.location,
                key,
                text=section.heading.text.strip(),
                heading=_display(section),
                name_en=section.spec.name_en,
                other=_display(other),
            )


def _neighbour(section: Section, in_order: list[Section], schema) -> tuple[str, Section] | None:
    """The in-order section to name: the one it should follow if that comes later in the
    draft, otherwise the one it should precede if that comes earlier."""
    position = schema.position(section.id)
    line = section.heading_index
    before = [s for s in in_order if schema.position(s.id) < position]
    if before and before[-1].heading_index > line:
        return "after", before[-1]
    after = [s for s in in_order if schema.position(s.id) > position]
    if after and after[0].heading_index < line:
        return "before", after[0]
    if before:
        return "after", before[-1]
    if after:
        return "before", after[0]
    return None


def _longest_non_decreasing(values: list[int]) -> list[int]:
    """Indexes of one longest non-decreasing subsequence (patience sorting, O(n log n))."""
    tails: list[int] = []  # tails[k]: value ending the best run of length k+1
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect_right(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[k] = value
            tail_index[k] = i
        previous[i] = tail_index[k - 1] if k else -1
    run, i = [], tail_index[-1] if tail_index else -1
    while i >= 0:
        run.append(i)
        i = previous[i]
    return run[::-1]


class DuplicateSection(Rule):
    """A section that a brief has once appears only once.

    Repeatable sections (one «دوافع …» per actor) are exempt.

    Fails::

        ## مقدمة
        …
        ## تمهيد
        …

    Passes::

        ## مقدمة
        …
        ## دوافع أنقرة
        …
        ## دوافع القاهرة
        …
    """

    code = "BL-ST003"
    name = "structure.duplicate-section"
    category = "structure"
    severity = Severity.WARNING
    messages = {
        "duplicate": (
            "section «{heading}» repeats «{first}» (line {line}): a brief has one {name_en} section",
            "القسم «{heading}» يكرر «{first}» (السطر {line})؛ للتقدير قسم واحد من نوع «{name}»",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        first_seen: dict[str, Section] = {}
        for section in doc.outline.recognised():
            if section.spec.repeatable:
                continue
            first = first_seen.setdefault(section.id, section)
            if first is section:
                continue
            yield self.problem(
                section.heading.location,
                "duplicate",
                text=section.heading.text.strip(),
                heading=_display(section),
                first=_display(first),
                line=first.heading.location.line,
                name=section.spec.name,
                name_en=section.spec.name_en,
            )


class EmptySection(Rule):
    """A section heading is followed by text before the next section.

    Fails::

        ## الانعكاسات الإقليمية
        ## السيناريوهات المحتملة

    Passes::

        ## الانعكاسات الإقليمية
        يعيد الاتفاق رسم خريطة الممرات التجارية في الإقليم…
    """

    code = "BL-ST004"
    name = "structure.empty-section"
    category = "structure"
    severity = Severity.WARNING
    messages = {
        "empty": (
            "section «{heading}» has a heading but no text",
            "القسم «{heading}» له عنوان بلا نص",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        outline = doc.outline
        for section in outline.sections:
            if outline.words(doc, section) == 0:
                yield self.problem(
                    section.heading.location,
                    "empty",
                    text=section.heading.text.strip(),
                    heading=_display(section),
                )
