"""How footnote markers are numbered and written."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from ...analysis import notes_of
from ...model import Document, Edit, Fix, FixAvailability, NoteKind, Problem, Severity
from ...notes import Marker
from ..base import Rule
from .definitions import marker_location, marker_name

_PUNCTUATION = ".،,؛;:"


def first_references(doc: Document) -> list[Marker]:
    seen: set[str] = set()
    ordered = []
    for marker in notes_of(doc).markers:
        if marker.label not in seen:
            seen.add(marker.label)
            ordered.append(marker)
    return ordered


def renumber_markdown_notes(doc: Document) -> Fix | None:
    """One fix that renumbers a Markdown draft's notes 1..N in order of first reference: every
    ``[^n]`` marker and every ``[^n]:`` definition, edited at the label spans the reader
    recorded (so a ``[^1]`` inside code, which is not a marker, is never touched).

    Only when the answer is certain: every marker is a real numbered footnote, every label is
    defined exactly once, and no pasted marker shares the sequence. Word numbers real notes
    itself, so a Word draft never needs this."""
    if doc.format != "markdown" or any(m.manual for m in notes_of(doc).markers):
        return None
    marks = [
        mark
        for block in doc.every_block()
        for mark in block.footnote_refs()
        if mark.note is NoteKind.FOOTNOTE
    ]
    defined = [note.label for note in doc.footnotes]
    labels = [mark.value for mark in marks]
    if (
        not marks
        or len(defined) != len(set(defined))
        or set(labels) - set(defined)
        or not all(label.isdigit() for label in labels + defined)
        or any(mark.source is None for mark in marks)
        or any(note.label_source is None for note in doc.footnotes)
    ):
        return None
    mapping = {old: str(new) for new, old in enumerate(dict.fromkeys(labels), start=1)}
    for label in defined:  # notes nothing refers to keep their place after the referenced ones
        mapping.setdefault(label, str(len(mapping) + 1))
    if all(old == new for old, new in mapping.items()):
        return None
    spans = [(mark.source, mark.value) for mark in marks]
    spans += [(note.label_source, note.label) for note in doc.footnotes]
    edits = tuple(
        Edit(None, start, end, mapping[label], label)
        for (start, end), label in spans
        if mapping[label] != label
    )
    return Fix(edits)


class FootnoteSequence(Rule):
    """Numbered footnotes run 1, 2, 3… in order of first reference.

    Real and pasted markers share one sequence, as the reader sees them. Each place where the
    sequence jumps or goes back is reported once.

    Fails::

        …بداية الأزمة[^1] ثم تطورها[^3] وأخيراً نتائجها[^2].

    Passes::

        …بداية الأزمة[^1] ثم تطورها[^2] وأخيراً نتائجها[^3].
    """

    code = "BL-FN004"
    fix_availability = FixAvailability.SOMETIMES
    name = "footnotes.sequence"
    category = "footnotes"
    severity = Severity.WARNING
    messages = {
        "jump": (
            "footnote {marker} follows footnote {previous}: expected {expected}",
            "الحاشية {marker} تأتي بعد الحاشية {previous}، والمتوقع {expected}",
        ),
        "back": (
            "footnote {marker} is first referenced after footnote {previous}: notes must be numbered in order of first reference",
            "أول إشارة إلى الحاشية {marker} تأتي بعد الحاشية {previous}؛ يجب ترقيم الحواشي بترتيب ورودها",
        ),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        highest: dict[NoteKind | None, int] = {}  # footnotes and endnotes count separately
        renumbering: Fix | bool | None = False  # computed once, when the first finding needs it
        for marker in first_references(doc):
            if marker.number is None:
                continue
            sequence = NoteKind.ENDNOTE if marker.note_kind is NoteKind.ENDNOTE else None
            previous = highest.get(sequence, 0)
            if marker.number != previous + 1:
                key = "back" if marker.number <= previous else "jump"
                if renumbering is False:
                    renumbering = renumber_markdown_notes(doc)
                yield self.problem(
                    marker_location(doc, marker),
                    key,
                    text=marker.text,
                    marker=marker.number,
                    previous=previous,
                    expected=previous + 1,
                    block_index=marker.block_index,
                    fix=renumbering or None,
                )
            highest[sequence] = max(previous, marker.number)


class MixedMarkers(Rule):
    """Pasted footnote markers use one numeral system and one style.

    Drafts assembled from several sources mix Arabic-Indic markers (٥) with Western superscripts
    (⁴), or carets (^5) with superscripts. The minority form is reported.

    Fails::

        …الاتفاق⁴ … التحويلات^٥

    Passes::

        …الاتفاق⁴ … التحويلات⁵
    """

    code = "BL-FN005"
    name = "footnotes.mixed-markers"
    category = "footnotes"
    severity = Severity.WARNING
    messages = {
        "numerals": (
            "marker «{marker}» uses {this} digits while most markers use {usual} digits",
            "العلامة «{marker}» مكتوبة بأرقام {this_ar} وأغلب العلامات بأرقام {usual_ar}",
        ),
        "style": (
            "marker «{marker}» is written as a {this} while most markers are {usual}",
            "العلامة «{marker}» مكتوبة على هيئة {this_ar} وأغلب العلامات {usual_ar}",
        ),
    }
    _NUMERALS = {"western": ("Western", "غربية"), "arabic-indic": ("Arabic-Indic", "هندية")}
    _STYLES = {
        "superscript": ("superscript digit", "رقم مرفوع"),
        "docx-superscript": ("superscript digit", "رقم مرفوع"),
        "caret": ("caret and digits", "علامة ^ ورقم"),
        "bracket": ("bracketed number", "رقم بين قوسين"),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        manual = [m for m in notes_of(doc).markers if m.manual]
        numerals = {
            id(m): "arabic-indic" if m.numeral == "arabic-indic" else "western" for m in manual
        }
        yield from self._minority(doc, manual, numerals, "numerals", self._NUMERALS)
        styles = {
            id(m): "superscript" if m.style == "docx-superscript" else m.style for m in manual
        }
        yield from self._minority(doc, manual, styles, "style", self._STYLES)

    def _minority(self, doc, markers, kinds, key, names) -> Iterator[Problem]:
        counts = Counter(kinds.values())
        if len(counts) < 2:
            return
        # The usual form is the most frequent; on a tie, the one used first.
        first_seen = {}
        for m in markers:
            first_seen.setdefault(kinds[id(m)], len(first_seen))
        usual = max(counts, key=lambda k: (counts[k], -first_seen[k]))
        for marker in markers:
            kind = kinds[id(marker)]
            if kind == usual:
                continue
            yield self.problem(
                marker_location(doc, marker),
                key,
                text=marker.text,
                marker=marker_name(marker),
                this=names[kind][0],
                usual=names[usual][0] + ("s" if key == "style" else ""),
                this_ar=names[kind][1],
                usual_ar=names[usual][1],
                block_index=marker.block_index,
            )


class ManualMarkers(Rule):
    """Footnotes are real footnotes, not pasted superscripts.

    A pasted «⁴» with a paragraph «⁴ المصدر…» in the body moves when the text is edited, is not
    renumbered, and is lost in conversion. One finding per document, at the first pasted marker.

    Fails::

        تشير الصيغة المنشورة من الاتفاق⁴ إلى…

        ⁴ سلوى عبد الحميد، «مصر وليبيا توقعان اتفاقاً»، 2026.

    Passes::

        تشير الصيغة المنشورة من الاتفاق[^4] إلى…

        [^4]: سلوى عبد الحميد، «مصر وليبيا توقعان اتفاقاً»، 2026.
    """

    code = "BL-FN006"
    name = "footnotes.manual-markers"
    category = "footnotes"
    severity = Severity.WARNING
    messages = {
        "markdown": (
            "{count} pasted footnote marker(s), the first «{marker}»: write real footnotes as [^n] with a [^n]: note",
            "في النص {count} من علامات الحواشي الملصقة يدوياً، أولاها «{marker}»: اكتب الحواشي حواشي حقيقية [^n] مع تعريفها [^n]:",
        ),
        "docx": (
            "{count} pasted footnote marker(s), the first «{marker}»: use Word's Insert Footnote instead",
            "في النص {count} من علامات الحواشي الملصقة يدوياً، أولاها «{marker}»: استعمل أمر «إدراج حاشية سفلية» في وورد",
        ),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        manual = [m for m in notes_of(doc).markers if m.manual]
        if not manual:
            return
        first = manual[0]
        yield self.problem(
            marker_location(doc, first),
            doc.format if doc.format in self.messages else "markdown",
            text=first.text,
            count=len(manual),
            marker=marker_name(first),
            block_index=first.block_index,
        )


class MarkerPlacement(Rule):
    """Footnote markers stand on the house-style side of «.» and «،».

    The option ``placement`` is ``before`` (the marker follows the word, before the
    punctuation — the default), ``after`` (after the punctuation) or ``any``.

    Fails::

        …وقّع الطرفان الاتفاق.[^1]

    Passes::

        …وقّع الطرفان الاتفاق[^1].
    """

    code = "BL-FN008"
    name = "footnotes.placement"
    category = "footnotes"
    severity = Severity.WARNING
    options = {
        "placement": {
            "enum": ["before", "after", "any"],
            "default": "before",
            "description": "Where markers go relative to «.» «،» «؛» «:».",
        }
    }
    messages = {
        "before": (
            "footnote marker {marker} stands after «{mark}»: put it before the punctuation",
            "علامة الحاشية {marker} بعد «{mark}»: ضعها قبل علامة الترقيم",
        ),
        "after": (
            "footnote marker {marker} stands before «{mark}»: put it after the punctuation",
            "علامة الحاشية {marker} قبل «{mark}»: ضعها بعد علامة الترقيم",
        ),
    }

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        placement = options.get("placement", "before")
        if placement == "any":
            return
        for marker in notes_of(doc).markers:
            text = marker.block.text
            before = text[marker.start - 1] if marker.start > 0 else ""
            after = text[marker.end] if marker.end < len(text) else ""
            if placement == "before" and before and before in _PUNCTUATION:
                mark = before
            elif placement == "after" and after and after in _PUNCTUATION:
                mark = after
            else:
                continue
            yield self.problem(
                marker_location(doc, marker),
                placement,
                text=marker.text,
                marker=marker_name(marker),
                mark=mark,
                block_index=marker.block_index,
            )
