"""The document model shared by every reader, rule and writer.

A Markdown draft and a Word draft become the same :class:`Document`: metadata, an ordered list of
:class:`Block` objects (headings, paragraphs, list items, captions…), and the footnotes. Anything
that depends on the source format lives in :class:`Location` objects, so rules never need to know
which reader produced the document.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


CATEGORIES = (
    "structure",
    "metadata",
    "footnotes",
    "references",
    "spelling",
    "grammar",
    "punctuation",
    "consistency",
    "style",
    "input",
)


@dataclass(frozen=True)
class Location:
    """Where something is in the source.

    Markdown: ``line``/``column`` are 1-based positions in the file.
    DOCX: ``line`` is the 1-based paragraph number in body order, ``column`` the 1-based character
    in that paragraph's text; a location inside a note also carries the note's number.
    """

    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    footnote: int | None = None


@dataclass(frozen=True)
class Message:
    """A finding's message in both languages authors may ask for."""

    en: str
    ar: str

    def get(self, lang: str) -> str:
        return self.ar if lang == "ar" else self.en


class FixAvailability(str, Enum):
    """Whether a rule can fix what it finds: never, for some findings, or for every finding."""

    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class Applicability(str, Enum):
    """A safe fix is right in every context and ``brieflint fix`` applies it; an unsafe one
    depends on context the checker cannot see and is applied only with ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Fix:
    """A certain correction: replace ``block`` text ``start:end`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Problem:
    """One finding, as produced by a rule. The engine later applies configured severity."""

    rule: str
    name: str
    category: str
    severity: Severity
    location: Location
    message: Message
    text: str = ""
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    block_index: int | None = None
    source: str = "brieflint"  # or "languagetool"
    # The values the message was formatted with (section name, marker, word…), so that
    # reporters never have to parse a message to recover them.
    params: tuple[tuple[str, Any], ...] = ()

    def param(self, name: str, default: Any = None) -> Any:
        return dict(self.params).get(name, default)

    @property
    def fixable(self) -> bool:
        return self.fix is not None


class LineIndex:
    """Converts absolute character offsets in a source text into 1-based (line, column)."""

    def __init__(self, source: str) -> None:
        self._starts = [0]
        for i, ch in enumerate(source):
            if ch == "\n":
                self._starts.append(i + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


@dataclass(frozen=True)
class InlineMark:
    """Something inside a block's text that is not plain prose.

    ``kind`` is one of ``footnote-ref`` (a real footnote reference; ``start == end`` because it
    has no text of its own), ``superscript`` (a DOCX run drawn as superscript), ``code``, ``url``.
    """

    kind: str
    start: int
    end: int
    value: str = ""


@dataclass
class Block:
    """A paragraph-level unit of text with enough information to locate any character in it."""

    kind: str  # heading, paragraph, list-item, caption, quote, table-cell, code
    text: str
    location: Location
    level: int = 0  # heading level; list nesting depth
    style: str = ""  # the DOCX style name, or "" for Markdown
    bold: bool = False  # every visible run is bold (DOCX) / the whole line is strong (Markdown)
    marks: list[InlineMark] = field(default_factory=list)
    footnote: str | None = None  # label of the note this block belongs to, if any
    footnote_number: int | None = None
    # Markdown only: the absolute source offset of every character of ``text``.
    source_offsets: list[int] | None = None
    # DOCX only: text-offset boundaries of each run, for fixes that must stay inside one run.
    runs: list[tuple[int, int]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def words(self) -> int:
        return len(self.text.split())

    def footnote_refs(self) -> Iterator[InlineMark]:
        return (m for m in self.marks if m.kind == "footnote-ref")


@dataclass
class Footnote:
    """A note: a Markdown ``[^label]:`` definition or a Word footnote/endnote."""

    label: str
    blocks: list[Block]
    location: Location
    kind: str = "footnote"  # footnote, endnote, manual
    marker: str = ""  # the marker as typed, for manual notes («⁴», «٥-»)
    source_id: str = ""  # DOCX: the w:id of the note in footnotes.xml / endnotes.xml

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks).strip()

    @property
    def number(self) -> int | None:
        return parse_number(self.label)


@dataclass(frozen=True)
class Suppression:
    """An inline «brieflint-disable» directive: which rules, over which stretch of the source.

    ``start`` and ``end`` are (line, column) pairs, inclusive; an empty ``codes`` means every
    rule. Markdown directives are HTML comments; in Word they are comments on a range of text.
    """

    codes: tuple[str, ...]
    start: tuple[int, int]
    end: tuple[int, int]
    location: Location  # where the directive itself is
    directive: str  # disable, disable-line, disable-next-line, disable-file, comment

    def covers(self, location: Location) -> bool:
        point = (location.line, location.column)
        return self.start <= point <= self.end


@dataclass
class MetadataField:
    value: str
    location: Location


@dataclass
class Document:
    """A draft, whatever format it came from."""

    path: str
    format: str  # markdown, docx
    metadata: dict[str, MetadataField] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    cover_blocks: list[Block] = field(default_factory=list)
    source: str = ""  # Markdown source text; "" for DOCX
    line_index: LineIndex | None = None
    notices: list[Problem] = field(default_factory=list)  # reader findings (e.g. encoding)
    suppressions: list[Suppression] = field(default_factory=list)
    # Set by the engine before rules run: the brief kind and the recognised sections.
    schema: Any = None
    outline: Any = None
    # analysis.Analysis: what several rules derive from the document, built by the engine.
    analysis: Any = field(default=None, repr=False, compare=False)

    @property
    def notes(self) -> Any:
        """notes.NoteIndex: every marker and note, real and pasted (``analysis.notes``)."""
        from .analysis import analysis_of

        return analysis_of(self).notes

    def meta(self, name: str) -> str:
        entry = self.metadata.get(name)
        return entry.value.strip() if entry else ""

    def all_blocks(self) -> Iterator[Block]:
        """Body blocks, then the blocks of every note."""
        yield from self.blocks
        for note in self.footnotes:
            yield from note.blocks

    def locate(self, block: Block, start: int, end: int | None = None) -> Location:
        """The source location of characters ``start:end`` of ``block.text``."""
        if end is None:
            end = start
        if block.source_offsets is not None and self.line_index is not None:
            offsets = block.source_offsets
            if not offsets:
                return block.location
            first = offsets[min(start, len(offsets) - 1)]
            if start >= len(offsets):
                first += 1
            last = offsets[end - 1] + 1 if end > start and end - 1 < len(offsets) else first
            line, col = self.line_index.position(first)
            end_line, end_col = self.line_index.position(last)
            return Location(line, col, end_line, end_col, block.location.footnote)
        loc = block.location
        return Location(loc.line, start + 1, loc.line, end + 1, loc.footnote)


ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
EXTENDED_ARABIC_INDIC = "۰۱۲۳۴۵۶۷۸۹"
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_DIGIT_TABLE = str.maketrans(
    ARABIC_INDIC + EXTENDED_ARABIC_INDIC + SUPERSCRIPT_DIGITS, "0123456789" * 3
)


def to_western_digits(text: str) -> str:
    return text.translate(_DIGIT_TABLE)


def parse_number(label: str) -> int | None:
    """The integer a label spells in any digit system, or None."""
    digits = to_western_digits(label.strip())
    return int(digits) if digits.isdigit() else None
