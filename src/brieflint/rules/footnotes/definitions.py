"""Every marker has exactly one note and every note is referenced."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from ...analysis import notes_of
from ...model import Document, Location, Problem, Severity
from ...notes import Marker, Note
from ..base import Rule


def marker_name(marker: Marker) -> str:
    return marker.text or marker.label


def note_name(note: Note) -> str:
    return note.marker_text or note.label


def marker_location(doc: Document, marker: Marker) -> Location:
    """Where the marker is typed. A Markdown ``[^n]`` has no plain text of its own: it stands in
    the source right before the character that follows it."""
    if marker.style == "real" and doc.format == "markdown":
        after = doc.locate(marker.block, marker.start)
        width = len(marker.text)
        return Location(after.line, after.column - width, after.line, after.column, after.note)
    return doc.locate(marker.block, marker.start, marker.end)


class UndefinedMarker(Rule):
    """Every footnote marker has a note.

    Fails::

        وقّع الطرفان الاتفاق[^7].
        (no «[^7]:» definition anywhere)

    Passes::

        وقّع الطرفان الاتفاق[^7].

        [^7]: وزارة الخارجية، «بيان حول الاتفاق»، 2026.
    """

    code = "BL-FN001"
    name = "footnotes.undefined"
    category = "footnotes"
    severity = Severity.ERROR
    messages = {
        "undefined": (
            "footnote marker {marker} has no note",
            "علامة الحاشية {marker} بلا حاشية تقابلها",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        defined = {n.label for n in notes_of(doc).notes}
        for marker in notes_of(doc).markers:
            if marker.label not in defined:
                yield self.problem(
                    marker_location(doc, marker),
                    "undefined",
                    text=marker.text,
                    marker=marker_name(marker),
                    block_index=marker.block_index,
                )


class UnreferencedNote(Rule):
    """Every note is referenced from the text.

    Fails::

        [^9]: مرصد المتوسط، «تقرير الهجرة»، 2026.
        (no «[^9]» in the text)

    Passes::

        …كما يشير التقرير[^9].

        [^9]: مرصد المتوسط، «تقرير الهجرة»، 2026.
    """

    code = "BL-FN002"
    name = "footnotes.unreferenced"
    category = "footnotes"
    severity = Severity.WARNING
    messages = {
        "unreferenced": (
            "note {note} is never referenced in the text",
            "الحاشية {note} لا تشير إليها أي علامة في النص",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        referenced = notes_of(doc).referenced_labels()
        for note in notes_of(doc).notes:
            if note.label not in referenced:
                yield self.problem(note.location, "unreferenced", note=note_name(note))


class DuplicateNote(Rule):
    """A note label is defined once.

    Markdown keeps only one of two ``[^3]:`` definitions, and pasted notes with the same number
    leave the reader guessing which one a marker means.

    Fails::

        [^3]: المصدر الأول.
        [^3]: المصدر الثاني.

    Passes::

        [^3]: المصدر الأول.
        [^4]: المصدر الثاني.
    """

    code = "BL-FN003"
    name = "footnotes.duplicate-label"
    category = "footnotes"
    severity = Severity.ERROR
    messages = {
        "duplicate": (
            "note {note} is defined more than once (first at line {line})",
            "الحاشية {note} معرّفة أكثر من مرة (أولاها في السطر {line})",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        counts = Counter(n.label for n in notes_of(doc).notes)
        first: dict[str, Note] = {}
        for note in notes_of(doc).notes:
            if counts[note.label] < 2:
                continue
            if note.label not in first:
                first[note.label] = note
                continue
            yield self.problem(
                note.location,
                "duplicate",
                note=note_name(note),
                line=first[note.label].location.line,
            )


class EmptyNote(Rule):
    """A note has text.

    Fails::

        [^6]:

    Passes::

        [^6]: المنظمة العربية للعمل، «تقرير 2026»، 2026.
    """

    code = "BL-FN007"
    name = "footnotes.empty"
    category = "footnotes"
    severity = Severity.ERROR
    messages = {
        "empty": (
            "note {note} is empty",
            "الحاشية {note} فارغة",
        )
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        for note in notes_of(doc).notes:
            if not note.text.strip():
                yield self.problem(note.location, "empty", note=note_name(note))
