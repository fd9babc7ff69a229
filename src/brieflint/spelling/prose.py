"""Which blocks are prose: the one list of block kinds every module counts, checks or scans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..arabic import ARABIC_LETTER, is_mostly_latin
from ..model import PROSE_KINDS, Block, BlockKind, Document

# What the spelling, punctuation and consistency checks read: prose, headings and figure text.
CHECKED_KINDS = PROSE_KINDS | {BlockKind.HEADING, BlockKind.FIGURE}


_EMAIL_OR_URL = re.compile(r"@|https?://|www\.", re.IGNORECASE)


def is_cover_text(block: Block) -> bool:
    """A cover block of Arabic free text (title, subtitle, author, affiliation, institution…);
    not an e-mail, a URL or an English field."""
    text = block.text.strip()
    return (
        bool(ARABIC_LETTER.search(text))
        and not is_mostly_latin(text)
        and not _EMAIL_OR_URL.search(text)
    )


def checked_blocks(doc: Document, outline: Any) -> Iterator[tuple[Block, int | None, bool]]:
    """(block, index in doc.blocks or None, is_reference_entry) for every checked block: the
    cover's free text (front-matter values, cover lines, Word cover paragraphs), the body, then
    notes. ``outline`` (outline.Outline, or None) says which blocks are the reference list."""
    for block in doc.cover_blocks:
        if is_cover_text(block):
            yield block, None, False
    references = set()
    if outline is not None:
        references = {i for s in outline.find("references") for i in s.block_indexes}
    for index, block in enumerate(doc.blocks):
        if block.kind in CHECKED_KINDS:
            yield block, index, index in references
    for note in doc.footnotes:
        for block in note.blocks:
            yield block, None, False
