"""Footnotes against the reference list: every cited source listed, every listed source cited,
spelled the same, in citation order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...analysis import notes_of
from ...citations import Citation, CitedNote
from ...model import Document, Problem, Severity
from ..base import Rule
from ..structure.sections import _longest_non_decreasing


def _source_name(citation: Citation) -> str:
    parts = [p for p in (citation.author, f"«{citation.title}»" if citation.title else "") if p]
    return "، ".join(parts) or (citation.urls[0] if citation.urls else citation.text[:60])


class MissingSource(Rule):
    """Every source cited in a footnote appears in the reference list.

    Fails::

        [^13]: محمود عرفة، «مستقبل اللجان المشتركة»، صحيفة المعبر، 2026.
        (no entry for it under «المراجع»)

    Passes::

        ## المراجع
        1. محمود عرفة، «مستقبل اللجان المشتركة»، صحيفة المعبر، 2026.
    """

    code = "BL-RF007"
    name = "references.missing-source"
    category = "references"
    severity = Severity.ERROR
    messages = {
        "missing": (
            "footnote {number} cites {source}, which is not in the reference list",
            "الحاشية {number} تستشهد بـ{source}، وهو غير موجود في قائمة المراجع",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        cited = doc.analysis.crosscheck
        for item in cited:
            if item.match is None:
                yield self.problem(
                    item.note.location,
                    "missing",
                    number=item.number,
                    source=_source_name(item.citation),
                )


class SpellingMismatch(Rule):
    """A source is spelled the same in its footnote and in the reference list.

    A one-letter difference in an author's name or a title is reported as such, with both
    spellings, rather than as a missing reference.

    Fails::

        [^8]: أحمد الزعبي، «احتياجات إعادة الإعمار في ليبيا»، 2026.
        3. أحمد الزغبي، «احتياجات إعادة الإعمار في ليبيا»، 2026.

    Passes::

        [^8]: أحمد الزعبي، «احتياجات إعادة الإعمار في ليبيا»، 2026.
        3. أحمد الزعبي، «احتياجات إعادة الإعمار في ليبيا»، 2026.
    """

    code = "BL-RF008"
    name = "references.mismatch"
    category = "references"
    severity = Severity.WARNING
    messages = {
        "mismatch": (
            "footnote {number} names {cited} but the reference list (line {line}) has {listed}",
            "الحاشية {number} تذكر {cited} لكن قائمة المراجع (السطر {line}) تذكر {listed}",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        cited = doc.analysis.crosscheck
        for item in cited:
            if item.match is None or item.match.same_spelling:
                continue
            cited, listed = _difference(item.citation, item.match.entry.citation)
            yield self.problem(
                item.note.location,
                "mismatch",
                number=item.number,
                cited=cited,
                listed=listed,
                line=item.match.entry.location.line,
                suggestions=[listed.strip("«»")],
            )


def _difference(cited: Citation, listed: Citation) -> tuple[str, str]:
    """The differing part: the author if the authors differ, else the title."""
    if cited.spelling[0] != listed.spelling[0]:
        return f"«{cited.author}»", f"«{listed.author}»"
    return f"«{cited.title}»", f"«{listed.title}»"


class UncitedReference(Rule):
    """Every entry of the reference list is cited in a footnote.

    Fails::

        [^3]: هبة السيد، «العمالة المصرية في ليبيا»، 2026.
        ## المراجع
        1. هبة السيد، «العمالة المصرية في ليبيا»، 2026.
        2. سامي القماطي، «الاقتصاد الليبي في 2026»، 2026.
        (no footnote cites the second entry)

    Passes::

        …يتوقع تعافي الاقتصاد الليبي[^4].

        [^4]: سامي القماطي، «الاقتصاد الليبي في 2026»، 2026.
    """

    code = "BL-RF009"
    name = "references.uncited"
    category = "references"
    severity = Severity.WARNING
    messages = {
        "uncited": (
            "reference «{entry}» is not cited in any footnote",
            "المرجع «{entry}» لا تستشهد به أي حاشية",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        cited, entries = doc.analysis.crosscheck, doc.analysis.references
        if not notes_of(doc).notes:
            return  # a brief without notes cites in the text; nothing to compare
        used = {id(item.match.entry) for item in cited if item.match}
        # A second copy of a cited entry is reported as a duplicate, not as uncited.
        used_texts = {e.folded for e in entries if id(e) in used}
        for entry in entries:
            if id(entry) not in used and entry.folded not in used_texts:
                text = entry.text if len(entry.text) <= 60 else entry.text[:59] + "…"
                yield self.problem(entry.location, "uncited", text=entry.raw.strip(), entry=text)


class ReferenceOrder(Rule):
    """The reference list follows the order in which footnotes first cite its sources.

    Fails::

        [^1]: هبة السيد، «العمالة المصرية في ليبيا»، 2026.
        [^2]: سلوى عبد الحميد، «مصر وليبيا توقعان اتفاقاً»، 2026.
        1. سلوى عبد الحميد، «مصر وليبيا توقعان اتفاقاً»، 2026.
        2. هبة السيد، «العمالة المصرية في ليبيا»، 2026.

    Passes::

        1. هبة السيد، «العمالة المصرية في ليبيا»، 2026.
        2. سلوى عبد الحميد، «مصر وليبيا توقعان اتفاقاً»، 2026.
    """

    code = "BL-RF010"
    name = "references.order"
    category = "references"
    severity = Severity.WARNING
    options = {
        "citation_order": {
            "type": "boolean",
            "default": True,
            "description": "List entries in order of first citation (false: any order, e.g. alphabetical).",
        }
    }
    messages = {
        "order": (
            "reference «{entry}» is out of citation order: its source is first cited in footnote {number}",
            "المرجع «{entry}» خارج ترتيب الاستشهاد: أول استشهاد بمصدره في الحاشية {number}",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        if not options.get("citation_order", True):
            return
        cited, entries = doc.analysis.crosscheck, doc.analysis.references
        first_cited: dict[int, tuple[int, CitedNote]] = {}
        referenced = notes_of(doc).referenced_labels()
        for rank, item in enumerate(cited):
            if item.match and item.note.label in referenced:
                first_cited.setdefault(id(item.match.entry), (rank, item))
        listed = [(e, first_cited[id(e)]) for e in entries if id(e) in first_cited]
        in_order = set(_longest_non_decreasing([rank for _, (rank, _) in listed]))
        for position, (entry, (_, item)) in enumerate(listed):
            if position not in in_order:
                text = entry.text if len(entry.text) <= 60 else entry.text[:59] + "…"
                yield self.problem(
                    entry.location, "order", text=entry.raw.strip(), entry=text, number=item.number
                )
