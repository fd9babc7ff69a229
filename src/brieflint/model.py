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


class NoteKind(str, Enum):
    """A footnote (Markdown ``[^n]``, Word footnotes part) or an endnote (Word endnotes part)."""

    FOOTNOTE = "footnote"
    ENDNOTE = "endnote"


@dataclass(frozen=True)
class NoteRef:
    """Which note something is in: its kind and the number the reader sees (None for a note that
    nothing refers to, or a non-numeric Markdown label)."""

    kind: NoteKind
    number: int | None
    label: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "number": self.number}


@dataclass(frozen=True)
class Location:
    """Where something is in the source.

    Markdown: ``line``/``column`` are 1-based positions in the file.
    DOCX: ``line`` is the 1-based paragraph number in body order (inside a note: in that note),
    ``column`` the 1-based character in that paragraph's text; a location inside a note names
    the note (footnote or endnote) in ``note``.
    """

    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    note: NoteRef | None = None

    @property
    def footnote(self) -> int | None:
        """The footnote's number, for a location inside a footnote (not an endnote)."""
        if self.note is not None and self.note.kind is NoteKind.FOOTNOTE:
            return self.note.number
        return None

    @property
    def note_key(self) -> tuple[int, int]:
        """Sort key of the note part: body first, then footnotes, then endnotes, by number."""
        if self.note is None:
            return (0, 0)
        kind = 1 if self.note.kind is NoteKind.FOOTNOTE else 2
        return (kind, self.note.number if self.note.number is not None else 10**9)


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
class Edit:
    """Replace ``expected`` with ``replacement`` at one place of the draft.

    ``block`` is the :attr:`Block.id` the span is in, and ``start:end`` are offsets in that
    block's text. ``block`` None means ``start:end`` are offsets in the Markdown source itself —
    for text that is not in any block's text, such as the label of a ``[^3]`` marker. The fixer
    refuses an edit whose current text is not ``expected``.
    """

    block: int | None
    start: int
    end: int
    replacement: str
    expected: str


@dataclass(frozen=True)
class Fix:
    """A correction a rule offers: one or more edits, applied together or not at all."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def replace(
        cls,
        block: Block,
        start: int,
        end: int,
        replacement: str,
        applicability: Applicability = Applicability.SAFE,
    ) -> Fix:
        """Replace characters ``start:end`` of ``block.text``."""
        edit = Edit(block.id, start, end, replacement, block.text[start:end])
        return cls((edit,), applicability)

    @property
    def safe(self) -> bool:
        return self.applicability is Applicability.SAFE


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
        find, append = source.find, self._starts.append
        i = find("\n")
        while i >= 0:
            append(i + 1)
            i = find("\n", i + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


@dataclass(frozen=True)
class InlineMark:
    """Something inside a block's text that is not plain prose.

    ``kind`` is one of ``footnote-ref`` (a real note reference; ``start == end`` because it has
    no text of its own; ``note`` says whether it is a footnote or an endnote), ``superscript``
    (a DOCX run drawn as superscript), ``code``, ``url``, ``link``, ``image``, ``strong``,
    ``em``, ``comment-start``/``comment-end``. ``source`` is, for a Markdown note reference, the
    span of its label in the source (the ``3`` of ``[^3]``), so that renumbering can edit it.
    """

    kind: str
    start: int
    end: int
    value: str = ""
    note: NoteKind | None = None
    source: tuple[int, int] | None = None


class BlockKind(str, Enum):
    """What a block is. A ``str`` enum, so ``block.kind == "heading"`` reads naturally."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    CAPTION = "caption"
    QUOTE = "quote"
    TABLE_CELL = "table-cell"
    CODE = "code"
    HTML = "html"
    FIGURE = "figure"


# The blocks whose words are the author's prose: counted, spell-checked and punctuation-checked.
# Code, raw HTML, headings and figures are not prose (headings are checked as headings).
PROSE_KINDS = frozenset(
    {
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
        BlockKind.QUOTE,
        BlockKind.CAPTION,
        BlockKind.TABLE_CELL,
    }
)


@dataclass(frozen=True)
class ListInfo:
    """A list item: ordered or not, its number (ordered lists), and its marker as typed
    («1.», «-», «١-») or as Word numbers it («%1.», «•»)."""

    ordered: bool
    number: int | None = None
    marker: str = ""


@dataclass(frozen=True)
class TableCell:
    """The cell a block sits in: table, row and column, all 0-based in reading order."""

    table: int
    row: int
    column: int


@dataclass(frozen=True)
class Image:
    """A picture in a block: its bytes when the reader has them (Word), its alt text, and where
    it came from (a Markdown path as written, or the Word part name)."""

    data: bytes | None
    alt: str
    origin: str


@dataclass(frozen=True)
class MarkdownSource:
    """Where a Markdown block's text is in the file: the source offset of every character."""

    offsets: list[int]


class DocxPart(str, Enum):
    BODY = "body"
    FOOTNOTES = "footnotes"
    ENDNOTES = "endnotes"


@dataclass(frozen=True)
class DocxSource:
    """Where a Word block's text is in the package: the part, the note's ``w:id`` (in a notes
    part), the 0-based index of its ``w:p`` in the reader's walk of that part or note, the
    text-offset boundaries of each run, and the largest font size (half-points) in it."""

    part: DocxPart
    paragraph: int
    runs: list[tuple[int, int]]
    note_id: str | None = None
    font_size: int = 0


@dataclass
class Block:
    """A paragraph-level unit of text with enough information to locate any character in it."""

    kind: BlockKind
    text: str
    location: Location
    level: int = 0  # heading level; list nesting depth
    style: str = ""  # the DOCX style name, or "" for Markdown
    bold: bool = False  # every visible run is bold (DOCX) / the whole line is strong (Markdown)
    marks: list[InlineMark] = field(default_factory=list)
    footnote: str | None = None  # label of the note this block belongs to, if any
    note: NoteRef | None = None  # the note this block belongs to, if any
    source: MarkdownSource | DocxSource | None = None
    list_item: ListInfo | None = None
    cell: TableCell | None = None
    images: list[Image] = field(default_factory=list)
    id: int = -1  # position in Document.every_block(), set by the reader; fixes refer to it

    def __post_init__(self) -> None:
        self.kind = BlockKind(self.kind)

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def source_offsets(self) -> list[int] | None:
        """Markdown: the source offset of each character of ``text``."""
        return self.source.offsets if isinstance(self.source, MarkdownSource) else None

    @property
    def runs(self) -> list[tuple[int, int]] | None:
        """Word: text-offset boundaries of each run."""
        return self.source.runs if isinstance(self.source, DocxSource) else None

    def footnote_refs(self) -> Iterator[InlineMark]:
        return (m for m in self.marks if m.kind == "footnote-ref")


@dataclass
class Note:
    """A note: a Markdown ``[^label]:`` definition or a Word footnote/endnote."""

    label: str
    blocks: list[Block]
    location: Location
    kind: NoteKind = NoteKind.FOOTNOTE
    marker: str = ""  # the marker as typed, for manual notes («⁴», «٥-»)
    source_id: str = ""  # DOCX: the w:id of the note in footnotes.xml / endnotes.xml
    # Markdown: the source span of the definition's label (the ``3`` of ``[^3]:``).
    label_source: tuple[int, int] | None = None

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks).strip()

    @property
    def number(self) -> int | None:
        return self.ref.number

    @property
    def ref(self) -> NoteRef:
        if self.location.note is not None:
            return self.location.note
        return NoteRef(self.kind, parse_number(self.label), self.label)


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
    footnotes: list[Note] = field(default_factory=list)  # footnotes and endnotes
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
    _by_id: list[Block] = field(default_factory=list, repr=False)

    def meta(self, name: str) -> str:
        entry = self.metadata.get(name)
        return entry.value.strip() if entry else ""

    def every_block(self) -> Iterator[Block]:
        """Cover blocks, body blocks, then the blocks of every note: the order of Block.id."""
        yield from self.cover_blocks
        yield from self.all_blocks()

    def index_blocks(self) -> None:
        """Give every block its id (readers call this once the document is complete)."""
        self._by_id = list(self.every_block())
        for number, block in enumerate(self._by_id):
            block.id = number

    def block(self, block_id: int) -> Block:
        return self._by_id[block_id]

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
            return Location(line, col, end_line, end_col, block.location.note)
        loc = block.location
        return Location(loc.line, start + 1, loc.line, end + 1, loc.note)


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
