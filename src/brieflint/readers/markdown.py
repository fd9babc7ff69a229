"""Markdown drafts: YAML front matter, headings, paragraphs, lists, tables and ``[^n]`` notes.

Parsing is markdown-it-py's (CommonMark + tables) with mdit-py-plugins' front-matter and footnote
plugins. markdown-it keeps only line ranges for blocks, so the reader maps every character of a
block's plain text back to its offset in the file: rules can then report exact line and column.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ..errors import InputError
from ..headings import looks_like_heading
from ..model import (
    Block,
    BlockKind,
    Document,
    Image,
    InlineMark,
    LineIndex,
    ListInfo,
    Location,
    MarkdownSource,
    MetadataField,
    Note,
    NoteKind,
    NoteRef,
    TableCell,
    parse_number,
)
from ..notes import note_line_start
from ..suppressions import markdown_suppressions
from ..yamlio import load_yaml
from .cover import extract_cover_metadata, is_cover

_PARSER = (
    MarkdownIt("commonmark")
    .enable(["table", "strikethrough"])
    .use(front_matter_plugin)
    # Definitions stay where they are written and unmatched references still become tokens:
    # a linter must see notes that are never referenced and markers that have no note.
    .use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
)

# A note label is short and has no brackets or spaces. The plugin's own rule scans from every
# «[^» to the next «]» or space: a line of «[^[^[^…» took minutes (quadratic). Only a label that
# this pattern finds within MAX_LABEL characters is handed to it.
MAX_LABEL = 128
_NOTE_LABEL = re.compile(rf"\[\^[^\s\[\]]{{1,{MAX_LABEL}}}\]")
_FOOTNOTE_REF = next(
    rule.fn for rule in _PARSER.inline.ruler.__rules__ if rule.name == "footnote_ref"
)


def _bounded_footnote_ref(state, silent: bool) -> bool:
    if not _NOTE_LABEL.match(state.src, state.pos, state.posMax):
        return False
    return _FOOTNOTE_REF(state, silent)


_PARSER.inline.ruler.at("footnote_ref", _bounded_footnote_ref)

# markdown-it looks for the «]» of every «[» it meets (parseLinkLabel), so a paragraph of tens of
# thousands of «[» costs quadratic time. No real draft has a line with that many brackets: such a
# file is parsed with links and images off, which keeps the cost linear and every offset exact.
MAX_BRACKETS_PER_LINE = 1000
_PARSER_WITHOUT_LINKS = (
    MarkdownIt("commonmark")
    .enable(["table", "strikethrough"])
    .use(front_matter_plugin)
    .use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
    .disable(["link", "image"])
)
_PARSER_WITHOUT_LINKS.inline.ruler.at("footnote_ref", _bounded_footnote_ref)


def _parser_for(source: str) -> MarkdownIt:
    if source.count("[") > MAX_BRACKETS_PER_LINE and any(
        line.count("[") > MAX_BRACKETS_PER_LINE for line in source.split("\n")
    ):
        return _PARSER_WITHOUT_LINKS
    return _PARSER


_CONTAINERS = {
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "blockquote_open": "quote",
    "th_open": "table-cell",
    "td_open": "table-cell",
}


@dataclass
class _Context:
    """Where the walker is: inside which containers and which footnote definition."""

    source: str
    line_starts: list[int]
    lines: list[str]
    stack: list[str] = field(default_factory=list)
    note: Note | None = None
    heading_level: int = 0
    list_depth: int = 0
    last_map: list[int] | None = None
    tables: int = 0
    cell: tuple[int, int, int] | None = None  # (table, row, column) of the cell being read
    row: int = -1
    column: int = -1
    line_cursor: dict[int, int] = field(default_factory=dict)
    # One entry per open list: None for a bullet list, else the number of the current item.
    list_numbers: list[int | None] = field(default_factory=list)


def read_markdown(
    path: str,
    source: str,
    *,
    plain: bool = False,
    cover_heading: Callable[[str], float] | None = None,
) -> Document:
    """Build the document model from Markdown source text (already decoded).

    ``plain`` is for pasted plain text (a ``.txt`` draft): every line is a paragraph of its own,
    as the web page it came from showed it. A draft without front matter may open with its
    cover typed as lines (title, «تقدير موقف», «إعداد», author…): those lines become
    ``cover_blocks`` and their fields the metadata (see :func:`pasted_cover`);
    ``cover_heading(text)`` is how sure a line names a body section, where the cover ends."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    lines = source.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    doc = Document(path=path, format="markdown", source=source, line_index=LineIndex(source))
    ctx = _Context(source=source, line_starts=starts, lines=lines)
    try:
        tokens = _parser_for(source).parse(source, {})
    except Exception as exc:  # markdown-it raises only on pathological input; say so, never crash
        raise InputError(path, f"cannot parse Markdown: {exc}") from None
    code_lines = []
    for token in tokens:
        _visit(token, ctx, doc)
        if token.type in ("fence", "code_block") and token.map:
            code_lines.append((token.map[0] + 1, token.map[1]))
    doc.suppressions = markdown_suppressions(source, code_lines)
    if plain or not any(b.kind == BlockKind.HEADING for b in doc.blocks):
        # Pasted text: a line right under a list item («- البند…» then «حسابات العراق») is a
        # line of its own, not the item's lazy continuation.
        doc.blocks = [part for block in doc.blocks for part in _split_lazy_item(block, doc)]
    if plain:
        doc.blocks = [line for block in doc.blocks for line in split_lines(block, doc)]
    else:  # notes pasted one per line: Markdown joins the lines into one paragraph
        doc.blocks = [
            line
            for block in doc.blocks
            for line in (split_lines(block, doc) if _pasted_notes(block) else [block])
        ]
    if not doc.metadata and not doc.cover_blocks:
        pasted_cover(doc, cover_heading)
    doc.index_blocks()
    return doc


def split_lines(block: Block, doc: Document) -> list[Block]:
    """A paragraph typed over several lines, one paragraph per line (pasted text)."""
    if block.kind != BlockKind.PARAGRAPH or "\n" not in block.text.strip():
        return [block]
    offsets = block.source_offsets or []
    lines = []
    start = 0
    for piece in block.text.split("\n"):
        end = start + len(piece)
        lead = len(piece) - len(piece.lstrip())
        a, b = start + lead, start + len(piece.rstrip())
        if b > a:
            marks = [
                replace(m, start=m.start - a, end=min(m.end, b) - a)
                for m in block.marks
                if a <= m.start <= b and (m.start < b or m.end == m.start)
            ]
            strong = any(m.kind == "strong" and m.start == 0 and m.end >= b - a for m in marks)
            first = offsets[a] if a < len(offsets) else 0
            line, column = doc.line_index.position(first) if doc.line_index else (1, 1)
            lines.append(
                Block(
                    kind=BlockKind.PARAGRAPH,
                    text=block.text[a:b],
                    location=Location(line, column, note=block.location.note),
                    bold=strong,
                    marks=marks,
                    footnote=block.footnote,
                    note=block.note,
                    source=MarkdownSource(offsets[a:b]),
                )
            )
        start = end + 1
    return lines


def _split_lazy_item(block: Block, doc: Document) -> list[Block]:
    """A list item whose later line starts at the margin (a lazy continuation): the item up to
    that line, and the lines from it on as a paragraph of their own."""
    offsets = block.source_offsets
    if block.kind != BlockKind.LIST_ITEM or "\n" not in block.text.strip() or not offsets:
        return [block]
    cut = None
    position = block.text.find("\n")
    while position != -1 and position + 1 < len(block.text):
        first = offsets[position + 1] if position + 1 < len(offsets) else None
        if first is not None and (first == 0 or doc.source[first - 1] == "\n"):
            cut = position
            break
        position = block.text.find("\n", position + 1)
    if cut is None or not block.text[:cut].strip() or not block.text[cut + 1 :].strip():
        return [block]
    head = replace(
        block,
        text=block.text[:cut],
        marks=[replace(m, end=min(m.end, cut)) for m in block.marks if m.start < cut],
        source=MarkdownSource(offsets[:cut]),
    )
    start = cut + 1
    line, column = doc.line_index.position(offsets[start]) if doc.line_index else (1, 1)
    rest = Block(
        kind=BlockKind.PARAGRAPH,
        text=block.text[start:],
        location=Location(line, column, note=block.location.note),
        marks=[
            replace(m, start=m.start - start, end=m.end - start)
            for m in block.marks
            if m.start >= start
        ],
        footnote=block.footnote,
        note=block.note,
        source=MarkdownSource(offsets[start:]),
    )
    return [head, *split_lines(rest, doc)]


def _pasted_notes(block: Block) -> bool:
    """A paragraph whose lines are pasted notes («¹ text», its URL on the next line, «² text»
    …): a later line opens with a superscript or caret marker, or two lines open with a
    «1-»/«(1)» number. Split into lines it reads like the same notes pasted as plain text."""
    if block.kind != BlockKind.PARAGRAPH or "\n" not in block.text.strip():
        return False
    kinds = [note_line_start(line) for line in block.text.split("\n")]
    return "strong" in kinds[1:] or kinds.count("weak") + kinds.count("strong") >= 2


_COVER_LINE_MAX_WORDS = 25


def pasted_cover(doc: Document, cover_heading: Callable[[str], float] | None) -> None:
    """A cover typed as lines at the top of a draft with no front matter.

    The cover is the run of short lines before the first heading or heading-like line; it is
    taken as a cover only when it says so — a type label («… تقدير موقف …»), «إعداد» or an
    e-mail — so that a draft that simply opens with prose keeps it."""
    lines: list[Block] = []
    remaining = list(doc.blocks)
    while remaining and remaining[0].kind == BlockKind.PARAGRAPH:
        parts = split_lines(remaining[0], doc)
        stop = next(
            (
                i
                for i, line in enumerate(parts)
                if _ends_cover(line, parts[i + 1] if i + 1 < len(parts) else None, cover_heading)
            ),
            None,
        )
        if stop is not None:
            lines.extend(parts[:stop])
            remaining = parts[stop:] + remaining[1:]
            break
        lines.extend(parts)
        remaining = remaining[1:]
    if len(lines) < 3 or not is_cover(lines):
        return
    doc.cover_blocks = lines
    doc.blocks = remaining
    doc.metadata = extract_cover_metadata(lines)


def _ends_cover(
    line: Block, following: Block | None, cover_heading: Callable[[str], float] | None
) -> bool:
    if len(line.text.split()) > _COVER_LINE_MAX_WORDS or any(line.footnote_refs()):
        return True
    matcher = cover_heading or _default_heading_confidence
    return looks_like_heading(line, matcher, following=following, plain=True, min_confidence=0.9)


def _default_heading_confidence(text: str) -> float:
    from ..schema import load_schema, shipped_kinds

    return max(load_schema(kind).heading_match(text)[1] for kind in shipped_kinds())


def _visit(token: Token, ctx: _Context, doc: Document) -> None:
    if token.map:
        ctx.last_map = token.map
    kind = token.type
    if kind == "front_matter":
        _read_front_matter(token, ctx, doc)
    elif kind == "footnote_reference_open":
        label = token.meta["label"]
        line = (token.map or [0])[0]
        ref = NoteRef(NoteKind.FOOTNOTE, parse_number(label), label)
        ctx.note = Note(
            label=label,
            blocks=[],
            location=Location(line + 1, 1, note=ref),
            label_source=_definition_label_span(ctx, line, label),
        )
        doc.footnotes.append(ctx.note)
    elif kind == "footnote_reference_close":
        ctx.note = None
    elif kind == "heading_open":
        ctx.heading_level = int(token.tag[1])
    elif kind == "heading_close":
        ctx.heading_level = 0
    elif kind == "table_open":
        ctx.tables += 1
        ctx.row = -1
        _push_container(token, ctx)
    elif kind == "tr_open":
        ctx.row += 1
        ctx.column = -1
    elif kind in ("th_open", "td_open"):
        ctx.column += 1
        ctx.cell = (ctx.tables - 1, ctx.row, ctx.column)
        _push_container(token, ctx)
    elif kind in _CONTAINERS:
        ctx.stack.append(_CONTAINERS[kind])
        if _CONTAINERS[kind] == "list":
            ctx.list_depth += 1
            start = _int_attr(token.attrs.get("start"), 1)
            ctx.list_numbers.append(start - 1 if kind == "ordered_list_open" else None)
    elif kind == "list_item_open" and ctx.list_numbers and ctx.list_numbers[-1] is not None:
        ctx.list_numbers[-1] += 1
    elif kind.endswith("_close") and kind.replace("_close", "_open") in _CONTAINERS:
        if ctx.stack.pop() == "list":
            ctx.list_depth -= 1
            ctx.list_numbers.pop()
    elif kind == "inline":
        _add_block(_inline_block(token, ctx, doc), ctx, doc)
    elif kind in ("fence", "code_block"):
        block = Block(BlockKind.CODE, token.content, _block_location(token, ctx))
        _add_block(block, ctx, doc)
    elif kind == "html_block":
        for block in _html_blocks(token, ctx, doc):
            _add_block(block, ctx, doc)


# Raw HTML in a draft: its text is the author's like any other, so it becomes paragraphs (linted as
# prose and written by ``build``); the tags are markup, and comments are not text at all.
_HTML_PIECE = re.compile(
    r"<!--.*?(?:-->|\Z)|<\?.*?(?:\?>|\Z)|<![A-Za-z].*?(?:>|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    # a tag: at most 2,000 characters of attributes, taken possessively (no backtracking)
    r"|</?([A-Za-z][A-Za-z0-9-]{0,63})(?:[^>\"'<]|\"[^\"]{0,2000}\"|'[^']{0,2000}'){0,2000}+>"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
    re.DOTALL,
)
# Tags that end one paragraph and start the next.
_HTML_BREAKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_HTML_ALT = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_HTML_SRC = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _html_blocks(token: Token, ctx: _Context, doc: Document) -> list[Block]:
    """The text of a raw HTML block as paragraphs (one per block-level element), every character
    mapped to its offset in the file; an ``<img>`` keeps its alt text as a picture."""
    content = token.content
    offsets = _content_offsets(token, ctx)
    pieces: list[tuple[list[str], list[int], list[Image]]] = [([], [], [])]
    position = 0

    def text(start: int, end: int) -> None:
        pieces[-1][0].append(content[start:end])
        pieces[-1][1].extend(offsets[start:end])

    for match in _HTML_PIECE.finditer(content):
        text(position, match.start())
        position = match.end()
        piece = match.group(0)
        if piece.startswith("&"):
            decoded = html.unescape(piece)
            pieces[-1][0].append(decoded)
            pieces[-1][1].extend([offsets[min(match.start(), len(offsets) - 1)]] * len(decoded))
            continue
        tag = (match.group(1) or "").lower()
        if tag == "img":
            alt = _HTML_ALT.search(piece)
            src = _HTML_SRC.search(piece)
            pieces[-1][2].append(
                Image(
                    None,
                    html.unescape(next((g for g in alt.groups() if g is not None), ""))
                    if alt
                    else "",
                    next((g for g in src.groups() if g is not None), "") if src else "",
                )
            )
        elif tag in _HTML_BREAKS:
            pieces.append(([], [], []))
    text(position, len(content))
    start = _line_start(ctx, token)
    return [b for piece in pieces if (b := _html_paragraph(*piece, start, doc)) is not None]


def _html_paragraph(
    parts: list[str], offsets: list[int], images: list[Image], line_start: int, doc: Document
) -> Block | None:
    text = "".join(parts)
    lead = len(text) - len(text.lstrip())
    text, offsets = text.strip(), offsets[lead : lead + len(text.strip())]
    if not text and not images:
        return None
    kind = BlockKind.PARAGRAPH
    if not text:  # only pictures: a figure, its alt text the caption
        kind, text = BlockKind.FIGURE, images[0].alt
    first = offsets[0] if offsets else line_start
    line, column = doc.line_index.position(first) if doc.line_index else (1, 1)
    if not offsets:
        offsets = [first] * len(text)
    return Block(
        kind=kind,
        text=text,
        location=Location(line, column),
        style="html",
        source=MarkdownSource(offsets),
        images=images,
    )


def _push_container(token: Token, ctx: _Context) -> None:
    if token.type in _CONTAINERS:
        ctx.stack.append(_CONTAINERS[token.type])


def _add_block(block: Block, ctx: _Context, doc: Document) -> None:
    if ctx.note is not None:
        block.footnote = ctx.note.label
        block.note = ctx.note.location.note
        block.location = replace(block.location, note=block.note)
        ctx.note.blocks.append(block)
    else:
        doc.blocks.append(block)


def _definition_label_span(ctx: _Context, line: int, label: str) -> tuple[int, int] | None:
    """Source span of the label in a ``[^label]:`` definition line."""
    text = ctx.lines[line] if line < len(ctx.lines) else ""
    at = text.find(f"[^{label}]:")
    if at < 0:
        return None
    start = ctx.line_starts[line] + at + 2
    return start, start + len(label)


def _block_location(token: Token, ctx: _Context) -> Location:
    line = (token.map or ctx.last_map or [0])[0]
    return Location(line + 1, 1)


def _read_front_matter(token: Token, ctx: _Context, doc: Document) -> None:
    try:
        data = load_yaml(token.content, untrusted=True)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(doc.path, f"front matter is not valid YAML{where}: {problem}") from None
    if data is None:
        return
    if not isinstance(data, dict):
        raise InputError(doc.path, "front matter must be a mapping of keys to values")
    for key, value in data.items():
        key_text = str(key)
        line = _front_matter_line(ctx.lines, key_text)
        text = _metadata_text(value)
        doc.metadata[key_text] = MetadataField(text, Location(line, 1))
        block = _front_matter_block(ctx, line, key_text, text) if isinstance(value, str) else None
        if block is not None:
            doc.cover_blocks.append(block)


def _front_matter_block(ctx: _Context, line: int, key: str, value: str) -> Block | None:
    """A front-matter value as a cover block whose offsets are the value's characters in the
    YAML, so that it is spell-checked and fixed in place. Only a one-line value, plain or
    quoted, as typed (a folded or escaped value is left alone)."""
    if line < 2 or not value.strip():
        return None
    source_line = ctx.lines[line - 1]
    match = re.match(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*:\s*", source_line)
    if match is None:
        return None
    raw = source_line[match.end() :]
    raw = re.sub(r"\s+#.*$", "", raw).rstrip()
    if raw[:1] in "'\"" and raw[-1:] == raw[:1] and len(raw) >= 2:
        start, raw = match.end() + 1, raw[1:-1]
    else:
        start = match.end()
    if raw != value:
        return None
    base = ctx.line_starts[line - 1] + start
    return Block(
        kind=BlockKind.PARAGRAPH,
        text=value,
        location=Location(line, start + 1),
        style=f"front-matter:{key}",
        source=MarkdownSource(list(range(base, base + len(value)))),
    )


def _front_matter_line(lines: list[str], key: str) -> int:
    pattern = re.compile(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*:")
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        if pattern.match(line):
            return number
    return 1


def _metadata_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "، ".join(_metadata_text(v) for v in value)
    return str(value)


def _content_offsets(token: Token, ctx: _Context) -> list[int]:
    """The absolute source offset of each character of ``token.content``."""
    first_line = (token.map or ctx.last_map or [0])[0]
    offsets: list[int] = []
    for i, text_line in enumerate(token.content.split("\n")):
        number = first_line + i
        if number >= len(ctx.lines):
            number = len(ctx.lines) - 1
        source_line = ctx.lines[number]
        cursor = ctx.line_cursor.get(number, 0)
        column = source_line.find(text_line, cursor) if text_line else -1
        if column < 0:
            column = len(source_line) - len(source_line.lstrip())
        ctx.line_cursor[number] = column + len(text_line)
        base = ctx.line_starts[number] + column
        offsets.extend(range(base, base + len(text_line)))
        offsets.append(base + len(text_line))  # the newline joining content lines
    return offsets[:-1]


class _TextBuilder:
    """Plain text of an inline token with each character's source offset."""

    def __init__(self, content: str, offsets: list[int]) -> None:
        self.content = content
        self.content_offsets = offsets
        self.cursor = 0
        self.text: list[str] = []
        self.offsets: list[int] = []

    def _source_offset(self, index: int) -> int:
        if not self.content_offsets:
            return 0
        return self.content_offsets[min(index, len(self.content_offsets) - 1)]

    def add(self, piece: str) -> None:
        """Append ``piece``, aligning it with the raw content from the cursor on."""
        found = self.content.find(piece, self.cursor) if piece else -1
        if found >= 0:
            self.text.append(piece)
            end = found + len(piece)
            offsets = self.content_offsets[found:end]
            if len(offsets) < len(piece):  # past the end of the content: clamp to its last offset
                offsets += [self._source_offset(end)] * (len(piece) - len(offsets))
            self.offsets.extend(offsets)
            self.cursor = end
            return
        # Escapes and entities (\* , &amp;) differ from the source: align character by character.
        for ch in piece:
            hit = self.content.find(ch, self.cursor, self.cursor + 12)
            position = hit if hit >= 0 else self.cursor
            self.text.append(ch)
            self.offsets.append(self._source_offset(position))
            if hit >= 0:
                self.cursor = hit + 1

    def skip(self, raw: str) -> int:
        """Step over ``raw`` (markup with no text of its own); its content offset, or -1."""
        found = self.content.find(raw, self.cursor)
        if found >= 0:
            self.cursor = found + len(raw)
        return found

    def source_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Source offsets of content characters ``start:end``."""
        if start < 0 or end > len(self.content_offsets) or end <= start:
            return None
        return self.content_offsets[start], self.content_offsets[end - 1] + 1

    @property
    def length(self) -> int:
        return len(self.offsets)


def _line_start(ctx: _Context, token: Token) -> int:
    """The source offset of the line a block token starts on."""
    return ctx.line_starts[(token.map or ctx.last_map or [0])[0]]


def _inline_block(token: Token, ctx: _Context, doc: Document) -> Block:
    builder = _TextBuilder(token.content, _content_offsets(token, ctx))
    marks: list[InlineMark] = []
    strong_depth = 0
    outside_strong = False
    images: list[tuple[str, str]] = []
    opened: list[tuple[str, int]] = []  # emphasis opened and not yet closed
    link_start: int | None = None
    autolink = False
    for child in token.children or []:
        kind = child.type
        if kind == "text" and autolink:
            # markdown-it shows an autolink decoded («%D8%A7» as «ا»): keep it as written
            outside_strong = outside_strong or strong_depth == 0
            builder.add(_autolink_source(builder, child.content))
        elif kind == "text":
            if child.content.strip() and strong_depth == 0:
                outside_strong = True
            builder.add(child.content)
        elif kind in ("softbreak", "hardbreak"):
            builder.add("\n")
        elif kind == "code_inline":
            start = builder.length
            builder.add(child.content)
            marks.append(InlineMark("code", start, builder.length, child.content))
            outside_strong = outside_strong or strong_depth == 0
        elif kind == "footnote_ref":
            label = child.meta["label"]
            at = builder.skip(f"[^{label}]")
            span = builder.source_span(at + 2, at + 2 + len(label)) if at >= 0 else None
            marks.append(
                InlineMark(
                    "footnote-ref",
                    builder.length,
                    builder.length,
                    label,
                    note=NoteKind.FOOTNOTE,
                    source=span,
                )
            )
        elif kind == "strong_open":
            strong_depth += 1
            opened.append(("strong", builder.length))
        elif kind == "strong_close":
            strong_depth -= 1
            _close(marks, opened, "strong", builder.length)
        elif kind == "em_open":
            opened.append(("em", builder.length))
        elif kind == "em_close":
            _close(marks, opened, "em", builder.length)
        elif kind == "link_open":
            link_start = builder.length
            href = str(child.attrs.get("href", ""))
            autolink = child.markup == "autolink"
            if not autolink:
                marks.append(InlineMark("link", builder.length, builder.length, href))
        elif kind == "link_close" and link_start is not None:
            if child.markup == "autolink":
                marks.append(InlineMark("url", link_start, builder.length))
            link_start = None
            autolink = False
        elif kind == "html_inline":
            builder.skip(child.content)
        elif kind == "image":
            builder.skip(child.content)
            marks.append(
                InlineMark("image", builder.length, builder.length, str(child.attrs.get("src", "")))
            )
            images.append((str(child.attrs.get("src", "")), child.content))
    text = "".join(builder.text)
    offsets = builder.offsets
    in_table = "table-cell" in ctx.stack
    if ctx.heading_level:
        kind_name, level = "heading", ctx.heading_level
    elif in_table:
        kind_name, level = "table-cell", 0
    elif "list" in ctx.stack:
        kind_name, level = "list-item", ctx.list_depth
    elif "quote" in ctx.stack:
        kind_name, level = "quote", 0
    elif images and not text.strip():
        kind_name, level = (
            "figure",
            0,
        )  # a paragraph that is only an image: its alt text is the caption
        # The image's own text is skipped: the caption is located at the start of its line.
        first = offsets[0] if offsets else _line_start(ctx, token)
        text, offsets = images[0][1], [first] * len(images[0][1])
    else:
        kind_name, level = "paragraph", 0
    start = offsets[0] if offsets else _line_start(ctx, token)
    line, column = doc.line_index.position(start) if doc.line_index else (1, 1)
    block = Block(
        kind=kind_name,
        text=text,
        location=Location(line, column),
        level=level,
        bold=bool(text.strip()) and not outside_strong,
        marks=marks,
        source=MarkdownSource(offsets),
        images=[Image(None, alt, src) for src, alt in images],
    )
    if kind_name == "list-item":
        block.list_item = _list_info(ctx, token)
    if kind_name == "table-cell" and ctx.cell is not None:
        block.cell = TableCell(*ctx.cell)
    return block


def _autolink_source(builder: _TextBuilder, shown: str) -> str:
    """The text of an autolink as the author typed it between «<» and «>»."""
    opening = builder.content.find("<", builder.cursor)
    closing = builder.content.find(">", opening + 1) if opening >= 0 else -1
    if opening < 0 or closing < 0:
        return shown
    return builder.content[opening + 1 : closing]


def _close(marks: list[InlineMark], opened: list[tuple[str, int]], kind: str, end: int) -> None:
    """Record a bold («strong») or italic («em») span, kept for the Word output."""
    for i in range(len(opened) - 1, -1, -1):
        if opened[i][0] == kind:
            start = opened.pop(i)[1]
            if end > start:
                marks.append(InlineMark(kind, start, end))
            return


def _list_info(ctx: _Context, token: Token) -> ListInfo:
    """The list item: ordered or not, the number a Markdown renderer shows for it (the list's
    start, counted on), and the marker as typed («1.», «-»)."""
    line = ctx.lines[(token.map or ctx.last_map or [0])[0]]
    match = re.match(r"\s*(?:>\s*)*([-*+]|[0-9]+[.)])\s", line)
    number = ctx.list_numbers[-1] if ctx.list_numbers else None
    return ListInfo(
        ordered=number is not None, number=number, marker=match.group(1) if match else ""
    )


def _int_attr(value: object, default: int) -> int:
    try:
        return int(str(value)) if value is not None else default
    except ValueError:
        return default
