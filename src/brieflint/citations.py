"""Reference-list entries and the sources that notes cite, parsed for comparison.

A citation in Arab policy writing reads «author، «title»، publisher، date، متاح على الرابط
التالي: URL» (or the English equivalent with commas and “quotes”). Parsing is deliberately
forgiving: the title is the quoted part, the author what precedes the first comma.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property
from typing import Any

from .arabic import DIACRITICS, fold, strip_invisible
from .model import Block, Document, Location, parse_number, to_western_digits
from .notes import Note, NoteIndex

URL = re.compile(r"(?:https?|ftp)://[^\s<>«»\"”]+|www\.[^\s<>«»\"”]+", re.IGNORECASE)
_TRAILING_PUNCT = ".,،;؛:)]»"
YEAR = re.compile(
    r"(?<![0-9٠-٩])(?:1[89]|20)[0-9]{2}(?![0-9٠-٩])|(?<![٠-٩])[١٢][٠٨٩][٠-٩]{2}(?![٠-٩])"
)
_QUOTED = re.compile(r"«([^»]+)»|“([^”]+)”|\"([^\"]+)\"")
_TYPED_NUMBER = re.compile(r"^\s*(?:\[([0-9٠-٩]+)\]|\(([0-9٠-٩]+)\)|([0-9٠-٩]+)\s*[-–.)])\s*")
_IBID = {
    fold(w)
    for w in ("المصدر نفسه", "المرجع نفسه", "المصدر السابق", "المرجع السابق", "ibid", "ibid.")
}


def clean_urls(text: str) -> list[str]:
    return [m.group(0).rstrip(_TRAILING_PUNCT) for m in URL.finditer(text)]


def _plain(text: str) -> str:
    """Letters as written, without diacritics or invisible characters (for "spelled the same")."""
    return " ".join(DIACRITICS.sub("", strip_invisible(unicodedata.normalize("NFC", text))).split())


@dataclass
class Citation:
    """The parts of a source that identify it."""

    text: str
    author: str = ""
    title: str = ""
    urls: list[str] = field(default_factory=list)
    has_year: bool = False

    # Normalised forms, computed once: every note is compared with every entry.
    @cached_property
    def folded_author(self) -> str:
        return fold(self.author)

    @cached_property
    def folded_title(self) -> str:
        return fold(self.title)

    @cached_property
    def spelling(self) -> tuple[str, str]:
        """Author and title as spelled, for "spelled the same"."""
        return _plain(self.author), _plain(self.title)

    @cached_property
    def url_set(self) -> set[str]:
        return {u.lower().rstrip("/") for u in self.urls}

    @property
    def identifies_a_source(self) -> bool:
        return bool(self.title or self.urls)


def parse_citation(text: str) -> Citation:
    text = " ".join(text.split())
    quoted = _QUOTED.search(text)
    title = next((g for g in quoted.groups() if g), "").strip(" ,،") if quoted else ""
    head = text[: quoted.start()] if quoted else re.split(r"[،,]", text, maxsplit=1)[0]
    author = head.strip().strip("،,:؛ ").strip()
    if not quoted and author == text.strip():
        author = ""  # one undivided sentence: an explanatory note, not a citation
    if len(author.split()) > 8:
        author = ""
    if not quoted and author:
        # «author، title، publisher، date»: an unquoted title is the second field.
        parts = [p.strip() for p in re.split(r"[،,]", text)]
        if len(parts) >= 3 and len(parts[1].split()) >= 2 and not YEAR.fullmatch(parts[1]):
            title = parts[1]
    return Citation(
        text=text,
        author=author,
        title=title,
        urls=clean_urls(text),
        has_year=bool(YEAR.search(text)),
    )


def is_ibid(text: str) -> bool:
    head = fold(text[:24]).strip()
    return any(head.startswith(w) for w in _IBID)


@dataclass
class ReferenceEntry:
    """One entry of the reference list."""

    text: str  # the entry without its typed number
    raw: str  # as written
    block: Block
    block_index: int
    start: int  # offset of ``raw`` in the block text
    location: Location
    numbered: str  # "list" (Markdown/Word list numbering), "typed" («1-» typed), or ""
    number: int | None
    citation: Citation

    @cached_property
    def folded(self) -> str:
        return fold(self.text)


def _entry(
    doc: Document, block: Block, block_index: int, start: int, raw: str, numbered_list: str
) -> ReferenceEntry:
    typed = _TYPED_NUMBER.match(raw)
    number = None
    numbered = ""
    text = raw
    if numbered_list:
        numbered, number = "list", parse_number(numbered_list.rstrip(".)"))
    if typed:
        numbered = numbered or "typed"
        number = (
            number if number is not None else parse_number(next(g for g in typed.groups() if g))
        )
        text = raw[typed.end() :]
    location = doc.locate(block, start, start + len(raw.rstrip()))
    return ReferenceEntry(
        text.strip(),
        raw,
        block,
        block_index,
        start,
        location,
        numbered,
        number,
        parse_citation(text),
    )


def reference_entries(doc: Document) -> list[ReferenceEntry]:
    """The entries of the references section(s), in order (``Analysis.references``: read once
    per document)."""
    from .analysis import analysis_of

    return analysis_of(doc).references


def read_reference_entries(
    doc: Document, outline: Any, skip: set[int] | frozenset[int] = frozenset()
) -> list[ReferenceEntry]:
    """Entries of the references section(s) of ``outline`` (outline.Outline), in order.

    A line typed flush left inside a Markdown list item («lazy continuation») is a separate,
    unnumbered entry the author meant to add, not a wrapped line of the previous one.
    """
    entries: list[ReferenceEntry] = []
    if outline is None:
        return entries
    for section in outline.find("references"):
        counter = 0
        for block_index in section.block_indexes:
            block = doc.blocks[block_index]
            if block.kind not in {"paragraph", "list-item"} or not block.text.strip():
                continue
            if block_index in skip:  # a note pasted after the list, not an entry
                continue
            item = block.list_item
            list_number = ""
            if item is not None and item.marker[:1].isdigit():
                list_number = item.marker
            elif item is not None and item.ordered:
                counter += 1
                list_number = f"{item.number or counter}."
            for start, raw in _entry_lines(doc, block):
                entries.append(
                    _entry(doc, block, block_index, start, raw, list_number if start == 0 else "")
                )
    return entries


def _entry_lines(doc: Document, block: Block) -> list[tuple[int, str]]:
    if block.source_offsets is None or "\n" not in block.text:
        return [(0, block.text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    first_column = doc.locate(block, 0).column
    for i, ch in enumerate(block.text):
        if ch == "\n" and i + 1 < len(block.text):
            column = doc.locate(block, i + 1).column
            if column < first_column:  # flush left: a new entry
                pieces.append((start, block.text[start:i]))
                start = i + 1
    pieces.append((start, block.text[start:]))
    return pieces


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """difflib's ratio of two strings; 0.0 as soon as it is certain to be below ``floor``.

    The cheap upper bounds (length, then character counts) settle most pairs of unrelated
    references without the quadratic comparison.
    """
    if a == b:
        return 1.0
    if not a or not b or 2 * min(len(a), len(b)) / (len(a) + len(b)) < floor:
        return 0.0  # the length alone bounds the ratio (difflib's real_quick_ratio)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


@dataclass
class Match:
    entry: ReferenceEntry
    score: float
    same_spelling: bool


def _abbreviates(short: str, long: str, *, min_words: int) -> bool:
    """``short`` repeats words of ``long`` and nothing else («Kessler» of «Sarah Kessler», a
    title cut after its first words). Case counts: folded forms are lower case already."""
    a, b = re.findall(r"\w+", short), re.findall(r"\w+", long)
    return len(a) >= min_words and len(a) <= len(b) and set(a) <= set(b)


def _years(citation: Citation) -> set[str]:
    return {to_western_digits(y) for y in YEAR.findall(citation.text)}


def abbreviation_match(citation: Citation, other: Citation) -> bool | None:
    """A note that repeats or abbreviates an entry — its author (or surname), its title (or the
    title's first words), its year — names the same source. True: same spelling, False: the
    same source spelled with letter variants (ى/ي، ة/ه، hamza forms), None: no match."""
    if not (citation.title and other.title):
        return None
    years_a, years_b = _years(citation), _years(other)
    if years_a and years_b and not years_a & years_b:
        return None
    for folded in (True, False):
        pick = (lambda c: (c.folded_author, c.folded_title)) if folded else (lambda c: c.spelling)
        (author_a, title_a), (author_b, title_b) = pick(citation), pick(other)
        title = _abbreviates(title_a, title_b, min_words=2) or _abbreviates(
            title_b, title_a, min_words=2
        )
        author = (
            not author_a
            or not author_b
            or _abbreviates(author_a, author_b, min_words=1)
            or _abbreviates(author_b, author_a, min_words=1)
        )
        if not (title and author):
            if folded:
                return None
            return False
    return True


def _score(citation: Citation, other: Citation) -> float:
    if citation.url_set & other.url_set:
        return 1.0
    if abbreviation_match(citation, other) is not None:
        return 0.95
    both_authors = bool(citation.author and other.author)
    if citation.title and other.title:
        title = similarity(citation.folded_title, other.folded_title, 0.7)
        if not both_authors or title == 0.0:
            return title
        return 0.6 * title + 0.4 * similarity(citation.folded_author, other.folded_author)
    if both_authors and not citation.title and not other.title:
        return 0.9 * similarity(citation.folded_author, other.folded_author, 0.8)
    return 0.0


def match_citation(citation: Citation, entries: list[ReferenceEntry]) -> Match | None:
    """The reference entry that names the same source, if any.

    URLs identify a source outright; otherwise title and author are compared after
    normalisation with a fuzzy score, so that a one-letter difference is a near miss. Exact
    matches are looked for first: in a clean draft they are all there is, and they are cheap.
    """
    for entry in entries:
        other = entry.citation
        if (
            citation.spelling == other.spelling
            and (citation.title or citation.author)
            and (not citation.url_set or citation.url_set & other.url_set)
        ):
            return Match(entry, 1.0, True)
    best: Match | None = None
    for entry in entries:
        other = entry.citation
        score = _score(citation, other)
        if score < 0.82:
            continue
        same = citation.spelling == other.spelling or bool(abbreviation_match(citation, other))
        if (
            best is None
            or score > best.score
            or (score == best.score and same and not best.same_spelling)
        ):
            best = Match(entry, score, same)
    return best


@dataclass
class CitedNote:
    """A note that cites a source, with the reference entry that best matches it (or None)."""

    note: Note
    number: int | str
    citation: Citation
    match: Match | None


def cross_reference(
    notes: NoteIndex, entries: list[ReferenceEntry], outline: Any
) -> list[CitedNote]:
    """Each note that cites a source, in the order of its first marker, with its best entry.
    A draft without a references section cites against nothing."""
    cited: list[CitedNote] = []
    if outline is None or not outline.find("references"):
        return cited
    order = {m.label: i for i, m in reversed(list(enumerate(notes.markers)))}
    for note in sorted(notes.notes, key=lambda n: order.get(n.label, len(order))):
        text = note.text
        if not text or is_ibid(text):
            continue
        citation = parse_citation(text)
        if not citation.identifies_a_source:
            continue  # an explanatory note cites nothing
        number = note.number if note.number is not None else note.label
        cited.append(CitedNote(note, number, citation, match_citation(citation, entries)))
    return cited
